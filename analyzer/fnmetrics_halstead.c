/* Halstead counts, lines and code lines of one function from its tokens (see
 * fnmetrics_int.h): distinct spellings are counted with an open-addressing set of token
 * indices sized per function. */
#include "analyzer/fnmetrics_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

static int is_operator(enum CXTokenKind kind)
{
    return kind == CXToken_Punctuation || kind == CXToken_Keyword;
}

/* The first n <= 8 bytes of word in memory order, the others zeroed, whatever the
 * machine's byte order: the mask is n 0xff bytes then zero bytes. */
static uint64_t first_bytes(uint64_t word, size_t n)
{
    static const unsigned char ones[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    uint64_t mask;

    memcpy(&mask, ones + 8 - n, sizeof(mask));
    return word & mask;
}

/* The n <= 8 bytes of the file's text at off, zero-padded: one 8-byte load (no call) when
 * the text extends that far. */
static inline uint64_t text_word(const struct ecg_fnmetrics_tokens *t, size_t off, size_t n)
{
    uint64_t word = 0;

    if (off + sizeof(word) <= t->text_len) {
        memcpy(&word, t->text + off, sizeof(word));
        return first_bytes(word, n);
    }
    memcpy(&word, t->text + off, n);
    return word;
}

/* Token i's first (up to) eight bytes, and its last eight when it is longer than eight:
 * the whole spelling of a token of at most 16 bytes. */
static inline void spelling_words(const struct ecg_fnmetrics_tokens *t, size_t i, uint64_t w[2])
{
    const struct ecg_fnmetrics_token *tok = &t->items[i];

    w[0] = text_word(t, tok->offset, tok->length < 8 ? tok->length : 8);
    w[1] = tok->length > 8 ? text_word(t, tok->offset + tok->length - 8, 8) : 0;
}

/* A hash of a token's spelling and class: its length and its words, mixed by
 * multiplication (the set compares spellings whole on a match). */
static uint64_t spelling_hash(const struct ecg_fnmetrics_token *tok, const uint64_t w[2])
{
    uint64_t h = (w[0] ^ (uint64_t)tok->length << 56 ^ (uint64_t)is_operator(tok->kind) << 63) *
                 0x9e3779b97f4a7c15u;

    h = (h ^ (h >> 29) ^ w[1]) * 0xbf58476d1ce4e5b9u;
    return h ^ (h >> 32);
}

/* Nonzero when token a is spelled as token b, whose words are wb. */
static int same_spelling(const struct ecg_fnmetrics_tokens *t, size_t a, size_t b,
                         const uint64_t wb[2])
{
    const struct ecg_fnmetrics_token *x = &t->items[a], *y = &t->items[b];
    uint64_t wa[2];

    if (is_operator(x->kind) != is_operator(y->kind) || x->length != y->length)
        return 0;
    if (x->length > 16)
        return memcmp(t->text + x->offset, t->text + y->offset, x->length) == 0;
    spelling_words(t, a, wa);
    return wa[0] == wb[0] && wa[1] == wb[1];
}

/* Adds token i's spelling to the set; nonzero when it was not there yet. A slot holds the
 * hash's high half beside the token index + 1, so most probes compare no text. */
static int set_insert(struct ecg_fnmetrics_tokens *t, size_t i)
{
    uint64_t w[2];
    uint64_t hash, tag;
    size_t h;

    spelling_words(t, i, w);
    hash = spelling_hash(&t->items[i], w);
    tag = hash & 0xffffffff00000000u;
    h = (size_t)hash & (t->set_size - 1);
    while (t->set[h] != 0) {
        if ((t->set[h] & 0xffffffff00000000u) == tag &&
            same_spelling(t, (size_t)(t->set[h] & 0xffffffffu) - 1, i, w))
            return 0;
        h = (h + 1) & (t->set_size - 1);
    }
    t->set[h] = tag | (uint64_t)(i + 1);
    return 1;
}

/* Sizes the set for this function's tokens (at most half full) and empties it. */
static int set_reset(struct ecg_fnmetrics_tokens *t)
{
    size_t size = 16;

    while (size < t->len * 2)
        size *= 2;
    if (size > t->set_cap) {
        uint64_t *grown = realloc(t->set, size * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        t->set = grown;
        t->set_cap = size;
    }
    t->set_size = size;
    memset(t->set, 0, size * sizeof(*t->set));
    return 0;
}

static void count_lines(const struct ecg_fnmetrics_tokens *t, struct ecg_fn_metrics *out)
{
    unsigned first = t->first_line, last = t->last_line;

    out->lines = last >= first ? last - first + 1 : 1;
    out->code_lines = 0;
    for (size_t i = 0; i < t->len; i++) {
        if (i == 0 || t->items[i].line != t->items[i - 1].line)
            out->code_lines++;
    }
}

int ecg_fnmetrics_tokens_halstead(struct ecg_fnmetrics_tokens *t, struct ecg_fn_metrics *out)
{
    unsigned distinct[2] = { 0, 0 }, total[2] = { 0, 0 };
    unsigned vocabulary;

    count_lines(t, out);
    if (set_reset(t) != 0)
        return ECG_ENOMEM;
    for (size_t i = 0; i < t->len; i++) {
        int operand = !is_operator(t->items[i].kind);
        total[operand]++;
        if (set_insert(t, i))
            distinct[operand]++;
    }
    out->halstead_distinct_operators = distinct[0];
    out->halstead_distinct_operands = distinct[1];
    out->halstead_operators = total[0];
    out->halstead_operands = total[1];
    vocabulary = distinct[0] + distinct[1];
    out->halstead_volume =
        vocabulary < 2 ? 0.0 : (double)(total[0] + total[1]) * log2((double)vocabulary);
    return 0;
}
