#include <stdlib.h>

struct cache {
    char *data;
    size_t len;
};

/* The pointer is cleared when freed, so later tests and frees see NULL. */
void cache_clear(struct cache *c)
{
    free(c->data);
    c->data = NULL;
    c->len = 0;
    if (c->data)
        c->data[0] = '\0';
    free(c->data);
}

void buffer_cycle(size_t n)
{
    char *p = malloc(n);

    free(p);
    p = NULL;
    if (p != NULL)
        p[0] = 1;
    p = malloc(n);
    if (p == NULL)
        return;
    p[0] = 2;
    free(p);
}
