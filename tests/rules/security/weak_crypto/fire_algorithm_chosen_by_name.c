#include <stddef.h>

/* As declared by <openssl/evp.h>. */
typedef struct evp_md_st EVP_MD;
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct ossl_lib_ctx_st OSSL_LIB_CTX;
const EVP_MD *EVP_get_digestbyname(const char *name);
const EVP_CIPHER *EVP_get_cipherbyname(const char *name);
EVP_CIPHER *EVP_CIPHER_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties);
EVP_MD *EVP_MD_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties);

#define LEGACY_DIGEST "md5"

const EVP_MD *legacy_digest(void)
{
    return EVP_get_digestbyname(LEGACY_DIGEST); // expect: security-weak-crypto {{'EVP_get_digestbyname("md5")' selects MD5}}
}

const EVP_CIPHER *legacy_cipher(void)
{
    return EVP_get_cipherbyname("des-ede3-cbc"); // expect: security-weak-crypto {{Triple DES}}
}

EVP_CIPHER *table_cipher(OSSL_LIB_CTX *libctx)
{
    return EVP_CIPHER_fetch(libctx, "AES-128-ECB", NULL); // expect: security-weak-crypto {{ECB mode}}
}

EVP_MD *id_digest(OSSL_LIB_CTX *libctx)
{
    return EVP_MD_fetch(libctx, "SHA1", NULL); // expect: security-weak-crypto {{SHA-1}}
}
