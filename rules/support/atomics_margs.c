/* Macro arguments as cursors; see atomics_margs.h. Argument ranges are byte offsets in the
 * file the invocation is written in, compared with the file locations of the cursors. */
#include "rules/support/atomics_margs.h"

#include <string.h>

#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_where.h"

#define AM_MAX_TOKENS 4096 /* tokens of an invocation examined */

/* The byte ranges of a macro invocation's arguments. */
struct am_args {
    unsigned begin[RULE_ATOMICS_MACRO_ARGS];
    unsigned end[RULE_ATOMICS_MACRO_ARGS];
    unsigned n;
};

static unsigned token_offset(CXTranslationUnit tu, CXToken tok, int end)
{
    CXSourceRange r = clang_getTokenExtent(tu, tok);
    unsigned offset = 0;

    clang_getFileLocation(end ? clang_getRangeEnd(r) : clang_getRangeStart(r), NULL, NULL, NULL,
                          &offset);
    return offset;
}

/* Adds the argument ending before toks[i] (a ',' or the last ')'), from toks[first]. */
static void args_add(struct am_args *a, CXTranslationUnit tu, const CXToken *toks, unsigned first,
                     unsigned i)
{
    if (a->n >= RULE_ATOMICS_MACRO_ARGS || first >= i)
        return;
    a->begin[a->n] = token_offset(tu, toks[first], 0);
    a->end[a->n] = token_offset(tu, toks[i - 1], 1);
    a->n++;
}

/* What a token does to the argument list: +1 opens a bracket, -1 closes one, 2 is a comma,
 * 0 anything else. */
static int token_role(CXTranslationUnit tu, CXToken tok)
{
    CXString s;
    const char *text;
    int role = 0;

    if (clang_getTokenKind(tok) != CXToken_Punctuation)
        return 0;
    s = clang_getTokenSpelling(tu, tok);
    text = clang_getCString(s);
    if (text[0] != '\0' && text[1] == '\0' && strchr("([{", text[0]) != NULL)
        role = 1;
    else if (text[0] != '\0' && text[1] == '\0' && strchr(")]}", text[0]) != NULL)
        role = -1;
    else if (strcmp(text, ",") == 0)
        role = 2;
    clang_disposeString(s);
    return role;
}

/* Splits the invocation toks[0..n) ('name ( a , b )') into arguments at top-level commas. */
static void args_split(struct am_args *out, CXTranslationUnit tu, const CXToken *toks, unsigned n)
{
    int depth = 0;
    unsigned first = 2;

    out->n = 0;
    for (unsigned i = 1; i < n && i < AM_MAX_TOKENS; i++) {
        int role = token_role(tu, toks[i]);
        int comma = role == 2 && depth == 1;
        depth += role == 2 ? 0 : role;
        if (depth == 0 || comma)
            args_add(out, tu, toks, first, i);
        if (depth == 0)
            return;
        first = comma ? i + 1 : first;
    }
}

/* The search for every argument at once: one visit of the expansion's expression. */
struct am_find {
    const struct am_args *args;
    CXCursor *found;                   /* found[i] for args->begin[i]; null until found */
    unsigned left;                     /* arguments not found yet */
    unsigned from;                     /* the first argument's first byte */
    unsigned to;                       /* the last argument's last byte */
    struct rule_atomics_where_memo *m; /* file locations asked before; NULL: none kept */
};

static unsigned file_offset(const struct am_find *f, CXSourceLocation at)
{
    CXFile file = NULL;
    unsigned offset = 0;

    if (f->m == NULL)
        clang_getFileLocation(at, NULL, NULL, NULL, &offset);
    else
        rule_atomics_file_offset_memo(&file, &offset, f->m, at);
    return offset;
}

/* Nonzero when c's location lies outside the arguments' text, so c spans none of them: an
 * expression's location is one of its own tokens (its start, its name or its member), and
 * costs less to find than its extent, which lexes its last token. */
static int outside_args(const struct am_find *f, CXCursor c)
{
    unsigned at = file_offset(f, clang_getCursorLocation(c));

    return at < f->from || at > f->to;
}

static enum CXChildVisitResult find_args(CXCursor c, CXCursor parent, CXClientData data)
{
    struct am_find *f = data;
    CXSourceRange r;
    unsigned b;
    unsigned e;

    (void)parent;
    if (!clang_isExpression(clang_getCursorKind(c)) || outside_args(f, c))
        return CXChildVisit_Recurse;
    r = clang_getCursorExtent(c);
    b = file_offset(f, clang_getRangeStart(r));
    e = file_offset(f, clang_getRangeEnd(r));
    for (unsigned i = 0; i < f->args->n; i++) {
        if (b == f->args->begin[i] && e == f->args->end[i] && rule_atomics_null(f->found[i])) {
            f->found[i] = c;
            f->left--;
            /* what lies inside one argument's text spans no other argument */
            return f->left == 0 ? CXChildVisit_Break : CXChildVisit_Continue;
        }
    }
    return CXChildVisit_Recurse;
}

unsigned rule_atomics_macro_args_memo(CXCursor *out, CXTranslationUnit tu,
                                      struct rule_atomics_where_memo *m, CXCursor mexp,
                                      CXCursor expr)
{
    struct am_args a;
    struct am_find f;
    CXToken *toks = NULL;
    unsigned n = 0;

    clang_tokenize(tu, clang_getCursorExtent(mexp), &toks, &n);
    args_split(&a, tu, toks, n);
    if (toks != NULL)
        clang_disposeTokens(tu, toks, n);
    for (unsigned i = 0; i < a.n; i++)
        out[i] = clang_getNullCursor();
    f.m = m;
    f.args = &a;
    f.found = out;
    f.left = a.n;
    f.from = a.n > 0 ? a.begin[0] : 0;
    f.to = a.n > 0 ? a.end[a.n - 1] : 0;
    if (a.n > 0)
        clang_visitChildren(expr, find_args, &f);
    for (unsigned i = 0; i < a.n; i++) {
        if (rule_atomics_null(out[i]))
            return i;
    }
    return a.n;
}
