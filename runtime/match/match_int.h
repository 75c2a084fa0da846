/* Internals of the matching engine: order records, price levels with a hierarchical bitmap of
 * the non-empty ones per side, the order-id map, and the engine that owns them. Indices, not
 * pointers, link orders, so records stay 32-bit-addressed and relocatable. */
#ifndef ECG_RUNTIME_MATCH_INT_H
#define ECG_RUNTIME_MATCH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ecg/match.h"

#define MATCH_NIL UINT32_MAX
/* Levels per book at most: four bitmap levels of 64 bits cover 2^24 prices. */
#define MATCH_MAX_BAND (UINT32_C(1) << 24)
#define MATCH_BIT_LEVELS 4

/* A resting order; hot fields first (the matching loop reads id, qty, owner and next). */
struct match_order {
    uint64_t id;
    uint64_t qty;  /* remaining */
    uint32_t next; /* the next order of its level (later in time); MATCH_NIL at the tail */
    uint32_t prev; /* the previous order; MATCH_NIL at the head */
    uint32_t owner;
    uint32_t level; /* price - min_price */
    uint32_t instrument;
    uint32_t side; /* enum ecgrt_side */
};

/* The orders resting at one price, oldest first, and their total quantity. All of one side:
 * the book is never crossed. */
struct match_level {
    uint32_t head;
    uint32_t tail;
    uint64_t total;
};

/* A set of price levels: bit i of words[0] is level i; bit j of words[k] says whether word j
 * of words[k-1] is non-zero. words[MATCH_BIT_LEVELS-1] is one word. */
struct match_bits {
    uint64_t *words[MATCH_BIT_LEVELS];
};

struct match_book {
    struct match_level *levels; /* band entries; owned */
    struct match_bits bids;
    struct match_bits asks;
    int64_t best[2]; /* the best level per side (enum ecgrt_side), -1 when empty: the highest
                        set bit of bids, the lowest of asks, kept as levels fill and empty */
};

/* Order id -> record index, open addressing with Robin Hood linear probing and backward-shift
 * deletion, at most half full. Each slot keeps its entry's home slot, so probe distances need
 * no rehash. */
struct match_slot {
    uint64_t key;
    uint32_t value; /* MATCH_NIL: an empty slot */
    uint32_t home;  /* the slot a search for key starts at */
};

/* Key and value share a 16-byte slot, so a lookup costs one cache miss, not two. */
struct match_idmap {
    struct match_slot *slots;
    uint32_t mask; /* capacity - 1; the capacity is a power of two */
};

struct ecgrt_match {
    struct ecgrt_match_config cfg;
    uint32_t band;              /* levels per book */
    struct match_book *books;   /* cfg.instruments entries */
    struct match_order *orders; /* cfg.max_orders records */
    uint32_t free_head;         /* free records, linked through next */
    uint32_t resting;
    struct match_idmap ids;
    struct ecgrt_match_stats stats; /* stays zero under ECG_NO_INSTRUMENT */
};

/* Counts an event by kind (unless ECG_NO_INSTRUMENT) and hands it to the callback. Rejection
 * reasons and traded quantity are counted where they arise (match_count), off this path. */
static inline void match_emit(struct ecgrt_match *m, const struct ecgrt_match_event *ev)
{
#ifndef ECG_NO_INSTRUMENT
    m->stats.events[ev->kind]++;
#endif
    m->cfg.on_event(m->cfg.ctx, ev);
}

/* Adds n to a counter (nothing under ECG_NO_INSTRUMENT). */
static inline void match_count(uint64_t *counter, uint64_t n)
{
#ifndef ECG_NO_INSTRUMENT
    *counter += n;
#else
    (void)counter;
    (void)n;
#endif
}

/* Bitmaps (match_bits.c). */
int match_bits_init(struct match_bits *b, uint32_t band);
void match_bits_fini(struct match_bits *b);
void match_bits_set(struct match_bits *b, uint32_t i);
void match_bits_clear(struct match_bits *b, uint32_t i);
/* The lowest / highest set level, or -1 when none is set. */
int64_t match_bits_lowest(const struct match_bits *b);
int64_t match_bits_highest(const struct match_bits *b);
/* The lowest set level above i / the highest below i, or -1. */
int64_t match_bits_above(const struct match_bits *b, uint32_t i);
int64_t match_bits_below(const struct match_bits *b, uint32_t i);

/* The id map (match_idmap.c; the lookups are inline here, they are on every command's path). */
int match_idmap_init(struct match_idmap *map, uint32_t max_entries);
void match_idmap_fini(struct match_idmap *map);
void match_idmap_put(struct match_idmap *map, uint64_t id, uint32_t value);
void match_idmap_erase(struct match_idmap *map, uint64_t id);
/* Erases the entry in slot (from match_idmap_slot) without a second search; the slot is valid
 * until the map changes. */
void match_idmap_erase_at(struct match_idmap *map, uint32_t slot);

/* Ids usually arrive in runs (a gateway numbers its orders), and the live ones are mostly
 * recent: ids of one block of 256 take consecutive slots, so adds walk the table in order and
 * cancels of recent orders find it in cache, while each block starts at a Fibonacci hash of its
 * number, so strided or scattered ids still spread over the table. */
static inline uint32_t match_idmap_slot_of(const struct match_idmap *map, uint64_t id)
{
    uint32_t base = (uint32_t)(((id >> 8) * UINT64_C(0x9E3779B97F4A7C15)) >> 32);

    return (base + (uint32_t)(id & 255)) & map->mask;
}

/* How far the entry in slot i sits from its home. */
static inline uint32_t match_idmap_distance(const struct match_idmap *map, uint32_t i)
{
    return (i - map->slots[i].home) & map->mask;
}

/* The slot where a search for id starts. */
static inline const struct match_slot *match_idmap_home(const struct match_idmap *map, uint64_t id)
{
    return &map->slots[match_idmap_slot_of(map, id)];
}

/* The slot holding id, or MATCH_NIL: the search ends at an empty slot or at an entry nearer its
 * home than id would be there (Robin Hood order: id would have displaced it). */
static inline uint32_t match_idmap_slot(const struct match_idmap *map, uint64_t id)
{
    uint32_t i = match_idmap_slot_of(map, id);

    for (uint32_t d = 0;; d++, i = (i + 1) & map->mask) {
        const struct match_slot *s = &map->slots[i];
        if (s->value == MATCH_NIL || match_idmap_distance(map, i) < d)
            return MATCH_NIL;
        if (s->key == id)
            return i;
    }
}

/* The record index of id, or MATCH_NIL. */
static inline uint32_t match_idmap_find(const struct match_idmap *map, uint64_t id)
{
    uint32_t slot = match_idmap_slot(map, id);

    return slot == MATCH_NIL ? MATCH_NIL : map->slots[slot].value;
}

#endif
