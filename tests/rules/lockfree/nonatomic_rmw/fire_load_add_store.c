#include <stdatomic.h>
#include <stddef.h>

static atomic_long bytes_sent;
static _Atomic unsigned hits;

void account_send(size_t n)
{
    long seen = atomic_load(&bytes_sent);
    long next = seen + (long)n;
    atomic_store(&bytes_sent, next); // expect: lockfree-nonatomic-rmw {{atomic_fetch_add}}
}

void count_hit(void)
{
    // expect@+1: lockfree-nonatomic-rmw {{bytes_sent}}
    atomic_store_explicit(&bytes_sent, atomic_load_explicit(&bytes_sent, memory_order_relaxed) + 1,
                          memory_order_relaxed);
    hits = hits + 1; // expect: lockfree-nonatomic-rmw {{lost}}
}

void count_misses(unsigned n)
{
    unsigned next = atomic_load(&hits) + n;
    atomic_store(&hits, next); // expect: lockfree-nonatomic-rmw {{hits}}
}
