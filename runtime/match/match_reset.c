/* Emptying an engine without releasing it: every resting order goes back to the pool and
 * every book to empty, in time proportional to the id map's occupancy bits and the resting
 * orders, not to the price band or the map's table. */
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

/* The slots in use are found through the map's occupancy bits, so the reset reads the bits and
 * the live entries, not the whole table (which would push a replay's working set out of cache). */
void ecgrt_match_reset(struct ecgrt_match *m)
{
    uint32_t words = (m->ids.mask + 1) / 64;

    for (uint32_t w = 0; w < words; w++) {
        for (uint64_t bits = m->ids.used[w]; bits != 0; bits &= bits - 1) {
            struct match_slot *slot = &m->ids.slots[w * 64 + (uint32_t)__builtin_ctzll(bits)];
            drop_resting(m, slot->value);
            slot->value = MATCH_NIL;
        }
        m->ids.used[w] = 0;
    }
    for (uint32_t i = 0; i < m->cfg.instruments; i++) {
        m->books[i].best[ECGRT_SIDE_BUY] = -1;
        m->books[i].best[ECGRT_SIDE_SELL] = -1;
    }
    memset(&m->stats, 0, sizeof m->stats);
}
