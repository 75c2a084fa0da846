/* Monotonic time for latency measurement in the ecg runtime. C11, no allocation. */
#ifndef ECG_RUNTIME_CLOCK_H
#define ECG_RUNTIME_CLOCK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Nanoseconds from an arbitrary fixed origin, never decreasing (CLOCK_MONOTONIC).
 * Thread-safe; does not allocate or block. */
uint64_t ecgrt_clock_now_ns(void);

/* Nanoseconds elapsed from start (a value of ecgrt_clock_now_ns) to now; 0 if start lies
 * in the future. */
uint64_t ecgrt_clock_elapsed_ns(uint64_t start);

#ifdef __cplusplus
}
#endif

#endif
