#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The helper frees its result before returning it. */
static char *reverse_copy(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = s[n - i - 1];
    out[n] = '\0';
    free(out);
    return out;
}

void print_reversed(const char *s)
{
    char *r = reverse_copy(s);

    puts(r); // expect: security-use-after-free {{'r' is passed to 'puts' after it was freed by 'reverse_copy()'}}
}
