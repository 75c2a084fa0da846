/* The cursors a lock-free rule sets aside; see atomics_defer.h. */
#include "rules/support/atomics_defer.h"

#include <stdlib.h>

#include "analyzer/grow.h"

int rule_atomics_defer_push(struct rule_atomics_defer *d, CXCursor c)
{
    int rc = ecg_grow((void **)&d->items, &d->cap, d->len + 1, sizeof(*d->items));

    if (rc != 0)
        return rc;
    d->items[d->len++] = c;
    return 0;
}

void rule_atomics_defer_fini(struct rule_atomics_defer *d)
{
    free(d->items);
    d->items = NULL;
    d->len = 0;
    d->cap = 0;
}
