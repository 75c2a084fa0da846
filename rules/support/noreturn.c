/* Calls that do not return; see noreturn.h. */
#include "rules/support/noreturn.h"

#include <string.h>

#include "analyzer/cursors.h"

#define NR_MAX_DEPTH 2 /* calls followed into their bodies: die() -> fatal() -> exit() */

static const char *const nr_names[] = {
    "exit",           "_exit",
    "_Exit",          "abort",
    "quick_exit",     "err",
    "errx",           "verr",
    "verrx",          "__assert_fail",
    "longjmp",        "siglongjmp",
    "pthread_exit",   "__builtin_unreachable",
    "__builtin_trap",
};

static int call_exits(CXCursor call, int depth);

static enum CXChildVisitResult find_noreturn_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
    CXToken *tok;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_UnexposedAttr)
        return CXChildVisit_Continue;
    tok = clang_getToken(tu, clang_getCursorLocation(c));
    if (tok != NULL) {
        CXString s = clang_getTokenSpelling(tu, *tok);
        const char *text = clang_getCString(s);
        if (strcmp(text, "_Noreturn") == 0 || strcmp(text, "noreturn") == 0)
            *(int *)data = 1;
        clang_disposeString(s);
        clang_disposeTokens(tu, tok, 1);
    }
    return CXChildVisit_Continue;
}

/* Declared not to return: a known name, __attribute__((noreturn)) (part of the function's
 * type) or _Noreturn (an attribute of the declaration). */
static int declared_noreturn(CXCursor fn)
{
    CXString s = clang_getCursorSpelling(fn);
    CXString type;
    int found = 0;

    for (size_t i = 0; i < sizeof(nr_names) / sizeof(nr_names[0]) && !found; i++)
        found = strcmp(clang_getCString(s), nr_names[i]) == 0;
    clang_disposeString(s);
    if (found)
        return 1;
    type = clang_getTypeSpelling(clang_getCursorType(fn));
    found = strstr(clang_getCString(type), "noreturn") != NULL;
    clang_disposeString(type);
    if (!found)
        clang_visitChildren(fn, find_noreturn_attr, &found);
    return found;
}

struct nr_scan {
    int depth;
    int found;
    int want_if; /* look for an if with an exiting branch instead of an exiting call */
};

static enum CXChildVisitResult take_last(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

static int stmt_exits(CXCursor stmt, int depth);

/* The branch taken when an if's condition holds: its second child. */
static int if_branch_exits(CXCursor if_stmt, int depth)
{
    CXCursor branch = ecg_cursor_child(if_stmt, 1);

    return !clang_Cursor_isNull(branch) && stmt_exits(branch, depth);
}

static enum CXChildVisitResult scan_stmt(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nr_scan *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if (s->want_if)
        s->found = kind == CXCursor_IfStmt && if_branch_exits(c, s->depth);
    else
        s->found = kind == CXCursor_CallExpr && call_exits(c, s->depth);
    return s->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

static int stmt_exits(CXCursor stmt, int depth)
{
    struct nr_scan s = { depth, 0, 0 };

    if (clang_getCursorKind(stmt) == CXCursor_CallExpr)
        return call_exits(stmt, depth);
    if (clang_getCursorKind(stmt) == CXCursor_CompoundStmt)
        clang_visitChildren(stmt, scan_stmt, &s);
    return s.found;
}

/* The body of the function a call reaches, when this unit defines it. */
static CXCursor defined_body(CXCursor call)
{
    CXCursor fn = clang_getCursorReferenced(call);
    CXCursor def;
    CXCursor body = clang_getNullCursor();

    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return body;
    def = clang_getCursorDefinition(fn);
    if (clang_Cursor_isNull(def))
        return body;
    clang_visitChildren(def, take_last, &body);
    if (clang_getCursorKind(body) != CXCursor_CompoundStmt)
        return clang_getNullCursor();
    return body;
}

static int call_exits(CXCursor call, int depth)
{
    CXCursor fn = clang_getCursorReferenced(call);
    CXCursor body;

    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return 0;
    if (declared_noreturn(fn))
        return 1;
    if (depth >= NR_MAX_DEPTH)
        return 0;
    body = defined_body(call);
    return !clang_Cursor_isNull(body) && stmt_exits(body, depth + 1);
}

int rule_noreturn_call(CXCursor call)
{
    return call_exits(call, 0);
}

int rule_noreturn_stmt(CXCursor stmt)
{
    return stmt_exits(stmt, 0);
}

int rule_noreturn_checker(CXCursor call)
{
    CXCursor body = defined_body(call);
    struct nr_scan s = { 1, 0, 1 };

    if (clang_Cursor_isNull(body))
        return 0;
    clang_visitChildren(body, scan_stmt, &s);
    return s.found;
}
