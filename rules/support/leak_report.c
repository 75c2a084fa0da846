/* Function-end judgement of security-realloc-leak; see leak_report.h. A group of aliases
 * leaks when one of them holds a block and none of them is released, kept, returned or
 * changed; what it was passed to decides the rest. */
#include "rules/support/leak_report.h"

#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/leak_sum.h"
#include "rules/support/leak_vars.h"
#include "rules/support/xvalue.h"

#define LR_KEPT (RULE_LEAK_ESCAPED | RULE_LEAK_RELEASED | RULE_LEAK_REASSIGNED | RULE_LEAK_RETURNED)
#define LR_DONE 0x10000u /* on a root's shared flags: the group was judged */

/* Whether the function returns only NULL or fresh blocks, at least one of them. */
static int owned_returns(const struct rule_leak_state *st, CXCursor fn)
{
    int found = !clang_Cursor_isNull(st->alloc_return);

    if (clang_getCanonicalType(clang_getCursorResultType(fn)).kind != CXType_Pointer ||
        st->other_return || st->incomplete)
        return 0;
    for (size_t i = 0; i < st->n_vars; i++) {
        unsigned sh = st->vars[rule_leak_vars_root(st, i)].shared;
        if ((st->vars[i].flags & RULE_LEAK_RETURNED) == 0)
            continue;
        if ((sh & RULE_LEAK_ALLOCATED) == 0 || (sh & (LR_KEPT & ~RULE_LEAK_RETURNED)) != 0 ||
            (sh & RULE_LEAK_XPASSED) != 0)
            return 0;
        found = 1;
    }
    return found;
}

/* The allocated member of root's group, or NULL. */
static const struct rule_leak_var *allocated_member(const struct rule_leak_state *st, size_t root)
{
    for (size_t i = 0; i < st->n_vars; i++) {
        if (rule_leak_vars_root(st, i) == root && (st->vars[i].flags & RULE_LEAK_ALLOCATED) != 0)
            return &st->vars[i];
    }
    return NULL;
}

/* Fills out with what v's block is, for a fact leaving the unit. */
static void describe(struct rule_xout *out, char *text, size_t size, const struct rule_leak_var *v)
{
    char name[RULE_LEAK_NAME];

    memset(out, 0, sizeof(*out));
    out->value = ECG_XV_OWNED;
    out->where = clang_getNullRange();
    if (v->seed != NULL) {
        out->prior = &v->seed->origin;
        return;
    }
    rule_cursor_name(v->decl, name, sizeof(name));
    snprintf(text, size, "'%s' receives a block allocated by %s()", name, v->allocator);
    out->where = clang_getCursorExtent(v->alloc);
    out->what_happened = text;
}

static void export_return(struct rule_ctx *rc, const struct rule_leak_state *st, CXCursor fn)
{
    struct rule_xout out;
    char text[200];
    const struct rule_leak_var *v = NULL;
    CXCursor ret = st->alloc_return;

    for (size_t i = 0; i < st->n_vars && v == NULL; i++) {
        if ((st->vars[i].flags & RULE_LEAK_RETURNED) != 0) {
            ret = st->vars[i].ret;
            v = allocated_member(st, rule_leak_vars_root(st, i));
        }
    }
    memset(&out, 0, sizeof(out));
    out.value = ECG_XV_OWNED;
    out.where = clang_getNullRange();
    if (v != NULL)
        describe(&out, text, sizeof(text), v);
    rule_xvalue_export_return(rc, fn, ret, &out);
}

/* The group reached exactly one function of another unit and nothing else: that function
 * owns the block now. */
static void export_handover(struct rule_ctx *rc, const struct rule_leak_state *st, size_t root,
                            const struct rule_leak_var *v)
{
    const struct rule_leak_var *x = NULL;
    unsigned calls = 0;
    struct rule_xout out;
    char text[200];
    int record;

    for (size_t i = 0; i < st->n_vars; i++) {
        if (rule_leak_vars_root(st, i) != root)
            continue;
        calls += st->vars[i].n_xcalls + st->vars[i].n_edges;
        if (st->vars[i].n_xcalls > 0)
            x = &st->vars[i];
    }
    if (calls != 1 || x == NULL)
        return;
    record = clang_getCanonicalType(clang_getCursorType(x->decl)).kind == CXType_Record;
    describe(&out, text, sizeof(text), v);
    rule_xvalue_export_arg(rc, x->xcall.call, x->xcall.arg, x->xcall.pointee,
                           record ? v->field : "", &out);
}

/* A block that went through a parameter's pointee or member is the parameter's only use. */
static int single_source(struct rule_leak_state *st, const struct rule_leak_var *v)
{
    const struct rule_leak_var *src;

    if (clang_Cursor_isNull(v->source))
        return 1;
    src = rule_leak_vars_find(st, v->source);
    return src == NULL || src->refs <= 1;
}

static void add_candidate(struct rule_ctx *rc, struct rule_leak_state *st, size_t root,
                          const struct rule_leak_var *v, CXCursor fn)
{
    struct rule_leak_cand c;

    memset(&c, 0, sizeof(c));
    for (size_t i = 0; i < st->n_vars; i++) {
        const struct rule_leak_var *m = &st->vars[i];
        if (rule_leak_vars_root(st, i) != root)
            continue;
        if (c.n_edges + m->n_edges > RULE_LEAK_EDGES)
            return;
        memcpy(&c.edges[c.n_edges], m->edges, m->n_edges * sizeof(m->edges[0]));
        c.n_edges += m->n_edges;
    }
    c.at = v->alloc;
    c.seed = v->seed;
    rule_cursor_name(v->decl, c.var, sizeof(c.var));
    rule_cursor_name(fn, c.fn, sizeof(c.fn));
    snprintf(c.allocator, sizeof(c.allocator), "%s", v->allocator);
    (void)rc;
    rule_leak_sum_add_candidate(st, &c);
}

static void judge_group(struct rule_ctx *rc, struct rule_leak_state *st, size_t root, CXCursor fn,
                        int is_main)
{
    unsigned sh = st->vars[root].shared;
    const struct rule_leak_var *v = allocated_member(st, root);

    if (v == NULL || (sh & LR_KEPT) != 0 || !single_source(st, v))
        return;
    if ((sh & RULE_LEAK_XPASSED) != 0)
        export_handover(rc, st, root, v);
    else if (!is_main)
        add_candidate(rc, st, root, v, fn);
}

void rule_leak_report_function(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor fn)
{
    char name[RULE_LEAK_NAME];
    int returns_owned;

    rule_leak_vars_share(st);
    returns_owned = owned_returns(st, fn);
    rule_leak_sum_function(st, fn, returns_owned);
    if (st->incomplete)
        return;
    if (returns_owned)
        export_return(rc, st, fn);
    rule_cursor_name(fn, name, sizeof(name));
    for (size_t i = 0; i < st->n_vars; i++) {
        size_t root = rule_leak_vars_root(st, i);
        if ((st->vars[i].flags & RULE_LEAK_ALLOCATED) == 0 ||
            (st->vars[root].shared & LR_DONE) != 0)
            continue;
        st->vars[root].shared |= LR_DONE;
        judge_group(rc, st, root, fn, strcmp(name, "main") == 0);
    }
}

static void report_one(void *arg, const struct rule_leak_cand *c)
{
    struct rule_ctx *rc = arg;
    struct ecg_finding *f;

    if (c->seed != NULL && c->seed->what == ECG_XF_RET) {
        f = rule_report(rc, c->at,
                        "memory from '%s' (another file, see the flow) stored in '%s' is never "
                        "freed, returned or stored elsewhere before '%s' returns (CWE-401); "
                        "free it on every path",
                        c->allocator, c->var, c->fn);
        if (f != NULL)
            rule_xvalue_add_steps(rc, f, c->seed);
        return;
    }
    if (c->seed != NULL) {
        f = rule_report(rc, c->at,
                        "the block handed over in '%s' by another file (see the flow) is never "
                        "freed, returned or stored elsewhere before '%s' returns (CWE-401); "
                        "free it here or in the caller",
                        c->var, c->fn);
        if (f != NULL)
            rule_xvalue_add_steps(rc, f, c->seed);
        return;
    }
    rule_report(rc, c->at,
                "memory from '%s' stored in '%s' is never freed, returned or stored elsewhere "
                "before '%s' returns (CWE-401)%s; free it on every path",
                c->allocator, c->var, c->fn,
                c->n_edges > 0 ? ", and the functions it is passed to do not release it" : "");
}

void rule_leak_report_unit(struct rule_ctx *rc, struct rule_leak_state *st)
{
    rule_leak_sum_resolve(st, report_one, rc);
}
