#include <stdatomic.h>
#include <stdbool.h>

static atomic_long sequence;
static atomic_int state;

long sequence_bump(void)
{
    long seen = atomic_load_explicit(&sequence, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&sequence, &seen, seen + 1, memory_order_relaxed, // expect: lockfree-invalid-memory-order {{use memory_order_acquire as the success order}}
                                                  memory_order_acquire))
        ;
    return seen + 1;
}

bool state_advance(int from, int to)
{
    return atomic_compare_exchange_strong_explicit(&state, &from, to, memory_order_release, // expect: lockfree-invalid-memory-order {{use memory_order_acq_rel as the success order}}
                                                   memory_order_acquire);
}

bool state_advance_sc(int from, int to)
{
    return atomic_compare_exchange_strong_explicit(&state, &from, to, memory_order_acquire, // expect: lockfree-invalid-memory-order {{failure order memory_order_seq_cst but success order memory_order_acquire}}
                                                   memory_order_seq_cst);
}
