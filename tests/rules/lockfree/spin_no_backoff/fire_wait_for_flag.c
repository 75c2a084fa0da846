#include <stdatomic.h>
#include <stdbool.h>

struct handoff {
    int payload;
    atomic_bool ready;
};

int handoff_wait(struct handoff *h)
{
    while (!atomic_load_explicit(&h->ready, memory_order_acquire)) // expect: lockfree-spin-no-backoff {{spins on 'ready' with no pause}}
        ;
    return h->payload;
}

static _Atomic int stage;

void stage_wait(int want)
{
    unsigned spins = 0;
    do { // expect: lockfree-spin-no-backoff {{'stage'}}
        spins++;
    } while (stage != want);
}
