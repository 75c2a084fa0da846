// A function defined in another unit and not marked: ecg cannot see that it never blocks.
#include <stdatomic.h>

#include "../../../../runtime/include/ecg/annotate.h"

void metrics_count(const char *name, long delta);

ECG_NONBLOCKING void packet_drop(atomic_long *drops)
{
    atomic_fetch_add_explicit(drops, 1, memory_order_relaxed);
    metrics_count("drops", 1); // expect: lockfree-blocking-call {{not marked non-blocking}}
}
