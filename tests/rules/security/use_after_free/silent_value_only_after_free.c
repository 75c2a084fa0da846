#include <stdio.h>
#include <stdlib.h>

struct parent {
    struct parent *child;
};

/* Comparing or printing a freed pointer's value does not read the block. */
static void unlink_child(struct parent *p, struct parent *gone)
{
    if (p->child == gone)
        p->child = NULL;
}

void drop_child(struct parent *p)
{
    struct parent *c = p->child;

    free(c);
    printf("freed %p\n", (void *)c);
    unlink_child(p, c);
}
