/* security-unchecked-allocation: allocation results (malloc, strdup, fopen ...) used before a
 * NULL check on their path, here or in another file's unit (CWE-690); results that report
 * failure discarded, always (fgets, setuid) or where the file checks them elsewhere (CWE-252).
 * Known gaps: fields behind pointers and globals in one file are not followed; loops run once. */
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
#include "rules/support/unchecked_stats.h"
#include "rules/support/xvalue.h"

#define UA_NAME_MAX 64
#define UA_MAX_PARAMS 32 /* parameters a summary describes */
#define UA_MAX_CLIMB 64  /* casts and parentheses looked through above a variable */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* What a variable's value came from: an allocation, or (for summaries) a parameter. */
struct ua_origin {
    CXCursor call;                /* the allocating call; unused for a parameter */
    char name[UA_NAME_MAX];       /* the allocating function */
    int param;                    /* the parameter's index, or -1 */
    int reported;                 /* a finding names this origin already */
    const struct ecg_xfact *seed; /* handed over by another unit; borrowed from the run */
};

struct ua_state {
    struct rule_nullflow *flow; /* owned */
    struct ua_origin *origins;  /* owned; per function, origin n is origins[n - 1] */
    size_t n_origins;
    size_t cap_origins;
    struct rule_nullsum *sums;              /* owned; the unit's functions walked so far */
    struct rule_nullsum_fn cur;             /* of the function being walked */
    CXCursor params[UA_MAX_PARAMS];         /* its pointer parameters (null cursors for others) */
    unsigned char exit_bits[UA_MAX_PARAMS]; /* what they are where it returns */
    int returns;                            /* some return is reachable */
    int oom;                            /* memory ran out: nothing more is followed in this unit */
    struct rule_nullflow_spots spots;   /* macros reported already */
    char xtext[UA_NAME_MAX + 48];       /* the text of a step being exported */
    struct rule_unchecked_stats *stats; /* owned; NULL when inference is off or memory ran out */
};

static void ua_fini(void *state)
{
    struct ua_state *st = state;

    rule_nullflow_free(st->flow);
    rule_nullsum_free(st->sums);
    free(st->origins);
    rule_nullflow_spots_fini(&st->spots);
    rule_unchecked_stats_free(st->stats);
}

/* ---- origins ----------------------------------------------------------------------------- */

/* A new origin for the current function; 0 when memory ran out. */
static unsigned ua_origin_new(struct ua_state *st, CXCursor call, const char *name, int param)
{
    struct ua_origin *o;

    if (st->n_origins == st->cap_origins) {
        size_t cap = st->cap_origins != 0 ? st->cap_origins * 2 : 16;
        struct ua_origin *grown = realloc(st->origins, cap * sizeof(*grown));
        if (grown == NULL) {
            st->oom = 1;
            return 0;
        }
        st->origins = grown;
        st->cap_origins = cap;
    }
    o = &st->origins[st->n_origins++];
    o->call = call;
    snprintf(o->name, sizeof(o->name), "%s", name);
    o->param = param;
    o->reported = 0;
    o->seed = NULL;
    return (unsigned)st->n_origins;
}

static struct ua_origin *ua_origin_at(struct ua_state *st, unsigned origin)
{
    if (origin == 0 || origin > st->n_origins)
        return NULL;
    return &st->origins[origin - 1];
}

/* ---- what a callee is -------------------------------------------------------------------- */

/* What a called function is; libclang is asked once per function of the unit. */
enum ua_callee_bit {
    UA_CALLEE_NORETURN = 1,  /* never returns: by name, type or attribute */
    UA_CALLEE_ALLOCATES = 2, /* returns NULL when it fails: by name, option or attribute */
};

static unsigned ua_callee_compute(struct rule_ctx *rc, CXCursor call, CXCursor decl,
                                  const char *name)
{
    static const char *const malloc_words[] = { "malloc", "__malloc__" };
    static const char *const nonnull_words[] = { "returns_nonnull", "__returns_nonnull__" };
    CXTranslationUnit tu = rule_unit(rc);
    unsigned bits = 0;

    if (rule_libc_noreturn(tu, call, name))
        bits |= UA_CALLEE_NORETURN;
    if (rule_libc_allocates(name) || rule_option_list_has(rc, "allocators", name))
        bits |= UA_CALLEE_ALLOCATES;
    else if (rule_option_bool(rc, "malloc_attribute") &&
             rule_libc_has_attribute(tu, decl, malloc_words, ARRAY_LEN(malloc_words)) &&
             !rule_libc_has_attribute(tu, decl, nonnull_words, ARRAY_LEN(nonnull_words)))
        bits |= UA_CALLEE_ALLOCATES;
    return bits;
}

/* The enum ua_callee_bit set of the function call calls by name (0 for indirect calls). */
static unsigned ua_callee(struct rule_ctx *rc, struct ua_state *st, CXCursor call, const char *name)
{
    CXCursor decl = clang_getCursorReferenced(call);
    unsigned char *bits;
    int added;

    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl || st->oom)
        return 0;
    bits = rule_nullsum_callee(st->sums, decl, &added);
    if (bits == NULL) {
        st->oom = 1;
        return 0;
    }
    if (added)
        *bits = (unsigned char)ua_callee_compute(rc, call, decl, name);
    return *bits;
}

static int ua_is_allocator(struct rule_ctx *rc, struct ua_state *st, CXCursor call,
                           const char *name)
{
    const struct rule_nullsum_fn *s;

    if (ua_callee(rc, st, call, name) & UA_CALLEE_ALLOCATES)
        return 1;
    s = rule_nullsum_find(st->sums, clang_getCursorReferenced(call));
    return s != NULL && s->returns_fresh;
}

/* ---- uses -------------------------------------------------------------------------------- */

/* Nonzero when o is another unit's allocation and the use of decl, holding v, is not one to
 * report: it is checked on some path, or a condition reading a variable decides whether the
 * use runs (it may be the one that excludes the unchecked callers). */
static int ua_seed_unsure(struct rule_ctx *rc, const struct ua_origin *o,
                          struct rule_nullflow_value v, CXCursor decl)
{
    return o->seed != NULL && (v.bits != RULE_NULLFLOW_FRESH || !rule_nullflow_opaque_at(rc, decl));
}

/* The finding on the use of decl, from o, at ref (fresh: not tested yet). */
static void ua_report(struct rule_ctx *rc, struct ua_state *st, CXCursor ref, CXCursor decl,
                      const struct ua_origin *o, const char *what)
{
    int fresh = (rule_nullflow_get(st->flow, decl).bits & RULE_NULLFLOW_FRESH) != 0;

    if (o->seed != NULL)
        rule_nullflow_report_seed(rc, ref, decl, o->seed, what);
    else if (!rule_nullflow_macro_reported(&st->spots, rc, o->call, ref))
        rule_nullflow_report_unchecked(rc, ref, decl, o->call, fresh, what);
}

/* A use of decl at ref that needs it non-null. */
static void ua_use(struct rule_ctx *rc, struct ua_state *st, CXCursor ref, CXCursor decl,
                   const char *what)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    int fresh = (v.bits & RULE_NULLFLOW_FRESH) != 0;
    struct ua_origin *o = ua_origin_at(st, v.origin);

    if (o == NULL || (!fresh && v.bits != RULE_NULLFLOW_NULL) || o->reported)
        return;
    if (rule_nullflow_guarded(st->flow, rc, ref, decl) || ua_seed_unsure(rc, o, v, decl))
        return;
    if (o->param < 0) {
        o->reported = 1;
        ua_report(rc, st, ref, decl, o, what);
    } else if (fresh) {
        st->cur.deref_params |= 1u << o->param;
    }
    rule_nullflow_nonnull(st->flow, decl); /* one report per allocation, none after */
}

static int ua_is_pointer(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

/* decl passed as argument k of call. */
static void ua_on_arg(struct rule_ctx *rc, struct ua_state *st, CXCursor ref, CXCursor decl,
                      CXCursor call, unsigned k)
{
    char callee[UA_NAME_MAX], what[2 * UA_NAME_MAX];
    CXCursor target = rule_calltarget_of(call);
    const struct rule_nullsum_fn *s;

    if (!ua_is_pointer(clang_Cursor_getArgument(call, k))) {
        /* passed as a number (assert_non_null(p) casts it): the callee can only test it */
        rule_nullflow_tested(st->flow, decl);
        return;
    }
    rule_cursor_name(target, callee, sizeof(callee));
    if (clang_getCursorKind(target) != CXCursor_FunctionDecl)
        return;
    if (rule_libc_derefs_arg(call, callee, k)) {
        snprintf(what, sizeof(what), "passed to '%s', which dereferences it", callee);
        ua_use(rc, st, ref, decl, what);
        return;
    }
    s = rule_nullsum_find(st->sums, target);
    if (s == NULL || k >= UA_MAX_PARAMS)
        return;
    if ((s->deref_params >> k) & 1u) {
        snprintf(what, sizeof(what), "passed to '%s', which dereferences it unchecked", callee);
        ua_use(rc, st, ref, decl, what);
    }
    if ((s->ensures_params >> k) & 1u)
        rule_nullflow_nonnull(st->flow, decl); /* a checking function: shell_check_oom(p) */
}

/* ---- events ------------------------------------------------------------------------------ */

/* A local variable or parameter that is not static: what the flow can follow. */
static int ua_is_local(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind == CXCursor_ParmDecl)
        return 1;
    return kind == CXCursor_VarDecl && clang_getCursorLinkage(decl) == CXLinkage_NoLinkage &&
           clang_Cursor_getStorageClass(decl) != CX_SC_Static;
}

/* When expr reads an allocation another unit did not check (a parameter's pointee, a
 * global, another unit's result) or the member of an aggregate the last store wrote, the
 * value it gives. */
static int ua_read_value(struct rule_ctx *rc, struct ua_state *st, CXCursor expr,
                         struct rule_nullflow_value *out)
{
    const struct ecg_xfact *seed = rule_nullflow_read_seed(rc, expr, ECG_XV_UNCHECKED);
    CXCursor agg;

    if (seed != NULL) {
        out->origin = ua_origin_new(st, rule_nullflow_strip(expr), "", -1);
        out->bits = out->origin != 0 ? RULE_NULLFLOW_FRESH : 0;
        if (out->origin != 0)
            st->origins[out->origin - 1].seed = seed;
        return 1;
    }
    if (!rule_nullflow_agg_read(st->flow, expr, &agg))
        return 0;
    *out = rule_nullflow_get(st->flow, agg);
    return 1;
}

/* decl, a local pointer not followed yet, starts with what its initialiser reads from
 * another unit or from an aggregate. */
static void ua_follow(struct rule_ctx *rc, struct ua_state *st, CXCursor ref, CXCursor decl)
{
    struct rule_nullflow_value v;
    CXCursor init;

    if (clang_getCursorKind(decl) != CXCursor_VarDecl || !ua_is_local(decl) || !ua_is_pointer(decl))
        return;
    init = clang_Cursor_getVarDeclInitializer(decl);
    if (clang_Cursor_isNull(init) || !ua_read_value(rc, st, init, &v) || v.bits == 0)
        return;
    if (!clang_Cursor_isNull(ref))
        rule_nullflow_at(st->flow, rc, ref);
    rule_nullflow_declare(st->flow, decl, v);
}

/* What the flow knows of var, an allocation unchecked on every path, for another unit
 * (rule_nullflow_xout_fn). */
static int ua_xout(struct rule_ctx *rc, void *arg, CXCursor var, struct rule_xout *out)
{
    struct ua_state *st = arg;
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, var);
    const struct ua_origin *o;

    if (!rule_nullflow_knows(st->flow, var))
        ua_follow(rc, st, clang_getNullCursor(), var); /* the walk is at the call already */
    v = rule_nullflow_get(st->flow, var);
    o = ua_origin_at(st, v.origin);

    if (v.bits != RULE_NULLFLOW_FRESH || o == NULL || o->param >= 0)
        return 0;
    memset(out, 0, sizeof(*out));
    out->value = ECG_XV_UNCHECKED;
    out->size = -1;
    out->where = clang_getNullRange();
    if (o->seed != NULL) {
        out->prior = &o->seed->origin;
        return 1;
    }
    snprintf(st->xtext, sizeof(st->xtext), "'%s' may return NULL here; nothing checks it", o->name);
    out->where = clang_getCursorExtent(o->call);
    out->what_happened = st->xtext;
    return 1;
}

/* `return p;` with p an allocation not checked: the function hands it to its callers, in
 * this unit (its summary) and in others. */
static void ua_on_return_var(struct rule_ctx *rc, struct ua_state *st, CXCursor ret, CXCursor decl)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    const struct ua_origin *o = ua_origin_at(st, v.origin);
    struct rule_xout out;

    if ((v.bits & RULE_NULLFLOW_FRESH) && o != NULL && o->param < 0)
        st->cur.returns_fresh = 1;
    if (clang_getCursorKind(ret) == CXCursor_ReturnStmt && ua_xout(rc, st, decl, &out))
        rule_xvalue_export_return(rc, rule_function(rc), ret, &out);
}

/* Acts on what the variable decl, referenced at ref, is used for. */
static void ua_apply(struct rule_ctx *rc, struct ua_state *st, CXCursor ref, CXCursor decl,
                     const struct rule_nullctx *ctx)
{
    struct rule_nullflow_value none = { 0, 0 };

    switch (ctx->kind) {
    case RULE_NULLCTX_USE:
        ua_use(rc, st, ref, decl, ctx->what);
        break;
    case RULE_NULLCTX_TEST:
        rule_nullflow_tested(st->flow, decl);
        break;
    case RULE_NULLCTX_ESCAPE:
        rule_nullflow_set(st->flow, decl, none);
        break;
    case RULE_NULLCTX_ARG:
        ua_on_arg(rc, st, ref, decl, ctx->parent, ctx->index);
        break;
    case RULE_NULLCTX_INIT:
        if (ua_is_local(ctx->parent))
            rule_nullflow_set(st->flow, ctx->parent, rule_nullflow_get(st->flow, decl));
        break;
    case RULE_NULLCTX_RETURN:
        ua_on_return_var(rc, st, ctx->parent, decl);
        break;
    case RULE_NULLCTX_NONE:
        break;
    }
}

static void ua_on_ref(struct rule_ctx *rc, void *arg, CXCursor ref)
{
    struct ua_state *st = arg;
    CXCursor decl = clang_getCursorReferenced(ref);
    struct rule_nullflow_value none = { 0, 0 };
    struct rule_nullctx ctx;

    if (!rule_nullflow_knows(st->flow, decl))
        ua_follow(rc, st, ref, decl);
    if (!rule_nullflow_knows(st->flow, decl))
        return;
    rule_nullflow_at(st->flow, rc, ref);
    if (!rule_nullflow_reachable(st->flow))
        return;
    rule_nullctx_of(rc, ref, &ctx);
    if (ua_is_pointer(decl))
        ua_apply(rc, st, ref, decl, &ctx);
    else if (ctx.kind == RULE_NULLCTX_ESCAPE || ctx.kind == RULE_NULLCTX_ARG)
        rule_nullflow_set(st->flow, decl, none); /* an aggregate anything may be stored in */
}

static int ua_summary_noreturn(const struct ua_state *st, CXCursor call)
{
    const struct rule_nullsum_fn *s = rule_nullsum_find(st->sums, clang_getCursorReferenced(call));

    return s != NULL && s->noreturn;
}

/* The first ancestor of the cursor being left that is not a cast or parentheses. */
static CXCursor ua_consumer(struct rule_ctx *rc)
{
    CXCursor parent = clang_getNullCursor();

    for (size_t up = 0; up < UA_MAX_CLIMB; up++) {
        parent = rule_ancestor(rc, up);
        if (!rule_nullctx_is_wrapper(clang_getCursorKind(parent)))
            break;
    }
    return parent;
}

/* An allocation call being left: returned, it makes the function an allocator; initialising
 * a local variable, it gives the variable a new origin. */
static void ua_on_allocation(struct rule_ctx *rc, struct ua_state *st, CXCursor call,
                             const char *callee)
{
    struct rule_nullflow_value v = { 0, RULE_NULLFLOW_FRESH };
    CXCursor parent = ua_consumer(rc);

    if (clang_getCursorKind(parent) == CXCursor_ReturnStmt) {
        st->cur.returns_fresh = 1;
        return;
    }
    if (!ua_is_local(parent) || !ua_is_pointer(parent))
        return;
    rule_nullflow_at(st->flow, rc, call);
    v.origin = ua_origin_new(st, call, callee, -1);
    if (v.origin != 0)
        rule_nullflow_set(st->flow, parent, v);
}

/* Leaving a call: a call that does not return ends the path. */
static void ua_on_call_leave(struct rule_ctx *rc, void *arg, CXCursor call)
{
    struct ua_state *st = arg;
    char callee[UA_NAME_MAX];
    int noreturn;

    rule_callee_name(call, callee, sizeof(callee));
    if (callee[0] == '\0')
        return;
    noreturn = (ua_callee(rc, st, call, callee) & UA_CALLEE_NORETURN) != 0 ||
               ua_summary_noreturn(st, call);
    if (noreturn && !rule_nullflow_in_conditional(rc)) {
        rule_nullflow_at(st->flow, rc, call);
        rule_nullflow_stop(st->flow);
    } else if (!noreturn && ua_is_allocator(rc, st, call, callee)) {
        ua_on_allocation(rc, st, call, callee);
    }
}

/* The value an assignment's right side gives: a new allocation, or a copy of a followed
 * variable's value; {0, 0} for anything else. */
static struct rule_nullflow_value ua_assigned_value(struct rule_ctx *rc, struct ua_state *st,
                                                    CXCursor rhs)
{
    struct rule_nullflow_value v = { 0, 0 };
    char callee[UA_NAME_MAX];
    CXCursor decl;

    rhs = rule_nullflow_strip(rhs);
    if (clang_getCursorKind(rhs) == CXCursor_CallExpr) {
        rule_callee_name(rhs, callee, sizeof(callee));
        if (callee[0] != '\0' && ua_is_allocator(rc, st, rhs, callee)) {
            v.origin = ua_origin_new(st, rhs, callee, -1);
            v.bits = v.origin != 0 ? RULE_NULLFLOW_FRESH : 0;
        }
        if (v.bits == 0)
            ua_read_value(rc, st, rhs, &v);
        return v;
    }
    if (ua_read_value(rc, st, rhs, &v))
        return v;
    if (rule_nullflow_value_decl(st->flow, rhs, &decl))
        v = rule_nullflow_get(st->flow, decl);
    return v;
}

/* var[k] = rhs or var.f = rhs into a local aggregate: var takes rhs's value. */
static void ua_on_store(struct rule_ctx *rc, struct ua_state *st, CXCursor op, CXCursor lhs,
                        CXCursor rhs)
{
    CXCursor agg;

    rule_nullflow_at(st->flow, rc, op);
    if (rule_nullflow_reachable(st->flow) && rule_nullflow_agg_store(st->flow, lhs, &agg))
        rule_nullflow_set(st->flow, agg, ua_assigned_value(rc, st, rule_nullflow_strip(rhs)));
}

/* g = p with g a global other units read and p an allocation unchecked on every path. */
static void ua_on_global_store(struct rule_ctx *rc, struct ua_state *st, CXCursor op, CXCursor var,
                               CXCursor rhs)
{
    struct rule_xout out;
    CXCursor decl;

    if (clang_getCursorKind(var) != CXCursor_VarDecl || !rule_xvalue_external(var) ||
        !rule_nullflow_value_decl(st->flow, rhs, &decl) || !rule_nullflow_knows(st->flow, decl))
        return;
    rule_nullflow_at(st->flow, rc, op);
    if (rule_nullflow_reachable(st->flow) && ua_xout(rc, st, decl, &out))
        rule_xvalue_export_global(rc, var, op, &out);
}

/* Nonzero when rhs may give a value the flow follows though nothing was followed before. */
static int ua_may_give(const struct ua_state *st, CXCursor rhs)
{
    CXCursor decl;

    switch (clang_getCursorKind(rhs)) {
    case CXCursor_CallExpr:
    case CXCursor_UnaryOperator:
    case CXCursor_ArraySubscriptExpr:
    case CXCursor_MemberRefExpr:
        return 1;
    case CXCursor_DeclRefExpr:
        return !rule_nullflow_value_decl(st->flow, rhs, &decl) ||
               rule_nullflow_knows(st->flow, decl) || rule_xvalue_external(decl);
    default:
        return 0;
    }
}

/* p = rhs with p a local pointer: p takes rhs's value. */
static void ua_on_assign(struct rule_ctx *rc, struct ua_state *st, CXCursor op)
{
    CXCursor ops[2], lhs, decl;
    CXCursor rhs;

    if (!rule_opkind_operands(op, ops) ||
        rule_opkind_binary(rule_unit(rc), op) != RULE_OPKIND_ASSIGN)
        return;
    lhs = rule_nullflow_strip(ops[0]);
    rhs = rule_nullflow_strip(ops[1]);
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr) {
        ua_on_store(rc, st, op, lhs, rhs);
        return;
    }
    decl = clang_getCursorReferenced(lhs);
    if (!ua_is_local(decl)) {
        ua_on_global_store(rc, st, op, decl, rhs);
        return;
    }
    if (!rule_nullflow_knows(st->flow, decl) && !ua_may_give(st, rhs))
        return;
    rule_nullflow_at(st->flow, rc, op);
    rule_nullflow_set(st->flow, decl, ua_assigned_value(rc, st, rhs));
}

/* The operands of a comparison that are variables the flow follows: a bit per operand. */
static unsigned ua_followed_operands(const struct ua_state *st, const CXCursor ops[2],
                                     CXCursor decls[2])
{
    unsigned found = 0;

    for (unsigned i = 0; i < 2; i++) {
        if (rule_nullflow_value_decl(st->flow, ops[i], &decls[i]) &&
            rule_nullflow_knows(st->flow, decls[i]))
            found |= 1u << i;
    }
    return found;
}

static void ua_on_compare(struct rule_ctx *rc, struct ua_state *st, CXCursor op)
{
    CXCursor ops[2], decls[2];
    unsigned found;
    enum rule_opkind kind;

    if (!rule_opkind_operands(op, ops))
        return;
    found = ua_followed_operands(st, ops, decls);
    if (found == 0)
        return;
    kind = rule_opkind_binary(rule_unit(rc), op);
    if (kind != RULE_OPKIND_EQ && kind != RULE_OPKIND_NE)
        return;
    rule_nullflow_at(st->flow, rc, op);
    for (unsigned i = 0; i < 2; i++) {
        if (found & (1u << i))
            rule_nullflow_tested(st->flow, decls[i]);
    }
}

static void ua_on_binop_leave(struct rule_ctx *rc, void *arg, CXCursor op)
{
    struct ua_state *st = arg;
    enum CXTypeKind type = clang_getCanonicalType(clang_getCursorType(op)).kind;

    if (type == CXType_Pointer)
        ua_on_assign(rc, st, op);
    else if (type == CXType_Int)
        ua_on_compare(rc, st, op);
}

/* ---- hooks ------------------------------------------------------------------------------- */

/* The function may return here: what its pointer parameters are, for its summary. */
static void ua_note_exit(struct ua_state *st)
{
    if (!rule_nullflow_reachable(st->flow))
        return;
    st->returns = 1;
    for (int i = 0; i < UA_MAX_PARAMS; i++) {
        if (!clang_Cursor_isNull(st->params[i]))
            st->exit_bits[i] |= (unsigned char)rule_nullflow_get(st->flow, st->params[i]).bits;
    }
}

/* Leaving a return: the function may return here (its summary). */
static void ua_on_jump(struct rule_ctx *rc, void *arg, CXCursor jump)
{
    (void)rc;
    if (clang_getCursorKind(jump) == CXCursor_ReturnStmt)
        ua_note_exit(arg);
}

static const struct rule_nullflow_hooks ua_hooks = {
    ua_on_ref, ua_xout, ua_on_call_leave, ua_on_binop_leave, ua_on_jump,
};

/* ---- results the unit checks elsewhere (CWE-252 by deviance, unchecked_stats.h) ------- */

static void ua_on_unit_end(struct rule_ctx *rc)
{
    struct ua_state *st = rule_state(rc);

    rule_unchecked_stats_report(st->stats, rc);
}

static void ua_on_unit_begin(struct rule_ctx *rc)
{
    struct ua_state *st = rule_state(rc);
    struct rule_unchecked_policy policy = {
        .check_output = rule_option_bool(rc, "check_output"),
        .own_functions = rule_option_bool(rc, "infer_own_functions"),
        .min_checked = rule_option_int(rc, "infer_min_checked"),
        .min_percent = rule_option_int(rc, "infer_min_percent"),
    };

    if (rule_option_bool(rc, "infer_must_check"))
        st->stats = rule_unchecked_stats_new(&policy); /* NULL: nothing inferred in this unit */
}

static void ua_on_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct ua_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    if (kind == CXCursor_CallExpr) {
        rule_nullflow_check_discarded(rc, cursor);
        rule_unchecked_stats_call(st->stats, rc, cursor);
    } else if (kind == CXCursor_DeclRefExpr) {
        rule_unchecked_stats_ref(st->stats, rc, cursor);
    }
    if (!st->oom && st->flow != NULL)
        rule_nullflow_drive_enter(st->flow, rc, cursor, &ua_hooks, st);
}

/* Nonzero inside a function whose paths the flow still follows. */
static int ua_following(struct rule_ctx *rc, const struct ua_state *st)
{
    return !st->oom && st->flow != NULL && !clang_Cursor_isNull(rule_function(rc)) &&
           !rule_nullflow_lost(st->flow);
}

static void ua_on_leave(struct rule_ctx *rc, CXCursor cursor)
{
    struct ua_state *st = rule_state(rc);

    if (ua_following(rc, st))
        rule_nullflow_drive_leave(st->flow, rc, cursor, &ua_hooks, st);
}

/* Parameters start as origins of their own, so that a summary can tell which ones the
 * function dereferences before testing them. */
static void ua_track_params(struct rule_ctx *rc, struct ua_state *st, CXCursor fn)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < UA_MAX_PARAMS; i++) {
        st->params[i] = clang_getNullCursor();
        st->exit_bits[i] = 0;
    }
    for (int i = 0; i < n && i < UA_MAX_PARAMS; i++) {
        CXCursor param = clang_Cursor_getArgument(fn, (unsigned)i);
        struct rule_nullflow_value v = { 0, RULE_NULLFLOW_FRESH };
        const struct ecg_xfact *seed;
        if (!ua_is_pointer(param))
            continue;
        seed = rule_nullflow_param_seed(rc, fn, (unsigned)i, ECG_XV_UNCHECKED);
        v.origin = ua_origin_new(st, param, "", seed != NULL ? -1 : i);
        if (v.origin != 0 && seed != NULL) {
            st->origins[v.origin - 1].seed = seed; /* another unit's allocation */
            rule_nullflow_set(st->flow, param, v);
            continue;
        }
        if (v.origin == 0)
            continue;
        rule_nullflow_set(st->flow, param, v);
        st->params[i] = param;
    }
}

static void ua_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct ua_state *st = rule_state(rc);

    rule_unchecked_stats_begin_function(st->stats);
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
    st->returns = 0;
    ua_track_params(rc, st, fn);
}

/* Completes the summary of the function just walked from what its exits showed. */
static void ua_finish_summary(struct ua_state *st)
{
    st->cur.noreturn = !st->returns;
    for (int i = 0; i < UA_MAX_PARAMS && st->returns; i++) {
        if (st->exit_bits[i] == RULE_NULLFLOW_NONNULL)
            st->cur.ensures_params |= 1u << i;
    }
}

static void ua_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct ua_state *st = rule_state(rc);
    const struct rule_nullsum_fn *s = &st->cur;

    if (st->oom || st->flow == NULL || rule_nullflow_lost(st->flow))
        return;
    ua_note_exit(st); /* falling off the end */
    ua_finish_summary(st);
    if ((s->deref_params != 0 || s->ensures_params != 0 || s->returns_fresh || s->noreturn) &&
        rule_nullsum_add(st->sums, fn, s) != 0)
        st->oom = 1;
}

static const struct rule_option ua_options[] = {
    { "allocators", RULE_OPT_STRING_LIST, "",
      "more functions whose result is NULL when they fail (a project's own allocators)", NULL },
    { "must_check", RULE_OPT_STRING_LIST, "",
      "more functions whose result must not be discarded as a bare statement", NULL },
    { "check_output", RULE_OPT_BOOL, "false",
      "also report discarded results of output calls (printf, fprintf, fputs, puts, putc, "
      "snprintf, fclose, fflush ...)",
      NULL },
    { "infer_must_check", RULE_OPT_BOOL, "true",
      "report a discarded output call when the same file checks its result often enough", NULL },
    { "infer_min_checked", RULE_OPT_INT, "1",
      "for infer_must_check: the fewest calls whose result the file checks", NULL },
    { "infer_min_percent", RULE_OPT_INT, "50",
      "for infer_must_check: the lowest percent of checked among checked and discarded", NULL },
    { "infer_own_functions", RULE_OPT_BOOL, "false",
      "infer_must_check covers the project's own functions returning an int or enum too", NULL },
    { "malloc_attribute", RULE_OPT_BOOL, "false",
      "treat functions declared __attribute__((malloc)) (and not returns_nonnull) as "
      "allocators",
      NULL },
};

const struct rule_desc rule_security_unchecked_allocation = {
    .id = "security-unchecked-allocation",
    .title = "Allocation result used without a NULL check",
    .summary = "Flags allocation results used before a NULL check, and discarded results of "
               "calls that report failure only through them.",
    .description = "malloc, calloc, realloc, strdup, fopen and the like return NULL when they "
                   "fail; dereferencing that result before testing it crashes the program or "
                   "worse (CWE-690). Calls such as fgets, fread, scanf, rename and setuid "
                   "report failure only through their result, so discarding it lets the "
                   "program go on with stale data or privileges it meant to drop (CWE-252); "
                   "output calls such as fclose and fputs are reported where the same file "
                   "checks their result elsewhere. "
                   "Test the result on every path before using it.",
    .tags = "security",
    .precision = "high",
    .security_severity = "5.5",
    .cwe = { 690, 252 },
    .level = ECG_LEVEL_WARNING,
    .needs_xvalue = 1,
    .options = ua_options,
    .n_options = ARRAY_LEN(ua_options),
    .state_size = sizeof(struct ua_state),
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr, CXCursor_BinaryOperator, CXCursor_IfStmt,
               CXCursor_WhileStmt, CXCursor_ForStmt, CXCursor_SwitchStmt, CXCursor_CaseStmt,
               CXCursor_DefaultStmt, CXCursor_ReturnStmt, CXCursor_GotoStmt, CXCursor_LabelStmt },
    .on_cursor = ua_on_enter,
    .on_cursor_leave = ua_on_leave,
    .on_function_enter = ua_on_function_enter,
    .on_function_leave = ua_on_function_leave,
    .on_unit_begin = ua_on_unit_begin,
    .on_unit_end = ua_on_unit_end,
    .state_fini = ua_fini,
};
