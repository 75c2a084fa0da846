/* The hierarchical bitmap of non-empty price levels: setting, clearing and finding the best
 * or the next level cost one word per bitmap level (four), whatever the depth of the book. */
#include "runtime/match/match_int.h"

#include <stdlib.h>
#include <string.h>

#include "ecg/error.h"

static uint32_t words_for(uint32_t bits)
{
    return (bits + 63) / 64;
}

int match_bits_init(struct match_bits *b, uint32_t band)
{
    uint32_t bits = band;

    for (int k = 0; k < MATCH_BIT_LEVELS; k++) {
        uint32_t n = words_for(bits);
        b->words[k] = malloc(n * sizeof(uint64_t));
        if (b->words[k] == NULL) {
            match_bits_fini(b);
            return ECGRT_ENOMEM;
        }
        memset(b->words[k], 0, n * sizeof(uint64_t)); /* touched now: no faults while matching */
        bits = n;
    }
    return ECGRT_OK;
}

void match_bits_fini(struct match_bits *b)
{
    for (int k = 0; k < MATCH_BIT_LEVELS; k++) {
        free(b->words[k]);
        b->words[k] = NULL;
    }
}

void match_bits_set(struct match_bits *b, uint32_t i)
{
    for (int k = 0; k < MATCH_BIT_LEVELS; k++) {
        uint64_t *w = &b->words[k][i / 64];
        uint64_t was = *w;
        *w = was | UINT64_C(1) << (i % 64);
        if (was != 0)
            return;
        i /= 64;
    }
}

void match_bits_clear(struct match_bits *b, uint32_t i)
{
    for (int k = 0; k < MATCH_BIT_LEVELS; k++) {
        uint64_t *w = &b->words[k][i / 64];
        *w &= ~(UINT64_C(1) << (i % 64));
        if (*w != 0)
            return;
        i /= 64;
    }
}

static int lowest_bit(uint64_t w)
{
    return __builtin_ctzll(w);
}

static int highest_bit(uint64_t w)
{
    return 63 - __builtin_clzll(w);
}

/* From a set bit idx at bitmap level k, down to the lowest (or highest) level-0 bit under it. */
static int64_t descend(const struct match_bits *b, int k, uint64_t idx, int want_high)
{
    for (k = k - 1; k >= 0; k--) {
        uint64_t w = b->words[k][idx];
        idx = idx * 64 + (uint64_t)(want_high ? highest_bit(w) : lowest_bit(w));
    }
    return (int64_t)idx;
}

int64_t match_bits_lowest(const struct match_bits *b)
{
    uint64_t top = b->words[MATCH_BIT_LEVELS - 1][0];

    if (top == 0)
        return -1;
    return descend(b, MATCH_BIT_LEVELS - 1, (uint64_t)lowest_bit(top), 0);
}

int64_t match_bits_highest(const struct match_bits *b)
{
    uint64_t top = b->words[MATCH_BIT_LEVELS - 1][0];

    if (top == 0)
        return -1;
    return descend(b, MATCH_BIT_LEVELS - 1, (uint64_t)highest_bit(top), 1);
}

int64_t match_bits_above(const struct match_bits *b, uint32_t i)
{
    uint64_t idx = i;

    for (int k = 0; k < MATCH_BIT_LEVELS; k++) {
        unsigned shift = (unsigned)(idx % 64);
        uint64_t above = shift == 63 ? 0 : b->words[k][idx / 64] & (~UINT64_C(0) << (shift + 1));
        if (above != 0)
            return descend(b, k, idx / 64 * 64 + (uint64_t)lowest_bit(above), 0);
        idx /= 64;
    }
    return -1;
}

int64_t match_bits_below(const struct match_bits *b, uint32_t i)
{
    uint64_t idx = i;

    for (int k = 0; k < MATCH_BIT_LEVELS; k++) {
        unsigned shift = (unsigned)(idx % 64);
        uint64_t below = b->words[k][idx / 64] & ((UINT64_C(1) << shift) - 1);
        if (below != 0)
            return descend(b, k, idx / 64 * 64 + (uint64_t)highest_bit(below), 1);
        idx /= 64;
    }
    return -1;
}
