// A recursive walk that only reads: no blocking call anywhere on the cycle.
#include <stddef.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct tree {
    struct tree *left;
    struct tree *right;
    long weight;
};

static long sum_right(const struct tree *t);

static long sum_left(const struct tree *t)
{
    return t == NULL ? 0 : t->weight + sum_right(t->left);
}

static long sum_right(const struct tree *t)
{
    return t == NULL ? 0 : sum_left(t->right);
}

ECG_NONBLOCKING long tree_weight(const struct tree *root)
{
    return sum_left(root);
}
