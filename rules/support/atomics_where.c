/* Where an expression the atomics reader looks at starts and ends; see atomics_where.h. */
#include "rules/support/atomics_where.h"

#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/atomics_wrap.h"

static unsigned loc_offset(CXSourceLocation at, int file_location)
{
    unsigned offset = 0;

    if (file_location)
        clang_getFileLocation(at, NULL, NULL, NULL, &offset);
    else
        clang_getExpansionLocation(at, NULL, NULL, NULL, &offset);
    return offset;
}

static unsigned end_offset(CXCursor c, int file_location)
{
    return loc_offset(clang_getRangeEnd(clang_getCursorExtent(c)), file_location);
}

int rule_atomics_spans(CXCursor expr, CXCursor mexp, unsigned offset)
{
    /* expr's extent lexes its last token: asked once for both of its offsets */
    CXSourceLocation last = clang_getRangeEnd(clang_getCursorExtent(expr));
    unsigned end = loc_offset(last, 1);

    return loc_offset(last, 0) == end_offset(mexp, 0) || end == end_offset(mexp, 1) ||
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
static CXSourceLocation start_of(CXCursor expr)
{
    enum CXCursorKind kind = clang_getCursorKind(expr);

    if (kind == CXCursor_CallExpr || kind == CXCursor_BinaryOperator ||
        kind == CXCursor_CompoundAssignOperator || kind == CXCursor_UnaryOperator ||
        (kind == CXCursor_UnexposedExpr && location_is_start(expr)))
        return clang_getCursorLocation(expr);
    return clang_getRangeStart(clang_getCursorExtent(expr));
}

int rule_atomics_start_in_macro(CXSourceLocation *out, CXCursor expr)
{
    CXSourceLocation at = start_of(expr);

    if (!rule_atomics_in_macro(at))
        return 0;
    *out = at;
    return 1;
}

void rule_atomics_file_offset_memo(CXFile *file, unsigned *offset,
                                   struct rule_atomics_where_memo *m, CXSourceLocation at)
{
    /* the raw encoding: its low bits tell tokens apart */
    unsigned i = (at.int_data ^ (at.int_data >> 9)) & (RULE_ATOMICS_WHERE_SLOTS - 1);
    if (m->at[i].int_data != at.int_data || m->at[i].ptr_data[0] != at.ptr_data[0] ||
        m->at[i].ptr_data[1] != at.ptr_data[1]) {
        clang_getFileLocation(at, &m->file[i], NULL, NULL, &m->offset[i]);
        m->at[i] = at;
    }
    *file = m->file[i];
    *offset = m->offset[i];
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
