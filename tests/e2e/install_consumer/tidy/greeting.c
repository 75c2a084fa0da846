/* Builds a greeting into the caller's buffer. GREETING_PREFIX comes from the build. */
#include <string.h>

#ifndef GREETING_PREFIX
#error "GREETING_PREFIX must come from the build"
#endif

size_t greeting_write(char *dst, size_t size, const char *name);

size_t greeting_write(char *dst, size_t size, const char *name)
{
    size_t len = strlen(GREETING_PREFIX) + strlen(name);

    if (len >= size)
        return 0;
    strcpy(dst, GREETING_PREFIX);
    strcat(dst, name);
    return len;
}
