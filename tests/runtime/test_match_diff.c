/* Differential test of the matching engine: a million seeded random commands (every order
 * type, cancels, modifies, duplicate and unknown ids, zero quantities, prices out of band,
 * self-trades, a full book) go to the engine and to the obviously-correct reference book;
 * every event must be equal, and after each command the book is not crossed and both agree
 * on the best price and quantity of every side and on the number of resting orders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ecg/match.h"
#include "tests/runtime/support/match_ref.h"

#define INSTRUMENTS 3
#define MAX_ORDERS 128

struct recorder {
    struct ecgrt_match_event events[4096];
    size_t n;
};

static void record(void *ctx, const struct ecgrt_match_event *ev)
{
    struct recorder *r = ctx;

    assert_true(r->n < sizeof r->events / sizeof r->events[0]);
    r->events[r->n++] = *ev;
}

static uint64_t next_random(uint64_t *state)
{
    /* splitmix64: a fixed seed gives the same command stream on every machine. */
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t below(uint64_t *state, uint64_t n)
{
    return next_random(state) % n;
}

static void assert_same_event(const struct ecgrt_match_event *a, const struct ecgrt_match_event *b,
                              size_t step)
{
    int field = ref_event_diff(a, b);
    uint64_t got[REF_EVENT_FIELDS], want[REF_EVENT_FIELDS];

    if (field < 0)
        return;
    ref_event_fields(got, a);
    ref_event_fields(want, b);
    fail_msg("step %zu: event %s is %llu in the engine, %llu in the reference (kind %llu)", step,
             ref_event_field_name((size_t)field), (unsigned long long)got[field],
             (unsigned long long)want[field], (unsigned long long)want[0]);
}

struct harness {
    struct ecgrt_match *engine;
    struct ref_book ref;
    struct recorder got;
    struct recorder want;
    uint64_t rng;
    uint64_t next_id;
    size_t kinds[ECGRT_EVENT_BOOK + 1];         /* events seen, by kind */
    size_t reasons[ECGRT_REJECT_BOOK_FULL + 1]; /* rejections, by reason */
};

/* Counts what the step produced, so the test can show that it exercised every outcome. */
static void tally(struct harness *h)
{
    for (size_t e = 0; e < h->got.n; e++) {
        h->kinds[h->got.events[e].kind]++;
        if (h->got.events[e].kind == ECGRT_EVENT_REJECTED)
            h->reasons[h->got.events[e].reason]++;
    }
}

/* An id: mostly new, sometimes one that was used before (live or not). */
static uint64_t pick_id(struct harness *h)
{
    if (h->next_id > 1 && below(&h->rng, 20) == 0)
        return 1 + below(&h->rng, h->next_id - 1);
    return h->next_id++;
}

static int64_t pick_price(struct harness *h)
{
    if (below(&h->rng, 100) == 0)
        return below(&h->rng, 2) ? 99 : 161;
    return 100 + (int64_t)below(&h->rng, 61);
}

static uint64_t pick_qty(struct harness *h)
{
    return below(&h->rng, 100) == 0 ? 0 : 1 + below(&h->rng, 50);
}

static void random_add(struct harness *h)
{
    static const enum ecgrt_order_type types[] = {
        ECGRT_ORDER_LIMIT, ECGRT_ORDER_LIMIT, ECGRT_ORDER_LIMIT,  ECGRT_ORDER_LIMIT,
        ECGRT_ORDER_IOC,   ECGRT_ORDER_FOK,   ECGRT_ORDER_MARKET, ECGRT_ORDER_POST,
    };
    struct ecgrt_match_order o = {
        .id = pick_id(h),
        .owner = 1 + (uint32_t)below(&h->rng, 4),
        .instrument = (uint32_t)below(&h->rng, INSTRUMENTS * 50 + 1) / 50,
        .side = below(&h->rng, 2) ? ECGRT_SIDE_BUY : ECGRT_SIDE_SELL,
        .type = types[below(&h->rng, 8)],
        .price = pick_price(h),
        .qty = pick_qty(h),
    };

    ecgrt_match_add(h->engine, &o);
    ref_book_add(&h->ref, &o);
}

static void random_command(struct harness *h)
{
    uint64_t what = below(&h->rng, 10);
    uint64_t id = h->next_id > 1 ? 1 + below(&h->rng, h->next_id - 1) : 1;

    if (what < 5) {
        random_add(h);
    } else if (what < 8) {
        ecgrt_match_cancel(h->engine, id);
        ref_book_cancel(&h->ref, id);
    } else {
        int64_t price = pick_price(h);
        uint64_t qty = pick_qty(h);
        ecgrt_match_modify(h->engine, id, price, qty);
        ref_book_modify(&h->ref, id, price, qty);
    }
}

static void assert_books_agree(struct harness *h, size_t step)
{
    assert_int_equal(ecgrt_match_resting(h->engine), h->ref.n);
    for (uint32_t i = 0; i < INSTRUMENTS; i++) {
        int64_t bid = 0, ask = 0, rbid = 0, rask = 0;
        uint64_t bq = 0, aq = 0, rbq = 0, raq = 0;
        int has_bid = ecgrt_match_best(h->engine, i, ECGRT_SIDE_BUY, &bid, &bq);
        int has_ask = ecgrt_match_best(h->engine, i, ECGRT_SIDE_SELL, &ask, &aq);
        assert_int_equal(has_bid, ref_book_best(&h->ref, i, ECGRT_SIDE_BUY, &rbid, &rbq));
        assert_int_equal(has_ask, ref_book_best(&h->ref, i, ECGRT_SIDE_SELL, &rask, &raq));
        if (has_bid && has_ask && bid >= ask)
            fail_msg("step %zu: instrument %u crossed: bid %lld ask %lld", step, i, (long long)bid,
                     (long long)ask);
        assert_true(bid == rbid && bq == rbq && ask == rask && aq == raq);
    }
}

static void run(enum ecgrt_stp stp, uint64_t seed, size_t steps)
{
    struct harness *h = calloc(1, sizeof *h);
    struct ecgrt_match_config cfg = { .instruments = INSTRUMENTS,
                                      .min_price = 100,
                                      .max_price = 160,
                                      .max_orders = MAX_ORDERS,
                                      .stp = stp,
                                      .on_event = record };

    assert_non_null(h);
    h->rng = seed;
    h->next_id = 1;
    cfg.ctx = &h->got;
    assert_int_equal(ecgrt_match_new(&h->engine, &cfg), 0);
    cfg.ctx = &h->want;
    assert_int_equal(ref_book_init(&h->ref, &cfg), 0);
    for (size_t step = 0; step < steps; step++) {
        h->got.n = 0;
        h->want.n = 0;
        random_command(h);
        assert_int_equal(h->got.n, h->want.n);
        for (size_t e = 0; e < h->got.n; e++)
            assert_same_event(&h->got.events[e], &h->want.events[e], step);
        assert_books_agree(h, step);
        tally(h);
    }
    for (size_t k = 0; k <= ECGRT_EVENT_BOOK; k++)
        assert_true(h->kinds[k] > 0);
    for (size_t r = ECGRT_REJECT_DUPLICATE_ID; r <= ECGRT_REJECT_BOOK_FULL; r++) {
        if (h->reasons[r] == 0)
            fail_msg("no command was rejected as %s",
                     ecgrt_match_reason_name((enum ecgrt_reject_reason)r));
    }
    ref_book_fini(&h->ref);
    ecgrt_match_free(h->engine);
    free(h);
}

static void test_match_diff_cancel_resting(void **state)
{
    (void)state;
    run(ECGRT_STP_CANCEL_RESTING, 20261124, 500000);
}

static void test_match_diff_cancel_incoming(void **state)
{
    (void)state;
    run(ECGRT_STP_CANCEL_INCOMING, 42, 500000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_diff_cancel_resting),
        cmocka_unit_test(test_match_diff_cancel_incoming),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
