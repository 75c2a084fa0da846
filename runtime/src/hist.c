/* The log-linear histogram's slow side: bucket ranges, percentiles, merge and the walk over
 * non-empty buckets. Recording is the static inline ecgrt_hist_record in ecg/hist.h. */
#include "ecg/hist.h"

#include <string.h>

void ecgrt_hist_init(struct ecgrt_hist *h)
{
    memset(h, 0, sizeof(*h));
    h->min = UINT64_MAX;
}

void ecgrt_hist_reset(struct ecgrt_hist *h)
{
    ecgrt_hist_init(h);
}

void ecgrt_hist_merge(struct ecgrt_hist *dst, const struct ecgrt_hist *src)
{
    uint64_t lo = dst->sum_lo + src->sum_lo;

    for (size_t i = 0; i < ECGRT_HIST_BUCKETS; i++)
        dst->counts[i] += src->counts[i];
    dst->count += src->count;
    dst->sum_hi += src->sum_hi + (lo < src->sum_lo);
    dst->sum_lo = lo;
    dst->min = src->min < dst->min ? src->min : dst->min;
    dst->max = src->max > dst->max ? src->max : dst->max;
}

void ecgrt_hist_bucket_range(uint64_t *lowest, uint64_t *highest, size_t index)
{
    unsigned shift;
    uint64_t sub;

    if (index < 2 * ECGRT_HIST_SUB_COUNT) {
        *lowest = index;
        *highest = index;
        return;
    }
    shift = (unsigned)(index >> ECGRT_HIST_SUB_BITS) - 1;
    sub = index - ((size_t)shift << ECGRT_HIST_SUB_BITS);
    *lowest = sub << shift;
    *highest = *lowest + ((UINT64_C(1) << shift) - 1);
}

uint64_t ecgrt_hist_count(const struct ecgrt_hist *h)
{
    return h->count;
}

uint64_t ecgrt_hist_min(const struct ecgrt_hist *h)
{
    return h->count == 0 ? 0 : h->min;
}

uint64_t ecgrt_hist_max(const struct ecgrt_hist *h)
{
    return h->max;
}

double ecgrt_hist_mean(const struct ecgrt_hist *h)
{
    double sum = (double)h->sum_hi * 18446744073709551616.0 + (double)h->sum_lo;

    return h->count == 0 ? 0.0 : sum / (double)h->count;
}

/* The nearest rank of percentile among count values: max(1, ceil(p / 100 * count)), with p
 * clamped to [0, 100] and NaN taken as 0 (a NaN must not reach the integer conversion). */
static uint64_t percentile_rank(uint64_t count, double percentile)
{
    double p = percentile >= 0.0 ? percentile : 0.0;
    double exact = (p > 100.0 ? 100.0 : p) / 100.0 * (double)count;
    uint64_t rank = (uint64_t)exact;

    if ((double)rank < exact)
        rank++;
    if (rank < 1)
        rank = 1;
    return rank > count ? count : rank;
}

uint64_t ecgrt_hist_value_at_percentile(const struct ecgrt_hist *h, double percentile)
{
    uint64_t rank;
    uint64_t seen = 0;
    size_t i = 0;
    uint64_t lowest;
    uint64_t highest;
    uint64_t mid;

    if (h->count == 0)
        return 0;
    rank = percentile_rank(h->count, percentile);
    if (rank == 1)
        return h->min; /* the smallest and largest values are known exactly */
    if (rank == h->count)
        return h->max;
    while (i < ECGRT_HIST_BUCKETS - 1 && seen + h->counts[i] < rank) {
        seen += h->counts[i];
        i++;
    }
    ecgrt_hist_bucket_range(&lowest, &highest, i);
    mid = lowest + (highest - lowest) / 2;
    if (mid < h->min)
        return h->min;
    return mid > h->max ? h->max : mid;
}

uint64_t ecgrt_hist_count_at_most(const struct ecgrt_hist *h, uint64_t value)
{
    size_t last = ecgrt_hist_bucket_index(value);
    uint64_t total = 0;

    for (size_t i = 0; i <= last; i++)
        total += h->counts[i];
    return total;
}

void ecgrt_hist_iter_init(struct ecgrt_hist_iter *it, const struct ecgrt_hist *h)
{
    it->h = h;
    it->next = 0;
}

bool ecgrt_hist_next(struct ecgrt_hist_bucket *out, struct ecgrt_hist_iter *it)
{
    size_t i = it->next;

    while (i < ECGRT_HIST_BUCKETS && it->h->counts[i] == 0)
        i++;
    it->next = i + 1;
    if (i >= ECGRT_HIST_BUCKETS) {
        it->next = ECGRT_HIST_BUCKETS;
        return false;
    }
    ecgrt_hist_bucket_range(&out->lowest, &out->highest, i);
    out->count = it->h->counts[i];
    return true;
}
