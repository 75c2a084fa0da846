/* The cross-unit rounds of a check run: after every unit was analysed on its own, link
 * their taint interfaces (analyzer/taint_xunit.h) and analyse again, with the seeds the link
 * gives them, the units whose seeds changed, until none changes. */
#ifndef ECG_ANALYZER_TAINT_XUNIT_RUN_H
#define ECG_ANALYZER_TAINT_XUNIT_RUN_H

#include <stddef.h>

struct ecg_job;
struct ecg_unit_env;

/* At most this many rounds: a chain of calls through this many units is followed. */
#define ECG_XUNIT_ROUNDS 8

/* Nonzero when cross-unit taint is worth doing: several units, and an enabled rule that
 * reads taint flows. */
int ecg_taint_xunit_run_wanted(const struct ecg_job *jobs, size_t n);

/* What the rounds did: the analyses they made and how many rounds made any. */
struct ecg_xunit_stats {
    size_t reanalysed;
    size_t rounds;
};

/* Runs the rounds over jobs analysed once (or replayed from the cache with their stored
 * interfaces), with the worker pool of threads; *out says what they did. Returns 0 or
 * ECG_ENOMEM. */
int ecg_taint_xunit_run_rounds(struct ecg_xunit_stats *out, struct ecg_job *jobs, size_t n,
                               unsigned threads, const struct ecg_unit_env *env);

#endif
