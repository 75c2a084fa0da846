/* Macro names at a use; see macro.h. */
#include "rules/support/macro.h"

#include <stdio.h>
#include <string.h>

/* The file location a location is expanded at; 0 when it is in no file. */
static int expansion_of(CXSourceLocation *out, CXTranslationUnit tu, CXSourceLocation loc)
{
    CXFile file;
    unsigned offset;

    clang_getExpansionLocation(loc, &file, NULL, NULL, &offset);
    if (file == NULL)
        return 0;
    *out = clang_getLocationForOffset(tu, file, offset);
    return 1;
}

int rule_macro_name_at(char *out, size_t size, CXTranslationUnit tu, CXCursor expr)
{
    CXSourceLocation at;
    CXToken *tok;
    int ok = 0;

    if (size == 0 || !expansion_of(&at, tu, clang_getRangeStart(clang_getCursorExtent(expr))))
        return 0;
    tok = clang_getToken(tu, at);
    if (tok == NULL)
        return 0;
    if (clang_getTokenKind(*tok) == CXToken_Identifier) {
        CXString s = clang_getTokenSpelling(tu, *tok);
        snprintf(out, size, "%s", clang_getCString(s));
        clang_disposeString(s);
        ok = 1;
    }
    clang_disposeTokens(tu, tok, 1);
    return ok;
}

int rule_macro_written_contains(CXTranslationUnit tu, CXCursor expr, const char *identifier)
{
    CXSourceRange extent = clang_getCursorExtent(expr);
    CXSourceLocation begin, end;
    CXToken *toks = NULL;
    unsigned n = 0;
    int found = 0;

    if (!expansion_of(&begin, tu, clang_getRangeStart(extent)) ||
        !expansion_of(&end, tu, clang_getRangeEnd(extent)))
        return 0;
    clang_tokenize(tu, clang_getRange(begin, end), &toks, &n);
    for (unsigned i = 0; i < n && !found; i++) {
        CXString s;
        if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
            continue;
        s = clang_getTokenSpelling(tu, toks[i]);
        found = strcmp(clang_getCString(s), identifier) == 0;
        clang_disposeString(s);
    }
    clang_disposeTokens(tu, toks, n);
    return found;
}
