#include <stdlib.h>
#include <string.h>

struct pending {
    int n;
    char data[1];
};

/* The old block is still reachable when realloc fails: saved first, or owned elsewhere. */
char *read_line(char *line, size_t *cap)
{
    char *oldval = line;

    *cap *= 2;
    line = realloc(line, *cap);
    if (line == NULL) {
        free(oldval);
        return NULL;
    }
    return line;
}

int pending_grow(struct pending **pp, size_t n)
{
    struct pending *p = *pp;

    p = realloc(p, sizeof(*p) + n);
    if (p == NULL) {
        free(*pp);
        *pp = NULL;
        return -1;
    }
    *pp = p;
    return 0;
}

/* realloc of a pointer known to be NULL allocates; there is no old block to lose. */
int first_block(size_t n)
{
    char *buf = NULL;

    buf = realloc(buf, n);
    if (buf == NULL)
        return -1;
    buf[0] = '\0';
    free(buf);
    return 0;
}
