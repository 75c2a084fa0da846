/* Ordering the metric rows (path, line, function, then every value, so the order is total
 * and output is the same whatever -j is) and writing them with their totals in the format
 * asked for. The writers live in metrics_text.c, metrics_csv.c and metrics_json.c. */
#include "analyzer/metrics.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/metrics_int.h"

static int cmp_unsigned(unsigned a, unsigned b)
{
    return (a > b) - (a < b);
}

static int cmp_real(double a, double b)
{
    return (a > b) - (a < b);
}

/* The fields after path, line and function, so rows that differ only there (a header
 * function seen by units with different macros) still sort the same way every time. */
static int cmp_values(const struct ecg_metrics_row *x, const struct ecg_metrics_row *y)
{
    const unsigned a[] = { x->cyclomatic, x->cognitive,  x->lines,
                           x->statements, x->parameters, x->max_nesting };
    const unsigned b[] = { y->cyclomatic, y->cognitive,  y->lines,
                           y->statements, y->parameters, y->max_nesting };
    int c = 0;

    for (size_t i = 0; c == 0 && i < sizeof(a) / sizeof(a[0]); i++)
        c = cmp_unsigned(a[i], b[i]);
    if (c == 0)
        c = cmp_real(x->maintainability, y->maintainability);
    if (c == 0)
        c = cmp_real(x->halstead_volume, y->halstead_volume);
    return c;
}

static int cmp_rows(const void *pa, const void *pb)
{
    const struct ecg_metrics_row *x = pa;
    const struct ecg_metrics_row *y = pb;
    int c = strcmp(x->path, y->path);

    if (c == 0)
        c = cmp_unsigned(x->line, y->line);
    if (c == 0)
        c = strcmp(x->function, y->function);
    if (c == 0)
        c = cmp_values(x, y);
    return c;
}

void ecg_metrics_rows_sort_unique(struct ecg_metrics_rows *rows)
{
    size_t kept = 0;

    if (rows->len < 2)
        return;
    qsort(rows->items, rows->len, sizeof(rows->items[0]), cmp_rows);
    for (size_t i = 0; i < rows->len; i++) {
        struct ecg_metrics_row *row = &rows->items[i];

        if (kept > 0 && cmp_rows(&rows->items[kept - 1], row) == 0) {
            free(row->path);
            free(row->function);
            continue;
        }
        rows->items[kept++] = *row;
    }
    rows->len = kept;
}

static int write_format(FILE *out, const struct ecg_metrics_rows *rows,
                        const struct ecg_metrics_summary *sum, const char *root,
                        enum ecg_metrics_format format)
{
    switch (format) {
    case ECG_METRICS_TEXT:
        return ecg_metrics_text_write(out, rows, sum, root);
    case ECG_METRICS_CSV:
        return ecg_metrics_csv_write(out, rows, sum, root);
    case ECG_METRICS_JSON:
        return ecg_metrics_json_write(out, rows, sum, root);
    }
    return ECG_EIO;
}

int ecg_metrics_write(FILE *out, const struct ecg_metrics_rows *rows, const char *root,
                      enum ecg_metrics_format format)
{
    struct ecg_metrics_summary sum;
    int rc = ecg_metrics_summary_build(&sum, rows);

    if (rc != 0)
        return rc;
    rc = write_format(out, rows, &sum, root, format);
    ecg_metrics_summary_fini(&sum);
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = ECG_EIO;
    return rc;
}
