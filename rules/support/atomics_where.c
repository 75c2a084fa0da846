/* Where an expression the atomics reader looks at starts and ends; see atomics_where.h. */
#include "rules/support/atomics_where.h"

#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/atomics_wrap.h"

static unsigned end_offset(CXCursor c, int file_location)
{
    CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(c));
    unsigned offset = 0;

    if (file_location)
        clang_getFileLocation(end, NULL, NULL, NULL, &offset);
    else
        clang_getExpansionLocation(end, NULL, NULL, NULL, &offset);
    return offset;
}

int rule_atomics_spans(CXCursor expr, CXCursor mexp, unsigned offset)
{
    unsigned end = end_offset(expr, 1);

    return end_offset(expr, 0) == end_offset(mexp, 0) || end == end_offset(mexp, 1) ||
           end == offset;
}

int rule_atomics_is_direct_call(CXCursor expr, const char *word)
{
    char callee[RULE_ATOMICS_WRAP_NAME];

    if (clang_getCursorKind(expr) != CXCursor_CallExpr)
        return 0;
    return strcmp(rule_callee_name(expr, callee, sizeof(callee)), word) == 0;
}

/* Nonzero when the location of an unexposed expression is the start of its extent. libclang
 * places an implicit conversion at the location of what it converts, and a member access
 * at its member's name, not its start; everything else (a call, a variable, an atomic
 * builtin, a statement expression) at its start. A conversion of a member access refers to
 * the member, so that referent sends the search to the extent. */
static int location_is_start(CXCursor unexposed)
{
    enum CXCursorKind ref = clang_getCursorKind(clang_getCursorReferenced(unexposed));

    return ref == CXCursor_InvalidFile || ref == CXCursor_VarDecl || ref == CXCursor_ParmDecl ||
           ref == CXCursor_FunctionDecl || ref == CXCursor_EnumConstantDecl;
}

/* For these kinds the cursor's location is the start of its extent (libclang moves it only for
 * names and implicit conversions), and it costs no lexing of the extent's end. */
int rule_atomics_start_offset(CXFile *file, unsigned *offset, CXCursor expr)
{
    enum CXCursorKind kind = clang_getCursorKind(expr);
    CXSourceLocation at;

    if (kind == CXCursor_CallExpr || kind == CXCursor_BinaryOperator ||
        kind == CXCursor_CompoundAssignOperator || kind == CXCursor_UnaryOperator ||
        (kind == CXCursor_UnexposedExpr && location_is_start(expr)))
        at = clang_getCursorLocation(expr);
    else
        at = clang_getRangeStart(clang_getCursorExtent(expr));
    if (!rule_atomics_in_macro(at))
        return 0;
    clang_getFileLocation(at, file, NULL, NULL, offset);
    return 1;
}

int rule_atomics_name_at(char *out, size_t size, CXFile *file, unsigned *offset,
                         CXTranslationUnit tu, CXCursor expr)
{
    CXFile at_file = NULL;
    unsigned at = 0;
    CXToken *tok;
    CXString s;
    int ok;

    clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(expr)), &at_file, NULL, NULL,
                          &at);
    if (at_file == NULL)
        return 0;
    tok = clang_getToken(tu, clang_getLocationForOffset(tu, at_file, at));
    if (tok == NULL)
        return 0;
    ok = clang_getTokenKind(*tok) == CXToken_Identifier;
    if (ok) {
        s = clang_getTokenSpelling(tu, *tok);
        snprintf(out, size, "%s", clang_getCString(s));
        clang_disposeString(s);
        *file = at_file;
        *offset = at;
    }
    clang_disposeTokens(tu, tok, 1);
    return ok;
}
