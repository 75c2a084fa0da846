#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) top;
static atomic_long total;
static long gnu_total;

void push(struct node *n)
{
    struct node *old = atomic_load_explicit(&top, memory_order_relaxed);
    do {
        n->next = old;
        /* release: pairs with the acquire load in drain */
    } while (!atomic_compare_exchange_weak_explicit(&top, &old, n, memory_order_release,
                                                    memory_order_relaxed));
}

void add(long n)
{
    long seen = atomic_load_explicit(&total, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&total, &seen, seen + n, memory_order_relaxed,
                                                  memory_order_relaxed)) {
    }
}

void gnu_add(long n)
{
    long seen = __atomic_load_n(&gnu_total, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&gnu_total, &seen, seen + n, 1, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED))
        ;
}

long add_capped(long n, long cap)
{
    for (;;) {
        long seen = atomic_load_explicit(&total, memory_order_relaxed);
        if (seen + n > cap)
            return -1;
        if (atomic_compare_exchange_weak(&total, &seen, seen + n))
            return seen + n;
    }
}
