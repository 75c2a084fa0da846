/* An annotated input of ecg gen with two writers: the gateway thread counts what it sends,
 * the matcher thread what it fills. ECG_WRITER keeps each thread's counters on cache lines
 * of their own, so neither invalidates the other's line on every update. */
#ifndef ECG_EXAMPLES_GEN_BOOK_STATS_H
#define ECG_EXAMPLES_GEN_BOOK_STATS_H

#include <ecg/annotate.h>
#include <stdatomic.h>
#include <stdint.h>

struct ECG_GENERATE(layout(cache_aligned)) book_stats {
    uint32_t book_id;
    ECG_WRITER(gateway) _Atomic(uint64_t) orders_sent;
    ECG_WRITER(matcher) _Atomic(uint64_t) fills;
    ECG_WRITER(gateway) _Atomic(uint64_t) cancels_sent;
    ECG_WRITER(matcher) uint64_t last_fill_ns;
    ECG_COLD char symbol[12];
};

#endif
