// Uses that are not dereferences: sizeof is not evaluated, free and realloc accept NULL,
// passing the pointer to a function that tests it, comparing and returning it.
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    int value;
};

struct node *make_node(void)
{
    struct node *n = malloc(sizeof(*n));
    if (n == NULL)
        return NULL;
    n->next = NULL;
    return n;
}

int *grow(int *values, size_t n)
{
    int *bigger = realloc(values, n * sizeof(*bigger));
    if (bigger == NULL) {
        free(values);
        return NULL;
    }
    return bigger;
}

void release_early(size_t n)
{
    char *p = malloc(n);
    free(p);
}

char *dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

void store(char **slot, size_t n)
{
    char *p = malloc(n);
    *slot = p;
}
