/* Single-threaded checks of a generated SPSC ring (tick.gen.h, any capacity, any struct tick
 * with a uint64_t member seq): empty and full states, FIFO order, batches, peek and drop,
 * claim and publish,
 * wrap-around of the slots many times and of the 32-bit indices; with -DRING_DRIVER_COUNTERS
 * the instrument(counters) statistics too. Exits 0 when all pass; otherwise prints each
 * failure on stderr and exits 1. Built by tests/unit/test_gen_ring.c and test_gen_ring.sh. */
#include "tick.gen.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check {
    uint64_t failures;
    uint64_t next_push; /* seq of the next value pushed */
    uint64_t next_pop;  /* seq the next value popped must carry */
};

static void expect(struct check *ck, int ok, const char *what, int line)
{
    if (ok)
        return;
    ck->failures++;
    fprintf(stderr, "ring_driver.c:%d: %s\n", line, what);
}

static struct tick make_tick(uint64_t seq)
{
    struct tick t;

    memset(&t, (int)(seq & 0xffu), sizeof t);
    t.seq = seq;
    return t;
}

/* Queues value seq through claim and publish; returns 1, or 0 when the ring is full. */
static int push_in_place(struct tick_ring *ring, uint64_t seq)
{
    struct tick *slot = tick_ring_claim(ring);

    if (slot == NULL)
        return 0;
    *slot = make_tick(seq);
    return tick_ring_publish(ring);
}

/* Pushes n values one at a time, every third through claim and publish; returns how many were
 * accepted. */
static uint32_t push_some(struct check *ck, struct tick_ring *ring, uint32_t n)
{
    uint32_t done = 0;

    while (done < n) {
        struct tick t = make_tick(ck->next_push);
        int sent =
            ck->next_push % 3 == 0 ? push_in_place(ring, ck->next_push) : tick_ring_push(ring, &t);
        if (!sent)
            break;
        ck->next_push++;
        done++;
    }
    return done;
}

/* Pops n values one at a time, checking their order; returns how many came out. */
static uint32_t pop_some(struct check *ck, struct tick_ring *ring, uint32_t n)
{
    uint32_t done = 0;
    struct tick t;

    while (done < n && tick_ring_pop(&t, ring)) {
        struct tick want = make_tick(ck->next_pop);
        expect(ck, t.seq == ck->next_pop, "values come out in the order they went in", __LINE__);
        expect(ck, memcmp(&t, &want, sizeof t) == 0, "values come out whole", __LINE__);
        ck->next_pop = t.seq + 1;
        done++;
    }
    return done;
}

static void check_empty(struct check *ck, struct tick_ring *ring)
{
    struct tick t = make_tick(UINT64_MAX);

    expect(ck, tick_ring_size(ring) == 0, "an empty ring has size 0", __LINE__);
    expect(ck, tick_ring_empty(ring), "an empty ring is empty", __LINE__);
    expect(ck, !tick_ring_full(ring), "an empty ring is not full", __LINE__);
    expect(ck, tick_ring_peek(ring) == NULL, "peek on an empty ring gives NULL", __LINE__);
    expect(ck, tick_ring_pop(&t, ring) == 0, "pop on an empty ring fails", __LINE__);
    expect(ck, t.seq == UINT64_MAX, "a failed pop leaves *out untouched", __LINE__);
    expect(ck, tick_ring_drop(ring) == 0, "drop on an empty ring fails", __LINE__);
    expect(ck, tick_ring_pop_n(&t, ring, 1) == 0, "pop_n on an empty ring gives 0", __LINE__);
}

static void check_fill_and_drain(struct check *ck, struct tick_ring *ring)
{
    uint32_t cap = tick_ring_capacity();
    struct tick extra = make_tick(UINT64_MAX);

    for (uint32_t i = 0; i < cap; i++) {
        expect(ck, push_some(ck, ring, 1) == 1, "push succeeds below capacity", __LINE__);
        expect(ck, tick_ring_size(ring) == i + 1, "size counts every push", __LINE__);
    }
    expect(ck, tick_ring_full(ring), "a ring holding capacity values is full", __LINE__);
    expect(ck, !tick_ring_empty(ring), "a full ring is not empty", __LINE__);
    expect(ck, tick_ring_push(ring, &extra) == 0, "push on a full ring fails", __LINE__);
    expect(ck, tick_ring_push_n(ring, &extra, 1) == 0, "push_n on a full ring gives 0", __LINE__);
    expect(ck, tick_ring_size(ring) == cap, "a refused push changes nothing", __LINE__);
    expect(ck, pop_some(ck, ring, cap) == cap, "every value pushed comes out", __LINE__);
    check_empty(ck, ring);
}

static void check_batches(struct check *ck, struct tick_ring *ring)
{
    uint32_t cap = tick_ring_capacity();
    struct tick *buf = calloc((size_t)cap + 3, sizeof *buf);
    uint32_t got;

    if (buf == NULL) {
        expect(ck, 0, "out of memory", __LINE__);
        return;
    }
    for (uint32_t i = 0; i < cap + 3; i++)
        buf[i] = make_tick(ck->next_push + i);
    expect(ck, tick_ring_push_n(ring, buf, 0) == 0, "push_n of nothing gives 0", __LINE__);
    got = tick_ring_push_n(ring, buf, cap + 3);
    expect(ck, got == cap, "push_n stops at capacity", __LINE__);
    ck->next_push += got;
    memset(buf, 0, ((size_t)cap + 3) * sizeof *buf);
    got = tick_ring_pop_n(buf, ring, cap + 3);
    expect(ck, got == cap, "pop_n stops when the ring is empty", __LINE__);
    for (uint32_t i = 0; i < got; i++)
        expect(ck, buf[i].seq == ck->next_pop + i, "pop_n keeps the order", __LINE__);
    ck->next_pop += got;
    check_empty(ck, ring);
    free(buf);
}

/* pop_n keeps its own view of the producer's index; single pops, which read the slots, can
 * move past that view. pop_n must then reload it, never count values from the stale one. */
static void check_pops_overtake_batch_view(struct check *ck, struct tick_ring *ring)
{
    uint32_t cap = tick_ring_capacity();
    uint32_t half = cap / 2 != 0 ? cap / 2 : 1;
    struct tick one;

    push_some(ck, ring, half);
    expect(ck, tick_ring_pop_n(&one, ring, 1) == 1 && one.seq == ck->next_pop,
           "pop_n takes the oldest", __LINE__);
    ck->next_pop++;
    push_some(ck, ring, cap - half + 1);
    pop_some(ck, ring, cap);
    expect(ck, tick_ring_pop_n(&one, ring, 1) == 0, "pop_n finds the overtaken view empty",
           __LINE__);
    push_some(ck, ring, 1);
    expect(ck, tick_ring_pop_n(&one, ring, 1) == 1 && one.seq == ck->next_pop,
           "pop_n reloads the producer's index", __LINE__);
    ck->next_pop++;
    check_empty(ck, ring);
}

static void check_peek_drop(struct check *ck, struct tick_ring *ring)
{
    const struct tick *front;

    push_some(ck, ring, 2);
    front = tick_ring_peek(ring);
    expect(ck, front != NULL && front->seq == ck->next_pop, "peek shows the oldest", __LINE__);
    expect(ck, tick_ring_size(ring) == (tick_ring_capacity() < 2 ? 1u : 2u), "peek removes nothing",
           __LINE__);
    expect(ck, tick_ring_drop(ring) == 1, "drop removes the oldest", __LINE__);
    ck->next_pop++;
    pop_some(ck, ring, 2);
    check_empty(ck, ring);
}

/* A claimed slot is the same until published, and unseen until then; on a full ring claim
 * gives NULL and publish queues nothing. */
static void check_claim_publish(struct check *ck, struct tick_ring *ring)
{
    uint32_t cap = tick_ring_capacity();
    struct tick *slot = tick_ring_claim(ring);

    expect(ck, slot != NULL && tick_ring_claim(ring) == slot, "claim gives one slot until publish",
           __LINE__);
    if (slot == NULL)
        return;
    *slot = make_tick(ck->next_push);
    expect(ck, tick_ring_size(ring) == 0 && tick_ring_peek(ring) == NULL,
           "a claimed value is not queued", __LINE__);
    expect(ck, tick_ring_publish(ring) == 1, "publish queues the claimed value", __LINE__);
    ck->next_push++;
    expect(ck, tick_ring_peek(ring) == slot, "the consumer reads the value where it was written",
           __LINE__);
    while (push_in_place(ring, ck->next_push))
        ck->next_push++;
    expect(ck, tick_ring_size(ring) == cap, "claim and publish fill the ring", __LINE__);
    expect(ck, tick_ring_claim(ring) == NULL, "claim on a full ring gives NULL", __LINE__);
    expect(ck, tick_ring_publish(ring) == 0 && tick_ring_size(ring) == cap,
           "publish on a full ring queues nothing", __LINE__);
    expect(ck, pop_some(ck, ring, cap) == cap, "every value published comes out", __LINE__);
    check_empty(ck, ring);
}

/* Pushes and pops in uneven steps until the slots have wrapped rounds times. */
static void check_wrap(struct check *ck, struct tick_ring *ring, uint32_t rounds)
{
    uint32_t cap = tick_ring_capacity();
    uint64_t stop = ck->next_push + (uint64_t)cap * rounds + 7;
    uint32_t step = 0;

    while (ck->next_push < stop) {
        uint32_t in = 1 + step % (cap < 3 ? cap : 3);
        push_some(ck, ring, in);
        expect(ck, tick_ring_size(ring) <= cap, "size never exceeds capacity", __LINE__);
        pop_some(ck, ring, 1 + (step + 1) % 3);
        step++;
    }
    pop_some(ck, ring, cap);
    expect(ck, ck->next_pop == ck->next_push, "every value pushed came out", __LINE__);
    check_empty(ck, ring);
}

#ifdef RING_DRIVER_COUNTERS
static void expect_stats(struct check *ck, struct tick_ring *ring, uint64_t full, uint64_t empty,
                         int line)
{
    struct tick_ring_stats st;
#ifdef ECG_NO_INSTRUMENT
    uint32_t instrumented = 0;
    full = 0;
    empty = 0;
#else
    uint32_t instrumented = 1;
#endif

    tick_ring_stats(&st, ring);
    expect(ck, st.full == full, "calls that found the ring full are counted", line);
    expect(ck, st.empty == empty, "calls that found the ring empty are counted", line);
    expect(ck, st.instrumented == instrumented, "stats say whether they count", line);
    expect(ck, st.size == tick_ring_size(ring), "stats give the size", line);
}

/* instrument(counters): the calls that fall short are counted, the others are not; under
 * -DECG_NO_INSTRUMENT nothing is. Leaves the ring empty, with fresh counters. */
static void check_counters(struct check *ck, struct tick_ring *ring)
{
    uint32_t cap = tick_ring_capacity();
    struct tick t = make_tick(0);
    struct tick_ring_stats st;

    tick_ring_init(ring);
    expect_stats(ck, ring, 0, 0, __LINE__);
    tick_ring_pop(&t, ring);
    tick_ring_peek(ring);
    tick_ring_drop(ring);
    tick_ring_pop_n(&t, ring, 1);
    expect_stats(ck, ring, 0, 4, __LINE__);
    push_some(ck, ring, cap);
    expect_stats(ck, ring, 0, 4, __LINE__);
    tick_ring_push(ring, &t);
    tick_ring_push_n(ring, &t, 1);
    tick_ring_claim(ring);
    tick_ring_publish(ring);
    expect_stats(ck, ring, 3, 4, __LINE__);
    pop_some(ck, ring, cap);
    tick_ring_stats(&st, ring);
    expect(ck, st.pushed == (uint32_t)cap && st.popped == (uint32_t)cap, "stats count values",
           __LINE__);
    tick_ring_init(ring);
    expect_stats(ck, ring, 0, 0, __LINE__);
}
#endif

/* Moves the free-running indices just below 2^32 so that they wrap during the next checks. */
static void move_indices_near_wrap(struct tick_ring *ring)
{
    uint32_t start = UINT32_MAX - 2 * tick_ring_capacity() - 3;

    atomic_store(&ring->head, start);
    atomic_store(&ring->tail, start);
    ring->head_seen = start;
    ring->tail_seen = start;
}

int main(void)
{
    struct check ck = { 0, 1, 1 };
    struct tick_ring *ring = aligned_alloc(_Alignof(struct tick_ring), sizeof *ring);

    if (ring == NULL)
        return 2;
    expect(&ck, (uintptr_t)ring->slots % _Alignof(struct tick) == 0, "slots aligned", __LINE__);
    expect(&ck, _Alignof(struct tick_ring) >= 64, "the ring is line-aligned", __LINE__);
#ifdef RING_DRIVER_COUNTERS
    check_counters(&ck, ring);
#endif
    tick_ring_init(ring);
    check_empty(&ck, ring);
    check_fill_and_drain(&ck, ring);
    check_batches(&ck, ring);
    check_peek_drop(&ck, ring);
    check_claim_publish(&ck, ring);
    check_pops_overtake_batch_view(&ck, ring);
    check_wrap(&ck, ring, 50);
    move_indices_near_wrap(ring);
    check_fill_and_drain(&ck, ring);
    check_wrap(&ck, ring, 5);
    check_claim_publish(&ck, ring);
    check_batches(&ck, ring);
    free(ring);
    if (ck.failures != 0)
        fprintf(stderr, "ring_driver: %llu failures\n", (unsigned long long)ck.failures);
    return ck.failures == 0 ? 0 : 1;
}
