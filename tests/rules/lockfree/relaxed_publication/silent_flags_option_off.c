// ecg-options: {"flags": false}
#include <stdatomic.h>
#include <stdbool.h>

struct handoff {
    int payload;
    atomic_bool ready;
};

void handoff_post(struct handoff *h, int v)
{
    h->payload = v;
    atomic_store_explicit(&h->ready, true, memory_order_relaxed);
}
