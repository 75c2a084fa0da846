/* What the unit's functions do with NULL, for the calls of them walked later: which pointer
 * parameters a function dereferences before testing, which it returns only when they are not
 * NULL, whether it returns an allocation it did not test or never returns. One table per
 * unit, keyed by a function's canonical declaration. */
#ifndef ECG_RULES_SUPPORT_NULLSUM_H
#define ECG_RULES_SUPPORT_NULLSUM_H

#include <clang-c/Index.h>

struct rule_nullsum;

struct rule_nullsum_fn {
    unsigned deref_params;   /* bit i: dereferences parameter i before any test (i < 32) */
    unsigned ensures_params; /* bit i: returns only when parameter i is not NULL */
    int returns_fresh;       /* returns an allocation result it did not test */
    int noreturn;            /* never returns */
};

/* An empty table, or NULL when memory runs out. Free with rule_nullsum_free. */
struct rule_nullsum *rule_nullsum_new(void);

/* Releases t; NULL is a no-op. */
void rule_nullsum_free(struct rule_nullsum *t);

/* The summary of the function decl (any of its declarations), or NULL when none was added.
 * Borrowed: valid until the next rule_nullsum_add. */
const struct rule_nullsum_fn *rule_nullsum_find(const struct rule_nullsum *t, CXCursor decl);

/* Adds, or replaces, the summary of the function fn. Returns 0 or ECG_ENOMEM. */
int rule_nullsum_add(struct rule_nullsum *t, CXCursor fn, const struct rule_nullsum_fn *s);

/* A byte the caller keeps about the called function decl (facts worked out once per
 * function: noreturn, allocator ...), zero and *added set when new; NULL when memory ran
 * out. Valid until the next call. */
unsigned char *rule_nullsum_callee(struct rule_nullsum *t, CXCursor decl, int *added);

#endif
