/* Unit tests for the runtime clock: CLOCK_MONOTONIC reads, and the calibrated tick counter.
 * Only inequalities that hold however the machine is loaded are asserted, never a duration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "ecg/clock.h"
#include "ecg/error.h"

static void test_clock_never_decreases(void **state)
{
    uint64_t prev = ecgrt_clock_now_ns();

    (void)state;
    for (int i = 0; i < 100000; i++) {
        uint64_t now = ecgrt_clock_now_ns();
        assert_true(now >= prev);
        prev = now;
    }
}

static void test_clock_elapsed_covers_a_nap(void **state)
{
    struct timespec nap = { 0, 2000000 };
    uint64_t start = ecgrt_clock_now_ns();

    (void)state;
    nanosleep(&nap, NULL);
    assert_true(ecgrt_clock_elapsed_ns(start) >= 2000000u);
}

static void test_clock_elapsed_from_future_is_zero(void **state)
{
    (void)state;
    assert_int_equal(ecgrt_clock_elapsed_ns(ecgrt_clock_now_ns() + 1000000000u), 0);
}

static struct ecgrt_clock calibrated(void)
{
    struct ecgrt_clock c;

    assert_int_equal(ecgrt_clock_calibrate(&c), ECGRT_OK);
    return c;
}

static void test_clock_calibration_is_sane(void **state)
{
    struct ecgrt_clock c = calibrated();

    (void)state;
    assert_true(c.mult > 0);
    assert_true(c.shift <= 32);
    assert_true(c.ticks_per_ns_q32 > 0);
    assert_int_equal(c.uses_tsc, ECGRT_COMPAT_SOURCE != ECGRT_COMPAT_MONOTONIC);
    assert_true(c.origin_ns <= ecgrt_clock_now_ns());
    assert_true(c.origin_ticks <= ecgrt_clock_ticks());
    if (!c.uses_tsc)
        assert_true(ecgrt_clock_ticks_to_ns(&c, 123456789) == 123456789);
}

static void test_clock_ticks_never_decrease(void **state)
{
    uint64_t prev = ecgrt_clock_ticks();

    (void)state;
    for (int i = 0; i < 100000; i++) {
        uint64_t now = ecgrt_clock_ticks();
        assert_true(now >= prev);
        prev = now;
    }
}

/* The conversion is monotonic and additive up to the truncation of each part. */
static void test_clock_conversion_is_linear(void **state)
{
    struct ecgrt_clock c = calibrated();
    uint64_t seed = 0x2545f4914f6cdd1du;

    (void)state;
    assert_true(ecgrt_clock_ticks_to_ns(&c, 0) == 0);
    for (int i = 0; i < 10000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        uint64_t a = seed >> 20; /* up to 2^44 ticks: hours at GHz rates */
        uint64_t b = (seed * 31) >> 24;
        uint64_t sum = ecgrt_clock_ticks_to_ns(&c, a) + ecgrt_clock_ticks_to_ns(&c, b);
        uint64_t whole = ecgrt_clock_ticks_to_ns(&c, a + b);
        assert_true(whole >= sum && whole <= sum + 1);
        assert_true(ecgrt_clock_ticks_to_ns(&c, a + 1) >= ecgrt_clock_ticks_to_ns(&c, a));
    }
}

/* 2^50 ticks is days at any counter rate up to 10 GHz; the high part of the conversion is
 * exact, so 1024 chunks of 2^40 ticks add up to the whole within their truncations. */
static void test_clock_days_of_ticks_do_not_overflow(void **state)
{
    struct ecgrt_clock c = calibrated();
    uint64_t chunk = ecgrt_clock_ticks_to_ns(&c, UINT64_C(1) << 40);
    uint64_t whole = ecgrt_clock_ticks_to_ns(&c, UINT64_C(1) << 50);

    (void)state;
    assert_true(chunk > 0);
    assert_true(whole >= chunk * 1024 && whole <= chunk * 1024 + 1024);
    assert_true(whole > UINT64_C(86400000000000) / 10); /* more than 2.4 hours even at 10 GHz */
}

/* A tick interval read inside a clock interval converts to about as long: between the inner
 * clock interval and the outer one, with 1% for the calibration's error. Only a counter whose
 * rate is invariant promises that. */
static void test_clock_ticks_agree_with_now_ns(void **state)
{
    struct ecgrt_clock c = calibrated();
    uint64_t outer0 = ecgrt_clock_now_ns();
    uint64_t t0 = ecgrt_clock_ticks();
    uint64_t inner0 = ecgrt_clock_now_ns();
    uint64_t inner1;
    uint64_t t1;
    uint64_t outer1;
    uint64_t ns;

    (void)state;
    if (!c.invariant)
        skip();
    do {
        inner1 = ecgrt_clock_now_ns();
    } while (inner1 - inner0 < 3000000);
    t1 = ecgrt_clock_ticks();
    outer1 = ecgrt_clock_now_ns();
    ns = ecgrt_clock_ticks_to_ns(&c, t1 - t0);
    assert_true(ns >= (inner1 - inner0) - (inner1 - inner0) / 100);
    assert_true(ns <= (outer1 - outer0) + (outer1 - outer0) / 100);
    assert_true(ecgrt_clock_ticks_to_monotonic_ns(&c, t1) >= c.origin_ns);
    assert_true(ecgrt_clock_ticks_to_monotonic_ns(&c, c.origin_ticks - 1) == c.origin_ns);
}

static void test_clock_bit_scan(void **state)
{
    (void)state;
    for (unsigned bit = 0; bit < 64; bit++) {
        uint64_t v = UINT64_C(1) << bit;
        assert_int_equal(ecgrt_compat_msb64(v), bit);
        assert_int_equal(ecgrt_compat_msb64(v | 1), bit);
        assert_int_equal(ecgrt_compat_msb64(v | (v - 1)), bit);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_never_decreases),
        cmocka_unit_test(test_clock_elapsed_covers_a_nap),
        cmocka_unit_test(test_clock_elapsed_from_future_is_zero),
        cmocka_unit_test(test_clock_calibration_is_sane),
        cmocka_unit_test(test_clock_ticks_never_decrease),
        cmocka_unit_test(test_clock_conversion_is_linear),
        cmocka_unit_test(test_clock_days_of_ticks_do_not_overflow),
        cmocka_unit_test(test_clock_ticks_agree_with_now_ns),
        cmocka_unit_test(test_clock_bit_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
