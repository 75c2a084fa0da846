/* Integer facts read from the tree around an arithmetic operator, for the overflow rule:
 * the limits of an integer type, the bounds that enclosing if/while conditions put on a
 * variable (the operator lies in the branch where the comparison holds), and the type its
 * result is stored into. Queries climb the ancestors the walk keeps, or read a bounded
 * number of children; none walks a whole subtree. */
#ifndef ECG_RULES_SUPPORT_INTRANGE_H
#define ECG_RULES_SUPPORT_INTRANGE_H

#include <clang-c/Index.h>

struct rule_ctx;

#define RULE_INTRANGE_UPPER 1u /* a check bounds the value from above (same as the taint bits) */
#define RULE_INTRANGE_LOWER 2u /* ... from below */
#define RULE_INTRANGE_BOTH 3u

/* An integer type: its width in bytes and signedness. */
struct rule_intrange_type {
    unsigned bytes;
    int is_signed;
};

/* Describes type when it is an integer type (char, bool and enums included). Returns 1 and
 * fills *out, or 0 for any other type. */
int rule_intrange_type(struct rule_intrange_type *out, CXType type);

/* Which limit of type the integer constant expression expr equals once converted to it:
 * RULE_INTRANGE_UPPER for the largest value, RULE_INTRANGE_LOWER for the smallest (0 for an
 * unsigned type), 0 for neither or when expr is not a constant. */
unsigned rule_intrange_limit_of(CXCursor expr, struct rule_intrange_type type);

/* The variable an operand names, through parentheses and casts: the canonical declaration
 * of a DeclRefExpr's variable, or a null cursor. */
CXCursor rule_intrange_var(CXCursor operand);

/* The bounds that the conditions of the if and while statements and `?:` enclosing at (the cursor
 * the walk is at) put on variable decl, on the branch at lies in, and the left operands of
 * the && and || whose right side holds it; any comparison with any value counts, and a
 * test for nonzero (`n && ...`, `n != 0`) is a lower bound. Call from a rule's on_cursor. */
unsigned rule_intrange_guards(const struct rule_ctx *rc, CXCursor at, CXCursor decl);

/* The type the value of the current cursor (an expression) is converted to where it is
 * used: a variable it initialises, the left side it is assigned to (assign: the innermost
 * enclosing `=` the caller knows of, or a null cursor), the function result it is returned
 * as, or the type of an explicit cast. Returns 1 and fills *out, or 0 when the use is
 * something else. Call from a rule's on_cursor. */
int rule_intrange_stored_type(CXType *out, const struct rule_ctx *rc, CXCursor assign);

#endif
