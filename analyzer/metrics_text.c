/* The text layout of `ecg metrics`: a table of functions, a blank line, then a table of
 * totals (mean, p90 and max rows per file, then for the project). Columns are as wide as
 * their widest cell; numbers align right, names left; no line ends in a blank. */
#include "analyzer/metrics_int.h"

#include <math.h>
#include <string.h>

#include "analyzer/error.h"

#define TEXT_COLS (3 + ECG_METRICS_N_COLS)
#define TEXT_GAP "  "

static const char project_label[] = "(project)";
static const char *const stat_names[3] = { "mean", "p90", "max" };

struct text_ctx {
    const struct ecg_metrics_rows *rows;
    const struct ecg_metrics_summary *sum;
    const char *root;
};

/* A table: titles[0..2] name the leading columns, the metric columns follow. */
struct text_table {
    const char *lead[3];
    int lead_right[3];
    size_t n_rows;
    const char *(*cell)(const struct text_ctx *ctx, size_t row, size_t col, char *buf, size_t size);
};

/* Writes u in decimal at buf (room for 20 digits and the NUL); returns the length. */
static size_t put_decimal(char *buf, unsigned long long u)
{
    char digits[24];
    size_t n = 0;

    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    for (size_t i = 0; i < n; i++)
        buf[i] = digits[n - 1 - i];
    buf[n] = '\0';
    return n;
}

/* A real with one decimal, as "%.1f" writes it; "-" for a value that is not a finite
 * number. Tenths are rounded by hand unless v * 10 lies too near a half for the product's
 * rounding error to be ruled out (below 1e9 that error is under 1e-6); snprintf then. */
static const char *real_cell(double v, char *buf, size_t size)
{
    double tenths = v * 10.0;
    double whole = nearbyint(tenths);
    unsigned long long u;
    size_t n;

    if (!isfinite(v))
        return "-";
    if (!(v >= 0 && v < 1e9) || signbit(v) || fabs(fabs(tenths - whole) - 0.5) < 1e-3 ||
        size < 24) {
        snprintf(buf, size, "%.1f", v);
        return buf;
    }
    u = (unsigned long long)whole;
    n = put_decimal(buf, u / 10);
    buf[n] = '.';
    buf[n + 1] = (char)('0' + u % 10);
    buf[n + 2] = '\0';
    return buf;
}

/* An integer, as "%.0f" writes it; digits by hand for the whole numbers the counts are,
 * since formatting thousands of cells twice through snprintf was most of the output's cost. */
static const char *count_cell(double v, char *buf, size_t size)
{
    if (!(v >= 0 && v < 1e15) || signbit(v) || v != floor(v) || size < 24) {
        snprintf(buf, size, "%.0f", v);
        return buf;
    }
    put_decimal(buf, (unsigned long long)v);
    return buf;
}

static const char *function_cell(const struct text_ctx *ctx, size_t r, size_t col, char *buf,
                                 size_t size)
{
    const struct ecg_metrics_row *row = &ctx->rows->items[r];
    enum ecg_metrics_col metric = (enum ecg_metrics_col)(col - 3);

    if (col == 0)
        return ecg_metrics_summary_relative(row->path, ctx->root);
    if (col == 1)
        return row->function;
    if (col == 2)
        return count_cell(row->line, buf, size);
    if (ecg_metrics_summary_col(metric)->real)
        return real_cell(ecg_metrics_summary_value(row, metric), buf, size);
    return count_cell(ecg_metrics_summary_value(row, metric), buf, size);
}

/* Rows 3g, 3g+1, 3g+2 are the mean, p90 and max of group g (the files, then the project). */
static const struct ecg_metrics_group *total_group(const struct text_ctx *ctx, size_t r)
{
    size_t g = r / 3;

    return g < ctx->sum->n_files ? &ctx->sum->files[g] : &ctx->sum->project;
}

/* Statistic which (0 mean, 1 p90, 2 max) of metric in g, formatted: means and reals with
 * one decimal, the p90 and max of counts as integers. */
static const char *stat_cell(const struct ecg_metrics_group *g, enum ecg_metrics_col metric,
                             size_t which, char *buf, size_t size)
{
    const struct ecg_metrics_stat *st = &g->stats[metric];
    const double values[3] = { st->mean, st->p90, st->max };

    if (g->count == 0)
        return "-";
    if (which == 0 || ecg_metrics_summary_col(metric)->real)
        return real_cell(values[which], buf, size);
    return count_cell(values[which], buf, size);
}

static const char *total_cell(const struct text_ctx *ctx, size_t r, size_t col, char *buf,
                              size_t size)
{
    const struct ecg_metrics_group *g = total_group(ctx, r);

    if (col == 0)
        return g->path != NULL ? ecg_metrics_summary_relative(g->path, ctx->root) : project_label;
    if (col == 1) {
        snprintf(buf, size, "%zu", g->count);
        return buf;
    }
    if (col == 2)
        return stat_names[r % 3];
    return stat_cell(g, (enum ecg_metrics_col)(col - 3), r % 3, buf, size);
}

static const char *title(const struct text_table *t, size_t col)
{
    return col < 3 ? t->lead[col] : ecg_metrics_summary_col((enum ecg_metrics_col)(col - 3))->title;
}

static int right_aligned(const struct text_table *t, size_t col)
{
    return col < 3 ? t->lead_right[col] : 1;
}

static void measure(size_t *width, const struct text_table *t, const struct text_ctx *ctx)
{
    char buf[64];

    for (size_t col = 0; col < TEXT_COLS; col++)
        width[col] = strlen(title(t, col));
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t col = 0; col < TEXT_COLS; col++) {
            size_t len = strlen(t->cell(ctx, r, col, buf, sizeof(buf)));

            width[col] = len > width[col] ? len : width[col];
        }
    }
}

/* A line being assembled: written with one fwrite when it is done (or full), not one call
 * per cell and per run of blanks. */
struct line_buf {
    FILE *out;
    size_t len;
    char data[1024];
};

static void line_flush(struct line_buf *lb)
{
    if (lb->len > 0)
        fwrite(lb->data, 1, lb->len, lb->out);
    lb->len = 0;
}

static void line_put(struct line_buf *lb, const char *text, size_t n)
{
    if (n > sizeof(lb->data) - lb->len)
        line_flush(lb);
    if (n > sizeof(lb->data)) {
        fwrite(text, 1, n, lb->out);
        return;
    }
    memcpy(lb->data + lb->len, text, n);
    lb->len += n;
}

/* Appends n blanks. */
static void pad(struct line_buf *lb, size_t n)
{
    static const char blanks[] = "                                ";

    while (n > 0) {
        size_t k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;
        line_put(lb, blanks, k);
        n -= k;
    }
}

/* One line of cells; the last column is never padded on the right. */
static void print_line(FILE *out, const struct text_table *t, const size_t *width,
                       const char *const *cells)
{
    struct line_buf lb;

    lb.out = out;
    lb.len = 0;
    for (size_t col = 0; col < TEXT_COLS; col++) {
        size_t len = strlen(cells[col]);
        size_t fill = width[col] > len ? width[col] - len : 0;

        if (col > 0)
            line_put(&lb, TEXT_GAP, sizeof(TEXT_GAP) - 1);
        if (right_aligned(t, col))
            pad(&lb, fill);
        line_put(&lb, cells[col], len);
        if (!right_aligned(t, col) && col + 1 < TEXT_COLS)
            pad(&lb, fill);
    }
    line_put(&lb, "\n", 1);
    line_flush(&lb);
}

static void print_table(FILE *out, const struct text_table *t, const struct text_ctx *ctx)
{
    size_t width[TEXT_COLS];
    const char *cells[TEXT_COLS];
    char bufs[TEXT_COLS][64];

    measure(width, t, ctx);
    for (size_t col = 0; col < TEXT_COLS; col++)
        cells[col] = title(t, col);
    print_line(out, t, width, cells);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t col = 0; col < TEXT_COLS; col++)
            cells[col] = t->cell(ctx, r, col, bufs[col], sizeof(bufs[col]));
        print_line(out, t, width, cells);
    }
}

int ecg_metrics_text_write(FILE *out, const struct ecg_metrics_rows *rows,
                           const struct ecg_metrics_summary *sum, const char *root)
{
    const struct text_ctx ctx = { rows, sum, root };
    const struct text_table functions = {
        { "file", "function", "line" }, { 0, 0, 1 }, rows->len, function_cell
    };
    const struct text_table totals = {
        { "file", "functions", "statistic" }, { 0, 1, 0 }, 3 * (sum->n_files + 1), total_cell
    };

    print_table(out, &functions, &ctx);
    fputc('\n', out);
    print_table(out, &totals, &ctx);
    return ferror(out) ? ECG_EIO : 0;
}
