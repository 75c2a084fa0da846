#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct node {
    struct node *next;
    int value;
};

/* A {pointer, counter} pair swapped as one 16-byte word: the counter changes on every pop,
 * so a recycled node no longer compares equal. */
struct tagged_top {
    struct node *ptr;
    uintptr_t count;
};

static _Atomic struct tagged_top top;

struct node *stack_pop(void)
{
    struct tagged_top old = atomic_load_explicit(&top, memory_order_acquire);
    struct tagged_top next;

    do {
        if (old.ptr == NULL)
            return NULL;
        next.ptr = old.ptr->next;
        next.count = old.count + 1;
    } while (!atomic_compare_exchange_weak_explicit(&top, &old, next, memory_order_acq_rel,
                                                    memory_order_acquire));
    return old.ptr;
}

/* A generation counter beside the pointer in the same struct. */
struct versioned_list {
    _Atomic(struct node *) head;
    _Atomic uintptr_t version;
};

struct node *versioned_pop(struct versioned_list *l)
{
    struct node *old = atomic_load(&l->head);
    while (old != NULL && !atomic_compare_exchange_weak(&l->head, &old, old->next))
        ;
    return old;
}

/* Push installs a node the caller owns, not one read through the expected value. */
void stack_push_plain(_Atomic(struct node *) *head, struct node *n)
{
    struct node *old = atomic_load_explicit(head, memory_order_relaxed);
    do {
        n->next = old;
    } while (!atomic_compare_exchange_weak_explicit(head, &old, n, memory_order_release,
                                                    memory_order_relaxed));
}
