/* Planning a run: which translation units to analyse, with which flags, configuration
 * and rules. Inputs come from FILE arguments with "--" flags, from -p's compilation
 * database, or from a compile_commands.json found above each FILE (as clang-tidy does). */
#ifndef ECG_ANALYZER_PLAN_H
#define ECG_ANALYZER_PLAN_H

#include <stddef.h>
#include <stdio.h>

struct ecg_check_options;
struct ecg_config_cache;
struct ecg_diag;
struct ecg_job;

struct ecg_plan {
    struct ecg_job *jobs; /* owned */
    size_t n_jobs;
    size_t n_excluded; /* units skipped by exclude globs */
};

/* Builds the jobs. Errors (nothing is analysed then): ECG_EUSAGE for no inputs or a FILE
 * that is missing, a directory or unreadable; ECG_EIO or ECG_EPARSE for a compilation
 * database that is missing or malformed; ECG_ECONFIG or ECG_EPARSE for a bad .ecg.json;
 * ECG_ENOMEM. Warnings (no database found) go to err unless quiet. */
int ecg_plan_build(struct ecg_plan *plan, const struct ecg_check_options *opts,
                   struct ecg_config_cache *configs, FILE *err, struct ecg_diag *diag);

/* Releases the jobs. */
void ecg_plan_fini(struct ecg_plan *plan);

#endif
