/* A per-unit memo of the direct children of the cursors the lock-free rules and their
 * atomics reader ask about: 44% of their visits of children were of a cursor already visited
 * in the unit, and a small visit costs 800-900 instructions against a lookup of a few dozen.
 * Answers are exactly those of a fresh visit (the key is every field of the cursor). */
#ifndef ECG_RULES_SUPPORT_ATOMICS_KIDS_H
#define ECG_RULES_SUPPORT_ATOMICS_KIDS_H

#include <clang-c/Index.h>

#define RULE_ATOMICS_KIDS_KEPT 6 /* children kept per cursor; more are visited each time */

struct rule_atomics_kids_slot;

/* The memo: direct-mapped slots, so memory stays bounded on huge units. */
struct rule_atomics_kids {
    struct rule_atomics_kids_slot *slots; /* owned; NULL: every question is a plain visit */
    unsigned char *filled;                /* owned; filled[i]: slots[i] holds a cursor's */
};

/* Allocates the slots. Returns 0 or ECG_ENOMEM (then m answers by plain visits). */
int rule_atomics_kids_init(struct rule_atomics_kids *m);

/* Releases the slots. */
void rule_atomics_kids_fini(struct rule_atomics_kids *m);

/* As ecg_cursor_children(out, max, c): stores the first max children of c in out and returns
 * how many it has. m may be NULL (a plain visit). Not thread-safe: one memo per walk. */
unsigned rule_atomics_kids_get(CXCursor *out, unsigned max, struct rule_atomics_kids *m,
                               CXCursor c);

/* Stores the first RULE_ATOMICS_KIDS_KEPT children of c in out and returns how many it has,
 * counted up to RULE_ATOMICS_KIDS_KEPT + 1 (rule_atomics_children_of's count). m may be
 * NULL (a plain visit). */
unsigned rule_atomics_kids_first(CXCursor *out, struct rule_atomics_kids *m, CXCursor c);

/* As ecg_cursor_child(c, index): the child at index, or a null cursor. m may be NULL. */
CXCursor rule_atomics_kids_nth(struct rule_atomics_kids *m, CXCursor c, unsigned index);

/* As rule_expr_strip(e) (rules/support/expr.h): through unexposed expressions and
 * parentheses to the first child, through the memo m (NULL: plain visits). */
CXCursor rule_atomics_kids_strip(struct rule_atomics_kids *m, CXCursor e);

#endif
