#include <string.h>

/* A backdoor-style check: the accepted password is in the binary. */
int check_login(const char *user, const char *password)
{
    if (strcmp(user, "admin") == 0 && strcmp(password, "letmein!") == 0) // expect: security-hardcoded-credential {{'strcmp' compares 'password' with a hard-coded credential}}
        return 1;
    return 0;
}

struct request {
    const char *path;
    const char *auth_token;
};

int is_internal(const struct request *req)
{
    return strncmp("tok_live_51Hx", req->auth_token, 13) == 0; // expect: security-hardcoded-credential {{'auth_token'}}
}
