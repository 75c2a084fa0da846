/* Monotonic clock for the runtime: CLOCK_MONOTONIC read through the vDSO, so a call costs
 * tens of nanoseconds and never enters the kernel. */
#include "ecg/clock.h"

#include <time.h>

uint64_t ecgrt_clock_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

uint64_t ecgrt_clock_elapsed_ns(uint64_t start)
{
    uint64_t now = ecgrt_clock_now_ns();

    return now > start ? now - start : 0;
}
