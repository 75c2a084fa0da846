/* Cheap cursor tests for the lockfree rules' hot paths, each giving exactly the answer of the
 * libclang or analyzer call it stands for: clang_Cursor_isNull makes a null cursor and
 * compares through two library calls (about 80 instructions); ecg_cursor_same_node asks two
 * extents (about 1,700 instructions each) even when both cursors are the same one, and a
 * rule comparing each operation with the last asked the last's extent again each time. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_CURSOR_H
#define ECG_RULES_SUPPORT_ATOMICS_CURSOR_H

#include <stddef.h>

#include <clang-c/Index.h>

#include "analyzer/cursors.h"

/* Nonzero when c is the null cursor, as clang_Cursor_isNull: the kind and the three data words
 * of clang_getNullCursor (clang's MakeCXCursorInvalid with no unit); clang_equalCursors
 * compares nothing else. */
static inline int rule_atomics_null(CXCursor c)
{
    return c.kind == CXCursor_InvalidFile && c.data[0] == NULL && c.data[1] == NULL &&
           c.data[2] == NULL;
}

/* Nonzero when a and b are the same cursor, every field alike: all libclang reads of a cursor
 * to answer anything about it (so the same node, extent, children and referent). */
static inline int rule_atomics_same_bits(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.xdata == b.xdata && a.data[0] == b.data[0] &&
           a.data[1] == b.data[1] && a.data[2] == b.data[2];
}

/* ecg_cursor_same_node(a, b), answered without the extents when a and b are the same cursor. */
static inline int rule_atomics_same_node(CXCursor a, CXCursor b)
{
    if (a.kind != b.kind)
        return 0;
    if (rule_atomics_same_bits(a, b))
        return 1;
    return ecg_cursor_same_node(a, b);
}

/* The atomic operation a rule met last (an operation's cursors come one after another), with
 * its extent once asked. Zero it, or reset it, before the first. */
struct rule_atomics_last {
    CXCursor op;         /* a null cursor before the first */
    CXSourceRange range; /* op's extent; valid when has_range */
    int has_range;
};

/* Forgets the last operation. */
static inline void rule_atomics_last_reset(struct rule_atomics_last *l)
{
    l->op = clang_getNullCursor();
    l->has_range = 0;
}

/* Nonzero when op, whose extent is range (a reading's), is the same node as the last operation
 * (rule_atomics_same_node); otherwise op becomes the last. Asks at most the last's extent,
 * and that once. */
int rule_atomics_last_repeats_at(struct rule_atomics_last *l, CXCursor op, CXSourceRange range);

#endif
