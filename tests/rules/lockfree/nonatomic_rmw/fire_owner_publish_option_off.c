// ecg-options: {"allow_owner_publish": false}
#include <stdatomic.h>

struct ring {
    _Atomic unsigned head;
    _Atomic unsigned tail;
    void *slot[256];
};

int ring_push(struct ring *r, void *item)
{
    unsigned head = atomic_load_explicit(&r->head, memory_order_relaxed);
    /* acquire: pairs with the release store of tail in the consumer */
    unsigned tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (head - tail == 256)
        return -1;
    r->slot[head % 256] = item;
    /* release: pairs with the acquire load of head in the consumer */
    atomic_store_explicit(&r->head, head + 1, memory_order_release); // expect: lockfree-nonatomic-rmw
    return 0;
}
