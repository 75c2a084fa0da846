#include <stddef.h>

/* As declared by <gcrypt.h>. */
enum gcry_md_algos {
    GCRY_MD_NONE = 0,
    GCRY_MD_MD5 = 1,
    GCRY_MD_SHA1 = 2,
    GCRY_MD_SHA256 = 8,
};
enum gcry_cipher_algos {
    GCRY_CIPHER_3DES = 2,
    GCRY_CIPHER_BLOWFISH = 4,
    GCRY_CIPHER_AES256 = 9,
    GCRY_CIPHER_ARCFOUR = 301,
};
enum gcry_cipher_modes {
    GCRY_CIPHER_MODE_ECB = 1,
    GCRY_CIPHER_MODE_CBC = 3,
    GCRY_CIPHER_MODE_GCM = 9,
};
typedef struct gcry_md_handle *gcry_md_hd_t;
typedef struct gcry_cipher_handle *gcry_cipher_hd_t;
typedef unsigned int gcry_error_t;
gcry_error_t gcry_md_open(gcry_md_hd_t *h, int algo, unsigned int flags);
gcry_error_t gcry_cipher_open(gcry_cipher_hd_t *h, int algo, int mode, unsigned int flags);
void gcry_md_hash_buffer(int algo, void *digest, const void *buffer, size_t length);

gcry_error_t open_digest(gcry_md_hd_t *h)
{
    return gcry_md_open(h, GCRY_MD_MD5, 0); // expect: security-weak-crypto {{'GCRY_MD_MD5' selects MD5}}
}

void quick_id(unsigned char out[20], const void *data, size_t n)
{
    gcry_md_hash_buffer(GCRY_MD_SHA1, out, data, n); // expect: security-weak-crypto {{SHA-1}}
}

gcry_error_t open_cipher(gcry_cipher_hd_t *h, int legacy)
{
    if (legacy)
        return gcry_cipher_open(h, GCRY_CIPHER_3DES, GCRY_CIPHER_MODE_CBC, 0); // expect: security-weak-crypto {{Triple DES}}
    // expect@+1: security-weak-crypto {{ECB mode}}
    return gcry_cipher_open(h, GCRY_CIPHER_AES256, GCRY_CIPHER_MODE_ECB, 0);
}

static const int default_stream_cipher = GCRY_CIPHER_ARCFOUR; // expect: security-weak-crypto {{RC4}}
