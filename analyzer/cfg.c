/* The CFG builder's statements and bookkeeping; see cfg.h (expressions and conditions are
 * in cfg_expr.c, for-loop headers in cfg_for.c). A block receives elements only while it
 * is the current block, and a block becomes current only while it is fresh, so each
 * block's elements are contiguous. Edges are sorted by their source block at the end. */
#include "analyzer/cfg.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/cfg_int.h"
#include "analyzer/error.h"

void ecg_cfg_init(struct ecg_cfg *g)
{
    memset(g, 0, sizeof(*g));
}

void ecg_cfg_fini(struct ecg_cfg *g)
{
    free(g->blocks);
    free(g->elems);
    free(g->edges);
    memset(g, 0, sizeof(*g));
}

/* Makes room for one more item of size bytes in *items. */
static int reserve(void **items, size_t *cap, size_t len, size_t size)
{
    size_t n = *cap != 0 ? *cap * 2 : 64;
    void *grown;

    if (len < *cap)
        return 0;
    if (len >= UINT32_MAX - 1)
        return ECG_ENOMEM;
    grown = realloc(*items, n * size);
    if (grown == NULL)
        return ECG_ENOMEM;
    *items = grown;
    *cap = n;
    return 0;
}

uint32_t ecg_cfg_new_block(struct ecg_cfg_builder *b)
{
    struct ecg_cfg *g = b->g;
    struct ecg_cfg_block *blk;

    if (b->failed ||
        reserve((void **)&g->blocks, &g->blocks_cap, g->n_blocks, sizeof(*g->blocks)) != 0) {
        b->failed = 1;
        return ECG_FIR_NONE;
    }
    blk = &g->blocks[g->n_blocks];
    memset(blk, 0, sizeof(*blk));
    blk->first_elem = (uint32_t)g->n_elems;
    blk->cond = ECG_FIR_NONE;
    blk->terminator = ECG_CFG_FALL;
    return (uint32_t)g->n_blocks++;
}

void ecg_cfg_add_edge(struct ecg_cfg_builder *b, uint32_t from, uint32_t to,
                      enum ecg_cfg_edge_kind kind, uint32_t label)
{
    struct ecg_cfg *g = b->g;

    if (from == ECG_FIR_NONE || to == ECG_FIR_NONE || b->failed)
        return;
    if (reserve((void **)&g->edges, &g->edges_cap, g->n_edges, sizeof(*g->edges)) != 0) {
        b->failed = 1;
        return;
    }
    g->edges[g->n_edges++] = (struct ecg_cfg_edge){ from, to, label, kind };
}

void ecg_cfg_goto_block(struct ecg_cfg_builder *b, uint32_t to)
{
    ecg_cfg_add_edge(b, b->cur, to, ECG_CFG_ALWAYS, ECG_FIR_NONE);
    b->cur = ECG_FIR_NONE;
}

void ecg_cfg_set_cur(struct ecg_cfg_builder *b, uint32_t block)
{
    b->cur = block;
    if (block != ECG_FIR_NONE)
        b->g->blocks[block].first_elem = (uint32_t)b->g->n_elems;
}

void ecg_cfg_emit(struct ecg_cfg_builder *b, uint32_t node, enum ecg_cfg_elem_kind kind,
                  uint32_t aux)
{
    struct ecg_cfg *g = b->g;

    if (b->cur == ECG_FIR_NONE)
        ecg_cfg_set_cur(b, ecg_cfg_new_block(b));
    if (b->failed ||
        reserve((void **)&g->elems, &g->elems_cap, g->n_elems, sizeof(*g->elems)) != 0) {
        b->failed = 1;
        return;
    }
    g->elems[g->n_elems++] = (struct ecg_cfg_elem){ node, aux, kind };
    g->blocks[b->cur].n_elems++;
    if (kind == ECG_CFG_EVAL && ecg_fir_kind(b->fir, node) == CXCursor_CallExpr &&
        (b->hooks != NULL ? b->hooks->noreturn(b->hooks->arg, node)
                          : ecg_cfg_call_noreturn(b->fir, node)))
        b->cur = ECG_FIR_NONE;
}

/* --- statements ------------------------------------------------------------------------ */

static void build_compound(struct ecg_cfg_builder *b, uint32_t node)
{
    for (uint32_t c = ecg_fir_first_child(b->fir, node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(b->fir, c))
        ecg_cfg_build_stmt(b, c);
}

static void build_if(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t cond = ecg_fir_child(b->fir, node, 0);
    uint32_t then = ecg_fir_next_sibling(b->fir, cond);
    uint32_t other = then != ECG_FIR_NONE ? ecg_fir_next_sibling(b->fir, then) : ECG_FIR_NONE;
    uint32_t t = ecg_cfg_new_block(b);
    uint32_t join = ecg_cfg_new_block(b);
    uint32_t f = other != ECG_FIR_NONE ? ecg_cfg_new_block(b) : join;

    ecg_cfg_expr_cond(b, cond, t, f);
    ecg_cfg_set_cur(b, t);
    if (then != ECG_FIR_NONE)
        ecg_cfg_build_stmt(b, then);
    ecg_cfg_goto_block(b, join);
    if (other != ECG_FIR_NONE) {
        ecg_cfg_set_cur(b, f);
        ecg_cfg_build_stmt(b, other);
        ecg_cfg_goto_block(b, join);
    }
    ecg_cfg_set_cur(b, join);
}

/* Builds a loop body with break and continue bound to the given blocks. */
static void build_body(struct ecg_cfg_builder *b, uint32_t body, uint32_t brk, uint32_t cont)
{
    uint32_t saved_brk = b->brk, saved_cont = b->cont;

    b->brk = brk;
    b->cont = cont;
    if (body != ECG_FIR_NONE)
        ecg_cfg_build_stmt(b, body);
    b->brk = saved_brk;
    b->cont = saved_cont;
}

static void build_while(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t cond = ecg_fir_child(b->fir, node, 0);
    uint32_t body = ecg_fir_next_sibling(b->fir, cond);
    uint32_t head = ecg_cfg_new_block(b);
    uint32_t inner = ecg_cfg_new_block(b);
    uint32_t out = ecg_cfg_new_block(b);

    ecg_cfg_goto_block(b, head);
    ecg_cfg_set_cur(b, head);
    ecg_cfg_expr_cond(b, cond, inner, out);
    ecg_cfg_set_cur(b, inner);
    build_body(b, body, out, head);
    ecg_cfg_goto_block(b, head);
    ecg_cfg_set_cur(b, out);
}

static void build_do(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t body = ecg_fir_child(b->fir, node, 0);
    uint32_t cond = ecg_fir_last_child(b->fir, node);
    uint32_t inner = ecg_cfg_new_block(b);
    uint32_t test = ecg_cfg_new_block(b);
    uint32_t out = ecg_cfg_new_block(b);

    ecg_cfg_goto_block(b, inner);
    ecg_cfg_set_cur(b, inner);
    build_body(b, body != cond ? body : ECG_FIR_NONE, out, test);
    ecg_cfg_goto_block(b, test);
    ecg_cfg_set_cur(b, test);
    if (cond != ECG_FIR_NONE)
        ecg_cfg_expr_cond(b, cond, inner, out);
    else
        ecg_cfg_goto_block(b, out);
    ecg_cfg_set_cur(b, out);
}

static void build_for(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t part[4];
    uint32_t head, inner, step, out;

    ecg_cfg_for_parts(part, b->fir, node, b->hooks);
    if (part[0] != ECG_FIR_NONE)
        ecg_cfg_build_stmt(b, part[0]);
    head = ecg_cfg_new_block(b);
    inner = ecg_cfg_new_block(b);
    step = ecg_cfg_new_block(b);
    out = ecg_cfg_new_block(b);
    ecg_cfg_goto_block(b, head);
    ecg_cfg_set_cur(b, head);
    if (part[1] != ECG_FIR_NONE)
        ecg_cfg_expr_cond(b, part[1], inner, out);
    else
        ecg_cfg_goto_block(b, inner);
    ecg_cfg_set_cur(b, inner);
    build_body(b, part[3], out, step);
    ecg_cfg_goto_block(b, step);
    ecg_cfg_set_cur(b, step);
    if (part[2] != ECG_FIR_NONE)
        ecg_cfg_expr_build(b, part[2]);
    ecg_cfg_goto_block(b, head);
    ecg_cfg_set_cur(b, out);
}

static void build_switch(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t cond = ecg_fir_child(b->fir, node, 0);
    uint32_t body = ecg_fir_next_sibling(b->fir, cond);
    uint32_t saved_sw = b->sw, saved_brk = b->brk;
    int saved_default = b->sw_default;
    uint32_t dispatch, out;

    ecg_cfg_expr_build(b, cond);
    if (b->cur == ECG_FIR_NONE)
        ecg_cfg_set_cur(b, ecg_cfg_new_block(b));
    dispatch = b->cur;
    out = ecg_cfg_new_block(b);
    if (dispatch != ECG_FIR_NONE) {
        b->g->blocks[dispatch].cond = cond;
        b->g->blocks[dispatch].terminator = ECG_CFG_SWITCH;
    }
    b->cur = ECG_FIR_NONE;
    b->sw = dispatch;
    b->sw_default = 0;
    b->brk = out;
    if (body != ECG_FIR_NONE)
        ecg_cfg_build_stmt(b, body);
    ecg_cfg_goto_block(b, out);
    if (!b->sw_default)
        ecg_cfg_add_edge(b, dispatch, out, ECG_CFG_DEFAULT, ECG_FIR_NONE);
    b->sw = saved_sw;
    b->sw_default = saved_default;
    b->brk = saved_brk;
    ecg_cfg_set_cur(b, out);
}

/* Starts the block a label, case or default opens: reached by falling into it. */
static uint32_t open_target(struct ecg_cfg_builder *b)
{
    uint32_t blk = ecg_cfg_new_block(b);

    ecg_cfg_goto_block(b, blk);
    ecg_cfg_set_cur(b, blk);
    return blk;
}

static char *node_name(const struct ecg_fir *fir, uint32_t node)
{
    CXString s = clang_getCursorSpelling(fir->nodes[node].cursor);
    const char *text = clang_getCString(s);
    char *copy = strdup(text != NULL ? text : "");

    clang_disposeString(s);
    return copy;
}

static int add_label(struct ecg_cfg_builder *b, uint32_t node, uint32_t blk)
{
    char *name;

    if (reserve((void **)&b->labels, &b->labels_cap, b->n_labels, sizeof(*b->labels)) != 0)
        return ECG_ENOMEM;
    name = node_name(b->fir, node);
    if (name == NULL)
        return ECG_ENOMEM;
    b->labels[b->n_labels].name = name;
    b->labels[b->n_labels].block = blk;
    b->n_labels++;
    return 0;
}

/* Connects the block a case, default or label opens to what jumps there. */
static void attach_label(struct ecg_cfg_builder *b, uint32_t node, uint32_t blk)
{
    enum CXCursorKind kind = ecg_fir_kind(b->fir, node);

    if (kind == CXCursor_CaseStmt) {
        ecg_cfg_add_edge(b, b->sw, blk, ECG_CFG_CASE, node);
    } else if (kind == CXCursor_DefaultStmt) {
        ecg_cfg_add_edge(b, b->sw, blk, ECG_CFG_DEFAULT, ECG_FIR_NONE);
        b->sw_default = b->sw != ECG_FIR_NONE;
    } else if (add_label(b, node, blk) != 0) {
        b->failed = 1;
    }
}

static int is_label(enum CXCursorKind kind)
{
    return kind == CXCursor_CaseStmt || kind == CXCursor_DefaultStmt || kind == CXCursor_LabelStmt;
}

/* case, default and labels: a run of them (`case 1: case 2: x;`) is handled in a loop, so
 * a long run costs no depth. Returns the statement they label, or ECG_FIR_NONE. */
static uint32_t open_labels(struct ecg_cfg_builder *b, uint32_t node)
{
    while (node != ECG_FIR_NONE && is_label(ecg_fir_kind(b->fir, node))) {
        attach_label(b, node, open_target(b));
        node = ecg_fir_last_child(b->fir, node);
    }
    return node;
}

static void build_goto(struct ecg_cfg_builder *b, uint32_t node, int computed)
{
    uint32_t child = ecg_fir_first_child(b->fir, node);
    struct ecg_cfg_goto *g;

    if (computed && child != ECG_FIR_NONE)
        ecg_cfg_expr_build(b, child);
    if (b->cur != ECG_FIR_NONE && !b->failed) {
        if (reserve((void **)&b->gotos, &b->gotos_cap, b->n_gotos, sizeof(*b->gotos)) != 0) {
            b->failed = 1;
            return;
        }
        g = &b->gotos[b->n_gotos];
        g->from = b->cur;
        g->label = NULL;
        if (!computed && child != ECG_FIR_NONE) {
            g->label = node_name(b->fir, child);
            if (g->label == NULL) {
                b->failed = 1;
                return;
            }
        }
        b->n_gotos++;
    }
    b->cur = ECG_FIR_NONE;
}

static void build_named_goto(struct ecg_cfg_builder *b, uint32_t node)
{
    build_goto(b, node, 0);
}

static void build_computed_goto(struct ecg_cfg_builder *b, uint32_t node)
{
    build_goto(b, node, 1);
}

static void build_return(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t value = ecg_fir_first_child(b->fir, node);

    if (value != ECG_FIR_NONE)
        ecg_cfg_expr_build(b, value);
    ecg_cfg_emit(b, node, ECG_CFG_RETURN, ECG_FIR_NONE);
    ecg_cfg_goto_block(b, ECG_CFG_EXIT);
}

static void build_break(struct ecg_cfg_builder *b, uint32_t node)
{
    (void)node;
    ecg_cfg_goto_block(b, b->brk);
    b->cur = ECG_FIR_NONE;
}

static void build_continue(struct ecg_cfg_builder *b, uint32_t node)
{
    (void)node;
    ecg_cfg_goto_block(b, b->cont);
    b->cur = ECG_FIR_NONE;
}

/* A declaration: each variable's size expressions and initializer, then the variable. */
static void build_decl(struct ecg_cfg_builder *b, uint32_t node)
{
    for (uint32_t v = ecg_fir_first_child(b->fir, node); v != ECG_FIR_NONE;
         v = ecg_fir_next_sibling(b->fir, v)) {
        if (ecg_fir_kind(b->fir, v) != CXCursor_VarDecl)
            continue;
        for (uint32_t c = ecg_fir_first_child(b->fir, v); c != ECG_FIR_NONE;
             c = ecg_fir_next_sibling(b->fir, c)) {
            if (clang_isExpression(ecg_fir_kind(b->fir, c)))
                ecg_cfg_expr_build(b, c);
        }
        ecg_cfg_emit(b, v, ECG_CFG_EVAL, ECG_FIR_NONE);
    }
}

/* Statements with no construct of their own: expressions are evaluated, anything else
 * (asm statements, error recovery) has its children built in order. */
static void build_other(struct ecg_cfg_builder *b, uint32_t node)
{
    if (clang_isExpression(ecg_fir_kind(b->fir, node))) {
        ecg_cfg_expr_build(b, node);
        return;
    }
    if (!clang_isStatement(ecg_fir_kind(b->fir, node)))
        return;
    build_compound(b, node);
}

typedef void (*stmt_builder)(struct ecg_cfg_builder *b, uint32_t node);

static const stmt_builder stmt_builders[CXCursor_LastStmt + 1] = {
    [CXCursor_CompoundStmt] = build_compound, [CXCursor_IfStmt] = build_if,
    [CXCursor_WhileStmt] = build_while,       [CXCursor_DoStmt] = build_do,
    [CXCursor_ForStmt] = build_for,           [CXCursor_SwitchStmt] = build_switch,
    [CXCursor_GotoStmt] = build_named_goto,   [CXCursor_IndirectGotoStmt] = build_computed_goto,
    [CXCursor_BreakStmt] = build_break,       [CXCursor_ContinueStmt] = build_continue,
    [CXCursor_ReturnStmt] = build_return,     [CXCursor_DeclStmt] = build_decl,
};

void ecg_cfg_build_stmt(struct ecg_cfg_builder *b, uint32_t node)
{
    enum CXCursorKind kind;

    node = open_labels(b, node);
    if (node == ECG_FIR_NONE || b->failed)
        return;
    if (b->depth >= ECG_CFG_DEPTH_MAX) {
        ecg_cfg_expr_flat(b, node);
        return;
    }
    kind = ecg_fir_kind(b->fir, node);
    b->depth++;
    if ((unsigned)kind <= CXCursor_LastStmt && stmt_builders[kind] != NULL)
        stmt_builders[kind](b, node);
    else
        build_other(b, node);
    b->depth--;
}

/* --- the whole graph ------------------------------------------------------------------- */

static int compare_labels(const void *a, const void *b)
{
    return strcmp(((const struct ecg_cfg_label *)a)->name, ((const struct ecg_cfg_label *)b)->name);
}

static void resolve_gotos(struct ecg_cfg_builder *b)
{
    if (b->n_labels > 1)
        qsort(b->labels, b->n_labels, sizeof(*b->labels), compare_labels);
    for (size_t i = 0; i < b->n_gotos; i++) {
        const struct ecg_cfg_goto *g = &b->gotos[i];
        struct ecg_cfg_label key = { g->label, 0 };
        const struct ecg_cfg_label *hit;

        if (g->label == NULL) {
            for (size_t l = 0; l < b->n_labels; l++)
                ecg_cfg_add_edge(b, g->from, b->labels[l].block, ECG_CFG_ALWAYS, ECG_FIR_NONE);
            continue;
        }
        hit = b->n_labels > 0
                  ? bsearch(&key, b->labels, b->n_labels, sizeof(*b->labels), compare_labels)
                  : NULL;
        if (hit != NULL)
            ecg_cfg_add_edge(b, g->from, hit->block, ECG_CFG_ALWAYS, ECG_FIR_NONE);
    }
}

/* Sorts the edges by source block, keeping their order within a block (counting sort),
 * and fills each block's edge range. */
static int sort_edges(struct ecg_cfg *g)
{
    struct ecg_cfg_edge *sorted = malloc((g->n_edges != 0 ? g->n_edges : 1) * sizeof(*sorted));
    uint32_t at = 0;

    if (sorted == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < g->n_blocks; i++)
        g->blocks[i].n_edges = 0;
    for (size_t i = 0; i < g->n_edges; i++)
        g->blocks[g->edges[i].from].n_edges++;
    for (size_t i = 0; i < g->n_blocks; i++) {
        g->blocks[i].first_edge = at;
        at += g->blocks[i].n_edges;
        g->blocks[i].n_edges = 0;
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        struct ecg_cfg_block *blk = &g->blocks[g->edges[i].from];
        sorted[blk->first_edge + blk->n_edges++] = g->edges[i];
    }
    free(g->edges);
    g->edges = sorted;
    g->edges_cap = g->n_edges != 0 ? g->n_edges : 1;
    return 0;
}

static void builder_fini(struct ecg_cfg_builder *b)
{
    for (size_t i = 0; i < b->n_labels; i++)
        free(b->labels[i].name);
    for (size_t i = 0; i < b->n_gotos; i++)
        free(b->gotos[i].label);
    free(b->frames);
    free(b->labels);
    free(b->gotos);
}

int ecg_cfg_build(struct ecg_cfg *g, const struct ecg_fir *fir, uint32_t function,
                  const struct ecg_cfg_hooks *hooks)
{
    struct ecg_cfg_builder b;
    uint32_t body = ecg_fir_last_child(fir, function);
    int rc;

    memset(&b, 0, sizeof(b));
    b.g = g;
    b.fir = fir;
    b.hooks = hooks;
    b.brk = b.cont = b.sw = ECG_FIR_NONE;
    g->fir = fir;
    g->function = function;
    g->n_blocks = g->n_elems = g->n_edges = 0;
    g->flattened = 0;
    ecg_cfg_new_block(&b); /* ECG_CFG_ENTRY */
    ecg_cfg_new_block(&b); /* ECG_CFG_EXIT */
    ecg_cfg_set_cur(&b, ECG_CFG_ENTRY);
    if (body != ECG_FIR_NONE && ecg_fir_kind(fir, body) == CXCursor_CompoundStmt)
        ecg_cfg_build_stmt(&b, body);
    ecg_cfg_goto_block(&b, ECG_CFG_EXIT);
    resolve_gotos(&b);
    rc = b.failed ? ECG_ENOMEM : sort_edges(g);
    builder_fini(&b);
    if (rc != 0)
        g->n_blocks = g->n_elems = g->n_edges = 0;
    return rc;
}

/* --- noreturn calls -------------------------------------------------------------------- */

static const char *const noreturn_names[] = {
    "abort",
    "exit",
    "_exit",
    "_Exit",
    "quick_exit",
    "err",
    "errx",
    "verr",
    "verrx",
    "longjmp",
    "siglongjmp",
    "_longjmp",
    "pthread_exit",
    "__assert",
    "__assert_fail",
    "__assert_perror_fail",
    "__assert_rtn",
    "_assert",
    "__builtin_unreachable",
    "__builtin_trap",
    "__stack_chk_fail",
};

static int noreturn_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof(noreturn_names) / sizeof(noreturn_names[0]); i++) {
        if (strcmp(name, noreturn_names[i]) == 0)
            return 1;
    }
    return 0;
}

int ecg_cfg_call_noreturn(const struct ecg_fir *fir, uint32_t call_node)
{
    return ecg_cfg_function_noreturn(clang_getCursorReferenced(fir->nodes[call_node].cursor));
}

int ecg_cfg_function_noreturn(CXCursor callee)
{
    CXString s;
    int found;

    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return 0;
    s = clang_getCursorSpelling(callee);
    found = noreturn_by_name(clang_getCString(s));
    clang_disposeString(s);
    if (found)
        return 1;
    s = clang_getTypeSpelling(clang_getCursorType(callee));
    found = strstr(clang_getCString(s), "noreturn") != NULL;
    clang_disposeString(s);
    return found;
}
