#include <stdatomic.h>
#include <stdbool.h>

struct spinlock {
    atomic_int held;
};

/* a try-operation: the caller retries */
bool spin_try_lock(struct spinlock *l)
{
    int expected = 0;
    return atomic_compare_exchange_weak_explicit(&l->held, &expected, 1, memory_order_acquire,
                                                 memory_order_relaxed);
}

bool spin_try_lock_early_return(struct spinlock *l)
{
    int expected = 0;
    if (!atomic_compare_exchange_weak_explicit(&l->held, &expected, 1, memory_order_acquire,
                                               memory_order_relaxed))
        return false;
    return true;
}

bool spin_try_lock_flag(struct spinlock *l)
{
    int expected = 0;
    bool ok = atomic_compare_exchange_weak(&l->held, &expected, 1);
    return ok;
}

/* the strong form may be used once */
bool claim_once(struct spinlock *l)
{
    int expected = 0;
    if (atomic_compare_exchange_strong(&l->held, &expected, 1))
        return true;
    __atomic_compare_exchange_n((int *)&l->held, &expected, 1, false, __ATOMIC_ACQUIRE,
                                __ATOMIC_RELAXED);
    return false;
}
