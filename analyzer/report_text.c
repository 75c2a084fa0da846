/* Clang-style text diagnostics: "path:line:col: warning: message [rule-id]", the source
 * line with tabs expanded, a caret line and a fix-it line, coloured as clang 14 colours
 * them. Display columns are computed glyph by glyph, so carets stay aligned under tabs,
 * UTF-8 text and the <U+XXXX> escapes clang prints for control characters. */
#include "analyzer/report.h"

#include <string.h>

#include "analyzer/error.h"
#include "analyzer/path.h"
#include "analyzer/result.h"
#include "analyzer/srcfile.h"
#include "analyzer/utf8.h"

/* clang does not print source lines longer than this; we print a window around the
 * column instead, with "..." where the line was cut. */
#define REPORT_MAX_LINE 4096
#define REPORT_WINDOW_BEFORE 64
#define REPORT_WINDOW_AFTER 160
#define REPORT_TAB_STOP 8
#define ELLIPSIS_LEN 3u

static const char color_bold[] = "\033[1m";
static const char color_reset[] = "\033[0m";
static const char color_note[] = "\033[0;1;30m";
static const char color_warning[] = "\033[0;1;35m";
static const char color_error[] = "\033[0;1;31m";
static const char color_caret[] = "\033[0;1;32m";
static const char color_fixit[] = "\033[0;32m";
static const char ellipsis[] = "...";

/* One displayed character: the source bytes it consumes and what is printed for them. */
struct glyph {
    size_t bytes;
    unsigned width;
    char text[12];
};

/* The part of a source line that is shown: all of it, or a window of a very long line. */
struct window {
    const char *text;
    size_t len;
    size_t first;  /* byte offset of text within the line */
    int cut_front; /* "..." printed before text */
    int cut_back;  /* "..." printed after text */
};

/* What is underlined on one line, in byte offsets from the start of the line. */
struct marks {
    size_t caret;
    size_t end;       /* exclusive; caret + 1 when there is nothing to underline */
    size_t fix_start; /* replaced range of a fix on this line, or fix_start == fix_end */
    size_t fix_end;
    const char *fix_text; /* NULL when no fix-it line is printed */
};

struct text_ctx {
    FILE *out;
    const struct ecg_result *result;
    const struct ecg_report_style *style;
};

/* clang's escapes: <U+001B> for a control character, <FF> for a byte that is not UTF-8. */
static void glyph_escape(struct glyph *g, unsigned char c, int control)
{
    if (control) {
        g->width = 8;
        snprintf(g->text, sizeof(g->text), "<U+%04X>", (unsigned)c);
        return;
    }
    g->width = 4;
    snprintf(g->text, sizeof(g->text), "<%02X>", (unsigned)c);
}

/* A UTF-8 sequence is one column; a byte that starts no valid sequence prints as <XX>. */
static void glyph_utf8(struct glyph *g, const char *s, size_t n)
{
    size_t len = ecg_utf8_char_length(s, n);

    if (len > 1) {
        memcpy(g->text, s, len);
        g->bytes = len;
        g->text[len] = '\0';
        return;
    }
    glyph_escape(g, (unsigned char)s[0], 0);
}

/* Decodes the glyph at s[0..n) printed at display column col, as clang would print it. */
static void glyph_next(struct glyph *g, const char *s, size_t n, unsigned col)
{
    unsigned char c = (unsigned char)s[0];

    g->bytes = 1;
    g->width = 1;
    g->text[0] = (char)c;
    g->text[1] = '\0';
    if (c == '\t') {
        g->width = REPORT_TAB_STOP - col % REPORT_TAB_STOP;
        memset(g->text, ' ', g->width);
        g->text[g->width] = '\0';
    } else if (c < 0x20 || c == 0x7f) {
        glyph_escape(g, c, 1);
    } else if (c >= 0x80) {
        glyph_utf8(g, s, n);
    }
}

/* Display column of byte offset `at` of the line in window w. With round_up, a byte inside
 * a glyph maps past that glyph (for exclusive ends); otherwise to the glyph's first column.
 * Past the end of the line each byte is one column; past a cut, nothing. */
static unsigned display_col(const struct window *w, size_t at, int round_up)
{
    unsigned col = w->cut_front ? ELLIPSIS_LEN : 0;
    size_t extra = 0;
    size_t i = 0;
    struct glyph g;

    at = at > w->first ? at - w->first : 0;
    if (at > w->len) {
        extra = w->cut_back ? 0 : at - w->len;
        at = w->len;
    }
    while (i < at) {
        glyph_next(&g, w->text + i, w->len - i, col);
        if (!round_up && i + g.bytes > at)
            break;
        i += g.bytes;
        col += g.width;
    }
    return col + (unsigned)extra;
}

/* Bounds of the window shown of a line too long to print whole: some context before
 * the caret, the underlined range (up to a limit) and some context after it, cut on
 * UTF-8 character boundaries. */
static void window_bounds(size_t *out_start, size_t *out_stop, const char *line, size_t len,
                          size_t caret, size_t end)
{
    size_t start = caret > REPORT_WINDOW_BEFORE ? caret - REPORT_WINDOW_BEFORE : 0;
    size_t stop = caret + REPORT_WINDOW_AFTER;

    if (end > caret && end - caret < REPORT_WINDOW_AFTER / 2)
        stop = end + REPORT_WINDOW_AFTER / 2;
    if (stop > len)
        stop = len;
    while (start > 0 && ecg_utf8_is_continuation((unsigned char)line[start]))
        start--;
    while (stop < len && ecg_utf8_is_continuation((unsigned char)line[stop]))
        stop++;
    *out_start = start;
    *out_stop = stop;
}

/* Chooses what to show of a line so that the byte at `caret` is visible. */
static void window_pick(struct window *w, const char *line, size_t len, size_t caret, size_t end)
{
    size_t start = 0;
    size_t stop = len;

    if (len > REPORT_MAX_LINE)
        window_bounds(&start, &stop, line, len, caret, end);
    w->text = line + start;
    w->len = stop - start;
    w->first = start;
    w->cut_front = start > 0;
    w->cut_back = stop < len;
}

/* Starts (or with color_reset ends) a colour when the style asks for colours. */
static void paint(const struct text_ctx *c, const char *color)
{
    if (c->style->color)
        fputs(color, c->out);
}

static void print_source(FILE *out, const struct window *w)
{
    unsigned col = 0;
    size_t i = 0;
    struct glyph g;

    if (w->cut_front) {
        fputs(ellipsis, out);
        col = ELLIPSIS_LEN;
    }
    while (i < w->len) {
        glyph_next(&g, w->text + i, w->len - i, col);
        fputs(g.text, out);
        i += g.bytes;
        col += g.width;
    }
    if (w->cut_back)
        fputs(ellipsis, out);
    fputc('\n', out);
}

/* The marks of a line in display columns. */
struct marks_cols {
    unsigned caret;
    unsigned end; /* exclusive */
    unsigned fix_start;
    unsigned fix_end; /* exclusive; equal to fix_start when no fix is highlighted */
};

static char caret_char(const struct marks_cols *k, unsigned col)
{
    if (col == k->caret)
        return '^';
    if (col > k->caret && col < k->end)
        return '~';
    if (col >= k->fix_start && col < k->fix_end)
        return '~';
    return ' ';
}

/* The caret line: '^' at the start, '~' under the rest of the range and under the text a
 * fix replaces (clang highlights fix-it removal ranges too). No trailing blanks. */
static void print_caret_line(const struct text_ctx *c, const struct window *w,
                             const struct marks *m)
{
    struct marks_cols k;
    unsigned last;

    k.caret = display_col(w, m->caret, 0);
    k.end = display_col(w, m->end, 1);
    k.fix_start = display_col(w, m->fix_start, 0);
    k.fix_end = m->fix_end > m->fix_start ? display_col(w, m->fix_end, 1) : k.fix_start;
    last = k.end > k.caret + 1 ? k.end : k.caret + 1;
    if (k.fix_end > last)
        last = k.fix_end;
    paint(c, color_caret);
    for (unsigned col = 0; col < last; col++)
        fputc(caret_char(&k, col), c->out);
    fputc('\n', c->out);
    paint(c, color_reset);
}

static void print_fixit_line(const struct text_ctx *c, const struct window *w,
                             const struct marks *m)
{
    unsigned col = display_col(w, m->fix_start, 0);

    paint(c, color_fixit);
    for (unsigned i = 0; i < col; i++)
        fputc(' ', c->out);
    fputs(m->fix_text, c->out);
    fputc('\n', c->out);
    paint(c, color_reset);
}

/* The text of line `line` of path, or NULL when it is not available. */
static const char *source_line(const struct ecg_result *result, const char *path, unsigned line,
                               size_t *out_len)
{
    struct ecg_srcfile *file;

    if (result->sources == NULL || path == NULL || path[0] == '\0' || line == 0)
        return NULL;
    file = ecg_srccache_get(result->sources, path);
    if (file == NULL)
        return NULL;
    return ecg_srcfile_line(file, line, out_len);
}

/* Byte offsets of the caret and the end of what r underlines on its first line of len
 * bytes: to the end of r, or of the line when r spans several lines. */
static void marks_from_range(struct marks *m, const struct ecg_range *r, size_t len)
{
    m->caret = r->col > 0 ? r->col - 1 : 0;
    if (m->caret > len)
        m->caret = len;
    m->end = m->caret + 1;
    if (r->end_line > r->line)
        m->end = len;
    else if (r->end_line == r->line && r->end_col > r->col)
        m->end = r->end_col - 1;
    if (m->end > len)
        m->end = len;
    if (m->end <= m->caret)
        m->end = m->caret + 1;
}

/* Adds the fix-it marks of edit e when it lies inside the shown window. */
static void marks_add_fix(struct marks *m, const struct ecg_edit *e, const struct window *w)
{
    size_t start = e->range.col - 1;
    size_t end = e->range.end_col - 1;

    if (start < w->first || end > w->first + w->len)
        return;
    m->fix_start = start;
    m->fix_end = end;
    m->fix_text = e->replacement;
}

/* Prints the source line of r with its caret line and, when fix is given and visible, the
 * fix-it line. Returns nonzero when the fix-it line was printed. */
static int print_snippet(const struct text_ctx *c, const struct ecg_range *r,
                         const struct ecg_edit *fix)
{
    size_t len = 0;
    const char *line = source_line(c->result, r->path, r->line, &len);
    struct marks m = { 0, 0, 0, 0, NULL };
    struct window w;

    if (line == NULL)
        return 0;
    marks_from_range(&m, r, len);
    window_pick(&w, line, len, m.caret, m.end);
    if (fix != NULL)
        marks_add_fix(&m, fix, &w);
    print_source(c->out, &w);
    print_caret_line(c, &w, &m);
    if (m.fix_text == NULL)
        return 0;
    print_fixit_line(c, &w, &m);
    return 1;
}

/* Path as shown: relative to the style's cwd when under it, else as stored (absolute). */
static const char *shown_path(const struct ecg_report_style *style, const char *path)
{
    const char *rel = ecg_path_under(path, style->cwd);

    return rel != NULL ? rel : path;
}

/* The first line of a diagnostic. */
struct header {
    const struct ecg_range *range;
    enum ecg_level level;
    const char *prefix; /* "step 3: ", "suppressed warning: " or "" */
    const char *message;
    const char *rule_id; /* NULL for notes, which carry no tag */
    int as_error;        /* a warning promoted by warnings_as_errors */
};

static const char *level_color(enum ecg_level level)
{
    switch (level) {
    case ECG_LEVEL_NOTE:
        return color_note;
    case ECG_LEVEL_WARNING:
        return color_warning;
    case ECG_LEVEL_ERROR:
        return color_error;
    }
    return color_warning;
}

static void print_location(const struct text_ctx *c, const struct ecg_range *r)
{
    const char *path = r->path != NULL ? r->path : "";

    if (path[0] == '\0')
        return;
    paint(c, color_bold);
    fputs(shown_path(c->style, path), c->out);
    if (r->line > 0)
        fprintf(c->out, ":%u", r->line);
    if (r->line > 0 && r->col > 0)
        fprintf(c->out, ":%u", r->col);
    fputs(": ", c->out);
    paint(c, color_reset);
}

/* As clang: the location bold, the level in its colour, the message bold except for
 * notes, every colour closed before the newline. */
static void print_header(const struct text_ctx *c, const struct header *h)
{
    print_location(c, h->range);
    paint(c, level_color(h->level));
    fprintf(c->out, "%s: ", ecg_level_name(h->level));
    paint(c, color_reset);
    if (h->level != ECG_LEVEL_NOTE)
        paint(c, color_bold);
    fprintf(c->out, "%s%s", h->prefix, h->message != NULL ? h->message : "");
    if (h->rule_id != NULL)
        fprintf(c->out, " [%s%s]", h->rule_id, h->as_error ? ",-warnings-as-errors" : "");
    paint(c, color_reset);
    fputc('\n', c->out);
}

static void print_note(const struct text_ctx *c, const struct ecg_range *range, const char *prefix,
                       const char *message)
{
    struct header h = { range, ECG_LEVEL_NOTE, prefix, message, NULL, 0 };

    print_header(c, &h);
    print_snippet(c, range, NULL);
}

/* Nonzero when text can go on a fix-it line: printable and on one line, as clang requires. */
static int fixit_printable(const char *text)
{
    if (text == NULL || text[0] == '\0')
        return 0;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    }
    return 1;
}

/* The fix's edit when it can be shown as a fix-it line: the only edit, on the finding's
 * line of the finding's file. */
static const struct ecg_edit *fixit_edit(const struct ecg_finding *f)
{
    const struct ecg_edit *e = f->edits;

    if (f->n_edits != 1 || !fixit_printable(e->replacement))
        return NULL;
    if (e->range.path == NULL || strcmp(e->range.path, f->range.path) != 0)
        return NULL;
    if (e->range.line != f->range.line || e->range.end_line != e->range.line)
        return NULL;
    if (e->range.col == 0 || e->range.end_col < e->range.col)
        return NULL;
    return e;
}

static void print_fix_note(const struct text_ctx *c, const struct ecg_finding *f)
{
    const char *desc = f->fix_description;
    const struct ecg_range *at = f->n_edits > 0 ? &f->edits[0].range : &f->range;

    if (desc != NULL && desc[0] != '\0')
        print_note(c, at, "fix available: ", desc);
    else
        print_note(c, at, "fix available", "");
}

static void print_flow(const struct text_ctx *c, const struct ecg_finding *f)
{
    char prefix[32];

    for (size_t i = 0; i < f->n_flow; i++) {
        snprintf(prefix, sizeof(prefix), "step %zu: ", i + 1);
        print_note(c, &f->flow[i].range, prefix, f->flow[i].message);
    }
}

/* A warning that fails the gate prints as an error, as clang-tidy's -warnings-as-errors. */
static int promoted(const struct ecg_finding *f)
{
    return f->fails_gate && f->level == ECG_LEVEL_WARNING && !f->suppressed;
}

static void print_finding(const struct text_ctx *c, const struct ecg_finding *f)
{
    struct header h = { &f->range, f->level, "", f->message, f->rule_id, promoted(f) };
    const struct ecg_edit *fix = f->n_edits > 0 ? fixit_edit(f) : NULL;
    char prefix[32];
    int fix_shown;

    if (h.as_error)
        h.level = ECG_LEVEL_ERROR;
    if (f->suppressed) {
        snprintf(prefix, sizeof(prefix), "suppressed %s: ", ecg_level_name(f->level));
        h.prefix = prefix;
        h.level = ECG_LEVEL_NOTE;
    }
    print_header(c, &h);
    fix_shown = print_snippet(c, &f->range, fix);
    for (size_t i = 0; i < f->n_related; i++)
        print_note(c, &f->related[i].range, "", f->related[i].message);
    print_flow(c, f);
    if (f->n_edits > 0 && !fix_shown)
        print_fix_note(c, f);
}

int ecg_report_text(FILE *out, const struct ecg_result *result,
                    const struct ecg_report_style *style)
{
    static const struct ecg_report_style plain = { 0, 0, NULL };
    struct text_ctx c = { out, result, style != NULL ? style : &plain };

    for (size_t i = 0; i < result->findings.len; i++) {
        const struct ecg_finding *f = &result->findings.items[i];
        if (f->suppressed && !c.style->show_suppressed)
            continue;
        if (f->baseline_state == ECG_BASELINE_UNCHANGED)
            continue; /* known debt: counted in the summary, listed in SARIF */
        print_finding(&c, f);
    }
    if (fflush(out) != 0 || ferror(out))
        return ECG_EIO;
    return 0;
}

static void print_count(FILE *out, size_t n, const char *what)
{
    fprintf(out, "%zu %s%s", n, what, n == 1 ? "" : "s");
}

/* clang's closing line: "1 warning and 2 errors generated."; nothing when both are 0. */
static void print_counts(FILE *out, size_t warnings, size_t errors)
{
    if (warnings == 0 && errors == 0)
        return;
    if (warnings > 0)
        print_count(out, warnings, "warning");
    if (warnings > 0 && errors > 0)
        fputs(" and ", out);
    if (errors > 0)
        print_count(out, errors, "error");
    fputs(" generated.\n", out);
}

/* The findings of a run by how the summary counts them; each is counted once. */
struct summary_counts {
    size_t warnings;
    size_t errors; /* errors, and warnings that fail the gate (see promoted) */
    size_t suppressed;
    size_t unchanged; /* in the baseline, so not shown */
};

static void count_findings(struct summary_counts *c, const struct ecg_result *result)
{
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < result->findings.len; i++) {
        const struct ecg_finding *f = &result->findings.items[i];
        if (f->suppressed)
            c->suppressed++;
        else if (f->baseline_state == ECG_BASELINE_UNCHANGED)
            c->unchanged++;
        else if (f->level == ECG_LEVEL_ERROR || promoted(f))
            c->errors++;
        else if (f->level == ECG_LEVEL_WARNING)
            c->warnings++;
    }
}

void ecg_report_summary(FILE *out, const struct ecg_result *result)
{
    struct summary_counts c;

    count_findings(&c, result);
    print_counts(out, c.warnings, c.errors);
    /* clang-tidy's wording, plural even for one. */
    if (c.suppressed > 0)
        fprintf(out, "Suppressed %zu warnings (%zu NOLINT).\n", c.suppressed, c.suppressed);
    if (result->baseline_in_use)
        fprintf(out, "ecg: baseline: %zu new, %zu unchanged (not shown), %zu fixed\n",
                c.warnings + c.errors, c.unchanged, result->absent.len);
    if (result->units_cached > 0)
        fprintf(out,
                "ecg: %zu of %zu translation units unchanged; findings replayed from the "
                "cache\n",
                result->units_cached, result->units_total);
    if (result->units_reanalysed > 0)
        fprintf(out,
                "ecg: %zu translation unit analyses repeated with facts from other units (%zu "
                "rounds)\n",
                result->units_reanalysed, result->xunit_rounds);
    if (result->units_failed > 0)
        fprintf(out, "ecg: %zu of %zu translation units could not be analyzed\n",
                result->units_failed, result->units_total);
}
