/* Check globs (clang-tidy's "-*,security-*": later entries win, only '*' is special) and
 * path globs ('*', '?', '[...]' within a component, "**" across components). Matching is
 * iterative with one backtrack point per star, so it stays linear-ish on hostile input. */
#include "analyzer/globs.h"

#include <stdlib.h>
#include <string.h>

/* One trimmed entry of a glob list: text[0..len) without the leading '-'. */
struct glob_entry {
    const char *text;
    size_t len;
    int positive;
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static void trim(const char **start, const char **end)
{
    while (*start < *end && is_blank(**start))
        (*start)++;
    while (*end > *start && is_blank((*end)[-1]))
        (*end)--;
}

/* Advances *cursor past the next non-empty entry and describes it; 0 at the end. */
static int next_entry(struct glob_entry *out, const char **cursor)
{
    while (**cursor != '\0') {
        const char *start = *cursor;
        const char *end = strchr(start, ',');
        int positive = 1;

        if (end == NULL)
            end = start + strlen(start);
        *cursor = *end == ',' ? end + 1 : end;
        trim(&start, &end);
        if (start < end && *start == '-') {
            positive = 0;
            start++;
            trim(&start, &end);
        }
        if (start == end)
            continue;
        out->text = start;
        out->len = (size_t)(end - start);
        out->positive = positive;
        return 1;
    }
    return 0;
}

/* Pattern characters consumed by the element at p matching c, or 0 when it does not. */
typedef size_t (*element_match_fn)(const char *p, const char *pe, char c);

/* Matches s[0..se) against p[0..pe), where '*' matches any run of characters and
 * match_element decides everything else; one backtrack point, the latest star. */
static int star_match(const char *p, const char *pe, const char *s, const char *se,
                      element_match_fn match_element)
{
    const char *star_p = NULL;
    const char *star_s = NULL;

    while (s < se) {
        size_t step = 0;

        if (p < pe && *p == '*') {
            p++;
            star_p = p;
            star_s = s;
            continue;
        }
        step = match_element(p, pe, *s);
        if (step > 0) {
            p += step;
            s++;
        } else if (star_p != NULL) {
            star_s++;
            p = star_p;
            s = star_s;
        } else {
            return 0;
        }
    }
    while (p < pe && *p == '*')
        p++;
    return p == pe;
}

/* Check globs: every character but '*' is literal. */
static size_t literal_match(const char *p, const char *pe, char c)
{
    return p < pe && *p == c ? 1 : 0;
}

static int check_glob_match(const char *p, size_t plen, const char *name)
{
    return star_match(p, p + plen, name, name + strlen(name), literal_match);
}

int ecg_globs_match_one(const char *pattern, const char *name)
{
    return check_glob_match(pattern, strlen(pattern), name);
}

int ecg_globs_decide(const char *list, const char *name, int fallback)
{
    struct glob_entry e;
    const char *cursor = list;
    int decision = fallback;

    if (list == NULL)
        return fallback;
    while (next_entry(&e, &cursor)) {
        if (check_glob_match(e.text, e.len, name))
            decision = e.positive;
    }
    return decision;
}

static int matches_any(const struct glob_entry *e, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (check_glob_match(e->text, e->len, names[i]))
            return 1;
    }
    return 0;
}

void ecg_globs_each_unmatched(const char *list, const char *const *names, size_t n,
                              void (*report)(void *arg, const char *entry), void *arg)
{
    struct glob_entry e;
    const char *cursor = list;

    if (list == NULL)
        return;
    while (next_entry(&e, &cursor)) {
        char small[256];
        char *copy = small;

        if (!e.positive || matches_any(&e, names, n))
            continue;
        if (e.len >= sizeof(small))
            copy = malloc(e.len + 1);
        /* Out of memory: the warning is advisory, so it is dropped rather than truncated. */
        if (copy == NULL)
            continue;
        memcpy(copy, e.text, e.len);
        copy[e.len] = '\0';
        report(arg, copy);
        if (copy != small)
            free(copy);
    }
}

/* Length of a well-formed bracket expression starting at p ('['), or 0 when it has no
 * closing ']' before pe (then '[' is an ordinary character, as in fnmatch). */
static size_t class_length(const char *p, const char *pe)
{
    const char *q = p + 1;

    if (q < pe && (*q == '!' || *q == '^'))
        q++;
    if (q < pe && *q == ']')
        q++;
    while (q < pe && *q != ']')
        q++;
    return q < pe ? (size_t)(q - p) + 1 : 0;
}

/* Whether c belongs to the bracket expression p[0..len). */
static int class_has(const char *p, size_t len, char c)
{
    const char *q = p + 1;
    const char *end = p + len - 1; /* the closing ']' */
    int negated = *q == '!' || *q == '^';
    int found = 0;

    if (negated)
        q++;
    do {
        if (q + 2 < end && q[1] == '-') {
            unsigned char lo = (unsigned char)q[0], hi = (unsigned char)q[2];
            found |= (unsigned char)c >= lo && (unsigned char)c <= hi;
            q += 3;
        } else {
            found |= *q == c;
            q++;
        }
    } while (q < end);
    return found != negated;
}

/* Pattern characters consumed by a '[' element matching c, or 0 when it does not match. */
static size_t class_match(const char *p, const char *pe, char c)
{
    size_t len = class_length(p, pe);

    if (len == 0)
        return c == '[' ? 1 : 0;
    return class_has(p, len, c) ? len : 0;
}

/* Pattern characters consumed by one element matching c, or 0 when it does not match. */
static size_t element_match(const char *p, const char *pe, char c)
{
    if (p >= pe)
        return 0;
    if (*p == '?')
        return 1;
    if (*p == '\\' && p + 1 < pe)
        return p[1] == c ? 2 : 0;
    if (*p == '[')
        return class_match(p, pe, c);
    return *p == c ? 1 : 0;
}

/* Matches one path component s[0..se) against pattern component p[0..pe). */
static int component_match(const char *p, const char *pe, const char *s, const char *se)
{
    return star_match(p, pe, s, se, element_match);
}

static const char *skip_slashes(const char *s)
{
    while (*s == '/')
        s++;
    return s;
}

static const char *component_end(const char *s)
{
    const char *slash = strchr(s, '/');
    return slash != NULL ? slash : s + strlen(s);
}

static int is_double_star(const char *p, const char *pe)
{
    return pe - p == 2 && p[0] == '*' && p[1] == '*';
}

static int components_match(const char *p, const char *s);

/* The rest of a pattern after "**": tried at every component boundary of s, including s. */
static int double_star_match(const char *rest, const char *s)
{
    if (*rest == '\0')
        return 1;
    for (;;) {
        if (components_match(rest, s))
            return 1;
        if (*s == '\0')
            return 0;
        s = skip_slashes(component_end(s));
    }
}

/* Matches the components of path against those of pattern; both start at a component. */
static int components_match(const char *p, const char *s)
{
    while (*p != '\0') {
        const char *pe = component_end(p);
        const char *se;

        if (is_double_star(p, pe))
            return double_star_match(skip_slashes(pe), s);
        if (*s == '\0')
            return 0;
        se = component_end(s);
        if (!component_match(p, pe, s, se))
            return 0;
        p = skip_slashes(pe);
        s = skip_slashes(se);
    }
    return *s == '\0';
}

int ecg_globs_match_path(const char *pattern, const char *path)
{
    const char *base;

    if (strchr(pattern, '/') == NULL) {
        base = strrchr(path, '/');
        base = base != NULL ? base + 1 : path;
        return component_match(pattern, pattern + strlen(pattern), base, base + strlen(base));
    }
    if ((*pattern == '/') != (*path == '/') && strncmp(pattern, "**", 2) != 0)
        return 0;
    return components_match(skip_slashes(pattern), skip_slashes(path));
}
