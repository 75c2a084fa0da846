/* C library function facts; see libc.h. */
#include "rules/support/libc.h"

#include <string.h>

#include "rules/support/expr.h"

#define LC_MAX_ARGS 32 /* arguments an entry's bit mask describes */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const lc_allocators[] = {
    "malloc", "calloc",  "realloc", "reallocarray", "aligned_alloc", "memalign",
    "valloc", "pvalloc", "strdup",  "strndup",      "wcsdup",        "fopen",
    "fdopen", "freopen", "tmpfile", "popen",        "opendir",       "fdopendir",
};

/* A function that dereferences some of its pointer arguments. */
struct lc_deref {
    const char *name;
    unsigned args;  /* bit i: argument i must not be NULL */
    int format_arg; /* printf-style format: its %s arguments must not be NULL; -1: none */
};

static const struct lc_deref lc_derefs[] = {
    { "memcpy", 3, -1 },   { "memmove", 3, -1 },  { "memset", 1, -1 },     { "memcmp", 3, -1 },
    { "memchr", 1, -1 },   { "strcpy", 3, -1 },   { "strncpy", 3, -1 },    { "stpcpy", 3, -1 },
    { "strcat", 3, -1 },   { "strncat", 3, -1 },  { "strlen", 1, -1 },     { "strnlen", 1, -1 },
    { "strcmp", 3, -1 },   { "strncmp", 3, -1 },  { "strcasecmp", 3, -1 }, { "strchr", 1, -1 },
    { "strrchr", 1, -1 },  { "strstr", 3, -1 },   { "strspn", 3, -1 },     { "strcspn", 3, -1 },
    { "strpbrk", 3, -1 },  { "strdup", 1, -1 },   { "strndup", 1, -1 },    { "strtol", 1, -1 },
    { "strtoul", 1, -1 },  { "strtoll", 1, -1 },  { "strtoull", 1, -1 },   { "strtod", 1, -1 },
    { "atoi", 1, -1 },     { "atol", 1, -1 },     { "atof", 1, -1 },       { "wcscpy", 3, -1 },
    { "wcsncpy", 3, -1 },  { "wcscat", 3, -1 },   { "wcsncat", 3, -1 },    { "wcslen", 1, -1 },
    { "wcscmp", 3, -1 },   { "wmemset", 1, -1 },  { "wmemcpy", 3, -1 },    { "bzero", 1, -1 },
    { "printf", 0, 0 },    { "fprintf", 1, 1 },   { "sprintf", 1, 1 },     { "dprintf", 0, 1 },
    { "vfprintf", 1, -1 }, { "vsprintf", 1, -1 }, { "sscanf", 1, -1 },     { "fscanf", 1, -1 },
    { "fgets", 5, -1 },    { "fgetws", 5, -1 },   { "fputs", 3, -1 },      { "fputws", 3, -1 },
    { "puts", 1, -1 },     { "fread", 9, -1 },    { "fwrite", 9, -1 },     { "fclose", 1, -1 },
    { "fgetc", 1, -1 },    { "getc", 1, -1 },     { "fputc", 2, -1 },      { "putc", 2, -1 },
    { "fseek", 1, -1 },    { "ftell", 1, -1 },    { "rewind", 1, -1 },     { "fileno", 1, -1 },
    { "feof", 1, -1 },     { "ferror", 1, -1 },   { "setvbuf", 1, -1 },    { "setbuf", 1, -1 },
    { "readdir", 1, -1 },  { "closedir", 1, -1 }, { "pclose", 1, -1 },     { "qsort", 1, -1 },
};

static const char lc_why_read[] = "at end of file or on a read error the buffer keeps stale or "
                                  "indeterminate contents; test the result against NULL";
static const char lc_why_scan[] = "on a matching failure the targets stay unset; compare the "
                                  "result with the number of conversions";
static const char lc_why_fs[] = "a failure goes unnoticed; test for a nonzero result";
static const char lc_why_priv[] = "if changing privileges fails the program goes on with the "
                                  "old ones (CWE-273); test for -1";
static const char lc_why_output[] = "an output error (full disk, closed pipe, truncation) goes "
                                    "unnoticed; test the result";

/* A function whose result is its only report of failure. */
struct lc_must_check {
    const char *name;
    const char *why;
};

static const struct lc_must_check lc_must[] = {
    { "fgets", lc_why_read },
    { "fgetws", lc_why_read },
    { "fread", "a short read leaves the rest of the buffer unset; compare the result with the "
               "count asked for" },
    { "scanf", lc_why_scan },
    { "fscanf", lc_why_scan },
    { "sscanf", lc_why_scan },
    { "vscanf", lc_why_scan },
    { "vfscanf", lc_why_scan },
    { "vsscanf", lc_why_scan },
    { "wscanf", lc_why_scan },
    { "fwscanf", lc_why_scan },
    { "swscanf", lc_why_scan },
    { "remove", lc_why_fs },
    { "rename", lc_why_fs },
    { "setuid", lc_why_priv },
    { "setgid", lc_why_priv },
    { "seteuid", lc_why_priv },
    { "setegid", lc_why_priv },
    { "setreuid", lc_why_priv },
    { "setregid", lc_why_priv },
    { "setresuid", lc_why_priv },
    { "setresgid", lc_why_priv },
    { "setgroups", lc_why_priv },
    { "initgroups", lc_why_priv },
    { "chroot", "a failed chroot leaves the whole file system reachable; test for -1" },
};

/* Output calls, checked only with check_output. */
static const char *const lc_output[] = {
    "fputs",    "fputc",    "fputws",   "fputwc",    "putc",    "putwc",    "putchar",
    "putwchar", "puts",     "printf",   "fprintf",   "wprintf", "fwprintf", "vprintf",
    "vfprintf", "snprintf", "swprintf", "vsnprintf", "fclose",  "fflush",   "fwrite",
};

/* Output calls whose result is a length rather than a status. */
static const char *const lc_length[] = { "snprintf", "vsnprintf", "swprintf", "vswprintf" };

static const char *const lc_noreturn[] = {
    "exit",           "_exit",        "_Exit",      "abort",
    "quick_exit",     "err",          "errx",       "verr",
    "verrx",          "longjmp",      "siglongjmp", "_longjmp",
    "__assert_fail",  "__assert_rtn", "__assert",   "__builtin_unreachable",
    "__builtin_trap", "pthread_exit", "thrd_exit",  "__stack_chk_fail",
};

static int lc_in(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], name) == 0)
            return 1;
    }
    return 0;
}

int rule_libc_allocates(const char *name)
{
    return lc_in(lc_allocators, ARRAY_LEN(lc_allocators), name);
}

const char *rule_libc_must_check(const char *name, int output)
{
    for (size_t i = 0; i < ARRAY_LEN(lc_must); i++) {
        if (strcmp(lc_must[i].name, name) == 0)
            return lc_must[i].why;
    }
    if (output && lc_in(lc_output, ARRAY_LEN(lc_output), name))
        return lc_why_output;
    return NULL;
}

int rule_libc_result_is_length(const char *name)
{
    return lc_in(lc_length, ARRAY_LEN(lc_length), name);
}

/* Skips a printf field width or precision at *p; returns 1 when it is '*' (an argument). */
static int lc_skip_number(const char **p)
{
    if (**p == '*') {
        (*p)++;
        return 1;
    }
    *p += strspn(*p, "0123456789");
    return 0;
}

static char lc_found(const char *format, const char *pct, const char *end, size_t span[2],
                     char conv)
{
    if (span != NULL) {
        span[0] = (size_t)(pct - format);
        span[1] = (size_t)(end - format);
    }
    return conv;
}

/* Skips the flags, width, precision and length of the conversion whose '%' p is past,
 * counting '*' arguments in *arg; returns 1 when one of them is argument nth. */
static int lc_skip_spec(const char **p, unsigned *arg, unsigned nth, int sqlite)
{
    *p += strspn(*p, "-+ #0'");
    if (lc_skip_number(p) && (*arg)++ == nth)
        return 1;
    if (**p == '.') {
        (*p)++;
        if (lc_skip_number(p) && (*arg)++ == nth)
            return 1;
    }
    *p += strspn(*p, sqlite ? "hlL" : "hlLqjzt");
    return 0;
}

char rule_libc_printf_conversion(const char *format, unsigned nth, int sqlite, size_t span[2])
{
    unsigned arg = 0;

    for (const char *p = strchr(format, '%'); p != NULL; p = strchr(p, '%')) {
        const char *pct = p++;
        if (*p == '%') {
            p++;
            continue;
        }
        if (lc_skip_spec(&p, &arg, nth, sqlite))
            return lc_found(format, pct, p, span, '*');
        if (*p == '\0')
            break;
        if (arg++ == nth)
            return lc_found(format, pct, p + 1, span, *p);
    }
    return lc_found(format, format, format, span, 0);
}

static const struct lc_deref *lc_deref_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(lc_derefs); i++) {
        if (strcmp(lc_derefs[i].name, name) == 0)
            return &lc_derefs[i];
    }
    return NULL;
}

/* Nonzero when d, called as call, dereferences argument k. */
static int lc_derefs_arg(const struct lc_deref *d, CXCursor call, unsigned k)
{
    char format[1024];

    if (k < LC_MAX_ARGS && (d->args >> k) & 1u)
        return 1;
    if (d->format_arg < 0 || k <= (unsigned)d->format_arg)
        return 0;
    if (!rule_expr_string_value(clang_Cursor_getArgument(call, (unsigned)d->format_arg), format,
                                sizeof(format)))
        return 0;
    return rule_libc_printf_conversion(format, k - (unsigned)d->format_arg - 1, 0, NULL) == 's';
}

int rule_libc_derefs_arg(CXCursor call, const char *name, unsigned k)
{
    const struct lc_deref *d = lc_deref_find(name);

    return d != NULL && lc_derefs_arg(d, call, k);
}

struct lc_attr_search {
    CXTranslationUnit tu;
    const char *const *words; /* attribute spellings searched for */
    size_t n_words;
    int found;
};

/* Nonzero when the first token of range is one of words: an attribute's name. Only that one
 * token is read, because an attribute written through a macro can have an extent that runs
 * from the macro's definition to its use. */
static int lc_first_token_is(CXTranslationUnit tu, CXSourceRange range, const char *const *words,
                             size_t n_words)
{
    CXToken *tok = clang_getToken(tu, clang_getRangeStart(range));
    CXString s;
    int found;

    if (tok == NULL)
        return 0;
    s = clang_getTokenSpelling(tu, *tok);
    found = lc_in(words, n_words, clang_getCString(s));
    clang_disposeString(s);
    clang_disposeTokens(tu, tok, 1);
    return found;
}

static enum CXChildVisitResult lc_attr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct lc_attr_search *a = data;

    (void)parent;
    if (clang_isAttribute(clang_getCursorKind(c)) &&
        lc_first_token_is(a->tu, clang_getCursorExtent(c), a->words, a->n_words))
        a->found = 1;
    return a->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

int rule_libc_has_attribute(CXTranslationUnit tu, CXCursor decl, const char *const *words, size_t n)
{
    CXCursor decls[2] = { decl, clang_getCanonicalCursor(decl) };
    struct lc_attr_search a = { tu, words, n, 0 };

    for (size_t i = 0; i < 2 && !a.found; i++) {
        if (clang_Cursor_hasAttrs(decls[i]))
            clang_visitChildren(decls[i], lc_attr_visit, &a);
    }
    return a.found;
}

int rule_libc_noreturn(CXTranslationUnit tu, CXCursor call, const char *name)
{
    static const char *const words[] = { "noreturn", "__noreturn__", "_Noreturn" };
    CXCursor decl = clang_getCursorReferenced(call);
    CXString type;
    int noreturn;

    if (lc_in(lc_noreturn, ARRAY_LEN(lc_noreturn), name))
        return 1;
    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return 0;
    type = clang_getTypeSpelling(clang_getCursorType(decl));
    noreturn = strstr(clang_getCString(type), "noreturn") != NULL;
    clang_disposeString(type);
    return noreturn || rule_libc_has_attribute(tu, decl, words, ARRAY_LEN(words));
}
