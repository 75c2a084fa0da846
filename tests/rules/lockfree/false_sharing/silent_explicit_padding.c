/* Padding written out by hand, the way older code and ConcurrencyKit do it. */
#include <stdatomic.h>
#include <stdint.h>

#define CACHELINE 64

struct seq_counters {
    _Atomic uint64_t produced;
    char pad0[CACHELINE - sizeof(uint64_t)];
    _Atomic uint64_t consumed;
    char pad1[CACHELINE - sizeof(uint64_t)];
};

void produced_one(struct seq_counters *c)
{
    atomic_fetch_add_explicit(&c->produced, 1, memory_order_relaxed);
}
