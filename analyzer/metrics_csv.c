/* The CSV layout of `ecg metrics`: one header, then one record per function, per file and
 * for the project, told apart by the first column, kind. Function records fill the value
 * columns, file and project records the count and NAME_mean, NAME_p90, NAME_max columns;
 * the rest stay empty. Fields are quoted as RFC 4180 says; records end in LF. */
#include "analyzer/metrics_int.h"

#include <math.h>
#include <string.h>

#include "analyzer/error.h"

static const char *const stat_suffix[3] = { "mean", "p90", "max" };

/* A field, quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
static void put_field(FILE *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

/* ",value": reals with two decimals (empty when not finite), counts as integers. */
static void put_number(FILE *out, double v, int real)
{
    if (!isfinite(v))
        fputc(',', out);
    else if (real)
        fprintf(out, ",%.2f", v);
    else
        fprintf(out, ",%.0f", v);
}

static void put_empty(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(',', out);
}

static void put_header(FILE *out)
{
    fputs("kind,path,function,line", out);
    for (int col = 0; col < ECG_METRICS_N_COLS; col++)
        fprintf(out, ",%s", ecg_metrics_summary_col((enum ecg_metrics_col)col)->name);
    fputs(",count", out);
    for (int col = 0; col < ECG_METRICS_N_COLS; col++) {
        for (int s = 0; s < 3; s++)
            fprintf(out, ",%s_%s", ecg_metrics_summary_col((enum ecg_metrics_col)col)->name,
                    stat_suffix[s]);
    }
    fputc('\n', out);
}

static void put_function(FILE *out, const struct ecg_metrics_row *row, const char *root)
{
    fputs("function,", out);
    put_field(out, ecg_metrics_summary_relative(row->path, root));
    fputc(',', out);
    put_field(out, row->function);
    fprintf(out, ",%u", row->line);
    for (int col = 0; col < ECG_METRICS_N_COLS; col++) {
        enum ecg_metrics_col c = (enum ecg_metrics_col)col;

        put_number(out, ecg_metrics_summary_value(row, c), ecg_metrics_summary_col(c)->real);
    }
    put_empty(out, 1 + 3 * ECG_METRICS_N_COLS);
    fputc('\n', out);
}

/* A file record (path set) or the project's (path NULL: the path field is empty). */
static void put_group(FILE *out, const struct ecg_metrics_group *g, const char *root)
{
    fputs(g->path != NULL ? "file," : "project,", out);
    if (g->path != NULL)
        put_field(out, ecg_metrics_summary_relative(g->path, root));
    put_empty(out, 2 + ECG_METRICS_N_COLS);
    fprintf(out, ",%zu", g->count);
    for (int col = 0; col < ECG_METRICS_N_COLS; col++) {
        const struct ecg_metrics_stat *st = &g->stats[col];
        int real = ecg_metrics_summary_col((enum ecg_metrics_col)col)->real;

        if (g->count == 0) {
            put_empty(out, 3);
            continue;
        }
        put_number(out, st->mean, 1);
        put_number(out, st->p90, real);
        put_number(out, st->max, real);
    }
    fputc('\n', out);
}

int ecg_metrics_csv_write(FILE *out, const struct ecg_metrics_rows *rows,
                          const struct ecg_metrics_summary *sum, const char *root)
{
    put_header(out);
    for (size_t i = 0; i < rows->len; i++)
        put_function(out, &rows->items[i], root);
    for (size_t f = 0; f < sum->n_files; f++)
        put_group(out, &sum->files[f], root);
    put_group(out, &sum->project, root);
    return ferror(out) ? ECG_EIO : 0;
}
