#include <stddef.h>
#include <string.h>

/* As declared by <openssl/evp.h> and <openssl/hmac.h>. */
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct evp_md_st EVP_MD;
typedef struct engine_st ENGINE;
const EVP_CIPHER *EVP_aes_256_gcm(void);
const EVP_MD *EVP_sha256(void);
int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d,
                    size_t n, unsigned char *md, unsigned int *md_len);

#define CRYPT_KEY "Hardcoded"

void derive_file_key(char *cryptKey)
{
    strcpy(cryptKey, CRYPT_KEY); // expect: security-hardcoded-credential {{'cryptKey' receives}}
}

int seal_record(EVP_CIPHER_CTX *ctx, const unsigned char *iv)
{
    // expect@+1: security-hardcoded-credential {{hard-coded key passed to 'EVP_EncryptInit_ex' (argument 4)}}
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, (const unsigned char *)"0123456789abcdef0123456789abcdef", iv);
}

unsigned char *sign_webhook(const unsigned char *body, size_t n, unsigned char mac[32])
{
    return HMAC(EVP_sha256(), "whsec_4f1c2a", 12, body, n, mac, NULL); // expect: security-hardcoded-credential {{'HMAC'}}
}

static const unsigned char aes_key[16] = { // expect: security-hardcoded-credential {{hard-coded key bytes (CWE-321)}}
    0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

const unsigned char *current_key(void)
{
    return aes_key;
}
