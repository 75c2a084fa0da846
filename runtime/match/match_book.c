/* One book's operations: queueing an order at its level, taking it out, and matching an
 * incoming order against the opposite side best price first, oldest first, with self-trade
 * prevention. Each level a command changes reports its new total once. */
#include "runtime/match/match_book.h"

static struct match_bits *side_bits(struct match_book *book, uint32_t side)
{
    return side == ECGRT_SIDE_BUY ? &book->bids : &book->asks;
}

/* The better of a side's best level and a level that just filled (best is -1 when empty). */
static int64_t better_of(uint32_t side, int64_t best, uint32_t level)
{
    if (best < 0)
        return level;
    if (side == ECGRT_SIDE_BUY)
        return (int64_t)level > best ? level : best;
    return (int64_t)level < best ? level : best;
}

void match_book_level_filled(struct match_book *book, uint32_t side, uint32_t level)
{
    match_bits_set(side_bits(book, side), level);
    book->best[side] = better_of(side, book->best[side], level);
}

void match_book_level_emptied(struct match_book *book, uint32_t side, uint32_t level)
{
    match_bits_clear(side_bits(book, side), level);
    if (book->best[side] != (int64_t)level)
        return;
    book->best[side] =
        side == ECGRT_SIDE_BUY ? match_bits_highest(&book->bids) : match_bits_lowest(&book->asks);
}

/* Self-trade prevention cancels maker o (reference ref), the head of level lv. Whether the
 * level is left empty is the caller's to handle. */
void match_book_cancel_resting(struct ecgrt_match *m, struct match_level *lv, uint32_t ref)
{
    const struct match_order *o = match_order_at(m, ref);
    struct ecgrt_match_event *ev = match_event(m, ECGRT_EVENT_CANCELLED);

    ev->id = o->id;
    ev->remaining = o->qty;
    match_book_detach(m, lv, o);
    match_book_release(m, ref);
    match_emit(m, ECGRT_EVENT_CANCELLED);
}

/* What the taker could fill at one level: stops (sets *blocked) at an order of its own owner
 * when self-trades cancel the incoming order, skips them when they cancel the resting one. */
static uint64_t level_fillable(const struct ecgrt_match *m, const struct match_taker *taker,
                               int64_t level, int *blocked)
{
    uint32_t ref = m->books[taker->instrument].levels[level].head;
    uint64_t sum = 0;

    for (; ref != MATCH_NIL; ref = match_order_at(m, ref)->next) {
        const struct match_order *o = match_order_at(m, ref);
        if (o->owner != taker->owner) {
            sum += o->qty;
            continue;
        }
        if (m->cfg.stp == ECGRT_STP_CANCEL_INCOMING) {
            *blocked = 1;
            return sum;
        }
    }
    return sum;
}

int match_book_can_fill(const struct ecgrt_match *m, const struct match_taker *taker)
{
    const struct match_book *book = &m->books[taker->instrument];
    int64_t level = match_book_best_opposite(book, taker);
    uint64_t sum = 0;
    int blocked = 0;

    while (level >= 0 && !blocked) {
        sum += level_fillable(m, taker, level, &blocked);
        if (sum >= taker->qty)
            return 1;
        level = taker->side == ECGRT_SIDE_BUY ? match_bits_above(&book->asks, (uint32_t)level)
                                              : match_bits_below(&book->bids, (uint32_t)level);
        if (level >= 0 && !taker->market &&
            (taker->side == ECGRT_SIDE_BUY ? level > taker->limit : level < taker->limit))
            return 0;
    }
    return 0;
}
