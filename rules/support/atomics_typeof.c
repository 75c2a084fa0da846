/* Whether the walk's cursor lies in a cast's type; see atomics_typeof.h. */
#include "rules/support/atomics_typeof.h"

#include <stddef.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"

#define TY_KIDS 4  /* children looked at for a cursor's place under its parent */
#define TY_DEPTH 4 /* levels climbed from the walk's cursor to the cast */

/* Whether a and b are one expression node: a cursor from the walk and one from a visit differ
 * in the enclosing declaration (data[0]), so only the kind and node are compared. */
static int same_expr(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.data[1] == b.data[1] && a.data[2] == b.data[2];
}

/* Nonzero when cursor is one of parent's first TY_KIDS children; *early is set when it is not
 * the last of them. */
static int is_child(int *early, CXCursor parent, CXCursor cursor)
{
    CXCursor kids[TY_KIDS];
    unsigned n = ecg_cursor_children(kids, TY_KIDS, parent);

    for (unsigned i = 0; i < n && i < TY_KIDS; i++) {
        if (same_expr(kids[i], cursor)) {
            *early = i + 1 < n;
            return 1;
        }
    }
    return 0;
}

/* The level (0: the parent) of the nearest C cast among the walk's first TY_DEPTH ancestors,
 * or TY_DEPTH when there is none. */
static size_t cast_level(const struct rule_ctx *rc)
{
    for (size_t level = 0; level < TY_DEPTH; level++) {
        CXCursor up = rule_ancestor(rc, level);
        if (rule_atomics_null(up))
            return TY_DEPTH;
        if (clang_getCursorKind(up) == CXCursor_CStyleCastExpr)
            return level;
    }
    return TY_DEPTH;
}

int rule_atomics_typeof_holds(const struct rule_ctx *rc, CXCursor expr)
{
    size_t level;
    int early = 0;

    if (rc == NULL)
        return 0;
    level = cast_level(rc);
    if (level == TY_DEPTH || !is_child(&early, rule_ancestor(rc, 0), expr))
        return 0;
    return is_child(&early, rule_ancestor(rc, level),
                    level == 0 ? expr : rule_ancestor(rc, level - 1)) &&
           early;
}
