// The lock is two calls away: enqueue -> note_overflow -> stats_add -> pthread_mutex_lock.
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct stats {
    pthread_mutex_t lock;
    unsigned long dropped;
};

struct ring {
    int slots[256];
    _Atomic size_t head;
    _Atomic size_t tail;
    struct stats *stats;
};

static void stats_add(struct stats *st, unsigned long n)
{
    pthread_mutex_lock(&st->lock);
    st->dropped += n;
    pthread_mutex_unlock(&st->lock);
}

static void note_overflow(struct ring *r)
{
    stats_add(r->stats, 1);
}

ECG_NONBLOCKING int ring_enqueue(struct ring *r, int v)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);

    if (tail - head == 256) {
        // expect@+1: lockfree-blocking-call {{'note_overflow' -> 'stats_add' -> 'pthread_mutex_lock'}}
        note_overflow(r);
        return -1;
    }
    r->slots[tail % 256] = v;
    atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
    return 0;
}
