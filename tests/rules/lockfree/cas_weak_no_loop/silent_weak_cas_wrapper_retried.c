// ecg-options: {"atomic_wrappers": ["q_cas_weak=cas_weak(obj,exp,val)@acq_rel"]}
/* Weak compare-exchanges through wrappers (an inline one and a configured one) that decide
 * a retry loop. */
#include <stdbool.h>

extern bool q_cas_weak(void **slot, void **expected, void *desired);

static inline bool try_update(long *slot, long *expected, long desired)
{
    return __atomic_compare_exchange_n(slot, expected, desired, true, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

static long high_water;
static void *free_list;

void note_level(long level)
{
    long seen = __atomic_load_n(&high_water, __ATOMIC_RELAXED);

    while (level > seen && !try_update(&high_water, &seen, level))
        ;
}

void free_push(void **node)
{
    void *top = __atomic_load_n(&free_list, __ATOMIC_RELAXED);

    do {
        *node = top;
    } while (!q_cas_weak(&free_list, &top, node));
}
