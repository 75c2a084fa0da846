/* Places in a unit's files (a file and a byte offset), sorted once, then asked whether any
 * lies in a span of a file: the atomics reader asks whether a function's text holds a
 * wrapper macro's expansion (or an #include, which could bring one) before it looks for one
 * at each expression. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_PLACES_H
#define ECG_RULES_SUPPORT_ATOMICS_PLACES_H

#include <clang-c/Index.h>
#include <stddef.h>

struct rule_atomics_place {
    CXFile file;
    unsigned offset;
};

struct rule_atomics_places {
    struct rule_atomics_place *items; /* owned; sorted by file, then offset, after _sort */
    size_t len;
    size_t cap;
    int failed; /* memory ran out: some places are missing, so no span can be ruled out */
};

/* Prepares an empty list in the caller's storage. */
void rule_atomics_places_init(struct rule_atomics_places *p);

/* Releases the list's array. */
void rule_atomics_places_fini(struct rule_atomics_places *p);

/* Adds a place; sets p->failed when memory runs out. Call before rule_atomics_places_sort. */
void rule_atomics_places_add(struct rule_atomics_places *p, CXFile file, unsigned offset);

/* Sorts the places for rule_atomics_places_any. */
void rule_atomics_places_sort(struct rule_atomics_places *p);

/* Nonzero when a place lies in file between the offsets from and to (both included), or when
 * p->failed. */
int rule_atomics_places_any(const struct rule_atomics_places *p, CXFile file, unsigned from,
                            unsigned to);

#endif
