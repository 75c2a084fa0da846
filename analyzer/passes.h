/* The passes over all findings once every unit is analysed, in this order: sort and drop
 * duplicates, fingerprint, keep only changed lines (--changed-since), suppressions
 * (NOLINT), baseline states (--baseline), and the gate count. Fingerprints come before
 * the changed-lines filter so that filtering never shifts an occurrence index. */
#ifndef ECG_ANALYZER_PASSES_H
#define ECG_ANALYZER_PASSES_H

#include <stddef.h>
#include <stdio.h>

struct ecg_changes;
struct ecg_db_baseline_entry;
struct ecg_job;
struct ecg_result;

struct ecg_passes {
    const struct ecg_changes *changes; /* NULL: keep findings on every line */
    int use_baseline;
    const struct ecg_db_baseline_entry *baseline; /* sorted by fingerprint */
    size_t n_baseline;
    const struct ecg_job *jobs; /* the run's jobs, for the files the baseline covers */
    size_t n_jobs;
    FILE *err; /* misuse of NOLINT markers is reported here */
};

/* Runs every pass over result. Returns 0 or ECG_ENOMEM. */
int ecg_passes_run(struct ecg_result *result, const struct ecg_passes *passes);

#endif
