/* The annotated input of the generator benchmarks (bench/gen/run.sh runs `ecg gen` on it):
 * a fill passed through a ring and taken from a thread-local pool, and a quote taken from a
 * pool shared by threads. Sizes as in a matching engine's hot path. */
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(pool(capacity = 4096, local), ring(capacity = 1024),
                    instrument(counters)) fill {
    char venue[5];
    ECG_HOT uint64_t order_id;
    ECG_COLD char note[40];
    ECG_HOT int64_t price;
    ECG_HOT uint32_t qty;
};

struct ECG_GENERATE(pool(capacity = 4096, shared), instrument(counters)) quote {
    ECG_HOT uint64_t seq;
    ECG_HOT int64_t bid;
    ECG_HOT int64_t ask;
    uint32_t venue;
};
