/* A try-update helper around a weak compare-exchange: the helper returns the result, so it
 * is fine, but a caller that ignores it loses updates on spurious failures. */
#include <stdbool.h>

static inline bool try_update(long *slot, long *expected, long desired)
{
    return __atomic_compare_exchange_n(slot, expected, desired, true, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

static long high_water;

void note_level(long level)
{
    long seen = __atomic_load_n(&high_water, __ATOMIC_RELAXED);

    if (level > seen)
        try_update(&high_water, &seen, level); // expect: lockfree-cas-weak-no-loop {{high_water}}
}
