/* The order-id map: open addressing over a power-of-two table at most half full, so a probe
 * sequence stays short; deletion shifts later entries back, so no tombstones accumulate. */
#include "runtime/match/match_int.h"

#include <stdlib.h>

#include "ecg/error.h"

static uint32_t slot_of(const struct match_idmap *map, uint64_t id)
{
    /* Fibonacci hashing spreads sequential ids over the table. */
    return (uint32_t)((id * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & map->mask;
}

int match_idmap_init(struct match_idmap *map, uint32_t max_entries)
{
    uint64_t cap = 16;

    while (cap < (uint64_t)max_entries * 2)
        cap *= 2;
    if (cap > UINT32_MAX)
        return ECGRT_EINVAL;
    map->keys = calloc((size_t)cap, sizeof *map->keys);
    map->values = malloc((size_t)cap * sizeof *map->values);
    if (map->keys == NULL || map->values == NULL) {
        match_idmap_fini(map);
        return ECGRT_ENOMEM;
    }
    for (uint64_t i = 0; i < cap; i++)
        map->values[i] = MATCH_NIL;
    map->mask = (uint32_t)(cap - 1);
    return ECGRT_OK;
}

void match_idmap_fini(struct match_idmap *map)
{
    free(map->keys);
    free(map->values);
    map->keys = NULL;
    map->values = NULL;
}

uint32_t match_idmap_find(const struct match_idmap *map, uint64_t id)
{
    for (uint32_t i = slot_of(map, id);; i = (i + 1) & map->mask) {
        if (map->values[i] == MATCH_NIL || map->keys[i] == id)
            return map->values[i];
    }
}

/* The caller guarantees id is absent and the map is not full (at most max_entries). */
void match_idmap_put(struct match_idmap *map, uint64_t id, uint32_t value)
{
    uint32_t i = slot_of(map, id);

    while (map->values[i] != MATCH_NIL)
        i = (i + 1) & map->mask;
    map->keys[i] = id;
    map->values[i] = value;
}

/* Whether the entry at j, whose home slot is home, may move back to the hole at i. */
static int may_fill(uint32_t i, uint32_t j, uint32_t home, uint32_t mask)
{
    return ((j - home) & mask) >= ((j - i) & mask);
}

void match_idmap_erase(struct match_idmap *map, uint64_t id)
{
    uint32_t i = slot_of(map, id);

    while (map->values[i] != MATCH_NIL && map->keys[i] != id)
        i = (i + 1) & map->mask;
    if (map->values[i] == MATCH_NIL)
        return;
    for (uint32_t j = (i + 1) & map->mask; map->values[j] != MATCH_NIL; j = (j + 1) & map->mask) {
        if (may_fill(i, j, slot_of(map, map->keys[j]), map->mask)) {
            map->keys[i] = map->keys[j];
            map->values[i] = map->values[j];
            i = j;
        }
    }
    map->values[i] = MATCH_NIL;
}
