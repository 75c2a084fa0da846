/* GitHub's line hash (see linehash.h). The bytes are read as Node reads a "utf8" stream:
 * decoded to UTF-16 code units, each maximal ill-formed subsequence becoming one U+FFFD
 * (the WHATWG decoder). The arithmetic is on uint64_t, whose wrap-around is exactly the
 * two's complement arithmetic of the Long that GitHub's code uses. */
#include "sarif/linehash.h"

#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/fingerprint.h"

#define BLOCK_SIZE 100 /* characters hashed per line */
#define HASH_MOD 37
#define CHAR_EOF 0xffffu /* hashed once after the last character */
#define REPLACEMENT 0xfffdu
#define CACHE_MIN_CAP 16

struct sarif_linehash {
    uint64_t *hashes; /* owned; hashes[i] belongs to line i + 1 */
    size_t *counts;   /* owned; how many of lines 1..i+1 have the hash hashes[i] */
    size_t n_lines;
};

/* The rolling hash over the last BLOCK_SIZE characters (blanks skipped, line breaks
 * normalised to LF). A line's hash is taken when its first character leaves the window. */
struct lh_state {
    uint32_t window[BLOCK_SIZE]; /* characters hashed, as a ring; 0 before the first pass */
    size_t line_at[BLOCK_SIZE];  /* line started by the character in the slot; 0: none */
    uint64_t hash;
    uint64_t first_mod; /* HASH_MOD^BLOCK_SIZE: the weight of the character leaving */
    size_t index;       /* slot of the next character */
    size_t line;        /* lines started so far */
    size_t max_lines;   /* room in out->hashes */
    int line_start;     /* the next character hashed starts a line */
    int prev_cr;        /* the previous character seen was a CR */
    struct sarif_linehash *out;
};

/* --- UTF-8 to UTF-16, as the WHATWG decoder does it ------------------------------------ */

/* Number of continuation bytes after lead byte b: 0 for ASCII, -1 when b leads nothing. */
static int lead_length(unsigned char b)
{
    if (b < 0x80)
        return 0;
    if (b < 0xc2)
        return -1;
    if (b < 0xe0)
        return 1;
    if (b < 0xf0)
        return 2;
    return b < 0xf5 ? 3 : -1;
}

/* The range allowed for the first continuation byte after lead byte b: narrower after E0,
 * ED, F0 and F4, which rules out overlong forms, surrogates and code points past U+10FFFF. */
static void first_range(unsigned char b, unsigned char *lo, unsigned char *hi)
{
    *lo = b == 0xe0 ? 0xa0 : b == 0xf0 ? 0x90 : 0x80;
    *hi = b == 0xed ? 0x9f : b == 0xf4 ? 0x8f : 0xbf;
}

/* The code point at s[0..n) (n > 0) and, in *out_len, the bytes it takes. An ill-formed
 * sequence gives U+FFFD for its longest valid prefix (at least one byte). */
static uint32_t utf8_next(size_t *out_len, const unsigned char *s, size_t n)
{
    unsigned char lo;
    unsigned char hi;
    int need = lead_length(s[0]);
    uint32_t cp;

    *out_len = 1;
    if (need <= 0)
        return need == 0 ? s[0] : REPLACEMENT;
    first_range(s[0], &lo, &hi);
    cp = s[0] & (0x7fu >> (need + 1)); /* the lead's payload: 5, 4 or 3 bits */
    for (size_t i = 1; i <= (size_t)need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *out_len = i;
            return REPLACEMENT;
        }
        cp = (cp << 6) | (s[i] & 0x3fu);
        lo = 0x80;
        hi = 0xbf;
    }
    *out_len = (size_t)need + 1;
    return cp;
}

/* --- the rolling hash ------------------------------------------------------------------ */

static void emit(struct lh_state *st)
{
    size_t line = st->line_at[st->index];

    assert(line >= 1 && line <= st->max_lines);
    st->out->hashes[line - 1] = st->hash;
    st->line_at[st->index] = 0;
}

static void update(struct lh_state *st, uint32_t c)
{
    uint32_t leaving = st->window[st->index];

    st->window[st->index] = c;
    st->hash = HASH_MOD * st->hash + c - st->first_mod * leaving;
    st->index++;
    if (st->index == BLOCK_SIZE)
        st->index = 0;
}

/* One UTF-16 code unit: blanks and the LF of a CRLF are skipped, a CR counts as LF. */
static void process(struct lh_state *st, uint32_t c)
{
    if (c == ' ' || c == '\t' || (st->prev_cr && c == '\n')) {
        st->prev_cr = 0;
        return;
    }
    st->prev_cr = c == '\r';
    if (c == '\r')
        c = '\n';
    if (st->line_at[st->index] != 0)
        emit(st);
    if (st->line_start) {
        st->line_start = 0;
        st->line++;
        assert(st->line <= st->max_lines);
        st->line_at[st->index] = st->line;
    }
    if (c == '\n')
        st->line_start = 1;
    update(st, c);
}

static void process_text(struct lh_state *st, const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t n;
        uint32_t cp;
        if (s[i] < 0x80) { /* ASCII: one byte, one code unit */
            process(st, s[i++]);
            continue;
        }
        cp = utf8_next(&n, s + i, len - i);
        i += n;
        if (cp < 0x10000) {
            process(st, cp);
            continue;
        }
        process(st, 0xd800 + ((cp - 0x10000) >> 10));
        process(st, 0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
    process(st, CHAR_EOF);
    for (size_t k = 0; k < BLOCK_SIZE; k++) {
        if (st->line_at[st->index] != 0)
            emit(st);
        update(st, 0);
    }
}

/* --- occurrence counts ----------------------------------------------------------------- */

struct lh_entry {
    uint64_t hash;
    size_t line; /* 0-based */
};

static int entry_compare(const void *pa, const void *pb)
{
    const struct lh_entry *a = pa;
    const struct lh_entry *b = pb;

    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* counts[i]: the lines up to i + 1 with line i + 1's hash (GitHub's ":n" suffix). */
static int count_repeats(struct sarif_linehash *lh)
{
    struct lh_entry *sorted = malloc(lh->n_lines * sizeof(*sorted));

    if (sorted == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < lh->n_lines; i++) {
        sorted[i].hash = lh->hashes[i];
        sorted[i].line = i;
    }
    qsort(sorted, lh->n_lines, sizeof(*sorted), entry_compare);
    for (size_t i = 0; i < lh->n_lines; i++) {
        int same = i > 0 && sorted[i].hash == sorted[i - 1].hash;
        lh->counts[sorted[i].line] = same ? lh->counts[sorted[i - 1].line] + 1 : 1;
    }
    free(sorted);
    return 0;
}

/* --- one file -------------------------------------------------------------------------- */

/* An upper bound on the lines: every line but the first starts after a CR or an LF. */
static size_t max_lines(const char *text, size_t len)
{
    size_t n = 1;

    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n' || text[i] == '\r';
    return n;
}

static uint64_t power(uint64_t base, unsigned exponent)
{
    uint64_t r = 1;

    for (unsigned i = 0; i < exponent; i++)
        r *= base;
    return r;
}

int sarif_linehash_compute(struct sarif_linehash **out, const char *text, size_t len)
{
    struct lh_state *st = calloc(1, sizeof(*st));
    struct sarif_linehash *lh = calloc(1, sizeof(*lh));
    size_t cap = max_lines(text, len);
    int rc = ECG_ENOMEM;

    if (st == NULL || lh == NULL)
        goto out;
    lh->hashes = calloc(cap, sizeof(*lh->hashes));
    lh->counts = calloc(cap, sizeof(*lh->counts));
    if (lh->hashes == NULL || lh->counts == NULL)
        goto out;
    st->first_mod = power(HASH_MOD, BLOCK_SIZE);
    st->line_start = 1;
    st->max_lines = cap;
    st->out = lh;
    process_text(st, (const unsigned char *)text, len);
    lh->n_lines = st->line;
    rc = count_repeats(lh);
out:
    free(st);
    if (rc != 0) {
        sarif_linehash_free(lh);
        return rc;
    }
    *out = lh;
    return 0;
}

void sarif_linehash_free(struct sarif_linehash *lh)
{
    if (lh == NULL)
        return;
    free(lh->counts);
    free(lh->hashes);
    free(lh);
}

size_t sarif_linehash_lines(const struct sarif_linehash *lh)
{
    return lh->n_lines;
}

const char *sarif_linehash_format(char *buf, size_t size, const struct sarif_linehash *lh,
                                  unsigned line)
{
    int n;

    if (line == 0 || line > lh->n_lines)
        return NULL;
    n = snprintf(buf, size, "%" PRIx64 ":%zu", lh->hashes[line - 1], lh->counts[line - 1]);
    if (n < 0 || (size_t)n >= size)
        return NULL;
    return buf;
}

/* --- the cache: open addressing by path, len * 2 <= cap, cap a power of two ------------ */

struct cache_slot {
    char *path; /* owned; NULL when the slot is free */
    struct sarif_linehash *lh;
};

struct sarif_linehash_cache {
    struct cache_slot *slots; /* owned; cap entries */
    size_t cap;
    size_t len;
};

struct sarif_linehash_cache *sarif_linehash_cache_new(void)
{
    struct sarif_linehash_cache *cache = calloc(1, sizeof(*cache));

    if (cache == NULL)
        return NULL;
    cache->slots = calloc(CACHE_MIN_CAP, sizeof(*cache->slots));
    if (cache->slots == NULL) {
        free(cache);
        return NULL;
    }
    cache->cap = CACHE_MIN_CAP;
    return cache;
}

void sarif_linehash_cache_free(struct sarif_linehash_cache *cache)
{
    if (cache == NULL)
        return;
    for (size_t i = 0; i < cache->cap; i++) {
        free(cache->slots[i].path);
        sarif_linehash_free(cache->slots[i].lh);
    }
    free(cache->slots);
    free(cache);
}

static size_t slot_of(const struct cache_slot *slots, size_t cap, const char *path)
{
    uint64_t h = ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, path, strlen(path));
    size_t i = (size_t)h & (cap - 1);

    while (slots[i].path != NULL && strcmp(slots[i].path, path) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static int cache_grow(struct sarif_linehash_cache *cache)
{
    size_t cap = cache->cap * 2;
    struct cache_slot *slots = calloc(cap, sizeof(*slots));

    if (slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < cache->cap; i++) {
        if (cache->slots[i].path != NULL)
            slots[slot_of(slots, cap, cache->slots[i].path)] = cache->slots[i];
    }
    free(cache->slots);
    cache->slots = slots;
    cache->cap = cap;
    return 0;
}

/* Computes the file's hashes and stores them in the free slot i; 0 or ECG_ENOMEM. */
static int cache_fill(struct sarif_linehash_cache *cache, size_t i, const char *path,
                      const char *text, size_t len)
{
    char *copy = strdup(path);
    struct sarif_linehash *lh = NULL;
    int rc = copy != NULL ? sarif_linehash_compute(&lh, text, len) : ECG_ENOMEM;

    if (rc != 0) {
        free(copy);
        return rc;
    }
    cache->slots[i].path = copy;
    cache->slots[i].lh = lh;
    cache->len++;
    return 0;
}

int sarif_linehash_cache_get(const struct sarif_linehash **out, struct sarif_linehash_cache *cache,
                             const char *path, const char *text, size_t len)
{
    size_t i = slot_of(cache->slots, cache->cap, path);
    int rc;

    if (cache->slots[i].path == NULL) {
        if ((cache->len + 1) * 2 > cache->cap) {
            rc = cache_grow(cache);
            if (rc != 0)
                return rc;
            i = slot_of(cache->slots, cache->cap, path);
        }
        rc = cache_fill(cache, i, path, text, len);
        if (rc != 0)
            return rc;
    }
    *out = cache->slots[i].lh;
    return 0;
}
