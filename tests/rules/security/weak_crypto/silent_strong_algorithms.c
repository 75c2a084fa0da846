#include <stddef.h>

/* As declared by <openssl/evp.h> and <crypt.h>. */
typedef struct evp_md_st EVP_MD;
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct engine_st ENGINE;
const EVP_MD *EVP_sha256(void);
const EVP_MD *EVP_sha3_256(void);
const EVP_CIPHER *EVP_aes_256_gcm(void);
const EVP_CIPHER *EVP_chacha20_poly1305(void);
const EVP_MD *EVP_get_digestbyname(const char *name);
int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);
char *crypt(const char *phrase, const char *setting);

int seal(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *nonce, int portable)
{
    const EVP_CIPHER *c = portable ? EVP_chacha20_poly1305() : EVP_aes_256_gcm();

    return EVP_EncryptInit_ex(ctx, c, NULL, key, nonce);
}

const EVP_MD *content_digest(int v3)
{
    if (v3)
        return EVP_sha3_256();
    return EVP_get_digestbyname("sha256");
}

const char *store_password(const char *password, const char *setting)
{
    if (setting != NULL)
        return crypt(password, setting); /* the setting comes from the stored hash */
    return crypt(password, "$6$rounds=656000$Q8dUeGHxX2wL7bQ1$");
}
