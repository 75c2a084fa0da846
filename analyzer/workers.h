/* The worker pool: N threads, each with its own CXIndex, take jobs in order from a shared
 * counter. Each job's results stay in the job, so merging in job order afterwards makes
 * the output independent of N and of scheduling. */
#ifndef ECG_ANALYZER_WORKERS_H
#define ECG_ANALYZER_WORKERS_H

#include <stddef.h>
#include <stdio.h>

struct ecg_job;
struct ecg_unit_env;

struct ecg_progress {
    FILE *stream;    /* where the "[ 42/310] src/foo.c" line goes; NULL: no progress */
    const char *cwd; /* file names under it are shown relative to it */
};

/* Analyses every job with min(threads, n) threads (threads 0 = online cores). Returns 0,
 * or ECG_ENOMEM when a thread could not be started (the jobs it would have run are run by
 * the others). */
int ecg_workers_run(struct ecg_job *jobs, size_t n, unsigned threads,
                    const struct ecg_unit_env *env, const struct ecg_progress *progress);

/* As ecg_workers_run, for the jobs with xrerun set only, without progress. */
int ecg_workers_rerun(struct ecg_job *jobs, size_t n, unsigned threads,
                      const struct ecg_unit_env *env);

/* The number of online cores, at least 1. */
unsigned ecg_workers_default_count(void);

#endif
