#include <string.h>

/* The source string's length is known to be too long for the destination, but the code
 * looks at it before copying: by an early return or by the condition around the copy. */
void copy_checked_early(void)
{
    char source[100];
    char dest[50];

    memset(source, 'A', 99);
    source[99] = '\0';
    if (strlen(source) >= sizeof(dest))
        return;
    strcpy(dest, source);
}

void copy_checked_around(void)
{
    char source[100];
    char dest[50];

    memset(source, 'A', 99);
    source[99] = '\0';
    if (strlen(source) < sizeof(dest)) {
        memcpy(dest, source, strlen(source) + 1);
    }
}
