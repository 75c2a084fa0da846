#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct config {
    int verbosity;
    char name[32];
};

static _Atomic(struct config *) current;

int config_reload(int verbosity, const char *name)
{
    struct config *c = malloc(sizeof(*c));
    if (c == NULL)
        return -1;
    c->verbosity = verbosity;
    strncpy(c->name, name, sizeof(c->name) - 1);
    c->name[sizeof(c->name) - 1] = '\0';
    atomic_store_explicit(&current, c, memory_order_relaxed); // expect: lockfree-relaxed-publication {{pointer to 'current' is published with a relaxed store}}
    return 0;
}

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) top;

void stack_push(struct node *n, int value)
{
    struct node *old = atomic_load_explicit(&top, memory_order_relaxed);
    n->value = value;
    do {
        n->next = old;
    } while (!atomic_compare_exchange_weak_explicit(&top, &old, n, memory_order_relaxed, // expect: lockfree-relaxed-publication {{memory_order_release}}
                                                    memory_order_relaxed));
}

static struct node *gnu_head;

void gnu_publish(struct node *n)
{
    n->value = 7;
    n->next = NULL;
    __atomic_store_n(&gnu_head, n, __ATOMIC_RELAXED); // expect: lockfree-relaxed-publication {{relaxed store}}
}
