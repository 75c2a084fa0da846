// The annotation written out by hand, without ecg's header; the definition inherits the mark
// of its prototype.
#define _POSIX_C_SOURCE 200809L
#include <stdatomic.h>
#include <time.h>

__attribute__((annotate("ecg:nonblocking"))) void spin_until_set(atomic_bool *flag);

void spin_until_set(atomic_bool *flag)
{
    struct timespec tick = { 0, 1000 };

    while (!atomic_load_explicit(flag, memory_order_acquire))
        nanosleep(&tick, NULL); // expect: lockfree-blocking-call {{'nanosleep'}}
}
