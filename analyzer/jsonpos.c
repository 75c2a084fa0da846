/* Re-scanning accepted JSON text to a member; see jsonpos.h. The text is known to be valid,
 * so the scanner only needs to skip strings (with escapes) and balance brackets. */
#include "analyzer/jsonpos.h"

#include <string.h>

struct scanner {
    const char *t;
    size_t n;
    size_t i;
};

static void scan_blanks(struct scanner *s)
{
    /* cJSON treats every byte up to ' ' as whitespace. */
    while (s->i < s->n && (unsigned char)s->t[s->i] <= ' ')
        s->i++;
}

static void scan_string(struct scanner *s)
{
    s->i++;
    while (s->i < s->n && s->t[s->i] != '"')
        s->i += s->t[s->i] == '\\' ? 2 : 1;
    s->i++;
}

static int is_open(char c)
{
    return c == '{' || c == '[';
}

static int is_close(char c)
{
    return c == '}' || c == ']';
}

static int ends_scalar(char c)
{
    return (unsigned char)c <= ' ' || strchr(",:]}", c) != NULL;
}

/* Moves past one value. */
static void scan_value(struct scanner *s)
{
    size_t depth = 0;

    while (s->i < s->n) {
        char c = s->t[s->i];

        if (c == '"') {
            scan_string(s);
            continue;
        }
        if (depth == 0 && ends_scalar(c))
            return;
        s->i++;
        if (is_open(c)) {
            depth++;
        } else if (is_close(c)) {
            depth--;
            if (depth == 0)
                return;
        }
    }
}

/* With s->i at '{' or '[': moves to the value of child index, noting where its key (or
 * the element itself) starts. Returns 0 when there is no such child. */
static int scan_enter(struct scanner *s, size_t index, size_t *key_at)
{
    int object = s->t[s->i] == '{';

    s->i++;
    for (size_t k = 0;; k++) {
        scan_blanks(s);
        if (s->i >= s->n || is_close(s->t[s->i]))
            return 0;
        *key_at = s->i;
        if (object) {
            scan_string(s);
            scan_blanks(s);
            s->i++; /* ':' */
            scan_blanks(s);
        }
        if (k == index)
            return 1;
        scan_value(s);
        scan_blanks(s);
        s->i++; /* ',' */
    }
}

size_t ecg_jsonpos_locate(const char *text, size_t len, const size_t *path, size_t depth,
                          int want_key)
{
    struct scanner s = { text, len, 0 };
    size_t key_at;

    /* cJSON skips a UTF-8 byte-order mark before the value. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        s.i = 3;
    scan_blanks(&s);
    key_at = s.i;
    for (size_t d = 0; d < depth; d++) {
        size_t here = s.i;

        if (s.i >= s.n || !is_open(s.t[s.i]))
            return here;
        if (!scan_enter(&s, path[d], &key_at))
            return here;
    }
    return want_key ? key_at : s.i;
}
