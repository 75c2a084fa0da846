#include <stdlib.h>
#include <string.h>

int parse(const char *text);

/* One branch frees the copy and carries on to the common use. */
int parse_copy(const char *src)
{
    char *copy = strdup(src);
    int rc;

    if (copy == NULL)
        return -1;
    if (strlen(copy) > 64)
        free(copy);
    rc = parse(copy); // expect: security-use-after-free {{'copy' is passed to 'parse'}}
    free(copy); // expect: security-use-after-free {{'copy' is freed again}}
    return rc;
}

enum shape { SHAPE_LIST, SHAPE_SET, SHAPE_MAP };

struct value {
    enum shape shape;
    char *items;
};

/* SHAPE_SET passes both tests. */
void value_release(struct value *v)
{
    if (v->shape == SHAPE_LIST || v->shape == SHAPE_SET)
        free(v->items);
    if (v->shape == SHAPE_SET || v->shape == SHAPE_MAP)
        free(v->items); // expect: security-use-after-free {{'v->items' is freed again}}
}
