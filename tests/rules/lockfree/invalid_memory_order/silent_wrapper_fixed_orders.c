/* Wrappers whose orders are fixed in their bodies or by their library (ck_pr, uatomic) and
 * order arguments that are valid: nothing to report at the calls. */
#include <stdatomic.h>

static inline int load_acquire(atomic_int *p)
{
    return atomic_load_explicit(p, memory_order_acquire);
}

static inline void store_release(atomic_int *p, int v)
{
    atomic_store_explicit(p, v, memory_order_release);
}

static inline int fetch_add_with(atomic_int *p, int v, memory_order mo)
{
    return atomic_fetch_add_explicit(p, v, mo);
}

static inline long uatomic_cmpxchg_impl(long *addr, long old, long new_value)
{
    return __sync_val_compare_and_swap(addr, old, new_value);
}

#define uatomic_cmpxchg(addr, old, new_value) uatomic_cmpxchg_impl((addr), (old), (new_value))

static atomic_int ready;
static atomic_int hits;
static long owner;

int consume(void)
{
    while (!load_acquire(&ready))
        ;
    return fetch_add_with(&hits, 1, memory_order_relaxed);
}

void produce(void)
{
    store_release(&ready, 1);
    fetch_add_with(&hits, 1, memory_order_acq_rel);
}

int take_ownership(long me)
{
    return uatomic_cmpxchg(&owner, 0, me) == 0;
}
