/* The variable table of security-realloc-leak for the function being walked: local pointers
 * and aggregates, found by declaration, grouped into aliases ('q = p', 's.f = p', '*pp = p')
 * whose flags are judged together. */
#ifndef ECG_RULES_SUPPORT_LEAK_VARS_H
#define ECG_RULES_SUPPORT_LEAK_VARS_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "rules/support/leak_state.h"

/* Forgets the function's variables (the unit's summaries stay). */
void rule_leak_vars_reset(struct rule_leak_state *st);

/* Releases everything the state owns. */
void rule_leak_vars_fini(struct rule_leak_state *st);

/* The entry of decl, added when missing; NULL when memory ran out (the function is then
 * marked incomplete and reports nothing). The pointer is valid until the next addition. */
struct rule_leak_var *rule_leak_vars_of(struct rule_leak_state *st, CXCursor decl);

/* The entry of decl, or NULL when it has none. */
struct rule_leak_var *rule_leak_vars_find(struct rule_leak_state *st, CXCursor decl);

/* Adds flags to decl's entry. */
void rule_leak_vars_mark(struct rule_leak_state *st, CXCursor decl, unsigned flags);

/* The root of variable i's alias group. */
size_t rule_leak_vars_root(const struct rule_leak_state *st, size_t i);

/* Puts a and b in one alias group. */
void rule_leak_vars_merge(struct rule_leak_state *st, CXCursor a, CXCursor b);

/* Computes each group root's shared flags: the flags of all its members but
 * RULE_LEAK_ALLOCATED, which is kept apart in the root's bit of that name. A pointer to a
 * local that escapes, is released or changes makes what it points to escape. */
void rule_leak_vars_share(struct rule_leak_state *st);

/* Nonzero when decl is a pointer variable or parameter with automatic storage. */
int rule_leak_vars_is_pointer(CXCursor decl);

/* Nonzero when decl is a local struct, union or array variable with automatic storage. */
int rule_leak_vars_is_aggregate(CXCursor decl);

#endif
