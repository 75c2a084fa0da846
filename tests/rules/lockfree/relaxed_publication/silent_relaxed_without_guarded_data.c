#include <stdatomic.h>
#include <stddef.h>

/* Relaxed operations that publish nothing: counters, a pointer only compared, local writes,
 * a CAS loop's initial relaxed load that is never dereferenced. */
static atomic_long hits;
static _Atomic(void *) owner;

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) top;

void count_hit(void)
{
    long local = 3;
    local += 1;
    atomic_fetch_add_explicit(&hits, local, memory_order_relaxed);
    atomic_store_explicit(&hits, 0, memory_order_relaxed);
}

int is_owner(void *self)
{
    return atomic_load_explicit(&owner, memory_order_relaxed) == self;
}

void clear_top(void)
{
    atomic_store_explicit(&top, NULL, memory_order_relaxed);
}

int reload_before_use(void)
{
    struct node *n = atomic_load_explicit(&top, memory_order_relaxed);
    if (n == NULL)
        return -1;
    n = atomic_load_explicit(&top, memory_order_acquire);
    return n != NULL ? n->value : -1;
}

void push_prepared(struct node *n)
{
    struct node *old = atomic_load_explicit(&top, memory_order_relaxed);
    do {
        n->next = old;
    } while (!atomic_compare_exchange_weak_explicit(&top, &old, n, memory_order_acq_rel,
                                                    memory_order_relaxed));
}
