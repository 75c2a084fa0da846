/* libFuzzer target for the replay parser and the matching engine: the input is read as text
 * commands; every command that parses runs on the engine and on the reference book, and any
 * difference in events, a crossed book or a disagreement on the best prices aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ecg/match.h"
#include "ecg/match_replay.h"
#include "tests/runtime/support/match_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_INSTRUMENTS 2
#define MAX_EVENTS 4096

struct events {
    struct ecgrt_match_event list[MAX_EVENTS];
    size_t n;
};

static void keep(void *ctx, const struct ecgrt_match_event *ev)
{
    struct events *e = ctx;

    if (e->n == MAX_EVENTS)
        abort();
    e->list[e->n++] = *ev;
}

/* One side of an instrument: both books agree on its best price and quantity. */
static int best_agrees(struct ecgrt_match *m, const struct ref_book *ref, uint32_t i,
                       enum ecgrt_side side, int64_t *out_price)
{
    int64_t price = 0, ref_price = 0;
    uint64_t qty = 0, ref_qty = 0;
    int has = ecgrt_match_best(m, i, side, &price, &qty);

    if (has != ref_book_best(ref, i, side, &ref_price, &ref_qty))
        return 0;
    *out_price = has ? price : (side == ECGRT_SIDE_BUY ? INT64_MIN : INT64_MAX);
    return price == ref_price && qty == ref_qty;
}

static void check_books(struct ecgrt_match *m, const struct ref_book *ref)
{
    for (uint32_t i = 0; i < FUZZ_INSTRUMENTS; i++) {
        int64_t bid = 0, ask = 0;
        if (!best_agrees(m, ref, i, ECGRT_SIDE_BUY, &bid) ||
            !best_agrees(m, ref, i, ECGRT_SIDE_SELL, &ask) || bid >= ask)
            abort();
    }
    if (ecgrt_match_resting(m) != ref->n)
        abort();
}

static void run_command(struct ecgrt_match *m, struct ref_book *ref, struct events *got,
                        struct events *want, const struct ecgrt_match_command *cmd)
{
    got->n = 0;
    want->n = 0;
    ecgrt_match_apply(m, cmd);
    if (cmd->kind == ECGRT_COMMAND_ADD)
        ref_book_add(ref, &cmd->order);
    else if (cmd->kind == ECGRT_COMMAND_CANCEL)
        ref_book_cancel(ref, cmd->id);
    else
        ref_book_modify(ref, cmd->id, cmd->price, cmd->qty);
    if (got->n != want->n)
        abort();
    for (size_t i = 0; i < got->n; i++) {
        if (ref_event_diff(&got->list[i], &want->list[i]) >= 0)
            abort();
    }
    check_books(m, ref);
}

static struct events got, want;

static struct ecgrt_match_config config_for(size_t size)
{
    struct ecgrt_match_config cfg = { .instruments = FUZZ_INSTRUMENTS,
                                      .min_price = 1,
                                      .max_price = 64,
                                      .max_orders = 16,
                                      .stp = size % 2 ? ECGRT_STP_CANCEL_INCOMING
                                                      : ECGRT_STP_CANCEL_RESTING,
                                      .on_event = keep,
                                      .ctx = &got };
    return cfg;
}

/* One engine per self-trade policy, made once and emptied by ecgrt_match_reset before each
 * input (which the fuzzer so exercises too): a new engine maps its whole order pool, which
 * would cost more than most inputs. */
static struct ecgrt_match *engine_for(const struct ecgrt_match_config *cfg)
{
    static struct ecgrt_match *engines[2];
    struct ecgrt_match **m = &engines[cfg->stp == ECGRT_STP_CANCEL_INCOMING];

    if (*m == NULL && ecgrt_match_new(m, cfg) != 0)
        abort();
    ecgrt_match_reset(*m);
    if (ecgrt_match_resting(*m) != 0)
        abort();
    return *m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ecgrt_match_config cfg = config_for(size);
    struct ecgrt_match *m = engine_for(&cfg);
    struct ref_book ref;
    const char *text = (const char *)data;

    cfg.ctx = &want;
    if (ref_book_init(&ref, &cfg) != 0)
        abort();
    for (size_t at = 0; at < size;) {
        const char *nl = memchr(text + at, '\n', size - at);
        size_t len = nl != NULL ? (size_t)(nl - (text + at)) : size - at;
        struct ecgrt_match_command cmd;
        char err[160];
        if (ecgrt_match_parse_line(&cmd, text + at, len, err, sizeof err) == 1)
            run_command(m, &ref, &got, &want, &cmd);
        at += len + 1;
    }
    ref_book_fini(&ref);
    return 0;
}
