/* Unit tests of the matching engine's counters (ecgrt_match_stats): commands, events by kind,
 * rejections by reason and traded quantity agree with the events a session delivers, and a
 * fresh engine counts nothing; and of its optional per-command latency histograms, alone and
 * registered in a metrics registry. Built without ECG_NO_INSTRUMENT, as the library is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ecg/error.h"
#include "ecg/hist.h"
#include "ecg/match.h"
#include "ecg/match_replay.h"
#include "ecg/metrics.h"

/* What the callback saw, to compare with the engine's own counters. */
struct seen {
    uint64_t events[ECGRT_MATCH_EVENT_KINDS];
    uint64_t rejects[ECGRT_MATCH_REJECT_REASONS];
    uint64_t traded_qty;
};

static void count(void *ctx, const struct ecgrt_match_event *ev)
{
    struct seen *s = ctx;

    s->events[ev->kind]++;
    if (ev->kind == ECGRT_EVENT_REJECTED)
        s->rejects[ev->reason]++;
    if (ev->kind == ECGRT_EVENT_TRADE)
        s->traded_qty += ev->qty;
}

static struct ecgrt_match *engine(struct seen *s)
{
    struct ecgrt_match_config cfg = { .instruments = 4,
                                      .min_price = 100,
                                      .max_price = 200,
                                      .max_orders = 3,
                                      .stp = ECGRT_STP_CANCEL_RESTING,
                                      .on_event = count,
                                      .ctx = s };
    struct ecgrt_match *m = NULL;

    memset(s, 0, sizeof *s);
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    return m;
}

static void run(struct ecgrt_match *m, const char *const *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct ecgrt_match_command cmd;
        char err[128];
        assert_int_equal(ecgrt_match_parse_line(&cmd, lines[i], strlen(lines[i]), err, sizeof err),
                         1);
        ecgrt_match_apply(m, &cmd);
    }
}

static void test_match_stats_fresh_engine_counts_nothing(void **state)
{
    struct seen s;
    struct ecgrt_match *m = engine(&s);
    struct ecgrt_match_stats st;
    struct ecgrt_match_stats zero;

    (void)state;
    memset(&st, 0xff, sizeof st);
    memset(&zero, 0, sizeof zero);
    assert_int_equal(ecgrt_match_stats(&st, m), 1);
    assert_memory_equal(&st, &zero, sizeof st);
    ecgrt_match_free(m);
}

/* Four books of prices 100..200 and room for three resting orders, so book-full happens. */
static void test_match_stats_agree_with_events(void **state)
{
    static const char *const session[] = {
        "A 1 7 0 S LIMIT 150 100",
        "A 2 8 0 S LIMIT 151 50",
        "A 3 9 0 B LIMIT 151 120",
        "A 4 9 0 B LIMIT 140 10",
        "A 5 9 0 B LIMIT 140 10",
        "A 12 9 1 S LIMIT 190 5",
        "A 2 9 0 B LIMIT 140 10",
        "A 6 9 9 B LIMIT 140 10",
        "A 7 9 0 B LIMIT 999 10",
        "A 8 9 0 B LIMIT 140 0",
        "C 42",
        "C 4",
        "M 2 152 30",
        "M 77 150 1",
        "A 9 8 0 S POST 140 5",
        "A 10 1 0 B MARKET 0 1000",
    };
    struct seen s;
    struct ecgrt_match *m = engine(&s);
    struct ecgrt_match_stats st;

    (void)state;
    run(m, session, sizeof session / sizeof session[0]);
    assert_int_equal(ecgrt_match_stats(&st, m), 1);
    assert_int_equal(st.adds, 12);
    assert_int_equal(st.cancels, 2);
    assert_int_equal(st.modifies, 2);
    for (int k = 0; k < ECGRT_MATCH_EVENT_KINDS; k++)
        assert_int_equal(st.events[k], s.events[k]);
    for (int r = 1; r < ECGRT_MATCH_REJECT_REASONS; r++)
        assert_int_equal(st.rejects[r], s.rejects[r]);
    assert_int_equal(st.traded_qty, s.traded_qty);
    /* 100 + 20 for order 3; 30 for the market order 10 */
    assert_int_equal(st.traded_qty, 150);
    assert_int_equal(st.rejects[ECGRT_REJECT_UNKNOWN_ID], 2);
    assert_int_equal(st.rejects[ECGRT_REJECT_DUPLICATE_ID], 1);
    assert_int_equal(st.rejects[ECGRT_REJECT_UNKNOWN_INSTRUMENT], 1);
    assert_int_equal(st.rejects[ECGRT_REJECT_PRICE_OUT_OF_BAND], 1);
    assert_int_equal(st.rejects[ECGRT_REJECT_ZERO_QUANTITY], 1);
    assert_int_equal(st.rejects[ECGRT_REJECT_BOOK_FULL], 1);
    assert_int_equal(st.rejects[ECGRT_REJECT_WOULD_CROSS], 1);
    assert_int_equal(st.events[ECGRT_EVENT_TRADE], 3);
    assert_int_equal(st.events[ECGRT_EVENT_MODIFIED], 1);
    ecgrt_match_free(m);
}

/* The session of test_match_stats_agree_with_events, short: 5 adds, 2 cancels, 3 modifies. */
static const char *const timed_session[] = {
    "A 1 7 0 S LIMIT 150 100",
    "A 2 8 0 S LIMIT 151 50",
    "M 2 151 20",
    "A 3 9 0 B LIMIT 151 120",
    "C 42",
    "M 77 150 1",
    "A 4 9 0 B LIMIT 140 10",
    "M 4 141 10",
    "C 4",
    "A 5 9 9 B LIMIT 140 10",
};

static struct ecgrt_match *timed_engine(struct seen *s, struct ecgrt_hist *add,
                                        struct ecgrt_hist *cancel, struct ecgrt_hist *modify)
{
    struct ecgrt_match_config cfg = { .instruments = 4,
                                      .min_price = 100,
                                      .max_price = 200,
                                      .max_orders = 3,
                                      .on_event = count,
                                      .ctx = s,
                                      .latency_add = add,
                                      .latency_cancel = cancel,
                                      .latency_modify = modify };
    struct ecgrt_match *m = NULL;

    memset(s, 0, sizeof *s);
    assert_int_equal(ecgrt_match_new(&m, &cfg), ECGRT_OK);
    return m;
}

/* Each command kind is timed into its own histogram, rejected commands included; a kind
 * without a histogram is not timed. */
static void test_match_latency_one_value_per_command(void **state)
{
    static struct ecgrt_hist add;
    static struct ecgrt_hist modify;
    struct seen s;
    struct ecgrt_match *m;

    (void)state;
    ecgrt_hist_init(&add);
    ecgrt_hist_init(&modify);
    m = timed_engine(&s, &add, NULL, &modify);
    run(m, timed_session, sizeof timed_session / sizeof timed_session[0]);
    ecgrt_match_free(m);
    assert_int_equal(ecgrt_hist_count(&add), 5);
    assert_int_equal(ecgrt_hist_count(&modify), 3);
    assert_true(ecgrt_hist_min(&add) <= ecgrt_hist_max(&add));
}

/* Histograms registered in a metrics registry are exported with what the engine recorded. */
static void test_match_latency_exported_by_the_registry(void **state)
{
    static const struct ecgrt_label kinds[] = { { "command", "add" },
                                                { "command", "cancel" },
                                                { "command", "modify" } };
    struct ecgrt_hist *h[3];
    struct ecgrt_metrics reg;
    struct seen s;
    struct ecgrt_match *m;
    char json[1 << 16];
    size_t len = 0;

    (void)state;
    assert_int_equal(ecgrt_metrics_init(&reg, 3), ECGRT_OK);
    for (int i = 0; i < 3; i++) {
        struct ecgrt_metrics_desc desc = { "match_command_ticks", "ticks per command", &kinds[i],
                                           1 };
        assert_int_equal(ecgrt_metrics_register_hist(&h[i], &reg, &desc, NULL, 0), ECGRT_OK);
    }
    m = timed_engine(&s, h[0], h[1], h[2]);
    run(m, timed_session, sizeof timed_session / sizeof timed_session[0]);
    ecgrt_match_free(m);
    assert_int_equal(ecgrt_hist_count(h[1]), 2);
    assert_int_equal(ecgrt_metrics_json_write(&len, json, sizeof json, &reg), ECGRT_OK);
    assert_true(len > 0 && len < sizeof json);
    assert_non_null(strstr(json, "match_command_ticks"));
    assert_non_null(strstr(json, "modify"));
    ecgrt_metrics_fini(&reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_stats_fresh_engine_counts_nothing),
        cmocka_unit_test(test_match_stats_agree_with_events),
        cmocka_unit_test(test_match_latency_one_value_per_command),
        cmocka_unit_test(test_match_latency_exported_by_the_registry),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
