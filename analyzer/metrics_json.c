/* The JSON layout of `ecg metrics`:
 *   {"functions": [{"path", "function", "line", <metric>...}, ...],
 *    "files": [{"path", "count", <metric>: {"mean", "p90", "max"}, ...}, ...],
 *    "project": {"count", <metric>: {"mean", "p90", "max"}, ...}}
 * Keys always in this order, one function or file per line; reals with two decimals, and
 * null for a value that is not a finite number or a statistic of no functions. */
#include "analyzer/metrics_int.h"

#include <math.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/utf8.h"

/* A JSON string: quotes, backslashes and control characters escaped, and each byte that
 * starts no valid UTF-8 character replaced by U+FFFD, so the document is always valid. */
static void put_string(FILE *out, const char *s)
{
    size_t n = strlen(s);

    fputc('"', out);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = ecg_utf8_char_length(s + i, n - i);

        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else if (len == 0)
            fputs("\\ufffd", out);
        else
            fwrite(s + i, 1, len, out);
        i += len != 0 ? len : 1;
    }
    fputc('"', out);
}

static void put_number(FILE *out, double v, int real)
{
    if (!isfinite(v))
        fputs("null", out);
    else if (real)
        fprintf(out, "%.2f", v);
    else
        fprintf(out, "%.0f", v);
}

static void put_function(FILE *out, const struct ecg_metrics_row *row, const char *root)
{
    fputs("{\"path\": ", out);
    put_string(out, ecg_metrics_summary_relative(row->path, root));
    fputs(", \"function\": ", out);
    put_string(out, row->function);
    fprintf(out, ", \"line\": %u", row->line);
    for (int col = 0; col < ECG_METRICS_N_COLS; col++) {
        const struct ecg_metrics_col_info *info =
            ecg_metrics_summary_col((enum ecg_metrics_col)col);

        fprintf(out, ", \"%s\": ", info->name);
        put_number(out, ecg_metrics_summary_value(row, (enum ecg_metrics_col)col), info->real);
    }
    fputc('}', out);
}

/* The members after "{" of a file or the project: [path,] count and the statistics. */
static void put_group(FILE *out, const struct ecg_metrics_group *g, const char *root)
{
    if (g->path != NULL) {
        fputs("\"path\": ", out);
        put_string(out, ecg_metrics_summary_relative(g->path, root));
        fputs(", ", out);
    }
    fprintf(out, "\"count\": %zu", g->count);
    for (int col = 0; col < ECG_METRICS_N_COLS; col++) {
        const struct ecg_metrics_col_info *info =
            ecg_metrics_summary_col((enum ecg_metrics_col)col);
        const struct ecg_metrics_stat *st = &g->stats[col];

        fprintf(out, ", \"%s\": ", info->name);
        if (g->count == 0) {
            fputs("{\"mean\": null, \"p90\": null, \"max\": null}", out);
            continue;
        }
        fputs("{\"mean\": ", out);
        put_number(out, st->mean, 1);
        fputs(", \"p90\": ", out);
        put_number(out, st->p90, info->real);
        fputs(", \"max\": ", out);
        put_number(out, st->max, info->real);
        fputc('}', out);
    }
}

/* The separator before item i of n in an array that holds one item per line. */
static void put_item_start(FILE *out, size_t i)
{
    fputs(i == 0 ? "\n    " : ",\n    ", out);
}

static void put_array_end(FILE *out, size_t n)
{
    fputs(n == 0 ? "]" : "\n  ]", out);
}

int ecg_metrics_json_write(FILE *out, const struct ecg_metrics_rows *rows,
                           const struct ecg_metrics_summary *sum, const char *root)
{
    fputs("{\n  \"functions\": [", out);
    for (size_t i = 0; i < rows->len; i++) {
        put_item_start(out, i);
        put_function(out, &rows->items[i], root);
    }
    put_array_end(out, rows->len);
    fputs(",\n  \"files\": [", out);
    for (size_t f = 0; f < sum->n_files; f++) {
        put_item_start(out, f);
        fputc('{', out);
        put_group(out, &sum->files[f], root);
        fputc('}', out);
    }
    put_array_end(out, sum->n_files);
    fputs(",\n  \"project\": {", out);
    put_group(out, &sum->project, root);
    fputs("}\n}\n", out);
    return ferror(out) ? ECG_EIO : 0;
}
