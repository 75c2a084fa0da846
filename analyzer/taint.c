/* The taint engine's driver; see taint.h. Two worklists of functions: summaries, computed
 * on demand bottom-up (a function's callees first; a recursive cycle starts from empty
 * summaries and is re-run until nothing grows), and taint analyses, starting from the
 * functions that call a source (and main). A taint analysis that passes data to a callee
 * seeds the callee's parameter, and one that stores data in a global queues the global's
 * readers, so data is followed into every function it reaches. Each function is re-run
 * a bounded number of times (TAINT_SUMMARY_RUNS, TAINT_FLOW_RUNS). */
#include "analyzer/taint.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/taint_int.h"

static int push(uint32_t **queue, size_t *len, size_t *cap, uint32_t fn)
{
    uint32_t *grown;

    if (*len == *cap) {
        size_t n = *cap != 0 ? *cap * 2 : 64;
        grown = realloc(*queue, n * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        *queue = grown;
        *cap = n;
    }
    (*queue)[(*len)++] = fn;
    return 0;
}

static void queue_summary(struct ecg_taint *t, uint32_t fn)
{
    if (t->fns[fn].summary_queued)
        return;
    if (push(&t->summary_queue, &t->n_summary_queue, &t->summary_queue_cap, fn) != 0) {
        t->failed = 1;
        return;
    }
    t->fns[fn].summary_queued = 1;
}

void ecg_taint_queue_taint(struct ecg_taint *t, uint32_t fn)
{
    if (t->fns[fn].taint_queued)
        return;
    if (push(&t->taint_queue, &t->n_taint_queue, &t->taint_queue_cap, fn) != 0) {
        t->failed = 1;
        return;
    }
    t->fns[fn].taint_queued = 1;
}

static void add_user(struct ecg_taint *t, struct taint_fn *g, uint32_t user, enum taint_mode mode)
{
    uint32_t entry = user << 1 | (uint32_t)mode;

    if (g->n_users > 0 && g->users[g->n_users - 1] == entry)
        return;
    if (g->n_users == g->users_cap) {
        size_t cap = g->users_cap != 0 ? g->users_cap * 2 : 4;
        uint32_t *grown = realloc(g->users, cap * sizeof(*grown));
        if (grown == NULL) {
            t->failed = 1;
            return;
        }
        g->users = grown;
        g->users_cap = cap;
    }
    g->users[g->n_users++] = entry;
}

const struct taint_fn *ecg_taint_need_summary(struct ecg_taint *t, uint32_t fn, uint32_t user,
                                              enum taint_mode user_mode)
{
    struct taint_fn *g = &t->fns[fn];

    add_user(t, g, user, user_mode);
    if (!g->summary_done)
        queue_summary(t, fn);
    return g;
}

void ecg_taint_seed_param(struct ecg_taint *t, uint32_t fn, uint32_t param,
                          const struct taint_cell *v)
{
    if (param >= t->fns[fn].n_params)
        return;
    if (ecg_taint_cell_join(&t->fns[fn].seeds[param], v, TM_TAINT))
        ecg_taint_queue_taint(t, fn);
}

int ecg_taint_parts_join(struct taint_parts *parts, const struct taint_part *part,
                         enum taint_mode mode)
{
    struct taint_part *grown;

    for (size_t i = 0; i < parts->len; i++) {
        struct taint_part *p = &parts->items[i];
        if (p->param == part->param && p->field == part->field)
            return ecg_taint_cell_join(&p->cell, &part->cell, mode);
    }
    if (parts->len == parts->cap) {
        size_t cap = parts->cap != 0 ? parts->cap * 2 : 4;
        grown = realloc(parts->items, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        parts->items = grown;
        parts->cap = cap;
    }
    parts->items[parts->len++] = *part;
    return 1;
}

void ecg_taint_seed_part(struct ecg_taint *t, uint32_t fn, const struct taint_part *part)
{
    int rc;

    if (part->param >= t->fns[fn].n_params || !cell_tainted(&part->cell))
        return;
    rc = ecg_taint_parts_join(&t->fns[fn].seed_parts, part, TM_TAINT);
    if (rc < 0)
        t->failed = 1;
    else if (rc > 0)
        ecg_taint_queue_taint(t, fn);
}

/* Re-queues whoever used fn's summary (summary_changed), or, when its results (source
 * data it returns or writes) changed, every caller: a caller that never ran yet has data
 * to follow now. */
static void notify_users(struct ecg_taint *t, uint32_t fn, int summary_changed)
{
    const struct taint_fn *g = &t->fns[fn];

    for (size_t i = 0; !summary_changed && i < g->n_callers; i++)
        ecg_taint_queue_taint(t, g->callers[i]);
    for (size_t i = 0; i < g->n_users; i++) {
        uint32_t user = g->users[i] >> 1;
        if ((g->users[i] & 1u) == TM_TAINT)
            ecg_taint_queue_taint(t, user);
        else if (summary_changed)
            queue_summary(t, user);
    }
}

/* The function a call node calls directly when its summary is what the call uses. */
static uint32_t summarised_callee(const struct ecg_taint *t, uint32_t call)
{
    const struct taint_callee *c = ecg_taint_facts_callee(t, call);

    if (c == NULL || c->spec != NULL || c->conf != NULL)
        return TNONE;
    return c->function;
}

/* Queues the summaries fn's direct callees still lack, after fn itself, so they are
 * computed first. Returns nonzero when it queued any. */
static int prefetch(struct ecg_taint *t, uint32_t fn, int requeue_self)
{
    uint32_t root = t->fns[fn].node, end = t->fir->nodes[root].end;
    int any = 0;

    for (uint32_t n = root + 1; n < end; n++) {
        uint32_t g;
        if (ecg_fir_kind(t->fir, n) != CXCursor_CallExpr)
            continue;
        g = summarised_callee(t, n);
        if (g == TNONE || g == fn || t->fns[g].summary_done || t->fns[g].summary_queued)
            continue;
        if (!any && requeue_self) {
            t->fns[fn].summary_queued = 0;
            queue_summary(t, fn);
        }
        any = 1;
        queue_summary(t, g);
    }
    return any;
}

static void run_summary(struct ecg_taint *t)
{
    uint32_t fn = t->summary_queue[--t->n_summary_queue];
    struct taint_fn *f = &t->fns[fn];
    int changed = 0;

    if (prefetch(t, fn, 1))
        return;
    f->summary_queued = 0;
    if (f->summary_runs >= TAINT_SUMMARY_RUNS) {
        f->summary_done = 1;
        return;
    }
    f->summary_runs++;
    if (ecg_taint_flow_run(&changed, t, fn, TM_SUMMARY) != 0) {
        t->failed = 1;
        return;
    }
    f->summary_done = 1;
    if (changed)
        notify_users(t, fn, 1);
}

static void run_taint(struct ecg_taint *t)
{
    uint32_t fn = t->taint_queue[--t->n_taint_queue];
    struct taint_fn *f = &t->fns[fn];
    int changed = 0;

    f->taint_queued = 0;
    if (prefetch(t, fn, 0)) {
        ecg_taint_queue_taint(t, fn);
        return;
    }
    if (f->taint_runs >= TAINT_FLOW_RUNS)
        return;
    f->taint_runs++;
    if (ecg_taint_flow_run(&changed, t, fn, TM_TAINT) != 0) {
        t->failed = 1;
        return;
    }
    if (changed)
        notify_users(t, fn, 0);
}

/* Runs both worklists until they are empty, summaries first. */
static int settle(struct ecg_taint *t)
{
    while (!t->failed && (t->n_summary_queue > 0 || t->n_taint_queue > 0)) {
        if (t->n_summary_queue > 0)
            run_summary(t);
        else
            run_taint(t);
    }
    return t->failed ? ECG_ENOMEM : 0;
}

static int engine_run(struct ecg_taint *t)
{
    /* Queued last first: the taint worklist is a stack, so the unit is read in order. */
    for (uint32_t fn = (uint32_t)t->n_fns; fn-- > 0;) {
        if (t->fns[fn].has_source)
            ecg_taint_queue_taint(t, fn);
    }
    ecg_taint_xunit_apply(t);
    if (settle(t) != 0)
        return ECG_ENOMEM;
    return ecg_taint_steps_finish(t);
}

int ecg_taint_new(struct ecg_taint **out, const struct ecg_taint_inputs *in)
{
    return ecg_taint_new_seeded(out, in, NULL);
}

int ecg_taint_new_seeded(struct ecg_taint **out, const struct ecg_taint_inputs *in,
                         const struct ecg_xfacts *seeds)
{
    struct ecg_taint *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return ECG_ENOMEM;
    t->tu = in->tu;
    t->fir = in->fir;
    t->categories = in->categories;
    t->xseeds = seeds;
    ecg_cursormap_init(&t->var_map);
    ecg_cursormap_init(&t->field_map);
    ecg_cursormap_init(&t->callee_map);
    ecg_cursormap_init(&t->fn_map);
    if (ecg_taint_config_build(&t->confs, in->config) != 0 || ecg_taint_facts_init(t) != 0 ||
        engine_run(t) != 0) {
        ecg_taint_free(t);
        return ECG_ENOMEM;
    }
    *out = t;
    return 0;
}

void ecg_taint_free(struct ecg_taint *t)
{
    if (t == NULL)
        return;
    ecg_taint_steps_fini(t);
    ecg_taint_flow_fini(&t->fa);
    ecg_taint_facts_fini(t);
    ecg_taint_config_fini(&t->confs);
    free(t->gcells);
    free(t->summary_queue);
    free(t->taint_queue);
    free(t->xargs);
    free(t);
}

const struct ecg_taint_flows *ecg_taint_flows(const struct ecg_taint *t)
{
    return &t->view;
}

int ecg_taint_summary_of(struct ecg_taint_summary *out, struct ecg_taint *t, const char *name)
{
    struct taint_fn *f = NULL;
    uint32_t fn = 0;

    for (; fn < t->n_fns && f == NULL; fn++) {
        if (strcmp(t->fns[fn].name, name) == 0)
            f = &t->fns[fn];
    }
    if (f == NULL)
        return ECG_EPARSE;
    if (!f->summary_done)
        queue_summary(t, fn - 1);
    if (settle(t) != 0)
        return ECG_ENOMEM;
    memset(out, 0, sizeof(*out));
    out->ret = f->ret_mask;
    out->sink = f->sink_mask;
    out->n_params = f->n_params;
    for (uint32_t i = 0; i < f->n_params && i < TAINT_MAX_PARAMS; i++)
        out->out[i] = f->out_mask[i];
    out->const_ret = ecg_taint_const_ret(&out->const_value, t, fn - 1);
    return 0;
}
