#include <stdint.h>

struct stats {
    uint64_t packets;
    uint64_t drops;
};

void stats_drop(struct stats *s)
{
    uint64_t d = __atomic_load_n(&s->drops, __ATOMIC_ACQUIRE);
    d++;
    __atomic_store_n(&s->drops, d, __ATOMIC_SEQ_CST); // expect: lockfree-nonatomic-rmw {{drops}}
}

void stats_flag(struct stats *s, uint64_t bit)
{
    uint64_t p;
    p = __atomic_load_n(&s->packets, __ATOMIC_RELAXED);
    __atomic_store_n(&s->packets, p | bit, __ATOMIC_RELAXED); // expect: lockfree-nonatomic-rmw
}
