#include <string.h>

void legacy(char *dst, const char *src)
{
    strcpy(dst, src); // NOLINT(security-banned-function): dst is sized by the caller
    // NOLINTNEXTLINE(security-*)
    strcat(dst, src);
}
