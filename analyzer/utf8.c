/* UTF-8 validation, sanitising and column conversion; see utf8.h. */
#include "analyzer/utf8.h"

#include <stdlib.h>
#include <string.h>

int ecg_utf8_is_continuation(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

static size_t utf8_sequence_length(unsigned char c)
{
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

/* The second byte's range rules out overlong forms, surrogates and code points past
 * U+10FFFF (RFC 3629). */
static int second_byte_ok(unsigned char lead, unsigned char b)
{
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;

    if (lead == 0xe0)
        lo = 0xa0;
    if (lead == 0xed)
        hi = 0x9f;
    if (lead == 0xf0)
        lo = 0x90;
    if (lead == 0xf4)
        hi = 0x8f;
    return b >= lo && b <= hi;
}

size_t ecg_utf8_char_length(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t want = utf8_sequence_length(c);

    if (c < 0x80)
        return c != 0;
    if (want == 0 || want > n || !second_byte_ok(c, (unsigned char)s[1]))
        return 0;
    for (size_t i = 2; i < want; i++) {
        if (!ecg_utf8_is_continuation((unsigned char)s[i]))
            return 0;
    }
    return want;
}

char *ecg_utf8_sanitize(const char *s, size_t n)
{
    static const char replacement[] = "\xef\xbf\xbd";
    char *copy = malloc(n * 3 + 1);
    size_t o = 0;
    size_t i = 0;

    if (copy == NULL)
        return NULL;
    while (i < n) {
        size_t k = ecg_utf8_char_length(s + i, n - i);
        if (k == 0) {
            memcpy(copy + o, replacement, 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(copy + o, s + i, k);
        o += k;
        i += k;
    }
    copy[o] = '\0';
    return copy;
}

unsigned ecg_utf8_code_point_col(const char *text, size_t len, unsigned col)
{
    size_t off;
    size_t n = 0;

    if (text == NULL || col == 0)
        return col;
    off = col - 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (!ecg_utf8_is_continuation((unsigned char)text[i]))
            n++;
    }
    if (off > len)
        n += off - len;
    return (unsigned)(n + 1);
}
