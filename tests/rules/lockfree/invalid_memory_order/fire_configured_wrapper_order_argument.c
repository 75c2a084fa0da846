// ecg-options: {"atomic_wrappers": ["hw_load32=load(obj,order)", "hw_store32=store(obj,val,order)"]}
/* Register accessors implemented in assembly: the order argument uses the C11 values. */
#include <stdatomic.h>
#include <stdint.h>

extern uint32_t hw_load32(const volatile uint32_t *reg, int order);
extern void hw_store32(volatile uint32_t *reg, uint32_t value, int order);

struct mailbox {
    volatile uint32_t status;
    volatile uint32_t doorbell;
};

uint32_t mailbox_poll(struct mailbox *mb)
{
    return hw_load32(&mb->status, memory_order_acq_rel); // expect: lockfree-invalid-memory-order {{acq_rel}}
}

void mailbox_ring(struct mailbox *mb)
{
    hw_store32(&mb->doorbell, 1u, memory_order_release);
}
