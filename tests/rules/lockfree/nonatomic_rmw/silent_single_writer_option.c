// ecg-options: {"single_writer": ["epoch"]}
#include <stdatomic.h>

static atomic_uint epoch; /* advanced only by the reclaimer thread */

void reclaimer_advance(void)
{
    unsigned e = atomic_load(&epoch);
    atomic_store(&epoch, e + 1);
}
