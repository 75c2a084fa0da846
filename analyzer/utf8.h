/* UTF-8 helpers shared by the output writers: validating one character (RFC 3629),
 * sanitising text for JSON, and converting clang's byte columns to code point columns. */
#ifndef ECG_ANALYZER_UTF8_H
#define ECG_ANALYZER_UTF8_H

#include <stddef.h>

/* Nonzero for a continuation byte (10xxxxxx). */
int ecg_utf8_is_continuation(unsigned char c);

/* Length of the valid UTF-8 character at s[0..n), or 0 when it is not valid (an overlong
 * form, a surrogate, past U+10FFFF, truncated) or is NUL. */
size_t ecg_utf8_char_length(const char *s, size_t n);

/* A NUL-terminated copy of s[0..n) in which each byte that starts no valid character (and
 * each NUL) is replaced by U+FFFD. The caller frees it; NULL when memory runs out. */
char *ecg_utf8_sanitize(const char *s, size_t n);

/* The code point column of the 1-based byte column col of a line text[0..len); col itself
 * when text is NULL. Bytes past the end of the line count one column each. */
unsigned ecg_utf8_code_point_col(const char *text, size_t len, unsigned col);

#endif
