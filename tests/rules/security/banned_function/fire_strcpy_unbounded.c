#include <string.h>

struct user {
    char name[16];
};

void set_name(struct user *u, const char *src)
{
    strcpy(u->name, src); // expect:5: security-banned-function {{'strcpy' cannot bound its output}}
}

void copy_any(char *dst, const char *src)
{
    // expect@+1: security-banned-function
    strcpy(dst, src);
}
