// ecg-options: {"allow_returned": false}
#include <stdatomic.h>
#include <stdbool.h>

bool spin_try_lock(atomic_int *lock)
{
    int expected = 0;
    return atomic_compare_exchange_weak_explicit(lock, &expected, 1, memory_order_acquire, // expect: lockfree-cas-weak-no-loop
                                                 memory_order_relaxed);
}
