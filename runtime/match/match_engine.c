/* The engine's commands: checking an order, accepting it, matching it and resting what is
 * left; cancel and modify, each optionally timed. Every rejection happens before anything
 * changes, so a rejected command leaves every book as it was. */
#include "runtime/match/match_book.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "ecg/clock.h"
#include "ecg/error.h"
#include "ecg/hist.h"
#include "ecg/match_replay.h"

/* The ACCEPTED, REJECTED and CANCELLED events, inline in every caller: out of line, their call
 * would cost as much as the event (most commands emit one or two of them). */
static inline void emit_accepted(struct ecgrt_match *m, uint64_t id)
{
    match_event(m, ECGRT_EVENT_ACCEPTED)->id = id;
    match_emit(m, ECGRT_EVENT_ACCEPTED);
}

static inline void emit_rejected(struct ecgrt_match *m, uint64_t id,
                                 enum ecgrt_reject_reason reason)
{
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_REJECTED);

    ev->id = id;
    ev->reason = reason;
    match_emit(m, ECGRT_EVENT_REJECTED);
}

static inline void emit_cancelled(struct ecgrt_match *m, uint64_t id, uint64_t remaining)
{
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_CANCELLED);

    ev->id = id;
    ev->remaining = remaining;
    match_emit(m, ECGRT_EVENT_CANCELLED);
}

/* Each kind's event record: zero but for its kind (match_event). */
static void events_init(struct ecgrt_match *m)
{
    for (int k = 0; k < ECGRT_MATCH_EVENT_KINDS; k++) {
        memset(&m->events[k], 0, sizeof m->events[k]);
        m->events[k].kind = (enum ecgrt_event_kind)k;
    }
}

static int config_valid(const struct ecgrt_match_config *cfg)
{
    return cfg->instruments > 0 && cfg->max_orders > 0 &&
           cfg->max_orders <= MATCH_ORDER_POOL_CAPACITY && cfg->on_event != NULL &&
           cfg->min_price <= cfg->max_price &&
           (uint64_t)(cfg->max_price - cfg->min_price) < MATCH_MAX_BAND;
}

static int books_new(struct ecgrt_match *m)
{
    size_t size = (size_t)m->cfg.instruments * sizeof *m->books; /* a multiple of the alignment */

    m->books = aligned_alloc(_Alignof(struct match_book), size);
    if (m->books == NULL)
        return ECGRT_ENOMEM;
    memset(m->books, 0, size);
    for (uint32_t i = 0; i < m->cfg.instruments; i++) {
        struct match_book *b = &m->books[i];
        b->levels = malloc((size_t)m->band * sizeof *b->levels);
        if (b->levels == NULL || match_bits_init(&b->bids, m->band) != 0 ||
            match_bits_init(&b->asks, m->band) != 0)
            return ECGRT_ENOMEM;
        b->best[ECGRT_SIDE_BUY] = -1;
        b->best[ECGRT_SIDE_SELL] = -1;
        for (uint32_t l = 0; l < m->band; l++)
            b->levels[l] = (struct match_level){ MATCH_NIL, MATCH_NIL, 0 };
    }
    return ECGRT_OK;
}

/* The order records: one generated pool, aligned to a cache line, holding the most orders any
 * engine may (only the address space of the records beyond max_orders is reserved). The first
 * max_orders records, the only ones this engine hands out, are written once here, so the first
 * commands do not pay for page faults. */
static int orders_new(struct ecgrt_match *m)
{
    size_t size = (sizeof *m->pool + 63) & ~(size_t)63;

    m->pool = aligned_alloc(64, size);
    if (m->pool == NULL)
        return ECGRT_ENOMEM;
    match_order_pool_init(m->pool);
    memset(m->pool->objects, 0, (size_t)m->cfg.max_orders * sizeof m->pool->objects[0]);
    return match_idmap_init(&m->ids, m->cfg.max_orders);
}

int ecgrt_match_new(struct ecgrt_match **out, const struct ecgrt_match_config *cfg)
{
    struct ecgrt_match *m;
    int rc;

    if (cfg == NULL || !config_valid(cfg))
        return ECGRT_EINVAL;
    m = calloc(1, sizeof *m);
    if (m == NULL)
        return ECGRT_ENOMEM;
    m->cfg = *cfg;
    m->band = (uint32_t)(cfg->max_price - cfg->min_price) + 1;
    m->timed = match_latency(cfg->latency_add) != NULL ||
               match_latency(cfg->latency_cancel) != NULL ||
               match_latency(cfg->latency_modify) != NULL;
    events_init(m);
    rc = books_new(m);
    if (rc == ECGRT_OK)
        rc = orders_new(m);
    if (rc != ECGRT_OK) {
        ecgrt_match_free(m);
        return rc;
    }
    *out = m;
    return ECGRT_OK;
}

void ecgrt_match_free(struct ecgrt_match *m)
{
    if (m == NULL)
        return;
    for (uint32_t i = 0; m->books != NULL && i < m->cfg.instruments; i++) {
        free(m->books[i].levels);
        match_bits_fini(&m->books[i].bids);
        match_bits_fini(&m->books[i].asks);
    }
    free(m->books);
    free(m->pool);
    match_idmap_fini(&m->ids);
    free(m);
}

/* The level index of a limit price, or a value >= m->band when the price is out of band: the
 * unsigned difference wraps below min_price, so one comparison checks both ends. */
static uint64_t level_of(const struct ecgrt_match *m, int64_t price)
{
    return (uint64_t)price - (uint64_t)m->cfg.min_price;
}

/* The side of an order as the engine keeps it: any value but BUY is a sell, so a side outside
 * the enumeration never indexes past a book's two sides. */
static uint32_t side_of(const struct ecgrt_match_order *o)
{
    return o->side == ECGRT_SIDE_BUY ? ECGRT_SIDE_BUY : ECGRT_SIDE_SELL;
}

static void taker_of(struct match_taker *t, const struct ecgrt_match *m,
                     const struct ecgrt_match_order *o)
{
    *t = (struct match_taker){
        .id = o->id,
        .qty = o->qty,
        .owner = o->owner,
        .instrument = o->instrument,
        .side = side_of(o),
        .market = o->type == ECGRT_ORDER_MARKET,
        .limit = o->type == ECGRT_ORDER_MARKET ? 0 : o->price - m->cfg.min_price,
    };
}

/* Queues the new record o (id, qty, owner, level, instrument and side set) at its level and
 * enters its id in the map by a new search (trades changed the map since any earlier one).
 * Fills the level's BOOK event, which the caller emits. */
static void rest_record(struct ecgrt_match *m, struct match_order *o)
{
    uint32_t ref = match_order_ref(m, o);

    o->slot = match_idmap_put(&m->ids, o->id, ref);
    m->resting++;
    match_book_level_event(m, o->instrument, o->side, o->level, match_book_enqueue(m, ref));
}

/* A free record (the caller made sure one is: fewer than max_orders rest, and max_orders is
 * at most the pool's capacity). */
static struct match_order *record_new(struct ecgrt_match *m)
{
    struct match_order *o = match_order_pool_acquire(m->pool);

    assert(o != NULL);
    return o;
}

/* Rests what is left of a taker that traded in a new record, and emits its level's BOOK. Out
 * of line: few takers rest a remainder, and inlined its registers would be saved on every
 * crossing add. The taker comes by value, so the caller's never has its address taken and can
 * live in registers while it trades. */
__attribute__((noinline)) static void rest_taker(struct ecgrt_match *m, struct match_taker t)
{
    struct match_order *o = record_new(m);

    o->id = t.id;
    o->qty = t.qty;
    o->owner = t.owner;
    o->level = (uint32_t)t.limit;
    o->instrument = t.instrument;
    o->side = t.side;
    rest_record(m, o);
    match_emit(m, ECGRT_EVENT_BOOK);
}

/* Emits first, then BOOK: the end of a command with two events, whose fields are filled, for
 * the rarer ends (a level filled or emptied), which reach it by a jump. */
__attribute__((noinline)) static void emit_two(struct ecgrt_match *m, enum ecgrt_event_kind first)
{
    match_emit(m, first);
    match_emit(m, ECGRT_EVENT_BOOK);
}

/* The rarer end of rest_untraded, for record ref (queued, its events' fields filled): its id
 * goes in the map where the search ended (slot, dist slots past its home) when entries must
 * move on to make room, and its level's bit is set when the level was empty; then both events.
 * Out of line with few parameters, so that rest_untraded keeps its values in registers that
 * need no saving. */
__attribute__((noinline)) static void rest_untraded_slow(struct ecgrt_match *m, uint32_t ref,
                                                         uint32_t slot, uint32_t dist)
{
    struct match_order *o = match_order_at(m, ref);
    struct match_book *book = &m->books[o->instrument];
    struct match_probe probe = { slot, dist, 0 };

    o->slot = match_idmap_put_at(&m->ids, &probe, o->id, ref);
    if (book->levels[o->level].head == ref) /* it is alone there: the level was empty */
        match_book_level_filled(book, o->side, o->level);
    emit_two(m, ECGRT_EVENT_ACCEPTED);
}

/* Accepts a limit or post-only order that trades nothing and rests it whole at level; its id
 * goes where the duplicate check's search ended (slot, dist slots past its home). Every change
 * and both events' fields come before the first event is emitted, so only m lives across the
 * callback. Out of line, as are the other ends of an add, so that the checks before it keep
 * nothing across a call. */
__attribute__((noinline)) static void rest_untraded(struct ecgrt_match *m,
                                                    const struct ecgrt_match_order *order,
                                                    uint32_t slot, uint32_t dist, uint32_t level)
{
    struct match_order *o = record_new(m);
    uint32_t ref = match_order_ref(m, o);
    uint64_t id = order->id;
    uint32_t instrument = order->instrument;
    uint32_t side = side_of(order);
    struct match_level *lv = &m->books[instrument].levels[level];

    o->id = id;
    o->qty = order->qty;
    o->owner = order->owner;
    o->level = level;
    o->instrument = instrument;
    o->side = side;
    m->resting++;
    match_event(m, ECGRT_EVENT_ACCEPTED)->id = id;
    if (__builtin_expect(match_book_link(m, lv, ref, o) || m->ids.slots[slot].value != MATCH_NIL,
                         0)) {
        match_book_level_event(m, instrument, side, level, lv->total);
        rest_untraded_slow(m, ref, slot, dist);
        return;
    }
    match_idmap_set(&m->ids, slot, dist, id, ref);
    o->slot = slot;
    match_book_level_event(m, instrument, side, level, lv->total);
    match_emit(m, ECGRT_EVENT_ACCEPTED);
    match_emit(m, ECGRT_EVENT_BOOK);
}

/* Out of line, so that the adds that get here are the only ones that pay its call. */
__attribute__((noinline)) static void reject_add(struct ecgrt_match *m, uint64_t id,
                                                 enum ecgrt_reject_reason reason)
{
    match_count(&m->stats.rejects[reason], 1);
    emit_rejected(m, id, reason);
}

/* An accepted order that reaches the opposite side: fill-or-kill check, matching, then rest or
 * cancel what is left. Out of line: the usual add rests without trading, and this path's
 * registers would be saved on every add. */
__attribute__((noinline)) static void add_crossing(struct ecgrt_match *m,
                                                   const struct ecgrt_match_order *order)
{
    struct match_taker t;

    taker_of(&t, m, order);
    emit_accepted(m, order->id);
    if (order->type == ECGRT_ORDER_FOK) {
        struct match_taker whole = t; /* a copy: t's address stays untaken (rest_taker) */
        if (!match_book_can_fill(m, &whole)) {
            emit_cancelled(m, order->id, order->qty);
            return;
        }
    }
    match_book_match(m, &t);
    if (t.qty == 0)
        return;
    if (!t.stopped && (order->type == ECGRT_ORDER_LIMIT || order->type == ECGRT_ORDER_POST))
        rest_taker(m, t);
    else
        emit_cancelled(m, order->id, t.qty);
}

/* An IOC, FOK or market order that finds nothing to trade: accepted and cancelled whole. */
__attribute__((noinline)) static void add_unfilled(struct ecgrt_match *m,
                                                   const struct ecgrt_match_order *order)
{
    emit_accepted(m, order->id);
    emit_cancelled(m, order->id, order->qty);
}

/* What is wrong with the order itself, whatever the book holds; level is its limit's level
 * (level_of), 0 for a market order. */
static enum ecgrt_reject_reason check_fields(const struct ecgrt_match *m,
                                             const struct ecgrt_match_order *o, uint64_t level)
{
    if (o->instrument >= m->cfg.instruments)
        return ECGRT_REJECT_UNKNOWN_INSTRUMENT;
    if (o->qty == 0)
        return ECGRT_REJECT_ZERO_QUANTITY;
    if (level >= m->band)
        return ECGRT_REJECT_PRICE_OUT_OF_BAND;
    return ECGRT_REJECT_NONE;
}

/* What is wrong with an order of type given the book: found, whether its id is live; cross,
 * whether it would trade. */
static enum ecgrt_reject_reason check_book(const struct ecgrt_match *m, enum ecgrt_order_type type,
                                           int found, int cross)
{
    if (found)
        return ECGRT_REJECT_DUPLICATE_ID;
    if (m->resting == m->cfg.max_orders && (type == ECGRT_ORDER_LIMIT || type == ECGRT_ORDER_POST))
        return ECGRT_REJECT_BOOK_FULL;
    if (type == ECGRT_ORDER_POST && cross)
        return ECGRT_REJECT_WOULD_CROSS;
    return ECGRT_REJECT_NONE;
}

/* The checks run in a fixed order (instrument, quantity, price band, duplicate id, full book,
 * would-cross) and come before any change. Every path leaves through one call at its end, so
 * this function keeps nothing across a call: an order that trades nothing and rests has its id
 * inserted where the duplicate check's search ended (rest_untraded); one that crosses searches
 * again after its trades (add_crossing). */
static void add_order(struct ecgrt_match *m, const struct ecgrt_match_order *order)
{
    enum ecgrt_order_type type = order->type;
    int market = type == ECGRT_ORDER_MARKET;
    uint64_t level = market ? 0 : level_of(m, order->price);
    enum ecgrt_reject_reason reason;
    struct match_probe probe;
    int cross;

    match_count(&m->stats.adds, 1);
    reason = check_fields(m, order, level);
    if (__builtin_expect(reason != ECGRT_REJECT_NONE, 0)) {
        reject_add(m, order->id, reason);
        return;
    }
    match_idmap_probe(&probe, &m->ids, order->id);
    cross = match_book_crosses(&m->books[order->instrument], side_of(order), market, level);
    reason = check_book(m, type, probe.found, cross);
    if (__builtin_expect(reason != ECGRT_REJECT_NONE, 0)) {
        reject_add(m, order->id, reason);
        return;
    }
    if (cross)
        add_crossing(m, order);
    else if (type == ECGRT_ORDER_LIMIT || type == ECGRT_ORDER_POST)
        rest_untraded(m, order, probe.slot, probe.dist, (uint32_t)level);
    else
        add_unfilled(m, order);
}

/* ecgrt_match_add, timed into h. Kept out of line so that an untimed command, the usual
 * case, pays only for the test of h (inlined, the timed path's saved registers would be pushed
 * on every call). */
__attribute__((noinline)) static void timed_add(struct ecgrt_match *m, struct ecgrt_hist *h,
                                                const struct ecgrt_match_order *order)
{
    uint64_t start = ecgrt_clock_ticks();

    add_order(m, order);
    ecgrt_hist_record(h, ecgrt_clock_ticks() - start);
}

void ecgrt_match_add(struct ecgrt_match *m, const struct ecgrt_match_order *order)
{
    struct ecgrt_hist *h = match_latency(m->cfg.latency_add);

    if (h != NULL)
        timed_add(m, h, order);
    else
        add_order(m, order);
}

/* emit_two, after clearing the bit of the level the command emptied and finding the side's next
 * best level if it was the best. */
__attribute__((noinline)) static void emit_two_emptied(struct ecgrt_match *m,
                                                       enum ecgrt_event_kind first,
                                                       struct match_book *book, uint32_t side,
                                                       uint32_t level)
{
    match_book_level_emptied(book, side, level);
    emit_two(m, first);
}

/* Cancels the resting order in the id map's slot (found by cancel_order). Every change and
 * both events' fields come before the first event is emitted, so only m lives across the
 * callback. */
__attribute__((noinline)) static void cancel_found(struct ecgrt_match *m, uint64_t id,
                                                   uint32_t slot)
{
    uint32_t ref = m->ids.slots[slot].value;
    const struct match_order *o = match_order_at(m, ref);
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_CANCELLED);
    uint32_t side = o->side;
    uint32_t level = o->level;
    uint32_t instrument = o->instrument;
    struct match_book *book = &m->books[instrument];
    struct match_level *lv = &book->levels[level];
    int emptied;

    ev->id = id;
    ev->remaining = o->qty;
    match_idmap_erase_at(&m->ids, slot);
    emptied = match_book_detach(m, lv, o);
    match_book_recycle(m, ref);
    match_book_level_event(m, instrument, side, level, lv->total);
    if (emptied) {
        emit_two_emptied(m, ECGRT_EVENT_CANCELLED, book, side, level);
        return;
    }
    match_emit(m, ECGRT_EVENT_CANCELLED);
    match_emit(m, ECGRT_EVENT_BOOK);
}

/* Looks the id up and leaves through one call at its end, so it keeps nothing across a call. */
static void cancel_order(struct ecgrt_match *m, uint64_t id)
{
    uint32_t slot = match_idmap_slot(&m->ids, id);

    match_count(&m->stats.cancels, 1);
    if (slot == MATCH_NIL) {
        match_count(&m->stats.rejects[ECGRT_REJECT_UNKNOWN_ID], 1);
        emit_rejected(m, id, ECGRT_REJECT_UNKNOWN_ID);
        return;
    }
    cancel_found(m, id, slot);
}

/* ecgrt_match_cancel, timed into h. Kept out of line so that an untimed command, the usual
 * case, pays only for the test of h (inlined, the timed path's saved registers would be pushed
 * on every call). */
__attribute__((noinline)) static void timed_cancel(struct ecgrt_match *m, struct ecgrt_hist *h,
                                                   uint64_t id)
{
    uint64_t start = ecgrt_clock_ticks();

    cancel_order(m, id);
    ecgrt_hist_record(h, ecgrt_clock_ticks() - start);
}

void ecgrt_match_cancel(struct ecgrt_match *m, uint64_t id)
{
    struct ecgrt_hist *h = match_latency(m->cfg.latency_cancel);

    if (h != NULL)
        timed_cancel(m, h, id);
    else
        cancel_order(m, id);
}

static enum ecgrt_reject_reason check_modify(const struct ecgrt_match *m, uint32_t ref,
                                             int64_t price, uint64_t qty)
{
    if (ref == MATCH_NIL)
        return ECGRT_REJECT_UNKNOWN_ID;
    if (qty == 0)
        return ECGRT_REJECT_ZERO_QUANTITY;
    if (level_of(m, price) >= m->band)
        return ECGRT_REJECT_PRICE_OUT_OF_BAND;
    return ECGRT_REJECT_NONE;
}

static void emit_modified(struct ecgrt_match *m, uint64_t id, int64_t price, uint64_t qty)
{
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_MODIFIED);

    ev->id = id;
    ev->price = price;
    ev->qty = qty;
    match_emit(m, ECGRT_EVENT_MODIFIED);
}

/* A smaller quantity at the same price: the order keeps its place. */
static void shrink_in_place(struct ecgrt_match *m, uint32_t ref, uint64_t qty)
{
    struct match_order *o = match_order_at(m, ref);

    m->books[o->instrument].levels[o->level].total -= o->qty - qty;
    o->qty = qty;
    emit_modified(m, o->id, m->cfg.min_price + (int64_t)o->level, qty);
    match_book_report_level(m, o->instrument, o->side, o->level);
}

/* Any other change: out of the old level, then in as an incoming limit order with the same
 * id and owner, reusing the record if anything is left to rest. */
static void requeue(struct ecgrt_match *m, uint32_t ref, int64_t price, uint64_t qty)
{
    struct match_order *o = match_order_at(m, ref);
    uint32_t old_level = o->level;
    struct match_taker t = { .id = o->id,
                             .qty = qty,
                             .owner = o->owner,
                             .instrument = o->instrument,
                             .side = o->side,
                             .limit = price - m->cfg.min_price };

    match_book_unlink(m, ref);
    emit_modified(m, o->id, price, qty);
    match_book_report_level(m, o->instrument, o->side, old_level);
    match_idmap_erase_hinted(&m->ids, o->slot, o->id, ref);
    match_book_match(m, &t);
    if (t.qty == 0 || t.stopped) {
        match_book_recycle(m, ref);
        if (t.qty != 0)
            emit_cancelled(m, t.id, t.qty);
        return;
    }
    o->qty = t.qty;
    o->level = (uint32_t)t.limit;
    o->slot = match_idmap_put(&m->ids, t.id, ref);
    match_book_enqueue(m, ref);
    match_book_report_level(m, t.instrument, t.side, o->level);
}

static void modify_order(struct ecgrt_match *m, uint64_t id, int64_t price, uint64_t qty)
{
    uint32_t ref = match_idmap_find(&m->ids, id);
    enum ecgrt_reject_reason reason = check_modify(m, ref, price, qty);
    const struct match_order *o;

    match_count(&m->stats.modifies, 1);
    if (reason != ECGRT_REJECT_NONE) {
        match_count(&m->stats.rejects[reason], 1);
        emit_rejected(m, id, reason);
        return;
    }
    o = match_order_at(m, ref);
    if (price - m->cfg.min_price == (int64_t)o->level && qty <= o->qty)
        shrink_in_place(m, ref, qty);
    else
        requeue(m, ref, price, qty);
}

/* ecgrt_match_modify, timed into h. Kept out of line so that an untimed command, the usual
 * case, pays only for the test of h (inlined, the timed path's saved registers would be pushed
 * on every call). */
__attribute__((noinline)) static void timed_modify(struct ecgrt_match *m, struct ecgrt_hist *h,
                                                   uint64_t id, int64_t price, uint64_t qty)
{
    uint64_t start = ecgrt_clock_ticks();

    modify_order(m, id, price, qty);
    ecgrt_hist_record(h, ecgrt_clock_ticks() - start);
}

void ecgrt_match_modify(struct ecgrt_match *m, uint64_t id, int64_t price, uint64_t qty)
{
    struct ecgrt_hist *h = match_latency(m->cfg.latency_modify);

    if (h != NULL)
        timed_modify(m, h, id, price, qty);
    else
        modify_order(m, id, price, qty);
}

/* A command when a latency histogram is set: through the public entry points, which read their
 * kind's histogram. */
__attribute__((noinline)) static void apply_timed(struct ecgrt_match *m,
                                                  const struct ecgrt_match_command *cmd)
{
    switch (cmd->kind) {
    case ECGRT_COMMAND_ADD:
        ecgrt_match_add(m, &cmd->order);
        break;
    case ECGRT_COMMAND_CANCEL:
        ecgrt_match_cancel(m, cmd->id);
        break;
    case ECGRT_COMMAND_MODIFY:
        ecgrt_match_modify(m, cmd->id, cmd->price, cmd->qty);
        break;
    }
}

/* Untimed commands, the usual case, go straight to their kind's code after one test of
 * m->timed, adds (the most frequent) first. */
void ecgrt_match_apply(struct ecgrt_match *m, const struct ecgrt_match_command *cmd)
{
    if (__builtin_expect(m->timed, 0))
        apply_timed(m, cmd);
    else if (cmd->kind == ECGRT_COMMAND_ADD)
        add_order(m, &cmd->order);
    else if (cmd->kind == ECGRT_COMMAND_CANCEL)
        cancel_order(m, cmd->id);
    else if (cmd->kind == ECGRT_COMMAND_MODIFY)
        modify_order(m, cmd->id, cmd->price, cmd->qty);
}

int ecgrt_match_best(const struct ecgrt_match *m, uint32_t instrument, enum ecgrt_side side,
                     int64_t *out_price, uint64_t *out_total)
{
    const struct match_book *b;
    int64_t level;

    if (instrument >= m->cfg.instruments)
        return 0;
    b = &m->books[instrument];
    level = b->best[side == ECGRT_SIDE_BUY ? ECGRT_SIDE_BUY : ECGRT_SIDE_SELL];
    if (level < 0)
        return 0;
    *out_price = m->cfg.min_price + level;
    *out_total = b->levels[level].total;
    return 1;
}

void ecgrt_match_prefetch(const struct ecgrt_match *m, uint64_t id, int deep)
{
    const struct match_slot *s = match_idmap_home(&m->ids, id);

    if (!deep) {
        __builtin_prefetch(s);
        return;
    }
    if (s->key == id && s->value != MATCH_NIL)
        __builtin_prefetch(match_order_at(m, s->value));
}

int ecgrt_match_stats(struct ecgrt_match_stats *out, const struct ecgrt_match *m)
{
    *out = m->stats;
#ifdef ECG_NO_INSTRUMENT
    return 0;
#else
    return 1;
#endif
}

uint32_t ecgrt_match_resting(const struct ecgrt_match *m)
{
    return m->resting;
}

const char *ecgrt_match_reason_name(enum ecgrt_reject_reason reason)
{
    switch (reason) {
    case ECGRT_REJECT_NONE:
        return "none";
    case ECGRT_REJECT_DUPLICATE_ID:
        return "duplicate-id";
    case ECGRT_REJECT_UNKNOWN_ID:
        return "unknown-id";
    case ECGRT_REJECT_ZERO_QUANTITY:
        return "zero-quantity";
    case ECGRT_REJECT_PRICE_OUT_OF_BAND:
        return "price-out-of-band";
    case ECGRT_REJECT_UNKNOWN_INSTRUMENT:
        return "unknown-instrument";
    case ECGRT_REJECT_WOULD_CROSS:
        return "would-cross";
    case ECGRT_REJECT_BOOK_FULL:
        return "book-full";
    }
    return "unknown";
}
