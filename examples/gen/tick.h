/* An annotated input of ecg gen: market-data ticks handed from the feed thread to the
 * strategy thread through a single-producer single-consumer ring, with push/pop counters. */
#ifndef ECG_EXAMPLES_GEN_TICK_H
#define ECG_EXAMPLES_GEN_TICK_H

#include <ecg/annotate.h>
#include <stdint.h>

struct ECG_GENERATE(ring(capacity=1024), instrument(counters)) tick {
    uint32_t qty;
    ECG_HOT uint64_t seq;
    char venue[4];
    ECG_HOT int64_t price;
    ECG_COLD uint64_t recv_ns;
};

#endif
