#include <stdatomic.h>

struct ring {
    _Atomic unsigned head;
    _Atomic unsigned tail;
    void *slot[256];
};

static _Thread_local atomic_uint local_events;

/* Single producer: it owns head, reads it relaxed and publishes the next value with release. */
int ring_push(struct ring *r, void *item)
{
    unsigned head = atomic_load_explicit(&r->head, memory_order_relaxed);
    /* acquire: pairs with the release store of tail in ring_pop */
    unsigned tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (head - tail == 256)
        return -1;
    r->slot[head % 256] = item;
    /* release: pairs with the acquire load of head in ring_pop */
    atomic_store_explicit(&r->head, head + 1, memory_order_release);
    return 0;
}

void count_local_event(void)
{
    atomic_store(&local_events, atomic_load(&local_events) + 1);
}

/* Writes back what it read, unchanged: no computation, no lost update. */
void refresh(struct ring *r)
{
    unsigned t = atomic_load(&r->tail);
    atomic_store(&r->tail, t);
}
