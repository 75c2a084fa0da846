// ecg-options: {"may_return_null": ["config_find"]}
// Results of functions documented to return NULL in an ordinary case (an unset variable, an
// unknown user, a lookup the option names) used before any test.
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct setting {
    int value;
};

struct setting *config_find(const char *key);

size_t home_length(void)
{
    const char *home = getenv("HOME");
    return strlen(home); // expect: security-null-dereference {{'getenv' returns NULL when the variable is not set}}
}

const char *user_dir(const char *login)
{
    struct passwd *pw;
    pw = getpwnam(login);
    return pw->pw_dir; // expect: security-null-dereference {{'pw' may be NULL here}}
}

int current_hour(time_t now)
{
    struct tm *tm = localtime(&now);
    return tm->tm_hour; // expect: security-null-dereference {{'localtime'}}
}

int setting_value(const char *key)
{
    struct setting *s = config_find(key);
    return s->value; // expect: security-null-dereference {{'config_find'}}
}

size_t shell_length(void)
{
    return strlen(getenv("SHELL")); // expect: security-null-dereference {{the result of 'getenv' may be NULL}}
}

int login_uid(const char *login)
{
    return (int)getpwnam(login)->pw_uid; // expect: security-null-dereference {{dereferenced}}
}
