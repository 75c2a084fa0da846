/* Acquires orders from the generated pool until it is empty, releases them, and records how
 * long each acquire took into an ecgrt histogram. Exit 0 when everything adds up. */
#include <stdio.h>
#include <string.h>

#include <ecg/clock.h>
#include <ecg/hist.h>

#include "order.gen.h"

static struct order_pool pool;
static struct ecgrt_hist acquire_ns;
static struct order *held[ORDER_POOL_CAPACITY];

static int fill(void)
{
    for (uint32_t i = 0; i < ORDER_POOL_CAPACITY; i++) {
        uint64_t start = ecgrt_clock_now_ns();
        held[i] = order_pool_acquire(&pool);
        ecgrt_hist_record(&acquire_ns, ecgrt_clock_elapsed_ns(start));
        if (held[i] == NULL) {
            fprintf(stderr, "acquire %u of %u failed\n", i, (unsigned)ORDER_POOL_CAPACITY);
            return -1;
        }
        held[i]->id = 1000 + i;
        held[i]->owner = i;
        snprintf(held[i]->client_tag, sizeof held[i]->client_tag, "client-%u", i % 4);
    }
    return 0;
}

int main(void)
{
    struct order_pool_stats st;

    order_pool_init(&pool);
    ecgrt_hist_init(&acquire_ns);
    if (fill() != 0)
        return 1;
    if (order_pool_acquire(&pool) != NULL) {
        fprintf(stderr, "a full pool handed out an object\n");
        return 1;
    }
    for (uint32_t i = 0; i < ORDER_POOL_CAPACITY; i++)
        order_pool_release(&pool, held[i]);
    memset(&st, 0, sizeof st);
    order_pool_stats(&st, &pool);
    if (st.capacity != ORDER_POOL_CAPACITY || st.in_use != 0) {
        fprintf(stderr, "stats: capacity %llu, in use %llu\n", (unsigned long long)st.capacity,
                (unsigned long long)st.in_use);
        return 1;
    }
    if (ecgrt_hist_count(&acquire_ns) != ORDER_POOL_CAPACITY) {
        fprintf(stderr, "histogram holds %llu values\n",
                (unsigned long long)ecgrt_hist_count(&acquire_ns));
        return 1;
    }
    printf("pool of %llu orders: acquire p50 %llu ns, p99 %llu ns\n",
           (unsigned long long)st.capacity,
           (unsigned long long)ecgrt_hist_value_at_percentile(&acquire_ns, 50.0),
           (unsigned long long)ecgrt_hist_value_at_percentile(&acquire_ns, 99.0));
    return 0;
}
