#include <stdatomic.h>

#define READ_PUBLISHED(p) atomic_load_explicit((p), memory_order_release)

static _Atomic long counter;
static int ready;
static atomic_int published;

long counter_read(void)
{
    return __c11_atomic_load(&counter, 3); // expect: lockfree-invalid-memory-order {{memory_order_release}}
}

void ready_set(void)
{
    __atomic_store_n(&ready, 1, 2); // expect: lockfree-invalid-memory-order {{memory_order_acquire}}
}

int published_read(void)
{
    return READ_PUBLISHED(&published); // expect: lockfree-invalid-memory-order {{'atomic_load_explicit' on 'published'}}
}

void ready_clear(void)
{
    __atomic_store_n(&ready, 0, 9); // expect: lockfree-invalid-memory-order {{9 as a memory order}}
}
