#include <stdatomic.h>

#define LOAD_SHARED(x) (*(volatile __typeof__(x) *)&(x))

static long counter;
static _Atomic long modern_counter;
static long private_total; /* never touched atomically */

void bump(void)
{
    __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
    modern_counter++;
    private_total += 2;
}

long peek(void)
{
    __typeof__(counter) snapshot = __atomic_load_n(&counter, __ATOMIC_RELAXED);
    return snapshot + LOAD_SHARED(counter) + (long)sizeof(counter) + modern_counter + private_total;
}
