#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct config {
    int verbosity;
};

static _Atomic(struct config *) current;
static int result;
static atomic_bool done;

int config_reload(int verbosity)
{
    struct config *c = malloc(sizeof(*c));
    if (c == NULL)
        return -1;
    c->verbosity = verbosity;
    /* release: pairs with the acquire load in config_verbosity */
    atomic_store_explicit(&current, c, memory_order_release);
    return 0;
}

int config_verbosity(void)
{
    /* acquire: pairs with the release store in config_reload */
    struct config *c = atomic_load_explicit(&current, memory_order_acquire);
    return c != NULL ? c->verbosity : 0;
}

void worker_finish(int value)
{
    result = value;
    atomic_store(&done, true); /* seq_cst */
}

int reader(void)
{
    if (!atomic_load_explicit(&done, memory_order_acquire))
        return -1;
    return result;
}

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) top;

void stack_push(struct node *n)
{
    struct node *old = atomic_load_explicit(&top, memory_order_relaxed);
    do {
        n->next = old;
        /* release on success: pairs with the acquire in stack_pop */
    } while (!atomic_compare_exchange_weak_explicit(&top, &old, n, memory_order_release,
                                                    memory_order_relaxed));
}

int consume_first(void)
{
    /* consume: compilers promote it to acquire */
    struct node *n = atomic_load_explicit(&top, memory_order_consume);
    return n != NULL ? n->value : -1;
}
