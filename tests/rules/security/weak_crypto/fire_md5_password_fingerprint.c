#include <stddef.h>
#include <string.h>

/* As declared by <openssl/md5.h>. */
typedef struct MD5state_st {
    unsigned int A, B, C, D, Nl, Nh, data[16], num;
} MD5_CTX;
int MD5_Init(MD5_CTX *c);
int MD5_Update(MD5_CTX *c, const void *data, size_t len);
int MD5_Final(unsigned char *md, MD5_CTX *c);
unsigned char *MD5(const unsigned char *d, size_t n, unsigned char *md);

/* Stores a password "hash" in the user table. */
void user_store_password(unsigned char digest[16], const char *password)
{
    MD5((const unsigned char *)password, strlen(password), digest); // expect: security-weak-crypto {{'MD5' selects MD5, which is broken}}
}

void user_hash_salted(unsigned char digest[16], const char *salt, const char *password)
{
    MD5_CTX ctx;

    MD5_Init(&ctx); // expect: security-weak-crypto {{SHA-256}}
    MD5_Update(&ctx, salt, strlen(salt));
    MD5_Update(&ctx, password, strlen(password));
    MD5_Final(digest, &ctx);
}
