#include <stdatomic.h>

static atomic_int hits;
static _Atomic int level;
static long legacy_count;

int hits_read(memory_order order)
{
    /* the order is the caller's: nothing to check here */
    return atomic_load_explicit(&hits, order);
}

void level_update(int v)
{
    level = v;
    level++;
    atomic_store(&hits, level);
    atomic_fetch_add(&hits, 1);
    __sync_fetch_and_add(&legacy_count, 1);
    __sync_lock_release(&legacy_count);
    atomic_init(&hits, 0);
}
