/* Stable fingerprints: a finding keeps its fingerprint when lines are added or removed
 * above it, and across checkouts in different directories. It hashes the rule id, the
 * path relative to the project root, the finding's source line with blanks removed, and
 * the occurrence index among findings that share those three. */
#ifndef ECG_ANALYZER_FINGERPRINT_H
#define ECG_ANALYZER_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

struct ecg_result;

/* 64-bit FNV-1a of data, continuing from seed (use ECG_FINGERPRINT_SEED to start). */
#define ECG_FINGERPRINT_SEED UINT64_C(0xcbf29ce484222325)
uint64_t ecg_fingerprint_hash(uint64_t seed, const void *data, size_t len);

/* Fills in the fingerprint of every finding of the result (which must be sorted), reading
 * source lines through result->sources (NULL: every line counts as empty). Returns 0 or
 * ECG_ENOMEM; on failure no fingerprint is changed. */
int ecg_fingerprint_assign(struct ecg_result *result);

#endif
