#include <stddef.h>

/* As declared by <openssl/rc4.h>, <openssl/blowfish.h> and <openssl/evp.h>. */
typedef struct rc4_key_st {
    unsigned int x, y, data[256];
} RC4_KEY;
typedef struct bf_key_st {
    unsigned int P[18], S[4 * 256];
} BF_KEY;
typedef struct evp_cipher_st EVP_CIPHER;
void RC4_set_key(RC4_KEY *key, int len, const unsigned char *data);
void RC4(RC4_KEY *key, size_t len, const unsigned char *indata, unsigned char *outdata);
void BF_set_key(BF_KEY *key, int len, const unsigned char *data);
const EVP_CIPHER *EVP_rc4(void);
const EVP_CIPHER *EVP_bf_cbc(void);

struct stream {
    RC4_KEY rc4;
};

void stream_init(struct stream *s, const unsigned char *key, int len)
{
    RC4_set_key(&s->rc4, len, key); // expect: security-weak-crypto {{RC4, which has a biased keystream}}
}

void stream_xor(struct stream *s, unsigned char *buf, size_t n)
{
    RC4(&s->rc4, n, buf, buf); // expect: security-weak-crypto {{RC4}}
}

const EVP_CIPHER *pick_cipher(int fast)
{
    if (fast)
        return EVP_rc4(); // expect: security-weak-crypto {{RC4}}
    return EVP_bf_cbc(); // expect: security-weak-crypto {{Blowfish, which is a 64-bit block cipher}}
}

void blob_key(BF_KEY *bf, const unsigned char *key)
{
    BF_set_key(bf, 16, key); // expect: security-weak-crypto {{Blowfish}}
}
