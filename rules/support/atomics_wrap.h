/* Atomic operations written through wrappers: the built-in profiles of ConcurrencyKit and
 * liburcu, the wrappers a project declares (option atomic_wrappers) and the functions of a
 * unit whose body is one atomic operation on a pointer parameter. A wrapper says which of
 * its arguments carry the object, the value, the expected value and the memory order. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_WRAP_H
#define ECG_RULES_SUPPORT_ATOMICS_WRAP_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "rules/support/atomics.h"

#define RULE_ATOMICS_WRAP_NAME 64 /* longest wrapper name kept, with its '\0' */

/* How a wrapper's argument reaches the object: a pointer to it, or the object itself. */
enum rule_atomics_wrap_object {
    RULE_ATOMICS_WRAP_POINTER, /* f(&x) or f(p): the argument points to the object */
    RULE_ATOMICS_WRAP_LVALUE,  /* M(x): the argument is the object (a macro) */
};

/* One wrapper. Argument indices count from 0; -1 means the wrapper has no such argument. */
struct rule_atomics_wrapper {
    char name[RULE_ATOMICS_WRAP_NAME]; /* function or macro; a trailing '*' matches a prefix */
    enum rule_atomics_kind kind;
    enum rule_atomics_family family; /* the builtin family of an inferred wrapper's body */
    enum rule_atomics_wrap_object object_mode;
    int object_arg;
    int value_arg;
    int expected_arg;
    int order_arg;                   /* -1: order holds the wrapper's fixed order */
    int failure_arg;                 /* -1: failure holds the fixed failure order */
    enum rule_atomics_order order;   /* when order_arg is -1 */
    enum rule_atomics_order failure; /* compare-exchange, when failure_arg is -1 */
};

/* The built-in profiles (ck_pr_*, uatomic_*, CMM_*_SHARED, rcu_dereference, ...): a static
 * array of *out_n wrappers. */
const struct rule_atomics_wrapper *rule_atomics_wrap_profiles(size_t *out_n);

/* Nonzero when name can be one of the profiles' (it has one of their prefixes): a quick
 * test before rule_atomics_wrap_find on them. */
int rule_atomics_wrap_maybe_profile(const char *name);

/* Parses one atomic_wrappers entry, 'name=kind(role,...)@order' (docs/rules/
 * lockfree-invalid-memory-order.md, "Wrapper functions"), into *out. Returns 1, or 0 when the
 * entry does not parse (*out is then untouched). */
int rule_atomics_wrap_parse(struct rule_atomics_wrapper *out, const char *entry);

/* The first wrapper of list[0..n) whose name matches name (exactly, or as a prefix when the
 * wrapper's ends in '*'), or NULL. */
const struct rule_atomics_wrapper *rule_atomics_wrap_find(const struct rule_atomics_wrapper *list,
                                                          size_t n, const char *name);

/* When fn (a function definition of tu) performs exactly one atomic operation, on an object
 * one of its pointer parameters points to, describes it as a wrapper in *out (without a name)
 * and returns 1; returns 0 otherwise. Walks fn's body once, visiting children through the memo
 * kids (atomics_kids.h; NULL: plain visits): the operation read at a cursor and its operands'
 * readings share them. */
int rule_atomics_wrap_infer_memo(struct rule_atomics_wrapper *out, CXTranslationUnit tu,
                                 struct rule_atomics_kids *kids, CXCursor fn);

#endif
