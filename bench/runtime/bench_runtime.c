/* Micro-benchmark of the runtime's hot paths (not a test): ns per ecgrt_hist_record,
 * ecgrt_clock_ticks, ecgrt_clock_ticks_to_ns, ecgrt_clock_now_ns and counter add (also from two
 * threads). Each figure is process CPU time over a loop divided by the calls, in interleaved
 * rounds; the median and the best round are shown. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ecg/clock.h"
#include "ecg/hist.h"
#include "ecg/metrics.h"

enum {
    OPS = 4000000,  /* calls per measurement */
    ROUNDS = 9,     /* interleaved rounds; odd, for the median */
    VALUES = 65536, /* distinct recorded values (a power of two) */
};

/* What the loops work on; kept in one place so nothing is global. */
struct bench {
    struct ecgrt_clock clock;
    struct ecgrt_hist *hist;
    struct ecgrt_metrics metrics;
    struct ecgrt_counter *counter;
    struct ecgrt_counter *other; /* a second counter, on its own cache line */
    uint64_t *values;            /* latency-like values, 20 ns to about 20 us, log-uniform */
    uint64_t sink;               /* results folded here so the loops are not optimised away */
    uint64_t calibration_ns;     /* wall time ecgrt_clock_calibrate took */
};

typedef void bench_fn(struct bench *b);

static uint64_t cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

static void run_record(struct bench *b)
{
    for (uint32_t i = 0; i < OPS; i++)
        ecgrt_hist_record(b->hist, b->values[i & (VALUES - 1)]);
    b->sink += b->hist->count;
}

static void run_ticks(struct bench *b)
{
    uint64_t acc = 0;

    for (uint32_t i = 0; i < OPS; i++)
        acc += ecgrt_clock_ticks();
    b->sink += acc;
}

static void run_to_ns(struct bench *b)
{
    uint64_t acc = 0;

    for (uint32_t i = 0; i < OPS; i++)
        acc += ecgrt_clock_ticks_to_ns(&b->clock, b->values[i & (VALUES - 1)] * 3 + i);
    b->sink += acc;
}

static void run_now_ns(struct bench *b)
{
    uint64_t acc = 0;

    for (uint32_t i = 0; i < OPS; i++)
        acc += ecgrt_clock_now_ns();
    b->sink += acc;
}

static void run_counter(struct bench *b)
{
    for (uint32_t i = 0; i < OPS; i++)
        ecgrt_metrics_counter_add(b->counter, 1);
    b->sink += ecgrt_metrics_counter_value(b->counter);
}

/* Half of the adds of a two-thread case, on one counter. */
static void *add_half(void *arg)
{
    struct ecgrt_counter *c = arg;

    for (uint32_t i = 0; i < OPS / 2; i++)
        ecgrt_metrics_counter_add(c, 1);
    return NULL;
}

/* Two threads adding OPS / 2 each, to the same counter or to one counter each. */
static void run_two_threads(struct bench *b, struct ecgrt_counter *second)
{
    pthread_t t;

    if (pthread_create(&t, NULL, add_half, second) != 0) {
        add_half(second); /* no thread: still do the work, serially */
        add_half(b->counter);
        return;
    }
    add_half(b->counter);
    pthread_join(t, NULL);
    b->sink += ecgrt_metrics_counter_value(second);
}

static void run_counter_shared(struct bench *b)
{
    run_two_threads(b, b->counter);
}

static void run_counter_own(struct bench *b)
{
    run_two_threads(b, b->other);
}

/* A tick pair around an empty region: what an instrumented section costs at least. */
static void run_tick_pair_record(struct bench *b)
{
    for (uint32_t i = 0; i < OPS; i++) {
        uint64_t t0 = ecgrt_clock_ticks();
        uint64_t t1 = ecgrt_clock_ticks();
        ecgrt_hist_record(b->hist, t1 - t0);
    }
    b->sink += b->hist->count;
}

static const struct {
    const char *name;
    bench_fn *fn;
} cases[] = {
    { "ecgrt_hist_record", run_record },
    { "ecgrt_clock_ticks", run_ticks },
    { "ecgrt_clock_ticks_to_ns", run_to_ns },
    { "ecgrt_clock_now_ns (clock_gettime)", run_now_ns },
    { "ecgrt_metrics_counter_add (1 thread)", run_counter },
    { "ticks + ticks + hist_record", run_tick_pair_record },
    { "counter_add, 2 threads, one counter", run_counter_shared },
    { "counter_add, 2 threads, own counters", run_counter_own },
};

enum { CASES = sizeof(cases) / sizeof(cases[0]) };

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

static int setup(struct bench *b)
{
    struct ecgrt_metrics_desc d = { "bench_total", NULL, NULL, 0 };
    uint64_t seed = 0x853c49e6748fea9bu;

    uint64_t t0 = ecgrt_clock_now_ns();

    if (ecgrt_clock_calibrate(&b->clock) != 0 || ecgrt_metrics_init(&b->metrics, 2) != 0)
        return -1;
    b->calibration_ns = ecgrt_clock_now_ns() - t0;
    if (ecgrt_metrics_register_counter(&b->counter, &b->metrics, &d) != 0)
        return -1;
    d.name = "bench_other_total";
    if (ecgrt_metrics_register_counter(&b->other, &b->metrics, &d) != 0)
        return -1;
    b->hist = malloc(sizeof(*b->hist));
    b->values = malloc(VALUES * sizeof(*b->values));
    if (b->hist == NULL || b->values == NULL)
        return -1;
    ecgrt_hist_init(b->hist);
    for (size_t i = 0; i < VALUES; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        b->values[i] = (UINT64_C(20) << ((seed >> 40) % 10)) + (seed >> 54);
    }
    b->sink = 0;
    return 0;
}

static void report(const struct bench *b, uint64_t ns[CASES][ROUNDS])
{
    printf("clock: %s, invariant %s, %.4f ticks/ns (mult %" PRIu32 " shift %" PRIu32 ")\n",
           b->clock.uses_tsc ? "hardware counter" : "clock_gettime",
           b->clock.invariant ? "yes" : "no", (double)b->clock.ticks_per_ns_q32 / 4294967296.0,
           b->clock.mult, b->clock.shift);
    printf("calibration: %.1f ms (wall)\n", (double)b->calibration_ns / 1e6);
    printf("%-42s %12s %12s\n", "operation", "median ns", "best ns");
    for (size_t c = 0; c < CASES; c++) {
        qsort(ns[c], ROUNDS, sizeof(ns[c][0]), compare_u64);
        printf("%-42s %12.2f %12.2f\n", cases[c].name, (double)ns[c][ROUNDS / 2] / OPS,
               (double)ns[c][0] / OPS);
    }
    printf("(%d rounds of %d calls each, interleaved; process CPU time; sink %" PRIu64 ")\n",
           ROUNDS, OPS, b->sink % 10);
}

int main(void)
{
    struct bench b;
    static uint64_t ns[CASES][ROUNDS];

    if (setup(&b) != 0) {
        fprintf(stderr, "bench_runtime: setup failed\n");
        return 1;
    }
    for (size_t r = 0; r < ROUNDS; r++) {
        for (size_t c = 0; c < CASES; c++) {
            uint64_t t0 = cpu_ns();
            cases[c].fn(&b);
            ns[c][r] = cpu_ns() - t0;
        }
    }
    report(&b, ns);
    free(b.hist);
    free(b.values);
    ecgrt_metrics_fini(&b.metrics);
    return 0;
}
