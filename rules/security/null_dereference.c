/* security-null-dereference (CWE-476): a local pointer dereferenced, or passed to a function
 * that dereferences it, where every path holds NULL (assigned NULL, found NULL by a test, or
 * handed NULL by another unit) or the untested result of a call documented to return NULL;
 * NULL set on a path no variable's condition can rule out; a NULL test after a dereference.
 * Known gaps: fields behind pointers and globals in one file are not followed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/nullctx.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullflow_drive.h"
#include "rules/support/nullflow_report.h"
#include "rules/support/nullflow_xunit.h"
#include "rules/support/nullsum.h"
#include "rules/support/opkind.h"
#include "rules/support/xvalue.h"

#define ND_NAME_MAX 64
#define ND_MAX_PARAMS 32 /* parameters a summary describes */

#define ND_UNKNOWN RULE_NULLFLOW_TESTED /* a value that may or may not be NULL */

enum nd_origin_kind {
    ND_ORIGIN_NULL,  /* assigned NULL at the cursor */
    ND_ORIGIN_DEREF, /* dereferenced at the cursor */
    ND_ORIGIN_PARAM, /* a parameter, as the function was entered */
    ND_ORIGIN_MAYBE, /* the result of a call documented to return NULL, at the cursor */
    ND_ORIGIN_SEED,  /* NULL handed over by another unit, read at the cursor */
};

/* Where a variable's value comes from, for messages and summaries. */
struct nd_origin {
    CXCursor at;
    enum nd_origin_kind kind;
    int param;                    /* ND_ORIGIN_PARAM: its index */
    int reported;                 /* a finding names this origin already */
    int opaque;                   /* ND_ORIGIN_NULL: in a branch no variable decides */
    const struct ecg_xfact *seed; /* ND_ORIGIN_SEED: borrowed from the run's seeds */
};

struct nd_state {
    struct rule_nullflow *flow; /* owned */
    struct nd_origin *origins;  /* owned; per function, origin n is origins[n - 1] */
    size_t n_origins;
    size_t cap_origins;
    struct rule_nullsum *sums;    /* owned; the unit's functions walked so far */
    struct rule_nullsum_fn cur;   /* of the function being walked */
    int exits;                    /* some return of the function is reachable */
    int branched_off;             /* a return, goto or exit was passed: later code is conditional */
    int oom;                      /* memory ran out: nothing more is followed in this unit */
    char xtext[ND_NAME_MAX + 32]; /* the text of a step being exported */
};

static void nd_fini(void *state)
{
    struct nd_state *st = state;

    rule_nullflow_free(st->flow);
    rule_nullsum_free(st->sums);
    free(st->origins);
}

/* ---- origins and values ------------------------------------------------------------------ */

/* A new origin for the current function; 0 when memory ran out. */
static unsigned nd_origin_new(struct nd_state *st, CXCursor at, enum nd_origin_kind kind, int param)
{
    struct nd_origin *o;

    if (st->n_origins == st->cap_origins) {
        size_t cap = st->cap_origins != 0 ? st->cap_origins * 2 : 16;
        struct nd_origin *grown = realloc(st->origins, cap * sizeof(*grown));
        if (grown == NULL) {
            st->oom = 1;
            return 0;
        }
        st->origins = grown;
        st->cap_origins = cap;
    }
    o = &st->origins[st->n_origins++];
    o->at = at;
    o->kind = kind;
    o->param = param;
    o->reported = 0;
    o->opaque = 0;
    o->seed = NULL;
    return (unsigned)st->n_origins;
}

static struct nd_origin *nd_origin_at(struct nd_state *st, unsigned origin)
{
    if (origin == 0 || origin > st->n_origins)
        return NULL;
    return &st->origins[origin - 1];
}

static struct rule_nullflow_value nd_value(unsigned origin, unsigned bits)
{
    struct rule_nullflow_value v = { origin, bits };

    if (origin == 0 && (bits & (RULE_NULLFLOW_NULL | RULE_NULLFLOW_DEREF)))
        v.bits = ND_UNKNOWN; /* no memory for the origin: say nothing */
    return v;
}

/* When expr is a call of a function documented to return NULL, a new origin for its result
 * with the FRESH bit (not tested yet); otherwise {0, 0}. */
static struct rule_nullflow_value nd_maybe_value(struct rule_ctx *rc, struct nd_state *st,
                                                 CXCursor expr)
{
    struct rule_nullflow_value v = { 0, 0 };
    const char *when;

    if (!rule_nullflow_maybe_call(&when, rc, expr))
        return v;
    return nd_value(nd_origin_new(st, rule_nullflow_strip(expr), ND_ORIGIN_MAYBE, -1),
                    RULE_NULLFLOW_FRESH);
}

/* When expr reads NULL another unit handed over (a parameter's pointee, a global, another
 * unit's result) or the member of an aggregate the last store wrote, the value it gives. */
static int nd_read_value(struct rule_ctx *rc, struct nd_state *st, CXCursor expr,
                         struct rule_nullflow_value *out)
{
    const struct ecg_xfact *seed = rule_nullflow_read_seed(rc, expr, ECG_XV_NULL);
    unsigned origin;
    CXCursor agg;

    if (seed != NULL) {
        origin = nd_origin_new(st, rule_nullflow_strip(expr), ND_ORIGIN_SEED, -1);
        if (origin != 0)
            st->origins[origin - 1].seed = seed;
        *out = nd_value(origin, RULE_NULLFLOW_NULL);
        return 1;
    }
    if (!rule_nullflow_agg_read(st->flow, expr, &agg))
        return 0;
    *out = rule_nullflow_get(st->flow, agg);
    if (out->bits == 0)
        *out = nd_value(0, ND_UNKNOWN);
    return 1;
}

/* Starts following decl, met for the first time, with the value its declaration gives it:
 * NULL for an initialiser that is a null constant, the result of a call that may return NULL,
 * unknown for another initialiser, and nothing without one: the paths on which it is never
 * assigned do not count at a use. */
static void nd_follow(struct rule_ctx *rc, struct nd_state *st, CXCursor decl)
{
    struct rule_nullflow_value none = { 0, 0 }, v;
    CXCursor init;

    if (rule_nullflow_knows(st->flow, decl))
        return;
    init = clang_getCursorKind(decl) == CXCursor_VarDecl ? clang_Cursor_getVarDeclInitializer(decl)
                                                         : clang_getNullCursor();
    if (clang_Cursor_isNull(init)) {
        rule_nullflow_declare(st->flow, decl, none); /* reading it unassigned is a bug anyway */
        return;
    }
    if (rule_nullflow_is_null_constant(init)) {
        v = nd_value(nd_origin_new(st, decl, ND_ORIGIN_NULL, -1), RULE_NULLFLOW_NULL);
    } else if (!nd_read_value(rc, st, init, &v)) {
        v = nd_maybe_value(rc, st, init);
        if (v.bits == 0)
            v = nd_value(0, ND_UNKNOWN);
    }
    rule_nullflow_declare(st->flow, decl, v);
}

/* ---- uses -------------------------------------------------------------------------------- */

/* A use of the parameter origin o that needs it non-null, before any test: when every call
 * reaches it (top level, nothing left the function before), callers may not pass NULL. */
static void nd_note_param_deref(struct nd_state *st, const struct nd_origin *o,
                                struct rule_nullflow_value v)
{
    if (o == NULL || o->kind != ND_ORIGIN_PARAM || v.bits != RULE_NULLFLOW_FRESH)
        return;
    if (rule_nullflow_depth(st->flow) == 0 && !st->branched_off && o->param < ND_MAX_PARAMS)
        st->cur.deref_params |= 1u << o->param;
}

/* Nonzero when v, from o, is the untested result of a call that may return NULL. */
static int nd_is_maybe(struct rule_nullflow_value v, const struct nd_origin *o)
{
    return (v.bits & RULE_NULLFLOW_FRESH) && o != NULL && o->kind == ND_ORIGIN_MAYBE;
}

/* Nonzero when a finding on the value from o (none: NULL) is the first and can be trusted. */
static int nd_first_report(struct rule_ctx *rc, const struct nd_origin *o, CXCursor decl)
{
    return (o == NULL || !o->reported) && !rule_nullflow_loop_writes(rc, decl);
}

enum nd_finding {
    ND_NONE,
    ND_NULL,      /* NULL on every path */
    ND_SOME_PATH, /* set to NULL on a path that no variable's condition rules out */
    ND_MAYBE,     /* the untested result of a call that may return NULL */
    ND_SEED,      /* NULL handed over by another unit, on every path */
};

/* Nonzero when v, NULL on some paths only, got NULL from o, an assignment in a branch no
 * variable decides, and no condition reading a variable decides whether the point runs. */
static int nd_some_path(struct rule_ctx *rc, struct rule_nullflow_value v,
                        const struct nd_origin *o, CXCursor decl)
{
    return (v.bits & RULE_NULLFLOW_NULL) && !(v.bits & RULE_NULLFLOW_DEREF) && o != NULL &&
           o->kind == ND_ORIGIN_NULL && o->opaque && rule_nullflow_opaque_at(rc, decl);
}

/* What a use of decl, holding v from o, at the point the walk is at, is. A state another
 * unit handed over, or NULL on some paths only, counts only where no condition reading a
 * variable decides whether the use runs: such a condition may be the one that rules the
 * NULL out. */
static enum nd_finding nd_classify(struct rule_ctx *rc, struct rule_nullflow_value v,
                                   const struct nd_origin *o, CXCursor decl)
{
    if (nd_is_maybe(v, o))
        return ND_MAYBE;
    if (o != NULL && o->kind == ND_ORIGIN_SEED)
        return v.bits == RULE_NULLFLOW_NULL && rule_nullflow_opaque_at(rc, decl) ? ND_SEED
                                                                                 : ND_NONE;
    if (v.bits == RULE_NULLFLOW_NULL)
        return ND_NULL;
    return nd_some_path(rc, v, o, decl) ? ND_SOME_PATH : ND_NONE;
}

static void nd_report(struct rule_ctx *rc, enum nd_finding kind, CXCursor ref, CXCursor decl,
                      const struct nd_origin *o, const char *what)
{
    CXCursor at = o != NULL ? o->at : clang_getNullCursor();

    switch (kind) {
    case ND_NULL:
        rule_nullflow_report_null(
            rc, ref, decl, o != NULL && o->kind == ND_ORIGIN_NULL ? at : clang_getNullCursor(),
            what);
        break;
    case ND_SOME_PATH:
        rule_nullflow_report_some_path(rc, ref, decl, at, what);
        break;
    case ND_MAYBE:
        rule_nullflow_report_maybe(rc, ref, decl, at, what);
        break;
    case ND_SEED:
        rule_nullflow_report_seed(rc, ref, decl, o->seed, what);
        break;
    case ND_NONE:
        break;
    }
}

/* A use of decl at ref that is a finding (enum nd_finding). Returns 1 when it was one. */
static int nd_use_reported(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl,
                           const char *what)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    struct nd_origin *o = nd_origin_at(st, v.origin);
    enum nd_finding kind = nd_classify(rc, v, o, decl);

    if (kind == ND_NONE)
        return 0;
    if (nd_first_report(rc, o, decl))
        nd_report(rc, kind, ref, decl, o, what);
    if (o != NULL)
        o->reported = 1;
    /* one report per value, none after */
    rule_nullflow_set(st->flow, decl, nd_value(0, RULE_NULLFLOW_NONNULL));
    return 1;
}

/* A use of decl at ref that needs it non-null. */
static void nd_use(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl,
                   const char *what)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    unsigned deref;

    if (v.bits == 0 || rule_nullflow_guarded(st->flow, rc, ref, decl) ||
        nd_use_reported(rc, st, ref, decl, what))
        return;
    nd_note_param_deref(st, nd_origin_at(st, v.origin), v);
    if ((v.bits & RULE_NULLFLOW_NONNULL) || v.bits == RULE_NULLFLOW_DEREF ||
        rule_nullflow_sometimes_runs(rc, ref))
        return; /* known already, or not dereferenced on every evaluation */
    deref = nd_origin_new(st, ref, ND_ORIGIN_DEREF, -1);
    rule_nullflow_set(st->flow, decl, nd_value(deref, RULE_NULLFLOW_DEREF));
}

/* decl is tested against NULL at test. */
static void nd_test(struct rule_ctx *rc, struct nd_state *st, CXCursor test, CXCursor decl)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    struct nd_origin *o = nd_origin_at(st, v.origin);

    if (v.bits == RULE_NULLFLOW_DEREF && o != NULL && o->kind == ND_ORIGIN_DEREF && !o->reported &&
        !rule_nullflow_test_in_macro(rc, test, decl, o->at) &&
        !rule_nullflow_loop_writes(rc, decl)) {
        o->reported = 1;
        rule_nullflow_report_late_test(rc, test, decl, o->at);
    }
    rule_nullflow_tested(st->flow, decl);
}

/* decl passed as argument k of call. */
/* Nonzero when call dereferences its pointer argument k: a C library function that does, or
 * a function of the unit whose summary says so. Its name goes to callee. */
static int nd_arg_derefs(struct nd_state *st, CXCursor call, unsigned k, char *callee, size_t size)
{
    CXCursor target = rule_calltarget_of(call);
    const struct rule_nullsum_fn *s;

    if (clang_getCursorKind(target) != CXCursor_FunctionDecl)
        return 0;
    rule_cursor_name(target, callee, size);
    if (rule_libc_derefs_arg(call, callee, k))
        return 1;
    s = rule_nullsum_find(st->sums, target);
    return s != NULL && k < ND_MAX_PARAMS && ((s->deref_params >> k) & 1u);
}

/* decl passed as argument k of call. */
static void nd_on_arg(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl,
                      CXCursor call, unsigned k)
{
    char callee[ND_NAME_MAX], what[2 * ND_NAME_MAX + 32];

    if (!rule_nullflow_is_data_pointer(clang_getCursorType(clang_Cursor_getArgument(call, k)))) {
        rule_nullflow_tested(st->flow, decl); /* as a number (assert_non_null casts it) */
        return;
    }
    if (!nd_arg_derefs(st, call, k, callee, sizeof(callee)))
        return;
    snprintf(what, sizeof(what), "passed to '%s', which dereferences it", callee);
    nd_use(rc, st, ref, decl, what);
}

/* The result of call, a function that may return NULL, used as it comes out (no variable):
 * dereferenced, or passed to a function that dereferences it. */
static void nd_on_maybe_result(struct rule_ctx *rc, struct nd_state *st, CXCursor call)
{
    char callee[ND_NAME_MAX], user[ND_NAME_MAX], what[2 * ND_NAME_MAX + 32];
    struct rule_nullctx ctx;
    const char *when;

    if (!rule_nullflow_maybe_call(&when, rc, call))
        return;
    rule_nullctx_of(rc, call, &ctx);
    if (ctx.kind == RULE_NULLCTX_USE)
        snprintf(what, sizeof(what), "%s", ctx.what);
    else if (ctx.kind == RULE_NULLCTX_ARG &&
             nd_arg_derefs(st, ctx.parent, ctx.index, user, sizeof(user)))
        snprintf(what, sizeof(what), "passed to '%s', which dereferences it", user);
    else
        return;
    rule_callee_name(call, callee, sizeof(callee));
    if (rule_nullflow_tested_by_same_call(rc, call, callee))
        return;
    rule_nullflow_report_maybe_result(rc, call, callee, when, what);
}

/* decl initialises the variable var: var starts with decl's value. */
static void nd_on_init(struct nd_state *st, CXCursor var, CXCursor decl)
{
    if (rule_nullflow_is_local_pointer(var))
        rule_nullflow_set(st->flow, var, rule_nullflow_get(st->flow, decl));
}

/* A reference that neither uses nor tests decl: p++ and p += n leave a value not followed. */
static void nd_on_other(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl)
{
    if (rule_nullflow_moves(rc, ref))
        rule_nullflow_set(st->flow, decl, nd_value(0, ND_UNKNOWN));
}

/* Acts on what the variable decl, referenced at ref, is used for. */
static void nd_apply(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl,
                     const struct rule_nullctx *ctx)
{
    switch (ctx->kind) {
    case RULE_NULLCTX_USE:
        if (!rule_nullflow_address_only(rc, ctx->parent))
            nd_use(rc, st, ref, decl, ctx->what);
        break;
    case RULE_NULLCTX_TEST:
        nd_test(rc, st, ref, decl);
        break;
    case RULE_NULLCTX_ESCAPE:
        rule_nullflow_set(st->flow, decl, nd_value(0, ND_UNKNOWN));
        break;
    case RULE_NULLCTX_ARG:
        nd_on_arg(rc, st, ref, decl, ctx->parent, ctx->index);
        break;
    case RULE_NULLCTX_INIT:
        nd_on_init(st, ctx->parent, decl);
        break;
    case RULE_NULLCTX_RETURN:
        break;
    case RULE_NULLCTX_NONE:
        nd_on_other(rc, st, ref, decl);
        break;
    }
}

/* A reference to an aggregate the flow follows: passed whole or its address taken, anything
 * may be stored in it. */
static void nd_on_agg_ref(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl)
{
    struct rule_nullctx ctx;

    if (!rule_nullflow_is_agg(st->flow, decl))
        return;
    rule_nullctx_of(rc, ref, &ctx);
    if (ctx.kind != RULE_NULLCTX_ESCAPE && ctx.kind != RULE_NULLCTX_ARG)
        return;
    rule_nullflow_at(st->flow, rc, ref);
    rule_nullflow_set(st->flow, decl, nd_value(0, ND_UNKNOWN));
}

static void nd_on_ref(struct rule_ctx *rc, void *arg, CXCursor ref)
{
    struct nd_state *st = arg;
    CXCursor decl = clang_getCursorReferenced(ref);
    struct rule_nullctx ctx;

    if (!rule_nullflow_is_local_pointer(decl)) {
        nd_on_agg_ref(rc, st, ref, decl);
        return;
    }
    rule_nullflow_at(st->flow, rc, ref);
    if (!rule_nullflow_reachable(st->flow))
        return;
    nd_follow(rc, st, decl);
    rule_nullctx_of(rc, ref, &ctx);
    nd_apply(rc, st, ref, decl, &ctx);
}

/* NULL assigned at op: an origin that says whether the branch it sits in is one no
 * variable decides (if (rand() % 2) p = NULL;). */
static struct rule_nullflow_value nd_null_assigned(struct rule_ctx *rc, struct nd_state *st,
                                                   CXCursor op)
{
    unsigned origin = nd_origin_new(st, op, ND_ORIGIN_NULL, -1);

    if (origin != 0 && rule_nullflow_depth(st->flow) > 0)
        st->origins[origin - 1].opaque = rule_nullflow_opaque_at(rc, clang_getNullCursor());
    return nd_value(origin, RULE_NULLFLOW_NULL);
}

/* The value an assignment's right side gives. */
static struct rule_nullflow_value nd_assigned_value(struct rule_ctx *rc, struct nd_state *st,
                                                    CXCursor op, CXCursor rhs)
{
    struct rule_nullflow_value v = nd_maybe_value(rc, st, rhs);
    CXCursor decl;

    if (v.bits != 0 || nd_read_value(rc, st, rhs, &v))
        return v;
    if (rule_nullflow_is_null_constant(rhs))
        return nd_null_assigned(rc, st, op);
    if (rule_nullflow_value_decl(st->flow, rhs, &decl) && rule_nullflow_is_local_pointer(decl) &&
        rule_nullflow_knows(st->flow, decl))
        return rule_nullflow_get(st->flow, decl);
    return nd_value(0, ND_UNKNOWN);
}

/* What the flow knows of var, NULL on every path, for another unit (rule_nullflow_xout_fn). */
static int nd_xout(struct rule_ctx *rc, void *arg, CXCursor var, struct rule_xout *out)
{
    struct nd_state *st = arg;
    struct rule_nullflow_value v;
    const struct nd_origin *o;

    if (rule_nullflow_is_local_pointer(var))
        nd_follow(rc, st, var);
    v = rule_nullflow_get(st->flow, var);
    o = nd_origin_at(st, v.origin);
    if (v.bits != RULE_NULLFLOW_NULL || o == NULL)
        return 0;
    memset(out, 0, sizeof(*out));
    out->value = ECG_XV_NULL;
    out->where = clang_getNullRange();
    if (o->kind == ND_ORIGIN_SEED && o->seed != NULL) {
        out->prior = &o->seed->origin;
    } else if (o->kind == ND_ORIGIN_NULL) {
        snprintf(st->xtext, sizeof(st->xtext), "set to NULL here");
        out->where = clang_getCursorExtent(o->at);
        out->what_happened = st->xtext;
    }
    return 1;
}

/* var[k] = rhs or var.f = rhs into a local aggregate: var takes rhs's value. */
static void nd_on_store(struct rule_ctx *rc, struct nd_state *st, CXCursor op, CXCursor lhs,
                        CXCursor rhs)
{
    CXCursor agg;

    if (!rule_nullflow_is_data_pointer(clang_getCursorType(lhs)))
        return;
    rule_nullflow_at(st->flow, rc, op);
    if (rule_nullflow_reachable(st->flow) && rule_nullflow_agg_store(st->flow, lhs, &agg))
        rule_nullflow_set(st->flow, agg, nd_assigned_value(rc, st, op, rhs));
}

/* g = p with g a global other units read and p NULL on every path: they learn it. */
static void nd_on_global_store(struct rule_ctx *rc, struct nd_state *st, CXCursor op, CXCursor var,
                               CXCursor rhs)
{
    struct rule_xout out;
    CXCursor decl;

    if (clang_getCursorKind(var) != CXCursor_VarDecl || !rule_xvalue_external(var) ||
        !rule_nullflow_value_decl(st->flow, rhs, &decl) || !rule_nullflow_is_local_pointer(decl))
        return;
    rule_nullflow_at(st->flow, rc, op);
    if (rule_nullflow_reachable(st->flow) && nd_xout(rc, st, decl, &out))
        rule_xvalue_export_global(rc, var, op, &out);
}

/* p = rhs with p a followed pointer: p takes rhs's value. */
static void nd_on_assign(struct rule_ctx *rc, struct nd_state *st, CXCursor op,
                         const CXCursor ops[2])
{
    CXCursor lhs = rule_nullflow_strip(ops[0]), decl;

    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr) {
        nd_on_store(rc, st, op, lhs, ops[1]);
        return;
    }
    decl = clang_getCursorReferenced(lhs);
    if (!rule_nullflow_is_local_pointer(decl)) {
        nd_on_global_store(rc, st, op, decl, ops[1]);
        return;
    }
    rule_nullflow_at(st->flow, rc, op);
    if (!rule_nullflow_reachable(st->flow))
        return;
    nd_follow(rc, st, decl);
    rule_nullflow_set(st->flow, decl, nd_assigned_value(rc, st, op, ops[1]));
}

/* p == NULL, NULL != p: p is tested; p == q only tells that both were looked at. */
static void nd_on_compare(struct rule_ctx *rc, struct nd_state *st, CXCursor op,
                          const CXCursor ops[2])
{
    int null_side = rule_nullflow_is_null_constant(ops[1])   ? 1
                    : rule_nullflow_is_null_constant(ops[0]) ? 0
                                                             : -1;
    CXCursor decl;

    rule_nullflow_at(st->flow, rc, op);
    if (!rule_nullflow_reachable(st->flow))
        return;
    for (int i = 0; i < 2; i++) {
        if (!rule_nullflow_value_decl(st->flow, ops[i], &decl) ||
            !rule_nullflow_knows(st->flow, decl))
            continue;
        if (i == 1 - null_side)
            nd_test(rc, st, op, decl);
        else
            rule_nullflow_tested(st->flow, decl);
    }
}

static void nd_on_binop_leave(struct rule_ctx *rc, void *arg, CXCursor op)
{
    struct nd_state *st = arg;
    CXCursor ops[2];
    enum rule_opkind kind;

    if (!rule_opkind_operands(op, ops))
        return;
    kind = rule_opkind_binary(rule_unit(rc), op);
    if (kind == RULE_OPKIND_ASSIGN)
        nd_on_assign(rc, st, op, ops);
    else if (kind == RULE_OPKIND_EQ || kind == RULE_OPKIND_NE)
        nd_on_compare(rc, st, op, ops);
}

/* Nonzero when the called function never returns (by name, type or summary). */
static int nd_call_noreturn(struct rule_ctx *rc, struct nd_state *st, CXCursor call)
{
    int r = rule_nullflow_call_noreturn(rc, st->sums, call);

    if (r < 0)
        st->oom = 1;
    return r > 0;
}

static void nd_on_call_leave(struct rule_ctx *rc, void *arg, CXCursor call)
{
    struct nd_state *st = arg;

    rule_nullflow_at(st->flow, rc, call);
    if (rule_nullflow_reachable(st->flow))
        nd_on_maybe_result(rc, st, call);
    if (!nd_call_noreturn(rc, st, call) || rule_nullflow_in_conditional(rc))
        return;
    rule_nullflow_at(st->flow, rc, call);
    rule_nullflow_stop(st->flow);
    st->branched_off = 1;
}

/* Leaving a return or a goto: the function branches off its straight path; a return where
 * the path goes on may hand its value to other units. */
static void nd_on_jump(struct rule_ctx *rc, void *arg, CXCursor jump)
{
    struct nd_state *st = arg;
    struct rule_xout out;
    CXCursor decl;

    st->branched_off = 1;
    if (clang_getCursorKind(jump) == CXCursor_GotoStmt || !rule_nullflow_reachable(st->flow))
        return;
    st->exits = 1;
    /* return p; with p NULL on every path: other units calling the function learn it */
    if (rule_nullflow_value_decl(st->flow, rule_expr_first_child(jump), &decl) &&
        rule_nullflow_is_local_pointer(decl) && nd_xout(rc, st, decl, &out))
        rule_xvalue_export_return(rc, rule_function(rc), jump, &out);
}

static const struct rule_nullflow_hooks nd_hooks = {
    nd_on_ref, nd_xout, nd_on_call_leave, nd_on_binop_leave, nd_on_jump,
};

/* ---- hooks ------------------------------------------------------------------------------- */

/* Nonzero inside a function whose paths the flow still follows. */
static int nd_following(struct rule_ctx *rc, const struct nd_state *st)
{
    return !st->oom && st->flow != NULL && !clang_Cursor_isNull(rule_function(rc)) &&
           !rule_nullflow_lost(st->flow);
}

static void nd_on_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct nd_state *st = rule_state(rc);

    if (nd_following(rc, st))
        rule_nullflow_drive_enter(st->flow, rc, cursor, &nd_hooks, st);
}

static void nd_on_leave(struct rule_ctx *rc, CXCursor cursor)
{
    struct nd_state *st = rule_state(rc);

    if (nd_following(rc, st))
        rule_nullflow_drive_leave(st->flow, rc, cursor, &nd_hooks, st);
}

/* Pointer parameters start as origins of their own, so that the summary can tell which ones
 * the function dereferences on every call before testing them; one another unit passes NULL
 * to starts NULL. */
static void nd_track_params(struct rule_ctx *rc, struct nd_state *st, CXCursor fn)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < n && i < ND_MAX_PARAMS; i++) {
        CXCursor param = clang_Cursor_getArgument(fn, (unsigned)i);
        const struct ecg_xfact *seed;
        unsigned origin;
        if (!rule_nullflow_is_data_pointer(clang_getCursorType(param)))
            continue;
        seed = rule_nullflow_param_seed(rc, fn, (unsigned)i, ECG_XV_NULL);
        if (seed != NULL) {
            origin = nd_origin_new(st, param, ND_ORIGIN_SEED, i);
            if (origin != 0)
                st->origins[origin - 1].seed = seed;
            rule_nullflow_declare(st->flow, param, nd_value(origin, RULE_NULLFLOW_NULL));
            continue;
        }
        origin = nd_origin_new(st, param, ND_ORIGIN_PARAM, i);
        rule_nullflow_declare(st->flow, param,
                              nd_value(origin, origin != 0 ? RULE_NULLFLOW_FRESH : ND_UNKNOWN));
    }
}

static void nd_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct nd_state *st = rule_state(rc);

    if (st->oom)
        return;
    if (st->flow == NULL) {
        st->flow = rule_nullflow_new();
        st->sums = rule_nullsum_new();
        if (st->flow == NULL || st->sums == NULL) {
            st->oom = 1;
            return;
        }
    }
    rule_nullflow_begin(st->flow, rule_unit(rc));
    st->n_origins = 0;
    memset(&st->cur, 0, sizeof(st->cur));
    st->exits = 0;
    st->branched_off = 0;
    nd_track_params(rc, st, fn);
}

static void nd_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct nd_state *st = rule_state(rc);

    (void)rc;
    if (st->oom || st->flow == NULL || rule_nullflow_lost(st->flow))
        return;
    if (rule_nullflow_reachable(st->flow))
        st->exits = 1; /* falls off the end */
    st->cur.noreturn = !st->exits;
    if ((st->cur.deref_params != 0 || st->cur.noreturn) && rule_nullsum_add(st->sums, fn, &st->cur))
        st->oom = 1;
}

static const struct rule_option nd_options[] = {
    { "may_return_null", RULE_OPT_STRING_LIST, "",
      "more functions whose result is NULL in an ordinary case (a lookup that finds nothing), "
      "to be tested before use",
      NULL },
};

const struct rule_desc rule_security_null_dereference = {
    .id = "security-null-dereference",
    .title = "NULL pointer dereference",
    .summary = "Flags pointers dereferenced where every path holds NULL, and NULL tests of "
               "pointers already dereferenced.",
    .description = "A pointer that was set to NULL, or that a test just found to be NULL, and "
                   "is then dereferenced (directly, or by a function it is passed to, such as "
                   "strlen or a function of the same file that uses its parameter) crashes "
                   "the program (CWE-476). A pointer dereferenced first and tested against "
                   "NULL afterwards shows the same confusion the other way round: either the "
                   "test is dead code or the dereference before it can crash.",
    .tags = "security",
    .precision = "high",
    .security_severity = "5.5",
    .cwe = { 476 },
    .level = ECG_LEVEL_WARNING,
    .needs_xvalue = 1,
    .options = nd_options,
    .n_options = sizeof(nd_options) / sizeof(nd_options[0]),
    .state_size = sizeof(struct nd_state),
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr, CXCursor_BinaryOperator, CXCursor_IfStmt,
               CXCursor_WhileStmt, CXCursor_ForStmt, CXCursor_SwitchStmt, CXCursor_CaseStmt,
               CXCursor_DefaultStmt, CXCursor_ReturnStmt, CXCursor_GotoStmt, CXCursor_LabelStmt },
    .on_cursor = nd_on_enter,
    .on_cursor_leave = nd_on_leave,
    .on_function_enter = nd_on_function_enter,
    .on_function_leave = nd_on_function_leave,
    .state_fini = nd_fini,
};
