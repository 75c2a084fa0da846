#include <stddef.h>
#include <sys/random.h>

/* As declared by <openssl/rand.h> and <stdlib.h> on the BSDs. */
int RAND_bytes(unsigned char *buf, int num);
void arc4random_buf(void *buf, size_t nbytes);

/* The correct version: a cryptographic generator fills the secret. */
int new_key_and_iv(unsigned char key[32], unsigned char iv[16], char token[33])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[16];

    if (RAND_bytes(key, 32) != 1)
        return -1;
    arc4random_buf(iv, 16);
    if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
        return -1;
    for (int i = 0; i < 16; i++) {
        token[2 * i] = hex[raw[i] >> 4];
        token[2 * i + 1] = hex[raw[i] & 15];
    }
    token[32] = '\0';
    return 0;
}
