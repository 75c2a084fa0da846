#include <string.h>

#define PASSWORD "ABCD1234!"

int authenticate(const char *user, const char *password);

/* The password buffer is filled from a constant instead of being read at run time. */
int connect_as_operator(void)
{
    char *password;
    char passwordBuffer[100] = "";

    password = passwordBuffer;
    strcpy(password, PASSWORD); // expect:22: security-hardcoded-credential {{'password' receives a hard-coded credential}}
    return authenticate("operator", password);
}

struct account {
    char name[32];
    char passwd[64];
};

void seed_guest(struct account *acct)
{
    strncpy(acct->name, "guest", sizeof(acct->name) - 1);
    strncpy(acct->passwd, "guest2024", sizeof(acct->passwd) - 1); // expect: security-hardcoded-credential {{'passwd' receives}}
}
