#include <string.h>

void join(char *dst, const char *a, const char *b)
{
    strcpy(dst, a); // expect: security-banned-function
    strcat(dst, b); // expect: security-banned-function {{strncat}}
}
