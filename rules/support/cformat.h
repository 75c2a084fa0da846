/* printf and scanf format strings: the longest text a printf format can produce, and
 * whether a scanf format reads a string with no width. Shared by the security rules. */
#ifndef ECG_RULES_SUPPORT_CFORMAT_H
#define ECG_RULES_SUPPORT_CFORMAT_H

#include <stddef.h>

/* What a printf argument is known to be, for the length bound. */
struct rule_cformat_arg {
    int is_string_literal; /* the argument is a string literal of length strlen */
    size_t strlen;
};

/* Computes into *out the largest number of characters (without the terminating NUL) that
 * printf(format, args...) can write, on an LP64 target. Returns 0 when the bound is known,
 * -1 when it is not (a %s of unknown length, '*' widths, %n, an argument missing, an
 * unknown conversion). args[i] describes the i-th variadic argument. */
int rule_cformat_printf_bound(size_t *out, const char *format, const struct rule_cformat_arg *args,
                              size_t n_args);

/* Returns the byte offset of the first %s or %[ conversion without a field width that
 * stores its input (no '*', no 'm'), or -1 when every string conversion is bounded. */
long rule_cformat_scanf_unbounded(const char *format);

#endif
