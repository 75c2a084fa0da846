/* An order of a small exchange gateway: ecg gen writes a one-thread pool of 64 of them. */
#ifndef ORDER_H
#define ORDER_H

#include <stdint.h>

#include <ecg/annotate.h>

struct ECG_GENERATE(pool(capacity = 64, local)) order {
    ECG_HOT uint64_t id;
    ECG_HOT int64_t price;
    uint32_t qty;
    ECG_COLD uint32_t owner;
    ECG_COLD char client_tag[16];
};

#endif
