/* Monotonic clock and tick-counter calibration for the runtime. Calibration is the only slow
 * part (busy windows against CLOCK_MONOTONIC); the conversion is two multiplications. */
#include "ecg/clock.h"

#include "ecg/error.h"

enum {
    CAL_WINDOWS = 7,                /* windows whose median rate is kept (odd) */
    CAL_ATTEMPTS = 2 * CAL_WINDOWS, /* windows tried before calibration gives up */
    CAL_WINDOW_NS = 2000000,        /* busy time of one window */
    CAL_PAIR_TRIES = 5,             /* reads per (ticks, ns) pair; the tightest one is kept */
};

#define CAL_MAX_WINDOW_NS (UINT64_C(1) << 31) /* a longer window was preempted for seconds */

/* A tick value and the CLOCK_MONOTONIC time at which it was read. */
struct cal_sample {
    uint64_t ticks;
    uint64_t ns;
};

/* One window: elapsed ticks and nanoseconds, and their ratio (ticks per ns, Q32.32). */
struct cal_window {
    uint64_t dticks;
    uint64_t dns;
    uint64_t ratio_q32;
};

uint64_t ecgrt_clock_now_ns(void)
{
    return ecgrt_compat_monotonic_ns();
}

uint64_t ecgrt_clock_elapsed_ns(uint64_t start)
{
    uint64_t now = ecgrt_clock_now_ns();

    return now > start ? now - start : 0;
}

uint64_t ecgrt_clock_ticks_to_ns(const struct ecgrt_clock *c, uint64_t ticks)
{
    uint64_t hi = ticks >> 32;
    uint64_t lo = ticks & UINT64_C(0xffffffff);

    /* ticks * mult / 2^shift, split at bit 32 so that no product exceeds 64 bits */
    return ((hi * c->mult) << (32 - c->shift)) + ((lo * c->mult) >> c->shift);
}

uint64_t ecgrt_clock_ticks_to_monotonic_ns(const struct ecgrt_clock *c, uint64_t ticks)
{
    if (ticks < c->origin_ticks)
        return c->origin_ns;
    return c->origin_ns + ecgrt_clock_ticks_to_ns(c, ticks - c->origin_ticks);
}

/* A tick read bracketed by two clock reads; of several tries the one with the tightest bracket,
 * dated at the bracket's middle, so preemption between the reads is filtered out. */
static struct cal_sample cal_read_pair(void)
{
    struct cal_sample best = { 0, 0 };
    uint64_t best_gap = UINT64_MAX;

    for (int i = 0; i < CAL_PAIR_TRIES; i++) {
        uint64_t before = ecgrt_compat_monotonic_ns();
        uint64_t ticks = ecgrt_compat_ticks();
        uint64_t after = ecgrt_compat_monotonic_ns();
        uint64_t gap = after - before;
        if (gap < best_gap) {
            best_gap = gap;
            best.ticks = ticks;
            best.ns = before + gap / 2;
        }
    }
    return best;
}

/* Ticks per nanosecond in Q32.32, by integer division (dns < 2^31, so no shift overflows). */
static uint64_t cal_ratio_q32(uint64_t dticks, uint64_t dns)
{
    uint64_t whole = dticks / dns;
    uint64_t rest = dticks % dns;

    return (whole << 32) + (rest << 32) / dns;
}

/* Busy-waits one window; false if the counter or the clock did not advance sanely. */
static bool cal_measure(struct cal_window *out)
{
    struct cal_sample a = cal_read_pair();
    struct cal_sample b;

    while (ecgrt_compat_monotonic_ns() - a.ns < CAL_WINDOW_NS) {
    }
    b = cal_read_pair();
    if (b.ticks <= a.ticks || b.ns <= a.ns || b.ns - a.ns >= CAL_MAX_WINDOW_NS)
        return false;
    if ((b.ticks - a.ticks) >> 32 >= b.ns - a.ns)
        return false; /* more than 2^32 ticks per ns: not a clock */
    out->dticks = b.ticks - a.ticks;
    out->dns = b.ns - a.ns;
    out->ratio_q32 = cal_ratio_q32(out->dticks, out->dns);
    return true;
}

/* Sorts windows by rate (insertion sort: there are at most CAL_WINDOWS). */
static void cal_sort(struct cal_window *w, int n)
{
    for (int i = 1; i < n; i++) {
        struct cal_window key = w[i];
        int j = i - 1;
        while (j >= 0 && w[j].ratio_q32 > key.ratio_q32) {
            w[j + 1] = w[j];
            j--;
        }
        w[j + 1] = key;
    }
}

/* mult and shift for ns = ticks * dns / dticks: the largest shift (at most 32) that keeps mult
 * below 2^32, for the most precision. dns < 2^31, so dns << 32 fits in 64 bits. */
static void cal_set_factor(struct ecgrt_clock *c, uint64_t dticks, uint64_t dns)
{
    uint32_t shift = 32;
    uint64_t mult = (dns << shift) / dticks;

    while (mult >= (UINT64_C(1) << 32) && shift > 0) {
        shift--;
        mult = (dns << shift) / dticks;
    }
    c->mult = (uint32_t)mult;
    c->shift = shift;
}

/* Measures CAL_WINDOWS good windows (of at most CAL_ATTEMPTS) and keeps the median one. */
static int cal_hardware(struct ecgrt_clock *c)
{
    struct cal_window w[CAL_WINDOWS];
    int n = 0;

    for (int attempt = 0; attempt < CAL_ATTEMPTS && n < CAL_WINDOWS; attempt++) {
        if (cal_measure(&w[n]))
            n++;
    }
    if (n < CAL_WINDOWS / 2 + 1)
        return ECGRT_ECLOCK;
    cal_sort(w, n);
    c->ticks_per_ns_q32 = w[n / 2].ratio_q32;
    cal_set_factor(c, w[n / 2].dticks, w[n / 2].dns);
    return 0;
}

int ecgrt_clock_calibrate(struct ecgrt_clock *out)
{
    struct ecgrt_clock c = { 0 };
    struct cal_sample origin;

    c.uses_tsc = ECGRT_COMPAT_SOURCE != ECGRT_COMPAT_MONOTONIC;
    c.invariant = ecgrt_compat_ticks_invariant();
    if (c.uses_tsc) {
        int rc = cal_hardware(&c);
        if (rc < 0)
            return rc;
    } else {
        c.ticks_per_ns_q32 = UINT64_C(1) << 32;
        cal_set_factor(&c, 1, 1);
    }
    origin = cal_read_pair();
    c.origin_ticks = origin.ticks;
    c.origin_ns = origin.ns;
    *out = c;
    return 0;
}
