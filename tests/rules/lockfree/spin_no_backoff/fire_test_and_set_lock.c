#include <stdatomic.h>

struct tas_lock {
    atomic_flag held;
};

void tas_lock_acquire(struct tas_lock *l)
{
    while (atomic_flag_test_and_set_explicit(&l->held, memory_order_acquire)) // expect: lockfree-spin-no-backoff {{'held'}}
        ;
}

struct ttas_lock {
    atomic_int held;
};

void ttas_lock_acquire(struct ttas_lock *l)
{
    while (atomic_exchange_explicit(&l->held, 1, memory_order_acquire)) {
        while (atomic_load_explicit(&l->held, memory_order_relaxed)) // expect: lockfree-spin-no-backoff
            ;
    }
}

static int gnu_lock;

void gnu_lock_acquire(void)
{
    while (__atomic_test_and_set(&gnu_lock, __ATOMIC_ACQUIRE)) // expect: lockfree-spin-no-backoff {{'gnu_lock'}}
        ;
}
