/* Halstead counts, lines and code lines of one function from its tokens (see
 * fnmetrics_int.h): distinct spellings are counted with an open-addressing set of
 * spellings sized per function. */
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

/* A hash of a spelling's words and class (the set compares them whole on a match). */
static uint64_t spelling_hash(uint32_t class_length, const uint64_t w[2])
{
    uint64_t h = (w[0] ^ (uint64_t)class_length << 32) * 0x9e3779b97f4a7c15u;

    h = (h ^ (h >> 29) ^ w[1]) * 0xbf58476d1ce4e5b9u;
    return h ^ (h >> 32);
}

/* Nonzero when slot s holds the spelling of token i (words w, class and length cl). */
static int same_spelling(const struct ecg_fnmetrics_tokens *t,
                         const struct ecg_fnmetrics_spelling *s, size_t i, const uint64_t w[2],
                         uint32_t cl)
{
    const struct ecg_fnmetrics_token *tok = &t->items[i];

    if (s->class_length != cl || s->words[0] != w[0] || s->words[1] != w[1])
        return 0;
    if (tok->length <= 16)
        return 1;
    return memcmp(t->text + t->items[s->token].offset, t->text + tok->offset, tok->length) == 0;
}

/* Adds token i's spelling to the set; nonzero when it was not there yet. A slot holds the
 * spelling's words, so a probe reads no text for a spelling of at most 16 bytes. */
static int set_insert(struct ecg_fnmetrics_tokens *t, size_t i)
{
    const struct ecg_fnmetrics_token *tok = &t->items[i];
    uint32_t cl = (uint32_t)is_operator(tok->kind) << 31 | tok->length;
    uint64_t w[2];
    size_t h;

    spelling_words(t, i, w);
    h = (size_t)spelling_hash(cl, w) & (t->set_size - 1);
    while (t->set[h].stamp == t->set_stamp) {
        if (same_spelling(t, &t->set[h], i, w, cl))
            return 0;
        h = (h + 1) & (t->set_size - 1);
    }
    t->set[h].words[0] = w[0];
    t->set[h].words[1] = w[1];
    t->set[h].class_length = cl;
    t->set[h].token = (uint32_t)i;
    t->set[h].stamp = t->set_stamp;
    return 1;
}

/* Sizes the set for this function's tokens (at most half full) and empties it: a new stamp
 * leaves every slot free, so only a grown set (or a stamp wrapping round) is cleared. */
static int set_reset(struct ecg_fnmetrics_tokens *t)
{
    size_t size = 16;

    while (size < t->len * 2)
        size *= 2;
    if (size > t->set_cap) {
        struct ecg_fnmetrics_spelling *grown = realloc(t->set, size * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        t->set = grown;
        t->set_cap = size;
        t->set_stamp = 0;
    }
    t->set_size = size;
    t->set_stamp++;
    if (t->set_stamp <= 1) {
        memset(t->set, 0, t->set_cap * sizeof(*t->set));
        t->set_stamp = 1;
    }
    return 0;
}

int ecg_fnmetrics_tokens_halstead(struct ecg_fnmetrics_tokens *t, struct ecg_fn_metrics *out)
{
    unsigned distinct[2] = { 0, 0 }, total[2] = { 0, 0 };
    unsigned vocabulary, code_lines = 0, line = 0;

    if (set_reset(t) != 0)
        return ECG_ENOMEM;
    out->lines = t->last_line >= t->first_line ? t->last_line - t->first_line + 1 : 1;
    for (size_t i = 0; i < t->len; i++) {
        int operand = !is_operator(t->items[i].kind);
        /* a line holding a token: tokens come in file order, so a new line is a new one */
        code_lines += i == 0 || t->items[i].line != line;
        line = t->items[i].line;
        total[operand]++;
        if (set_insert(t, i))
            distinct[operand]++;
    }
    out->code_lines = code_lines;
    out->halstead_distinct_operators = distinct[0];
    out->halstead_distinct_operands = distinct[1];
    out->halstead_operators = total[0];
    out->halstead_operands = total[1];
    vocabulary = distinct[0] + distinct[1];
    out->halstead_volume =
        vocabulary < 2 ? 0.0 : (double)(total[0] + total[1]) * log2((double)vocabulary);
    return 0;
}
