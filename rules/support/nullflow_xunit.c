/* Aggregates, correlated conditions and cross-unit states for the null-state rules (see
 * nullflow_xunit.h). An aggregate is one value in the flow, keyed by its declaration; the
 * member the last store wrote is kept beside it, so a read of another member says nothing. */
#include "rules/support/nullflow_xunit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullflow_int.h"

#define NX_MAX_CLIMB 256 /* enclosing expressions and statements looked at */
#define NX_NAME_MAX 128

/* ---- aggregates -------------------------------------------------------------------------- */

static int nx_is_local_aggregate(CXCursor decl)
{
    enum CXTypeKind type;

    if (clang_getCursorKind(decl) != CXCursor_VarDecl ||
        clang_getCursorLinkage(decl) != CXLinkage_NoLinkage ||
        clang_Cursor_getStorageClass(decl) == CX_SC_Static)
        return 0;
    type = clang_getCanonicalType(clang_getCursorType(decl)).kind;
    return type == CXType_ConstantArray || type == CXType_Record;
}

/* The element an index names: "[k]" for a constant k, "?" otherwise. */
static void nx_index_name(CXCursor index, char *member, size_t size)
{
    CXEvalResult r = clang_Cursor_Evaluate(index);

    snprintf(member, size, "?");
    if (r == NULL)
        return;
    if (clang_EvalResult_getKind(r) == CXEval_Int)
        snprintf(member, size, "[%lld]", clang_EvalResult_getAsLongLong(r));
    clang_EvalResult_dispose(r);
}

/* When expr is var[k] or var.f of a local aggregate var: var and the member's name. */
static int nx_agg_access(CXCursor expr, CXCursor *var, char *member, size_t size)
{
    CXCursor e = rule_nullflow_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(e);
    CXCursor base;
    CXString s;

    if (kind != CXCursor_ArraySubscriptExpr && kind != CXCursor_MemberRefExpr)
        return 0;
    base = rule_nullflow_strip(ecg_cursor_child(e, 0));
    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return 0;
    *var = clang_getCursorReferenced(base);
    if (!nx_is_local_aggregate(*var))
        return 0;
    if (kind == CXCursor_ArraySubscriptExpr) {
        nx_index_name(ecg_cursor_child(e, 1), member, size);
        return 1;
    }
    s = clang_getCursorSpelling(e);
    snprintf(member, size, "%s", clang_getCString(s));
    clang_disposeString(s);
    return 1;
}

static size_t nx_agg_find(const struct rule_nullflow *nf, CXCursor decl)
{
    unsigned hash = clang_hashCursor(decl);

    for (size_t i = 0; i < nf->n_aggs; i++) {
        if (nf->aggs[i].hash == hash && clang_equalCursors(nf->aggs[i].decl, decl))
            return i;
    }
    return nf->n_aggs;
}

static struct rule_nullflow_agg *nx_agg_add(struct rule_nullflow *nf, CXCursor decl)
{
    size_t i = nx_agg_find(nf, decl);

    if (i < nf->n_aggs)
        return &nf->aggs[i];
    if (nf->n_aggs == nf->cap_aggs) {
        size_t cap = nf->cap_aggs != 0 ? nf->cap_aggs * 2 : 8;
        struct rule_nullflow_agg *grown = realloc(nf->aggs, cap * sizeof(*grown));
        if (grown == NULL) {
            nf->lost = 1;
            return NULL;
        }
        nf->aggs = grown;
        nf->cap_aggs = cap;
    }
    nf->aggs[i].decl = decl;
    nf->aggs[i].hash = clang_hashCursor(decl);
    nf->n_aggs++;
    return &nf->aggs[i];
}

int rule_nullflow_agg_store(struct rule_nullflow *nf, CXCursor lhs, CXCursor *out)
{
    char member[sizeof(nf->aggs[0].member)];
    struct rule_nullflow_agg *a;
    CXCursor var;

    if (nf->lost || !nx_agg_access(lhs, &var, member, sizeof(member)))
        return 0;
    a = nx_agg_add(nf, var);
    if (a == NULL)
        return 0;
    snprintf(a->member, sizeof(a->member), "%s", member);
    *out = var;
    return 1;
}

static int nx_is_union(CXCursor var)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(var));

    return clang_getCursorKind(clang_getTypeDeclaration(t)) == CXCursor_UnionDecl;
}

int rule_nullflow_agg_read(const struct rule_nullflow *nf, CXCursor expr, CXCursor *out)
{
    char member[sizeof(nf->aggs[0].member)];
    CXCursor var;
    size_t i;

    if (nf->lost || !nx_agg_access(expr, &var, member, sizeof(member)))
        return 0;
    i = nx_agg_find(nf, var);
    if (i == nf->n_aggs || nf->aggs[i].member[0] == '?')
        return 0;
    if (!nx_is_union(var) && strcmp(nf->aggs[i].member, member) != 0)
        return 0;
    *out = var;
    return 1;
}

int rule_nullflow_is_agg(const struct rule_nullflow *nf, CXCursor decl)
{
    return nx_agg_find(nf, decl) < nf->n_aggs;
}

/* ---- conditions -------------------------------------------------------------------------- */

struct nx_reads {
    CXCursor decl;
    int found;
};

static enum CXChildVisitResult nx_reads_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nx_reads *r = data;
    CXCursor ref;
    enum CXCursorKind kind;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    ref = clang_getCursorReferenced(c);
    kind = clang_getCursorKind(ref);
    if ((kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl) &&
        !clang_equalCursors(ref, r->decl)) {
        r->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* Nonzero when cond reads a variable other than decl. */
static int nx_reads_variable(CXCursor cond, CXCursor decl)
{
    struct nx_reads r = { decl, 0 };

    if (clang_getCursorKind(cond) == CXCursor_DeclRefExpr) {
        nx_reads_visit(cond, cond, &r);
        return r.found;
    }
    clang_visitChildren(cond, nx_reads_visit, &r);
    return r.found;
}

/* Nonzero when the ancestor a, entered from its child below, makes the point depend on a
 * condition that reads a variable other than decl, or runs it on some evaluations only. */
static int nx_correlated(CXCursor a, CXCursor below, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(a);
    CXCursor first = ecg_cursor_child(a, 0);
    enum ecg_op op;

    if (kind == CXCursor_IfStmt || kind == CXCursor_SwitchStmt)
        return !rule_nullflow_same(first, below) && nx_reads_variable(first, decl);
    if (kind == CXCursor_ConditionalOperator)
        return !rule_nullflow_same(first, below);
    if (kind != CXCursor_BinaryOperator)
        return 0;
    op = ecg_opcode_of(a);
    return (op == ECG_OP_LAND || op == ECG_OP_LOR) && !rule_nullflow_same(first, below);
}

int rule_nullflow_opaque_at(struct rule_ctx *rc, CXCursor decl)
{
    CXCursor below = clang_getNullCursor();

    for (size_t up = 0; up < NX_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (clang_Cursor_isNull(a) || kind == CXCursor_FunctionDecl)
            return 1;
        if (!clang_Cursor_isNull(below) && nx_correlated(a, below, decl))
            return 0;
        below = a;
    }
    return 0;
}

/* ---- other units ------------------------------------------------------------------------- */

const struct ecg_xfact *rule_nullflow_param_seed(const struct rule_ctx *rc, CXCursor fn,
                                                 unsigned index, uint8_t value)
{
    struct rule_xplace place;
    CXString s;

    if (!rule_xvalue_external(fn))
        return NULL;
    memset(&place, 0, sizeof(place));
    place.what = ECG_XF_ARG;
    place.index = index;
    s = clang_getCursorSpelling(fn);
    snprintf(place.name, sizeof(place.name), "%s", clang_getCString(s));
    clang_disposeString(s);
    return rule_xvalue_seed(rc, &place, value);
}

const struct ecg_xfact *rule_nullflow_read_seed(const struct rule_ctx *rc, CXCursor expr,
                                                uint8_t value)
{
    CXCursor fn = rule_function(rc);

    if (clang_Cursor_isNull(fn) || clang_Cursor_isNull(expr))
        return NULL;
    return rule_xvalue_seed_of(rc, fn, expr, value);
}

/* One call being exported from. */
struct nx_export {
    struct rule_ctx *rc;
    struct rule_nullflow *nf;
    CXCursor call;
    rule_nullflow_xout_fn state_of;
    void *arg;
};

/* Argument k, of the given shape, names var: hands on what state_of says of it. */
static void nx_export_arg(const struct nx_export *x, unsigned k, enum rule_xarg_shape shape,
                          CXCursor var)
{
    struct rule_xout out;
    const char *member = "";
    int pointee = shape == RULE_XARG_ADDRESS;
    size_t i;

    if (shape == RULE_XARG_AGGREGATE) {
        i = nx_agg_find(x->nf, var);
        if (i == x->nf->n_aggs || x->nf->aggs[i].member[0] == '?')
            return;
        pointee = x->nf->aggs[i].member[0] == '[';
        member = pointee ? "" : x->nf->aggs[i].member;
    } else if (clang_getCanonicalType(clang_getCursorType(var)).kind != CXType_Pointer) {
        return;
    }
    /* a ?: or && around the call that tests var, or a loop that assigns it, and the state
     * the flow holds is not the one the callee receives */
    if (rule_nullflow_guarded(x->nf, x->rc, x->call, var) || rule_nullflow_loop_writes(x->rc, var))
        return;
    memset(&out, 0, sizeof(out));
    if (x->state_of(x->rc, x->arg, var, &out))
        rule_xvalue_export_arg(x->rc, x->call, k, pointee, member, &out);
}

void rule_nullflow_export_call(struct rule_ctx *rc, struct rule_nullflow *nf, CXCursor call,
                               rule_nullflow_xout_fn state_of, void *arg)
{
    char callee[NX_NAME_MAX];
    struct nx_export x = { rc, nf, call, state_of, arg };
    int n;

    if (nf->lost || rule_xvalue_external_callee(call, callee, sizeof(callee)) == NULL)
        return;
    n = clang_Cursor_getNumArguments(call);
    for (int k = 0; k < n; k++) {
        CXCursor var;
        CXCursor a = clang_Cursor_getArgument(call, (unsigned)k);
        enum rule_xarg_shape shape = rule_xvalue_arg_shape(&var, a);
        if (shape == RULE_XARG_OTHER)
            continue;
        nx_export_arg(&x, (unsigned)k, shape, var);
    }
}
