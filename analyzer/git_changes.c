/* The lines changed since a revision, per path relative to the top of the work tree, as
 * sorted, disjoint line ranges (a lookup is two binary searches), and the reader of the
 * "git diff -U0" output they come from. Hunk bodies are counted against their headers, so
 * an added line reading "++ b/x" is never taken for a file header. */
#include "analyzer/git.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/git_int.h"
#include "analyzer/path.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define DIFF_LINE_SHOWN 80 /* bytes of a bad diff line quoted in a diagnostic */
#define NO_FILE SIZE_MAX

struct line_range {
    unsigned start; /* first changed line, 1-based */
    unsigned end;   /* last changed line, inclusive */
};

struct changed_file {
    char *path;                /* owned; relative to the top of the work tree */
    struct line_range *ranges; /* owned; sorted, disjoint and not adjacent once finished */
    size_t n;
    size_t cap;
};

struct ecg_changes {
    /* owned, absolute and normalised; the top of the work tree and, when set, another
     * spelling of it (git resolves symlinks, the caller's paths may not); tops[1] may be
     * NULL */
    char *tops[2];
    struct changed_file *files; /* owned; sorted by path and unique once finished */
    size_t n;
    size_t cap;
};

struct diff_parser {
    struct ecg_changes *changes;
    size_t file;       /* index of the file the hunks change, or NO_FILE (deleted) */
    int in_file;       /* a "+++" line was read since the last "diff --git" */
    unsigned line_no;  /* of the diff line being read, 1-based */
    unsigned old_left; /* lines the current hunk still owes on the old side */
    unsigned new_left; /* lines the current hunk still owes on the new side */
    unsigned new_line; /* new-side number of the next added or context line */
    struct ecg_diag *diag;
};

static void file_fini(struct changed_file *f)
{
    free(f->path);
    free(f->ranges);
}

void ecg_git_changes_free(struct ecg_changes *changes)
{
    if (changes == NULL)
        return;
    for (size_t i = 0; i < changes->n; i++)
        file_fini(&changes->files[i]);
    free(changes->files);
    free(changes->tops[0]);
    free(changes->tops[1]);
    free(changes);
}

static struct ecg_changes *changes_new(const char *top)
{
    struct ecg_changes *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->tops[0] = ecg_path_absolute(NULL, top);
    if (c->tops[0] == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

/* Appends a file with no ranges, taking path even on failure; *index is its position. */
static int changes_add_file(size_t *index, struct ecg_changes *c, char *path)
{
    if (c->n == c->cap) {
        size_t cap = c->cap != 0 ? c->cap * 2 : 16;
        struct changed_file *grown = realloc(c->files, cap * sizeof(*grown));
        if (grown == NULL) {
            free(path);
            return ECG_ENOMEM;
        }
        c->files = grown;
        c->cap = cap;
    }
    memset(&c->files[c->n], 0, sizeof(c->files[c->n]));
    c->files[c->n].path = path;
    *index = c->n;
    c->n++;
    return 0;
}

static int file_add_range(struct changed_file *f, unsigned start, unsigned end)
{
    if (f->n > 0 && f->ranges[f->n - 1].end + 1 == start) {
        f->ranges[f->n - 1].end = end;
        return 0;
    }
    if (f->n == f->cap) {
        size_t cap = f->cap != 0 ? f->cap * 2 : 4;
        struct line_range *grown = realloc(f->ranges, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        f->ranges = grown;
        f->cap = cap;
    }
    f->ranges[f->n].start = start;
    f->ranges[f->n].end = end;
    f->n++;
    return 0;
}

static int range_cmp(const void *a, const void *b)
{
    const struct line_range *x = a;
    const struct line_range *y = b;

    return (x->start > y->start) - (x->start < y->start);
}

/* Sorts the ranges and merges those that overlap or touch (starts are at least 1). */
static void file_normalise(struct changed_file *f)
{
    size_t w = 0;

    if (f->n > 1)
        qsort(f->ranges, f->n, sizeof(*f->ranges), range_cmp);
    for (size_t r = 0; r < f->n; r++) {
        struct line_range *last = w > 0 ? &f->ranges[w - 1] : NULL;
        if (last != NULL && f->ranges[r].start - 1 <= last->end) {
            if (f->ranges[r].end > last->end)
                last->end = f->ranges[r].end;
        } else {
            f->ranges[w++] = f->ranges[r];
        }
    }
    f->n = w;
}

static int file_cmp(const void *a, const void *b)
{
    const struct changed_file *x = a;
    const struct changed_file *y = b;

    return strcmp(x->path, y->path);
}

/* Moves the ranges of from into into and releases from (even when memory runs out). */
static int file_absorb(struct changed_file *into, struct changed_file *from)
{
    int rc = 0;

    for (size_t i = 0; i < from->n && rc == 0; i++)
        rc = file_add_range(into, from->ranges[i].start, from->ranges[i].end);
    file_fini(from);
    return rc;
}

/* Sorts the files, merges entries for the same path and normalises every range list. */
static int changes_finish(struct ecg_changes *c)
{
    size_t w = 0;
    int rc = 0;

    if (c->n > 1)
        qsort(c->files, c->n, sizeof(*c->files), file_cmp);
    for (size_t r = 0; r < c->n; r++) {
        if (w > 0 && strcmp(c->files[w - 1].path, c->files[r].path) == 0) {
            int absorbed = file_absorb(&c->files[w - 1], &c->files[r]);
            rc = rc != 0 ? rc : absorbed;
        } else {
            c->files[w++] = c->files[r];
        }
    }
    c->n = w;
    for (size_t i = 0; i < c->n; i++)
        file_normalise(&c->files[i]);
    return rc;
}

int ecg_git_changes_add_file(struct ecg_changes *changes, const char *path)
{
    size_t index;
    int rc = changes_add_file(&index, changes, strdup(path));

    if (rc == 0)
        rc = file_add_range(&changes->files[index], 1, UINT_MAX);
    return rc;
}

int ecg_git_changes_finish(struct ecg_changes *changes)
{
    return changes_finish(changes);
}

int ecg_git_changes_add_top(struct ecg_changes *changes, const char *top)
{
    char *copy = ecg_path_absolute(NULL, top);

    if (copy == NULL)
        return ECG_ENOMEM;
    free(changes->tops[1]);
    changes->tops[1] = copy;
    return 0;
}

/* abs_path below top, or NULL when it is not below it. */
static const char *relative_to(const char *top, const char *abs_path)
{
    size_t n = strlen(top);

    if (strncmp(abs_path, top, n) != 0)
        return NULL;
    if (n > 0 && top[n - 1] == '/')
        return abs_path + n;
    return abs_path[n] == '/' ? abs_path + n + 1 : NULL;
}

static const struct changed_file *changes_find(const struct ecg_changes *c, const char *path)
{
    size_t lo = 0;
    size_t hi = c->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(c->files[mid].path, path);
        if (cmp == 0)
            return &c->files[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The entry for abs_path, below either spelling of the top, or NULL. */
static const struct changed_file *changes_lookup(const struct ecg_changes *c, const char *abs_path)
{
    for (size_t i = 0; i < ARRAY_LEN(c->tops) && c->tops[i] != NULL; i++) {
        const char *rel = relative_to(c->tops[i], abs_path);
        const struct changed_file *f = rel != NULL ? changes_find(c, rel) : NULL;
        if (f != NULL)
            return f;
    }
    return NULL;
}

int ecg_git_changes_touch(const struct ecg_changes *changes, const char *abs_path, unsigned line,
                          unsigned end_line)
{
    const struct changed_file *f = changes != NULL ? changes_lookup(changes, abs_path) : NULL;
    size_t lo = 0;
    size_t hi;

    if (f == NULL)
        return 0;
    if (end_line < line)
        end_line = line;
    /* The first range that ends at or after line is the only one that can overlap. */
    hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->ranges[mid].end < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->n && f->ranges[lo].start <= end_line;
}

/* ---- parsing "git diff -U0" ----------------------------------------------------------- */

static int parse_error(const struct diff_parser *p, unsigned col, const char *what,
                       const char *line, size_t len)
{
    int shown = len > DIFF_LINE_SHOWN ? DIFF_LINE_SHOWN : (int)len;

    ecg_diag_set(p->diag, "git diff", p->line_no, col, "%s: '%.*s'", what, shown, line);
    return ECG_EPARSE;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);

    return len >= n && memcmp(s, prefix, n) == 0;
}

static int octal_digit(char c)
{
    return c >= '0' && c <= '7';
}

/* The byte a three-digit octal escape names, or 0 when s does not start with one (a byte
 * is at most \377, and git never writes \000: a path holds no NUL). */
static unsigned octal_byte(const char *s, size_t len)
{
    if (len < 3 || !octal_digit(s[0]) || !octal_digit(s[1]) || !octal_digit(s[2]))
        return 0;
    if (s[0] > '3')
        return 0;
    return (unsigned)(s[0] - '0') * 64 + (unsigned)(s[1] - '0') * 8 + (unsigned)(s[2] - '0');
}

/* Decodes the escape after a backslash in a C-quoted path; returns the bytes it used, or
 * 0 when it is not one git writes (\a \b \t \n \v \f \r \" \\ and three octal digits). */
static size_t unescape(char *out, const char *s, size_t len)
{
    static const char pairs[] = "a\ab\bt\tn\nv\vf\fr\r\"\"\\\\";
    const char *hit = len > 0 ? memchr(pairs, s[0], sizeof(pairs) - 1) : NULL;
    unsigned value;

    if (hit != NULL && (hit - pairs) % 2 == 0) {
        *out = hit[1];
        return 1;
    }
    value = octal_byte(s, len);
    *out = (char)value;
    return value != 0 ? 3 : 0;
}

/* Decodes s[1..] up to the closing quote into buf (NUL-terminated); returns the index
 * where decoding stopped: the closing quote, a bad escape, or len. */
static size_t unquote_into(char *buf, const char *s, size_t len)
{
    size_t w = 0;
    size_t i = 1;

    while (i < len && s[i] != '"') {
        size_t used = 1;
        buf[w] = s[i];
        if (s[i] == '\\') {
            size_t escape = unescape(&buf[w], s + i + 1, len - i - 1);
            if (escape == 0)
                break;
            used += escape;
        }
        w++;
        i += used;
    }
    buf[w] = '\0';
    return i;
}

/* The path in a "+++" line git quoted ("b/a\tb" after "+++ "); a tab may follow it. */
static int unquote_name(char **out, const struct diff_parser *p, const char *s, size_t len)
{
    char *buf = malloc(len);
    size_t stop;

    if (buf == NULL)
        return ECG_ENOMEM;
    stop = unquote_into(buf, s, len);
    if (stop >= len || s[stop] != '"' || (stop + 1 < len && s[stop + 1] != '\t')) {
        free(buf);
        return parse_error(p, (unsigned)stop + 5, "malformed quoted path", s - 4, len + 4);
    }
    *out = buf;
    return 0;
}

/* The path in a "+++" line as written: git ends one holding a space with a tab. */
static int plain_name(char **out, const char *s, size_t len)
{
    const char *tab = memchr(s, '\t', len);
    size_t n = tab != NULL ? (size_t)(tab - s) : len;
    char *buf = malloc(n + 1);

    if (buf == NULL)
        return ECG_ENOMEM;
    memcpy(buf, s, n);
    buf[n] = '\0';
    *out = buf;
    return 0;
}

/* "+++ b/path" or "+++ /dev/null" (s is what follows "+++ "): the file the hunks change. */
static int parse_new_name(struct diff_parser *p, const char *s, size_t len)
{
    char *name = NULL;
    int rc;

    p->in_file = 1;
    p->file = NO_FILE;
    if (len == 9 && memcmp(s, "/dev/null", 9) == 0)
        return 0;
    if (len > 0 && s[0] == '"')
        rc = unquote_name(&name, p, s, len);
    else
        rc = plain_name(&name, s, len);
    if (rc != 0)
        return rc;
    if (strncmp(name, "b/", 2) != 0 || name[2] == '\0') {
        free(name);
        return parse_error(p, 5, "expected 'b/' and a path after '+++'", s - 4, len + 4);
    }
    memmove(name, name + 2, strlen(name + 2) + 1);
    return changes_add_file(&p->file, p->changes, name);
}

/* A decimal number that fits an unsigned; advances *at past it. */
static int read_number(unsigned *out, const char **at, const char *end)
{
    unsigned long long value = 0;
    const char *s = *at;

    while (s < end && *s >= '0' && *s <= '9') {
        value = value * 10 + (unsigned)(*s - '0');
        if (value > UINT_MAX)
            return 0;
        s++;
    }
    if (s == *at)
        return 0;
    *out = (unsigned)value;
    *at = s;
    return 1;
}

static int skip_text(const char **at, const char *end, const char *text)
{
    size_t n = strlen(text);

    if ((size_t)(end - *at) < n || memcmp(*at, text, n) != 0)
        return 0;
    *at += n;
    return 1;
}

/* "start[,count]", where count defaults to 1. */
static int read_range(unsigned *start, unsigned *count, const char **at, const char *end)
{
    *count = 1;
    if (!read_number(start, at, end))
        return 0;
    if (*at < end && **at == ',') {
        (*at)++;
        return read_number(count, at, end);
    }
    return 1;
}

/* nums: old start, old count, new start, new count; *at stops where the syntax breaks. */
static int read_hunk_header(unsigned nums[4], const char **at, const char *end)
{
    if (!skip_text(at, end, "@@ -") || !read_range(&nums[0], &nums[1], at, end))
        return 0;
    if (!skip_text(at, end, " +") || !read_range(&nums[2], &nums[3], at, end))
        return 0;
    return skip_text(at, end, " @@");
}

/* A side with lines starts at line 1 or later, and the line after the new side fits. */
static int hunk_numbers_valid(const unsigned nums[4])
{
    if (nums[1] > 0 && nums[0] == 0)
        return 0;
    if (nums[3] > 0 && nums[2] == 0)
        return 0;
    return (unsigned long long)nums[2] + nums[3] <= UINT_MAX;
}

static int parse_hunk_header(struct diff_parser *p, const char *s, size_t len)
{
    unsigned nums[4] = { 0, 0, 0, 0 };
    const char *at = s;

    if (!p->in_file)
        return parse_error(p, 1, "hunk header before a '+++' line", s, len);
    if (!read_hunk_header(nums, &at, s + len))
        return parse_error(p, (unsigned)(at - s) + 1, "malformed hunk header", s, len);
    if (!hunk_numbers_valid(nums))
        return parse_error(p, 1, "impossible line numbers in hunk header", s, len);
    p->old_left = nums[1];
    p->new_left = nums[3];
    p->new_line = nums[2];
    return 0;
}

static int take_old(struct diff_parser *p, const char *s, size_t len)
{
    if (p->old_left == 0)
        return parse_error(p, 1, "more old lines than the hunk header counts", s, len);
    p->old_left--;
    return 0;
}

/* Counts a new-side line, recording it as changed when added is nonzero. */
static int take_new(struct diff_parser *p, int added, const char *s, size_t len)
{
    int rc = 0;

    if (p->new_left == 0)
        return parse_error(p, 1, "more new lines than the hunk header counts", s, len);
    if (added && p->file != NO_FILE)
        rc = file_add_range(&p->changes->files[p->file], p->new_line, p->new_line);
    p->new_left--;
    p->new_line++;
    return rc;
}

/* One line of a hunk: '+' added, '-' removed, ' ' (or nothing, when git drops the space
 * of an empty line) unchanged, '\' about the missing newline at the end of the file. */
static int parse_body(struct diff_parser *p, const char *s, size_t len)
{
    char kind = len > 0 ? s[0] : ' ';
    int rc;

    switch (kind) {
    case '\\':
        return 0;
    case '-':
        return take_old(p, s, len);
    case '+':
        return take_new(p, 1, s, len);
    case ' ':
        rc = take_old(p, s, len);
        return rc != 0 ? rc : take_new(p, 0, s, len);
    default:
        return parse_error(p, 1, "expected a hunk line", s, len);
    }
}

static int parse_line(struct diff_parser *p, const char *s, size_t len)
{
    if (p->old_left > 0 || p->new_left > 0)
        return parse_body(p, s, len);
    if (starts_with(s, len, "diff --git ")) {
        p->in_file = 0;
        p->file = NO_FILE;
        return 0;
    }
    if (starts_with(s, len, "+++ "))
        return parse_new_name(p, s + 4, len - 4);
    if (starts_with(s, len, "@@"))
        return parse_hunk_header(p, s, len);
    /* "index", modes, "--- a/x", "Binary files ... differ", '\' after a hunk: no lines. */
    return 0;
}

static int parse_lines(struct diff_parser *p, const char *diff, size_t len)
{
    size_t pos = 0;
    int rc = 0;

    while (pos < len && rc == 0) {
        const char *nl = memchr(diff + pos, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - (diff + pos)) : len - pos;
        p->line_no++;
        rc = parse_line(p, diff + pos, n);
        pos += n + (nl != NULL ? 1 : 0);
    }
    if (rc == 0 && (p->old_left > 0 || p->new_left > 0)) {
        p->line_no++;
        rc = parse_error(p, 1, "the diff ends inside a hunk", "", 0);
    }
    return rc;
}

int ecg_git_changes_parse(struct ecg_changes **out, const char *top, const char *diff, size_t len,
                          struct ecg_diag *diag)
{
    struct diff_parser p = { .file = NO_FILE, .diag = diag };
    int rc;

    p.changes = changes_new(top);
    if (p.changes == NULL)
        return ECG_ENOMEM;
    rc = parse_lines(&p, diff, len);
    if (rc == 0)
        rc = changes_finish(p.changes);
    if (rc != 0) {
        ecg_git_changes_free(p.changes);
        return rc;
    }
    *out = p.changes;
    return 0;
}
