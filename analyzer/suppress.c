/* Suppression comments: one pass over a file's text builds an index of line markers
 * (NOLINT, NOLINTNEXTLINE) sorted by the line they cover, and of closed NOLINTBEGIN/END
 * regions sorted by first line, so each finding's lookup is a binary search.
 * Known limits: a marker counts only when a comment opens on its own physical line, so
 * markers on the continuation lines of a multi-line block comment are not seen; string
 * and character literals are skipped only when they close on the same line; regions cover
 * whole lines, from the NOLINTBEGIN line to the NOLINTEND line inclusive. */
#include "analyzer/grow.h"
#include "analyzer/suppress.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/globs.h"
#include "analyzer/srcfile.h"

enum marker_kind {
    MARKER_NOLINT,
    MARKER_NEXTLINE,
    MARKER_BEGIN,
    MARKER_END,
};

/* A check list as written in "(a, b*)"; normalised so lists compare with memcmp. */
struct check_list {
    int all;     /* nonzero when the marker has no list: every rule */
    char *items; /* owned; n trimmed, non-empty items, each NUL-terminated, back to back */
    size_t size; /* bytes in items */
    size_t n;
};

/* A parsed marker; its list and comment are moved into the index or released. */
struct marker {
    enum marker_kind kind;
    unsigned line;
    unsigned col; /* of the marker's 'N' */
    size_t seq;   /* scan order; breaks ties so the inner region is found first */
    struct check_list list;
    char *comment; /* owned; from the marker to the end of its comment, trimmed */
};

/* NOLINT or NOLINTNEXTLINE, keyed by the line it covers. */
struct line_entry {
    unsigned line;
    size_t seq;
    struct check_list list;
    char *comment; /* owned */
};

/* A closed NOLINTBEGIN ... NOLINTEND region. */
struct region {
    unsigned first;
    unsigned last;
    unsigned max_last; /* largest last among this region and those sorted before it */
    size_t seq;        /* of the NOLINTBEGIN */
    struct check_list list;
    char *comment; /* owned; the NOLINTBEGIN comment */
};

struct ecg_nolint {
    struct line_entry *entries; /* sorted by (line, seq) once the scan ends */
    size_t n_entries;
    size_t cap_entries;
    struct region *regions; /* sorted by (first, seq) once the scan ends */
    size_t n_regions;
    size_t cap_regions;
    struct ecg_nolint_problem *problems; /* sorted by (line, col) once the scan ends */
    size_t n_problems;
    size_t cap_problems;
};

/* State of one scan: the index being built and the NOLINTBEGINs still open. */
struct scan {
    struct ecg_nolint *index;
    struct marker *open; /* a stack; the innermost open region is last */
    size_t n_open;
    size_t cap_open;
    size_t seq;
};

/* Finds comments on one physical line, skipping literals that close on the line. */
struct line_lexer {
    const char *s;
    size_t len;
    size_t pos;
    int unclosed_dq; /* a '"' at or after pos cannot close on this line */
    int unclosed_sq; /* likewise for '\'' */
};

static const char nolint_word[] = "NOLINT";
#define NOLINT_LEN (sizeof(nolint_word) - 1)

static const char no_begin_message[] = "NOLINTEND without a matching NOLINTBEGIN";
static const char no_end_message[] = "unmatched NOLINTBEGIN";
static const char no_paren_message[] = "missing ')' to close the NOLINT check list";

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static int is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static void list_fini(struct check_list *list)
{
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* Narrows s[*start..*end) to exclude blanks at both ends. */
static void trim_span(const char *s, size_t *start, size_t *end)
{
    while (*start < *end && is_blank(s[*start]))
        (*start)++;
    while (*end > *start && is_blank(s[*end - 1]))
        (*end)--;
}

/* Normalises the raw text between the parentheses: items trimmed, empty ones dropped. */
static int list_parse(struct check_list *out, const char *raw, size_t n)
{
    struct check_list list = { 0, malloc(n + 1), 0, 0 };
    size_t i = 0;

    if (list.items == NULL)
        return ECG_ENOMEM;
    while (i <= n) {
        size_t start = i;
        size_t end;
        while (i < n && raw[i] != ',')
            i++;
        end = i++;
        trim_span(raw, &start, &end);
        if (end == start)
            continue;
        memcpy(list.items + list.size, raw + start, end - start);
        list.size += end - start;
        list.items[list.size++] = '\0';
        list.n++;
    }
    *out = list;
    return 0;
}

static int list_equal(const struct check_list *a, const struct check_list *b)
{
    if (a->all || b->all)
        return a->all == b->all;
    return a->n == b->n && a->size == b->size && memcmp(a->items, b->items, a->size) == 0;
}

/* Negative items ("-foo") are ignored, as clang-tidy ignores them in NOLINT lists. */
static int list_matches(const struct check_list *list, const char *rule_id)
{
    const char *item = list->items;

    if (list->all)
        return 1;
    for (size_t i = 0; i < list->n; i++) {
        if (item[0] != '-' && ecg_globs_match_one(item, rule_id))
            return 1;
        item += strlen(item) + 1;
    }
    return 0;
}

static void marker_fini(struct marker *m)
{
    list_fini(&m->list);
    free(m->comment);
    m->comment = NULL;
}

static int add_problem(struct ecg_nolint *index, unsigned line, unsigned col, const char *message)
{
    struct ecg_nolint_problem *p;

    if (ecg_grow((void **)&index->problems, &index->cap_problems, index->n_problems + 1,
                 sizeof(*index->problems)) != 0)
        return ECG_ENOMEM;
    p = &index->problems[index->n_problems++];
    p->line = line;
    p->col = col;
    p->message = message;
    return 0;
}

/* Takes the marker's list and comment. */
static int add_entry(struct ecg_nolint *index, struct marker *m, unsigned line)
{
    struct line_entry *e;

    if (ecg_grow((void **)&index->entries, &index->cap_entries, index->n_entries + 1,
                 sizeof(*index->entries)) != 0)
        return ECG_ENOMEM;
    e = &index->entries[index->n_entries++];
    e->line = line;
    e->seq = m->seq;
    e->list = m->list;
    e->comment = m->comment;
    memset(&m->list, 0, sizeof(m->list));
    m->comment = NULL;
    return 0;
}

/* Moves *m onto the stack of open regions. */
static int open_region(struct scan *sc, struct marker *m)
{
    if (ecg_grow((void **)&sc->open, &sc->cap_open, sc->n_open + 1, sizeof(*sc->open)) != 0)
        return ECG_ENOMEM;
    sc->open[sc->n_open++] = *m;
    memset(&m->list, 0, sizeof(m->list));
    m->comment = NULL;
    return 0;
}

/* Closes the innermost open region whose list equals the NOLINTEND's. */
static int close_region(struct scan *sc, const struct marker *end)
{
    struct ecg_nolint *index = sc->index;
    size_t k = sc->n_open;
    struct region *r;

    while (k > 0 && !list_equal(&sc->open[k - 1].list, &end->list))
        k--;
    if (k == 0)
        return add_problem(index, end->line, end->col, no_begin_message);
    if (ecg_grow((void **)&index->regions, &index->cap_regions, index->n_regions + 1,
                 sizeof(*index->regions)) != 0)
        return ECG_ENOMEM;
    r = &index->regions[index->n_regions++];
    r->first = sc->open[k - 1].line;
    r->last = end->line;
    r->max_last = r->last;
    r->seq = sc->open[k - 1].seq;
    r->list = sc->open[k - 1].list;
    r->comment = sc->open[k - 1].comment;
    memmove(&sc->open[k - 1], &sc->open[k], (sc->n_open - k) * sizeof(*sc->open));
    sc->n_open--;
    return 0;
}

static int apply_marker(struct scan *sc, struct marker *m)
{
    switch (m->kind) {
    case MARKER_NOLINT:
        return add_entry(sc->index, m, m->line);
    case MARKER_NEXTLINE:
        return add_entry(sc->index, m, m->line + 1);
    case MARKER_BEGIN:
        return open_region(sc, m);
    case MARKER_END:
        return close_region(sc, m);
    }
    return 0;
}

/* Recognises the word after "NOLINT"; returns 0 for words such as "NOLINTFOO". */
static int marker_kind(enum marker_kind *out, const char *suffix, size_t n)
{
    static const struct {
        const char *word;
        enum marker_kind kind;
    } kinds[] = {
        { "", MARKER_NOLINT },
        { "NEXTLINE", MARKER_NEXTLINE },
        { "BEGIN", MARKER_BEGIN },
        { "END", MARKER_END },
    };

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strlen(kinds[i].word) == n && memcmp(kinds[i].word, suffix, n) == 0) {
            *out = kinds[i].kind;
            return 1;
        }
    }
    return 0;
}

/* Offset of the next "NOLINT" in s[from..to) that starts a word, or to. */
static size_t find_nolint(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i + NOLINT_LEN <= to; i++) {
        if (memcmp(s + i, nolint_word, NOLINT_LEN) == 0 && (i == 0 || !is_ident(s[i - 1])))
            return i;
    }
    return to;
}

static char *trimmed_copy(const char *s, size_t start, size_t end)
{
    trim_span(s, &start, &end);
    return strndup(s + start, end - start);
}

/* Parses the optional "(list)" at s[*pos]; *pos moves past it. An unclosed list is a
 * problem and makes *out_ok zero. */
static int parse_list(struct marker *m, int *out_ok, struct scan *sc, const char *s, size_t *pos,
                      size_t end)
{
    const char *close;
    size_t open = *pos;

    if (open >= end || s[open] != '(') {
        m->list.all = 1;
        *out_ok = 1;
        return 0;
    }
    close = memchr(s + open + 1, ')', end - open - 1);
    if (close == NULL) {
        *out_ok = 0;
        *pos = end;
        return add_problem(sc->index, m->line, (unsigned)open + 1, no_paren_message);
    }
    *pos = (size_t)(close - s) + 1;
    *out_ok = 1;
    return list_parse(&m->list, s + open + 1, (size_t)(close - s) - open - 1);
}

/* Parses the marker at s[at] (if "NOLINT" starts one) and records it. *pos moves past it. */
static int scan_marker(struct scan *sc, const char *s, size_t at, size_t end, unsigned line,
                       size_t *pos)
{
    struct marker m = { MARKER_NOLINT, line, (unsigned)at + 1, sc->seq++, { 0, NULL, 0, 0 }, NULL };
    size_t i = at + NOLINT_LEN;
    int ok = 0;
    int rc;

    while (i < end && is_ident(s[i]))
        i++;
    *pos = i;
    if (!marker_kind(&m.kind, s + at + NOLINT_LEN, i - at - NOLINT_LEN))
        return 0;
    rc = parse_list(&m, &ok, sc, s, pos, end);
    if (rc == 0 && ok) {
        m.comment = trimmed_copy(s, at, end);
        rc = m.comment != NULL ? apply_marker(sc, &m) : ECG_ENOMEM;
    }
    marker_fini(&m);
    return rc;
}

static int scan_comment(struct scan *sc, const char *s, size_t start, size_t end, unsigned line)
{
    size_t pos = find_nolint(s, start, end);
    int rc = 0;

    while (rc == 0 && pos < end) {
        rc = scan_marker(sc, s, pos, end, line, &pos);
        pos = find_nolint(s, pos, end);
    }
    return rc;
}

/* Skips the literal opened at lx->pos; returns 0 (and skips nothing) when it does not close
 * on the line. Once one quote of a kind fails to close, no later one can: escapes realign
 * at the first character that is not a backslash. */
static int skip_literal(struct line_lexer *lx)
{
    char quote = lx->s[lx->pos];
    int *unclosed = quote == '"' ? &lx->unclosed_dq : &lx->unclosed_sq;
    size_t i = lx->pos + 1;

    if (*unclosed)
        return 0;
    while (i < lx->len && lx->s[i] != quote)
        i += lx->s[i] == '\\' ? 2 : 1;
    if (i >= lx->len) {
        *unclosed = 1;
        return 0;
    }
    lx->pos = i + 1;
    return 1;
}

/* Offset of the star that closes a block comment, searching from from; len if none. */
static size_t block_end(const char *s, size_t len, size_t from)
{
    for (size_t i = from; i + 1 < len; i++) {
        if (s[i] == '*' && s[i + 1] == '/')
            return i;
    }
    return len;
}

/* Enters the line or block comment that opens at lx->pos, and moves past it. */
static void enter_comment(size_t *out_start, size_t *out_end, struct line_lexer *lx)
{
    *out_start = lx->pos + 2;
    if (lx->s[lx->pos + 1] == '/') {
        *out_end = lx->len;
        lx->pos = lx->len;
        return;
    }
    *out_end = block_end(lx->s, lx->len, lx->pos + 2);
    lx->pos = *out_end < lx->len ? *out_end + 2 : lx->len;
}

/* Finds the next comment on the line: its text is s[*out_start..*out_end). */
static int next_comment(size_t *out_start, size_t *out_end, struct line_lexer *lx)
{
    while (lx->pos + 1 < lx->len) {
        const char *p = lx->s + lx->pos;
        if ((p[0] == '"' || p[0] == '\'') && skip_literal(lx))
            continue;
        if (p[0] == '/' && (p[1] == '/' || p[1] == '*')) {
            enter_comment(out_start, out_end, lx);
            return 1;
        }
        lx->pos++;
    }
    return 0;
}

static int scan_line(struct scan *sc, const char *s, size_t len, unsigned line)
{
    struct line_lexer lx = { s, len, 0, 0, 0 };
    size_t start;
    size_t end;
    int rc = 0;

    while (rc == 0 && next_comment(&start, &end, &lx))
        rc = scan_comment(sc, s, start, end, line);
    return rc;
}

static int entry_compare(const void *a, const void *b)
{
    const struct line_entry *x = a;
    const struct line_entry *y = b;

    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int region_compare(const void *a, const void *b)
{
    const struct region *x = a;
    const struct region *y = b;

    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int problem_compare(const void *a, const void *b)
{
    const struct ecg_nolint_problem *x = a;
    const struct ecg_nolint_problem *y = b;

    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Reports the NOLINTBEGINs left open and sorts the index for lookups. */
static int scan_finish(struct scan *sc)
{
    struct ecg_nolint *index = sc->index;

    for (size_t i = 0; i < sc->n_open; i++) {
        if (add_problem(index, sc->open[i].line, sc->open[i].col, no_end_message) != 0)
            return ECG_ENOMEM;
    }
    if (index->n_entries > 1)
        qsort(index->entries, index->n_entries, sizeof(*index->entries), entry_compare);
    if (index->n_regions > 1)
        qsort(index->regions, index->n_regions, sizeof(*index->regions), region_compare);
    if (index->n_problems > 1)
        qsort(index->problems, index->n_problems, sizeof(*index->problems), problem_compare);
    for (size_t i = 1; i < index->n_regions; i++) {
        if (index->regions[i].max_last < index->regions[i - 1].max_last)
            index->regions[i].max_last = index->regions[i - 1].max_last;
    }
    return 0;
}

static int scan_text(struct scan *sc, const char *text, size_t len)
{
    size_t pos = 0;
    size_t end;
    size_t next;
    unsigned line = 1;
    int rc = 0;

    while (rc == 0 && pos < len) {
        ecg_srcfile_split_line(&end, &next, text, len, pos);
        rc = scan_line(sc, text + pos, end - pos, line);
        pos = next;
        line++;
    }
    return rc == 0 ? scan_finish(sc) : rc;
}

struct ecg_nolint *ecg_suppress_scan(const char *text, size_t len)
{
    struct scan sc = { calloc(1, sizeof(struct ecg_nolint)), NULL, 0, 0, 0 };
    int rc;

    if (sc.index == NULL)
        return NULL;
    rc = text != NULL ? scan_text(&sc, text, len) : 0;
    for (size_t i = 0; i < sc.n_open; i++)
        marker_fini(&sc.open[i]);
    free(sc.open);
    if (rc != 0) {
        ecg_suppress_free(sc.index);
        return NULL;
    }
    return sc.index;
}

void ecg_suppress_free(struct ecg_nolint *index)
{
    if (index == NULL)
        return;
    for (size_t i = 0; i < index->n_entries; i++) {
        list_fini(&index->entries[i].list);
        free(index->entries[i].comment);
    }
    for (size_t i = 0; i < index->n_regions; i++) {
        list_fini(&index->regions[i].list);
        free(index->regions[i].comment);
    }
    free(index->entries);
    free(index->regions);
    free(index->problems);
    free(index);
}

/* First entry whose line is >= line. */
static size_t entries_lower_bound(const struct ecg_nolint *index, unsigned line)
{
    size_t lo = 0;
    size_t hi = index->n_entries;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index->entries[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Number of regions whose first line is <= line. */
static size_t regions_upper_bound(const struct ecg_nolint *index, unsigned line)
{
    size_t lo = 0;
    size_t hi = index->n_regions;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index->regions[mid].first <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The innermost region covering line whose list matches; walking back by first line, the
 * running maximum of last lines says when no earlier region can reach line. */
static const struct region *match_region(const struct ecg_nolint *index, unsigned line,
                                         const char *rule_id)
{
    size_t i = regions_upper_bound(index, line);

    while (i > 0 && index->regions[i - 1].max_last >= line) {
        const struct region *r = &index->regions[--i];
        if (r->last >= line && list_matches(&r->list, rule_id))
            return r;
    }
    return NULL;
}

static void set_comment(const char **out_comment, const char *comment)
{
    if (out_comment != NULL)
        *out_comment = comment;
}

int ecg_suppress_match(const struct ecg_nolint *index, unsigned line, const char *rule_id,
                       const char **out_comment)
{
    const struct region *r;

    if (index == NULL || rule_id == NULL)
        return 0;
    for (size_t i = entries_lower_bound(index, line);
         i < index->n_entries && index->entries[i].line == line; i++) {
        if (list_matches(&index->entries[i].list, rule_id)) {
            set_comment(out_comment, index->entries[i].comment);
            return 1;
        }
    }
    r = match_region(index, line, rule_id);
    if (r == NULL)
        return 0;
    set_comment(out_comment, r->comment);
    return 1;
}

const struct ecg_nolint_problem *ecg_suppress_problems(const struct ecg_nolint *index,
                                                       size_t *out_n)
{
    *out_n = index != NULL ? index->n_problems : 0;
    return index != NULL ? index->problems : NULL;
}
