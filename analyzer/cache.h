/* The incremental cache: a unit whose inputs are unchanged replays its findings from the
 * results database instead of being parsed. The key covers ecg's version, libclang's,
 * the effective rule configuration, the compile arguments, the unit's path, and the
 * contents of the unit and of every file its parse read (checked against their current
 * contents on disk). Known limit: a header that newly appears earlier on the include path,
 * shadowing the one the unit read, is not noticed until that header changes. */
#ifndef ECG_ANALYZER_CACHE_H
#define ECG_ANALYZER_CACHE_H

#include <stddef.h>

struct ecg_db;
struct ecg_diag;
struct ecg_job;
struct ecg_cache;

/* A cache over an open database (borrowed). NULL when memory runs out. */
struct ecg_cache *ecg_cache_new(struct ecg_db *db, const char *resource_dir, const char *root);

void ecg_cache_free(struct ecg_cache *cache);

/* Looks every job up; a hit fills the job's findings and sets job->cached. Returns the
 * number of hits through *out_hits. Database errors are ECG_EDB (detail in diag); entries
 * that cannot be read are misses. */
int ecg_cache_lookup_all(struct ecg_cache *cache, struct ecg_job *jobs, size_t n, size_t *out_hits,
                         struct ecg_diag *diag);

/* Stores every job that was analysed successfully (not cached, not failed), in one
 * transaction. Errors: ECG_EDB, ECG_ENOMEM. */
int ecg_cache_store_all(struct ecg_cache *cache, const struct ecg_job *jobs, size_t n,
                        struct ecg_diag *diag);

#endif
