/* Cursor queries; see cursors.h. */
#include "analyzer/cursors.h"

struct children {
    CXCursor *items;
    unsigned max;
    unsigned n;
};

static enum CXChildVisitResult take_child(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct children *c = data;

    (void)parent;
    if (c->n < c->max)
        c->items[c->n] = cursor;
    c->n++;
    return CXChildVisit_Continue;
}

unsigned ecg_cursor_children(CXCursor *out, unsigned max, CXCursor cursor)
{
    struct children c = { out, max, 0 };

    clang_visitChildren(cursor, take_child, &c);
    return c.n;
}

struct nth_child {
    unsigned left; /* children to pass before the one wanted */
    CXCursor found;
};

static enum CXChildVisitResult take_nth(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct nth_child *c = data;

    (void)parent;
    if (c->left > 0) {
        c->left--;
        return CXChildVisit_Continue;
    }
    c->found = cursor;
    return CXChildVisit_Break;
}

CXCursor ecg_cursor_child(CXCursor cursor, unsigned index)
{
    struct nth_child c = { index, clang_getNullCursor() };

    clang_visitChildren(cursor, take_nth, &c);
    return c.found;
}

int ecg_cursor_same_node(CXCursor a, CXCursor b)
{
    return clang_getCursorKind(a) == clang_getCursorKind(b) &&
           clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

int ecg_cursor_arg_index(unsigned *out, CXCursor call, CXCursor arg)
{
    int n = clang_Cursor_getNumArguments(call);

    for (int i = 0; i < n; i++) {
        if (ecg_cursor_same_node(clang_Cursor_getArgument(call, (unsigned)i), arg)) {
            *out = (unsigned)i;
            return 1;
        }
    }
    return 0;
}

CXCursor ecg_cursor_loop_body(CXCursor loop)
{
    enum CXCursorKind kind = clang_getCursorKind(loop);
    CXCursor kids[4];
    unsigned n;

    if (kind != CXCursor_WhileStmt && kind != CXCursor_DoStmt && kind != CXCursor_ForStmt)
        return clang_getNullCursor();
    n = ecg_cursor_children(kids, 4, loop);
    if (n == 0 || n > 4)
        return clang_getNullCursor();
    return kind == CXCursor_DoStmt ? kids[0] : kids[n - 1];
}
