/* The baseline: a saved set of finding fingerprints. With --baseline, findings in it are
 * "unchanged" and never fail the gate, the others are "new", and saved findings no longer
 * found in the files this run read are "absent". */
#ifndef ECG_ANALYZER_BASELINE_H
#define ECG_ANALYZER_BASELINE_H

#include <stddef.h>

struct ecg_db_baseline_entry;
struct ecg_job;
struct ecg_result;

/* Builds the entries to save from the result's unsuppressed findings (paths relative to
 * the root). *out is owned by the caller (ecg_db_baseline_free). Returns 0 or ECG_ENOMEM. */
int ecg_baseline_from_result(struct ecg_db_baseline_entry **out, size_t *out_n,
                             const struct ecg_result *result);

/* Marks each finding NEW or UNCHANGED against entries (sorted by fingerprint) and fills
 * result->absent with the entries not found whose file this run read (a unit or a header
 * in some job's deps). Returns 0 or ECG_ENOMEM. */
int ecg_baseline_apply(struct ecg_result *result, const struct ecg_db_baseline_entry *entries,
                       size_t n, const struct ecg_job *jobs, size_t n_jobs);

#endif
