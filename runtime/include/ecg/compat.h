/* Platform- and compiler-specific primitives of the runtime, in one place: the hardware tick
 * counter (TSC on x86_64, CNTVCT_EL0 on aarch64, CLOCK_MONOTONIC elsewhere), a bit scan and a
 * spin-wait hint.
 * Every other runtime file is plain C11; an #if on a CPU or compiler belongs here. */
#ifndef ECG_RUNTIME_COMPAT_H
#define ECG_RUNTIME_COMPAT_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Which counter ecgrt_compat_ticks reads; fixed at compile time. Define ECGRT_CLOCK_NO_TSC
 * to force CLOCK_MONOTONIC (for CPUs whose TSC is not invariant). */
#define ECGRT_COMPAT_MONOTONIC 0 /* ticks are CLOCK_MONOTONIC nanoseconds */
#define ECGRT_COMPAT_TSC 1       /* x86_64 time-stamp counter (rdtsc) */
#define ECGRT_COMPAT_CNTVCT 2    /* aarch64 virtual counter (cntvct_el0) */

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(ECGRT_CLOCK_NO_TSC)
#define ECGRT_COMPAT_SOURCE ECGRT_COMPAT_TSC
#elif defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__)) &&                         \
    !defined(ECGRT_CLOCK_NO_TSC)
#define ECGRT_COMPAT_SOURCE ECGRT_COMPAT_CNTVCT
#else
#define ECGRT_COMPAT_SOURCE ECGRT_COMPAT_MONOTONIC
#endif

/* CLOCK_MONOTONIC in nanoseconds (through the vDSO on Linux: no system call). Out of line, so
 * that including this header needs no POSIX feature macro. Thread-safe. */
uint64_t ecgrt_compat_monotonic_ns(void);

/* The raw tick counter. rdtsc is not serializing: the read may move by a few dozen
 * instructions, which is below the resolution latency histograms need. */
static inline uint64_t ecgrt_compat_ticks(void)
{
#if ECGRT_COMPAT_SOURCE == ECGRT_COMPAT_TSC
    uint32_t lo;
    uint32_t hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
#elif ECGRT_COMPAT_SOURCE == ECGRT_COMPAT_CNTVCT
    uint64_t v;

    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
    return v;
#else
    return ecgrt_compat_monotonic_ns();
#endif
}

/* Index of the highest set bit of v (0..63); v must not be 0. */
static inline unsigned ecgrt_compat_msb64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return 63u - (unsigned)__builtin_clzll(v);
#else
    unsigned n = 0;

    for (unsigned step = 32; step > 0; step /= 2) {
        uint64_t high = v >> step;
        unsigned has = high != 0;
        v = has ? high : v;
        n += has ? step : 0;
    }
    return n;
#endif
}

/* A hint, inside a spin-wait loop, that the thread is waiting for another: it saves power and
 * lets a sibling hyperthread run (x86 pause, aarch64 yield; nothing elsewhere). */
static inline void ecgrt_compat_cpu_relax(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __asm__ __volatile__("pause");
#elif defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
    __asm__ __volatile__("yield");
#endif
}

/* Whether the tick counter runs at a constant rate through frequency changes and sleep
 * states: cpuid leaf 0x80000007 (invariant TSC), else the constant_tsc and nonstop_tsc
 * flags of /proc/cpuinfo (hypervisors often hide the cpuid bit); always true for cntvct and
 * CLOCK_MONOTONIC. Reads a file; call it once, at calibration. Thread-safe. */
bool ecgrt_compat_ticks_invariant(void);

#ifdef __cplusplus
}
#endif

#endif
