/* Emptying an engine without releasing it: every resting order goes back to the pool and
 * every book to empty, in time proportional to the order-id map, not to the price band. */
#include "runtime/match/match_book.h"

#include <string.h>

/* Empties the level of the resting order ref and clears its bit; the level's other orders are
 * released on their own turn. */
static void drop_resting(struct ecgrt_match *m, uint32_t ref)
{
    const struct match_order *o = match_order_at(m, ref);
    struct match_book *b = &m->books[o->instrument];

    b->levels[o->level] = (struct match_level){ MATCH_NIL, MATCH_NIL, 0 };
    match_bits_clear(o->side == ECGRT_SIDE_BUY ? &b->bids : &b->asks, o->level);
    match_book_recycle(m, ref);
}

void ecgrt_match_reset(struct ecgrt_match *m)
{
    for (uint32_t s = 0; s <= m->ids.mask; s++) {
        struct match_slot *slot = &m->ids.slots[s];
        if (slot->value == MATCH_NIL)
            continue;
        drop_resting(m, slot->value);
        slot->value = MATCH_NIL;
    }
    for (uint32_t i = 0; i < m->cfg.instruments; i++) {
        m->books[i].best[ECGRT_SIDE_BUY] = -1;
        m->books[i].best[ECGRT_SIDE_SELL] = -1;
    }
    memset(&m->stats, 0, sizeof m->stats);
}
