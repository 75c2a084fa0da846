#include <immintrin.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

static atomic_bool ready;
static atomic_flag lock = ATOMIC_FLAG_INIT;

void wait_pause(void)
{
    while (!atomic_load_explicit(&ready, memory_order_acquire))
        _mm_pause();
}

void wait_builtin_pause(void)
{
    while (!atomic_load_explicit(&ready, memory_order_acquire))
        __builtin_ia32_pause();
}

void wait_asm_pause(void)
{
    while (!atomic_load_explicit(&ready, memory_order_acquire))
        __asm__ __volatile__("pause" ::: "memory");
}

void lock_with_backoff(void)
{
    unsigned delay = 1;
    while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire)) {
        for (volatile unsigned i = 0; i < delay; i++)
            ;
        if (delay < 1024)
            delay *= 2;
    }
}

void wait_yield_then_sleep(void)
{
    unsigned spins = 0;
    while (!atomic_load_explicit(&ready, memory_order_acquire)) {
        if (++spins < 100) {
            sched_yield();
        } else {
            struct timespec ts = { 0, 1000 };
            nanosleep(&ts, NULL);
        }
    }
}
