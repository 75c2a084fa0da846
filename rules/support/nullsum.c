/* Null-related summaries of the unit's functions; see nullsum.h. Both tables are cursor maps
 * (analyzer/cursormap.h) with a parallel array of values. */
#include "rules/support/nullsum.h"

#include <stdint.h>
#include <stdlib.h>

#include "analyzer/cursormap.h"
#include "analyzer/error.h"

struct rule_nullsum {
    struct ecg_cursormap fns;     /* summarised functions, canonical */
    struct rule_nullsum_fn *sums; /* owned; per index of fns */
    size_t cap_sums;
    struct ecg_cursormap callees; /* called functions, canonical */
    unsigned char *bytes;         /* owned; per index of callees */
    size_t cap_bytes;
};

struct rule_nullsum *rule_nullsum_new(void)
{
    struct rule_nullsum *t = calloc(1, sizeof(*t));

    if (t != NULL) {
        ecg_cursormap_init(&t->fns);
        ecg_cursormap_init(&t->callees);
    }
    return t;
}

void rule_nullsum_free(struct rule_nullsum *t)
{
    if (t == NULL)
        return;
    ecg_cursormap_fini(&t->fns);
    ecg_cursormap_fini(&t->callees);
    free(t->sums);
    free(t->bytes);
    free(t);
}

/* Makes room for index i in *items of size bytes each (*cap of them). */
static int ns_reserve(void **items, size_t *cap, size_t i, size_t size)
{
    size_t want = *cap != 0 ? *cap : 64;
    void *grown;

    if (i < *cap)
        return 0;
    while (want <= i)
        want *= 2;
    grown = realloc(*items, want * size);
    if (grown == NULL)
        return ECG_ENOMEM;
    *items = grown;
    *cap = want;
    return 0;
}

const struct rule_nullsum_fn *rule_nullsum_find(const struct rule_nullsum *t, CXCursor decl)
{
    long i;

    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return NULL;
    i = ecg_cursormap_find(&t->fns, clang_getCanonicalCursor(decl));
    return i >= 0 ? &t->sums[i] : NULL;
}

int rule_nullsum_add(struct rule_nullsum *t, CXCursor fn, const struct rule_nullsum_fn *s)
{
    uint32_t i;
    int added = 0;

    /* room first: a key interned without its value would be read past the array */
    if (ns_reserve((void **)&t->sums, &t->cap_sums, t->fns.len, sizeof(*t->sums)) != 0 ||
        ecg_cursormap_intern(&i, &added, &t->fns, clang_getCanonicalCursor(fn)) != 0)
        return ECG_ENOMEM;
    t->sums[i] = *s;
    return 0;
}

unsigned char *rule_nullsum_callee(struct rule_nullsum *t, CXCursor decl, int *added)
{
    uint32_t i;

    *added = 0;
    if (ns_reserve((void **)&t->bytes, &t->cap_bytes, t->callees.len, 1) != 0 ||
        ecg_cursormap_intern(&i, added, &t->callees, clang_getCanonicalCursor(decl)) != 0)
        return NULL;
    if (*added)
        t->bytes[i] = 0;
    return &t->bytes[i];
}
