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

/* Appends record idx (its instrument, side, level and qty set) to the tail of its level. */
void match_book_enqueue(struct ecgrt_match *m, uint32_t idx);

/* Takes record idx out of its level (the record stays allocated). */
void match_book_unlink(struct ecgrt_match *m, uint32_t idx);

/* Returns record idx to the free list and forgets its id. */
void match_book_release(struct ecgrt_match *m, uint32_t idx);

/* Returns record idx to the free list (its id already forgotten). */
void match_book_recycle(struct ecgrt_match *m, uint32_t idx);

/* Emits the BOOK event of a level: its new total. Inline: most commands report a level (a
 * resting add, a cancel, each level a taker trades at). */
static inline void match_book_report_level(struct ecgrt_match *m, uint32_t instrument,
                                           uint32_t side, uint32_t level)
{
    struct ecgrt_match_event ev;

    match_event_start(&ev, ECGRT_EVENT_BOOK);
    ev.instrument = instrument;
    ev.side = (enum ecgrt_side)side;
    ev.price = m->cfg.min_price + (int64_t)level;
    ev.total = m->books[instrument].levels[level].total;
    match_emit(m, &ev);
}

/* Trades the taker against the opposite side until it is filled, its limit is reached, the
 * side is empty, or a self-trade stops it. */
void match_book_match(struct ecgrt_match *m, struct match_taker *taker);

/* The best opposite level an incoming order of taker->side may trade at, or -1. */
static inline int64_t match_book_best_opposite(const struct match_book *book,
                                               const struct match_taker *taker)
{
    int64_t best = book->best[taker->side == ECGRT_SIDE_BUY ? ECGRT_SIDE_SELL : ECGRT_SIDE_BUY];

    if (best < 0 || taker->market)
        return best;
    if (taker->side == ECGRT_SIDE_BUY)
        return best <= taker->limit ? best : -1;
    return best >= taker->limit ? best : -1;
}

/* Whether the taker's limit reaches the best opposite price: whether it would trade at all. */
static inline int match_book_crosses(const struct ecgrt_match *m, const struct match_taker *taker)
{
    return match_book_best_opposite(&m->books[taker->instrument], taker) >= 0;
}

/* Whether the taker could be filled entirely now (for fill-or-kill). */
int match_book_can_fill(const struct ecgrt_match *m, const struct match_taker *taker);

#endif
