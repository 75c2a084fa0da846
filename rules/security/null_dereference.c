/* security-null-dereference (CWE-476): a local pointer dereferenced, or passed to a function
 * that dereferences it, where every path holds NULL (assigned NULL, or found NULL by a test)
 * or the untested result of a call documented to return NULL (getenv); and a NULL test of a
 * pointer every path has already dereferenced. Paths: support/nullflow.h. Known gaps: fields,
 * globals and values behind pointers are not followed; a use NULL on only some paths is not
 * reported; callees are summarised only when defined earlier in the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/nullctx.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullsum.h"
#include "rules/support/opkind.h"

#define ND_NAME_MAX 64
#define ND_MAX_PARAMS 32 /* parameters a summary describes */
#define ND_MAX_CLIMB 64  /* casts and parentheses looked through above a call */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define ND_UNKNOWN RULE_NULLFLOW_TESTED /* a value that may or may not be NULL */

enum nd_origin_kind {
    ND_ORIGIN_NULL,  /* assigned NULL at the cursor */
    ND_ORIGIN_DEREF, /* dereferenced at the cursor */
    ND_ORIGIN_PARAM, /* a parameter, as the function was entered */
    ND_ORIGIN_MAYBE, /* the result of a call documented to return NULL, at the cursor */
};

/* Where a variable's value comes from, for messages and summaries. */
struct nd_origin {
    CXCursor at;
    enum nd_origin_kind kind;
    int param;    /* ND_ORIGIN_PARAM: its index */
    int reported; /* a finding names this origin already */
};

struct nd_state {
    struct rule_nullflow *flow; /* owned */
    struct nd_origin *origins;  /* owned; per function, origin n is origins[n - 1] */
    size_t n_origins;
    size_t cap_origins;
    struct rule_nullsum *sums;  /* owned; the unit's functions walked so far */
    struct rule_nullsum_fn cur; /* of the function being walked */
    int exits;                  /* some return of the function is reachable */
    int branched_off;           /* a return, goto or exit was passed: later code is conditional */
    int oom;                    /* memory ran out: nothing more is followed in this unit */
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

static int nd_is_data_pointer(CXType type)
{
    CXType t = clang_getCanonicalType(type);

    if (t.kind != CXType_Pointer)
        return 0;
    t = clang_getCanonicalType(clang_getPointeeType(t));
    return t.kind != CXType_FunctionProto && t.kind != CXType_FunctionNoProto;
}

/* A local variable or parameter of data pointer type that is not static: what is followed. */
static int nd_is_tracked(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind != CXCursor_ParmDecl &&
        (kind != CXCursor_VarDecl || clang_getCursorLinkage(decl) != CXLinkage_NoLinkage ||
         clang_Cursor_getStorageClass(decl) == CX_SC_Static))
        return 0;
    return nd_is_data_pointer(clang_getCursorType(decl));
}

/* When expr is a call of a function documented to return NULL, stores in *out the end of
 * the sentence "it returns NULL when ..." and returns 1; otherwise returns 0. */
static int nd_maybe_call(const char **out, struct rule_ctx *rc, CXCursor expr)
{
    char callee[ND_NAME_MAX];
    const char *when;

    expr = rule_nullflow_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_CallExpr)
        return 0;
    rule_callee_name(expr, callee, sizeof(callee));
    if (callee[0] == '\0')
        return 0;
    when = rule_nullflow_null_when(callee);
    if (when == NULL && rule_option_list_has(rc, "may_return_null", callee))
        when = "it finds nothing";
    if (when == NULL)
        return 0;
    *out = when;
    return 1;
}

/* When expr is a call of a function documented to return NULL, a new origin for its result
 * with the FRESH bit (not tested yet); otherwise {0, 0}. */
static struct rule_nullflow_value nd_maybe_value(struct rule_ctx *rc, struct nd_state *st,
                                                 CXCursor expr)
{
    struct rule_nullflow_value v = { 0, 0 };
    const char *when;

    if (!nd_maybe_call(&when, rc, expr))
        return v;
    return nd_value(nd_origin_new(st, rule_nullflow_strip(expr), ND_ORIGIN_MAYBE, -1),
                    RULE_NULLFLOW_FRESH);
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
    } else {
        v = nd_maybe_value(rc, st, init);
        if (v.bits == 0)
            v = nd_value(0, ND_UNKNOWN);
    }
    rule_nullflow_declare(st->flow, decl, v);
}

/* ---- when a report would be wrong -------------------------------------------------------- */

/* ---- reports ----------------------------------------------------------------------------- */

static unsigned nd_line(CXCursor c)
{
    unsigned line = 0;

    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    return line;
}

/* decl, NULL on every path, is used at ref as what says. */
static void nd_report_null(struct rule_ctx *rc, CXCursor ref, CXCursor decl,
                           const struct nd_origin *o, const char *what)
{
    char name[ND_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    if (o != NULL && o->kind == ND_ORIGIN_NULL) {
        f = rule_report(rc, ref, "'%s' is NULL here (set to NULL on line %u) and is %s", name,
                        nd_line(o->at), what);
        rule_add_related(rc, f, clang_getCursorExtent(o->at), "'%s' is set to NULL here", name);
        return;
    }
    rule_report(rc, ref, "'%s' is NULL on every path here (a test above found it NULL) and is %s",
                name, what);
}

/* decl, holding on some path the untested result of a call that may return NULL, is used at
 * ref as what says. */
static void nd_report_maybe(struct rule_ctx *rc, CXCursor ref, CXCursor decl,
                            const struct nd_origin *o, const char *what)
{
    char name[ND_NAME_MAX], callee[ND_NAME_MAX];
    const char *when = "it finds nothing";
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    rule_callee_name(o->at, callee, sizeof(callee));
    if (rule_nullflow_null_when(callee) != NULL)
        when = rule_nullflow_null_when(callee);
    f = rule_report(rc, ref,
                    "'%s' may be NULL here: '%s' returns NULL when %s, and its result is %s "
                    "before any test",
                    name, callee, when, what);
    rule_add_related(rc, f, clang_getCursorExtent(o->at), "'%s' may return NULL here", callee);
}

/* decl, dereferenced on every path, is tested against NULL at test. */
static void nd_report_late_test(struct rule_ctx *rc, CXCursor test, CXCursor decl,
                                const struct nd_origin *o)
{
    char name[ND_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    f = rule_report(rc, test,
                    "'%s' is tested against NULL after it was dereferenced on line %u: either "
                    "the test is dead or the dereference can crash; test before the first use",
                    name, nd_line(o->at));
    rule_add_related(rc, f, clang_getCursorExtent(o->at), "'%s' is dereferenced here", name);
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

/* A use of decl at ref that is a finding: NULL on every path, or the untested result of a
 * call that may return NULL. Returns 1 when it was one of these. */
static int nd_use_reported(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl,
                           const char *what)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    struct nd_origin *o = nd_origin_at(st, v.origin);
    int maybe = nd_is_maybe(v, o);

    if (!maybe && v.bits != RULE_NULLFLOW_NULL)
        return 0;
    if (nd_first_report(rc, o, decl)) {
        if (maybe)
            nd_report_maybe(rc, ref, decl, o, what);
        else
            nd_report_null(rc, ref, decl, o, what);
    }
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

/* Nonzero when the test of decl or its first dereference comes from a macro's body: a macro
 * that tests its argument ('#define RELEASE(p) if (p) free(p)') tests it everywhere. */
static int nd_written_by_macro(struct rule_ctx *rc, CXCursor test, CXCursor decl, CXCursor deref)
{
    char name[ND_NAME_MAX];

    rule_cursor_name(decl, name, sizeof(name));
    return rule_nullflow_in_macro(rule_unit(rc), test, name) ||
           rule_nullflow_in_macro(rule_unit(rc), deref, name);
}

/* decl is tested against NULL at test. */
static void nd_test(struct rule_ctx *rc, struct nd_state *st, CXCursor test, CXCursor decl)
{
    struct rule_nullflow_value v = rule_nullflow_get(st->flow, decl);
    struct nd_origin *o = nd_origin_at(st, v.origin);

    if (v.bits == RULE_NULLFLOW_DEREF && o != NULL && o->kind == ND_ORIGIN_DEREF && !o->reported &&
        !nd_written_by_macro(rc, test, decl, o->at) && !rule_nullflow_loop_writes(rc, decl)) {
        o->reported = 1;
        nd_report_late_test(rc, test, decl, o);
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

    if (!nd_is_data_pointer(clang_getCursorType(clang_Cursor_getArgument(call, k)))) {
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

    if (!nd_maybe_call(&when, rc, call))
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
    rule_report(rc, call,
                "the result of '%s' may be NULL (it returns NULL when %s) and is %s "
                "without a test",
                callee, when, what);
}

/* Nonzero when ref is the operand of ++, -- or a compound assignment: it moves. */
static int nd_moves(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor parent = rule_ancestor(rc, 0);

    if (clang_getCursorKind(parent) == CXCursor_UnaryOperator)
        return rule_opkind_unary(rule_unit(rc), parent) == RULE_OPKIND_OTHER_UNARY;
    return clang_getCursorKind(parent) == CXCursor_CompoundAssignOperator &&
           rule_nullflow_same(rule_expr_first_child(parent), ref);
}

/* decl initialises the variable var: var starts with decl's value. */
static void nd_on_init(struct nd_state *st, CXCursor var, CXCursor decl)
{
    if (nd_is_tracked(var))
        rule_nullflow_set(st->flow, var, rule_nullflow_get(st->flow, decl));
}

/* A reference that neither uses nor tests decl: p++ and p += n leave a value not followed. */
static void nd_on_other(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl)
{
    if (nd_moves(rc, ref))
        rule_nullflow_set(st->flow, decl, nd_value(0, ND_UNKNOWN));
}

/* Nonzero when access, the p->f, p[i] or *p just entered, only has its address taken (&p->f):
 * nothing is read or written through p there. */
static int nd_address_only(struct rule_ctx *rc, CXCursor access)
{
    size_t up = 0;

    while (up < ND_MAX_CLIMB && !rule_nullflow_same(rule_ancestor(rc, up), access))
        up++;
    for (up++; up < ND_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        if (!rule_nullctx_is_wrapper(clang_getCursorKind(a)))
            return clang_getCursorKind(a) == CXCursor_UnaryOperator &&
                   rule_opkind_unary(rule_unit(rc), a) == RULE_OPKIND_ADDR;
    }
    return 0;
}

/* Acts on what the variable decl, referenced at ref, is used for. */
static void nd_apply(struct rule_ctx *rc, struct nd_state *st, CXCursor ref, CXCursor decl,
                     const struct rule_nullctx *ctx)
{
    switch (ctx->kind) {
    case RULE_NULLCTX_USE:
        if (!nd_address_only(rc, ctx->parent))
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

static void nd_on_ref(struct rule_ctx *rc, struct nd_state *st, CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    struct rule_nullctx ctx;

    if (!nd_is_tracked(decl))
        return;
    rule_nullflow_at(st->flow, rc, ref);
    if (!rule_nullflow_reachable(st->flow))
        return;
    nd_follow(rc, st, decl);
    rule_nullctx_of(rc, ref, &ctx);
    nd_apply(rc, st, ref, decl, &ctx);
}

/* ---- assignments and comparisons --------------------------------------------------------- */

/* The value an assignment's right side gives. */
static struct rule_nullflow_value nd_assigned_value(struct rule_ctx *rc, struct nd_state *st,
                                                    CXCursor op, CXCursor rhs)
{
    struct rule_nullflow_value v = nd_maybe_value(rc, st, rhs);
    CXCursor decl;

    if (v.bits != 0)
        return v;
    if (rule_nullflow_is_null_constant(rhs))
        return nd_value(nd_origin_new(st, op, ND_ORIGIN_NULL, -1), RULE_NULLFLOW_NULL);
    if (rule_nullflow_value_decl(st->flow, rhs, &decl) && nd_is_tracked(decl) &&
        rule_nullflow_knows(st->flow, decl))
        return rule_nullflow_get(st->flow, decl);
    return nd_value(0, ND_UNKNOWN);
}

/* p = rhs with p a followed pointer: p takes rhs's value. */
static void nd_on_assign(struct rule_ctx *rc, struct nd_state *st, CXCursor op,
                         const CXCursor ops[2])
{
    CXCursor lhs = rule_nullflow_strip(ops[0]), decl;

    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return;
    decl = clang_getCursorReferenced(lhs);
    if (!nd_is_tracked(decl))
        return;
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

static void nd_on_binop_leave(struct rule_ctx *rc, struct nd_state *st, CXCursor op)
{
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

/* ---- calls and jumps --------------------------------------------------------------------- */

/* Nonzero when the call being left runs only on some evaluations of its expression: in an
 * arm of ?: or an operand of && or || (assertion macros). */
static int nd_in_conditional(struct rule_ctx *rc)
{
    for (size_t up = 0; up < ND_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        enum rule_opkind op;
        if (!clang_isExpression(kind))
            return 0;
        if (kind == CXCursor_ConditionalOperator)
            return 1;
        if (kind != CXCursor_BinaryOperator)
            continue;
        op = rule_opkind_binary(rule_unit(rc), a);
        if (op == RULE_OPKIND_LAND || op == RULE_OPKIND_LOR || op == RULE_OPKIND_UNKNOWN)
            return 1;
    }
    return 1;
}

/* Nonzero when the called function never returns (by name, type or summary). */
static int nd_call_noreturn(struct rule_ctx *rc, struct nd_state *st, CXCursor call)
{
    char callee[ND_NAME_MAX];
    CXCursor decl = clang_getCursorReferenced(call);
    const struct rule_nullsum_fn *s;
    unsigned char *known;
    int added;

    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return 0;
    s = rule_nullsum_find(st->sums, decl);
    if (s != NULL && s->noreturn)
        return 1;
    known = rule_nullsum_callee(st->sums, decl, &added);
    if (known == NULL) {
        st->oom = 1;
        return 0;
    }
    if (added) {
        rule_callee_name(call, callee, sizeof(callee));
        *known = (unsigned char)(1 + (rule_libc_noreturn(rule_unit(rc), call, callee) != 0));
    }
    return *known == 2;
}

static void nd_on_call_leave(struct rule_ctx *rc, struct nd_state *st, CXCursor call)
{
    rule_nullflow_at(st->flow, rc, call);
    if (rule_nullflow_reachable(st->flow))
        nd_on_maybe_result(rc, st, call);
    if (!nd_call_noreturn(rc, st, call) || nd_in_conditional(rc))
        return;
    rule_nullflow_at(st->flow, rc, call);
    rule_nullflow_stop(st->flow);
    st->branched_off = 1;
}

/* Leaving a return or a goto: the path ends here, or continues at the goto's label. */
static void nd_on_jump(struct rule_ctx *rc, struct nd_state *st, CXCursor jump)
{
    rule_nullflow_at(st->flow, rc, jump);
    st->branched_off = 1;
    if (clang_getCursorKind(jump) == CXCursor_GotoStmt) {
        rule_nullflow_goto(st->flow, clang_getCursorReferenced(rule_expr_first_child(jump)));
        return;
    }
    if (rule_nullflow_reachable(st->flow))
        st->exits = 1;
    rule_nullflow_stop(st->flow);
}

/* ---- hooks ------------------------------------------------------------------------------- */

/* Nonzero inside a function whose paths the flow still follows. */
static int nd_following(struct rule_ctx *rc, const struct nd_state *st)
{
    return !st->oom && st->flow != NULL && !clang_Cursor_isNull(rule_function(rc)) &&
           !rule_nullflow_lost(st->flow);
}

static void nd_flow_enter(struct rule_ctx *rc, struct nd_state *st, CXCursor cursor)
{
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_SwitchStmt:
        rule_nullflow_push(st->flow, rc, cursor);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        rule_nullflow_case(st->flow, rc, cursor);
        break;
    case CXCursor_LabelStmt:
        rule_nullflow_label(st->flow, rc, cursor);
        break;
    case CXCursor_DeclRefExpr:
        nd_on_ref(rc, st, cursor);
        break;
    default:
        break;
    }
}

static void nd_on_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct nd_state *st = rule_state(rc);

    if (nd_following(rc, st))
        nd_flow_enter(rc, st, cursor);
}

static int nd_is_frame(enum CXCursorKind kind)
{
    return kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt || kind == CXCursor_ForStmt ||
           kind == CXCursor_SwitchStmt;
}

static void nd_on_leave(struct rule_ctx *rc, CXCursor cursor)
{
    struct nd_state *st = rule_state(rc);

    if (!nd_following(rc, st))
        return;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_CallExpr:
        nd_on_call_leave(rc, st, cursor);
        break;
    case CXCursor_BinaryOperator:
        nd_on_binop_leave(rc, st, cursor);
        break;
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
        nd_on_jump(rc, st, cursor);
        break;
    default:
        if (nd_is_frame(clang_getCursorKind(cursor)))
            rule_nullflow_pop(st->flow, rc, cursor);
        break;
    }
}

/* Pointer parameters start as origins of their own, so that the summary can tell which ones
 * the function dereferences on every call before testing them. */
static void nd_track_params(struct nd_state *st, CXCursor fn)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < n && i < ND_MAX_PARAMS; i++) {
        CXCursor param = clang_Cursor_getArgument(fn, (unsigned)i);
        unsigned origin;
        if (!nd_is_data_pointer(clang_getCursorType(param)))
            continue;
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
    nd_track_params(st, fn);
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
    .options = nd_options,
    .n_options = ARRAY_LEN(nd_options),
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
