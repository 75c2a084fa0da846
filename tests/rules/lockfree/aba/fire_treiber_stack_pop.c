#include <stdatomic.h>
#include <stddef.h>

struct node {
    struct node *next;
    int value;
};

struct stack {
    _Atomic(struct node *) top;
};

struct node *stack_pop(struct stack *s)
{
    struct node *old = atomic_load_explicit(&s->top, memory_order_acquire);
    struct node *next;

    do {
        if (old == NULL)
            return NULL;
        next = old->next;
    } while (!atomic_compare_exchange_weak_explicit(&s->top, &old, next, // expect: lockfree-aba {{ABA: this compare-exchange on 'top' installs a value read through 'old'}}
                                                    memory_order_acquire, memory_order_acquire));
    return old;
}

static _Atomic(struct node *) free_list;

struct node *free_list_take(void)
{
    struct node *head = atomic_load(&free_list);

    while (head != NULL && !atomic_compare_exchange_strong(&free_list, &head, head->next)) // expect: lockfree-aba {{hazard pointers}}
        ;
    return head;
}
