#include <stdlib.h>

struct vec {
    int *items;
    size_t cap;
};

/* On failure realloc leaves the old block alone: freeing it then is right. */
int vec_grow(struct vec *v)
{
    size_t cap = v->cap * 2 + 1;
    int *items = realloc(v->items, cap * sizeof(*items));

    if (items == NULL) {
        free(v->items);
        v->items = NULL;
        return -1;
    }
    v->items = items;
    v->cap = cap;
    v->items[0] = 0;
    return 0;
}
