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
