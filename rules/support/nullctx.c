/* Uses of pointer variables; see nullctx.h. */
#include "rules/support/nullctx.h"

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/nullflow.h"
#include "rules/support/opkind.h"

#define NC_MAX_CLIMB 64 /* casts and parentheses looked through above a variable */

static int nc_is_pointer(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

int rule_nullctx_is_wrapper(enum CXCursorKind kind)
{
    return kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
           kind == CXCursor_CStyleCastExpr;
}

static int nc_arg_index(CXCursor call, CXCursor child, unsigned *out)
{
    int n = clang_Cursor_getNumArguments(call);

    for (int k = 0; k < n; k++) {
        if (rule_nullflow_same(clang_Cursor_getArgument(call, (unsigned)k), child)) {
            *out = (unsigned)k;
            return 1;
        }
    }
    return 0;
}

static enum rule_nullctx_kind nc_unary_ctx(CXTranslationUnit tu, CXCursor op)
{
    switch (rule_opkind_unary(tu, op)) {
    case RULE_OPKIND_DEREF:
        return RULE_NULLCTX_USE;
    case RULE_OPKIND_NOT:
        return RULE_NULLCTX_TEST;
    case RULE_OPKIND_ADDR:
        return RULE_NULLCTX_ESCAPE;
    default:
        return RULE_NULLCTX_NONE;
    }
}

/* p[i], i[p], p->f: the base is dereferenced (a '.' member of a struct value is not). */
static enum rule_nullctx_kind nc_access_ctx(CXCursor parent, CXCursor child)
{
    if (clang_getCursorKind(parent) == CXCursor_MemberRefExpr)
        return nc_is_pointer(child) ? RULE_NULLCTX_USE : RULE_NULLCTX_NONE;
    return rule_nullflow_same(rule_expr_first_child(parent), child) ? RULE_NULLCTX_USE
                                                                    : RULE_NULLCTX_NONE;
}

static enum rule_nullctx_kind nc_logical_ctx(CXTranslationUnit tu, CXCursor op)
{
    enum rule_opkind kind = rule_opkind_binary(tu, op);

    return kind == RULE_OPKIND_LAND || kind == RULE_OPKIND_LOR ? RULE_NULLCTX_TEST
                                                               : RULE_NULLCTX_NONE;
}

/* The variable as the condition of a statement, or the value a statement takes. */
static enum rule_nullctx_kind nc_statement_ctx(enum CXCursorKind kind)
{
    switch (kind) {
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
    case CXCursor_ForStmt:
        return RULE_NULLCTX_TEST;
    case CXCursor_VarDecl:
        return RULE_NULLCTX_INIT;
    case CXCursor_ReturnStmt:
        return RULE_NULLCTX_RETURN;
    default:
        return RULE_NULLCTX_NONE;
    }
}

/* The variable as an operand of an operator. */
static enum rule_nullctx_kind nc_operator_ctx(CXTranslationUnit tu, CXCursor parent, CXCursor child)
{
    switch (clang_getCursorKind(parent)) {
    case CXCursor_UnaryOperator:
        return nc_unary_ctx(tu, parent);
    case CXCursor_ArraySubscriptExpr:
    case CXCursor_MemberRefExpr:
        return nc_access_ctx(parent, child);
    case CXCursor_BinaryOperator:
        return nc_logical_ctx(tu, parent);
    case CXCursor_ConditionalOperator:
        return rule_nullflow_same(rule_expr_first_child(parent), child) ? RULE_NULLCTX_TEST
                                                                        : RULE_NULLCTX_NONE;
    default:
        return RULE_NULLCTX_NONE;
    }
}

/* What the operand child of parent is used for. */
static void nc_classify(CXTranslationUnit tu, CXCursor parent, CXCursor child,
                        struct rule_nullctx *out)
{
    enum CXCursorKind kind = clang_getCursorKind(parent);

    out->what = kind == CXCursor_ArraySubscriptExpr ? "indexed" : "dereferenced";
    if (kind == CXCursor_CallExpr)
        out->kind = nc_arg_index(parent, child, &out->index) ? RULE_NULLCTX_ARG : RULE_NULLCTX_NONE;
    else if (clang_isExpression(kind))
        out->kind = nc_operator_ctx(tu, parent, child);
    else
        out->kind = nc_statement_ctx(kind);
}

void rule_nullctx_of(struct rule_ctx *rc, CXCursor ref, struct rule_nullctx *out)
{
    CXCursor child = ref;

    out->kind = RULE_NULLCTX_NONE;
    out->index = 0;
    for (size_t up = 0; up < NC_MAX_CLIMB; up++) {
        CXCursor parent = rule_ancestor(rc, up);
        if (!rule_nullctx_is_wrapper(clang_getCursorKind(parent))) {
            out->parent = parent;
            nc_classify(rule_unit(rc), parent, child, out);
            return;
        }
        child = parent;
    }
}
