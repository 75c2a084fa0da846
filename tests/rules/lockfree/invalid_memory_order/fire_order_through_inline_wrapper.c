/* Inline helpers that pass the caller's memory order on to the builtin: the order is
 * checked at each call, where it is written. */
#include <stdatomic.h>
#include <stdbool.h>

static inline int seq_read(atomic_int *seq, memory_order mo)
{
    return atomic_load_explicit(seq, mo);
}

static inline void seq_write(atomic_int *seq, int value, memory_order mo)
{
    atomic_store_explicit(seq, value, mo);
}

static inline bool seq_claim(atomic_int *seq, int *expected, int desired, memory_order ok,
                             memory_order fail)
{
    return atomic_compare_exchange_strong_explicit(seq, expected, desired, ok, fail);
}

static atomic_int frame_seq;

int reader_begin(void)
{
    return seq_read(&frame_seq, memory_order_release); // expect: lockfree-invalid-memory-order {{a load cannot}}
}

void writer_end(int seq)
{
    seq_write(&frame_seq, seq + 1, memory_order_acquire); // expect: lockfree-invalid-memory-order {{a store cannot}}
}

bool writer_claim(int seq)
{
    // expect@+1: lockfree-invalid-memory-order {{failure}}
    return seq_claim(&frame_seq, &seq, seq + 1, memory_order_acquire, memory_order_release);
}
