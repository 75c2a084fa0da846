#include <stddef.h>

/* As declared by <openssl/evp.h> and <openssl/aes.h>. */
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct engine_st ENGINE;
typedef struct aes_key_st {
    unsigned int rd_key[60];
    int rounds;
} AES_KEY;
const EVP_CIPHER *EVP_aes_128_ecb(void);
const EVP_CIPHER *EVP_aes_256_ecb(void);
int EVP_DecryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);
void AES_ecb_encrypt(const unsigned char *in, unsigned char *out, const AES_KEY *key,
                     const int enc);

int decrypt_record(EVP_CIPHER_CTX *ctx, const unsigned char *key, int wide)
{
    const EVP_CIPHER *c = wide ? EVP_aes_256_ecb() : EVP_aes_128_ecb(); // expect: security-weak-crypto {{'EVP_aes_256_ecb' selects ECB mode, which encrypts equal plaintext blocks}}
    // expect@-1: security-weak-crypto {{'EVP_aes_128_ecb'}}
    return EVP_DecryptInit_ex(ctx, c, NULL, key, NULL);
}

void encrypt_cookie(unsigned char block[16], const AES_KEY *key)
{
    AES_ecb_encrypt(block, block, key, 1); // expect: security-weak-crypto {{authenticated mode}}
}
