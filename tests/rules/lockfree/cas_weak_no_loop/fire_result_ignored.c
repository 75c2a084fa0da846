#include <stdatomic.h>

static atomic_long total_bytes;

void stats_add(long n)
{
    long seen = atomic_load_explicit(&total_bytes, memory_order_relaxed);
    /* a spurious failure loses the update */
    atomic_compare_exchange_weak_explicit(&total_bytes, &seen, seen + n, memory_order_relaxed, // expect: lockfree-cas-weak-no-loop {{may fail spuriously}}
                                          memory_order_relaxed);
}
