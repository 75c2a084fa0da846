#include <stdatomic.h>

static atomic_int barrier_count;

void barrier_wait(int parties)
{
    atomic_fetch_add_explicit(&barrier_count, 1, memory_order_acq_rel);
    for (;;) { // expect: lockfree-spin-no-backoff {{'barrier_count'}}
        if (atomic_load_explicit(&barrier_count, memory_order_acquire) == parties)
            break;
    }
}
