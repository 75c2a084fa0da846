#include <stdatomic.h>
#include <stddef.h>

struct msg {
    int len;
    char body[60];
};

static _Atomic(struct msg *) mailbox;

void post(struct msg *m, int len)
{
    m->len = len;
    /* release fence: pairs with the acquire fence in take */
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&mailbox, m, memory_order_relaxed);
}

int take(void)
{
    struct msg *m = atomic_load_explicit(&mailbox, memory_order_relaxed);
    if (m == NULL)
        return -1;
    /* acquire fence: pairs with the release fence in post */
    atomic_thread_fence(memory_order_acquire);
    return m->len;
}

void smp_wmb(void);

void post_with_barrier(struct msg *m)
{
    m->len = 0;
    smp_wmb();
    atomic_store_explicit(&mailbox, m, memory_order_relaxed);
}
