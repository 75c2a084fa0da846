/* Format string analysis for printf and scanf families; see cformat.h. Widths are
 * decimal; length modifiers follow C11 7.21.6.1 with LP64 sizes. */
#include "rules/support/cformat.h"

#include <ctype.h>
#include <string.h>

/* One parsed printf conversion specification. */
struct conversion {
    int star_width;
    int has_precision;
    int star_precision;
    size_t width;
    size_t precision;
    int long_count; /* number of 'l' (or 'j', 'z', 't' counted as 2: 64-bit) */
    char conv;
};

static size_t parse_number(const char **p)
{
    size_t v = 0;

    while (isdigit((unsigned char)**p)) {
        if (v < 100000000)
            v = v * 10 + (size_t)(**p - '0');
        (*p)++;
    }
    return v;
}

static void parse_length(const char **p, struct conversion *c)
{
    while (strchr("hlLqjzt", **p) != NULL && **p != '\0') {
        if (**p == 'l' || **p == 'q')
            c->long_count++;
        else if (**p == 'j' || **p == 'z' || **p == 't' || **p == 'L')
            c->long_count = 2;
        (*p)++;
    }
}

/* Parses the specification after '%'; *p ends past the conversion character. */
static void parse_conversion(const char **p, struct conversion *c)
{
    memset(c, 0, sizeof(*c));
    while (**p != '\0' && strchr("-+ #0'", **p) != NULL)
        (*p)++;
    if (**p == '*') {
        c->star_width = 1;
        (*p)++;
    }
    c->width = parse_number(p);
    if (**p == '.') {
        (*p)++;
        c->has_precision = 1;
        if (**p == '*') {
            c->star_precision = 1;
            (*p)++;
        }
        c->precision = parse_number(p);
    }
    parse_length(p, c);
    c->conv = **p;
    if (**p != '\0')
        (*p)++;
}

/* Longest text of an integer conversion: sign plus digits of the widest value. */
static size_t integer_length(const struct conversion *c)
{
    int wide = c->long_count > 0;

    switch (c->conv) {
    case 'd':
    case 'i':
        return wide ? 20 : 11;
    case 'u':
        return wide ? 20 : 10;
    case 'x':
    case 'X':
        return (wide ? 16 : 8) + 2; /* '#' adds 0x */
    case 'o':
        return (wide ? 22 : 11) + 1;
    default:
        return 0;
    }
}

static int string_length(size_t *out, const struct conversion *c,
                         const struct rule_cformat_arg *arg)
{
    if (c->has_precision) {
        *out = c->precision;
        return 0;
    }
    if (arg != NULL && arg->is_string_literal) {
        *out = arg->strlen;
        return 0;
    }
    return -1;
}

static int conversion_length(size_t *out, const struct conversion *c,
                             const struct rule_cformat_arg *arg)
{
    if (strchr("diuxXo", c->conv) != NULL && c->conv != '\0') {
        size_t n = integer_length(c);
        *out = c->has_precision && c->precision > n ? c->precision + 1 : n;
        return 0;
    }
    if (c->conv == 'c') {
        *out = 1;
        return 0;
    }
    if (c->conv == 'p') {
        *out = 18;
        return 0;
    }
    if (c->conv == 's')
        return string_length(out, c, arg);
    return -1; /* floating point, %n, wide strings: no useful bound here */
}

int rule_cformat_printf_bound(size_t *out, const char *format, const struct rule_cformat_arg *args,
                              size_t n_args)
{
    size_t total = 0, next_arg = 0;
    const char *p = format;

    while (*p != '\0') {
        struct conversion c;
        size_t len;
        if (*p != '%' || p[1] == '%') {
            total++;
            p += *p == '%' ? 2 : 1;
            continue;
        }
        p++;
        parse_conversion(&p, &c);
        if (c.star_width || c.star_precision || next_arg >= n_args)
            return -1;
        if (conversion_length(&len, &c, &args[next_arg]) != 0)
            return -1;
        next_arg++;
        total += len > c.width ? len : c.width;
    }
    *out = total;
    return 0;
}

/* Skips a scanset "[...]" (p at '['); a ']' right after '[' or "[^" is part of the set. */
static const char *skip_scanset(const char *p)
{
    p++;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    while (*p != '\0' && *p != ']')
        p++;
    return *p == ']' ? p + 1 : p;
}

long rule_cformat_scanf_unbounded(const char *format)
{
    const char *p = format;

    while (*p != '\0') {
        const char *start = p;
        int suppressed = 0, allocating = 0;
        size_t width;
        if (*p != '%' || p[1] == '%') {
            p += *p == '%' ? 2 : 1;
            continue;
        }
        p++;
        if (*p == '*') {
            suppressed = 1;
            p++;
        }
        width = parse_number(&p);
        if (*p == 'm') {
            allocating = 1;
            p++;
        }
        while (*p != '\0' && strchr("hlLqjzt", *p) != NULL)
            p++;
        if ((*p == 's' || *p == '[') && width == 0 && !suppressed && !allocating)
            return (long)(start - format);
        p = *p == '[' ? skip_scanset(p) : (*p != '\0' ? p + 1 : p);
    }
    return -1;
}
