#include <stdatomic.h>
#include <stdbool.h>

struct node {
    struct node *next;
};

static _Atomic(struct node *) top;
static atomic_uint refs;
static unsigned gnu_refs;

void push(struct node *n)
{
    struct node *old = atomic_load_explicit(&top, memory_order_relaxed);
    do {
        n->next = old;
        /* release: pairs with the acquire in pop */
    } while (!atomic_compare_exchange_weak_explicit(&top, &old, n, memory_order_release,
                                                    memory_order_relaxed));
}

struct node *pop(void)
{
    struct node *old = atomic_load_explicit(&top, memory_order_acquire);
    while (old != NULL && !atomic_compare_exchange_weak_explicit(&top, &old, old->next,
                                                                 memory_order_acq_rel,
                                                                 memory_order_acquire))
        ;
    return old;
}

bool ref_get(void)
{
    unsigned r = atomic_load_explicit(&refs, memory_order_relaxed);
    while (r != 0 && !atomic_compare_exchange_weak_explicit(&refs, &r, r + 1, memory_order_seq_cst,
                                                            memory_order_seq_cst))
        ;
    return r != 0;
}

bool gnu_ref_get(void)
{
    unsigned r = __atomic_load_n(&gnu_refs, __ATOMIC_RELAXED);
    while (r != 0 &&
           !__atomic_compare_exchange_n(&gnu_refs, &r, r + 1, 1, __ATOMIC_ACQUIRE, __ATOMIC_CONSUME))
        ;
    return r != 0;
}
