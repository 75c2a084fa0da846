/* One round of the ring benchmark: OPS struct fill values from a producer thread to a
 * consumer thread (pinned to cores 0 and 1) through the generated SPSC ring (one value at a
 * time by copy, one at a time written and read in place, and in batches), and through a
 * mutex-protected ring of the same capacity (by copy, and in place under the lock). Both sides
 * wait the same way when the ring is full or empty (bench_wait: pause, then yield). Prints "name
 * ns_per_value" (wall time / OPS) and "name_cpu ns_per_value" (both threads' CPU time / OPS),
 * then line_round_trip: ns per round trip of one cache line between the two cores, and the
 * _local figures: push and pop in one thread, the code's cost without any hand-over.
 * Usage: bench_ring ROUND OPS. */
#define _GNU_SOURCE
#include "fill.gen.h"

#include "bench_util.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 32

/* The baseline: the same ring guarded by one mutex, head and tail plain. */
struct mutex_ring {
    pthread_mutex_t lock;
    uint32_t head; /* values pushed */
    uint32_t tail; /* values popped */
    struct fill slots[1024];
};

/* Removes the oldest value under the lock: copies it to *out when out is not NULL (by copy),
 * and its order_id to *order_id (read in place). Returns 1, or 0 when the ring is empty. */
static int mutex_ring_take(struct fill *out, uint64_t *order_id, struct mutex_ring *r)
{
    int ok = 0;

    pthread_mutex_lock(&r->lock);
    if (r->head != r->tail) {
        const struct fill *front = &r->slots[r->tail % 1024u];
        if (out != NULL)
            *out = *front;
        *order_id = front->order_id;
        r->tail++;
        ok = 1;
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}

/* Adds a value under the lock: a copy of *value with its order_id set (by copy, the caller's
 * value and its own order_id; in place, a model written long before and the new order_id).
 * Returns 1, or 0 when the ring is full. */
static int mutex_ring_put(struct mutex_ring *r, const struct fill *value, uint64_t order_id)
{
    int ok = 0;

    pthread_mutex_lock(&r->lock);
    if (r->head - r->tail < 1024u) {
        struct fill *slot = &r->slots[r->head % 1024u];
        *slot = *value;
        slot->order_id = order_id;
        r->head++;
        ok = 1;
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}

enum kind {
    KIND_SPSC,
    KIND_SPSC_INPLACE,
    KIND_SPSC_BATCH,
    KIND_MUTEX,
    KIND_MUTEX_INPLACE,
};

/* What an in-place producer copies into each slot before setting its order_id: a value
 * written long before, as a template or a record received earlier would be. */
static const struct fill fill_model = { .price = 10025, .qty = 40, .venue = "XNAS" };

/* One cache line two threads bounce: the cost of a cross-core round trip, for reading the
 * ring figures (on a VM it changes with where the host places the vCPUs). */
struct pingpong {
    _Alignas(64) _Atomic uint64_t turn; /* odd: the pong thread's turn; even: the ping's */
    unsigned char pad[56];
};

struct run {
    enum kind kind;
    struct pingpong *pp;
    struct fill_ring *ring;
    struct mutex_ring *mring;
    uint64_t ops;
    atomic_int ready;  /* the consumer is pinned and waiting */
    uint64_t checksum; /* consumer: sum of order_id received */
    uint64_t cpu_ns;   /* consumer: its thread CPU time */
    int pinned;        /* consumer: 1 when pinned to core 1 */
};

/* Takes the oldest value's order_id where it lies: peek and drop, or under the lock; returns 1,
 * or 0 when the ring is empty. */
static uint32_t consume_in_place(struct run *r, uint64_t *order_id)
{
    const struct fill *front;

    if (r->kind == KIND_MUTEX_INPLACE)
        return (uint32_t)mutex_ring_take(NULL, order_id, r->mring);
    front = fill_ring_peek(r->ring);
    if (front == NULL)
        return 0;
    *order_id = front->order_id;
    return (uint32_t)fill_ring_drop(r->ring);
}

/* Takes up to BATCH values into batch by the kind's method; returns how many. */
static uint32_t consume_some(struct run *r, struct fill *batch)
{
    if (r->kind == KIND_SPSC)
        return (uint32_t)fill_ring_pop(&batch[0], r->ring);
    if (r->kind == KIND_SPSC_BATCH)
        return fill_ring_pop_n(batch, r->ring, BATCH);
    if (r->kind == KIND_MUTEX)
        return (uint32_t)mutex_ring_take(&batch[0], &batch[0].order_id, r->mring);
    return consume_in_place(r, &batch[0].order_id);
}

static uint64_t consume(struct run *r)
{
    struct fill batch[BATCH];
    uint64_t sum = 0;
    uint64_t got = 0;
    unsigned spins = 0;

    while (got < r->ops) {
        uint32_t n = consume_some(r, batch);
        if (n == 0)
            bench_wait(&spins);
        else
            spins = 0;
        for (uint32_t i = 0; i < n; i++)
            sum += batch[i].order_id;
        got += n;
    }
    return sum;
}

static void *consumer(void *arg)
{
    struct run *r = arg;
    uint64_t start;

    r->pinned = bench_pin(1) == 0;
    start = bench_ns(CLOCK_THREAD_CPUTIME_ID);
    atomic_store(&r->ready, 1);
    r->checksum = consume(r);
    r->cpu_ns = bench_ns(CLOCK_THREAD_CPUTIME_ID) - start;
    return NULL;
}

/* Writes value next in place: claim, copy the model, set order_id, publish; or under the lock.
 * Returns 1, or 0 when the ring is full. */
static uint32_t produce_in_place(struct run *r, uint64_t next)
{
    struct fill *slot;

    if (r->kind == KIND_MUTEX_INPLACE)
        return (uint32_t)mutex_ring_put(r->mring, &fill_model, next);
    slot = fill_ring_claim(r->ring);
    if (slot == NULL)
        return 0;
    *slot = fill_model;
    slot->order_id = next;
    return (uint32_t)fill_ring_publish(r->ring);
}

static uint32_t produce_some(struct run *r, struct fill *batch, uint64_t next)
{
    uint32_t want = 1;

    if (r->kind == KIND_SPSC_INPLACE || r->kind == KIND_MUTEX_INPLACE)
        return produce_in_place(r, next);
    if (r->kind == KIND_SPSC_BATCH)
        want = r->ops - next + 1 < BATCH ? (uint32_t)(r->ops - next + 1) : BATCH;
    for (uint32_t i = 0; i < want; i++)
        batch[i].order_id = next + i;
    if (r->kind == KIND_SPSC)
        return (uint32_t)fill_ring_push(r->ring, &batch[0]);
    if (r->kind == KIND_SPSC_BATCH)
        return fill_ring_push_n(r->ring, batch, want);
    return (uint32_t)mutex_ring_put(r->mring, &batch[0], batch[0].order_id);
}

static void produce(struct run *r)
{
    struct fill batch[BATCH];
    uint64_t next = 1;
    unsigned spins = 0;

    memset(batch, 0, sizeof batch);
    while (next <= r->ops) {
        uint32_t n = produce_some(r, batch, next);
        if (n == 0)
            bench_wait(&spins);
        else
            spins = 0;
        next += n;
    }
}

/* Runs one transfer of r->ops values; prints its figures, or returns nonzero on failure. */
static int measure(const char *name, struct run *r)
{
    pthread_t thread;
    uint64_t wall, cpu;

    atomic_store(&r->ready, 0);
    fill_ring_init(r->ring);
    r->mring->head = 0;
    r->mring->tail = 0;
    if (pthread_create(&thread, NULL, consumer, r) != 0)
        return 1;
    while (atomic_load(&r->ready) == 0)
        sched_yield();
    wall = bench_ns(CLOCK_MONOTONIC);
    cpu = bench_ns(CLOCK_THREAD_CPUTIME_ID);
    produce(r);
    pthread_join(thread, NULL);
    wall = bench_ns(CLOCK_MONOTONIC) - wall;
    cpu = bench_ns(CLOCK_THREAD_CPUTIME_ID) - cpu + r->cpu_ns;
    if (r->checksum != r->ops * (r->ops + 1) / 2) {
        fprintf(stderr, "bench_ring: %s lost values\n", name);
        return 1;
    }
    printf("%s %.3f\n%s_cpu %.3f\n", name, (double)wall / (double)r->ops, name,
           (double)cpu / (double)r->ops);
    return 0;
}

static void *pong(void *arg)
{
    struct run *r = arg;
    uint64_t trips = r->ops / 8;

    r->pinned = bench_pin(1) == 0;
    for (uint64_t i = 1; i <= trips; i++) {
        unsigned spins = 0;
        /* acquire: pairs with the release in ping_all; the turn is the only data */
        while (atomic_load_explicit(&r->pp->turn, memory_order_acquire) != 2 * i - 1)
            bench_wait(&spins);
        /* release: pairs with the acquire in ping_all */
        atomic_store_explicit(&r->pp->turn, 2 * i, memory_order_release);
    }
    return NULL;
}

static void ping_all(struct run *r)
{
    uint64_t trips = r->ops / 8;

    for (uint64_t i = 1; i <= trips; i++) {
        unsigned spins = 0;
        /* release: pairs with the acquire in pong */
        atomic_store_explicit(&r->pp->turn, 2 * i - 1, memory_order_release);
        /* acquire: pairs with the release in pong */
        while (atomic_load_explicit(&r->pp->turn, memory_order_acquire) != 2 * i)
            bench_wait(&spins);
    }
}

/* Prints the ns per round trip of one cache line between the two cores (ops / 8 trips). */
static int measure_pingpong(struct run *r)
{
    pthread_t thread;
    uint64_t wall;

    atomic_store(&r->pp->turn, 0);
    if (r->ops / 8 == 0 || pthread_create(&thread, NULL, pong, r) != 0)
        return 1;
    wall = bench_ns(CLOCK_MONOTONIC);
    ping_all(r);
    pthread_join(thread, NULL);
    wall = bench_ns(CLOCK_MONOTONIC) - wall;
    printf("line_round_trip %.3f\n", (double)wall / (double)(r->ops / 8));
    return 0;
}

/* The code's own cost, without a hand-over: one thread pushes a value and pops it back, OPS
 * times, through the SPSC ring and through the mutex ring (uncontended lock). Prints
 * "name_local ns_per_value" in thread CPU time. */
static void measure_local(struct run *r)
{
    struct fill in, out;
    uint64_t sum = 0;
    uint64_t start;

    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    fill_ring_init(r->ring);
    start = bench_ns(CLOCK_THREAD_CPUTIME_ID);
    for (uint64_t i = 0; i < r->ops; i++) {
        in.order_id = i;
        sum += (uint64_t)fill_ring_push(r->ring, &in);
        sum += (uint64_t)fill_ring_pop(&out, r->ring);
        sum += out.order_id;
    }
    printf("ring_spsc_local %.3f\n",
           (double)(bench_ns(CLOCK_THREAD_CPUTIME_ID) - start) / (double)r->ops);
    r->mring->head = 0;
    r->mring->tail = 0;
    start = bench_ns(CLOCK_THREAD_CPUTIME_ID);
    for (uint64_t i = 0; i < r->ops; i++) {
        in.order_id = i;
        sum += (uint64_t)mutex_ring_put(r->mring, &in, in.order_id);
        sum += (uint64_t)mutex_ring_take(&out, &out.order_id, r->mring);
        sum += out.order_id;
    }
    printf("ring_mutex_local %.3f\n",
           (double)(bench_ns(CLOCK_THREAD_CPUTIME_ID) - start) / (double)r->ops);
    if (sum != 4 * r->ops + r->ops * (r->ops - 1))
        fprintf(stderr, "bench_ring: a local round lost values\n");
}

static const struct {
    const char *name;
    enum kind kind;
} kinds[] = {
    { "ring_spsc", KIND_SPSC },
    { "ring_spsc_inplace", KIND_SPSC_INPLACE },
    { "ring_spsc_batch", KIND_SPSC_BATCH },
    { "ring_mutex", KIND_MUTEX },
    { "ring_mutex_inplace", KIND_MUTEX_INPLACE },
};

#define KINDS (sizeof kinds / sizeof kinds[0])

/* Measures every kind once, in an order that rotates with round; returns nonzero on failure. */
static int measure_all(struct run *r, unsigned long round)
{
    int rc = 0;

    if (bench_pin(0) != 0)
        fprintf(stderr, "bench_ring: producer not pinned\n");
    for (size_t i = 0; i < KINDS && rc == 0; i++) {
        size_t k = (i + round) % KINDS;
        r->kind = kinds[k].kind;
        rc = measure(kinds[k].name, r);
        if (!r->pinned)
            fprintf(stderr, "bench_ring: consumer not pinned\n");
    }
    if (rc == 0)
        rc = measure_pingpong(r);
    if (rc == 0)
        measure_local(r);
    return rc;
}

int main(int argc, char **argv)
{
    struct run r;
    struct pingpong pp;
    unsigned long round = argc > 1 ? strtoul(argv[1], NULL, 10) : 0;
    int rc = 2;

    memset(&r, 0, sizeof r);
    memset(&pp, 0, sizeof pp);
    r.pp = &pp;
    r.ops = argc > 2 ? strtoull(argv[2], NULL, 10) : 2000000;
    r.ring = aligned_alloc(_Alignof(struct fill_ring), sizeof *r.ring);
    r.mring = aligned_alloc(64, (sizeof *r.mring + 63) / 64 * 64);
    if (r.ring != NULL && r.mring != NULL && r.ops != 0) {
        pthread_mutex_init(&r.mring->lock, NULL);
        rc = measure_all(&r, round);
        pthread_mutex_destroy(&r.mring->lock);
    }
    free(r.mring);
    free(r.ring);
    return rc;
}
