/* The book operations the engine's commands are built from (match_book.c). */
#ifndef ECG_RUNTIME_MATCH_BOOK_H
#define ECG_RUNTIME_MATCH_BOOK_H

#include "runtime/match/match_int.h"

/* An incoming order while it trades. limit is a level index (price - min_price). */
struct match_taker {
    uint64_t id;
    uint64_t qty; /* left to trade */
    int64_t limit;
    uint32_t owner;
    uint32_t instrument;
    uint32_t side;
    int market;  /* trades at any price */
    int stopped; /* a self-trade cancelled the taker */
};

/* A level of a side that was empty now holds an order: sets its bit, and makes it the side's
 * best level if it is better (match_book.c; off the usual path of a queue that is not empty). */
void match_book_level_filled(struct match_book *book, uint32_t side, uint32_t level);

/* A level of a side became empty: clears its bit, and finds the next best level if it was the
 * best (match_book.c). */
void match_book_level_emptied(struct match_book *book, uint32_t side, uint32_t level);

/* The book operations below are inline: every add, cancel and fill runs one or two of them, and
 * their calls' saved registers and reloaded pointers were 4-8% of the engine's instructions. */

/* Appends record o (reference ref, its qty set) to the tail of level lv and adds its quantity
 * to the level's total. Returns 1 when the level was empty, for the caller to report to
 * match_book_level_filled: last, so that the call keeps few values alive across it. */
static inline int match_book_link(struct ecgrt_match *m, struct match_level *lv, uint32_t ref,
                                  struct match_order *o)
{
    uint32_t tail = lv->tail;

    o->next = MATCH_NIL;
    o->prev = tail;
    lv->tail = ref;
    lv->total += o->qty;
    if (tail == MATCH_NIL) {
        lv->head = ref;
        return 1;
    }
    match_order_at(m, tail)->next = ref;
    return 0;
}

/* Appends record ref (its instrument, side, level and qty set) to the tail of its level.
 * Returns the level's new total. */
static inline uint64_t match_book_enqueue(struct ecgrt_match *m, uint32_t ref)
{
    struct match_order *o = match_order_at(m, ref);
    struct match_book *book = &m->books[o->instrument];
    struct match_level *lv = &book->levels[o->level];

    if (match_book_link(m, lv, ref, o))
        match_book_level_filled(book, o->side, o->level);
    return lv->total;
}

/* Takes record o (reference ref) out of level lv, its level, and subtracts its quantity from
 * the level's total. Returns 1 when the level is now empty, for the caller to report to
 * match_book_level_emptied. */
static inline int match_book_detach(struct ecgrt_match *m, struct match_level *lv,
                                    const struct match_order *o)
{
    uint32_t prev = o->prev;
    uint32_t next = o->next;

    if (prev == MATCH_NIL)
        lv->head = next;
    else
        match_order_at(m, prev)->next = next;
    if (next == MATCH_NIL)
        lv->tail = prev;
    else
        match_order_at(m, next)->prev = prev;
    lv->total -= o->qty;
    return lv->head == MATCH_NIL;
}

/* Takes record ref out of its level (the record stays allocated). Returns the level's new
 * total. */
static inline uint64_t match_book_unlink(struct ecgrt_match *m, uint32_t ref)
{
    struct match_order *o = match_order_at(m, ref);
    struct match_book *book = &m->books[o->instrument];
    struct match_level *lv = &book->levels[o->level];

    if (match_book_detach(m, lv, o))
        match_book_level_emptied(book, o->side, o->level);
    return lv->total;
}

/* Returns record ref to the free list (its id already forgotten). */
static inline void match_book_recycle(struct ecgrt_match *m, uint32_t ref)
{
    match_order_pool_release(m->pool, match_order_at(m, ref));
    m->resting--;
}

/* Returns record ref to the free list and forgets its id. */
static inline void match_book_release(struct ecgrt_match *m, uint32_t ref)
{
    const struct match_order *o = match_order_at(m, ref);

    match_idmap_erase_hinted(&m->ids, o->slot, o->id, ref);
    match_book_recycle(m, ref);
}

/* Fills the BOOK event of a level whose new total the caller holds, for a caller that emits it
 * (match_emit) later, after events that come before it: then only the engine needs to stay in
 * a register across the earlier events' callbacks. */
static inline void match_book_level_event(struct ecgrt_match *m, uint32_t instrument, uint32_t side,
                                          uint32_t level, uint64_t total)
{
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_BOOK);

    ev->instrument = instrument;
    ev->side = (enum ecgrt_side)side;
    ev->price = m->cfg.min_price + (int64_t)level;
    ev->total = total;
}

/* Emits the BOOK event of a level: its new total. Inline: most commands report a level (a
 * resting add, a cancel, each level a taker trades at). */
static inline void match_book_report_level(struct ecgrt_match *m, uint32_t instrument,
                                           uint32_t side, uint32_t level)
{
    match_book_level_event(m, instrument, side, level, m->books[instrument].levels[level].total);
    match_emit(m, ECGRT_EVENT_BOOK);
}

/* Whether an incoming order of side (ECGRT_SIDE_BUY 0 or SELL 1) would trade: the opposite side
 * is not empty and, unless the order is a market order, its best level is no worse than limit
 * (a level index). A yes or no, for the add's checks, which need no level. */
static inline int match_book_crosses(const struct match_book *book, uint32_t side, int market,
                                     uint64_t limit)
{
    int64_t best = book->best[side ^ 1];

    if (best < 0)
        return 0;
    return market || (side == ECGRT_SIDE_BUY ? (uint64_t)best <= limit : (uint64_t)best >= limit);
}

/* The best opposite level an incoming order of side may trade at (match_book_crosses), or -1. */
static inline int64_t match_book_reach(const struct match_book *book, uint32_t side, int market,
                                       int64_t limit)
{
    return match_book_crosses(book, side, market, (uint64_t)limit) ? book->best[side ^ 1] : -1;
}

/* The best opposite level the taker may trade at, or -1. */
static inline int64_t match_book_best_opposite(const struct match_book *book,
                                               const struct match_taker *taker)
{
    return match_book_reach(book, taker->side, taker->market, taker->limit);
}

/* Whether the taker could be filled entirely now (for fill-or-kill). */
int match_book_can_fill(const struct ecgrt_match *m, const struct match_taker *taker);

/* Self-trade prevention cancels maker o (reference ref), the head of level lv, and emits its
 * CANCELLED; whether the level is left empty is the caller's to handle (match_book.c). Out of
 * line: self-trades are rare, and the matching loop should not hold this path's registers. */
void match_book_cancel_resting(struct ecgrt_match *m, struct match_level *lv, uint32_t ref);

/* Takes maker o (reference ref), filled, off the head of level lv and frees its record; taking
 * its quantity out of the level's total is the caller's. */
static inline void match_book_pop_filled(struct ecgrt_match *m, struct match_level *lv,
                                         uint32_t ref, const struct match_order *o)
{
    uint32_t next = o->next;

    lv->head = next;
    if (next == MATCH_NIL)
        lv->tail = MATCH_NIL;
    else
        match_order_at(m, next)->prev = MATCH_NIL;
    match_book_release(m, ref);
}

/* Trades the taker against level lv (index level) of the maker side, oldest order first, until
 * the taker is filled or stopped or the level is empty; then reports the level. Every maker it
 * reaches is the level's head: each one before it was filled or cancelled. */
__attribute__((always_inline)) static inline void
match_book_level(struct ecgrt_match *m, struct match_taker *taker, struct match_book *book,
                 uint32_t maker_side, int64_t level)
{
    struct match_level *lv = &book->levels[level];
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_TRADE);
    uint64_t before = lv->total;
    uint64_t left = taker->qty;
    uint32_t ref = lv->head;

    ev->instrument = taker->instrument;
    ev->taker = taker->id;
    ev->price = m->cfg.min_price + level;
    while (ref != MATCH_NIL && left > 0) {
        struct match_order *maker = match_order_at(m, ref);
        uint32_t next = maker->next;
        uint64_t qty = maker->qty;
        if (__builtin_expect(maker->owner == taker->owner, 0)) {
            if (m->cfg.stp == ECGRT_STP_CANCEL_INCOMING) {
                taker->stopped = 1;
                break;
            }
            match_book_cancel_resting(m, lv, ref);
            ref = next;
            continue;
        }
        ev->maker = maker->id;
        /* One branch decides both the quantity and the maker's fate: a maker with no more than
         * the taker has left is filled, else it keeps the difference (no minimum computed, then
         * tested again). */
        if (qty <= left) {
            match_book_pop_filled(m, lv, ref, maker);
        } else {
            qty = left;
            maker->qty -= qty;
        }
        ev->qty = qty;
        lv->total -= qty;
        left -= qty;
        match_count(&m->stats.traded_qty, qty);
        match_emit(m, ECGRT_EVENT_TRADE);
        ref = next;
    }
    taker->qty = left;
    if (lv->head == MATCH_NIL)
        match_book_level_emptied(book, maker_side, (uint32_t)level);
    if (lv->total != before) {
        match_book_level_event(m, taker->instrument, maker_side, (uint32_t)level, lv->total);
        match_emit(m, ECGRT_EVENT_BOOK);
    }
}

/* Trades the taker against the opposite side until it is filled, its limit is reached, the
 * side is empty, or a self-trade stops it. Inline in its two callers (a crossing add, a
 * modify that moves an order): one frame for the command and the loop, not two. */
__attribute__((always_inline)) static inline void match_book_match(struct ecgrt_match *m,
                                                                   struct match_taker *taker)
{
    struct match_book *book = &m->books[taker->instrument];
    uint32_t maker_side = taker->side == ECGRT_SIDE_BUY ? ECGRT_SIDE_SELL : ECGRT_SIDE_BUY;

    while (taker->qty > 0 && !taker->stopped) {
        int64_t level = match_book_best_opposite(book, taker);
        if (level < 0)
            return;
        match_book_level(m, taker, book, maker_side, level);
    }
}

#endif
