/* The walk through a function for the null-state rules; see nullflow_drive.h. */
#include "rules/support/nullflow_drive.h"

#include "rules/support/expr.h"

/* The statements whose branches the flow splits and joins. */
static int is_frame(enum CXCursorKind kind)
{
    return kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt || kind == CXCursor_ForStmt ||
           kind == CXCursor_SwitchStmt;
}

void rule_nullflow_drive_enter(struct rule_nullflow *flow, struct rule_ctx *rc, CXCursor cursor,
                               const struct rule_nullflow_hooks *hooks, void *arg)
{
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        rule_nullflow_case(flow, rc, cursor);
        break;
    case CXCursor_LabelStmt:
        rule_nullflow_label(flow, rc, cursor);
        break;
    case CXCursor_DeclRefExpr:
        hooks->ref(rc, arg, cursor);
        break;
    case CXCursor_CallExpr:
        /* before the arguments: what the callee receives */
        rule_nullflow_at(flow, rc, cursor);
        if (rule_nullflow_reachable(flow))
            rule_nullflow_export_call(rc, flow, cursor, hooks->xout, arg);
        break;
    default:
        if (is_frame(clang_getCursorKind(cursor)))
            rule_nullflow_push(flow, rc, cursor);
        break;
    }
}

/* Leaving a return or a goto: the path ends here, or continues at the goto's label. */
static void leave_jump(struct rule_nullflow *flow, struct rule_ctx *rc, CXCursor jump,
                       const struct rule_nullflow_hooks *hooks, void *arg)
{
    rule_nullflow_at(flow, rc, jump);
    hooks->jump(rc, arg, jump);
    if (clang_getCursorKind(jump) == CXCursor_GotoStmt)
        rule_nullflow_goto(flow, clang_getCursorReferenced(rule_expr_first_child(jump)));
    else
        rule_nullflow_stop(flow);
}

void rule_nullflow_drive_leave(struct rule_nullflow *flow, struct rule_ctx *rc, CXCursor cursor,
                               const struct rule_nullflow_hooks *hooks, void *arg)
{
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_CallExpr:
        hooks->call_leave(rc, arg, cursor);
        break;
    case CXCursor_BinaryOperator:
        hooks->binop_leave(rc, arg, cursor);
        break;
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
        leave_jump(flow, rc, cursor, hooks, arg);
        break;
    default:
        if (is_frame(clang_getCursorKind(cursor)))
            rule_nullflow_pop(flow, rc, cursor);
        break;
    }
}
