/* The correct ring: each index starts its own cache line. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define RING_SIZE 256

struct spsc_ring {
    _Alignas(64) _Atomic size_t head; /* producer */
    _Alignas(64) _Atomic size_t tail; /* consumer */
    _Alignas(64) void *slots[RING_SIZE];
};

bool ring_pop(struct spsc_ring *r, void **out)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    /* acquire: pairs with the release store of head in the producer */
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);

    if (tail == head)
        return false;
    *out = r->slots[tail % RING_SIZE];
    /* release: pairs with the acquire load of tail in the producer */
    atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
    return true;
}
