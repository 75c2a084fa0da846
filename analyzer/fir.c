/* The function IR collector; see fir.h. Nodes are appended as the walk enters them, and a
 * node's subtree end is known when the walk leaves it. */
#include "analyzer/fir.h"

#include <stdlib.h>
#include <string.h>

struct ecg_fir *ecg_fir_new(void)
{
    return calloc(1, sizeof(struct ecg_fir));
}

void ecg_fir_free(struct ecg_fir *fir)
{
    if (fir == NULL)
        return;
    free(fir->nodes);
    free(fir->functions);
    free(fir->open);
    free(fir);
}

/* Makes room for one more element of size bytes in *items (len used, *cap allocated). */
static int reserve(void **items, size_t *cap, size_t len, size_t size)
{
    size_t n = *cap != 0 ? *cap * 2 : 256;
    void *grown;

    if (len < *cap)
        return 0;
    grown = realloc(*items, n * size);
    if (grown == NULL)
        return -1;
    *items = grown;
    *cap = n;
    return 0;
}

static int push_open(struct ecg_fir *fir, uint32_t node)
{
    if (reserve((void **)&fir->open, &fir->open_cap, fir->depth, sizeof(*fir->open)) != 0)
        return -1;
    fir->open[fir->depth++] = node;
    return 0;
}

static int add_function(struct ecg_fir *fir, uint32_t node)
{
    if (reserve((void **)&fir->functions, &fir->functions_cap, fir->n_functions,
                sizeof(*fir->functions)) != 0)
        return -1;
    fir->functions[fir->n_functions++] = node;
    return 0;
}

void ecg_fir_enter(struct ecg_fir *fir, CXCursor cursor)
{
    struct ecg_fir_node *n;
    uint32_t index;

    if (fir->failed)
        return;
    if (fir->len >= UINT32_MAX - 1 ||
        reserve((void **)&fir->nodes, &fir->cap, fir->len, sizeof(*fir->nodes)) != 0) {
        fir->failed = 1;
        return;
    }
    index = (uint32_t)fir->len++;
    n = &fir->nodes[index];
    n->cursor = cursor;
    n->parent = fir->depth > 0 ? fir->open[fir->depth - 1] : ECG_FIR_NONE;
    n->end = index + 1;
    if ((fir->depth == 0 && add_function(fir, index) != 0) || push_open(fir, index) != 0)
        fir->failed = 1;
}

void ecg_fir_leave(struct ecg_fir *fir)
{
    uint32_t node;

    if (fir->failed || fir->depth == 0)
        return;
    node = fir->open[--fir->depth];
    fir->nodes[node].end = (uint32_t)fir->len;
}

size_t ecg_fir_child_count(const struct ecg_fir *fir, uint32_t node)
{
    size_t n = 0;

    for (uint32_t c = ecg_fir_first_child(fir, node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(fir, c))
        n++;
    return n;
}

uint32_t ecg_fir_child(const struct ecg_fir *fir, uint32_t node, size_t index)
{
    uint32_t c = ecg_fir_first_child(fir, node);

    for (size_t i = 0; i < index && c != ECG_FIR_NONE; i++)
        c = ecg_fir_next_sibling(fir, c);
    return c;
}

uint32_t ecg_fir_last_child(const struct ecg_fir *fir, uint32_t node)
{
    uint32_t last = ECG_FIR_NONE;

    for (uint32_t c = ecg_fir_first_child(fir, node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(fir, c))
        last = c;
    return last;
}

uint32_t ecg_fir_strip(const struct ecg_fir *fir, uint32_t node)
{
    for (;;) {
        enum CXCursorKind kind = ecg_fir_kind(fir, node);
        uint32_t child = ecg_fir_first_child(fir, node);

        if ((kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr) ||
            child == ECG_FIR_NONE || ecg_fir_next_sibling(fir, child) != ECG_FIR_NONE)
            return node;
        node = child;
    }
}
