/* Private to analyzer/metrics*.c, db_metrics.c and their unit test: the eight metric
 * columns every output format shares (their names, and whether they are real numbers), the
 * per-file and project summaries (count, mean, nearest-rank p90, max) and the writers. */
#ifndef ECG_ANALYZER_METRICS_INT_H
#define ECG_ANALYZER_METRICS_INT_H

#include <stddef.h>
#include <stdio.h>

#include "analyzer/metrics.h"

/* The metric columns, in output order. */
enum ecg_metrics_col {
    ECG_METRICS_CYCLOMATIC,
    ECG_METRICS_COGNITIVE,
    ECG_METRICS_MAINTAINABILITY,
    ECG_METRICS_VOLUME,
    ECG_METRICS_LINES,
    ECG_METRICS_STATEMENTS,
    ECG_METRICS_PARAMETERS,
    ECG_METRICS_MAX_NESTING,
    ECG_METRICS_N_COLS
};

struct ecg_metrics_col_info {
    const char *name;  /* CSV, JSON and database column: "max_nesting" */
    const char *title; /* text table header: "nesting" */
    int real;          /* 1: a real number (maintainability, volume); 0: a count */
};

/* Statistics of one column over a group of functions. */
struct ecg_metrics_stat {
    double mean;
    double p90; /* nearest rank: the value at rank ceil(0.9 n) of the n values, ascending */
    double max;
};

/* A file (its rows are consecutive once sorted) or the whole project. */
struct ecg_metrics_group {
    const char *path; /* borrowed from the rows; NULL for the project */
    size_t count;     /* functions; the statistics are meaningful only when count > 0 */
    struct ecg_metrics_stat stats[ECG_METRICS_N_COLS];
};

struct ecg_metrics_summary {
    struct ecg_metrics_group *files; /* owned; in row order */
    size_t n_files;
    struct ecg_metrics_group project;
};

/* The name, title and kind of col (a static record). */
const struct ecg_metrics_col_info *ecg_metrics_summary_col(enum ecg_metrics_col col);

/* The value of col in row, as a double (counts convert exactly). */
double ecg_metrics_summary_value(const struct ecg_metrics_row *row, enum ecg_metrics_col col);

/* Summarises rows, which must be sorted by path (ecg_metrics_rows_sort_unique): one group
 * per run of rows with the same path, and the project. The groups borrow the rows' paths.
 * Returns 0 or ECG_ENOMEM. */
int ecg_metrics_summary_build(struct ecg_metrics_summary *out, const struct ecg_metrics_rows *rows);

/* Releases what the summary owns. */
void ecg_metrics_summary_fini(struct ecg_metrics_summary *s);

/* path relative to root when it lies under it, else path itself (borrowed from path). */
const char *ecg_metrics_summary_relative(const char *path, const char *root);

/* The writers behind ecg_metrics_write; rows sorted, paths shown relative to root. Each
 * returns 0 or ECG_EIO (a write failed); the layouts are documented in docs/metrics.md. */
int ecg_metrics_text_write(FILE *out, const struct ecg_metrics_rows *rows,
                           const struct ecg_metrics_summary *sum, const char *root);
int ecg_metrics_csv_write(FILE *out, const struct ecg_metrics_rows *rows,
                          const struct ecg_metrics_summary *sum, const char *root);
int ecg_metrics_json_write(FILE *out, const struct ecg_metrics_rows *rows,
                           const struct ecg_metrics_summary *sum, const char *root);

#endif
