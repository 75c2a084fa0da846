/* The order-id map: Robin Hood open addressing over a power-of-two table at most half full, with
 * a bit per slot saying whether it is in use. An entry never sits farther from its home than the
 * entry it passes, so a search for an absent id stops early (at once when its home is empty) and
 * deletion shifts back only the entries displaced past the hole, no tombstones. Lookups,
 * placement and erasure, on every command's path, are inline in match_int.h. */
#include "runtime/match/match_int.h"

#include <stdlib.h>

#include "ecg/error.h"

int match_idmap_init(struct match_idmap *map, uint32_t max_entries)
{
    uint64_t cap = 64; /* one word of occupancy bits at least */

    while (cap < (uint64_t)max_entries * 2)
        cap *= 2;
    if (cap > UINT32_MAX)
        return ECGRT_EINVAL;
    /* Every slot and bit is written here, so the first commands do not pay for page faults. */
    map->slots = malloc((size_t)cap * sizeof *map->slots);
    map->used = calloc((size_t)cap / 64, sizeof *map->used);
    if (map->slots == NULL || map->used == NULL)
        return ECGRT_ENOMEM;
    for (uint64_t i = 0; i < cap; i++)
        map->slots[i] = (struct match_slot){ 0, MATCH_NIL, 0 };
    map->mask = (uint32_t)(cap - 1);
    return ECGRT_OK;
}

void match_idmap_fini(struct match_idmap *map)
{
    free(map->slots);
    free(map->used);
    map->slots = NULL;
    map->used = NULL;
}

/* Whether slot i's occupancy bit tells the truth, and its entry, if any, sits in Robin Hood order
 * after slot i - 1: at its key's home when slot i - 1 is empty, else at most one slot farther
 * from home than that entry. */
static int slot_valid(const struct match_idmap *map, uint32_t i)
{
    uint32_t prev = (i - 1) & map->mask;

    if (match_idmap_used(map, i) != (map->slots[i].value != MATCH_NIL))
        return 0;
    if (map->slots[i].value == MATCH_NIL)
        return 1;
    if (map->slots[i].home != match_idmap_slot_of(map, map->slots[i].key))
        return 0;
    if (map->slots[prev].value == MATCH_NIL)
        return match_idmap_distance(map, i) == 0;
    return match_idmap_distance(map, i) <= match_idmap_distance(map, prev) + 1;
}

int match_idmap_valid(const struct match_idmap *map)
{
    for (uint32_t i = 0; i <= map->mask; i++) {
        if (!slot_valid(map, i))
            return 0;
    }
    return 1;
}

/* The caller guarantees id is absent and the map is not full (at most max_entries). */
uint32_t match_idmap_put(struct match_idmap *map, uint64_t id, uint32_t value)
{
    struct match_slot cur = { id, value, match_idmap_slot_of(map, id) };

    return match_idmap_place(map, cur, cur.home, 0);
}
