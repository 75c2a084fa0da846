/* `ecg metrics`: one row per function (file, function, line, cyclomatic, cognitive,
 * maintainability, Halstead volume, lines, statements, parameters, max nesting), then
 * per-file and project totals (count, mean, p90, max), as text, CSV or JSON; sorted and
 * deterministic. Rows are collected by the walk (see analyzer/fnmetrics.h) per job, merged
 * in job order, then sorted by path, line and function. */
#ifndef ECG_ANALYZER_METRICS_H
#define ECG_ANALYZER_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ecg_db;
struct ecg_diag;
struct ecg_fn_metrics;

struct ecg_metrics_row {
    char *path;     /* owned; absolute */
    char *function; /* owned */
    unsigned line;
    unsigned cyclomatic;
    unsigned cognitive;
    double maintainability; /* the 0-100 normalised index */
    double halstead_volume;
    unsigned lines;
    unsigned statements;
    unsigned parameters;
    unsigned max_nesting;
};

struct ecg_metrics_rows {
    struct ecg_metrics_row *items;
    size_t len;
    size_t cap;
};

enum ecg_metrics_format {
    ECG_METRICS_TEXT,
    ECG_METRICS_CSV,
    ECG_METRICS_JSON,
};

void ecg_metrics_rows_init(struct ecg_metrics_rows *rows);
void ecg_metrics_rows_fini(struct ecg_metrics_rows *rows);

/* Appends a row for m, a function in the file at path; with expanded, the counts that
 * include macro expansions, else those as written. Returns 0 or ECG_ENOMEM. */
int ecg_metrics_rows_add(struct ecg_metrics_rows *rows, const struct ecg_fn_metrics *m,
                         const char *path, int expanded);

/* Moves every row of from into rows (from is left empty). Returns 0 or ECG_ENOMEM. */
int ecg_metrics_rows_move_all(struct ecg_metrics_rows *rows, struct ecg_metrics_rows *from);

/* Sorts by path, line, function (then by the values, so the order is total) and drops
 * exact duplicates (a function in a header seen by several units); rows that differ only in
 * their values (a header function under different macros) are both kept. */
void ecg_metrics_rows_sort_unique(struct ecg_metrics_rows *rows);

/* Writes the rows and the per-file and project totals; paths relative to root. The rows
 * must be sorted (ecg_metrics_rows_sort_unique): a file's totals cover its consecutive rows.
 * The layouts are described in docs/metrics.md. Returns 0, ECG_ENOMEM or ECG_EIO. */
int ecg_metrics_write(FILE *out, const struct ecg_metrics_rows *rows, const char *root,
                      enum ecg_metrics_format format);

/* Records the run's rows in the results database (a metrics snapshot tied to the newest
 * history run, in one transaction) so complexity can be followed over time. Errors: ECG_EDB
 * (also when the history holds no run), ECG_ENOMEM. */
int ecg_metrics_store(struct ecg_db *db, const struct ecg_metrics_rows *rows, const char *root,
                      struct ecg_diag *diag);

/* As ecg_metrics_store, but ties the snapshot to the newest history run that started at
 * started_at (Unix seconds) with command_line, as ecg_history_record recorded the check run
 * that produced the rows, rather than to whichever run is newest (another process may have
 * added one since, or this run's record may have failed): ECG_EDB when there is no such
 * run. A snapshot replaces the run's previous one. */
int ecg_metrics_store_run(struct ecg_db *db, const struct ecg_metrics_rows *rows, const char *root,
                          int64_t started_at, const char *command_line, struct ecg_diag *diag);

#endif
