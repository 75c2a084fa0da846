/* A tagged pointer is one 16-byte atomic member: the pointer and its tag change together. */
#include <stdatomic.h>
#include <stdint.h>

struct node;

struct tagged_ptr {
    struct node *ptr;
    uintptr_t tag;
};

struct treiber_stack {
    _Atomic struct tagged_ptr top;
    const char *name;
};

void stack_init(struct treiber_stack *s, const char *name)
{
    struct tagged_ptr empty = { 0, 0 };
    atomic_init(&s->top, empty);
    s->name = name;
}
