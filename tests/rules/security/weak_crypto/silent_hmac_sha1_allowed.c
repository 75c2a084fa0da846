#include <stddef.h>

/* As declared by <openssl/hmac.h> and <openssl/evp.h>. */
typedef struct evp_md_st EVP_MD;
typedef struct engine_st ENGINE;
typedef struct hmac_ctx_st HMAC_CTX;
const EVP_MD *EVP_sha1(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d,
                    size_t n, unsigned char *md, unsigned int *md_len);
int HMAC_Init_ex(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md, ENGINE *impl);
int PKCS5_PBKDF2_HMAC(const char *pass, int passlen, const unsigned char *salt, int saltlen,
                      int iter, const EVP_MD *digest, int keylen, unsigned char *out);

/* RFC 6238 TOTP is defined over HMAC-SHA-1; HMAC does not need collision resistance. */
unsigned char *totp_mac(const unsigned char *secret, int n, const unsigned char counter[8],
                        unsigned char out[20])
{
    return HMAC(EVP_sha1(), secret, n, counter, 8, out, NULL);
}

int wpa_psk(const char *passphrase, int len, const unsigned char *ssid, int ssid_len,
            unsigned char pmk[32])
{
    return PKCS5_PBKDF2_HMAC(passphrase, len, ssid, ssid_len, 4096, EVP_sha1(), 32, pmk);
}

int mac_start(HMAC_CTX *ctx, const unsigned char *key, int len)
{
    return HMAC_Init_ex(ctx, key, len, (EVP_sha1()), NULL);
}
