// ecg-options: {"cache_line_size": 128}
/* With 128-byte lines (Apple M-series), 64 bytes apart is not far enough. */
#include <stdatomic.h>
#include <stddef.h>

struct mpmc_queue {
    _Alignas(64) _Atomic size_t enqueue_pos;
    _Alignas(64) _Atomic size_t dequeue_pos; // expect: lockfree-false-sharing {{128-byte cache line}}
};

size_t queue_size(struct mpmc_queue *q)
{
    return atomic_load(&q->enqueue_pos) - atomic_load(&q->dequeue_pos);
}
