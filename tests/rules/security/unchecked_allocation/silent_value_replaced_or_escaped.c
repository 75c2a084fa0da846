// The allocation's value is gone before the use: replaced by another value, handed over
// through its address, or tested through a copy.
#include <stdlib.h>
#include <string.h>

int fill(char **out);

void replaced(char *fallback, size_t n)
{
    char *p = malloc(n);
    free(p);
    p = fallback;
    p[0] = '\0';
}

void through_address(size_t n)
{
    char *p = malloc(n);
    free(p);
    if (fill(&p) != 0)
        return;
    p[0] = '\0';
}

void tested_through_copy(size_t n)
{
    char *p = malloc(n);
    char *q = p;
    if (q == NULL)
        return;
    p[0] = '\0';
    free(p);
}

void fallback_when_null(char *spare, size_t n)
{
    char *p = malloc(n);
    if (p == NULL)
        p = spare;
    p[0] = '\0';
}
