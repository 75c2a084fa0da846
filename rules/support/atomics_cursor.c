/* The last operation a rule met; see atomics_cursor.h. */
#include "rules/support/atomics_cursor.h"

int rule_atomics_last_repeats_at(struct rule_atomics_last *l, CXCursor op, CXSourceRange range)
{
    if (op.kind == l->op.kind) {
        if (rule_atomics_same_bits(op, l->op))
            return 1;
        if (!l->has_range)
            l->range = clang_getCursorExtent(l->op);
        l->has_range = 1;
        if (clang_equalRanges(range, l->range))
            return 1;
    }
    l->op = op;
    l->range = range;
    l->has_range = 1;
    return 0;
}
