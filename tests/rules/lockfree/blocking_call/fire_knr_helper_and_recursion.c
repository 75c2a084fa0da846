// An old-style (K&R) helper and mutual recursion on the path: the search terminates and
// still finds the free two calls down.
#include <stdlib.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct tree {
    struct tree *left;
    struct tree *right;
    int owned;
};

static void release(p)
    void *p;
{
    free(p);
}

static void prune_right(struct tree *t);

static void prune_left(struct tree *t)
{
    if (t == NULL)
        return;
    prune_right(t->left);
    if (t->owned)
        release(t);
}

static void prune_right(struct tree *t)
{
    if (t != NULL)
        prune_left(t->right);
}

ECG_NONBLOCKING void tree_trim(struct tree *root)
{
    prune_left(root); // expect: lockfree-blocking-call {{'prune_left' -> 'release' -> 'free'}}
}
