// Atomics, fences, compiler builtins, assert and string functions neither block nor allocate.
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <stdatomic.h>
#include <string.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct seqlock_data {
    atomic_uint seq;
    char payload[32];
};

ECG_NONBLOCKING int snapshot(struct seqlock_data *d, char out[32])
{
    unsigned before;
    unsigned after;

    assert(out != NULL);
    do {
        before = atomic_load_explicit(&d->seq, memory_order_acquire);
        if (__builtin_expect(before & 1u, 0))
            continue;
        memcpy(out, d->payload, 32);
        atomic_thread_fence(memory_order_acquire);
        after = atomic_load_explicit(&d->seq, memory_order_relaxed);
    } while ((before & 1u) != 0 || before != after);
    return (int)strnlen(out, 32);
}
