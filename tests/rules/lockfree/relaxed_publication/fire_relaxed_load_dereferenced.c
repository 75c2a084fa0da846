#include <stdatomic.h>
#include <stddef.h>

struct config {
    int verbosity;
    const char *name;
};

static _Atomic(struct config *) current;

int config_verbosity(void)
{
    struct config *c = atomic_load_explicit(&current, memory_order_relaxed); // expect: lockfree-relaxed-publication {{'c' is then dereferenced}}
    if (c == NULL)
        return 0;
    return c->verbosity;
}

struct node {
    struct node *next;
    int value;
};

struct queue {
    _Atomic(struct node *) head;
};

int queue_peek(struct queue *q)
{
    return atomic_load_explicit(&q->head, memory_order_relaxed)->value; // expect: lockfree-relaxed-publication {{'head' is read with a relaxed load}}
}

int gnu_first(struct node **slot)
{
    struct node *n;

    n = __atomic_load_n(slot, __ATOMIC_RELAXED); // expect: lockfree-relaxed-publication {{acquire}}
    return n ? (*n).value : -1;
}
