/* GitHub's primaryLocationLineHash: the rolling hash that codeql-action's upload computes
 * for every line of a file, reproduced bit for bit so that the value ecg writes is the one
 * GitHub would compute (it warns when they differ). A cache keeps each file's hashes for
 * the life of one log, so a file is hashed once however many results it holds. */
#ifndef ECG_SARIF_LINEHASH_H
#define ECG_SARIF_LINEHASH_H

#include <stddef.h>

/* Room for any value: 16 hex digits, ':', a count of up to 20 digits, and the NUL. */
#define SARIF_LINEHASH_SIZE 40

/* The hashes of every line of one file. */
struct sarif_linehash;

/* Hashes text[0..len), a file's bytes (UTF-8; invalid bytes count as U+FFFD). *out
 * belongs to the caller (sarif_linehash_free). Returns 0 or ECG_ENOMEM. */
int sarif_linehash_compute(struct sarif_linehash **out, const char *text, size_t len);

/* Releases lh; NULL is a no-op. */
void sarif_linehash_free(struct sarif_linehash *lh);

/* Number of lines hashed: the file's lines, plus one when it ends with a line break (the
 * end of file then starts a line of its own, as GitHub counts). An empty file has one. */
size_t sarif_linehash_lines(const struct sarif_linehash *lh);

/* Writes the value of the 1-based line, "<hex>:<n>", into buf (SARIF_LINEHASH_SIZE bytes
 * suffice) and returns buf; NULL when the file has no such line or buf is too small. */
const char *sarif_linehash_format(char *buf, size_t size, const struct sarif_linehash *lh,
                                  unsigned line);

/* Files' hashes by path, for one log. Not thread-safe. */
struct sarif_linehash_cache;

/* A new empty cache; NULL when memory runs out. */
struct sarif_linehash_cache *sarif_linehash_cache_new(void);

/* Releases the cache and every hash set in it; NULL is a no-op. */
void sarif_linehash_cache_free(struct sarif_linehash_cache *cache);

/* The hashes of the file at path: computed from text[0..len) on the first call for path,
 * returned from the cache afterwards (text is then ignored). *out is borrowed from the
 * cache. Returns 0 or ECG_ENOMEM. */
int sarif_linehash_cache_get(const struct sarif_linehash **out, struct sarif_linehash_cache *cache,
                             const char *path, const char *text, size_t len);

#endif
