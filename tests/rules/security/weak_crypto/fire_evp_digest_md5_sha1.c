#include <stddef.h>

/* As declared by <openssl/evp.h>. */
typedef struct evp_md_st EVP_MD;
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_pkey_ctx_st EVP_PKEY_CTX;
typedef struct engine_st ENGINE;
const EVP_MD *EVP_md5(void);
const EVP_MD *EVP_sha1(void);
const EVP_MD *EVP_md4(void);
int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
int EVP_DigestSignInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e,
                       EVP_PKEY *pkey);

int sign_release_manifest(EVP_MD_CTX *ctx, EVP_PKEY *signing_key)
{
    // expect@+1: security-weak-crypto {{'EVP_sha1' selects SHA-1, which is broken: collisions are practical (CWE-328)}}
    return EVP_DigestSignInit(ctx, NULL, EVP_sha1(), NULL, signing_key);
}

int start_checksum(EVP_MD_CTX *ctx, int legacy)
{
    const EVP_MD *md = legacy ? EVP_md4() : EVP_md5(); // expect: security-weak-crypto {{MD4}}
    // expect@-1: security-weak-crypto {{MD5}}
    return EVP_DigestInit_ex(ctx, md, NULL);
}
