#include <stdatomic.h>
#include <stdbool.h>

struct node {
    struct node *next;
    int value;
};

struct stack {
    _Atomic(struct node *) top;
};

void stack_push(struct stack *s, struct node *n)
{
    struct node *old = atomic_load_explicit(&s->top, memory_order_relaxed);
    do {
        n->next = old;
    } while (!atomic_compare_exchange_weak_explicit(&s->top, &old, n, memory_order_release, // expect: lockfree-invalid-memory-order {{failure path only loads}}
                                                    memory_order_release));
}

bool try_claim(atomic_int *owner, int self)
{
    int expected = 0;
    return atomic_compare_exchange_strong_explicit(owner, &expected, self, memory_order_acq_rel, // expect: lockfree-invalid-memory-order {{use memory_order_acquire as the failure order}}
                                                   memory_order_acq_rel);
}

bool gnu_try_claim(int *owner, int self)
{
    int expected = 0;
    return __atomic_compare_exchange_n(owner, &expected, self, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELEASE); // expect: lockfree-invalid-memory-order {{memory_order_relaxed as the failure order}}
}
