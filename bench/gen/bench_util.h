/* Helpers the generator benchmarks share: clocks, pinning a thread to a core, and keeping the
 * compiler from deleting the work being measured. Linux (GNU extensions); bench code only. */
#ifndef ECG_BENCH_GEN_BENCH_UTIL_H
#define ECG_BENCH_GEN_BENCH_UTIL_H

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>

/* Nanoseconds of clock id (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID ...). */
static inline uint64_t bench_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Pins the calling thread to cpu; returns 0, or an errno value when it cannot. */
static inline int bench_pin(int cpu)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

/* Makes the compiler assume p escapes and memory changed, so that the stores into *p and a
 * malloc/free pair around it are kept. */
static inline void bench_escape(const void *p)
{
    __asm__ volatile("" : : "r"(p) : "memory");
}

/* One step of waiting for the other thread: a pause hint where the CPU has one, and after
 * BENCH_SPINS of them in a row a sched_yield, so that on a loaded machine a thread waiting for
 * a descheduled peer gives its core back. *spins counts the steps; reset it on progress. */
#define BENCH_SPINS 256

static inline void bench_wait(unsigned *spins)
{
    if (++*spins >= BENCH_SPINS) {
        *spins = 0;
        sched_yield();
        return;
    }
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

#endif
