/* The rows of `ecg metrics`: one per function, filled from struct ecg_fn_metrics by the
 * walk's sink in each job and moved into the run's result in job order; see metrics.h. */
#include "analyzer/metrics.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/fnmetrics.h"

void ecg_metrics_rows_init(struct ecg_metrics_rows *rows)
{
    memset(rows, 0, sizeof(*rows));
}

void ecg_metrics_rows_fini(struct ecg_metrics_rows *rows)
{
    for (size_t i = 0; i < rows->len; i++) {
        free(rows->items[i].path);
        free(rows->items[i].function);
    }
    free(rows->items);
    memset(rows, 0, sizeof(*rows));
}

static int rows_reserve(struct ecg_metrics_rows *rows, size_t n)
{
    struct ecg_metrics_row *grown;
    size_t cap = rows->cap != 0 ? rows->cap : 16;

    if (n <= rows->cap)
        return 0;
    while (cap < n)
        cap *= 2;
    grown = realloc(rows->items, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    rows->items = grown;
    rows->cap = cap;
    return 0;
}

int ecg_metrics_rows_add(struct ecg_metrics_rows *rows, const struct ecg_fn_metrics *m,
                         const char *path, int expanded)
{
    const struct ecg_fn_counts *counts = expanded ? &m->expanded : &m->written;
    struct ecg_metrics_row row;

    if (rows_reserve(rows, rows->len + 1) != 0)
        return ECG_ENOMEM;
    memset(&row, 0, sizeof(row));
    row.path = strdup(path);
    row.function = strdup(m->name != NULL ? m->name : "");
    if (row.path == NULL || row.function == NULL) {
        free(row.path);
        free(row.function);
        return ECG_ENOMEM;
    }
    row.line = m->line;
    row.cyclomatic = counts->cyclomatic;
    row.cognitive = counts->cognitive;
    row.maintainability = m->mi_normalized;
    row.halstead_volume = m->halstead_volume;
    row.lines = m->lines;
    row.statements = counts->statements;
    row.parameters = m->parameters;
    row.max_nesting = counts->max_nesting;
    rows->items[rows->len++] = row;
    return 0;
}

int ecg_metrics_rows_move_all(struct ecg_metrics_rows *rows, struct ecg_metrics_rows *from)
{
    if (from->len == 0)
        return 0;
    if (rows->len == 0) {
        struct ecg_metrics_rows empty = *rows;
        *rows = *from;
        *from = empty;
        return 0;
    }
    if (rows_reserve(rows, rows->len + from->len) != 0)
        return ECG_ENOMEM;
    memcpy(rows->items + rows->len, from->items, from->len * sizeof(*from->items));
    rows->len += from->len;
    from->len = 0;
    return 0;
}
