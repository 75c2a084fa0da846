#include <stdlib.h>
#include <string.h>

/* A check that the source was allocated is not a check of its length. */
void copy_checked_pointer(void)
{
    char *line = malloc(100);
    char dest[50];

    if (line == NULL)
        exit(1);
    memset(line, 'A', 99);
    line[99] = '\0';
    if (line[0] != '\0')
        memcpy(dest, line, strlen(line)); // expect: security-buffer-overflow {{writes 99 bytes}}
    free(line);
}
