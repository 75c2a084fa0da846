#include <stdatomic.h>
#include <stddef.h>

struct node {
    _Atomic(struct node *) next;
    int value;
};

static _Atomic(struct node *) head;
static atomic_int slots[64];
static atomic_long total;

int list_length(void)
{
    int n = 0;
    struct node *p = atomic_load_explicit(&head, memory_order_acquire);
    while (p != NULL) {
        n++;
        p = atomic_load_explicit(&p->next, memory_order_acquire);
    }
    return n;
}

struct node *list_last(struct node *p)
{
    struct node *next;
    while ((next = atomic_load_explicit(&p->next, memory_order_acquire)) != NULL)
        p = next;
    return p;
}

int first_free_slot(void)
{
    int i;
    for (i = 0; i < 64 && atomic_load_explicit(&slots[i], memory_order_relaxed) != 0; i++)
        ;
    return i;
}

void add(long n)
{
    long seen = atomic_load_explicit(&total, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&total, &seen, seen + n, memory_order_relaxed,
                                                  memory_order_relaxed))
        ;
}
