/* security-banned-function: C library calls that cannot bound what they write (gets,
 * strcpy, strcat, sprintf, vsprintf, scanf "%s" ...), with the bounded replacement.
 * Silent where the copy is provably bounded: a string literal copied into a large enough
 * array, or sprintf whose format's longest output fits the destination array.
 * Known gaps: destination sizes behind pointers or struct fields reached through pointers
 * are not followed; strcat is never proven bounded (the destination's length is unknown). */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/cformat.h"
#include "rules/support/expr.h"

enum bf_kind {
    BF_ALWAYS, /* never safe */
    BF_COPY,   /* bounded when a literal fits the destination array */
    BF_CONCAT, /* never proven bounded */
    BF_PRINTF, /* bounded when the format's longest output fits */
    BF_SCANF,  /* only a %s or %[ without width is unbounded */
};

struct bf_entry {
    const char *name;
    enum bf_kind kind;
    unsigned format_arg; /* BF_PRINTF, BF_SCANF: index of the format argument */
    const char *better;  /* what to use instead */
    const char *bounded; /* the bounded function a fix renames the call to, or NULL */
};

static const struct bf_entry bf_table[] = {
    { "gets", BF_ALWAYS, 0, "'fgets(buf, sizeof buf, stdin)'", NULL },
    { "strcpy", BF_COPY, 0, "'snprintf(dst, size, \"%s\", src)' or a length-checked 'memcpy'",
      NULL },
    { "stpcpy", BF_COPY, 0, "a length-checked 'memcpy'", NULL },
    { "wcscpy", BF_COPY, 0, "'wcsncpy' with the destination size, then terminate", NULL },
    { "strcat", BF_CONCAT, 0, "'strncat' with the space left, or 'snprintf'", NULL },
    { "wcscat", BF_CONCAT, 0, "'wcsncat' with the space left", NULL },
    { "sprintf", BF_PRINTF, 1, "'snprintf'", "snprintf" },
    { "vsprintf", BF_PRINTF, 1, "'vsnprintf'", "vsnprintf" },
    { "scanf", BF_SCANF, 0, NULL, NULL },
    { "fscanf", BF_SCANF, 1, NULL, NULL },
    { "sscanf", BF_SCANF, 1, NULL, NULL },
    { "vscanf", BF_SCANF, 0, NULL, NULL },
    { "vfscanf", BF_SCANF, 1, NULL, NULL },
    { "vsscanf", BF_SCANF, 1, NULL, NULL },
};

static const struct bf_entry *bf_lookup(CXCursor call)
{
    char name[64];

    rule_callee_name(call, name, sizeof(name));
    for (size_t i = 0; i < sizeof(bf_table) / sizeof(bf_table[0]); i++) {
        if (strcmp(name, bf_table[i].name) == 0)
            return &bf_table[i];
    }
    return NULL;
}

static int arg_count(CXCursor call)
{
    return clang_Cursor_getNumArguments(call);
}

/* strcpy(dst, "literal") with dst an array of at least strlen + 1 elements. */
static int bf_copy_is_bounded(CXCursor call)
{
    size_t len;
    long long size;

    if (arg_count(call) != 2 || !rule_expr_string_literal(clang_Cursor_getArgument(call, 1), &len))
        return 0;
    size = rule_expr_array_size(clang_Cursor_getArgument(call, 0));
    return size >= 0 && (unsigned long long)size >= len + 1;
}

/* Describes each variadic argument of a printf-style call for the length bound. */
static size_t bf_printf_args(CXCursor call, unsigned first, struct rule_cformat_arg *args,
                             size_t max)
{
    int n = arg_count(call);
    size_t count = 0;

    for (int i = (int)first; i < n && count < max; i++, count++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        args[count].is_string_literal = rule_expr_string_literal(arg, &args[count].strlen);
    }
    return count;
}

/* sprintf(dst, "literal format", args...) whose longest output fits the array dst. */
static int bf_printf_is_bounded(const struct bf_entry *e, CXCursor call)
{
    char format[1024];
    struct rule_cformat_arg args[32];
    size_t n_args, bound;
    long long size;

    if (e->kind != BF_PRINTF || strcmp(e->name, "sprintf") != 0 || arg_count(call) < 2)
        return 0;
    if (!rule_expr_string_value(clang_Cursor_getArgument(call, e->format_arg), format,
                                sizeof(format)))
        return 0;
    n_args = bf_printf_args(call, e->format_arg + 1, args, sizeof(args) / sizeof(args[0]));
    if (rule_cformat_printf_bound(&bound, format, args, n_args) != 0)
        return 0;
    size = rule_expr_array_size(clang_Cursor_getArgument(call, 0));
    return size >= 0 && (unsigned long long)size >= bound + 1;
}

/* The name of an array variable written directly as the destination, for a fix. */
static int bf_dest_array_name(CXCursor call, char *buf, size_t size)
{
    CXCursor dst = rule_expr_strip(clang_Cursor_getArgument(call, 0));

    if (clang_getCursorKind(dst) != CXCursor_DeclRefExpr || rule_expr_array_size(dst) < 0)
        return 0;
    rule_cursor_name(dst, buf, size);
    return buf[0] != '\0';
}

/* sprintf(buf, ...) becomes snprintf(buf, sizeof buf, ...) when buf is an array. */
static void bf_add_fix(struct rule_ctx *rc, struct ecg_finding *f, const struct bf_entry *e,
                       CXCursor call)
{
    char dst[256], size_arg[300], description[400];
    CXCursor callee = rule_expr_callee(call);
    CXSourceLocation fmt_start;

    if (e->bounded == NULL || clang_Cursor_isNull(callee) || arg_count(call) < 2 ||
        !bf_dest_array_name(call, dst, sizeof(dst)))
        return;
    fmt_start = clang_getRangeStart(clang_getCursorExtent(clang_Cursor_getArgument(call, 1)));
    snprintf(size_arg, sizeof(size_arg), "sizeof %s, ", dst);
    snprintf(description, sizeof(description), "use '%s' with the size of '%s'", e->bounded, dst);
    rule_add_fix(rc, f, clang_getCursorExtent(callee), e->bounded, description);
    rule_add_fix(rc, f, clang_getRange(fmt_start, fmt_start), size_arg, description);
}

static void bf_report_scanf(struct rule_ctx *rc, const struct bf_entry *e, CXCursor call)
{
    char format[1024];
    long offset;

    if ((unsigned)arg_count(call) <= e->format_arg ||
        !rule_expr_string_value(clang_Cursor_getArgument(call, e->format_arg), format,
                                sizeof(format)))
        return;
    offset = rule_cformat_scanf_unbounded(format);
    if (offset < 0)
        return;
    rule_report(rc, call,
                "'%s' reads a string of any length with '%.2s'; give the conversion a field "
                "width one less than the buffer size (e.g. '%%63s' for char[64])",
                e->name, format + offset);
}

static int bf_is_bounded(struct rule_ctx *rc, const struct bf_entry *e, CXCursor call)
{
    if (!rule_option_bool(rc, "allow_bounded"))
        return 0;
    if (e->kind == BF_COPY)
        return bf_copy_is_bounded(call);
    return bf_printf_is_bounded(e, call);
}

static void bf_on_call(struct rule_ctx *rc, CXCursor call)
{
    const struct bf_entry *e = bf_lookup(call);
    struct ecg_finding *f;

    if (e == NULL)
        return;
    if (e->kind == BF_SCANF) {
        bf_report_scanf(rc, e, call);
        return;
    }
    if (bf_is_bounded(rc, e, call))
        return;
    if (e->kind == BF_ALWAYS) {
        rule_report(rc, call,
                    "'%s' cannot limit how much it writes and was removed in C11; "
                    "use %s",
                    e->name, e->better);
        return;
    }
    f = rule_report(rc, call, "'%s' cannot bound its output; use %s", e->name, e->better);
    bf_add_fix(rc, f, e, call);
}

static const struct rule_option bf_options[] = {
    { "allow_bounded", RULE_OPT_BOOL, "true",
      "stay silent when the copy is provably bounded (a literal that fits the destination "
      "array, or a sprintf format whose longest output fits)",
      NULL },
};

const struct rule_desc rule_security_banned_function = {
    .id = "security-banned-function",
    .title = "Banned unbounded C library function",
    .summary = "Flags C library calls that cannot bound what they write.",
    .description = "gets, strcpy, strcat, sprintf, vsprintf and scanf-family '%s' "
                   "conversions without a width write as much as their input holds, so any "
                   "input longer than the destination overflows it (CWE-242, CWE-676). "
                   "Each finding names the bounded replacement.",
    .tags = "security",
    .precision = "high",
    .security_severity = "7.5",
    .cwe = { 242, 676 },
    .level = ECG_LEVEL_WARNING,
    .options = bf_options,
    .n_options = sizeof(bf_options) / sizeof(bf_options[0]),
    .kinds = { CXCursor_CallExpr },
    .on_cursor = bf_on_call,
};
