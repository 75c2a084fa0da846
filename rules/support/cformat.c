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
struct integer_bound {
    char conv;
    unsigned char narrow; /* int-sized argument */
    unsigned char wide;   /* any 'l', 'j', 'z', 't', 'L' or 'q': 64 bits */
};

static const struct integer_bound integer_bounds[] = {
    { 'd', 11, 20 },        { 'i', 11, 20 },
    { 'u', 10, 20 },        { 'x', 8 + 2, 16 + 2 },  /* '#' adds 0x */
    { 'X', 8 + 2, 16 + 2 }, { 'o', 11 + 1, 22 + 1 }, /* '#' adds a leading 0 */
};

static size_t integer_length(const struct conversion *c)
{
    for (size_t i = 0; i < sizeof(integer_bounds) / sizeof(integer_bounds[0]); i++) {
        if (integer_bounds[i].conv == c->conv)
            return c->long_count > 0 ? integer_bounds[i].wide : integer_bounds[i].narrow;
    }
    return 0;
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

/* Parses the conversion after '%' (*p ends past it) and computes into *out the most characters
 * it can write, field width included. Returns -1 when that is unknown or arg is NULL (no
 * argument left for it). */
static int conversion_bound(size_t *out, const char **p, const struct rule_cformat_arg *arg)
{
    struct conversion c;
    size_t len;

    parse_conversion(p, &c);
    if (c.star_width || c.star_precision || arg == NULL)
        return -1;
    if (conversion_length(&len, &c, arg) != 0)
        return -1;
    *out = len > c.width ? len : c.width;
    return 0;
}

int rule_cformat_printf_bound(size_t *out, const char *format, const struct rule_cformat_arg *args,
                              size_t n_args)
{
    size_t total = 0, next_arg = 0;
    const char *p = format;

    while (*p != '\0') {
        size_t len;
        if (*p != '%' || p[1] == '%') {
            total++;
            p += *p == '%' ? 2 : 1;
            continue;
        }
        p++;
        if (conversion_bound(&len, &p, next_arg < n_args ? &args[next_arg] : NULL) != 0)
            return -1;
        next_arg++;
        total += len;
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

/* The parts of one scanf conversion that decide whether it is bounded. */
struct scan_spec {
    int suppressed; /* '*': the input is read but not stored */
    int allocating; /* 'm': scanf allocates the buffer */
    size_t width;   /* 0: none */
};

/* Parses the specification after '%' up to its conversion character, which it returns a
 * pointer to. */
static const char *parse_scan_spec(const char *p, struct scan_spec *s)
{
    memset(s, 0, sizeof(*s));
    if (*p == '*') {
        s->suppressed = 1;
        p++;
    }
    s->width = parse_number(&p);
    if (*p == 'm') {
        s->allocating = 1;
        p++;
    }
    while (*p != '\0' && strchr("hlLqjzt", *p) != NULL)
        p++;
    return p;
}

static int scan_spec_unbounded(const struct scan_spec *s, char conv)
{
    return (conv == 's' || conv == '[') && s->width == 0 && !s->suppressed && !s->allocating;
}

/* Skips the conversion character at p, a whole scanset for '['. */
static const char *skip_scan_conversion(const char *p)
{
    if (*p == '[')
        return skip_scanset(p);
    return *p != '\0' ? p + 1 : p;
}

long rule_cformat_scanf_unbounded(const char *format)
{
    const char *p = format;

    while (*p != '\0') {
        const char *start = p;
        struct scan_spec spec;
        if (*p != '%' || p[1] == '%') {
            p += *p == '%' ? 2 : 1;
            continue;
        }
        p = parse_scan_spec(p + 1, &spec);
        if (scan_spec_unbounded(&spec, *p))
            return (long)(start - format);
        p = skip_scan_conversion(p);
    }
    return -1;
}
