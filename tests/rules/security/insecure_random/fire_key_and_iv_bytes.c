#include <stdlib.h>

struct cipher_params {
    unsigned char key[32];
    unsigned char iv[16];
};

void make_params(struct cipher_params *p)
{
    for (int i = 0; i < 32; i++)
        p->key[i] = (unsigned char)(rand() & 0xff); // expect: security-insecure-random {{stored in 'key'}}
    for (int i = 0; i < 16; i++)
        p->iv[i] = random() % 256; // expect: security-insecure-random {{'random'}}
}

void make_wrapping_key(unsigned char *wrapKey, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wrapKey[i] ^= (unsigned char)lrand48(); // expect: security-insecure-random {{'lrand48'}}
}
