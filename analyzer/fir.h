/* The function IR: every cursor inside each function definition of a unit, captured from
 * the one walk in pre-order, with parent and subtree links. The CFG and the taint engine
 * read function bodies from here after the walk instead of asking libclang to traverse
 * them again. The cursors stay valid until the translation unit is disposed. */
#ifndef ECG_ANALYZER_FIR_H
#define ECG_ANALYZER_FIR_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#define ECG_FIR_NONE UINT32_MAX

/* One cursor. A node's subtree is the index range [node, end): children follow their
 * parent, each child's subtree before the next child's. */
struct ecg_fir_node {
    CXCursor cursor;
    uint32_t parent; /* ECG_FIR_NONE for a function definition */
    uint32_t end;    /* one past the last node of the subtree */
};

struct ecg_fir {
    struct ecg_fir_node *nodes; /* owned; every function's nodes, one after the other */
    size_t len;
    size_t cap;
    uint32_t *functions; /* owned; the node of each function definition, in walk order */
    size_t n_functions;
    size_t functions_cap;
    uint32_t *open; /* owned; the nodes entered and not yet left, outermost first */
    size_t depth;
    size_t open_cap;
    int failed; /* memory ran out (or the unit has over 4 billion cursors) */
};

/* A new, empty IR. NULL when memory runs out. */
struct ecg_fir *ecg_fir_new(void);

/* Releases the IR; NULL is a no-op. */
void ecg_fir_free(struct ecg_fir *fir);

/* Records the walk entering cursor: a function definition when nothing is open, else a
 * cursor inside the open one. On failure fir->failed is set and later events are ignored. */
void ecg_fir_enter(struct ecg_fir *fir, CXCursor cursor);

/* Records the walk leaving the innermost open cursor. */
void ecg_fir_leave(struct ecg_fir *fir);

static inline enum CXCursorKind ecg_fir_kind(const struct ecg_fir *fir, uint32_t node)
{
    return fir->nodes[node].cursor.kind;
}

/* The first child of node, or ECG_FIR_NONE. */
static inline uint32_t ecg_fir_first_child(const struct ecg_fir *fir, uint32_t node)
{
    return node + 1 < fir->nodes[node].end ? node + 1 : ECG_FIR_NONE;
}

/* The next sibling of node, or ECG_FIR_NONE. */
static inline uint32_t ecg_fir_next_sibling(const struct ecg_fir *fir, uint32_t node)
{
    uint32_t parent = fir->nodes[node].parent;

    if (parent == ECG_FIR_NONE || fir->nodes[node].end >= fir->nodes[parent].end)
        return ECG_FIR_NONE;
    return fir->nodes[node].end;
}

/* The number of children of node. */
size_t ecg_fir_child_count(const struct ecg_fir *fir, uint32_t node);

/* The child of node at position index (0-based), or ECG_FIR_NONE. */
uint32_t ecg_fir_child(const struct ecg_fir *fir, uint32_t node, size_t index);

/* The last child of node, or ECG_FIR_NONE. */
uint32_t ecg_fir_last_child(const struct ecg_fir *fir, uint32_t node);

/* Looks through parentheses and implicit conversions (unexposed expressions with one
 * child): the expression as written. */
uint32_t ecg_fir_strip(const struct ecg_fir *fir, uint32_t node);

#endif
