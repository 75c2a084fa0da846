/* The dataflow over one function's CFG: a worklist over blocks with one state per block
 * entry (a cell per location), joined at merges; branch edges apply the guards their
 * condition establishes and skip the edge a constant condition never takes. A function
 * whose blocks x locations exceed TAINT_CELLS_MAX, or that does not settle, is analysed
 * flow-insensitively instead: one state, every write a join, passes until nothing changes.
 * The mode decides what a cell means (parameter bits or witnesses); see taint_int.h. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "analyzer/error.h"
#include "analyzer/taint_int.h"

#define VISITS_PER_BLOCK 24 /* flow-sensitive visits allowed per block on average */
#define PASSES_MAX 8        /* flow-insensitive passes */

static const struct taint_cell clean_cell = { 0, 0, TAINT_BOUNDS_ALL };

int ecg_taint_cell_join(struct taint_cell *a, const struct taint_cell *b, enum taint_mode mode)
{
    int changed = 0;
    uint8_t bounds;

    if (!cell_tainted(b))
        return 0;
    if (!cell_tainted(a)) {
        *a = *b;
        return 1;
    }
    if (mode == TM_SUMMARY) {
        changed = (a->s | b->s) != a->s;
        a->s |= b->s;
    } else {
        changed = (a->s == 0 && b->s != 0) || (a->p == 0 && b->p != 0);
        a->s = a->s != 0 ? a->s : b->s;
        a->p = a->p != 0 ? a->p : b->p;
    }
    bounds = a->bounds & b->bounds;
    changed |= bounds != a->bounds;
    a->bounds = bounds;
    return changed;
}

/* A global source such as optarg, read at node. */
static void add_global_source(struct taint_fa *fa, struct taint_cell *c, const struct taint_var *v,
                              uint32_t node)
{
    if (v->source < 0 || c->s != 0)
        return;
    c->s = ecg_taint_step(fa->t, TS_GLOBAL_SOURCE, node, (uint32_t)v->source, 0);
    c->bounds = 0;
}

struct taint_cell ecg_taint_flow_read(struct taint_fa *fa, struct taint_cell *state, uint32_t loc,
                                      uint32_t node)
{
    struct taint_cell c;
    const struct taint_loc *l;
    uint32_t w;

    if (loc == TNONE)
        return clean_cell;
    c = state[loc];
    l = &fa->locs[loc];
    if (fa->mode != TM_TAINT || l->global == TNONE)
        return c;
    add_global_source(fa, &c, &fa->t->vars[l->global], node);
    w = ecg_taint_global_read(fa->t, l->global, l->gpart);
    if (w != 0 && c.s == 0) {
        c.s = ecg_taint_step(fa->t, TS_GLOBAL, node, l->global, w);
        c.bounds = 0;
    }
    return c;
}

/* What a write to a global's location does beyond the function: in the summary mode the
 * parameters escape; in the taint mode the unit's taint of the global grows. */
static void write_global(struct taint_fa *fa, const struct taint_loc *l, const struct taint_cell *v)
{
    if (fa->mode == TM_SUMMARY)
        fa->sink_acc |= v->s;
    else
        ecg_taint_global_write(fa->t, l->global, l->gpart, v->s != 0 ? v->s : v->p);
}

void ecg_taint_flow_write(struct taint_fa *fa, struct taint_cell *state, uint32_t loc,
                          struct taint_cell v, int strong)
{
    struct taint_cell *cell;
    const struct taint_loc *l;

    if (loc == TNONE)
        return;
    if (!cell_tainted(&v))
        v = clean_cell;
    cell = &state[loc];
    l = &fa->locs[loc];
    if (strong && l->single && !fa->flow_insensitive)
        *cell = v;
    else if (ecg_taint_cell_join(cell, &v, fa->mode))
        fa->changed = 1;
    if (l->global != TNONE && cell_tainted(&v))
        write_global(fa, l, &v);
}

/* --- entry state ----------------------------------------------------------------------- */

/* The ParmDecl node of parameter i of the function. */
static uint32_t param_node(const struct taint_fa *fa, uint32_t i)
{
    uint32_t seen = 0;

    for (uint32_t c = ecg_fir_first_child(fa->t->fir, fa->root); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(fa->t->fir, c)) {
        if (ecg_fir_kind(fa->t->fir, c) == CXCursor_ParmDecl && seen++ == i)
            return c;
    }
    return fa->root;
}

/* main's argv and envp hold the command line and the environment. */
static void seed_main(struct taint_fa *fa, struct taint_cell *state)
{
    const struct taint_fn *f = &fa->t->fns[fa->fn];

    for (uint32_t i = 1; i < f->n_params && i < 3; i++) {
        enum ecg_taint_source_kind kind = i == 1 ? ECG_TAINT_FROM_ARGV : ECG_TAINT_FROM_ENV;
        uint32_t loc = ecg_taint_pts_var_loc(fa, f->params[i]);
        if (loc == TNONE || !tclass_is_pointer(fa->t->vars[f->params[i]].tclass))
            continue;
        state[loc].s = ecg_taint_step(fa->t, TS_ARGV, param_node(fa, i), kind, 0);
        state[loc].bounds = 0;
    }
}

/* The location of what parameter param points to, or of field of it (that object itself
 * when the function never names the field). */
static uint32_t part_loc(struct taint_fa *fa, uint32_t param, uint32_t field)
{
    uint32_t region = ecg_taint_pts_param_region(fa, fa->t->fns[fa->fn].params[param]);
    uint32_t f = field != TNONE ? ecg_taint_pts_field_loc(fa, region, field) : TNONE;

    return f != TNONE ? f : region;
}

/* Marks a parameter's value, or what it points to, with the parameter's bit. */
static void seed_bit(struct taint_cell *state, uint32_t loc, uint32_t param)
{
    if (loc == TNONE)
        return;
    state[loc].s |= 1u << (param < TAINT_MAX_PARAMS ? param : TAINT_MAX_PARAMS - 1);
    state[loc].bounds = 0;
}

/* Parameter bits (summary mode) or what callers passed in (taint mode). */
static void seed_params(struct taint_fa *fa, struct taint_cell *state)
{
    const struct taint_fn *f = &fa->t->fns[fa->fn];

    for (uint32_t i = 0; i < f->n_params; i++) {
        uint32_t loc = ecg_taint_pts_var_loc(fa, f->params[i]);
        if (loc == TNONE)
            continue;
        if (fa->mode == TM_SUMMARY) {
            seed_bit(state, loc, i);
            seed_bit(state, ecg_taint_pts_param_region(fa, f->params[i]), i);
        } else if (cell_tainted(&f->seeds[i])) {
            state[loc] = f->seeds[i];
        }
    }
    for (size_t i = 0; fa->mode == TM_TAINT && i < f->seed_parts.len; i++) {
        const struct taint_part *part = &f->seed_parts.items[i];
        uint32_t loc = part_loc(fa, part->param, part->field);
        if (loc != TNONE)
            ecg_taint_cell_join(&state[loc], &part->cell, fa->mode);
    }
}

static void seed_entry(struct taint_fa *fa, struct taint_cell *state)
{
    for (size_t l = 0; l < fa->n_locs; l++)
        state[l] = clean_cell;
    seed_params(fa, state);
    if (fa->mode == TM_TAINT && strcmp(fa->t->fns[fa->fn].name, "main") == 0)
        seed_main(fa, state);
}

/* --- edges ----------------------------------------------------------------------------- */

/* The constant value of a branch or switch block's condition, evaluated once. */
static int block_const(struct taint_fa *fa, uint32_t b, long long *value)
{
    if (fa->bconst[b] == 2) {
        long long v = 0;
        int known = ecg_taint_guard_const(&v, fa, fa->cfg.blocks[b].cond);
        fa->bconst[b] = (int8_t)(known ? 1 : -1);
        fa->bvalue[b] = v;
    }
    *value = fa->bvalue[b];
    return fa->bconst[b] == 1;
}

static long long case_value(const struct taint_fa *fa, uint32_t case_node, int *ok)
{
    uint32_t label = ecg_fir_first_child(fa->t->fir, case_node);
    CXEvalResult r =
        label != ECG_FIR_NONE ? clang_Cursor_Evaluate(fa->t->fir->nodes[label].cursor) : NULL;
    long long v = 0;

    *ok = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int;
    if (*ok)
        v = clang_EvalResult_getAsLongLong(r);
    if (r != NULL)
        clang_EvalResult_dispose(r);
    return v;
}

/* Nonzero when some case label of switch block b matches value. */
static int switch_matches(const struct taint_fa *fa, uint32_t b, long long value)
{
    const struct ecg_cfg_block *blk = &fa->cfg.blocks[b];

    for (uint32_t i = 0; i < blk->n_edges; i++) {
        const struct ecg_cfg_edge *e = &fa->cfg.edges[blk->first_edge + i];
        int ok;
        if (e->kind == ECG_CFG_CASE && case_value(fa, e->label, &ok) == value && ok)
            return 1;
    }
    return 0;
}

/* Nonzero when the edge can be taken. */
static int edge_feasible(struct taint_fa *fa, uint32_t b, const struct ecg_cfg_edge *e)
{
    long long value;
    int ok;

    if (e->kind == ECG_CFG_ALWAYS || !block_const(fa, b, &value))
        return 1;
    if (e->kind == ECG_CFG_TRUE || e->kind == ECG_CFG_FALSE)
        return (value != 0) == (e->kind == ECG_CFG_TRUE);
    if (e->kind == ECG_CFG_CASE)
        return case_value(fa, e->label, &ok) == value && ok;
    return !switch_matches(fa, b, value);
}

static void apply_guard(struct taint_cell *state, uint32_t loc, uint8_t effect)
{
    struct taint_cell *c;

    if (loc == TNONE)
        return;
    c = &state[loc];
    if (effect == GUARD_CLEAN) {
        *c = clean_cell;
    } else if (cell_tainted(c)) {
        c->bounds |= effect;
    }
}

/* The state along an edge: the block's out state with the edge's guards applied. */
static const struct taint_cell *edge_state(struct taint_fa *fa, uint32_t b,
                                           const struct ecg_cfg_edge *e)
{
    const struct ecg_cfg_block *blk = &fa->cfg.blocks[b];

    if (blk->terminator != ECG_CFG_BRANCH)
        return fa->work;
    ecg_taint_guard_collect(fa, blk->cond, e->kind);
    if (fa->n_guards == 0)
        return fa->work;
    memcpy(fa->edge, fa->work, fa->n_locs * sizeof(*fa->edge));
    for (size_t i = 0; i < fa->n_guards; i++) {
        apply_guard(fa->edge, fa->guards[i].loc, fa->guards[i].effect);
        if (fa->guards[i].effect == GUARD_CLEAN)
            apply_guard(fa->edge, fa->guards[i].region, GUARD_CLEAN);
    }
    return fa->edge;
}

/* --- the worklist ---------------------------------------------------------------------- */

static void eval_block(struct taint_fa *fa, uint32_t b, struct taint_cell *state)
{
    const struct ecg_cfg_block *blk = &fa->cfg.blocks[b];

    for (uint32_t i = 0; i < blk->n_elems; i++)
        ecg_taint_eval_elem(fa, state, &fa->cfg.elems[blk->first_elem + i]);
}

static int join_state(struct taint_fa *fa, struct taint_cell *dst, const struct taint_cell *src)
{
    int changed = 0;

    for (size_t l = 0; l < fa->n_locs; l++) {
        if (src[l].s != 0 || src[l].p != 0)
            changed |= ecg_taint_cell_join(&dst[l], &src[l], fa->mode);
    }
    return changed;
}

/* A FIFO of blocks in a ring of n_blocks slots; queued[] keeps a block in it once. */
struct ring {
    size_t head;
    size_t len;
};

static void enqueue(struct taint_fa *fa, struct ring *r, uint32_t b)
{
    if (fa->queued[b])
        return;
    fa->queued[b] = 1;
    fa->queue[(r->head + r->len++) % fa->cfg.n_blocks] = b;
}

static uint32_t dequeue(struct taint_fa *fa, struct ring *r)
{
    uint32_t b = fa->queue[r->head];

    r->head = (r->head + 1) % fa->cfg.n_blocks;
    r->len--;
    fa->queued[b] = 0;
    return b;
}

/* Propagates the out state of block b along its feasible edges. */
static void propagate(struct taint_fa *fa, struct ring *r, uint32_t b)
{
    const struct ecg_cfg_block *blk = &fa->cfg.blocks[b];

    for (uint32_t i = 0; i < blk->n_edges; i++) {
        const struct ecg_cfg_edge *e = &fa->cfg.edges[blk->first_edge + i];
        const struct taint_cell *src;
        struct taint_cell *dst = fa->state + (size_t)e->to * fa->n_locs;
        if (!edge_feasible(fa, b, e))
            continue;
        src = edge_state(fa, b, e);
        if (!fa->reached[e->to]) {
            memcpy(dst, src, fa->n_locs * sizeof(*dst));
            fa->reached[e->to] = 1;
            enqueue(fa, r, e->to);
        } else if (join_state(fa, dst, src)) {
            enqueue(fa, r, e->to);
        }
    }
}

/* Returns nonzero when the blocks did not settle within the visit budget. */
static int run_sensitive(struct taint_fa *fa)
{
    size_t n = fa->cfg.n_blocks, budget = VISITS_PER_BLOCK * n + 64, visits = 0;
    struct ring r = { 0, 0 };

    if (ecg_grow((void **)&fa->state, &fa->state_cap, n * fa->n_locs + 1, sizeof(*fa->state)) !=
        0) {
        fa->failed = 1;
        return 0;
    }
    memset(fa->reached, 0, n);
    memset(fa->queued, 0, n);
    seed_entry(fa, fa->state + (size_t)ECG_CFG_ENTRY * fa->n_locs);
    fa->reached[ECG_CFG_ENTRY] = 1;
    enqueue(fa, &r, ECG_CFG_ENTRY);
    while (r.len > 0 && !fa->failed && !fa->t->failed) {
        uint32_t b = dequeue(fa, &r);
        if (++visits > budget)
            return 1;
        memcpy(fa->work, fa->state + (size_t)b * fa->n_locs, fa->n_locs * sizeof(*fa->work));
        eval_block(fa, b, fa->work);
        propagate(fa, &r, b);
    }
    return 0;
}

/* Marks the blocks reachable over feasible edges. */
static void mark_reachable(struct taint_fa *fa)
{
    struct ring r = { 0, 0 };

    memset(fa->reached, 0, fa->cfg.n_blocks);
    memset(fa->queued, 0, fa->cfg.n_blocks);
    fa->reached[ECG_CFG_ENTRY] = 1;
    enqueue(fa, &r, ECG_CFG_ENTRY);
    while (r.len > 0) {
        uint32_t b = dequeue(fa, &r);
        const struct ecg_cfg_block *blk = &fa->cfg.blocks[b];
        for (uint32_t i = 0; i < blk->n_edges; i++) {
            const struct ecg_cfg_edge *e = &fa->cfg.edges[blk->first_edge + i];
            if (fa->reached[e->to] || !edge_feasible(fa, b, e))
                continue;
            fa->reached[e->to] = 1;
            enqueue(fa, &r, e->to);
        }
    }
}

static void run_insensitive(struct taint_fa *fa)
{
    fa->flow_insensitive = 1;
    mark_reachable(fa);
    seed_entry(fa, fa->work);
    for (int pass = 0; pass < PASSES_MAX && !fa->t->failed; pass++) {
        fa->changed = 0;
        for (uint32_t b = 0; b < fa->cfg.n_blocks; b++) {
            if (fa->reached[b])
                eval_block(fa, b, fa->work);
        }
        if (!fa->changed)
            break;
    }
}

/* --- one analysis ---------------------------------------------------------------------- */

static enum ecg_op hook_op(void *arg, uint32_t node)
{
    return (enum ecg_op)((struct ecg_taint *)arg)->facts[node].op;
}

static int hook_noreturn(void *arg, uint32_t call)
{
    const struct taint_callee *c = ecg_taint_facts_callee(arg, call);

    return c != NULL && c->noreturn;
}

static int reserve_blocks(struct taint_fa *fa, size_t n)
{
    size_t cap = fa->blocks_cap;

    if (n <= cap)
        return 0;
    cap = cap != 0 ? cap : 64;
    while (cap < n)
        cap *= 2;
    free(fa->reached);
    free(fa->queued);
    free(fa->queue);
    free(fa->bconst);
    free(fa->bvalue);
    fa->reached = malloc(cap);
    fa->queued = malloc(cap);
    fa->queue = malloc(cap * sizeof(*fa->queue));
    fa->bconst = malloc(cap * sizeof(*fa->bconst));
    fa->bvalue = malloc(cap * sizeof(*fa->bvalue));
    fa->blocks_cap = cap;
    if (fa->reached == NULL || fa->queued == NULL || fa->queue == NULL || fa->bconst == NULL ||
        fa->bvalue == NULL) {
        fa->blocks_cap = 0;
        return ECG_ENOMEM;
    }
    return 0;
}

static int prepare_values(struct taint_fa *fa)
{
    size_t locs = fa->n_locs != 0 ? fa->n_locs : 1;
    size_t cap = fa->work_cap;

    if (ecg_grow((void **)&fa->val, &fa->val_cap, fa->n_nodes, sizeof(*fa->val)) != 0 ||
        ecg_grow((void **)&fa->work, &cap, locs, sizeof(*fa->work)) != 0 ||
        ecg_grow((void **)&fa->edge, &fa->work_cap, locs, sizeof(*fa->edge)) != 0 ||
        reserve_blocks(fa, fa->cfg.n_blocks) != 0)
        return ECG_ENOMEM;
    for (uint32_t i = 0; i < fa->n_nodes; i++)
        fa->val[i] = clean_cell;
    memset(fa->bconst, 2, fa->cfg.n_blocks);
    return 0;
}

static int setup(struct taint_fa *fa, struct ecg_taint *t, uint32_t fn, enum taint_mode mode)
{
    struct ecg_cfg_hooks hooks = { hook_op, hook_noreturn, t };
    uint32_t root = t->fns[fn].node;

    fa->t = t;
    fa->fn = fn;
    fa->root = root;
    fa->n_nodes = t->fir->nodes[root].end - root;
    fa->mode = mode;
    fa->failed = 0;
    fa->flow_insensitive = 0;
    fa->ret = clean_cell;
    fa->sink_acc = 0;
    if (ecg_taint_facts_function(t, fn) != 0 ||
        ecg_cfg_build(&fa->cfg, t->fir, root, &hooks) != 0 || ecg_taint_pts_build(fa) != 0)
        return ECG_ENOMEM;
    return prepare_values(fa);
}

/* The state at the function's exit, or NULL when it never returns. */
static const struct taint_cell *exit_state(const struct taint_fa *fa)
{
    if (fa->flow_insensitive)
        return fa->work;
    return fa->reached[ECG_CFG_EXIT] ? fa->state + (size_t)ECG_CFG_EXIT * fa->n_locs : NULL;
}

/* Records parameter bits in what parameter param points to (field of it, or all of it),
 * leaving out the parameter's own bit: its own data where it points is no news to the
 * caller. Returns nonzero when that is new. */
static int publish_out_bits(struct taint_fa *fa, uint32_t param, uint32_t field,
                            const struct taint_cell *c)
{
    struct taint_fn *f = &fa->t->fns[fa->fn];
    uint32_t self = 1u << (param < TAINT_MAX_PARAMS ? param : TAINT_MAX_PARAMS - 1);
    struct taint_part part = { param, field, { c->s & ~self, 0, 0 } };
    int rc;

    if (part.cell.s == 0)
        return 0;
    f->out_mask[param] |= part.cell.s;
    rc = ecg_taint_parts_join(&f->out_parts, &part, TM_SUMMARY);
    if (rc < 0)
        fa->failed = 1;
    return rc > 0;
}

/* The exit state of what each pointer parameter points to, object and fields, through
 * publish (publish_out_bits or publish_out). Returns nonzero when something was new. */
static int publish_regions(struct taint_fa *fa, const struct taint_cell *exit,
                           int (*publish)(struct taint_fa *, uint32_t, uint32_t,
                                          const struct taint_cell *))
{
    const struct taint_fn *f = &fa->t->fns[fa->fn];
    int changed = 0;

    for (uint32_t i = 0; exit != NULL && i < f->n_params; i++) {
        uint32_t region = ecg_taint_pts_param_region(fa, f->params[i]);
        if (region == TNONE)
            continue;
        changed |= publish(fa, i, TNONE, &exit[region]);
        for (uint32_t fl = fa->locs[region].first_field; fl != TNONE; fl = fa->locs[fl].next_field)
            changed |= publish(fa, i, fa->locs[fl].field, &exit[fl]);
    }
    return changed;
}

static int publish_summary(struct taint_fa *fa, const struct taint_cell *exit)
{
    struct taint_fn *f = &fa->t->fns[fa->fn];
    int changed =
        (f->ret_mask | fa->ret.s) != f->ret_mask || (f->sink_mask | fa->sink_acc) != f->sink_mask;

    f->ret_mask |= fa->ret.s;
    f->sink_mask |= fa->sink_acc;
    if (cell_tainted(&fa->ret) && (f->ret_bounds & fa->ret.bounds) != f->ret_bounds) {
        f->ret_bounds &= fa->ret.bounds;
        changed = 1;
    }
    return publish_regions(fa, exit, publish_out_bits) | changed;
}

/* Records source data in what parameter param points to (field of it, or all of it).
 * Returns nonzero when that is new. */
static int publish_out(struct taint_fa *fa, uint32_t param, uint32_t field,
                       const struct taint_cell *c)
{
    struct taint_part part = { param, field, { c->s, 0, 0 } };
    int rc;

    if (c->s == 0)
        return 0;
    rc = ecg_taint_parts_join(&fa->t->fns[fa->fn].s_outs, &part, TM_TAINT);
    if (rc < 0)
        fa->failed = 1;
    return rc > 0;
}

static int publish_taint(struct taint_fa *fa, const struct taint_cell *exit)
{
    struct taint_fn *f = &fa->t->fns[fa->fn];
    int changed = 0;

    if (f->s_ret == 0 && fa->ret.s != 0) {
        f->s_ret = fa->ret.s;
        changed = 1;
    }
    return publish_regions(fa, exit, publish_out) | changed;
}

int ecg_taint_flow_run(int *changed, struct ecg_taint *t, uint32_t fn, enum taint_mode mode)
{
    struct taint_fa *fa = &t->fa;
    const struct taint_cell *exit;

    if (setup(fa, t, fn, mode) != 0)
        return ECG_ENOMEM;
    if ((size_t)fa->cfg.n_blocks * fa->n_locs > TAINT_CELLS_MAX || run_sensitive(fa)) {
        fa->ret = clean_cell;
        fa->sink_acc = 0;
        run_insensitive(fa);
    }
    if (fa->failed || t->failed)
        return ECG_ENOMEM;
    exit = exit_state(fa);
    *changed = mode == TM_SUMMARY ? publish_summary(fa, exit) : publish_taint(fa, exit);
    return 0;
}

void ecg_taint_flow_fini(struct taint_fa *fa)
{
    ecg_cfg_fini(&fa->cfg);
    free(fa->pn);
    free(fa->links);
    free(fa->pairs);
    free(fa->lv);
    free(fa->pt);
    free(fa->temp);
    free(fa->var_node);
    free(fa->var_stamp);
    free(fa->loc_of);
    free(fa->locs);
    free(fa->val);
    free(fa->state);
    free(fa->work);
    free(fa->edge);
    free(fa->reached);
    free(fa->queued);
    free(fa->queue);
    free(fa->bconst);
    free(fa->bvalue);
    free(fa->guards);
    memset(fa, 0, sizeof(*fa));
}
