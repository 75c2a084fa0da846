#include <stdio.h>
#include <string.h>

/* Names that talk about a credential without holding one. */
#define PASSWORD_PROMPT "Password: "
#define OPT_PASSWORD "password"
#define TOKEN_HEADER_NAME "X-Auth-Token"

static const char *password_env_var = "APP_DB_PASSWORD";
static const char *secret_file = "/run/secrets/app";
static const char *password_hint = "at least 12 characters";
static const char *const password_chars = "abcdefghijklmnopqrstuvwxyz0123456789";

struct field {
    const char *name;
    const char *label;
};

static const struct field login_fields[] = {
    { "user", "User name" },
    { "password", "Password" },
};

int prompt(char *out, size_t n)
{
    const char *password_key = "password";
    size_t token_len = strlen(TOKEN_HEADER_NAME);

    fputs(PASSWORD_PROMPT, stdout);
    (void)password_key;
    (void)token_len;
    (void)OPT_PASSWORD;
    (void)password_env_var;
    (void)secret_file;
    (void)password_hint;
    (void)password_chars;
    (void)login_fields;
    return fgets(out, (int)n, stdin) != NULL;
}
