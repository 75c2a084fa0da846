// NULL passed to functions that test their parameter first, use it only under another
// condition, or do not read through it (free, a pointer stored or compared).
#include <stdlib.h>

struct entry {
    int hits;
};

static int entry_hits(const struct entry *e)
{
    if (e == NULL)
        return 0;
    return e->hits;
}

static int maybe_hits(const struct entry *e, int enabled)
{
    if (!enabled)
        return 0;
    return e->hits;
}

static void count_into(struct entry *e, int *total)
{
    if (*total > 10)
        e->hits++;
}

int totals(void)
{
    struct entry *none = NULL;
    int total = 0;
    total += entry_hits(none);
    total += maybe_hits(none, 0);
    count_into(none, &total);
    free(none);
    return total;
}
