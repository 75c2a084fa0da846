/* A fast 128-bit non-cryptographic hash for cache keys and file contents. Two independent
 * 64-bit lanes over 8-byte words make accidental collisions negligible (the inputs are
 * the user's own files, not an adversary's). Stable across runs and machines. */
#ifndef ECG_ANALYZER_HASH_H
#define ECG_ANALYZER_HASH_H

#include <stddef.h>
#include <stdint.h>

struct ecg_hasher {
    uint64_t a;
    uint64_t b;
    uint64_t length; /* bytes fed so far */
};

/* Starts a hash. */
void ecg_hasher_init(struct ecg_hasher *h);

/* Feeds len bytes. Feeding "ab" then "c" differs from "a" then "bc": each call is a field. */
void ecg_hasher_feed(struct ecg_hasher *h, const void *data, size_t len);

/* Feeds a NUL-terminated string as one field (NULL feeds a distinct marker). */
void ecg_hasher_feed_str(struct ecg_hasher *h, const char *s);

/* Writes the 128-bit digest as 32 lowercase hex digits and a NUL into out. */
void ecg_hasher_hex(const struct ecg_hasher *h, char out[33]);

/* The digest of one buffer, as hex. */
void ecg_hash_hex(char out[33], const void *data, size_t len);

#endif
