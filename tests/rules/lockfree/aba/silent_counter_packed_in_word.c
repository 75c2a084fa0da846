#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Nodes live in an array; the head word packs a 32-bit index and a 32-bit tag. */
struct slot {
    uint32_t next;
    int value;
};

static struct slot slots[1024];
static _Atomic uint64_t head;

#define NIL 0xffffffffu

int pool_pop(uint32_t *out)
{
    uint64_t old = atomic_load_explicit(&head, memory_order_acquire);
    uint64_t next;

    do {
        uint32_t index = (uint32_t)old;
        if (index == NIL)
            return 0;
        next = ((old >> 32) + 1) << 32 | slots[index].next;
    } while (!atomic_compare_exchange_weak_explicit(&head, &old, next, memory_order_acq_rel,
                                                    memory_order_acquire));
    *out = (uint32_t)old;
    return 1;
}

/* The expected value comes from another object: nothing was loaded from 'tail'. */
struct node {
    struct node *next;
};

static _Atomic(struct node *) tail;

void advance_tail(struct node *seen)
{
    struct node *expect = seen;
    atomic_compare_exchange_strong(&tail, &expect, seen->next);
}
