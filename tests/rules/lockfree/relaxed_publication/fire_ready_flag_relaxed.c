#include <stdatomic.h>
#include <stdbool.h>

static int result;
static atomic_bool done;

void worker_finish(int value)
{
    result = value * 2;
    atomic_store_explicit(&done, true, memory_order_relaxed); // expect: lockfree-relaxed-publication {{flag 'done'}}
}

#define RING_SIZE 256

struct spsc_ring {
    int slots[RING_SIZE];
    _Atomic unsigned tail;
    _Atomic unsigned head;
};

int ring_push(struct spsc_ring *r, int v)
{
    unsigned t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    unsigned h = atomic_load_explicit(&r->head, memory_order_acquire);
    if (t - h == RING_SIZE)
        return 0;
    r->slots[t % RING_SIZE] = v;
    // expect@+1: lockfree-relaxed-publication {{flag 'tail'}}
    atomic_store_explicit(&r->tail, t + 1, memory_order_relaxed);
    return 1;
}

struct handoff {
    int payload;
    atomic_bool ready;
};

void handoff_post(struct handoff *h, int v)
{
    h->payload = v;
    atomic_store_explicit(&h->ready, true, memory_order_relaxed); // expect: lockfree-relaxed-publication {{flag 'ready'}}
}
