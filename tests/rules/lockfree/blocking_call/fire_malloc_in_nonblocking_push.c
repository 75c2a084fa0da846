// A queue push marked non-blocking that allocates its node: malloc can take the allocator's
// lock or enter the kernel, so the audio/real-time caller may stall.
#include <stdatomic.h>
#include <stdlib.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct node {
    struct node *next;
    int value;
};

struct stack {
    _Atomic(struct node *) top;
};

ECG_NONBLOCKING int stack_push(struct stack *s, int value)
{
    struct node *n = malloc(sizeof(*n)); // expect: lockfree-blocking-call {{'malloc'}}
    struct node *old;

    if (n == NULL)
        return -1;
    n->value = value;
    old = atomic_load_explicit(&s->top, memory_order_relaxed);
    do {
        n->next = old;
    } while (!atomic_compare_exchange_weak_explicit(&s->top, &old, n, memory_order_release,
                                                    memory_order_relaxed));
    return 0;
}
