/* As declared by <crypt.h>. */
char *crypt(const char *phrase, const char *setting);

int check_login(const char *typed, const char *stored)
{
    const char *h = crypt(typed, "ab"); // expect: security-weak-crypto {{the DES-based crypt(3) scheme}}

    return h != 0 && stored != 0;
}

const char *hash_for_storage(const char *password)
{
    return crypt(password, "$1$r4nd0m$"); // expect: security-weak-crypto {{'$6$' (SHA-512)}}
}
