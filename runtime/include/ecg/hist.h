/* A log-linear (HDR-style) histogram of uint64_t values with a fixed size and no allocation.
 * Values below 256 have a bucket each; above, every power of two [2^k, 2^(k+1)) is cut into 128
 * equal buckets, so a bucket is never wider than 1/128 of its lowest value and a reported
 * percentile (the middle of its bucket) is within 1/256 (0.39%) of the exact one. */
#ifndef ECG_RUNTIME_HIST_H
#define ECG_RUNTIME_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ecg/compat.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ECGRT_HIST_SUB_BITS = 7,                         /* log2 of buckets per power of two */
    ECGRT_HIST_SUB_COUNT = 1 << ECGRT_HIST_SUB_BITS, /* 128 */
    ECGRT_HIST_BUCKETS = (65 - ECGRT_HIST_SUB_BITS) << ECGRT_HIST_SUB_BITS, /* 7424: to 2^64 */
};

/* The histogram: about 58 KiB, caller's storage, one writer at a time. Readers (percentiles,
 * merge, export) must not run while the writer records: give each thread its own histogram and
 * merge them after, or read on the writer's thread. */
struct ecgrt_hist {
    uint64_t count;  /* values recorded */
    uint64_t min;    /* smallest value recorded; UINT64_MAX when empty */
    uint64_t max;    /* largest value recorded; 0 when empty */
    uint64_t sum_lo; /* the sum of the values, as a 128-bit number: low 64 bits ... */
    uint64_t sum_hi; /* ... and high 64 bits (values near 2^64 do not wrap it) */
    uint64_t counts[ECGRT_HIST_BUCKETS]; /* values per bucket; see ecgrt_hist_bucket_index */
};

/* A non-empty bucket, as ecgrt_hist_next reports it: values in [lowest, highest]. */
struct ecgrt_hist_bucket {
    uint64_t lowest;
    uint64_t highest;
    uint64_t count;
};

/* A position in a walk over the non-empty buckets, from the lowest values up. Borrows h. */
struct ecgrt_hist_iter {
    const struct ecgrt_hist *h;
    size_t next; /* the bucket index to look at next */
};

/* The bucket of value: values below 2*128 map to themselves; above, the shift of the value's
 * top bit beyond bit 7 selects a group of 128 buckets and the next 7 bits the bucket in it.
 * One bit scan, two shifts and an add: no division, no branch. */
static inline size_t ecgrt_hist_bucket_index(uint64_t value)
{
    unsigned shift = ecgrt_compat_msb64(value | ECGRT_HIST_SUB_COUNT) - ECGRT_HIST_SUB_BITS;

    return ((size_t)shift << ECGRT_HIST_SUB_BITS) + (size_t)(value >> shift);
}

/* Empties h (counts, min, max, sum). Never fails. */
void ecgrt_hist_init(struct ecgrt_hist *h);

/* Records one value: a few nanoseconds, no allocation, no lock. Single writer (see above). */
static inline void ecgrt_hist_record(struct ecgrt_hist *h, uint64_t value)
{
    /* the sum is 128 bits wide: the low half wraps on purpose, and the wrap is the carry */
    uint64_t lo = h->sum_lo + value; /* NOLINT(security-integer-overflow) */

    h->counts[ecgrt_hist_bucket_index(value)]++;
    h->count++;
    h->sum_hi += lo < value; /* carry */
    h->sum_lo = lo;
    h->min = value < h->min ? value : h->min;
    h->max = value > h->max ? value : h->max;
}

/* Empties h; the same as ecgrt_hist_init. */
void ecgrt_hist_reset(struct ecgrt_hist *h);

/* Adds every value of src to dst, as if each had been recorded into dst. */
void ecgrt_hist_merge(struct ecgrt_hist *dst, const struct ecgrt_hist *src);

/* The lowest and highest values of bucket index (index < ECGRT_HIST_BUCKETS). */
void ecgrt_hist_bucket_range(uint64_t *lowest, uint64_t *highest, size_t index);

/* The value at percentile (0..100, clamped; NaN counts as 0) by nearest rank: the value of rank
 * max(1, ceil(percentile / 100 * count)) in sorted order, reported as the middle of its bucket
 * clamped to [min, max]; the first and last ranks are min and max, exactly. 0 if h is empty. */
uint64_t ecgrt_hist_value_at_percentile(const struct ecgrt_hist *h, double percentile);

/* Values recorded. */
uint64_t ecgrt_hist_count(const struct ecgrt_hist *h);

/* Smallest value recorded, exact; 0 if h is empty. */
uint64_t ecgrt_hist_min(const struct ecgrt_hist *h);

/* Largest value recorded, exact; 0 if h is empty. */
uint64_t ecgrt_hist_max(const struct ecgrt_hist *h);

/* Mean of the values recorded (from their exact sum); 0 if h is empty. */
double ecgrt_hist_mean(const struct ecgrt_hist *h);

/* Values recorded that are at most value, counting whole buckets: a bucket counts if its
 * lowest value is at most value, so the result may include values up to value + value/128. */
uint64_t ecgrt_hist_count_at_most(const struct ecgrt_hist *h, uint64_t value);

/* Starts a walk over the non-empty buckets of h. */
void ecgrt_hist_iter_init(struct ecgrt_hist_iter *it, const struct ecgrt_hist *h);

/* The next non-empty bucket into *out; false (and *out untouched) when there is none. */
bool ecgrt_hist_next(struct ecgrt_hist_bucket *out, struct ecgrt_hist_iter *it);

#ifdef __cplusplus
}
#endif

#endif
