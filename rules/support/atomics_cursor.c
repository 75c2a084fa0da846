/* The last operation a rule met; see atomics_cursor.h. */
#include "rules/support/atomics_cursor.h"

int rule_atomics_last_repeats(struct rule_atomics_last *l, CXCursor op)
{
    CXSourceRange at;

    if (op.kind == l->op.kind) {
        if (op.data[0] == l->op.data[0] && op.data[1] == l->op.data[1] &&
            op.data[2] == l->op.data[2])
            return 1;
        if (!l->has_range)
            l->range = clang_getCursorExtent(l->op);
        l->has_range = 1;
        at = clang_getCursorExtent(op);
        if (clang_equalRanges(at, l->range))
            return 1;
        l->op = op;
        l->range = at;
        return 0;
    }
    l->op = op;
    l->has_range = 0;
    return 0;
}
