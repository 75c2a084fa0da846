/* Unit tests for the log-linear histogram: bucket boundaries, percentiles against a sorted
 * array over seeded random data (within the documented 1/256), merge, reset and extremes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ecg/hist.h"

enum { SAMPLES = 200000 };

/* xorshift64*: a seeded, reproducible stream. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

/* Log-uniform values up to 2^bits: every scale is equally represented. */
static uint64_t log_uniform(uint64_t *s, unsigned bits)
{
    uint64_t r = next_random(s);
    unsigned top = (unsigned)(r % bits);
    uint64_t v = next_random(s);

    return top == 0 ? v & 1 : v >> (63 - top);
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

static struct ecgrt_hist *new_hist(void)
{
    struct ecgrt_hist *h = malloc(sizeof(*h));

    assert_non_null(h);
    ecgrt_hist_init(h);
    return h;
}

static void test_hist_bucket_index_by_hand(void **state)
{
    (void)state;
    assert_int_equal(ecgrt_hist_bucket_index(0), 0);
    assert_int_equal(ecgrt_hist_bucket_index(1), 1);
    assert_int_equal(ecgrt_hist_bucket_index(127), 127);
    assert_int_equal(ecgrt_hist_bucket_index(255), 255);
    assert_int_equal(ecgrt_hist_bucket_index(256), 256);
    assert_int_equal(ecgrt_hist_bucket_index(257), 256);
    assert_int_equal(ecgrt_hist_bucket_index(258), 257);
    assert_int_equal(ecgrt_hist_bucket_index(511), 383);
    assert_int_equal(ecgrt_hist_bucket_index(512), 384);
    assert_int_equal(ecgrt_hist_bucket_index(1000), 506);
    assert_int_equal(ecgrt_hist_bucket_index(1023), 511);
    assert_int_equal(ecgrt_hist_bucket_index(1024), 512);
    assert_int_equal(ecgrt_hist_bucket_index((UINT64_C(1) << 63) - 1), 7295);
    assert_int_equal(ecgrt_hist_bucket_index(UINT64_C(1) << 63), 7296);
    assert_int_equal(ecgrt_hist_bucket_index(UINT64_MAX), ECGRT_HIST_BUCKETS - 1);
}

static void test_hist_bucket_range_by_hand(void **state)
{
    uint64_t lo;
    uint64_t hi;

    (void)state;
    ecgrt_hist_bucket_range(&lo, &hi, 255);
    assert_true(lo == 255 && hi == 255);
    ecgrt_hist_bucket_range(&lo, &hi, 256);
    assert_true(lo == 256 && hi == 257);
    ecgrt_hist_bucket_range(&lo, &hi, 506);
    assert_true(lo == 1000 && hi == 1003);
    ecgrt_hist_bucket_range(&lo, &hi, 512);
    assert_true(lo == 1024 && hi == 1031);
    ecgrt_hist_bucket_range(&lo, &hi, ECGRT_HIST_BUCKETS - 1);
    assert_true(lo == UINT64_C(255) << 56 && hi == UINT64_MAX);
}

/* Buckets tile [0, 2^64) without gaps, and none is wider than 1/128 of its lowest value. */
static void test_hist_buckets_tile_the_range(void **state)
{
    uint64_t expect_lo = 0;

    (void)state;
    for (size_t i = 0; i < ECGRT_HIST_BUCKETS; i++) {
        uint64_t lo;
        uint64_t hi;
        ecgrt_hist_bucket_range(&lo, &hi, i);
        assert_true(lo == expect_lo);
        assert_true(hi >= lo);
        assert_true(hi - lo <= lo / 128);
        assert_int_equal(ecgrt_hist_bucket_index(lo), i);
        assert_int_equal(ecgrt_hist_bucket_index(hi), i);
        expect_lo = hi + 1;
    }
    assert_true(expect_lo == 0); /* the last bucket ended at UINT64_MAX */
}

static void check_percentiles(const struct ecgrt_hist *h, uint64_t *sorted, size_t n)
{
    static const double ps[] = { 0, 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100 };

    qsort(sorted, n, sizeof(*sorted), compare_u64);
    for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
        double exact_rank = ps[i] / 100.0 * (double)n;
        uint64_t rank = (uint64_t)exact_rank;
        rank += (double)rank < exact_rank;
        rank = rank < 1 ? 1 : rank;
        uint64_t exact = sorted[rank - 1];
        uint64_t got = ecgrt_hist_value_at_percentile(h, ps[i]);
        uint64_t diff = got > exact ? got - exact : exact - got;
        assert_true(diff <= exact / 256);
    }
    assert_true(ecgrt_hist_value_at_percentile(h, 0) == sorted[0]);
    assert_true(ecgrt_hist_value_at_percentile(h, 100) == sorted[n - 1]);
}

static void test_hist_percentiles_match_sorted_reference(void **state)
{
    static const unsigned scales[] = { 8, 20, 40, 63 };
    uint64_t *values = malloc(SAMPLES * sizeof(*values));
    struct ecgrt_hist *h = new_hist();

    (void)state;
    assert_non_null(values);
    for (size_t k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
        uint64_t seed = 0x9e3779b97f4a7c15u + k;
        ecgrt_hist_reset(h);
        for (size_t i = 0; i < SAMPLES; i++) {
            values[i] = log_uniform(&seed, scales[k]);
            ecgrt_hist_record(h, values[i]);
        }
        assert_true(ecgrt_hist_count(h) == SAMPLES);
        check_percentiles(h, values, SAMPLES);
    }
    free(values);
    free(h);
}

static void test_hist_small_values_are_exact(void **state)
{
    struct ecgrt_hist *h = new_hist();

    (void)state;
    for (uint64_t v = 1; v <= 100; v++)
        ecgrt_hist_record(h, v);
    assert_true(ecgrt_hist_value_at_percentile(h, 50) == 50);
    assert_true(ecgrt_hist_value_at_percentile(h, 99) == 99);
    assert_true(ecgrt_hist_value_at_percentile(h, 99.5) == 100);
    assert_true(ecgrt_hist_value_at_percentile(h, -5) == 1);
    assert_true(ecgrt_hist_value_at_percentile(h, 250) == 100);
    assert_true(ecgrt_hist_value_at_percentile(h, NAN) == 1);
    assert_true(ecgrt_hist_min(h) == 1 && ecgrt_hist_max(h) == 100);
    assert_true(ecgrt_hist_mean(h) == 50.5);
    free(h);
}

static void test_hist_merge_equals_recording_both(void **state)
{
    struct ecgrt_hist *a = new_hist();
    struct ecgrt_hist *b = new_hist();
    struct ecgrt_hist *both = new_hist();
    uint64_t seed = 42;

    (void)state;
    for (int i = 0; i < 50000; i++) {
        uint64_t v = log_uniform(&seed, 64);
        ecgrt_hist_record(i % 3 == 0 ? a : b, v);
        ecgrt_hist_record(both, v);
    }
    ecgrt_hist_merge(a, b);
    assert_memory_equal(a, both, sizeof(*a));
    free(a);
    free(b);
    free(both);
}

static void test_hist_merge_of_empty_changes_nothing(void **state)
{
    struct ecgrt_hist *a = new_hist();
    struct ecgrt_hist *empty = new_hist();
    struct ecgrt_hist *copy = new_hist();

    (void)state;
    ecgrt_hist_record(a, 7);
    ecgrt_hist_record(a, 70000);
    memcpy(copy, a, sizeof(*a));
    ecgrt_hist_merge(a, empty);
    assert_memory_equal(a, copy, sizeof(*a));
    ecgrt_hist_merge(empty, copy);
    assert_memory_equal(empty, copy, sizeof(*a));
    free(a);
    free(empty);
    free(copy);
}

static void test_hist_reset_empties(void **state)
{
    struct ecgrt_hist *h = new_hist();
    struct ecgrt_hist *fresh = new_hist();

    (void)state;
    for (uint64_t v = 0; v < 5000; v += 7)
        ecgrt_hist_record(h, v * v);
    ecgrt_hist_reset(h);
    assert_memory_equal(h, fresh, sizeof(*h));
    assert_true(ecgrt_hist_count(h) == 0);
    assert_true(ecgrt_hist_value_at_percentile(h, 50) == 0);
    assert_true(ecgrt_hist_min(h) == 0 && ecgrt_hist_max(h) == 0);
    assert_true(ecgrt_hist_mean(h) == 0.0);
    free(h);
    free(fresh);
}

static void test_hist_extremes(void **state)
{
    struct ecgrt_hist *h = new_hist();
    uint64_t big = UINT64_MAX >> 1;

    (void)state;
    ecgrt_hist_record(h, 0);
    ecgrt_hist_record(h, 1);
    ecgrt_hist_record(h, big);
    ecgrt_hist_record(h, UINT64_MAX);
    assert_true(ecgrt_hist_min(h) == 0);
    assert_true(ecgrt_hist_max(h) == UINT64_MAX);
    assert_true(ecgrt_hist_value_at_percentile(h, 0) == 0);
    assert_true(ecgrt_hist_value_at_percentile(h, 25) == 0);
    assert_true(ecgrt_hist_value_at_percentile(h, 50) == 1);
    assert_true(ecgrt_hist_value_at_percentile(h, 75) >= big - big / 256);
    assert_true(ecgrt_hist_value_at_percentile(h, 75) <= big + big / 256);
    assert_true(ecgrt_hist_value_at_percentile(h, 100) == UINT64_MAX);
    /* 0 + 1 + (2^63 - 1) + (2^64 - 1) = 2^64 + 2^63 - 1: the sum carries into sum_hi;
     * the mean is a quarter of it, about 6.92e18 */
    assert_true(h->sum_hi == 1 && h->sum_lo == big);
    assert_true(ecgrt_hist_mean(h) > 6.9e18 && ecgrt_hist_mean(h) < 7.0e18);
    free(h);
}

static void test_hist_iterates_non_empty_buckets(void **state)
{
    struct ecgrt_hist *h = new_hist();
    struct ecgrt_hist_iter it;
    struct ecgrt_hist_bucket b;

    (void)state;
    ecgrt_hist_record(h, 5);
    ecgrt_hist_record(h, 5);
    ecgrt_hist_record(h, 300);
    ecgrt_hist_record(h, 1003);
    ecgrt_hist_iter_init(&it, h);
    assert_true(ecgrt_hist_next(&b, &it));
    assert_true(b.lowest == 5 && b.highest == 5 && b.count == 2);
    assert_true(ecgrt_hist_next(&b, &it));
    assert_true(b.lowest == 300 && b.highest == 301 && b.count == 1);
    assert_true(ecgrt_hist_next(&b, &it));
    assert_true(b.lowest == 1000 && b.highest == 1003 && b.count == 1);
    assert_false(ecgrt_hist_next(&b, &it));
    assert_false(ecgrt_hist_next(&b, &it));
    assert_true(b.lowest == 1000); /* untouched at the end */
    free(h);
}

static void test_hist_count_at_most_counts_whole_buckets(void **state)
{
    struct ecgrt_hist *h = new_hist();

    (void)state;
    ecgrt_hist_record(h, 99);
    ecgrt_hist_record(h, 100);
    ecgrt_hist_record(h, 101);
    ecgrt_hist_record(h, 1003);
    ecgrt_hist_record(h, 1004);
    assert_true(ecgrt_hist_count_at_most(h, 0) == 0);
    assert_true(ecgrt_hist_count_at_most(h, 100) == 2);
    /* 1003 shares the bucket [1000, 1003] with 1000: documented, within 1/128 */
    assert_true(ecgrt_hist_count_at_most(h, 1000) == 4);
    assert_true(ecgrt_hist_count_at_most(h, UINT64_MAX) == 5);
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hist_bucket_index_by_hand),
        cmocka_unit_test(test_hist_bucket_range_by_hand),
        cmocka_unit_test(test_hist_buckets_tile_the_range),
        cmocka_unit_test(test_hist_percentiles_match_sorted_reference),
        cmocka_unit_test(test_hist_small_values_are_exact),
        cmocka_unit_test(test_hist_merge_equals_recording_both),
        cmocka_unit_test(test_hist_merge_of_empty_changes_nothing),
        cmocka_unit_test(test_hist_reset_empties),
        cmocka_unit_test(test_hist_extremes),
        cmocka_unit_test(test_hist_iterates_non_empty_buckets),
        cmocka_unit_test(test_hist_count_at_most_counts_whole_buckets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
