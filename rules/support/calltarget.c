/* Call targets; see calltarget.h. */
#include "rules/support/calltarget.h"

#include "rules/support/expr.h"
#include "rules/support/nullflow.h"

CXCursor rule_calltarget_of(CXCursor call)
{
    CXCursor decl = clang_getCursorReferenced(call);
    CXCursor init;

    if (clang_getCursorKind(decl) != CXCursor_VarDecl ||
        clang_getCursorLinkage(decl) != CXLinkage_NoLinkage)
        return decl;
    init = rule_nullflow_strip(clang_Cursor_getVarDeclInitializer(decl));
    if (clang_getCursorKind(init) == CXCursor_UnaryOperator)
        init = rule_nullflow_strip(rule_expr_first_child(init)); /* &print_it */
    if (clang_getCursorKind(init) != CXCursor_DeclRefExpr)
        return decl;
    init = clang_getCursorReferenced(init);
    return clang_getCursorKind(init) == CXCursor_FunctionDecl ? init : decl;
}
