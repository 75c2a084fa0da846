/* An annotated input of ecg gen: a trade fill, pooled per thread, with the fields the
 * matching path reads kept together in the first cache line. */
#ifndef ECG_EXAMPLES_GEN_FILL_H
#define ECG_EXAMPLES_GEN_FILL_H

#include <ecg/annotate.h>
#include <stdint.h>

struct ECG_GENERATE(pool(capacity=4096, local), layout(cache_aligned),
                    instrument(counters)) fill {
    char venue[5];
    ECG_HOT uint64_t order_id;
    ECG_COLD char note[40];
    ECG_HOT int64_t price;
    ECG_HOT uint32_t qty;
};

#endif
