/* Cursors a lock-free rule sets aside until an atomic operation needs what they say: most
 * functions hold none, so the plain assignments, writes and calls before one are examined
 * only when one comes, in the order the walk met them. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_DEFER_H
#define ECG_RULES_SUPPORT_ATOMICS_DEFER_H

#include <clang-c/Index.h>
#include <stddef.h>

struct rule_atomics_defer {
    CXCursor *items; /* owned; the cursors set aside, in walk order */
    size_t len;
    size_t cap;
};

/* Sets c aside. Returns 0, or ECG_ENOMEM (nothing added: examine c now, after the others). */
int rule_atomics_defer_push(struct rule_atomics_defer *d, CXCursor c);

/* Releases the list's array; the list is empty afterwards. */
void rule_atomics_defer_fini(struct rule_atomics_defer *d);

#endif
