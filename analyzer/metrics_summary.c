/* Per-file and project summaries of the metric rows: count, mean, nearest-rank p90 and max
 * of every column. Sums run in row order, so the output is the same on every run. */
#include "analyzer/metrics_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/path.h"

static const struct ecg_metrics_col_info col_infos[ECG_METRICS_N_COLS] = {
    [ECG_METRICS_CYCLOMATIC] = { "cyclomatic", "cyclomatic", 0 },
    [ECG_METRICS_COGNITIVE] = { "cognitive", "cognitive", 0 },
    [ECG_METRICS_MAINTAINABILITY] = { "maintainability", "MI", 1 },
    [ECG_METRICS_VOLUME] = { "volume", "volume", 1 },
    [ECG_METRICS_LINES] = { "lines", "lines", 0 },
    [ECG_METRICS_STATEMENTS] = { "statements", "statements", 0 },
    [ECG_METRICS_PARAMETERS] = { "parameters", "params", 0 },
    [ECG_METRICS_MAX_NESTING] = { "max_nesting", "nesting", 0 },
};

const struct ecg_metrics_col_info *ecg_metrics_summary_col(enum ecg_metrics_col col)
{
    return &col_infos[col];
}

double ecg_metrics_summary_value(const struct ecg_metrics_row *row, enum ecg_metrics_col col)
{
    const double values[ECG_METRICS_N_COLS] = {
        [ECG_METRICS_CYCLOMATIC] = row->cyclomatic,
        [ECG_METRICS_COGNITIVE] = row->cognitive,
        [ECG_METRICS_MAINTAINABILITY] = row->maintainability,
        [ECG_METRICS_VOLUME] = row->halstead_volume,
        [ECG_METRICS_LINES] = row->lines,
        [ECG_METRICS_STATEMENTS] = row->statements,
        [ECG_METRICS_PARAMETERS] = row->parameters,
        [ECG_METRICS_MAX_NESTING] = row->max_nesting,
    };

    return col < ECG_METRICS_N_COLS ? values[col] : 0;
}

const char *ecg_metrics_summary_relative(const char *path, const char *root)
{
    const char *rel = ecg_path_under(path, root);

    return rel != NULL ? rel : path;
}

/* Hoare's partition of v[lo, hi] around the value at its middle: afterwards every value at or
 * before *j is <= the pivot, every value at or after *i is >= it, and any in between equals it. */
static void partition(double *v, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t *i, ptrdiff_t *j)
{
    double pivot = v[lo + (hi - lo) / 2];
    ptrdiff_t a = lo, b = hi;

    while (a <= b) {
        while (v[a] < pivot)
            a++;
        while (v[b] > pivot)
            b--;
        if (a <= b) {
            double t = v[a];
            v[a] = v[b];
            v[b] = t;
            a++;
            b--;
        }
    }
    *i = a;
    *j = b;
}

/* The k-th smallest of v[0, n) (0-based, k < n), found by selection rather than a sort; v is
 * reordered. The value is the one a sort would put at k. */
static double select_kth(double *v, size_t n, size_t k)
{
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, want = (ptrdiff_t)k;

    while (lo < hi) {
        ptrdiff_t i, j;
        partition(v, lo, hi, &i, &j);
        if (want <= j)
            hi = j;
        else if (want >= i)
            lo = i;
        else
            return v[want];
    }
    return v[want];
}

static double max_of(const double *v, size_t n)
{
    double max = v[0];

    for (size_t i = 1; i < n; i++) {
        if (v[i] > max)
            max = v[i];
    }
    return max;
}

/* Fills g's statistics from rows[first, first + g->count); scratch holds g->count values. */
static void summarise(struct ecg_metrics_group *g, const struct ecg_metrics_row *rows,
                      double *scratch)
{
    size_t n = g->count;
    /* ceil(0.9 n) without floating point: nearest rank, 1-based. */
    size_t rank = (9 * n + 9) / 10;

    for (int col = 0; col < ECG_METRICS_N_COLS && n > 0; col++) {
        double sum = 0;

        for (size_t i = 0; i < n; i++) {
            scratch[i] = ecg_metrics_summary_value(&rows[i], (enum ecg_metrics_col)col);
            sum += scratch[i];
        }
        g->stats[col].mean = sum / (double)n;
        g->stats[col].max = max_of(scratch, n);
        g->stats[col].p90 = select_kth(scratch, n, rank - 1);
    }
}

static size_t count_files(const struct ecg_metrics_rows *rows)
{
    size_t n = 0;

    for (size_t i = 0; i < rows->len; i++) {
        if (i == 0 || strcmp(rows->items[i].path, rows->items[i - 1].path) != 0)
            n++;
    }
    return n;
}

int ecg_metrics_summary_build(struct ecg_metrics_summary *out, const struct ecg_metrics_rows *rows)
{
    size_t n_files = count_files(rows);
    struct ecg_metrics_group *files = calloc(n_files != 0 ? n_files : 1, sizeof(*files));
    double *scratch = malloc((rows->len != 0 ? rows->len : 1) * sizeof(*scratch));
    size_t first = 0;

    if (files == NULL || scratch == NULL) {
        free(files);
        free(scratch);
        return ECG_ENOMEM;
    }
    memset(out, 0, sizeof(*out));
    for (size_t f = 0; f < n_files; f++) {
        size_t end = first + 1;

        while (end < rows->len && strcmp(rows->items[end].path, rows->items[first].path) == 0)
            end++;
        files[f].path = rows->items[first].path;
        files[f].count = end - first;
        summarise(&files[f], &rows->items[first], scratch);
        first = end;
    }
    out->project.count = rows->len;
    summarise(&out->project, rows->items, scratch);
    free(scratch);
    out->files = files;
    out->n_files = n_files;
    return 0;
}

void ecg_metrics_summary_fini(struct ecg_metrics_summary *s)
{
    free(s->files);
    memset(s, 0, sizeof(*s));
}
