#include <stdlib.h>
#include <string.h>

/* After a successful realloc the old pointer is dangling. */
char *grow(char *buf, size_t old_size, size_t new_size)
{
    char *bigger = realloc(buf, new_size);

    if (bigger == NULL)
        return buf;
    memcpy(bigger, buf, old_size); // expect: security-use-after-free {{'buf' is passed to 'memcpy' after it was freed by 'realloc()'}}
    return bigger;
}
