/* Where in its function a use sits, for the rules that follow null states: inside a loop that
 * assigns the variable (a later iteration may see another value than the one path the flow
 * follows into the loop), in an operand that runs only on some evaluations of its statement,
 * or under a condition that calls the same function. All read the walk's ancestor stack. */
#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/nullctx.h"
#include "rules/support/libc.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullsum.h"
#include "rules/support/opkind.h"

#define NF_MAX_CLIMB 256 /* enclosing expressions and statements looked at */
#define NF_NAME_MAX 64

struct nf_write_search {
    CXTranslationUnit tu;
    CXCursor decl;
    int found;
};

/* Nonzero when ref, a reference with the given parent, changes the variable it names. */
static int nf_ref_writes(CXTranslationUnit tu, CXCursor ref, CXCursor parent)
{
    enum CXCursorKind kind = clang_getCursorKind(parent);
    enum rule_opkind op;

    if (kind == CXCursor_CompoundAssignOperator)
        return rule_nullflow_same(rule_expr_first_child(parent), ref);
    if (kind == CXCursor_UnaryOperator) {
        op = rule_opkind_unary(tu, parent);
        return op == RULE_OPKIND_ADDR || op == RULE_OPKIND_OTHER_UNARY || op == RULE_OPKIND_UNKNOWN;
    }
    if (kind != CXCursor_BinaryOperator || !rule_nullflow_same(rule_expr_first_child(parent), ref))
        return 0;
    op = rule_opkind_binary(tu, parent);
    return op == RULE_OPKIND_ASSIGN || op == RULE_OPKIND_UNKNOWN;
}

static enum CXChildVisitResult nf_write_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nf_write_search *s = data;

    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
        clang_equalCursors(clang_getCursorReferenced(c), s->decl) &&
        nf_ref_writes(s->tu, c, parent))
        s->found = 1;
    return s->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Nonzero when a loop around the current point assigns decl: an iteration after the first
 * may see another value than the one path the flow follows into the loop. */
int rule_nullflow_loop_writes(struct rule_ctx *rc, CXCursor decl)
{
    struct nf_write_search s = { rule_unit(rc), decl, 0 };

    for (size_t up = 0; up < NF_MAX_CLIMB && !s.found; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (clang_Cursor_isNull(a) || kind == CXCursor_FunctionDecl)
            return 0;
        if (kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt)
            clang_visitChildren(a, nf_write_visit, &s);
    }
    return s.found;
}

/* Nonzero when below, an operand of the expression a, runs only on some evaluations of a: the
 * right operand of && or ||, an arm of ?:. */
static int nf_operand_sometimes_runs(struct rule_ctx *rc, CXCursor a, CXCursor below)
{
    CXCursor kids[2];
    enum rule_opkind op;

    if (clang_getCursorKind(a) == CXCursor_ConditionalOperator)
        return !rule_nullflow_same(rule_expr_first_child(a), below);
    if (clang_getCursorKind(a) != CXCursor_BinaryOperator || !rule_opkind_operands(a, kids) ||
        !rule_nullflow_same(kids[1], below))
        return 0;
    op = rule_opkind_binary(rule_unit(rc), a);
    return op == RULE_OPKIND_LAND || op == RULE_OPKIND_LOR || op == RULE_OPKIND_UNKNOWN;
}

/* Nonzero when the expression at ref runs only on some evaluations of the statement around
 * it. */
int rule_nullflow_sometimes_runs(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor below = ref;

    for (size_t up = 0; up < NF_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        if (!clang_isExpression(clang_getCursorKind(a)))
            return 0;
        if (nf_operand_sometimes_runs(rc, a, below))
            return 1;
        below = a;
    }
    return 1;
}

struct nf_call_search {
    const char *callee;
    int found;
};

static enum CXChildVisitResult nf_call_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nf_call_search *q = data;
    char name[NF_NAME_MAX];

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_CallExpr &&
        strcmp(rule_callee_name(c, name, sizeof(name)), q->callee) == 0)
        q->found = 1;
    return q->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Nonzero for the statements and operators whose first child decides whether the rest runs
 * (for a binary operator only && and || do, but a call in any left operand ran first). */
static int nf_has_condition(enum CXCursorKind kind)
{
    return kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt ||
           kind == CXCursor_ConditionalOperator || kind == CXCursor_BinaryOperator;
}

/* Nonzero when expr is, or contains, a call of callee. */
static int nf_contains_call(CXCursor expr, const char *callee)
{
    struct nf_call_search q = { callee, 0 };

    nf_call_visit(expr, clang_getNullCursor(), &q);
    if (!q.found)
        clang_visitChildren(expr, nf_call_visit, &q);
    return q.found;
}

/* Nonzero when a condition around the call being left (of an if, a loop, ?: or the left side
 * of && or ||) calls callee too: 'if (getenv("X")) n = atoi(getenv("X"));' tested it. */
int rule_nullflow_tested_by_same_call(struct rule_ctx *rc, CXCursor call, const char *callee)
{
    CXCursor below = call;

    for (size_t up = 0; up < NF_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        CXCursor cond = rule_expr_first_child(a);
        if (clang_Cursor_isNull(a) || kind == CXCursor_FunctionDecl)
            return 0;
        if (nf_has_condition(kind) && !rule_nullflow_same(cond, below) &&
            nf_contains_call(cond, callee))
            return 1;
        below = a;
    }
    return 0;
}

int rule_nullflow_in_conditional(struct rule_ctx *rc)
{
    for (size_t up = 0; up < NF_MAX_CLIMB; up++) {
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

int rule_nullflow_is_data_pointer(CXType type)
{
    CXType t = clang_getCanonicalType(type);

    if (t.kind != CXType_Pointer)
        return 0;
    t = clang_getCanonicalType(clang_getPointeeType(t));
    return t.kind != CXType_FunctionProto && t.kind != CXType_FunctionNoProto;
}

int rule_nullflow_is_local_pointer(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind != CXCursor_ParmDecl &&
        (kind != CXCursor_VarDecl || clang_getCursorLinkage(decl) != CXLinkage_NoLinkage ||
         clang_Cursor_getStorageClass(decl) == CX_SC_Static))
        return 0;
    return rule_nullflow_is_data_pointer(clang_getCursorType(decl));
}

int rule_nullflow_moves(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor parent = rule_ancestor(rc, 0);

    if (clang_getCursorKind(parent) == CXCursor_UnaryOperator)
        return rule_opkind_unary(rule_unit(rc), parent) == RULE_OPKIND_OTHER_UNARY;
    return clang_getCursorKind(parent) == CXCursor_CompoundAssignOperator &&
           rule_nullflow_same(rule_expr_first_child(parent), ref);
}

int rule_nullflow_address_only(struct rule_ctx *rc, CXCursor access)
{
    size_t up = 0;

    while (up < NF_MAX_CLIMB && !rule_nullflow_same(rule_ancestor(rc, up), access))
        up++;
    for (up++; up < NF_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        if (!rule_nullctx_is_wrapper(clang_getCursorKind(a)))
            return clang_getCursorKind(a) == CXCursor_UnaryOperator &&
                   rule_opkind_unary(rule_unit(rc), a) == RULE_OPKIND_ADDR;
    }
    return 0;
}

int rule_nullflow_call_noreturn(struct rule_ctx *rc, struct rule_nullsum *sums, CXCursor call)
{
    char callee[NF_NAME_MAX];
    CXCursor decl = clang_getCursorReferenced(call);
    const struct rule_nullsum_fn *s;
    unsigned char *known;
    int added;

    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return 0;
    s = rule_nullsum_find(sums, decl);
    if (s != NULL && s->noreturn)
        return 1;
    known = rule_nullsum_callee(sums, decl, &added);
    if (known == NULL)
        return -1;
    if (added) {
        rule_callee_name(call, callee, sizeof(callee));
        *known = (unsigned char)(1 + (rule_libc_noreturn(rule_unit(rc), call, callee) != 0));
    }
    return *known == 2;
}

int rule_nullflow_test_in_macro(struct rule_ctx *rc, CXCursor test, CXCursor decl, CXCursor deref)
{
    char name[NF_NAME_MAX];

    rule_cursor_name(decl, name, sizeof(name));
    return rule_nullflow_in_macro(rule_unit(rc), test, name) ||
           rule_nullflow_in_macro(rule_unit(rc), deref, name);
}
