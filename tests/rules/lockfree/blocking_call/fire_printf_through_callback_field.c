// A call through a struct field: the only function the unit stores in 'on_full' prints.
#include <stdatomic.h>
#include <stdio.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct queue_ops {
    void (*on_full)(unsigned depth);
};

struct queue {
    const struct queue_ops *ops;
    _Atomic unsigned depth;
    unsigned limit;
};

static void report_full(unsigned depth)
{
    fprintf(stderr, "queue full at %u\n", depth);
}

static const struct queue_ops default_ops = {
    .on_full = report_full,
};

void queue_init(struct queue *q, unsigned limit)
{
    q->ops = &default_ops;
    atomic_init(&q->depth, 0);
    q->limit = limit;
}

ECG_NONBLOCKING int queue_reserve(struct queue *q)
{
    unsigned d = atomic_fetch_add_explicit(&q->depth, 1, memory_order_acq_rel);

    if (d >= q->limit) {
        atomic_fetch_sub_explicit(&q->depth, 1, memory_order_relaxed);
        q->ops->on_full(d); // expect: lockfree-blocking-call {{does I/O}}
        return -1;
    }
    return 0;
}
