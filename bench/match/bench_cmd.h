/* The annotated input of ecg gen for the benchmark's pipeline: a decoded command as the gateway
 * thread hands it to a matcher thread through a single-producer single-consumer ring. */
#ifndef ECG_BENCH_MATCH_BENCH_CMD_H
#define ECG_BENCH_MATCH_BENCH_CMD_H

#include <ecg/annotate.h>
#include <stdint.h>

struct ECG_GENERATE(ring(capacity = 4096)) bench_cmd {
    ECG_HOT uint64_t id;
    ECG_HOT int64_t price;
    ECG_HOT uint64_t qty;
    uint32_t owner;
    uint32_t instrument;
    uint8_t kind; /* 'A', 'C', 'M'; 0 ends the stream */
    uint8_t side;
    uint8_t type;
};

#endif
