/* The matching engine's benchmark (not a test): a seeded synthetic flow replayed in-process
 * for throughput (CPU time, interleaved rounds, median) and per-operation latency (each command
 * timed with the TSC), the reference book on a prefix, the QuantCup 2010 batch measure, the
 * engine's counters, and the threaded pipeline. See bench/match/README.md. */
#include "bench/match/bench_match.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/runtime/support/match_ref.h"

struct opts {
    size_t commands;
    uint64_t seed;
    int rounds;
    size_t ref_prefix;
    int throughput_only;
    int quantcup_only;
    const char *svg;
    const char *qc_feed; /* the QuantCup feed as a text replay file, or NULL */
};

void bench_on_event(void *ctx, const struct ecgrt_match_event *ev)
{
    struct bench_sink *s = ctx;

    s->events++;
    s->trades += ev->kind == ECGRT_EVENT_TRADE;
    s->fold += ev->id ^ ev->qty;
}

/* The QuantCup measure's callback: the contest's harness reports executions to a function that
 * does nothing, so this one only counts, and the comparison times the two engines alike. */
static void count_event(void *ctx, const struct ecgrt_match_event *ev)
{
    (void)ev;
    ((struct bench_sink *)ctx)->events++;
}

struct ecgrt_match_config bench_config(uint32_t instruments, uint32_t max_orders,
                                       struct bench_sink *sink)
{
    struct ecgrt_match_config cfg = {
        .instruments = instruments,
        .min_price = FLOW_MIN_PRICE,
        .max_price = FLOW_MAX_PRICE,
        .max_orders = max_orders,
        .stp = ECGRT_STP_CANCEL_RESTING,
        .on_event = bench_on_event,
        .ctx = sink,
    };
    return cfg;
}

static uint64_t ns_of(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

uint64_t bench_wall_ns(void)
{
    return ns_of(CLOCK_MONOTONIC);
}

uint64_t bench_cpu_ns(void)
{
    return ns_of(CLOCK_THREAD_CPUTIME_ID);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static uint64_t id_of(const struct ecgrt_match_command *c)
{
    return c->kind == ECGRT_COMMAND_ADD ? c->order.id : c->id;
}

/* Applies n commands, hinting the engine 16 and 4 commands ahead (ecgrt_match_prefetch). */
static void apply_prefetched(struct ecgrt_match *m, const struct ecgrt_match_command *cmds,
                             size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i + 16 < n)
            ecgrt_match_prefetch(m, id_of(&cmds[i + 16]), 0);
        if (i + 4 < n && cmds[i + 4].kind != ECGRT_COMMAND_ADD)
            ecgrt_match_prefetch(m, cmds[i + 4].id, 1);
        ecgrt_match_apply(m, &cmds[i]);
    }
}

/* One untimed-per-op replay of n commands on a fresh engine; CPU ns, or 0 on failure. */
static uint64_t replay_cpu_ns(const struct flow *f, size_t n, uint32_t instruments, int prefetch,
                              struct ecgrt_match_stats *stats)
{
    struct bench_sink sink = { 0 };
    struct ecgrt_match_config cfg = bench_config(instruments, BENCH_MAX_ORDERS, &sink);
    struct ecgrt_match *m;
    uint64_t t0;
    uint64_t t1;

    if (ecgrt_match_new(&m, &cfg) != 0)
        return 0;
    t0 = bench_cpu_ns();
    if (prefetch) {
        apply_prefetched(m, f->cmds, n);
    } else {
        for (size_t i = 0; i < n; i++)
            ecgrt_match_apply(m, &f->cmds[i]);
    }
    t1 = bench_cpu_ns();
    if (stats != NULL)
        ecgrt_match_stats(stats, m);
    ecgrt_match_free(m);
    return t1 - t0;
}

/* Median CPU ns of rounds replays of the first n commands, plain (out[0]) and with the
 * prefetch hints (out[1]), in interleaved rounds. */
static void median_replay(uint64_t out[2], const struct flow *f, size_t n, uint32_t instruments,
                          int rounds)
{
    uint64_t t[2][64];

    for (int i = 0; i < rounds; i++) {
        t[0][i] = replay_cpu_ns(f, n, instruments, 0, NULL);
        t[1][i] = replay_cpu_ns(f, n, instruments, 1, NULL);
    }
    for (int k = 0; k < 2; k++) {
        qsort(t[k], (size_t)rounds, sizeof t[k][0], cmp_u64);
        out[k] = t[k][rounds / 2];
    }
}

static void print_stats(const struct flow *f, uint32_t instruments)
{
    struct ecgrt_match_stats s;
    int on;

    replay_cpu_ns(f, f->n, instruments, 0, &s);
    on = s.adds + s.cancels + s.modifies > 0;
    printf("engine counters (%s): adds %" PRIu64 " cancels %" PRIu64 " modifies %" PRIu64
           "\n  events: accepted %" PRIu64 " rejected %" PRIu64 " trade %" PRIu64
           " cancelled %" PRIu64 " modified %" PRIu64 " book %" PRIu64 "; traded qty %" PRIu64
           "\n  rejects: unknown-id %" PRIu64 " would-cross %" PRIu64 " book-full %" PRIu64 "\n",
           on ? "instrumented" : "ECG_NO_INSTRUMENT: all zero", s.adds, s.cancels, s.modifies,
           s.events[ECGRT_EVENT_ACCEPTED], s.events[ECGRT_EVENT_REJECTED],
           s.events[ECGRT_EVENT_TRADE], s.events[ECGRT_EVENT_CANCELLED],
           s.events[ECGRT_EVENT_MODIFIED], s.events[ECGRT_EVENT_BOOK], s.traded_qty,
           s.rejects[ECGRT_REJECT_UNKNOWN_ID], s.rejects[ECGRT_REJECT_WOULD_CROSS],
           s.rejects[ECGRT_REJECT_BOOK_FULL]);
    if (on && f->adds_resting > 0)
        printf("  cancel requests per resting add: %.1f%%\n",
               100.0 * (double)s.cancels / (double)f->adds_resting);
}

static void print_throughput(const struct flow *f, uint32_t instruments, int rounds)
{
    static const char *const how[2] = { "one command at a time", "with prefetch hints" };
    uint64_t ns[2];
    size_t adds = f->adds_resting + f->adds_marketable;

    median_replay(ns, f, f->n, instruments, rounds);
    printf("throughput_mps %.3f\n", (double)f->n / ((double)ns[0] / 1e9) / 1e6);
    for (int k = 0; k < 2; k++) {
        double secs = (double)ns[k] / 1e9;
        printf("throughput, %s: %zu commands in %.1f ms CPU (median of %d): %.2f M messages/s, "
               "%.2f M orders/s, %.1f ns/message\n",
               how[k], f->n, secs * 1e3, rounds, (double)f->n / secs / 1e6,
               (double)adds / secs / 1e6, (double)ns[k] / (double)f->n);
    }
}

/* Replays the prefix on the reference book and on the engine; prints the speed-up. */
static int ref_compare(const struct flow *f, size_t n, uint32_t instruments)
{
    struct bench_sink sink = { 0 };
    struct ecgrt_match_config cfg = bench_config(instruments, BENCH_MAX_ORDERS, &sink);
    struct ref_book rb;
    uint64_t t0;
    uint64_t ref_ns;
    uint64_t eng_ns;
    uint64_t eng[2];

    n = n < f->n ? n : f->n;
    if (ref_book_init(&rb, &cfg) != 0)
        return -1;
    t0 = bench_cpu_ns();
    for (size_t i = 0; i < n; i++) {
        const struct ecgrt_match_command *c = &f->cmds[i];
        if (c->kind == ECGRT_COMMAND_ADD)
            ref_book_add(&rb, &c->order);
        else if (c->kind == ECGRT_COMMAND_CANCEL)
            ref_book_cancel(&rb, c->id);
        else
            ref_book_modify(&rb, c->id, c->price, c->qty);
    }
    ref_ns = bench_cpu_ns() - t0;
    ref_book_fini(&rb);
    median_replay(eng, f, n, instruments, 5);
    eng_ns = eng[0];
    printf("reference book on the first %zu commands: %.1f ms CPU (%.0f ns/message); engine "
           "%.2f ms (%.1f ns/message): speed-up %.0fx\n",
           n, (double)ref_ns / 1e6, (double)ref_ns / (double)n, (double)eng_ns / 1e6,
           (double)eng_ns / (double)n, (double)ref_ns / (double)(eng_ns ? eng_ns : 1));
    return 0;
}

static const char *const op_names[BENCH_OPS] = { "add resting", "add marketable", "cancel",
                                                 "modify" };

/* Ticks an empty pair of ecgrt_clock_ticks reads takes (the median of many). */
static uint64_t timer_overhead(void)
{
    uint64_t t[1001];

    for (int i = 0; i < 1001; i++) {
        uint64_t a = ecgrt_clock_ticks();
        uint64_t b = ecgrt_clock_ticks();
        t[i] = b - a;
    }
    qsort(t, 1001, sizeof t[0], cmp_u64);
    return t[500];
}

static enum bench_op op_of(const struct ecgrt_match_command *c, uint64_t trades)
{
    if (c->kind == ECGRT_COMMAND_CANCEL)
        return BENCH_OP_CANCEL;
    if (c->kind == ECGRT_COMMAND_MODIFY)
        return BENCH_OP_MODIFY;
    return trades > 0 ? BENCH_OP_ADD_MARKETABLE : BENCH_OP_ADD_RESTING;
}

/* Times each command; records nanoseconds less the timer's own cost into hists. */
static int latency_run(struct ecgrt_hist *hists[BENCH_OPS], const struct flow *f,
                       uint32_t instruments, const struct ecgrt_clock *clk, uint64_t overhead)
{
    struct bench_sink sink = { 0 };
    struct ecgrt_match_config cfg = bench_config(instruments, BENCH_MAX_ORDERS, &sink);
    struct ecgrt_match *m;

    if (ecgrt_match_new(&m, &cfg) != 0)
        return -1;
    for (size_t i = 0; i < f->n; i++) {
        uint64_t trades = sink.trades;
        uint64_t t0 = ecgrt_clock_ticks();
        ecgrt_match_apply(m, &f->cmds[i]);
        uint64_t dt = ecgrt_clock_ticks() - t0;
        dt = dt > overhead ? dt - overhead : 0;
        ecgrt_hist_record(hists[op_of(&f->cmds[i], sink.trades - trades)],
                          ecgrt_clock_ticks_to_ns(clk, dt));
    }
    ecgrt_match_free(m);
    return 0;
}

static void print_latency(struct ecgrt_hist *const hists[BENCH_OPS])
{
    printf("latency per command, ns (timer cost subtracted): %-16s %10s %6s %6s %6s %7s %8s\n",
           "op", "count", "p50", "p90", "p99", "p99.9", "max");
    for (int k = 0; k < BENCH_OPS; k++) {
        const struct ecgrt_hist *h = hists[k];
        printf("  %-16s %10" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %7" PRIu64 " %8" PRIu64
               "\n",
               op_names[k], ecgrt_hist_count(h), ecgrt_hist_value_at_percentile(h, 50),
               ecgrt_hist_value_at_percentile(h, 90), ecgrt_hist_value_at_percentile(h, 99),
               ecgrt_hist_value_at_percentile(h, 99.9), ecgrt_hist_max(h));
    }
}

static void print_all(struct ecgrt_hist *const hists[BENCH_OPS])
{
    struct ecgrt_hist *all = malloc(sizeof *all);

    if (all == NULL)
        return;
    ecgrt_hist_init(all);
    for (int k = 0; k < BENCH_OPS; k++)
        ecgrt_hist_merge(all, hists[k]);
    printf("  %-16s %10" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %7" PRIu64 " %8" PRIu64
           "\n",
           "all", ecgrt_hist_count(all), ecgrt_hist_value_at_percentile(all, 50),
           ecgrt_hist_value_at_percentile(all, 90), ecgrt_hist_value_at_percentile(all, 99),
           ecgrt_hist_value_at_percentile(all, 99.9), ecgrt_hist_max(all));
    free(all);
}

static int hists_new(struct ecgrt_hist *hists[BENCH_OPS])
{
    for (int k = 0; k < BENCH_OPS; k++) {
        hists[k] = malloc(sizeof *hists[k]);
        if (hists[k] == NULL)
            return -1;
        ecgrt_hist_init(hists[k]);
    }
    return 0;
}

static int latency_report(const struct flow *f, uint32_t instruments, const struct opts *o)
{
    struct ecgrt_hist *hists[BENCH_OPS] = { 0 };
    struct ecgrt_clock clk;
    uint64_t overhead = timer_overhead();
    int rc = ecgrt_clock_calibrate(&clk);

    if (rc == 0)
        rc = hists_new(hists);
    if (rc == 0)
        rc = latency_run(hists, f, instruments, &clk, overhead);
    if (rc == 0) {
        printf("timer: %s, empty pair %" PRIu64 " ticks = %" PRIu64 " ns\n",
               clk.uses_tsc ? "TSC" : "clock_gettime", overhead,
               ecgrt_clock_ticks_to_ns(&clk, overhead));
        print_latency(hists);
        print_all(hists);
    }
    if (rc == 0 && o->svg != NULL)
        rc = bench_svg_write(o->svg, (const struct ecgrt_hist *const *)hists, op_names,
                             "ecgrt_match: latency per command (mixed flow, 64 instruments)");
    for (int k = 0; k < BENCH_OPS; k++)
        free(hists[k]);
    return rc;
}

/* The QuantCup feed as the contest's harness holds it, one record per message, a cancel carried
 * in-band (the contest's t_order marks one by price 0, its size the id): here an order whose
 * quantity is 0, its id the one to cancel. Returns NULL when out of memory, or when the flow has
 * a command this form cannot carry (a modify, an add of quantity 0). */
static struct ecgrt_match_order *quantcup_messages(const struct flow *f)
{
    struct ecgrt_match_order *msgs = calloc(f->n + 1, sizeof *msgs); /* + 1: never calloc(0) */

    for (size_t i = 0; msgs != NULL && i < f->n; i++) {
        const struct ecgrt_match_command *c = &f->cmds[i];
        if (c->kind == ECGRT_COMMAND_CANCEL) {
            msgs[i].id = c->id;
        } else if (c->kind == ECGRT_COMMAND_ADD && c->order.qty != 0) {
            msgs[i] = c->order;
        } else {
            fprintf(stderr,
                    "bench_match: QuantCup flow, command %zu: a modify or an add of quantity 0, "
                    "which the contest's message form cannot carry\n",
                    i + 1);
            free(msgs);
            msgs = NULL;
        }
    }
    return msgs;
}

/* One batch of the contest's feed(): each message to the engine's entry point for its kind, as
 * the contest's harness calls limit() or cancel(). */
static void quantcup_batch(struct ecgrt_match *m, const struct ecgrt_match_order *msgs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (msgs[i].qty != 0)
            ecgrt_match_add(m, &msgs[i]);
        else
            ecgrt_match_cancel(m, msgs[i].id);
    }
}

/* The QuantCup 2010 score: each batch of 10 messages timed with CLOCK_MONOTONIC_RAW, as its
 * score.c does; mean and standard deviation over all batches of all replays (ns). */
static int quantcup(const struct flow *f, int replays, const char *what)
{
    size_t batches = f->n / 10;
    double sum = 0;
    double sq = 0;
    size_t count = 0;
    double *lat = malloc(batches * (size_t)replays * sizeof *lat);
    struct ecgrt_match_order *msgs = quantcup_messages(f);
    struct bench_sink sink = { 0 };
    struct ecgrt_match_config cfg = bench_config(1, 1u << 16, &sink);
    struct ecgrt_match *m = NULL;

    cfg.on_event = count_event;
    if (batches == 0)
        fprintf(stderr, "bench_match: QuantCup flow, %s: fewer than 10 messages\n", what);
    if (batches == 0 || lat == NULL || msgs == NULL || ecgrt_match_new(&m, &cfg) != 0) {
        free(lat);
        free(msgs);
        return -1;
    }
    /* The contest's harness calls init() before each replay, which empties its static book:
     * the same engine, emptied by ecgrt_match_reset, is its counterpart. */
    for (int r = 0; r < replays; r++) {
        ecgrt_match_reset(m);
        for (size_t b = 0; b < batches; b++) {
            uint64_t t0 = ns_of(CLOCK_MONOTONIC_RAW);
            quantcup_batch(m, &msgs[b * 10], 10);
            lat[count] = (double)(ns_of(CLOCK_MONOTONIC_RAW) - t0);
            sum += lat[count++];
        }
    }
    ecgrt_match_free(m);
    free(msgs);
    for (size_t i = 0; i < count; i++)
        sq += (lat[i] - sum / (double)count) * (lat[i] - sum / (double)count);
    printf("quantcup measure, %s: %zu batches of 10: mean %.1f ns, sd %.1f ns, score %.1f "
           "(%.1f ns/message)\n",
           what, count, sum / (double)count, sqrt(sq / (double)count),
           0.5 * (sum / (double)count + sqrt(sq / (double)count)), sum / (double)count / 10);
    free(lat);
    return 0;
}

/* One option with a value; 0, or -1 for an unknown option. */
static int parse_opt(struct opts *o, const char *a, const char *v)
{
    if (strcmp(a, "--svg") == 0)
        o->svg = v;
    else if (strcmp(a, "--quantcup-feed") == 0)
        o->qc_feed = v;
    else if (strcmp(a, "--commands") == 0)
        o->commands = (size_t)strtoull(v, NULL, 10);
    else if (strcmp(a, "--seed") == 0)
        o->seed = strtoull(v, NULL, 10);
    else if (strcmp(a, "--rounds") == 0)
        o->rounds = (int)strtol(v, NULL, 10);
    else if (strcmp(a, "--ref-prefix") == 0)
        o->ref_prefix = (size_t)strtoull(v, NULL, 10);
    else
        return -1;
    return 0;
}

static int parse_opts(struct opts *o, int argc, char **argv)
{
    *o = (struct opts){ .commands = 4000000, .seed = 2010, .rounds = 5, .ref_prefix = 100000 };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--throughput-only") == 0 || strcmp(argv[i], "--quantcup-only") == 0) {
            o->throughput_only |= argv[i][2] == 't';
            o->quantcup_only |= argv[i][2] == 'q';
            continue;
        }
        if (i + 1 == argc || parse_opt(o, argv[i], argv[i + 1]) != 0)
            return -1;
        i++;
    }
    return o->commands > 0 && o->rounds > 0 && o->rounds <= 64 ? 0 : -1;
}

/* The add/cancel flows of the QuantCup measure: our own on one instrument, then its feed. */
static int quantcup_part(const struct opts *o)
{
    struct flow_params p = { .seed = o->seed + 1,
                             .commands = 71540,
                             .instruments = 1,
                             .live_target = 1000,
                             .max_orders = 1u << 16,
                             .add_cancel_only = 1 };
    struct flow f;
    int rc = flow_generate(&f, &p);

    if (rc == 0) {
        rc = quantcup(&f, 200, "synthetic add/cancel, 1 instrument");
        flow_free(&f);
    }
    if (rc == 0 && o->qc_feed != NULL) {
        rc = flow_read_text(&f, o->qc_feed);
        if (rc != 0)
            fprintf(stderr, "bench_match: cannot read %s\n", o->qc_feed);
    }
    if (rc == 0 && o->qc_feed != NULL) {
        rc = quantcup(&f, 200, "QuantCup score_feed.h");
        flow_free(&f);
    }
    return rc;
}

/* Everything after the throughput, in order; 0 or -1. */
static int full_report(const struct flow *f, uint32_t instruments, const struct opts *o)
{
    int rc;

    print_stats(f, instruments);
    rc = latency_report(f, instruments, o);
    if (rc == 0)
        rc = ref_compare(f, o->ref_prefix, instruments);
    if (rc == 0)
        rc = quantcup_part(o);
    if (rc == 0)
        rc = bench_threads_run(f, 3);
    return rc;
}

int main(int argc, char **argv)
{
    struct opts o;
    struct flow f;
    struct flow_params p;
    uint32_t instruments = 64;
    int rc = 0;

    if (parse_opts(&o, argc, argv) != 0) {
        fprintf(stderr, "usage: bench_match [--commands N] [--seed S] [--rounds R] "
                        "[--ref-prefix N] [--svg FILE] [--quantcup-feed FILE] "
                        "[--throughput-only | --quantcup-only]\n");
        return 2;
    }
    if (o.quantcup_only)
        return quantcup_part(&o) == 0 ? 0 : 1;
    p = (struct flow_params){ .seed = o.seed,
                              .commands = o.commands,
                              .instruments = instruments,
                              .live_target = 64 * 500,
                              .max_orders = BENCH_MAX_ORDERS };
    if (flow_generate(&f, &p) != 0) {
        fprintf(stderr, "bench_match: out of memory\n");
        return 1;
    }
    printf("flow: %zu commands over %u instruments (seed %" PRIu64 "): %zu resting adds, %zu "
           "marketable adds, %zu cancels, %zu modifies\n",
           f.n, instruments, o.seed, f.adds_resting, f.adds_marketable, f.cancels, f.modifies);
    print_throughput(&f, instruments, o.rounds);
    if (!o.throughput_only)
        rc = full_report(&f, instruments, &o);
    flow_free(&f);
    return rc == 0 ? 0 : 1;
}
