/* Unit tests for the runtime clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "ecg/clock.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_never_decreases),
        cmocka_unit_test(test_clock_elapsed_covers_a_nap),
        cmocka_unit_test(test_clock_elapsed_from_future_is_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
