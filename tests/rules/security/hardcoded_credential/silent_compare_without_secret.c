#include <string.h>

struct session {
    const char *user;
    const char *password;
    const char *method;
};

/* Comparisons of credentials with nothing, and of ordinary fields with literals. */
int session_usable(const struct session *s)
{
    if (strcmp(s->user, "anonymous") == 0)
        return 1;
    if (strcmp(s->method, "token") == 0)
        return 1;
    return s->password != NULL && strcmp(s->password, "") != 0;
}
