/* The order-id map: open addressing over a power-of-two table at most half full, so a probe
 * sequence stays short; deletion shifts later entries back, so no tombstones accumulate. */
#include "runtime/match/match_int.h"

#include <stdlib.h>

#include "ecg/error.h"

/* Ids usually arrive in runs (a gateway numbers its orders), and the live ones are mostly
 * recent: ids of one block of 1024 take consecutive slots, so adds walk the table in order and
 * cancels of recent orders find it in cache, while each block starts at a Fibonacci hash of its
 * number, so strided or scattered ids still spread over the table. */
static uint32_t slot_of(const struct match_idmap *map, uint64_t id)
{
    uint32_t base = (uint32_t)(((id >> 8) * UINT64_C(0x9E3779B97F4A7C15)) >> 32);

    return (base + (uint32_t)(id & 255)) & map->mask;
}

int match_idmap_init(struct match_idmap *map, uint32_t max_entries)
{
    uint64_t cap = 16;

    while (cap < (uint64_t)max_entries * 2)
        cap *= 2;
    if (cap > UINT32_MAX)
        return ECGRT_EINVAL;
    /* Every slot is written here, so the first commands do not pay for page faults. */
    map->slots = malloc((size_t)cap * sizeof *map->slots);
    if (map->slots == NULL)
        return ECGRT_ENOMEM;
    for (uint64_t i = 0; i < cap; i++)
        map->slots[i] = (struct match_slot){ 0, MATCH_NIL, 0 };
    map->mask = (uint32_t)(cap - 1);
    return ECGRT_OK;
}

void match_idmap_fini(struct match_idmap *map)
{
    free(map->slots);
    map->slots = NULL;
}

const struct match_slot *match_idmap_home(const struct match_idmap *map, uint64_t id)
{
    return &map->slots[slot_of(map, id)];
}

uint32_t match_idmap_find(const struct match_idmap *map, uint64_t id)
{
    for (uint32_t i = slot_of(map, id);; i = (i + 1) & map->mask) {
        const struct match_slot *s = &map->slots[i];
        if (s->value == MATCH_NIL || s->key == id)
            return s->value;
    }
}

/* The caller guarantees id is absent and the map is not full (at most max_entries). */
void match_idmap_put(struct match_idmap *map, uint64_t id, uint32_t value)
{
    uint32_t i = slot_of(map, id);

    while (map->slots[i].value != MATCH_NIL)
        i = (i + 1) & map->mask;
    map->slots[i].key = id;
    map->slots[i].value = value;
}

/* Whether the entry at j, whose home slot is home, may move back to the hole at i. */
static int may_fill(uint32_t i, uint32_t j, uint32_t home, uint32_t mask)
{
    return ((j - home) & mask) >= ((j - i) & mask);
}

uint32_t match_idmap_slot(const struct match_idmap *map, uint64_t id)
{
    uint32_t i = slot_of(map, id);

    while (map->slots[i].value != MATCH_NIL && map->slots[i].key != id)
        i = (i + 1) & map->mask;
    return map->slots[i].value == MATCH_NIL ? MATCH_NIL : i;
}

void match_idmap_erase_at(struct match_idmap *map, uint32_t slot)
{
    uint32_t i = slot;

    for (uint32_t j = (i + 1) & map->mask; map->slots[j].value != MATCH_NIL;
         j = (j + 1) & map->mask) {
        if (may_fill(i, j, slot_of(map, map->slots[j].key), map->mask)) {
            map->slots[i] = map->slots[j];
            i = j;
        }
    }
    map->slots[i].value = MATCH_NIL;
}

void match_idmap_erase(struct match_idmap *map, uint64_t id)
{
    uint32_t slot = match_idmap_slot(map, id);

    if (slot != MATCH_NIL)
        match_idmap_erase_at(map, slot);
}
