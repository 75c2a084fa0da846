/* Members of an anonymous struct are placed at their offsets in the enclosing struct. */
#include <stdatomic.h>
#include <stdint.h>

struct sched_queue {
    char name[48];
    struct {
        _Atomic uint32_t enqueued;
        _Atomic uint32_t dequeued; // expect: lockfree-false-sharing {{'enqueued' (offset 48, line 0, _Atomic) and 'dequeued' (offset 52, line 0, _Atomic)}}
    };
    void *items[64];
};

uint32_t queue_depth(struct sched_queue *q)
{
    return atomic_load(&q->enqueued) - atomic_load(&q->dequeued);
}
