#include <stdatomic.h>
#include <stdbool.h>

static atomic_long total;
static atomic_ulong high_water;

void add(long n)
{
    atomic_fetch_add_explicit(&total, n, memory_order_relaxed);
}

void note_depth(unsigned long depth)
{
    unsigned long seen = atomic_load_explicit(&high_water, memory_order_relaxed);
    while (seen < depth &&
           !atomic_compare_exchange_weak_explicit(&high_water, &seen, depth, memory_order_relaxed,
                                                  memory_order_relaxed))
        ;
}

long add_capped(long n, long cap)
{
    long seen = atomic_load(&total);
    long next;
    do {
        next = seen + n > cap ? cap : seen + n;
    } while (!atomic_compare_exchange_weak(&total, &seen, next));
    return next;
}

void reset_if_large(long limit)
{
    for (;;) {
        long seen = atomic_load(&total);
        if (seen < limit)
            return;
        if (atomic_compare_exchange_strong(&total, &seen, 0))
            return;
        /* a fallback write inside the retry loop still goes through the CAS above */
        atomic_store(&total, seen - limit);
    }
}
