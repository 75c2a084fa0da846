/* Plain members updated with GCC atomic builtins from different threads count as atomic. */
#include <stdint.h>

struct nic_stats {
    uint64_t rx_packets;
    uint64_t rx_bytes; // expect: lockfree-false-sharing {{'rx_packets' (offset 0, line 0, atomic access), 'rx_bytes' (offset 8, line 0, atomic access) and 'tx_packets' (offset 16, line 0, atomic access)}}
    uint64_t tx_packets;
};

void on_receive(struct nic_stats *s, uint32_t len)
{
    __atomic_fetch_add(&s->rx_packets, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->rx_bytes, len, __ATOMIC_RELAXED);
}

void on_transmit(struct nic_stats *s)
{
    __sync_fetch_and_add(&s->tx_packets, 1);
}
