/* The taint engine's side of cross-unit taint (analyzer/taint_xunit.h): it notes source data
 * passed to functions the unit does not define, applies the seeds other units provide
 * (parameters tainted at entry, globals tainted from the start; call results are applied
 * where the call is evaluated, taint_call.c), and exports the unit's interface with each
 * fact's steps rendered to plain text and places. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/taint_int.h"

#define XCHAIN_MAX 128 /* steps of an exported origin */

static int may_pass_on(const struct ecg_taint *t, uint8_t what, uint32_t witness);

/* Whether two notes are of the same argument (and part) of the same callee. */
static int same_xarg_place(const struct taint_xarg *a, const struct taint_xarg *b)
{
    return a->arg == b->arg && a->pointee == b->pointee && a->field == b->field &&
           strcmp(a->callee, b->callee) == 0;
}

void ecg_taint_xunit_note_arg(struct ecg_taint *t, const struct taint_xarg *x)
{
    struct taint_xarg *grown;

    for (size_t i = 0; i < t->n_xargs; i++) {
        struct taint_xarg *o = &t->xargs[i];
        if (!same_xarg_place(o, x))
            continue;
        /* a witness that may not be handed on (data that came back from another unit) gives
         * way to one that may: else seeds from other units would hide this unit's own data */
        if (!may_pass_on(t, ECG_XF_ARG, o->witness) && may_pass_on(t, ECG_XF_ARG, x->witness))
            *o = *x;
        return;
    }
    if (t->n_xargs == t->xargs_cap) {
        size_t cap = t->xargs_cap != 0 ? t->xargs_cap * 2 : 8;
        grown = realloc(t->xargs, cap * sizeof(*grown));
        if (grown == NULL) {
            t->failed = 1;
            return;
        }
        t->xargs = grown;
        t->xargs_cap = cap;
    }
    t->xargs[t->n_xargs++] = *x;
}

const struct ecg_xfact *ecg_taint_xunit_seed(const struct ecg_taint *t, uint8_t what,
                                             const char *name, uint32_t index, uint32_t *out)
{
    for (size_t i = 0; t->xseeds != NULL && i < t->xseeds->len; i++) {
        const struct ecg_xfact *f = &t->xseeds->items[i];
        if (f->what == what && (what == ECG_XF_RET || f->index == index) &&
            strcmp(f->name, name) == 0) {
            *out = (uint32_t)i;
            return f;
        }
    }
    return NULL;
}

static void spelling(char *buf, size_t size, CXCursor c)
{
    CXString s = clang_getCursorSpelling(c);
    const char *text = clang_getCString(s);

    snprintf(buf, size, "%s", text != NULL ? text : "");
    clang_disposeString(s);
}

/* "record.field" of a field of the unit, the name both units give it; "" for TNONE. */
static void field_name(char *buf, size_t size, const struct ecg_taint *t, uint32_t field)
{
    char record[128], name[128];

    buf[0] = '\0';
    if (field == TNONE)
        return;
    spelling(record, sizeof(record), clang_getCursorSemanticParent(t->fields[field].decl));
    spelling(name, sizeof(name), t->fields[field].decl);
    snprintf(buf, size, "%s.%s", record, name);
}

/* The field of the unit named "record.field", or TNONE (also when the unit never names it:
 * then nothing here reads it). */
static uint32_t field_named(struct ecg_taint *t, const char *qualified)
{
    char name[256];

    if (ecg_taint_global_resolve_all(t) != 0)
        return TNONE;
    for (uint32_t f = 0; f < t->field_map.len; f++) {
        field_name(name, sizeof(name), t, f);
        if (strcmp(name, qualified) == 0)
            return f;
    }
    return TNONE;
}

static void seed_param(struct ecg_taint *t, const struct ecg_xfact *seed, uint32_t at)
{
    uint32_t field = seed->field[0] != '\0' ? field_named(t, seed->field) : TNONE;

    if (seed->field[0] != '\0' && field == TNONE)
        return;
    for (uint32_t fn = 0; fn < t->n_fns; fn++) {
        struct taint_cell v = { 0, 0, 0 };
        if (strcmp(t->fns[fn].name, seed->name) != 0 || seed->index >= t->fns[fn].n_params)
            continue;
        /* one step per call, as within a unit: the caller's "passed to" ends the seed's steps */
        v.p = ecg_taint_step(t, TS_EXTERN, TNONE, at, 0);
        if (seed->pointee) {
            struct taint_part part = { seed->index, field, v };
            ecg_taint_seed_part(t, fn, &part);
        } else {
            ecg_taint_seed_param(t, fn, seed->index, &v);
        }
    }
}

/* Nonzero when the call node calls a function of another unit that a seed names. */
static int calls_seeded(const struct ecg_taint *t, uint32_t node)
{
    const struct taint_callee *c = ecg_taint_facts_callee(t, node);
    uint32_t at;

    if (c == NULL || c->function != TNONE || c->spec != NULL || c->conf != NULL)
        return 0;
    for (uint32_t i = 0; i < 32; i++) {
        if (ecg_taint_xunit_seed(t, ECG_XF_OUT, c->name, i, &at) != NULL)
            return 1;
    }
    return ecg_taint_xunit_seed(t, ECG_XF_RET, c->name, 0, &at) != NULL;
}

static void queue_callers_of_seeded(struct ecg_taint *t)
{
    for (uint32_t fn = 0; fn < t->n_fns; fn++) {
        uint32_t root = t->fns[fn].node, end = t->fir->nodes[root].end;
        for (uint32_t n = root + 1; n < end; n++) {
            if (ecg_fir_kind(t->fir, n) == CXCursor_CallExpr && calls_seeded(t, n)) {
                ecg_taint_queue_taint(t, fn);
                break;
            }
        }
    }
}

void ecg_taint_xunit_apply(struct ecg_taint *t)
{
    int calls = 0;

    for (size_t i = 0; t->xseeds != NULL && i < t->xseeds->len && !t->failed; i++) {
        const struct ecg_xfact *seed = &t->xseeds->items[i];
        uint32_t w;
        if (seed->what == ECG_XF_ARG) {
            seed_param(t, seed, (uint32_t)i);
        } else if (seed->what == ECG_XF_GLOBAL) {
            w = ecg_taint_step(t, TS_EXTERN, TNONE, (uint32_t)i, 0);
            ecg_taint_global_seed(t, seed->name, seed->pointee ? TAINT_PART_POINTEE : 0, w);
        } else {
            calls = 1;
        }
    }
    if (calls)
        queue_callers_of_seeded(t);
}

/* --- export ---------------------------------------------------------------------------- */

struct exporter {
    struct ecg_taint *t;
    ecg_taint_path_fn path_of;
    void *arg;
};

/* The end of a range in file, or its start when the end lies elsewhere or before it. */
static void range_end(struct ecg_xstep *out, CXSourceRange range, CXFile file)
{
    CXFile end_file = NULL;

    clang_getExpansionLocation(clang_getRangeEnd(range), &end_file, &out->end_line, &out->end_col,
                               NULL);
    if (!clang_File_isEqual(file, end_file) || out->end_line < out->line ||
        (out->end_line == out->line && out->end_col < out->col)) {
        out->end_line = out->line;
        out->end_col = out->col;
    }
}

static int step_out(struct ecg_xstep *out, const struct exporter *ex,
                    const struct ecg_taint_step *s)
{
    CXFile file = NULL;
    const char *path = s->path;

    out->line = s->line;
    out->col = s->col;
    out->end_line = s->end_line;
    out->end_col = s->end_col;
    if (path == NULL) {
        clang_getExpansionLocation(clang_getRangeStart(s->range), &file, &out->line, &out->col,
                                   NULL);
        range_end(out, s->range, file);
        path = file != NULL ? ex->path_of(ex->arg, file) : NULL;
    }
    out->path = strdup(path != NULL ? path : "");
    out->text = strdup(s->text);
    return out->path != NULL && out->text != NULL ? 0 : ECG_ENOMEM;
}

/* Fills origin with the steps of witness and, when last is not NULL, one more step. */
static int origin_out(struct ecg_xorigin *o, const struct exporter *ex, uint32_t witness,
                      const struct ecg_taint_step *last)
{
    struct ecg_taint_step chain[XCHAIN_MAX + 1];
    size_t n = ecg_taint_steps_chain(ex->t, witness, chain, XCHAIN_MAX);

    if (ex->t->failed)
        return ECG_ENOMEM;
    if (last != NULL)
        chain[n++] = *last;
    o->kind = (uint8_t)ecg_taint_steps_kind(ex->t, witness);
    o->steps = calloc(n != 0 ? n : 1, sizeof(*o->steps));
    if (o->steps == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        o->n_steps++;
        if (step_out(&o->steps[i], ex, &chain[i]) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

/* The kind of seed (enum ecg_xfact_what) the data of witness came from, or -1 for a source
 * of this unit. */
static int seed_root(const struct ecg_taint *t, uint32_t witness)
{
    uint32_t w = witness;

    while (w != 0 && t->steps[w].prev != 0)
        w = t->steps[w].prev;
    if (w == 0 || t->steps[w].kind != TS_EXTERN)
        return -1;
    return t->xseeds->items[t->steps[w].aux].what;
}

/* Data goes down a chain of calls (an argument from a source, or from an argument another
 * unit passed in), or up from a source of this unit (a result, an out-argument, a global);
 * never back where it came from, so two units never hand each other's data to and fro. */
static int may_pass_on(const struct ecg_taint *t, uint8_t what, uint32_t witness)
{
    int root = seed_root(t, witness);

    return root < 0 || (what == ECG_XF_ARG && root == ECG_XF_ARG);
}

/* Adds one fact with the origin of witness (and a last step) to out. */
static int add_fact(struct ecg_xiface *out, const struct exporter *ex, struct ecg_xfact *f,
                    uint32_t witness, const struct ecg_taint_step *last)
{
    int rc;

    if (!may_pass_on(ex->t, f->what, witness))
        return 0;
    rc = origin_out(&f->origin, ex, witness, last);

    if (rc == 0)
        rc = ecg_taint_xunit_fact_add(&out->facts, f);
    for (size_t i = 0; i < f->origin.n_steps; i++) {
        free(f->origin.steps[i].path);
        free(f->origin.steps[i].text);
    }
    free(f->origin.steps);
    return rc;
}

/* Nonzero when witness's chain holds a step where a callee wrote the data through a pointer
 * (TS_OUT): an integer that came that way mostly reflects a struct merged as a whole. */
static int written_by_callee(const struct ecg_taint *t, uint32_t witness)
{
    for (uint32_t w = witness; w != 0; w = t->steps[w].prev) {
        if (t->steps[w].kind == TS_OUT)
            return 1;
    }
    return 0;
}

/* An integer passed by value crosses units only when its data came to it directly: the
 * steps an integer rule trusts within a unit, not a whole struct's taint. */
static int worth_passing(struct ecg_taint *t, const struct taint_xarg *x, uint32_t arg)
{
    if (x->pointee || arg == ECG_FIR_NONE || !tclass_is_int(ecg_taint_facts_tclass(t, arg)))
        return 1;
    return !written_by_callee(t, x->witness);
}

static int export_args(struct ecg_xiface *out, const struct exporter *ex)
{
    struct ecg_taint *t = ex->t;
    char text[256];
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < t->n_xargs; i++) {
        const struct taint_xarg *x = &t->xargs[i];
        char field[256];
        uint32_t arg = ecg_fir_child(t->fir, x->call, x->arg + 1);
        struct ecg_taint_step last = { clang_getNullRange(), text, NULL, 0, 0, 0, 0 };
        struct ecg_xfact f = { .what = ECG_XF_ARG,
                               .pointee = x->pointee,
                               .index = x->arg,
                               .name = (char *)x->callee,
                               .field = field };
        last.range =
            clang_getCursorExtent(t->fir->nodes[arg != ECG_FIR_NONE ? arg : x->call].cursor);
        snprintf(text, sizeof(text), "passed to '%s' as argument %u", x->callee, x->arg + 1);
        field_name(field, sizeof(field), t, x->field);
        if (!worth_passing(t, x, arg))
            continue;
        rc = add_fact(out, ex, &f, x->witness, &last);
    }
    return rc;
}

static int linked_externally(const struct ecg_taint *t, uint32_t fn)
{
    CXCursor c = t->fir->nodes[t->fns[fn].node].cursor;

    return clang_getCursorLinkage(c) == CXLinkage_External && strcmp(t->fns[fn].name, "main") != 0;
}

/* What the unit's own functions return or write through their parameters. */
static int export_results(struct ecg_xiface *out, const struct exporter *ex)
{
    struct ecg_taint *t = ex->t;
    int rc = 0;

    for (uint32_t fn = 0; rc == 0 && fn < t->n_fns; fn++) {
        const struct taint_fn *g = &t->fns[fn];
        struct ecg_xfact f = { .what = ECG_XF_RET, .name = g->name, .field = "" };
        if (!linked_externally(t, fn))
            continue;
        rc = ecg_taint_xunit_name_add(&out->defines, g->name);
        if (rc == 0 && g->s_ret != 0)
            rc = add_fact(out, ex, &f, g->s_ret, NULL);
        for (size_t k = 0; rc == 0 && k < g->s_outs.len; k++) {
            f = (struct ecg_xfact){ .what = ECG_XF_OUT,
                                    .pointee = 1,
                                    .index = g->s_outs.items[k].param,
                                    .name = g->name,
                                    .field = "" };
            rc = add_fact(out, ex, &f, g->s_outs.items[k].cell.s, NULL);
        }
    }
    return rc;
}

static int export_calls(struct ecg_xiface *out, const struct ecg_taint *t)
{
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < t->callee_map.len; i++) {
        const struct taint_callee *c = &t->callees[i];
        if (c->function == TNONE && c->spec == NULL && c->conf == NULL)
            rc = ecg_taint_xunit_name_add(&out->calls, c->name);
    }
    return rc;
}

/* Globals of external linkage holding source data (the variable, or what it points to). */
static int export_globals(struct ecg_xiface *out, const struct exporter *ex)
{
    struct ecg_taint *t = ex->t;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < t->n_gcells; i++) {
        const struct taint_gcell *g = &t->gcells[i];
        const struct taint_var *v = &t->vars[g->var];
        struct ecg_xfact f = { .what = ECG_XF_GLOBAL,
                               .pointee = g->part == TAINT_PART_POINTEE,
                               .field = "" };
        CXString name;
        if (g->witness == 0 || v->internal || (g->part != 0 && g->part != TAINT_PART_POINTEE))
            continue;
        name = clang_getCursorSpelling(v->decl);
        f.name = (char *)clang_getCString(name);
        rc = f.name != NULL ? add_fact(out, ex, &f, g->witness, NULL) : 0;
        clang_disposeString(name);
    }
    return rc;
}

int ecg_taint_export(struct ecg_xiface *out, struct ecg_taint *t, ecg_taint_path_fn path_of,
                     void *arg)
{
    struct exporter ex = { t, path_of, arg };
    int rc = export_results(out, &ex);

    if (rc == 0)
        rc = export_calls(out, t);
    if (rc == 0)
        rc = ecg_taint_global_names(&out->reads, t);
    if (rc == 0)
        rc = export_args(out, &ex);
    if (rc == 0)
        rc = export_globals(out, &ex);
    return rc;
}
