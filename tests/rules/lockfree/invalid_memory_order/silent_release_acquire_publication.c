#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct message {
    int kind;
    char body[64];
};

static struct message slot;
static atomic_bool slot_full;
static _Atomic(struct message *) latest;

void producer_publish(int kind)
{
    slot.kind = kind;
    /* release: pairs with the acquire in consumer_take */
    atomic_store_explicit(&slot_full, true, memory_order_release);
}

bool consumer_take(struct message *out)
{
    /* acquire: pairs with the release in producer_publish */
    if (!atomic_load_explicit(&slot_full, memory_order_acquire))
        return false;
    *out = slot;
    atomic_store_explicit(&slot_full, false, memory_order_relaxed);
    return true;
}

struct message *latest_peek(void)
{
    return atomic_load_explicit(&latest, memory_order_consume);
}

struct message *latest_swap(struct message *m)
{
    return atomic_exchange_explicit(&latest, m, memory_order_acq_rel);
}

void full_barrier(void)
{
    atomic_thread_fence(memory_order_seq_cst);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    atomic_signal_fence(memory_order_acquire);
}
