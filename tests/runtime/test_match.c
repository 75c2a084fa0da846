/* Unit tests of the matching engine on hand-written sessions: price-time priority, each order
 * type, self-trade prevention both ways, modify keeping or losing priority, rejections, the
 * text format and its errors, the binary format, no allocation after start-up, and the order
 * records' pool (its capacity bounds max_orders; records come back on cancel and fill). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ecg/error.h"
#include "ecg/match.h"
#include "ecg/match_replay.h"

/* Allocation calls of the process, counted by the --wrap'ed allocator (see CMake). */
void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

struct transcript {
    char text[8192];
    size_t len;
};

/* Counted by the wrap functions, which have no context to hang it on. */
static size_t allocations;

void *__wrap_malloc(size_t size)
{
    allocations++;
    return __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    allocations++;
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    allocations++;
    return __real_realloc(p, size);
}

static void collect(void *ctx, const struct ecgrt_match_event *ev)
{
    struct transcript *t = ctx;
    int n = ecgrt_match_format_event(t->text + t->len, sizeof t->text - t->len, ev);

    assert_true(n > 0 && (size_t)n < sizeof t->text - t->len);
    t->len += (size_t)n;
}

/* Applies session (text commands, one a line) to m. */
static void apply_session(struct ecgrt_match *m, const char *session)
{
    struct ecgrt_match_command cmd;
    char err[160];

    for (const char *line = session; *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        int rc = ecgrt_match_parse_line(&cmd, line, len, err, sizeof err);
        assert_true(rc >= 0);
        if (rc == 1)
            ecgrt_match_apply(m, &cmd);
        line += len + (end != NULL);
    }
}

/* Replays session on a fresh engine and returns the events. */
static const char *replay(const char *session, enum ecgrt_stp stp, uint32_t max_orders)
{
    static struct transcript t;
    struct ecgrt_match_config cfg = { .instruments = 8,
                                      .min_price = 100,
                                      .max_price = 200,
                                      .max_orders = max_orders,
                                      .stp = stp,
                                      .on_event = collect,
                                      .ctx = &t };
    struct ecgrt_match *m = NULL;

    t.len = 0;
    t.text[0] = '\0';
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    apply_session(m, session);
    ecgrt_match_free(m);
    return t.text;
}

static const char *run(const char *session)
{
    return replay(session, ECGRT_STP_CANCEL_RESTING, 64);
}

static void test_match_price_then_time_priority(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 105 10\n"
                            "A 2 2 0 S LIMIT 104 10\n"
                            "A 3 3 0 S LIMIT 104 10\n"
                            "A 4 4 0 B LIMIT 105 25\n"),
                        "accepted id=1\nbook instrument=0 side=S price=105 total=10\n"
                        "accepted id=2\nbook instrument=0 side=S price=104 total=10\n"
                        "accepted id=3\nbook instrument=0 side=S price=104 total=20\n"
                        "accepted id=4\n"
                        "trade instrument=0 maker=2 taker=4 price=104 qty=10\n"
                        "trade instrument=0 maker=3 taker=4 price=104 qty=10\n"
                        "book instrument=0 side=S price=104 total=0\n"
                        "trade instrument=0 maker=1 taker=4 price=105 qty=5\n"
                        "book instrument=0 side=S price=105 total=5\n");
}

/* A new engine of two instruments, prices 100 to 200 and eight records, whose events go to t
 * (emptied). */
static struct ecgrt_match *small_engine(struct transcript *t)
{
    struct ecgrt_match_config cfg = { .instruments = 2,
                                      .min_price = 100,
                                      .max_price = 200,
                                      .max_orders = 8,
                                      .on_event = collect,
                                      .ctx = t };
    struct ecgrt_match *m = NULL;

    t->len = 0;
    t->text[0] = '\0';
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    return m;
}

/* A side outside the enumeration is a sell: the order rests among the asks, a buy trades with
 * it, and nothing is written past the book's two sides. */
static void test_match_unknown_side_sells(void **state)
{
    static struct transcript t;
    struct ecgrt_match_order odd = { .id = 1,
                                     .owner = 1,
                                     .side = (enum ecgrt_side)7,
                                     .type = ECGRT_ORDER_LIMIT,
                                     .price = 150,
                                     .qty = 10 };
    struct ecgrt_match_order buy = { .id = 2,
                                     .owner = 2,
                                     .side = ECGRT_SIDE_BUY,
                                     .type = ECGRT_ORDER_LIMIT,
                                     .price = 150,
                                     .qty = 4 };
    struct ecgrt_match *m = small_engine(&t);
    int64_t price = 0;
    uint64_t total = 0;

    (void)state;
    ecgrt_match_add(m, &odd);
    ecgrt_match_add(m, &buy);
    assert_string_equal(t.text, "accepted id=1\nbook instrument=0 side=S price=150 total=10\n"
                                "accepted id=2\n"
                                "trade instrument=0 maker=1 taker=2 price=150 qty=4\n"
                                "book instrument=0 side=S price=150 total=6\n");
    assert_int_equal(ecgrt_match_best(m, 0, ECGRT_SIDE_SELL, &price, &total), 1);
    assert_int_equal(price, 150);
    assert_int_equal(total, 6);
    assert_int_equal(ecgrt_match_best(m, 0, ECGRT_SIDE_BUY, &price, &total), 0);
    ecgrt_match_free(m);
}

static void test_match_limit_remainder_rests(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 B LIMIT 150 10\n"
                            "A 2 2 0 S LIMIT 149 25\n"),
                        "accepted id=1\nbook instrument=0 side=B price=150 total=10\n"
                        "accepted id=2\n"
                        "trade instrument=0 maker=1 taker=2 price=150 qty=10\n"
                        "book instrument=0 side=B price=150 total=0\n"
                        "book instrument=0 side=S price=149 total=15\n");
}

static void test_match_ioc_and_market_cancel_remainder(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 120 5\n"
                            "A 2 2 0 B IOC 125 8\n"
                            "A 3 2 0 B MARKET 0 3\n"),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\n"
                        "trade instrument=0 maker=1 taker=2 price=120 qty=5\n"
                        "book instrument=0 side=S price=120 total=0\n"
                        "cancelled id=2 remaining=3\n"
                        "accepted id=3\ncancelled id=3 remaining=3\n");
}

static void test_match_fok_fills_all_or_nothing(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 120 5\n"
                            "A 2 1 0 S LIMIT 121 5\n"
                            "A 3 2 0 B FOK 121 11\n"
                            "A 4 2 0 B FOK 121 10\n"),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\nbook instrument=0 side=S price=121 total=5\n"
                        "accepted id=3\ncancelled id=3 remaining=11\n"
                        "accepted id=4\n"
                        "trade instrument=0 maker=1 taker=4 price=120 qty=5\n"
                        "book instrument=0 side=S price=120 total=0\n"
                        "trade instrument=0 maker=2 taker=4 price=121 qty=5\n"
                        "book instrument=0 side=S price=121 total=0\n");
}

static void test_match_post_only_rests_or_is_rejected(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 120 5\n"
                            "A 2 2 0 B POST 120 5\n"
                            "A 3 2 0 B POST 119 5\n"),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "rejected id=2 reason=would-cross\n"
                        "accepted id=3\nbook instrument=0 side=B price=119 total=5\n");
}

static void test_match_self_trade_cancels_resting(void **state)
{
    (void)state;
    assert_string_equal(replay("A 1 7 0 S LIMIT 120 5\n"
                               "A 2 8 0 S LIMIT 120 5\n"
                               "A 3 7 0 B LIMIT 120 5\n",
                               ECGRT_STP_CANCEL_RESTING, 64),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\nbook instrument=0 side=S price=120 total=10\n"
                        "accepted id=3\ncancelled id=1 remaining=5\n"
                        "trade instrument=0 maker=2 taker=3 price=120 qty=5\n"
                        "book instrument=0 side=S price=120 total=0\n");
}

static void test_match_self_trade_cancels_incoming(void **state)
{
    (void)state;
    assert_string_equal(replay("A 1 8 0 S LIMIT 120 5\n"
                               "A 2 7 0 S LIMIT 120 5\n"
                               "A 3 7 0 B LIMIT 120 8\n",
                               ECGRT_STP_CANCEL_INCOMING, 64),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\nbook instrument=0 side=S price=120 total=10\n"
                        "accepted id=3\n"
                        "trade instrument=0 maker=1 taker=3 price=120 qty=5\n"
                        "book instrument=0 side=S price=120 total=5\n"
                        "cancelled id=3 remaining=3\n");
}

static void test_match_modify_down_keeps_priority(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 120 5\n"
                            "A 2 2 0 S LIMIT 120 5\n"
                            "M 1 120 4\n"
                            "A 3 3 0 B IOC 120 4\n"),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\nbook instrument=0 side=S price=120 total=10\n"
                        "modified id=1 price=120 qty=4\n"
                        "book instrument=0 side=S price=120 total=9\n"
                        "accepted id=3\n"
                        "trade instrument=0 maker=1 taker=3 price=120 qty=4\n"
                        "book instrument=0 side=S price=120 total=5\n");
}

static void test_match_modify_up_loses_priority(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 120 5\n"
                            "A 2 2 0 S LIMIT 120 5\n"
                            "M 1 120 6\n"
                            "A 3 3 0 B IOC 120 4\n"),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\nbook instrument=0 side=S price=120 total=10\n"
                        "modified id=1 price=120 qty=6\n"
                        "book instrument=0 side=S price=120 total=5\n"
                        "book instrument=0 side=S price=120 total=11\n"
                        "accepted id=3\n"
                        "trade instrument=0 maker=2 taker=3 price=120 qty=4\n"
                        "book instrument=0 side=S price=120 total=7\n");
}

static void test_match_modify_to_crossing_price_trades(void **state)
{
    (void)state;
    assert_string_equal(run("A 1 1 0 S LIMIT 120 5\n"
                            "A 2 2 0 B LIMIT 110 8\n"
                            "M 2 120 8\n"),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "accepted id=2\nbook instrument=0 side=B price=110 total=8\n"
                        "modified id=2 price=120 qty=8\n"
                        "book instrument=0 side=B price=110 total=0\n"
                        "trade instrument=0 maker=1 taker=2 price=120 qty=5\n"
                        "book instrument=0 side=S price=120 total=0\n"
                        "book instrument=0 side=B price=120 total=3\n");
}

static void test_match_rejections_leave_the_book(void **state)
{
    (void)state;
    assert_string_equal(replay("A 1 1 0 S LIMIT 120 5\n"
                               "A 1 1 0 S LIMIT 121 5\n"
                               "A 2 1 0 S LIMIT 99 5\n"
                               "A 3 1 0 S LIMIT 120 0\n"
                               "A 4 1 9 S LIMIT 120 1\n"
                               "A 5 1 0 S LIMIT 130 1\n"
                               "C 77\nM 77 120 1\nM 1 120 0\nM 1 201 1\n",
                               ECGRT_STP_CANCEL_RESTING, 1),
                        "accepted id=1\nbook instrument=0 side=S price=120 total=5\n"
                        "rejected id=1 reason=duplicate-id\n"
                        "rejected id=2 reason=price-out-of-band\n"
                        "rejected id=3 reason=zero-quantity\n"
                        "rejected id=4 reason=unknown-instrument\n"
                        "rejected id=5 reason=book-full\n"
                        "rejected id=77 reason=unknown-id\n"
                        "rejected id=77 reason=unknown-id\n"
                        "rejected id=1 reason=zero-quantity\n"
                        "rejected id=1 reason=price-out-of-band\n");
}

static void expect_parse_error(const char *line, const char *message)
{
    struct ecgrt_match_command cmd;
    char err[160];

    assert_int_equal(ecgrt_match_parse_line(&cmd, line, strlen(line), err, sizeof err),
                     ECGRT_EINVAL);
    assert_string_equal(err, message);
}

static void test_match_text_format_errors(void **state)
{
    struct ecgrt_match_command cmd;
    char err[160];

    (void)state;
    assert_int_equal(ecgrt_match_parse_line(&cmd, "  # only a comment", 18, err, sizeof err), 0);
    assert_int_equal(ecgrt_match_parse_line(&cmd, "\t \r", 3, err, sizeof err), 0);
    assert_int_equal(ecgrt_match_parse_line(&cmd, "M 5 -3 7#x", 10, err, sizeof err), 1);
    assert_int_equal(cmd.price, -3);
    assert_int_equal(cmd.qty, 7);
    expect_parse_error("Z 1", "unknown command (A, C or M): 'Z'");
    expect_parse_error("C", "'C' takes 1 fields, got 0");
    expect_parse_error("C 1 2 3 4 5 6 7 8 9", "'C' takes 1 fields, got more");
    expect_parse_error("C 18446744073709551616", "bad order id: '18446744073709551616'");
    expect_parse_error("A 1 4294967296 0 B LIMIT 1 1", "bad owner: '4294967296'");
    expect_parse_error("A 1 1 0 X LIMIT 1 1", "side must be B or S: 'X'");
    expect_parse_error("A 1 1 0 B GTC 1 1", "type must be LIMIT, IOC, FOK, MARKET or POST: 'GTC'");
    expect_parse_error("A 1 1 0 B LIMIT 1.5 1", "bad price: '1.5'");
    expect_parse_error("M 1 1 -1", "bad quantity: '-1'");
}

static void test_match_binary_round_trip(void **state)
{
    static const char *const lines[] = { "A 18446744073709551615 4294967295 3 S POST -42 99", "C 7",
                                         "M 8 123 456" };
    unsigned char rec[ECGRT_MATCH_RECORD_SIZE];
    struct ecgrt_match_command a, b;
    char err[160];

    (void)state;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(ecgrt_match_parse_line(&a, lines[i], strlen(lines[i]), err, sizeof err),
                         1);
        ecgrt_match_encode(rec, &a);
        assert_int_equal(ecgrt_match_decode(&b, rec), 0);
        assert_memory_equal(&a, &b, sizeof a);
    }
    rec[0] = 'Q';
    assert_int_equal(ecgrt_match_decode(&b, rec), ECGRT_EINVAL);
}

static void test_match_no_allocation_after_start(void **state)
{
    struct transcript t = { .len = 0 };
    struct ecgrt_match_config cfg = { .instruments = 2,
                                      .min_price = 1,
                                      .max_price = 1000,
                                      .max_orders = 256,
                                      .on_event = collect,
                                      .ctx = &t };
    struct ecgrt_match *m = NULL;
    size_t before;
    uint64_t id = 1;

    (void)state;
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    before = allocations;
    for (int round = 0; round < 2000; round++) {
        struct ecgrt_match_order o = { .id = id++,
                                       .owner = (uint32_t)(round % 5),
                                       .instrument = (uint32_t)(round % 2),
                                       .side = round % 3 ? ECGRT_SIDE_BUY : ECGRT_SIDE_SELL,
                                       .type = (enum ecgrt_order_type)(round % 5),
                                       .price = 490 + round % 21,
                                       .qty = 1 + (uint64_t)(round % 9) };
        t.len = 0;
        ecgrt_match_add(m, &o);
        ecgrt_match_modify(m, id - 2, 495 + round % 7, 3);
        ecgrt_match_cancel(m, id - 5);
    }
    assert_int_equal(allocations - before, 0);
    assert_true(before > 0);
    ecgrt_match_free(m);
}

/* max_orders may be anything up to the generated pool's capacity, and nothing above it. */
static void test_match_max_orders_bounded_by_the_pool(void **state)
{
    struct transcript t = { .len = 0 };
    struct ecgrt_match_config cfg = { .instruments = 1,
                                      .min_price = 1,
                                      .max_price = 10,
                                      .max_orders = ECGRT_MATCH_MAX_ORDERS,
                                      .on_event = collect,
                                      .ctx = &t };
    struct ecgrt_match *m = NULL;
    struct ecgrt_match *untouched = (struct ecgrt_match *)&t;

    (void)state;
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    assert_non_null(m);
    ecgrt_match_free(m);
    cfg.max_orders = ECGRT_MATCH_MAX_ORDERS + 1;
    m = untouched;
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_EINVAL);
    cfg.max_orders = 0;
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_EINVAL);
    assert_ptr_equal(m, untouched);
}

/* A book holding max_orders refuses the next resting order; each cancel or fill gives its
 * record back to the pool, so the book never fills up over many rounds of add and cancel. */
static void test_match_records_return_to_the_pool(void **state)
{
    (void)state;
    assert_string_equal(replay("A 1 1 0 S LIMIT 150 5\n"
                               "A 2 1 0 S LIMIT 151 5\n"
                               "A 3 1 0 S LIMIT 152 5\n"
                               "A 4 2 0 B IOC 150 5\n"
                               "A 5 1 0 S LIMIT 152 5\n"
                               "C 2\n"
                               "A 6 1 0 S POST 153 5\n",
                               ECGRT_STP_CANCEL_RESTING, 2),
                        "accepted id=1\nbook instrument=0 side=S price=150 total=5\n"
                        "accepted id=2\nbook instrument=0 side=S price=151 total=5\n"
                        "rejected id=3 reason=book-full\n"
                        "accepted id=4\n"
                        "trade instrument=0 maker=1 taker=4 price=150 qty=5\n"
                        "book instrument=0 side=S price=150 total=0\n"
                        "accepted id=5\nbook instrument=0 side=S price=152 total=5\n"
                        "cancelled id=2 remaining=5\nbook instrument=0 side=S price=151 total=0\n"
                        "accepted id=6\nbook instrument=0 side=S price=153 total=5\n");
}

static void test_match_add_cancel_rounds_never_fill_the_book(void **state)
{
    struct transcript t = { .len = 0 };
    struct ecgrt_match_config cfg = { .instruments = 1,
                                      .min_price = 1,
                                      .max_price = 100,
                                      .max_orders = 3,
                                      .on_event = collect,
                                      .ctx = &t };
    struct ecgrt_match *m = NULL;
    struct ecgrt_match_stats st;

    (void)state;
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    for (uint64_t id = 1; id <= 30000; id++) {
        struct ecgrt_match_order o = { .id = id,
                                       .owner = 1,
                                       .side = ECGRT_SIDE_BUY,
                                       .type = ECGRT_ORDER_LIMIT,
                                       .price = 1 + (int64_t)(id % 50),
                                       .qty = 10 };
        t.len = 0;
        ecgrt_match_add(m, &o);
        if (id > 2)
            ecgrt_match_cancel(m, id - 2);
        assert_true(ecgrt_match_resting(m) <= 3);
    }
    assert_int_equal(ecgrt_match_resting(m), 2);
    if (ecgrt_match_stats(&st, m))
        assert_int_equal(st.rejects[ECGRT_REJECT_BOOK_FULL], 0);
    ecgrt_match_free(m);
}

/* Counts book-full rejections into ctx (a size_t); no transcript is kept. */
static void count_rejects(void *ctx, const struct ecgrt_match_event *ev)
{
    size_t *full = ctx;

    if (ev->kind == ECGRT_EVENT_REJECTED && ev->reason == ECGRT_REJECT_BOOK_FULL)
        (*full)++;
}

/* A buy limit order of 10 by owner 1. */
static void add_limit(struct ecgrt_match *m, uint64_t id, int64_t price)
{
    struct ecgrt_match_order o = { .id = id,
                                   .owner = 1,
                                   .side = ECGRT_SIDE_BUY,
                                   .type = ECGRT_ORDER_LIMIT,
                                   .price = price,
                                   .qty = 10 };

    ecgrt_match_add(m, &o);
}

/* Every record in use, then every order cancelled but the oldest of each of three levels, which
 * stays at the head of its queue in front of the cancelled ones: the engine must take the
 * cancelled orders' records back (however lazily it reclaims them) and accept as many new orders
 * as fit, then refuse exactly one more. rounds - 1 rounds of filling and emptying come first, so
 * the records have been through the pool before. */
static void fill_cancel_refill(uint32_t max_orders, int rounds)
{
    size_t full = 0;
    struct ecgrt_match_config cfg = { .instruments = 1,
                                      .min_price = 1,
                                      .max_price = 100,
                                      .max_orders = max_orders,
                                      .on_event = count_rejects,
                                      .ctx = &full };
    struct ecgrt_match *m = NULL;
    uint64_t id = 1;

    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    for (int round = 0; round < rounds; round++) {
        uint64_t first = id;
        for (; id < first + max_orders; id++)
            add_limit(m, id, 1 + (int64_t)(id % 3));
        assert_int_equal(ecgrt_match_resting(m), max_orders);
        for (uint64_t c = first + 3; c < first + max_orders; c++)
            ecgrt_match_cancel(m, c);
        assert_int_equal(ecgrt_match_resting(m), 3);
        for (uint64_t c = first; c < first + 3 && round + 1 < rounds; c++)
            ecgrt_match_cancel(m, c);
    }
    for (uint32_t more = 3; more < max_orders; more++)
        add_limit(m, id++, 50);
    assert_int_equal(ecgrt_match_resting(m), max_orders);
    assert_int_equal(full, 0);
    add_limit(m, id, 50);
    assert_int_equal(full, 1);
    ecgrt_match_free(m);
}

/* A small book, and one as large as the order pool, where a record held back by a cancel would
 * leave the pool empty. */
static void test_match_pool_full_of_cancelled_orders_accepts_adds(void **state)
{
    (void)state;
    fill_cancel_refill(96, 4);
    fill_cancel_refill(ECGRT_MATCH_MAX_ORDERS, 1);
}

/* A session on a reset engine gives the events it gives on a new one; reset drops every
 * resting order without an event and allocates nothing. */
static void test_match_reset_empties_the_books(void **state)
{
    static const char session[] = "A 1 1 0 S LIMIT 150 5\n"
                                  "A 2 1 0 S LIMIT 151 5\n"
                                  "A 3 2 1 B LIMIT 149 7\n"
                                  "A 4 2 0 B IOC 150 2\n"
                                  "M 3 148 9\n";
    static struct transcript t;
    struct ecgrt_match *m = small_engine(&t);
    char first[sizeof t.text];
    int64_t price = 0;
    uint64_t total = 0;
    size_t before;

    (void)state;
    apply_session(m, session);
    memcpy(first, t.text, t.len + 1);
    assert_int_equal(ecgrt_match_resting(m), 3);
    t.len = 0;
    t.text[0] = '\0';
    before = allocations;
    ecgrt_match_reset(m);
    assert_int_equal(allocations, before);
    assert_int_equal(t.len, 0); /* no event */
    assert_int_equal(ecgrt_match_resting(m), 0);
    assert_int_equal(ecgrt_match_best(m, 0, ECGRT_SIDE_SELL, &price, &total), 0);
    assert_int_equal(ecgrt_match_best(m, 1, ECGRT_SIDE_BUY, &price, &total), 0);
    apply_session(m, session);
    assert_string_equal(t.text, first);
    ecgrt_match_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_price_then_time_priority),
        cmocka_unit_test(test_match_unknown_side_sells),
        cmocka_unit_test(test_match_limit_remainder_rests),
        cmocka_unit_test(test_match_ioc_and_market_cancel_remainder),
        cmocka_unit_test(test_match_fok_fills_all_or_nothing),
        cmocka_unit_test(test_match_post_only_rests_or_is_rejected),
        cmocka_unit_test(test_match_self_trade_cancels_resting),
        cmocka_unit_test(test_match_self_trade_cancels_incoming),
        cmocka_unit_test(test_match_modify_down_keeps_priority),
        cmocka_unit_test(test_match_modify_up_loses_priority),
        cmocka_unit_test(test_match_modify_to_crossing_price_trades),
        cmocka_unit_test(test_match_rejections_leave_the_book),
        cmocka_unit_test(test_match_text_format_errors),
        cmocka_unit_test(test_match_binary_round_trip),
        cmocka_unit_test(test_match_no_allocation_after_start),
        cmocka_unit_test(test_match_max_orders_bounded_by_the_pool),
        cmocka_unit_test(test_match_records_return_to_the_pool),
        cmocka_unit_test(test_match_add_cancel_rounds_never_fill_the_book),
        cmocka_unit_test(test_match_pool_full_of_cancelled_orders_accepts_adds),
        cmocka_unit_test(test_match_reset_empties_the_books),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
