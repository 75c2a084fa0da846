// ecg-options: {"allow_sha1_hmac": false}
#include <stddef.h>

/* As declared by <openssl/hmac.h>. */
typedef struct evp_md_st EVP_MD;
typedef struct engine_st ENGINE;
const EVP_MD *EVP_sha1(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d,
                    size_t n, unsigned char *md, unsigned int *md_len);

unsigned char *totp_mac(const unsigned char *secret, int n, const unsigned char counter[8],
                        unsigned char out[20])
{
    return HMAC(EVP_sha1(), secret, n, counter, 8, out, NULL); // expect: security-weak-crypto {{SHA-1}}
}
