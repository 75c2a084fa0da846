/* The check run's use of the results database: opening it (or running without it, with
 * a warning, when it cannot be written), loading and saving the baseline, and recording
 * the run in the history. */
#ifndef ECG_ANALYZER_RUNDB_H
#define ECG_ANALYZER_RUNDB_H

#include <stddef.h>
#include <stdio.h>

struct ecg_check_options;
struct ecg_db;
struct ecg_db_baseline_entry;
struct ecg_diag;
struct ecg_result;

/* Opens the database the options name (--db, else .ecg/ecg.db under root). *out is NULL
 * with --no-db, or when the database cannot be written (a warning goes to err) unless the
 * run needs it (--baseline, baseline save): then ECG_EIO. A file that is not ecg's
 * database is ECG_EDB (use --reset-db). */
int ecg_rundb_open(struct ecg_db **out, const struct ecg_check_options *opts, const char *root,
                   FILE *err, struct ecg_diag *diag);

/* Loads the saved baseline; ECG_EUSAGE when none was ever saved. */
int ecg_rundb_load_baseline(struct ecg_db_baseline_entry **out, size_t *out_n, struct ecg_db *db,
                            struct ecg_diag *diag);

/* Replaces the saved baseline by the result's unsuppressed findings; *out_n says how many. */
int ecg_rundb_save_baseline(struct ecg_db *db, const struct ecg_result *result, size_t *out_n,
                            struct ecg_diag *diag);

#endif
