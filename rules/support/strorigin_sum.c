/* Summaries of the unit's functions for the string-origin tracker: what text a function
 * returns (a parameter's, a constant, input ...) and what it stores through its pointer
 * parameters, so that a call of it recorded later is not just "unknown". See
 * strorigin_int.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/support/expr.h"
#include "rules/support/strorigin_int.h"

static struct rule_strorigin_summary *so_sum_slot(struct rule_strorigin_summary *sums, size_t cap,
                                                  CXCursor fn, unsigned hash)
{
    size_t mask = cap - 1;

    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        if (!sums[i].used || (sums[i].hash == hash && clang_equalCursors(sums[i].fn, fn)))
            return &sums[i];
    }
}

const struct rule_strorigin_summary *rule_strorigin_summary_find(const struct rule_strorigin *so,
                                                                 CXCursor callee)
{
    const struct rule_strorigin_summary *s;
    CXCursor fn;

    if (so->cap_sums == 0 || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return NULL;
    fn = clang_getCanonicalCursor(callee);
    s = so_sum_slot(so->sums, so->cap_sums, fn, clang_hashCursor(fn));
    return s->used ? s : NULL;
}

static int so_sum_grow(struct rule_strorigin *so)
{
    size_t cap = so->cap_sums != 0 ? so->cap_sums * 2 : 64;
    struct rule_strorigin_summary *grown = calloc(cap, sizeof(*grown));

    if (grown == NULL)
        return -1;
    for (size_t i = 0; i < so->cap_sums; i++) {
        if (so->sums[i].used)
            *so_sum_slot(grown, cap, so->sums[i].fn, so->sums[i].hash) = so->sums[i];
    }
    free(so->sums);
    so->sums = grown;
    so->cap_sums = cap;
    return 0;
}

static void so_sum_store(struct rule_strorigin *so, const struct rule_strorigin_summary *s)
{
    struct rule_strorigin_summary *slot;
    CXCursor fn = clang_getCanonicalCursor(so->fn);
    unsigned hash = clang_hashCursor(fn);

    if ((so->n_sums + 1) * 2 > so->cap_sums && so_sum_grow(so) != 0) {
        so->lost = 1;
        return;
    }
    slot = so_sum_slot(so->sums, so->cap_sums, fn, hash);
    if (!slot->used)
        so->n_sums++;
    *slot = *s;
    slot->fn = fn;
    slot->hash = hash;
    slot->used = 1;
}

/* The first evidence cursor of flags in r. */
static CXCursor so_first_where(const struct rule_strorigin_result *r, unsigned flags)
{
    for (int k = 0; k < RULE_STRORIGIN_NFLAGS; k++) {
        if (flags & (1u << k))
            return r->where[k];
    }
    return clang_getNullCursor();
}

static void so_sum_source(struct rule_strorigin_summary *s, const char *source)
{
    if (s->source[0] == '\0' && source[0] != '\0')
        snprintf(s->source, sizeof(s->source), "%s", source);
}

/* Nonzero when r's parameter text is one parameter's, the same as earlier returns'. */
static int so_sum_same_param(const struct rule_strorigin_summary *s,
                             const struct rule_strorigin_result *r)
{
    if (r->param < 0 || r->params != 1u << r->param)
        return 0;
    return s->ret_param < 0 || s->ret_param == r->param;
}

/* One return's text, r, into s: a single parameter's text is the one the result follows
 * (two different ones are unknown); other origins are added. */
static void so_sum_return(struct rule_strorigin_summary *s, const struct rule_strorigin_result *r,
                          CXCursor value)
{
    unsigned flags = r->flags & ~(unsigned)RULE_STRORIGIN_PARAM;
    CXCursor where;

    if ((r->flags & RULE_STRORIGIN_PARAM) && so_sum_same_param(s, r))
        s->ret_param = r->param;
    else if (r->flags & RULE_STRORIGIN_PARAM)
        flags |= RULE_STRORIGIN_UNKNOWN;
    if (flags != 0 && s->ret_flags == 0) {
        where = so_first_where(r, flags);
        s->ret_where = clang_Cursor_isNull(where) ? value : where;
    }
    s->ret_flags |= flags;
    so_sum_source(s, r->source);
}

/* What the function returns: one parameter's text and text of other origins. */
static void so_sum_returns(struct rule_strorigin *so, struct rule_strorigin_summary *s)
{
    struct rule_strorigin_result r;

    for (size_t i = 0; i < so->n_returns; i++) {
        CXCursor value = rule_expr_first_child(so->returns[i]);
        if (clang_Cursor_isNull(value))
            continue;
        rule_strorigin_classify(so, value, so->returns[i], &r);
        so_sum_return(s, &r, value);
    }
}

/* What the function stores through pointer parameter k: its class's text less the
 * parameter's own; another parameter's text, or a write by a function not known, is
 * unknown. */
static void so_sum_out(struct rule_strorigin *so, struct rule_strorigin_summary *s, int k)
{
    CXCursor param = clang_Cursor_getArgument(so->fn, (unsigned)k);
    struct rule_strorigin_var *root;
    size_t i;
    unsigned flags;

    if (clang_getCanonicalType(clang_getCursorType(param)).kind != CXType_Pointer)
        return;
    i = rule_strorigin_var_index(so, param);
    if (i == RULE_STRORIGIN_NONE)
        return;
    while (so->vars[i].parent != i)
        i = so->vars[i].parent;
    root = &so->vars[i];
    flags = root->flags & ~(unsigned)RULE_STRORIGIN_PARAM;
    if ((root->params & ~(1u << k)) != 0 || root->escape_offset != UINT_MAX)
        flags |= RULE_STRORIGIN_UNKNOWN;
    s->out_flags[k] = flags;
    s->out_where[k] = root->escape_offset != UINT_MAX ? root->escape_at : so->fn;
    for (int b = 0; b < RULE_STRORIGIN_NFLAGS; b++) {
        if (root->flags & flags & (1u << b)) {
            s->out_where[k] = root->where[b];
            break;
        }
    }
    so_sum_source(s, root->source);
}

void rule_strorigin_summarize(struct rule_strorigin *so)
{
    struct rule_strorigin_summary s;
    int n = clang_Cursor_getNumArguments(so->fn);

    memset(&s, 0, sizeof(s));
    s.ret_param = -1;
    s.ret_where = clang_getNullCursor();
    for (int k = 0; k < RULE_STRORIGIN_OUT_PARAMS; k++)
        s.out_where[k] = clang_getNullCursor();
    if (clang_getCanonicalType(clang_getCursorResultType(so->fn)).kind == CXType_Pointer) {
        if (so->n_returns == 0)
            s.ret_flags = RULE_STRORIGIN_UNKNOWN;
        so_sum_returns(so, &s);
    }
    for (int k = 0; k < n && k < RULE_STRORIGIN_OUT_PARAMS && !so->lost; k++)
        so_sum_out(so, &s, k);
    if (!so->lost)
        so_sum_store(so, &s);
}
