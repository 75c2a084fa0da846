/* What the parts of the matching benchmark share: the calibrated clock, the events sink the
 * engine's callback folds into, per-operation latency histograms, and the parts' entry points
 * (single-thread replay in bench_match.c, threads in bench_threads.c, the chart in
 * bench_svg.c). */
#ifndef ECG_BENCH_MATCH_BENCH_MATCH_H
#define ECG_BENCH_MATCH_BENCH_MATCH_H

#include <stdint.h>

#include "bench/match/flow.h"
#include "ecg/clock.h"
#include "ecg/hist.h"
#include "ecg/match.h"

enum bench_op {
    BENCH_OP_ADD_RESTING,    /* an add that traded nothing */
    BENCH_OP_ADD_MARKETABLE, /* an add that traded */
    BENCH_OP_CANCEL,
    BENCH_OP_MODIFY,
    BENCH_OPS,
};

/* Where the callback folds events, so the compiler keeps them. */
struct bench_sink {
    uint64_t events;
    uint64_t trades;
    uint64_t fold;
};

void bench_on_event(void *ctx, const struct ecgrt_match_event *ev);

/* The engine configuration every part uses (books of the QuantCup band). */
struct ecgrt_match_config bench_config(uint32_t instruments, uint32_t max_orders,
                                       struct bench_sink *sink);

#define BENCH_MAX_ORDERS (1u << 18) /* resting orders at once in the mixed flow */

/* Wall-clock and CPU nanoseconds now. */
uint64_t bench_wall_ns(void);
uint64_t bench_cpu_ns(void);

/* Prints the two-thread pipeline and the two-shard figures for flow f (64 instruments). */
int bench_threads_run(const struct flow *f, int rounds);

/* Writes the latency chart: one percentile curve per operation (histograms in ns). */
int bench_svg_write(const char *path, const struct ecgrt_hist *const hists[BENCH_OPS],
                    const char *const names[BENCH_OPS], const char *title);

#endif
