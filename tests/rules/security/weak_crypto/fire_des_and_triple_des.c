#include <stddef.h>

/* As declared by <openssl/evp.h> and <openssl/des.h>. */
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct engine_st ENGINE;
typedef unsigned char DES_cblock[8];
typedef struct DES_ks {
    union {
        DES_cblock cblock;
        unsigned int deslong[2];
    } ks[16];
} DES_key_schedule;
const EVP_CIPHER *EVP_des_cbc(void);
const EVP_CIPHER *EVP_des_ede3_cbc(void);
int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);
int DES_set_key_checked(DES_cblock *key, DES_key_schedule *schedule);
void DES_ecb_encrypt(DES_cblock *input, DES_cblock *output, DES_key_schedule *ks, int enc);

int vault_open(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    return EVP_EncryptInit_ex(ctx, EVP_des_cbc(), NULL, key, iv); // expect: security-weak-crypto {{'EVP_des_cbc' selects DES, which has a 56-bit key}}
}

int vault_open_legacy(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    const EVP_CIPHER *cipher = EVP_des_ede3_cbc(); // expect: security-weak-crypto {{Triple DES}}

    return EVP_EncryptInit_ex(ctx, cipher, NULL, key, iv);
}

void token_scramble(DES_cblock *key, DES_cblock *block)
{
    DES_key_schedule ks;

    if (DES_set_key_checked(key, &ks) != 0) // expect: security-weak-crypto {{AES-GCM or ChaCha20-Poly1305}}
        return;
    DES_ecb_encrypt(block, block, &ks, 1); // expect: security-weak-crypto {{DES}}
}
