/* Two-thread stress of a generated SPSC ring (tick.gen.h with members seq, price and qty): the
 * producer sends seq 1..N by single pushes, batches and claim+publish, the consumer takes them by
 * pop, pop_n and peek+drop and checks the sequence and each value's payload, while a third thread
 * reads the size (and with -DRING_DRIVER_COUNTERS the statistics). Built with -fsanitize=thread by
 * tests/unit/test_gen_ring.c and test_gen_ring.sh; exits 0 when every value arrived once, in
 * order, intact. */
#include "tick.gen.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRESS_BATCH 7

struct stress {
    struct tick_ring *ring;
    atomic_int done;   /* the consumer has received every value */
    int monitored;     /* the monitor thread runs */
    uint64_t oversize; /* monitor: snapshots whose size exceeded the capacity */
    uint64_t count;    /* values to send: seq 1..count */
    uint64_t bad;      /* consumer: values out of order or torn */
    uint64_t last;     /* consumer: the last seq received */
};

static struct tick make_tick(uint64_t seq)
{
    struct tick t;

    memset(&t, 0, sizeof t);
    t.seq = seq;
    t.price = (int64_t)(seq * 3);
    t.qty = (uint32_t)(seq ^ 0x5a5a5a5au);
    return t;
}

/* Writes value seq in place through claim and publish; returns 1, or 0 when the ring is full. */
static uint32_t send_in_place(struct tick_ring *ring, uint64_t seq)
{
    struct tick *slot = tick_ring_claim(ring);

    if (slot == NULL)
        return 0;
    *slot = make_tick(seq);
    return (uint32_t)tick_ring_publish(ring);
}

static void *producer(void *arg)
{
    struct stress *st = arg;
    struct tick batch[STRESS_BATCH];
    uint64_t seq = 1;

    while (seq <= st->count) {
        uint32_t want = (uint32_t)(seq % STRESS_BATCH) + 1;
        uint32_t sent;
        if (want > st->count - seq + 1)
            want = (uint32_t)(st->count - seq + 1);
        for (uint32_t i = 0; i < want; i++)
            batch[i] = make_tick(seq + i);
        if (want == 2)
            sent = send_in_place(st->ring, seq);
        else if (want == 1)
            sent = (uint32_t)tick_ring_push(st->ring, &batch[0]);
        else
            sent = tick_ring_push_n(st->ring, batch, want);
        if (sent == 0)
            sched_yield();
        seq += sent;
    }
    return NULL;
}

static void take(struct stress *st, const struct tick *t)
{
    struct tick want = make_tick(st->last + 1);

    if (t->seq != want.seq || t->price != want.price || t->qty != want.qty) {
        if (st->bad == 0)
            fprintf(stderr, "ring_stress: got seq %llu after %llu\n", (unsigned long long)t->seq,
                    (unsigned long long)st->last);
        st->bad++;
    }
    st->last = t->seq;
}

/* One consumer step, by the method the step number picks; returns how many values it took. */
static uint32_t consume_step(struct stress *st, uint64_t step)
{
    struct tick batch[STRESS_BATCH];
    const struct tick *front;
    uint32_t got;

    if (step % 3 == 0) {
        got = tick_ring_pop_n(batch, st->ring, (uint32_t)(step % STRESS_BATCH) + 1);
        for (uint32_t i = 0; i < got; i++)
            take(st, &batch[i]);
        return got;
    }
    if (step % 3 == 1) {
        got = (uint32_t)tick_ring_pop(&batch[0], st->ring);
        if (got != 0)
            take(st, &batch[0]);
        return got;
    }
    front = tick_ring_peek(st->ring);
    if (front == NULL)
        return 0;
    take(st, front);
    return (uint32_t)tick_ring_drop(st->ring);
}

static void *consumer(void *arg)
{
    struct stress *st = arg;
    uint64_t step = 0;
    uint64_t received = 0;

    while (received < st->count) {
        uint32_t got = consume_step(st, step++);
        if (got == 0)
            sched_yield();
        received += got;
    }
    return NULL;
}

/* With -DRING_DRIVER_COUNTERS a third thread reads the statistics while the two others run. */
static void *monitor(void *arg)
{
    struct stress *st = arg;

    while (!atomic_load(&st->done)) {
#ifdef RING_DRIVER_COUNTERS
        struct tick_ring_stats stats;
        tick_ring_stats(&stats, st->ring);
        if (stats.size > tick_ring_capacity())
            st->oversize++;
#else
        if (tick_ring_size(st->ring) > tick_ring_capacity())
            st->oversize++;
#endif
        sched_yield();
    }
    return NULL;
}

/* Runs the consumer and the monitor on threads of their own and the producer on this one;
 * returns 0 when all three ran. */
static int run_threads(struct stress *st)
{
    pthread_t consumer_thread, monitor_thread;

    if (pthread_create(&consumer_thread, NULL, consumer, st) != 0)
        return 2;
    st->monitored = pthread_create(&monitor_thread, NULL, monitor, st) == 0;
    producer(st);
    pthread_join(consumer_thread, NULL);
    atomic_store(&st->done, 1);
    if (!st->monitored)
        return 2;
    pthread_join(monitor_thread, NULL);
    return 0;
}

int main(int argc, char **argv)
{
    struct stress st = { NULL, 0, 0, 0, 200000, 0, 0 };
    int rc;

    if (argc > 1)
        st.count = strtoull(argv[1], NULL, 10);
    st.ring = aligned_alloc(_Alignof(struct tick_ring), sizeof *st.ring);
    if (st.ring == NULL)
        return 2;
    tick_ring_init(st.ring);
    rc = run_threads(&st);
    if (rc == 0 &&
        (st.bad != 0 || st.last != st.count || st.oversize != 0 || !tick_ring_empty(st.ring)))
        rc = 1;
    fprintf(stderr, "ring_stress: %llu values, %llu bad, last %llu, %llu oversize snapshots\n",
            (unsigned long long)st.count, (unsigned long long)st.bad, (unsigned long long)st.last,
            (unsigned long long)st.oversize);
    free(st.ring);
    return rc;
}
