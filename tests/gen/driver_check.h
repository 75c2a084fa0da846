/* The tally the generated-code drivers (tests/gen/pool_driver.c, pool_cache_driver.c) keep
 * of their checks: each failed check is printed with its file and line and counted, and the
 * driver exits non-zero at the end when any failed. */
#ifndef ECG_TESTS_GEN_DRIVER_CHECK_H
#define ECG_TESTS_GEN_DRIVER_CHECK_H

#include <stdio.h>

struct tally {
    unsigned checks;
    unsigned failed;
};

static void check(struct tally *t, int ok, const char *what, const char *file, int line)
{
    t->checks++;
    if (ok)
        return;
    t->failed++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

#define CHECK(t, cond) check((t), (cond) ? 1 : 0, #cond, __FILE__, __LINE__)

#endif
