/* The printf family: which functions take a printf format and at which argument, from a table
 * of the C library's and from format(printf, n, m) attributes written on a declaration, and
 * which functions pass a format of their callers on (wrappers). */
#include "rules/support/printf_family.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct rule_printf_fn printf_fns[] = {
    { "printf", 0, 0, 0 },    { "fprintf", 1, 0, 0 },   { "dprintf", 1, 0, 0 },
    { "sprintf", 1, 0, 0 },   { "snprintf", 2, 0, 0 },  { "asprintf", 1, 0, 0 },
    { "syslog", 1, 0, 0 },    { "err", 1, 0, 0 },       { "errx", 1, 0, 0 },
    { "warn", 0, 0, 0 },      { "warnx", 0, 0, 0 },     { "error", 2, 0, 0 },
    { "vprintf", 0, 1, 0 },   { "vfprintf", 1, 1, 0 },  { "vdprintf", 1, 1, 0 },
    { "vsprintf", 1, 1, 0 },  { "vsnprintf", 2, 1, 0 }, { "vasprintf", 1, 1, 0 },
    { "vsyslog", 1, 1, 0 },   { "verr", 1, 1, 0 },      { "verrx", 1, 1, 0 },
    { "vwarn", 0, 1, 0 },     { "vwarnx", 0, 1, 0 },    { "wprintf", 0, 0, 1 },
    { "fwprintf", 1, 0, 1 },  { "swprintf", 2, 0, 1 },  { "vwprintf", 0, 1, 1 },
    { "vfwprintf", 1, 1, 1 }, { "vswprintf", 2, 1, 1 },
};

static int fs_token_is(CXTranslationUnit tu, CXToken t, const char *const *words, size_t n)
{
    CXString s = clang_getTokenSpelling(tu, t);
    const char *text = clang_getCString(s);
    int hit = 0;

    for (size_t i = 0; i < n && !hit; i++)
        hit = strcmp(text, words[i]) == 0;
    clang_disposeString(s);
    return hit;
}

static long fs_token_number(CXTranslationUnit tu, CXToken t)
{
    CXString s = clang_getTokenSpelling(tu, t);
    char *end;
    long v = strtol(clang_getCString(s), &end, 10);
    int ok = clang_getTokenKind(t) == CXToken_Literal && *end == '\0';

    clang_disposeString(s);
    return ok ? v : -1;
}

struct fs_attr {
    CXTranslationUnit tu;
    long fmt;   /* format(printf, fmt, first): 1-based */
    long first; /* 0: a va_list */
};

/* format ( printf , N , M ) written out in the attribute's tokens. */
static void fs_attr_tokens(struct fs_attr *a, CXToken *toks, unsigned n)
{
    static const char *const names[] = { "format", "__format__" };
    static const char *const kinds[] = { "printf", "__printf__", "gnu_printf", "__gnu_printf__" };

    if (n < 8 || !fs_token_is(a->tu, toks[0], names, 2) || !fs_token_is(a->tu, toks[2], kinds, 4))
        return;
    a->fmt = fs_token_number(a->tu, toks[4]);
    a->first = fs_token_number(a->tu, toks[6]);
}

/* An extent within one file and short enough to be one attribute written out. */
static int fs_short(CXSourceRange extent)
{
    CXFile f1, f2;
    unsigned o1, o2;

    clang_getFileLocation(clang_getRangeStart(extent), &f1, NULL, NULL, &o1);
    clang_getFileLocation(clang_getRangeEnd(extent), &f2, NULL, NULL, &o2);
    return f1 != NULL && clang_File_isEqual(f1, f2) && o1 <= o2 && o2 - o1 < 128;
}

static enum CXChildVisitResult fs_attr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    static const char *const names[] = { "format", "__format__" };
    struct fs_attr *a = data;
    CXSourceRange extent = clang_getCursorExtent(c);
    CXToken *first, *toks = NULL;
    unsigned n = 0;
    int named;

    (void)parent;
    if (!clang_isAttribute(clang_getCursorKind(c)))
        return CXChildVisit_Continue;
    first = clang_getToken(a->tu, clang_getRangeStart(extent));
    if (first == NULL)
        return CXChildVisit_Continue;
    named = fs_token_is(a->tu, *first, names, 2);
    clang_disposeTokens(a->tu, first, 1);
    if (!named || !fs_short(extent)) /* see rule_libc_has_attribute on long extents */
        return CXChildVisit_Continue;
    clang_tokenize(a->tu, extent, &toks, &n);
    fs_attr_tokens(a, toks, n < 16 ? n : 16);
    clang_disposeTokens(a->tu, toks, n);
    return a->fmt > 0 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* When a declaration of the function decl says __attribute__((format(printf, n, m))),
 * fills out as a printf-family entry and returns 1. */
static int fs_attr_format(struct rule_printf_fn *out, CXTranslationUnit tu, CXCursor decl)
{
    CXCursor decls[2] = { decl, clang_getCanonicalCursor(decl) };
    struct fs_attr a = { tu, -1, -1 };

    for (size_t i = 0; i < 2 && a.fmt <= 0; i++) {
        if (clang_Cursor_hasAttrs(decls[i]))
            clang_visitChildren(decls[i], fs_attr_visit, &a);
    }
    if (a.fmt <= 0 || a.first < 0)
        return 0;
    out->name = NULL;
    out->fmt = (unsigned)(a.fmt - 1);
    out->takes_list = a.first == 0;
    out->wide = 0;
    return 1;
}

int rule_printf_family_lookup(struct rule_printf_fn *out, CXTranslationUnit tu, CXCursor decl,
                              const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(printf_fns); i++) {
        if (strcmp(printf_fns[i].name, name) == 0) {
            *out = printf_fns[i];
            return 1;
        }
    }
    return fs_attr_format(out, tu, decl);
}

static int fs_is_va_list(CXCursor param)
{
    CXString s = clang_getTypeSpelling(clang_getCursorType(param));
    CXString c = clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(param)));
    int hit = strstr(clang_getCString(s), "va_list") != NULL ||
              strstr(clang_getCString(c), "__va_list_tag") != NULL;

    clang_disposeString(s);
    clang_disposeString(c);
    return hit;
}

int rule_printf_family_is_wrapper(CXTranslationUnit tu, CXCursor fn, int param,
                                  const struct rule_printf_fn *callee)
{
    struct rule_printf_fn attr;
    int n = clang_Cursor_getNumArguments(fn);

    if (fs_attr_format(&attr, tu, fn))
        return (int)attr.fmt == param;
    if (clang_Cursor_isVariadic(fn))
        return 1;
    for (int k = 0; callee->takes_list && k < n; k++) {
        if (fs_is_va_list(clang_Cursor_getArgument(fn, (unsigned)k)))
            return 1;
    }
    return 0;
}

const struct rule_printf_fn *rule_printf_family_printf(void)
{
    return &printf_fns[0];
}

void rule_printf_family_memo_fini(struct rule_printf_family_memo *memo)
{
    ecg_cursormap_fini(&memo->callees);
    free(memo->callee);
}

static struct rule_printf_family_callee *memo_slot(struct rule_printf_family_memo *memo,
                                                   CXCursor decl, int *added)
{
    uint32_t i;

    if (ecg_cursormap_intern(&i, added, &memo->callees, clang_getCanonicalCursor(decl)) != 0)
        return NULL;
    if (i >= memo->cap_callee) {
        size_t cap = memo->cap_callee != 0 ? memo->cap_callee * 2 : 64;
        struct rule_printf_family_callee *grown = realloc(memo->callee, cap * sizeof(*grown));
        if (grown == NULL)
            return NULL;
        memo->callee = grown;
        memo->cap_callee = cap;
    }
    return &memo->callee[i];
}

int rule_printf_family_memo_lookup(struct rule_printf_fn *out, struct rule_printf_family_memo *memo,
                                   CXTranslationUnit tu, CXCursor decl, const char *name)
{
    struct rule_printf_family_callee *c;
    int added = 0;

    c = memo_slot(memo, decl, &added);
    if (c == NULL)
        return ECG_ENOMEM;
    if (added)
        c->is_format = rule_printf_family_lookup(&c->fn, tu, decl, name);
    if (c->is_format)
        *out = c->fn;
    return c->is_format;
}
