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

/* Appends record idx (its instrument, side, level and qty set) to the tail of its level.
 * Returns the level's new total. */
static inline uint64_t match_book_enqueue(struct ecgrt_match *m, uint32_t idx)
{
    struct match_order *o = match_order_at(m, idx);
    struct match_book *book = &m->books[o->instrument];
    struct match_level *lv = &book->levels[o->level];

    o->next = MATCH_NIL;
    o->prev = lv->tail;
    if (lv->tail == MATCH_NIL) {
        lv->head = idx;
        match_book_level_filled(book, o->side, o->level);
    } else {
        match_order_at(m, lv->tail)->next = idx;
    }
    lv->tail = idx;
    lv->total += o->qty;
    return lv->total;
}

/* Takes record idx out of its level (the record stays allocated). Returns the level's new
 * total. */
static inline uint64_t match_book_unlink(struct ecgrt_match *m, uint32_t idx)
{
    struct match_order *o = match_order_at(m, idx);
    struct match_book *book = &m->books[o->instrument];
    struct match_level *lv = &book->levels[o->level];

    if (o->prev == MATCH_NIL)
        lv->head = o->next;
    else
        match_order_at(m, o->prev)->next = o->next;
    if (o->next == MATCH_NIL)
        lv->tail = o->prev;
    else
        match_order_at(m, o->next)->prev = o->prev;
    lv->total -= o->qty;
    if (lv->head == MATCH_NIL)
        match_book_level_emptied(book, o->side, o->level);
    return lv->total;
}

/* Returns record idx to the free list (its id already forgotten). */
static inline void match_book_recycle(struct ecgrt_match *m, uint32_t idx)
{
    match_order_pool_release(m->pool, match_order_at(m, idx));
    m->resting--;
}

/* Returns record idx to the free list and forgets its id. */
static inline void match_book_release(struct ecgrt_match *m, uint32_t idx)
{
    match_idmap_erase(&m->ids, match_order_at(m, idx)->id);
    match_book_recycle(m, idx);
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

/* Trades the taker against the opposite side until it is filled, its limit is reached, the
 * side is empty, or a self-trade stops it. */
void match_book_match(struct ecgrt_match *m, struct match_taker *taker);

/* The best opposite level an incoming order of side may trade at, or -1: any, for a market
 * order, else one no worse than its limit (a level index). */
static inline int64_t match_book_reach(const struct match_book *book, uint32_t side, int market,
                                       int64_t limit)
{
    int64_t best = book->best[side == ECGRT_SIDE_BUY ? ECGRT_SIDE_SELL : ECGRT_SIDE_BUY];

    if (best < 0 || market)
        return best;
    if (side == ECGRT_SIDE_BUY)
        return best <= limit ? best : -1;
    return best >= limit ? best : -1;
}

/* The best opposite level the taker may trade at, or -1. */
static inline int64_t match_book_best_opposite(const struct match_book *book,
                                               const struct match_taker *taker)
{
    return match_book_reach(book, taker->side, taker->market, taker->limit);
}

/* Whether the taker could be filled entirely now (for fill-or-kill). */
int match_book_can_fill(const struct ecgrt_match *m, const struct match_taker *taker);

#endif
