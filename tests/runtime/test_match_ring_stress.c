/* Tests of the matching engine's event ring (ecg/match_ring.h): the events a ring carries are
 * the ones the engine hands a plain callback, in the same order, pushed one by one or gathered
 * in batches, whether the consumer reads them on the same thread between commands or on
 * another thread while the engine runs; gathered events stay invisible until flushed; and a
 * consumer that falls behind makes the engine wait (counted), never lose an event. The
 * two-thread cases also run under ThreadSanitizer (label stress). */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ecg/error.h"
#include "ecg/match.h"
#include "ecg/match_replay.h"
#include "ecg/match_ring.h"

/* Commands of a seeded random flow: adds (every type, both sides, a narrow band so that many
 * trade), cancels and modifies of ids that may or may not be live. */
struct flow_gen {
    uint64_t rng;
    uint64_t next_id;
};

static uint64_t next_random(struct flow_gen *g)
{
    g->rng ^= g->rng << 13;
    g->rng ^= g->rng >> 7;
    g->rng ^= g->rng << 17;
    return g->rng;
}

static void next_command(struct flow_gen *g, struct ecgrt_match_command *c)
{
    uint64_t r = next_random(g);
    uint64_t pick = r % 10;

    memset(c, 0, sizeof *c);
    if (pick < 6 || g->next_id == 1) {
        c->kind = ECGRT_COMMAND_ADD;
        c->order =
            (struct ecgrt_match_order){ .id = g->next_id++,
                                        .owner = (uint32_t)(r >> 8) % 7,
                                        .instrument = (uint32_t)(r >> 12) % 2,
                                        .side = (r >> 16) & 1 ? ECGRT_SIDE_SELL : ECGRT_SIDE_BUY,
                                        .type = (enum ecgrt_order_type)((r >> 20) % 5),
                                        .price = 100 + (int64_t)((r >> 24) % 12),
                                        .qty = 1 + (r >> 32) % 40 };
    } else if (pick < 9) {
        c->kind = ECGRT_COMMAND_CANCEL;
        c->id = 1 + (r >> 8) % g->next_id;
    } else {
        c->kind = ECGRT_COMMAND_MODIFY;
        c->id = 1 + (r >> 8) % g->next_id;
        c->price = 100 + (int64_t)((r >> 24) % 12);
        c->qty = 1 + (r >> 32) % 40;
    }
}

/* A running digest of events: their count and every field folded in order. */
struct digest {
    uint64_t count;
    uint64_t hash;
};

static void fold(struct digest *d, uint64_t v)
{
    d->hash = (d->hash ^ v) * UINT64_C(0x100000001B3);
}

static void digest_event(struct digest *d, const struct ecgrt_match_event *ev)
{
    fold(d, (uint64_t)ev->kind);
    fold(d, (uint64_t)ev->side);
    fold(d, (uint64_t)ev->reason);
    fold(d, ev->instrument);
    fold(d, ev->id);
    fold(d, ev->maker);
    fold(d, ev->taker);
    fold(d, (uint64_t)ev->price);
    fold(d, ev->qty);
    fold(d, ev->remaining);
    fold(d, ev->total);
    d->count++;
}

static void digest_callback(void *ctx, const struct ecgrt_match_event *ev)
{
    digest_event(ctx, ev);
}

static struct ecgrt_match *new_engine(ecgrt_match_event_fn on_event, void *ctx)
{
    struct ecgrt_match_config cfg = { .instruments = 2,
                                      .min_price = 100,
                                      .max_price = 111,
                                      .max_orders = 512,
                                      .stp = ECGRT_STP_CANCEL_RESTING,
                                      .on_event = on_event,
                                      .ctx = ctx };
    struct ecgrt_match *m = NULL;

    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    return m;
}

/* The digest of the events of the flow's first n commands, through a plain callback. */
static struct digest expected_digest(uint64_t seed, uint32_t n)
{
    struct digest d = { 0, UINT64_C(0xCBF29CE484222325) };
    struct flow_gen g = { seed, 1 };
    struct ecgrt_match *m = new_engine(digest_callback, &d);
    struct ecgrt_match_command c;

    for (uint32_t i = 0; i < n; i++) {
        next_command(&g, &c);
        ecgrt_match_apply(m, &c);
    }
    ecgrt_match_free(m);
    return d;
}

/* Pops every event the ring holds into d. */
static void drain(struct ecgrt_match_event_ring *ring, struct digest *d)
{
    struct ecgrt_match_event ev;

    while (ecgrt_match_event_ring_pop(ring, &ev))
        digest_event(d, &ev);
}

/* Pops one event into d, if the ring holds one; returns how many. */
static uint32_t pop_one(struct ecgrt_match_event_ring *ring, struct digest *d)
{
    struct ecgrt_match_event ev;

    if (!ecgrt_match_event_ring_pop(ring, &ev))
        return 0;
    digest_event(d, &ev);
    return 1;
}

/* Pops the ring's events into d in batches of up to 5 (a size that does not divide the ring's
 * capacity, so batches straddle its wrap); returns how many. */
static uint32_t drain_batches(struct ecgrt_match_event_ring *ring, struct digest *d)
{
    struct ecgrt_match_event batch[5];
    uint32_t total = 0;
    uint32_t n;

    while ((n = ecgrt_match_event_ring_pop_n(ring, batch, 5)) > 0) {
        assert_true(n <= 5);
        for (uint32_t i = 0; i < n; i++)
            digest_event(d, &batch[i]);
        total += n;
    }
    return total;
}

/* One thread: the flow's first n commands on an engine whose events go through ring by
 * on_event, flushed after each command when batched; after even commands the consumer pops one
 * by one, after odd ones in batches. Returns the digest of what it popped. */
static struct digest one_thread(struct ecgrt_match_event_ring *ring, ecgrt_match_event_fn on_event,
                                int batched, uint64_t seed, uint32_t n)
{
    struct digest got = { 0, UINT64_C(0xCBF29CE484222325) };
    struct flow_gen g = { seed, 1 };
    struct ecgrt_match *m = new_engine(on_event, ring);
    struct ecgrt_match_command c;

    for (uint32_t i = 0; i < n; i++) {
        next_command(&g, &c);
        ecgrt_match_apply(m, &c);
        if (batched)
            ecgrt_match_event_ring_flush(ring);
        if (i % 2 == 0)
            drain(ring, &got);
        else
            drain_batches(ring, &got);
    }
    ecgrt_match_free(m);
    return got;
}

/* One thread: the events of each command, popped before the next, are the callback's. */
static void test_match_ring_carries_the_callbacks_events(void **state)
{
    enum { COMMANDS = 20000 };
    struct digest want = expected_digest(7, COMMANDS);
    struct ecgrt_match_event_ring *ring = NULL;
    struct ecgrt_match_event ev;
    struct digest got;

    (void)state;
    assert_int_equal(ecgrt_match_event_ring_new(&ring), ECGRT_OK);
    assert_int_equal(ecgrt_match_event_ring_pop(ring, &ev), 0); /* a new ring is empty */
    got = one_thread(ring, ecgrt_match_event_ring_push, 0, 7, COMMANDS);
    assert_true(want.count > 2 * ECGRT_MATCH_EVENT_RING_CAPACITY);   /* the slots wrap around */
    assert_int_equal(ecgrt_match_event_ring_pop_n(ring, &ev, 1), 0); /* empty */
    assert_int_equal(got.count, want.count);
    assert_int_equal(got.hash, want.hash);
    assert_int_equal(ecgrt_match_event_ring_waits(ring), 0); /* never full */
    ecgrt_match_event_ring_free(ring);
}

/* One thread, events gathered in batches and flushed after each command: the callback's. */
static void test_match_ring_batches_carry_the_callbacks_events(void **state)
{
    enum { COMMANDS = 20000 };
    struct digest want = expected_digest(17, COMMANDS);
    struct ecgrt_match_event_ring *ring = NULL;
    struct digest got;

    (void)state;
    assert_int_equal(ecgrt_match_event_ring_new(&ring), ECGRT_OK);
    got = one_thread(ring, ecgrt_match_event_ring_push_batched, 1, 17, COMMANDS);
    assert_int_equal(got.count, want.count);
    assert_int_equal(got.hash, want.hash);
    ecgrt_match_event_ring_free(ring);
}

/* Gathered events are not handed over before a flush or a full batch; a plain push hands them
 * over first, so the order holds when the two are mixed. */
static void test_match_ring_gathered_until_flushed(void **state)
{
    struct ecgrt_match_event_ring *ring = NULL;
    struct ecgrt_match_event ev = { .kind = ECGRT_EVENT_ACCEPTED };
    struct ecgrt_match_event out;

    (void)state;
    assert_int_equal(ecgrt_match_event_ring_new(&ring), ECGRT_OK);
    for (uint64_t id = 1; id < ECGRT_MATCH_EVENT_RING_BATCH; id++) {
        ev.id = id;
        ecgrt_match_event_ring_push_batched(ring, &ev);
    }
    assert_int_equal(ecgrt_match_event_ring_pop(ring, &out), 0); /* one short of a batch */
    ev.id = ECGRT_MATCH_EVENT_RING_BATCH;
    ecgrt_match_event_ring_push_batched(ring, &ev); /* the batch is full: handed over */
    ev.id = 100;
    ecgrt_match_event_ring_push_batched(ring, &ev);
    ev.id = 101;
    ecgrt_match_event_ring_push(ring, &ev); /* after the gathered 100 */
    for (uint64_t id = 1; id <= ECGRT_MATCH_EVENT_RING_BATCH; id++) {
        assert_int_equal(ecgrt_match_event_ring_pop(ring, &out), 1);
        assert_int_equal(out.id, id);
    }
    assert_int_equal(ecgrt_match_event_ring_pop(ring, &out), 1);
    assert_int_equal(out.id, 100);
    assert_int_equal(ecgrt_match_event_ring_pop(ring, &out), 1);
    assert_int_equal(out.id, 101);
    assert_int_equal(ecgrt_match_event_ring_pop(ring, &out), 0);
    ecgrt_match_event_ring_flush(ring); /* nothing gathered: nothing handed over */
    assert_int_equal(ecgrt_match_event_ring_pop(ring, &out), 0);
    ecgrt_match_event_ring_free(ring);
}

/* The engine's thread: the flow's commands, each event pushed into the ring, or gathered and
 * flushed every 16 commands and at the end. The engine is made (and freed) by the test's
 * thread, before the thread starts and after it ends. */
struct producer {
    struct ecgrt_match *m;
    struct ecgrt_match_event_ring *ring;
    uint64_t seed;
    uint32_t commands;
    int batched;
    atomic_int done; /* set once every command has run: its events are all handed over */
};

static void *produce(void *arg)
{
    struct producer *p = arg;
    struct flow_gen g = { p->seed, 1 };
    struct ecgrt_match_command c;

    for (uint32_t i = 0; i < p->commands; i++) {
        next_command(&g, &c);
        ecgrt_match_apply(p->m, &c);
        if (p->batched && i % 16 == 15)
            ecgrt_match_event_ring_flush(p->ring);
    }
    if (p->batched)
        ecgrt_match_event_ring_flush(p->ring);
    atomic_store_explicit(&p->done, 1, memory_order_release);
    return NULL;
}

/* Whether the consumer may stop waiting for the engine: it is done, or (late) has found the
 * ring full. */
static int may_start(struct producer *p, const struct ecgrt_match_event_ring *ring)
{
    return ecgrt_match_event_ring_waits(ring) > 0 ||
           atomic_load_explicit(&p->done, memory_order_acquire);
}

/* The engine on a thread of its own (pushing each event, or with batched set gathering them)
 * and the consumer here, popping in batches; with late set, one by one, and only once the
 * engine has found the ring full. Every event arrives, in order. */
static void run_two_threads(uint64_t seed, uint32_t commands, int batched, int late)
{
    struct digest want = expected_digest(seed, commands);
    struct digest got = { 0, UINT64_C(0xCBF29CE484222325) };
    struct ecgrt_match_event_ring *ring = NULL;
    struct producer p = { NULL, NULL, seed, commands, batched, 0 };
    pthread_t thread;

    /* more events than the ring holds, so that a late consumer finds the engine waiting */
    assert_true(want.count > 2 * ECGRT_MATCH_EVENT_RING_CAPACITY);
    assert_int_equal(ecgrt_match_event_ring_new(&ring), ECGRT_OK);
    p.ring = ring;
    p.m = new_engine(batched ? ecgrt_match_event_ring_push_batched : ecgrt_match_event_ring_push,
                     ring);
    assert_int_equal(pthread_create(&thread, NULL, produce, &p), 0);
    while (late && !may_start(&p, ring))
        sched_yield();
    /* Until the engine is done and the ring empty: a ring that lost events ends short. */
    for (;;) {
        if ((late ? pop_one(ring, &got) : drain_batches(ring, &got)) > 0)
            continue;
        if (atomic_load_explicit(&p.done, memory_order_acquire)) {
            drain(ring, &got);
            break;
        }
        sched_yield();
    }
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(got.count, want.count);
    assert_int_equal(got.hash, want.hash);
    if (late)
        assert_true(ecgrt_match_event_ring_waits(ring) > 0);
    ecgrt_match_free(p.m);
    ecgrt_match_event_ring_free(ring);
}

static void test_match_ring_across_threads(void **state)
{
    (void)state;
    run_two_threads(11, 100000, 0, 0);
    run_two_threads(19, 100000, 1, 0);
}

/* The consumer starts only once the ring is full: the engine waits instead of dropping. */
static void test_match_ring_full_makes_the_engine_wait(void **state)
{
    (void)state;
    run_two_threads(13, 20000, 0, 1);
    run_two_threads(23, 20000, 1, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_ring_carries_the_callbacks_events),
        cmocka_unit_test(test_match_ring_batches_carry_the_callbacks_events),
        cmocka_unit_test(test_match_ring_gathered_until_flushed),
        cmocka_unit_test(test_match_ring_across_threads),
        cmocka_unit_test(test_match_ring_full_makes_the_engine_wait),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
