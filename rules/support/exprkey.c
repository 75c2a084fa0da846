/* Expression keys; see exprkey.h. */
#include "rules/support/exprkey.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/support/expr.h"
#include "rules/support/operator.h"

#define KEY_MAX_DEPTH 12 /* members, subscripts and dereferences followed from the top */

struct key_buf {
    char *text;
    size_t size;
    size_t len;
    CXTranslationUnit tu;
};

static int put(struct key_buf *k, const char *s)
{
    size_t n = strlen(s);

    if (k->len + n + 1 > k->size)
        return 0;
    memcpy(k->text + k->len, s, n + 1);
    k->len += n;
    return 1;
}

static int put_string(struct key_buf *k, CXString s)
{
    const char *text = clang_getCString(s);
    int ok = put(k, text != NULL ? text : "");

    clang_disposeString(s);
    return ok;
}

static enum CXChildVisitResult take_last(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = cursor;
    return CXChildVisit_Continue;
}

CXCursor rule_exprkey_strip(CXCursor expr)
{
    for (int i = 0; i < 64; i++) {
        enum CXCursorKind kind = clang_getCursorKind(expr);
        CXCursor next = clang_getNullCursor();
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr)
            next = rule_expr_first_child(expr);
        else if (kind == CXCursor_CStyleCastExpr)
            clang_visitChildren(expr, take_last, &next);
        if (clang_Cursor_isNull(next))
            return expr;
        expr = next;
    }
    return expr;
}

static int key_of(struct key_buf *k, CXCursor expr, int depth);

static int key_decl_ref(struct key_buf *k, CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    CXString usr;
    int ok;

    if (clang_Cursor_isNull(decl))
        return 0;
    usr = clang_getCursorUSR(decl);
    ok = clang_getCString(usr) != NULL && clang_getCString(usr)[0] != '\0';
    if (ok)
        return put_string(k, usr);
    clang_disposeString(usr);
    return put_string(k, clang_getCursorSpelling(decl));
}

static int key_member(struct key_buf *k, CXCursor member, int depth)
{
    CXCursor base = rule_expr_first_child(member);
    int arrow;

    if (clang_Cursor_isNull(base))
        return 0;
    /* p->f and (*p).f have the same key: '(*' key(p) ').f'. */
    arrow = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
    if (!put(k, arrow ? "(*" : "") || !key_of(k, base, depth + 1) || !put(k, arrow ? ")." : "."))
        return 0;
    return put_string(k, clang_getCursorSpelling(member));
}

static int key_subscript(struct key_buf *k, CXCursor sub, int depth)
{
    CXCursor c[2];

    if (ecg_cursor_children(c, 2, sub) != 2)
        return 0;
    return key_of(k, c[0], depth + 1) && put(k, "[") && key_of(k, c[1], depth + 1) && put(k, "]");
}

static int key_unary(struct key_buf *k, CXCursor op, int depth)
{
    char spelled[8];

    if (!rule_operator_spelling(spelled, sizeof(spelled), k->tu, op))
        return 0;
    if (strcmp(spelled, "*") != 0 && strcmp(spelled, "&") != 0)
        return 0;
    return put(k, "(") && put(k, spelled) && key_of(k, rule_expr_first_child(op), depth + 1) &&
           put(k, ")");
}

static int key_integer(struct key_buf *k, CXCursor lit)
{
    CXEvalResult r = clang_Cursor_Evaluate(lit);
    char text[32];
    int ok = 0;

    if (r == NULL)
        return 0;
    if (clang_EvalResult_getKind(r) == CXEval_Int) {
        snprintf(text, sizeof(text), "%lld", clang_EvalResult_getAsLongLong(r));
        ok = put(k, text);
    }
    clang_EvalResult_dispose(r);
    return ok;
}

static int key_of(struct key_buf *k, CXCursor expr, int depth)
{
    if (depth > KEY_MAX_DEPTH)
        return 0;
    expr = rule_exprkey_strip(expr);
    switch (clang_getCursorKind(expr)) {
    case CXCursor_DeclRefExpr:
        return key_decl_ref(k, expr);
    case CXCursor_MemberRefExpr:
        return key_member(k, expr, depth);
    case CXCursor_ArraySubscriptExpr:
        return key_subscript(k, expr, depth);
    case CXCursor_UnaryOperator:
        return key_unary(k, expr, depth);
    case CXCursor_StringLiteral:
        return put_string(k, clang_getCursorSpelling(expr));
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
        return key_integer(k, expr);
    default:
        return 0;
    }
}

int rule_exprkey_get(char *out, size_t size, CXTranslationUnit tu, CXCursor expr)
{
    struct key_buf k = { out, size, 0, tu };

    if (size == 0)
        return 0;
    out[0] = '\0';
    return key_of(&k, expr, 0);
}

CXCursor rule_exprkey_named(CXCursor expr)
{
    for (int depth = 0; depth <= KEY_MAX_DEPTH; depth++) {
        enum CXCursorKind kind;
        expr = rule_exprkey_strip(expr);
        kind = clang_getCursorKind(expr);
        if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr)
            return expr;
        if (kind != CXCursor_ArraySubscriptExpr && kind != CXCursor_UnaryOperator)
            return clang_getNullCursor();
        expr = rule_expr_first_child(expr);
    }
    return clang_getNullCursor();
}
