/* Scalars, pointers and small power-of-two structs are lock-free, and so is a 16-byte
 * tagged pointer (cmpxchg16b, casp). */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct node;

struct tagged_ptr {
    struct node *ptr;
    uintptr_t tag;
};

struct pair32 {
    uint32_t lo, hi;
};

static _Atomic int counter;
static _Atomic(struct node *) head;
static atomic_bool ready;
static _Atomic struct pair32 range;
static _Atomic struct tagged_ptr top;
static atomic_ullong sequence;

bool publish(struct node *n)
{
    struct tagged_ptr old = atomic_load(&top);
    struct tagged_ptr next = { n, old.tag + 1 };

    atomic_fetch_add(&counter, 1);
    atomic_store(&head, n);
    atomic_fetch_add(&sequence, 1);
    atomic_store(&ready, true);
    return atomic_compare_exchange_strong(&top, &old, next) && atomic_load(&range).lo == 0;
}
