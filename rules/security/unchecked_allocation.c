/* security-unchecked-allocation: allocation results (malloc, strdup, fopen ...) used before
 * a NULL check on their path (CWE-690), and results that are the only report of failure
 * (fgets, fread, setuid ...) discarded as a statement (CWE-252). Paths: support/nullflow.h.
 * Known gaps: only locals are followed, not fields or globals; break, continue and back
 * edges are not followed; helpers are summarised only when defined earlier in the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/macro.h"
#include "rules/support/nullctx.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullsum.h"
#include "rules/support/opkind.h"

#define UA_NAME_MAX 64
#define UA_MAX_PARAMS 32 /* parameters a summary describes */
#define UA_MAX_CLIMB 64  /* casts and parentheses looked through above a variable */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* What a variable's value came from: an allocation, or (for summaries) a parameter. */
struct ua_origin {
    CXCursor call;          /* the allocating call; unused for a parameter */
    char name[UA_NAME_MAX]; /* the allocating function */
    int param;              /* the parameter's index, or -1 */
    int reported;           /* a finding names this origin already */
};

/* A macro whose body both allocates and uses the result unchecked: one finding per macro and
 * unit, however often it expands. */
struct ua_spot {
    char macro[UA_NAME_MAX];
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
    int oom;               /* memory ran out: nothing more is followed in this unit */
    struct ua_spot *spots; /* owned; allocations in macro bodies reported already */
    size_t n_spots;
    size_t cap_spots;
};

static void ua_fini(void *state)
{
    struct ua_state *st = state;

    rule_nullflow_free(st->flow);
    rule_nullsum_free(st->sums);
    free(st->origins);
    free(st->spots);
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

/* The expansion offset of the cursor's location. */
static unsigned ua_expansion_offset(CXCursor c)
{
    unsigned offset = 0;

    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &offset);
    return offset;
}

/* Nonzero when the macro name was reported in this unit already; otherwise records it (when
 * memory runs out it is not recorded, and a later expansion is reported again). */
static int ua_spot_seen(struct ua_state *st, const char *name)
{
    for (size_t i = 0; i < st->n_spots; i++) {
        if (strcmp(st->spots[i].macro, name) == 0)
            return 1;
    }
    if (st->n_spots == st->cap_spots) {
        size_t cap = st->cap_spots != 0 ? st->cap_spots * 2 : 8;
        struct ua_spot *grown = realloc(st->spots, cap * sizeof(*grown));
        if (grown == NULL)
            return 0;
        st->spots = grown;
        st->cap_spots = cap;
    }
    snprintf(st->spots[st->n_spots++].macro, UA_NAME_MAX, "%s", name);
    return 0;
}

/* Nonzero when the allocation and its use at ref both come from the body of one expansion of
 * a macro reported already in this unit: a debug macro that opens a log file unchecked is one
 * defect, not one per expansion. The macro is recorded on the first call; when memory runs
 * out every finding is kept. */
static int ua_macro_reported(struct rule_ctx *rc, struct ua_state *st, CXCursor call, CXCursor ref)
{
    CXTranslationUnit tu = rule_unit(rc);
    char name[UA_NAME_MAX];

    if (!rule_nullflow_in_macro(tu, call, NULL) || !rule_nullflow_in_macro(tu, ref, NULL) ||
        ua_expansion_offset(call) != ua_expansion_offset(ref) ||
        !rule_macro_name_at(name, sizeof(name), tu, call))
        return 0;
    return ua_spot_seen(st, name);
}

static void ua_report(struct rule_ctx *rc, CXCursor ref, CXCursor decl, const struct ua_origin *o,
                      int fresh, const char *what)
{
    char name[UA_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    if (fresh)
        f = rule_report(rc, ref,
                        "'%s' may be NULL here: the result of '%s' is %s before any check "
                        "against NULL; test it right after the call",
                        name, o->name, what);
    else
        f = rule_report(rc, ref, "'%s' is NULL on this path (tested above) and is %s", name, what);
    rule_add_related(rc, f, clang_getCursorExtent(o->call), "'%s' returns NULL when it fails",
                     o->name);
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
    if (rule_nullflow_guarded(st->flow, rc, ref, decl))
        return;
    rule_nullflow_nonnull(st->flow, decl); /* one report per allocation, none after */
    if (o->param >= 0) {
        if (fresh)
            st->cur.deref_params |= 1u << o->param;
        return;
    }
    o->reported = 1;
    if (!ua_macro_reported(rc, st, o->call, ref))
        ua_report(rc, ref, decl, o, fresh, what);
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

/* `return p;` with p an allocation not checked: the function hands it to its callers. */
static void ua_on_return_var(struct ua_state *st, struct rule_nullflow_value v)
{
    const struct ua_origin *o = ua_origin_at(st, v.origin);

    if ((v.bits & RULE_NULLFLOW_FRESH) && o != NULL && o->param < 0)
        st->cur.returns_fresh = 1;
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
        ua_on_return_var(st, rule_nullflow_get(st->flow, decl));
        break;
    case RULE_NULLCTX_NONE:
        break;
    }
}

static void ua_on_ref(struct rule_ctx *rc, struct ua_state *st, CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    struct rule_nullctx ctx;

    if (!rule_nullflow_knows(st->flow, decl))
        return;
    rule_nullflow_at(st->flow, rc, ref);
    if (!rule_nullflow_reachable(st->flow))
        return;
    rule_nullctx_of(rc, ref, &ctx);
    ua_apply(rc, st, ref, decl, &ctx);
}

static int ua_summary_noreturn(const struct ua_state *st, CXCursor call)
{
    const struct rule_nullsum_fn *s = rule_nullsum_find(st->sums, clang_getCursorReferenced(call));

    return s != NULL && s->noreturn;
}

/* Nonzero when the call being left runs only on some evaluations of its expression: in an
 * arm of ?: or an operand of && or || (assertion macros). Ending the path there would end
 * it for the whole statement. */
static int ua_in_conditional(struct rule_ctx *rc)
{
    for (size_t up = 0; up < UA_MAX_CLIMB; up++) {
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
static void ua_on_call_leave(struct rule_ctx *rc, struct ua_state *st, CXCursor call)
{
    char callee[UA_NAME_MAX];
    int noreturn;

    rule_callee_name(call, callee, sizeof(callee));
    if (callee[0] == '\0')
        return;
    noreturn = (ua_callee(rc, st, call, callee) & UA_CALLEE_NORETURN) != 0 ||
               ua_summary_noreturn(st, call);
    if (noreturn && !ua_in_conditional(rc)) {
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
        return v;
    }
    if (rule_nullflow_value_decl(st->flow, rhs, &decl))
        v = rule_nullflow_get(st->flow, decl);
    return v;
}

/* p = rhs with p a local pointer: p takes rhs's value. */
static void ua_on_assign(struct rule_ctx *rc, struct ua_state *st, CXCursor op)
{
    CXCursor ops[2], lhs, decl, rhs_decl;
    CXCursor rhs;

    if (!rule_opkind_operands(op, ops))
        return;
    lhs = rule_nullflow_strip(ops[0]);
    rhs = rule_nullflow_strip(ops[1]);
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return;
    decl = clang_getCursorReferenced(lhs);
    if (!ua_is_local(decl))
        return;
    if (!rule_nullflow_knows(st->flow, decl) && clang_getCursorKind(rhs) != CXCursor_CallExpr &&
        !(rule_nullflow_value_decl(st->flow, rhs, &rhs_decl) &&
          rule_nullflow_knows(st->flow, rhs_decl)))
        return;
    if (rule_opkind_binary(rule_unit(rc), op) != RULE_OPKIND_ASSIGN)
        return;
    rule_nullflow_at(st->flow, rc, op);
    rule_nullflow_set(st->flow, decl, ua_assigned_value(rc, st, rhs));
}

/* p == NULL, p != q ...: p is tested. */
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

static void ua_on_binop_leave(struct rule_ctx *rc, struct ua_state *st, CXCursor op)
{
    enum CXTypeKind type = clang_getCanonicalType(clang_getCursorType(op)).kind;

    if (type == CXType_Pointer)
        ua_on_assign(rc, st, op);
    else if (type == CXType_Int)
        ua_on_compare(rc, st, op);
}

/* ---- CWE-252: results that must be looked at --------------------------------------------- */

static const char *ua_must_why(struct rule_ctx *rc, const char *name)
{
    const char *why = rule_libc_must_check(name, rule_option_bool(rc, "check_output"));

    if (why == NULL && rule_option_list_has(rc, "must_check", name))
        why = "it reports failure only through its result";
    return why;
}

static int ua_is_first_child(CXCursor parent, CXCursor child)
{
    return rule_nullflow_same(rule_expr_first_child(parent), child);
}

/* Nonzero when call is a statement of its own, its value discarded. */
static int ua_result_discarded(struct rule_ctx *rc, CXCursor call)
{
    CXCursor parent = rule_ancestor(rc, 0);

    switch (clang_getCursorKind(parent)) {
    case CXCursor_CompoundStmt:
    case CXCursor_LabelStmt:
    case CXCursor_DefaultStmt:
        return 1;
    case CXCursor_CaseStmt:
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
        return !ua_is_first_child(parent, call);
    case CXCursor_DoStmt:
        return ua_is_first_child(parent, call);
    default:
        return 0;
    }
}

static void ua_check_discarded(struct rule_ctx *rc, CXCursor call)
{
    char callee[UA_NAME_MAX];
    const char *why;

    rule_callee_name(call, callee, sizeof(callee));
    if (callee[0] == '\0')
        return;
    why = ua_must_why(rc, callee);
    if (why == NULL || !ua_result_discarded(rc, call))
        return;
    rule_report(rc, call,
                "the result of '%s' is ignored: %s (cast the call to (void) if failure does "
                "not matter here)",
                callee, why);
}

/* ---- hooks ------------------------------------------------------------------------------- */

static int ua_is_frame(enum CXCursorKind kind)
{
    return kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt || kind == CXCursor_ForStmt ||
           kind == CXCursor_SwitchStmt;
}

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

static void ua_flow_enter(struct rule_ctx *rc, struct ua_state *st, CXCursor cursor)
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
        ua_on_ref(rc, st, cursor);
        break;
    default:
        break;
    }
}

static void ua_on_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct ua_state *st = rule_state(rc);

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    if (clang_getCursorKind(cursor) == CXCursor_CallExpr)
        ua_check_discarded(rc, cursor);
    if (!st->oom && st->flow != NULL)
        ua_flow_enter(rc, st, cursor);
}

/* Leaving a return or a goto: the path ends here, or continues at the goto's label. */
static void ua_on_jump(struct rule_ctx *rc, struct ua_state *st, CXCursor jump)
{
    rule_nullflow_at(st->flow, rc, jump);
    if (clang_getCursorKind(jump) == CXCursor_GotoStmt) {
        rule_nullflow_goto(st->flow, clang_getCursorReferenced(rule_expr_first_child(jump)));
        return;
    }
    ua_note_exit(st);
    rule_nullflow_stop(st->flow);
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

    if (!ua_following(rc, st))
        return;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_CallExpr:
        ua_on_call_leave(rc, st, cursor);
        break;
    case CXCursor_BinaryOperator:
        ua_on_binop_leave(rc, st, cursor);
        break;
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
        ua_on_jump(rc, st, cursor);
        break;
    default:
        if (ua_is_frame(clang_getCursorKind(cursor)))
            rule_nullflow_pop(st->flow, rc, cursor);
        break;
    }
}

/* Parameters start as origins of their own, so that a summary can tell which ones the
 * function dereferences before testing them. */
static void ua_track_params(struct ua_state *st, CXCursor fn)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < UA_MAX_PARAMS; i++) {
        st->params[i] = clang_getNullCursor();
        st->exit_bits[i] = 0;
    }
    for (int i = 0; i < n && i < UA_MAX_PARAMS; i++) {
        CXCursor param = clang_Cursor_getArgument(fn, (unsigned)i);
        struct rule_nullflow_value v = { 0, RULE_NULLFLOW_FRESH };
        if (!ua_is_pointer(param))
            continue;
        v.origin = ua_origin_new(st, clang_getNullCursor(), "", i);
        if (v.origin == 0)
            continue;
        rule_nullflow_set(st->flow, param, v);
        st->params[i] = param;
    }
}

static void ua_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct ua_state *st = rule_state(rc);

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
    ua_track_params(st, fn);
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
                   "program go on with stale data or privileges it meant to drop (CWE-252). "
                   "Test the result on every path before using it.",
    .tags = "security",
    .precision = "high",
    .security_severity = "5.5",
    .cwe = { 690, 252 },
    .level = ECG_LEVEL_WARNING,
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
    .state_fini = ua_fini,
};
