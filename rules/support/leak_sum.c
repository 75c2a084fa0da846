/* Function summaries of security-realloc-leak; see leak_sum.h. A parameter counts as
 * consumed when the function releases, stores, returns or hands it to code the unit does not
 * see; one passed on to the unit's own functions is consumed when any of those consumes it. */
#include "rules/support/leak_sum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/leak_vars.h"

#define LS_CONSUMING                                                                               \
    (RULE_LEAK_ESCAPED | RULE_LEAK_RELEASED | RULE_LEAK_REASSIGNED | RULE_LEAK_RETURNED |          \
     RULE_LEAK_XPASSED)

static int grow(void **items, size_t *cap, size_t len, size_t size)
{
    size_t n;
    void *grown;

    if (len < *cap)
        return 1;
    n = *cap != 0 ? *cap * 2 : 16;
    grown = realloc(*items, n * size);
    if (grown == NULL)
        return 0;
    *items = grown;
    *cap = n;
    return 1;
}

static size_t slot_of(const struct rule_leak_state *st, CXCursor canonical)
{
    return (size_t)clang_hashCursor(canonical) & (st->n_slots - 1);
}

static ptrdiff_t fn_index(const struct rule_leak_state *st, CXCursor decl)
{
    CXCursor canonical = clang_getCanonicalCursor(decl);

    if (st->n_slots == 0 || clang_Cursor_isNull(canonical))
        return -1;
    /* the table is at most half full, so a free slot ends every probe */
    for (size_t i = slot_of(st, canonical);; i = (i + 1) & (st->n_slots - 1)) {
        uint32_t k = st->fn_slots[i];
        if (k == 0)
            return -1;
        if (clang_equalCursors(st->fns[k - 1].decl, canonical))
            return (ptrdiff_t)(k - 1);
    }
}

static void slot_put(struct rule_leak_state *st, size_t index)
{
    size_t i = slot_of(st, st->fns[index].decl);

    while (st->fn_slots[i] != 0)
        i = (i + 1) & (st->n_slots - 1);
    st->fn_slots[i] = (uint32_t)(index + 1);
}

/* Makes room for one more function in the table. Returns 0 when memory ran out. */
static int slots_reserve(struct rule_leak_state *st)
{
    size_t n = st->n_slots != 0 ? st->n_slots : 64;
    uint32_t *slots;

    if ((st->n_fns + 1) * 2 <= st->n_slots)
        return 1;
    while ((st->n_fns + 1) * 2 > n)
        n *= 2;
    if (st->n_fns >= UINT32_MAX - 1)
        return 0;
    slots = calloc(n, sizeof(*slots));
    if (slots == NULL)
        return 0;
    free(st->fn_slots);
    st->fn_slots = slots;
    st->n_slots = n;
    for (size_t i = 0; i < st->n_fns; i++)
        slot_put(st, i);
    return 1;
}

const struct rule_leak_fn *rule_leak_sum_find(const struct rule_leak_state *st, CXCursor decl)
{
    ptrdiff_t i = fn_index(st, decl);

    return i >= 0 ? &st->fns[i] : NULL;
}

static void add_pedge(struct rule_leak_state *st, size_t fn, unsigned param,
                      const struct rule_leak_edge *to)
{
    if (!grow((void **)&st->pedges, &st->cap_pedges, st->n_pedges, sizeof(*st->pedges))) {
        st->unit_incomplete = 1;
        return;
    }
    st->pedges[st->n_pedges++] = (struct rule_leak_pedge){ fn, param, *to };
}

/* The summary of parameter param (declared by decl) from the variables of its group. */
static void sum_param(struct rule_leak_state *st, size_t fn, unsigned param, CXCursor decl)
{
    const struct rule_leak_var *pv = rule_leak_vars_find(st, decl);
    size_t root;
    unsigned mask;

    if (!rule_leak_vars_is_pointer(decl)) {
        st->fns[fn].consumed |= 1u << param;
        return;
    }
    if (pv == NULL)
        return; /* never named: the function drops it */
    root = rule_leak_vars_root(st, (size_t)(pv - st->vars));
    mask = LS_CONSUMING;
    /* 'p = malloc(n); return p;': what the caller passed in was dropped, not returned */
    if ((pv->flags & RULE_LEAK_ALLOCATED) != 0)
        mask &= ~(unsigned)RULE_LEAK_RETURNED;
    if ((st->vars[root].shared & mask) != 0) {
        st->fns[fn].consumed |= 1u << param;
        return;
    }
    for (size_t i = 0; i < st->n_vars; i++) {
        const struct rule_leak_var *v = &st->vars[i];
        if (rule_leak_vars_root(st, i) != root)
            continue;
        for (unsigned e = 0; e < v->n_edges; e++)
            add_pedge(st, fn, param, &v->edges[e]);
    }
}

/* A function with no pointer parameter that does not return fresh blocks needs no summary:
 * a function without one counts as keeping what it gets, and it gets no block. */
static int worth_summary(CXCursor fn, int returns_owned)
{
    int n = clang_Cursor_getNumArguments(fn);

    if (returns_owned)
        return 1;
    for (int i = 0; i < n; i++) {
        if (rule_leak_vars_is_pointer(clang_Cursor_getArgument(fn, (unsigned)i)))
            return 1;
    }
    return 0;
}

/* A new, findable summary of fn, consuming nothing yet; NULL when memory ran out. */
static struct rule_leak_fn *new_fn(struct rule_leak_state *st, CXCursor fn)
{
    struct rule_leak_fn *f;

    if (!slots_reserve(st) || !grow((void **)&st->fns, &st->cap_fns, st->n_fns, sizeof(*st->fns))) {
        st->unit_incomplete = 1;
        return NULL;
    }
    f = &st->fns[st->n_fns++];
    memset(f, 0, sizeof(*f));
    f->decl = clang_getCanonicalCursor(fn);
    rule_cursor_name(fn, f->name, sizeof(f->name));
    slot_put(st, st->n_fns - 1);
    return f;
}

void rule_leak_sum_function(struct rule_leak_state *st, CXCursor fn, int returns_owned)
{
    int n = clang_Cursor_getNumArguments(fn);
    struct rule_leak_fn *f;

    if (!worth_summary(fn, returns_owned) || fn_index(st, fn) >= 0)
        return;
    f = new_fn(st, fn);
    if (f == NULL)
        return;
    f->n_params = n > 0 ? (unsigned)n : 0u;
    f->returns_owned = returns_owned && !st->incomplete;
    if (f->n_params > RULE_LEAK_PARAMS)
        f->n_params = RULE_LEAK_PARAMS;
    if (st->incomplete) {
        f->consumed = UINT32_MAX;
        return;
    }
    for (unsigned i = 0; i < f->n_params; i++)
        sum_param(st, st->n_fns - 1, i, clang_Cursor_getArgument(fn, i));
}

void rule_leak_sum_add_candidate(struct rule_leak_state *st, const struct rule_leak_cand *cand)
{
    if (!grow((void **)&st->cands, &st->cap_cands, st->n_cands, sizeof(*st->cands))) {
        st->unit_incomplete = 1;
        return;
    }
    st->cands[st->n_cands++] = *cand;
}

/* Whether the call edge reaches a parameter that is consumed, or a function not summarised
 * (whose parameters count as consumed). */
static int edge_consumes(const struct rule_leak_state *st, const struct rule_leak_edge *e)
{
    ptrdiff_t i = fn_index(st, e->callee);

    if (i < 0 || e->arg >= st->fns[i].n_params)
        return 1;
    return (st->fns[i].consumed >> e->arg) & 1u;
}

/* One pass over the parameter edges; nonzero when some parameter became consumed. */
static int propagate(struct rule_leak_state *st)
{
    int changed = 0;

    for (size_t i = 0; i < st->n_pedges; i++) {
        const struct rule_leak_pedge *p = &st->pedges[i];
        uint32_t bit = 1u << p->param;
        if ((st->fns[p->fn].consumed & bit) != 0 || !edge_consumes(st, &p->to))
            continue;
        st->fns[p->fn].consumed |= bit;
        changed = 1;
    }
    return changed;
}

void rule_leak_sum_resolve(struct rule_leak_state *st, rule_leak_report_fn report, void *arg)
{
    /* each pass consumes at least one more parameter, so the passes are bounded */
    size_t passes = st->n_pedges + 1;

    if (st->unit_incomplete)
        return;
    while (passes-- > 0 && propagate(st))
        continue;
    for (size_t i = 0; i < st->n_cands; i++) {
        const struct rule_leak_cand *c = &st->cands[i];
        int kept = 0;
        for (unsigned e = 0; e < c->n_edges && !kept; e++)
            kept = edge_consumes(st, &c->edges[e]);
        if (!kept)
            report(arg, c);
    }
}
