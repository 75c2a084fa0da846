/* The atomic operations of one translation unit, read once and shared by the lock-free
 * rules: builtins and _Atomic accesses (atomics.h), and calls of wrappers (atomics_wrap.h),
 * whose recognition is computed once per function. A reading is cached per cursor. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_UNIT_H
#define ECG_RULES_SUPPORT_ATOMICS_UNIT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "rules/support/atomics.h"
#include "rules/support/atomics_kids.h"
#include "rules/support/atomics_wrap.h"

struct rule_ctx;
struct rule_atomics_unit;

/* The option every lock-free rule that reads atomic operations declares: the project's own
 * wrappers ('name=kind(role,...)@order'). The entries of all enabled rules apply together. */
#define RULE_ATOMICS_WRAPPERS_OPTION                                                               \
    {                                                                                              \
        "atomic_wrappers", RULE_OPT_STRING_LIST, "",                                               \
            "the project's atomic wrapper functions and macros, as name=kind(role,...)@order "     \
            "(shared by the lockfree rules)",                                                      \
            NULL                                                                                   \
    }

/* A reader of tu's atomic operations with the built-in profiles and the inferred wrappers.
 * NULL when memory runs out. */
struct rule_atomics_unit *rule_atomics_unit_new(CXTranslationUnit tu);

/* Releases the reader; NULL is a no-op. */
void rule_atomics_unit_free(struct rule_atomics_unit *u);

/* Adds a project wrapper ('name=kind(role,...)@order'); configured wrappers are tried before
 * the profiles. Returns 0, ECG_ECONFIG when entry does not parse, or ECG_ENOMEM. Call before
 * the first reading. */
int rule_atomics_unit_add_wrapper(struct rule_atomics_unit *u, const char *entry);

/* As rule_atomics_match, and also sees operations written through wrappers: a wrapper call
 * is one operation on its object argument, and the builtin inside a wrapper macro's
 * expansion is not read again. Cached: asking twice for a cursor costs one lookup. */
int rule_atomics_unit_match(struct rule_atomics_op *out, struct rule_atomics_unit *u,
                            CXCursor expr);

/* Called by each lock-free rule in on_unit_begin: adds the rule's atomic_wrappers entries to
 * the unit's shared reader (created on the first call). Entries that do not parse are
 * ignored (the docs page lists the syntax). */
void rule_atomics_join(struct rule_ctx *rc);

/* rule_atomics_unit_match on the unit's shared reader; 0 when memory ran out. */
int rule_atomics_read(struct rule_atomics_op *out, struct rule_ctx *rc, CXCursor expr);

/* The first children of expr, from the unit's shared reader, which keeps those of the last
 * expression asked about (its reading asks too): borrowed until the next reading. NULL when
 * memory ran out. */
const struct rule_atomics_children *rule_atomics_read_children(struct rule_ctx *rc, CXCursor expr);

/* The unit's memo of cursors' children (atomics_kids.h), kept by the shared reader for the
 * lock-free rules and their support code; NULL when memory ran out. */
struct rule_atomics_kids *rule_atomics_unit_kids(struct rule_ctx *rc);

/* rule_atomics_kids_get on the unit's memo: ecg_cursor_children(out, max, c). */
static inline unsigned rule_atomics_unit_children(CXCursor *out, unsigned max, struct rule_ctx *rc,
                                                  CXCursor c)
{
    return rule_atomics_kids_get(out, max, rule_atomics_unit_kids(rc), c);
}

/* rule_atomics_kids_nth on the unit's memo: ecg_cursor_child(c, index) and, for index 0,
 * rule_expr_first_child(c). */
static inline CXCursor rule_atomics_unit_child(struct rule_ctx *rc, CXCursor c, unsigned index)
{
    return rule_atomics_kids_nth(rule_atomics_unit_kids(rc), c, index);
}

#endif
