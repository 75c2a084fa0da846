/* The last operation a rule met; see atomics_cursor.h. */
#include "rules/support/atomics_cursor.h"

/* The very same cursor: kind and data words equal (what libclang's cursors are made of). */
static int same_bits(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.data[0] == b.data[0] && a.data[1] == b.data[1] &&
           a.data[2] == b.data[2];
}

int rule_atomics_last_repeats_at(struct rule_atomics_last *l, CXCursor op, CXSourceRange range)
{
    if (op.kind == l->op.kind) {
        if (same_bits(op, l->op))
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

int rule_atomics_last_repeats(struct rule_atomics_last *l, CXCursor op)
{
    /* a cursor of another kind is never the same node: its extent is not asked */
    if (op.kind != l->op.kind) {
        l->op = op;
        l->has_range = 0;
        return 0;
    }
    if (same_bits(op, l->op))
        return 1;
    return rule_atomics_last_repeats_at(l, op, clang_getCursorExtent(op));
}
