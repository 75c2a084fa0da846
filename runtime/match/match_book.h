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

/* Emits the BOOK event of a level: its new total. */
void match_book_report_level(struct ecgrt_match *m, uint32_t instrument, uint32_t side,
                             uint32_t level);

/* Trades the taker against the opposite side until it is filled, its limit is reached, the
 * side is empty, or a self-trade stops it. */
void match_book_match(struct ecgrt_match *m, struct match_taker *taker);

/* Whether the taker's limit reaches the best opposite price (for post-only). */
int match_book_crosses(const struct ecgrt_match *m, const struct match_taker *taker);

/* Whether the taker could be filled entirely now (for fill-or-kill). */
int match_book_can_fill(const struct ecgrt_match *m, const struct match_taker *taker);

#endif
