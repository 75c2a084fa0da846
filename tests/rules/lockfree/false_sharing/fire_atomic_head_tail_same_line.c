/* A single-producer single-consumer ring: the producer advances head, the consumer tail.
 * Both indexes sit in the first 16 bytes, so every push evicts the consumer's line. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define RING_SIZE 256

struct spsc_ring {
    _Atomic size_t head;
    _Atomic size_t tail; // expect: lockfree-false-sharing {{'head' (offset 0, line 0, _Atomic) and 'tail' (offset 8, line 0, _Atomic)}}
    void *slots[RING_SIZE];
};

bool ring_push(struct spsc_ring *r, void *item)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);

    if (head - tail == RING_SIZE)
        return false;
    r->slots[head % RING_SIZE] = item;
    atomic_store_explicit(&r->head, head + 1, memory_order_release);
    return true;
}
