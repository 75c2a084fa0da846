#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A length multiplied by a count typed in: the count is not a length, so the product can
 * wrap and the buffer ends up short. */
char *repeat_line(const char *line)
{
    char buf[32];
    long times;
    char *out;

    if (fgets(buf, sizeof buf, stdin) == NULL)
        return NULL;
    times = strtol(buf, NULL, 10);
    if (times <= 0)
        return NULL;
    // expect@+1: security-integer-overflow {{addition can overflow}}
    out = malloc(strlen(line) * times + 1); // expect: security-integer-overflow {{multiplication}}
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (long i = 0; i < times; i++)
        strcat(out, line);
    return out;
}
