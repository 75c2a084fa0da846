#include <stddef.h>

/* Tables that describe command arguments and options: the literals name fields. */
struct arg_spec {
    const char *name;
    int type;
    const char *token;
};

static const struct arg_spec auth_username_password_args[] = {
    { "username", 1, NULL },
    { "password", 1, NULL },
    { NULL, 0, NULL },
};

static const char *const password_options[] = { "--password", "-p" };

const struct arg_spec *auth_args(const char **first_option)
{
    *first_option = password_options[0];
    return auth_username_password_args;
}
