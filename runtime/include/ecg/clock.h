/* Time for latency measurement in the ecg runtime: CLOCK_MONOTONIC nanoseconds, and a raw tick
 * counter (TSC, CNTVCT or CLOCK_MONOTONIC, see ecg/compat.h) converted to nanoseconds by a
 * calibrated fixed-point factor. C11, no allocation; the conversion uses no floating point. */
#ifndef ECG_RUNTIME_CLOCK_H
#define ECG_RUNTIME_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "ecg/compat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A calibrated tick counter: ns = (ticks * mult) >> shift, computed without overflow.
 * Written once by ecgrt_clock_calibrate, then read-only (any number of threads). */
struct ecgrt_clock {
    uint64_t ticks_per_ns_q32; /* ticks per nanosecond, fixed point with 32 fraction bits */
    uint32_t mult;             /* nanoseconds per tick, times 2^shift; below 2^32 */
    uint32_t shift;            /* 0..32 */
    uint64_t origin_ticks;     /* ecgrt_clock_ticks() at calibration ... */
    uint64_t origin_ns;        /* ... and ecgrt_clock_now_ns() at the same instant */
    bool uses_tsc;      /* ticks come from a hardware counter (TSC or CNTVCT), not clock_gettime */
    bool invariant;     /* the counter's rate is constant (cpuid / cpuinfo); if false, conversions
                           are only as good as the CPU's frequency was steady */
    uint8_t padding[6]; /* explicit, so that -Wpadded stays quiet in generated code */
};

/* Nanoseconds from an arbitrary fixed origin, never decreasing (CLOCK_MONOTONIC).
 * Thread-safe; does not allocate or block. */
uint64_t ecgrt_clock_now_ns(void);

/* Nanoseconds elapsed from start (a value of ecgrt_clock_now_ns) to now; 0 if start lies
 * in the future. */
uint64_t ecgrt_clock_elapsed_ns(uint64_t start);

/* The raw tick counter: a few nanoseconds with a hardware counter, never decreasing on one
 * thread. The source is fixed at compile time (ECGRT_COMPAT_SOURCE); differences of two values
 * become nanoseconds through ecgrt_clock_ticks_to_ns. Thread-safe, no allocation, no system
 * call (a vDSO read on the CLOCK_MONOTONIC fallback). */
static inline uint64_t ecgrt_clock_ticks(void)
{
    return ecgrt_compat_ticks();
}

/* Measures the tick rate against CLOCK_MONOTONIC: several busy windows of about 2 ms each,
 * whose median rate is kept, so a preempted window does not skew it (about 15 ms on an idle
 * core; 35-65 ms measured on a loaded 2-core machine).
 * Writes *out only on success; ECGRT_ECLOCK if no window could be measured. Thread-safe. */
int ecgrt_clock_calibrate(struct ecgrt_clock *out);

/* Nanoseconds in ticks (a difference of two ecgrt_clock_ticks values), truncated. No floating
 * point, exact in its high part: no overflow below 2^64 ns (584 years). */
uint64_t ecgrt_clock_ticks_to_ns(const struct ecgrt_clock *c, uint64_t ticks);

/* The CLOCK_MONOTONIC time (ecgrt_clock_now_ns scale) of a tick value read after calibration;
 * origin_ns if ticks lies before the origin. */
uint64_t ecgrt_clock_ticks_to_monotonic_ns(const struct ecgrt_clock *c, uint64_t ticks);

#ifdef __cplusplus
}
#endif

#endif
