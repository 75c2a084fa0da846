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

/* A real with one decimal; "-" for a value that is not a finite number. */
static const char *real_cell(double v, char *buf, size_t size)
{
    if (!isfinite(v))
        return "-";
    snprintf(buf, size, "%.1f", v);
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
    if (col == 2) {
        snprintf(buf, size, "%u", row->line);
        return buf;
    }
    if (ecg_metrics_summary_col(metric)->real)
        return real_cell(ecg_metrics_summary_value(row, metric), buf, size);
    snprintf(buf, size, "%.0f", ecg_metrics_summary_value(row, metric));
    return buf;
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
    snprintf(buf, size, "%.0f", values[which]);
    return buf;
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

/* One line of cells; the last column is never padded on the right. */
static void print_line(FILE *out, const struct text_table *t, const size_t *width,
                       const char *const *cells)
{
    for (size_t col = 0; col < TEXT_COLS; col++) {
        int w = (int)width[col];

        if (col > 0)
            fputs(TEXT_GAP, out);
        if (right_aligned(t, col))
            fprintf(out, "%*s", w, cells[col]);
        else if (col + 1 < TEXT_COLS)
            fprintf(out, "%-*s", w, cells[col]);
        else
            fputs(cells[col], out);
    }
    fputc('\n', out);
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
