/* Single-threaded checks of a generated pool of struct order, built by tests/unit/test_gen_pool.c
 * with the generated order.gen.c: exhaustion, failures counted, LIFO reuse, stats, alignment of
 * every object, hold-time histogram, a local pool's acquire count across its wrap.
 * WANT_COUNTERS / WANT_LATENCY say what the pool was generated with. With an argument it
 * misuses the pool instead and must die on a debug assertion. */
/* Time every hold, so the histogram counts every release. */
#define ORDER_POOL_HOLD_EVERY 1u
#include "order.gen.h"

#include "driver_check.h"

#include <stdio.h>
#include <string.h>

#ifndef WANT_COUNTERS
#define WANT_COUNTERS 0
#endif
#ifndef WANT_LATENCY
#define WANT_LATENCY 0
#endif

#if WANT_COUNTERS && !defined(ECG_NO_INSTRUMENT)
#define COUNTING 1
#else
#define COUNTING 0
#endif

#define CAP ORDER_POOL_CAPACITY

static struct order_pool pool;
static struct order *held[CAP];

static uint64_t expect_if_counting(uint64_t value)
{
    return COUNTING ? value : 0;
}

/* After init, objects come out in address order, each aligned, until the pool is empty. */
static void acquire_all(struct tally *t)
{
    for (uint32_t i = 0; i < CAP; i++) {
        held[i] = order_pool_acquire(&pool);
        CHECK(t, held[i] == &pool.objects[i]);
        CHECK(t, (uintptr_t)held[i] % _Alignof(struct order) == 0);
        if (_Alignof(struct order) >= 64)
            CHECK(t, (uintptr_t)held[i] % 64 == 0 && sizeof(struct order) % 64 == 0);
        held[i]->id = 1000 + i;
        held[i]->owner = i;
    }
}

static void check_stats(struct tally *t, uint64_t in_use, uint64_t acquires, uint64_t releases,
                        uint64_t failures)
{
    struct order_pool_stats st;

    memset(&st, 0xff, sizeof st);
    order_pool_stats(&st, &pool);
    CHECK(t, st.capacity == CAP);
    CHECK(t, st.counting == COUNTING);
    CHECK(t, st.in_use == (st.shared ? expect_if_counting(in_use) : in_use));
    CHECK(t, st.acquires == expect_if_counting(acquires));
    CHECK(t, st.releases == expect_if_counting(releases));
    CHECK(t, st.failures == expect_if_counting(failures));
    CHECK(t, st.high_water == expect_if_counting(acquires > 0 ? CAP : 0));
    CHECK(t, st.latency_dropped == 0);
}

/* The object released last is acquired first. */
static void check_lifo(struct tally *t)
{
    uint32_t a = CAP / 3;
    uint32_t b = CAP - 1;

    if (a == b)
        a = 0;
    order_pool_release(&pool, held[a]);
    if (a != b)
        order_pool_release(&pool, held[b]);
    CHECK(t, order_pool_acquire(&pool) == &pool.objects[b]);
    if (a != b)
        CHECK(t, order_pool_acquire(&pool) == &pool.objects[a]);
}

static void check_latency(struct tally *t, uint64_t releases)
{
#if WANT_LATENCY
    static struct ecgrt_hist h;

    CHECK(t, order_pool_latency(&h, &pool) == 0);
#ifdef ECG_NO_INSTRUMENT
    CHECK(t, ecgrt_hist_count(&h) == 0);
    (void)releases;
#else
    CHECK(t, ecgrt_hist_count(&h) == releases);
#endif
#else
    (void)t;
    (void)releases;
#endif
}

/* A local counted pool keeps the acquires it serves from its free list in the high 32 bits of
 * its state word and carries their wrap into pops_wrapped: stats stay exact past 2^32 of them.
 * The count is set just below the wrap, as if 2^32 - 3 acquires had come off the list. */
static void check_count_wraps(struct tally *t)
{
#if COUNTING && !defined(ORDER_POOL_INDEX_BITS)
    uint64_t base = CAP + (uint64_t)UINT32_MAX - 2;
    struct order *last = &pool.objects[CAP - 1];

    order_pool_init(&pool);
    acquire_all(t);
    for (uint32_t i = 0; i < CAP; i++)
        order_pool_release(&pool, held[i]);
    pool.state += ((uint64_t)UINT32_MAX - 2) << 32;
    check_stats(t, 0, base, base, 0);
    for (int i = 0; i < 5; i++) {
        CHECK(t, order_pool_acquire(&pool) == last);
        order_pool_release(&pool, last);
    }
    CHECK(t, pool.counters.pops_wrapped == 1);
    CHECK(t, pool.state >> 32 == 2);
    check_stats(t, 0, base + 5, base + 5, 0);
    CHECK(t, order_pool_acquire(&pool) == last);
    check_stats(t, 1, base + 6, base + 5, 0);
    order_pool_release(&pool, last);
#else
    (void)t;
#endif
}

static int run_checks(void)
{
    struct tally t = { 0, 0 };
    uint64_t extra = CAP > 1 ? 2 : 1;

    order_pool_init(&pool);
    check_stats(&t, 0, 0, 0, 0);
    acquire_all(&t);
    CHECK(&t, order_pool_acquire(&pool) == NULL);
    CHECK(&t, order_pool_acquire(&pool) == NULL);
    check_stats(&t, CAP, CAP, 0, 2);
    for (uint32_t i = 0; i < CAP; i++)
        CHECK(&t, held[i]->id == 1000 + i && held[i]->owner == i);
    check_lifo(&t);
    check_stats(&t, CAP, CAP + extra, extra, 2);
    for (uint32_t i = 0; i < CAP; i++)
        order_pool_release(&pool, held[i]);
    check_stats(&t, 0, CAP + extra, CAP + extra, 2);
    check_latency(&t, CAP + extra);
    /* Everything released comes back, each object once, the last released first. */
    for (uint32_t i = 0; i < CAP; i++)
        CHECK(&t, order_pool_acquire(&pool) == &pool.objects[CAP - 1 - i]);
    CHECK(&t, order_pool_acquire(&pool) == NULL);
    check_count_wraps(&t);
    printf("%u checks, %u failed\n", t.checks, t.failed);
    return t.failed == 0 ? 0 : 1;
}

/* Misuse that debug builds must stop: a pointer released twice, or one the pool never gave. */
static int misuse(const char *how)
{
    struct order stranger;
    struct order *obj;

    order_pool_init(&pool);
    obj = order_pool_acquire(&pool);
    if (strcmp(how, "double-release") == 0) {
        order_pool_release(&pool, obj);
        order_pool_release(&pool, obj);
    } else if (strcmp(how, "foreign") == 0) {
        order_pool_release(&pool, &stranger);
    }
    fprintf(stderr, "misuse '%s' was not caught\n", how);
    return 3;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return misuse(argv[1]);
    return run_checks();
}
