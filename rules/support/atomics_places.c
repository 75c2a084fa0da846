/* Sorted places; see atomics_places.h. Files are ordered by their handle's address, which
 * is stable for the unit's lifetime; only the order within one file matters. */
#include "rules/support/atomics_places.h"

#include <stdint.h>
#include <stdlib.h>

#include "analyzer/grow.h"

void rule_atomics_places_init(struct rule_atomics_places *p)
{
    p->items = NULL;
    p->len = 0;
    p->cap = 0;
    p->failed = 0;
}

void rule_atomics_places_fini(struct rule_atomics_places *p)
{
    free(p->items);
    rule_atomics_places_init(p);
}

void rule_atomics_places_add(struct rule_atomics_places *p, CXFile file, unsigned offset)
{
    if (p->failed)
        return;
    if (ecg_grow((void **)&p->items, &p->cap, p->len + 1, sizeof(*p->items)) != 0) {
        p->failed = 1;
        return;
    }
    p->items[p->len].file = file;
    p->items[p->len].offset = offset;
    p->len++;
}

/* Orders a before b: by file handle, then by offset. */
static int place_before(const struct rule_atomics_place *a, CXFile file, unsigned offset)
{
    if ((uintptr_t)a->file != (uintptr_t)file)
        return (uintptr_t)a->file < (uintptr_t)file;
    return a->offset < offset;
}

static int place_cmp(const void *x, const void *y)
{
    const struct rule_atomics_place *a = x;
    const struct rule_atomics_place *b = y;

    if (place_before(a, b->file, b->offset))
        return -1;
    return place_before(b, a->file, a->offset) ? 1 : 0;
}

void rule_atomics_places_sort(struct rule_atomics_places *p)
{
    if (p->len > 1)
        qsort(p->items, p->len, sizeof(*p->items), place_cmp);
}

int rule_atomics_places_any(const struct rule_atomics_places *p, CXFile file, unsigned from,
                            unsigned to)
{
    size_t lo = 0;
    size_t hi = p->len;

    if (p->failed)
        return 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (place_before(&p->items[mid], file, from))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->len && p->items[lo].file == file && p->items[lo].offset <= to;
}
