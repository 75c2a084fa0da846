// A function passed as an argument: the helper calls its parameter, bound here to a sleeper.
#define _DEFAULT_SOURCE
#include <stdatomic.h>
#include <unistd.h>

#include "../../../../runtime/include/ecg/annotate.h"

typedef void (*wait_fn)(void);

static void nap(void)
{
    usleep(100);
}

static int wait_for(atomic_int *flag, wait_fn pause_once)
{
    for (int i = 0; i < 64; i++) {
        if (atomic_load_explicit(flag, memory_order_acquire))
            return 0;
        pause_once();
    }
    return -1;
}

ECG_NONBLOCKING int consume_ready(atomic_int *flag)
{
    return wait_for(flag, nap); // expect: lockfree-blocking-call {{sleeps}}
}
