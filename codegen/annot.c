/* The ECG_GENERATE option parser: a hand-written scanner over "piece(option, key=value)"
 * lists. The text comes from the preprocessor's stringizing, so spacing varies; the
 * offsets in errors are into that text. */
#include "codegen/annot.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

enum piece {
    PIECE_POOL,
    PIECE_RING,
    PIECE_LAYOUT,
    PIECE_INSTRUMENT,
    PIECE_COUNT,
};

static const char *const piece_names[PIECE_COUNT] = { "pool", "ring", "layout", "instrument" };

/* The scanner: the whole text, the position, what was seen so far, and the error. */
struct scan {
    const char *text;
    size_t pos;
    struct gen_annot_error *err;
    int seen_piece[PIECE_COUNT];
    int seen_local;
    int seen_shared;
    int seen_capacity;
};

/* One option as written: its name, and its value (NULL when it has no '='). */
struct option {
    const char *name;
    size_t name_len;
    size_t name_at;
    const char *value;
    size_t value_len;
    size_t value_at;
};

static int scan_fail(struct scan *s, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int scan_fail(struct scan *s, size_t at, const char *fmt, ...)
{
    va_list ap;

    s->err->offset = at;
    va_start(ap, fmt);
    vsnprintf(s->err->message, sizeof(s->err->message), fmt, ap);
    va_end(ap);
    return ECG_EPARSE;
}

static void skip_space(struct scan *s)
{
    while (isspace((unsigned char)s->text[s->pos]))
        s->pos++;
}

static size_t word_length(const char *p)
{
    size_t n = 0;

    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    return n;
}

static int word_is(const char *word, size_t len, const char *name)
{
    return strlen(name) == len && memcmp(word, name, len) == 0;
}

/* Reads a value: everything up to the next ',' or ')', without surrounding spaces. */
static void scan_value(struct option *opt, struct scan *s)
{
    size_t start, end;

    skip_space(s);
    start = s->pos;
    while (s->text[s->pos] != '\0' && s->text[s->pos] != ',' && s->text[s->pos] != ')')
        s->pos++;
    end = s->pos;
    while (end > start && isspace((unsigned char)s->text[end - 1]))
        end--;
    opt->value = s->text + start;
    opt->value_len = end - start;
    opt->value_at = start;
}

static int scan_option(struct option *out, struct scan *s, const char *piece)
{
    struct option opt = { NULL, 0, 0, NULL, 0, 0 };

    skip_space(s);
    opt.name = s->text + s->pos;
    opt.name_at = s->pos;
    opt.name_len = word_length(opt.name);
    if (opt.name_len == 0)
        return scan_fail(s, s->pos, "expected an option of %s(...)", piece);
    s->pos += opt.name_len;
    skip_space(s);
    if (s->text[s->pos] == '=') {
        s->pos++;
        scan_value(&opt, s);
    }
    *out = opt;
    return 0;
}

/* Converts the value of capacity=; returns 0 or ECG_EPARSE. */
static int capacity_value(uint32_t *out, struct scan *s, const struct option *opt,
                          const char *piece)
{
    char digits[32];
    char *end = NULL;
    unsigned long long value;

    if (opt->value_len == 0 || opt->value_len >= sizeof(digits) ||
        !isdigit((unsigned char)opt->value[0]))
        return scan_fail(s, opt->value_at, "%s capacity '%.*s' is not a number", piece,
                         (int)opt->value_len, opt->value);
    memcpy(digits, opt->value, opt->value_len);
    digits[opt->value_len] = '\0';
    errno = 0;
    value = strtoull(digits, &end, 10);
    if (*end != '\0')
        return scan_fail(s, opt->value_at, "%s capacity '%s' is not a number", piece, digits);
    if (value == 0)
        return scan_fail(s, opt->value_at, "%s capacity must be at least 1", piece);
    if (errno == ERANGE || value > GEN_CAPACITY_MAX)
        return scan_fail(s, opt->value_at, "%s capacity %s is too large (at most %u)", piece,
                         digits, GEN_CAPACITY_MAX);
    *out = (uint32_t)value;
    return 0;
}

static int parse_capacity(uint32_t *out, struct scan *s, const struct option *opt,
                          const char *piece)
{
    if (opt->value == NULL)
        return scan_fail(s, opt->name_at, "%s capacity needs a value: capacity=N", piece);
    if (s->seen_capacity)
        return scan_fail(s, opt->name_at, "%s capacity given twice", piece);
    s->seen_capacity = 1;
    return capacity_value(out, s, opt, piece);
}

static int no_value(struct scan *s, const struct option *opt, const char *piece)
{
    if (opt->value == NULL)
        return 0;
    return scan_fail(s, opt->name_at, "option '%.*s' of %s takes no value", (int)opt->name_len,
                     opt->name, piece);
}

static int unknown_option(struct scan *s, const struct option *opt, const char *piece,
                          const char *known)
{
    return scan_fail(s, opt->name_at, "unknown option '%.*s' of %s (known: %s)", (int)opt->name_len,
                     opt->name, piece, known);
}

static int pool_option(struct gen_options *o, struct scan *s, const struct option *opt)
{
    if (word_is(opt->name, opt->name_len, "capacity"))
        return parse_capacity(&o->pool_capacity, s, opt, "pool");
    if (word_is(opt->name, opt->name_len, "local")) {
        s->seen_local = 1;
        o->pool_sharing = GEN_POOL_LOCAL;
    } else if (word_is(opt->name, opt->name_len, "shared")) {
        s->seen_shared = 1;
        o->pool_sharing = GEN_POOL_SHARED;
    } else {
        return unknown_option(s, opt, "pool", "capacity, local, shared");
    }
    if (s->seen_local && s->seen_shared)
        return scan_fail(s, opt->name_at, "pool cannot be both local and shared");
    return no_value(s, opt, "pool");
}

static int ring_option(struct gen_options *o, struct scan *s, const struct option *opt)
{
    int rc;

    if (!word_is(opt->name, opt->name_len, "capacity"))
        return unknown_option(s, opt, "ring", "capacity");
    rc = parse_capacity(&o->ring_capacity, s, opt, "ring");
    if (rc == 0 && (o->ring_capacity & (o->ring_capacity - 1)) != 0)
        return scan_fail(s, opt->value_at, "ring capacity %u is not a power of two",
                         (unsigned)o->ring_capacity);
    return rc;
}

static int flag_option(int *out, struct scan *s, const struct option *opt, const char *piece)
{
    if (*out)
        return scan_fail(s, opt->name_at, "option '%.*s' of %s given twice", (int)opt->name_len,
                         opt->name, piece);
    *out = 1;
    return no_value(s, opt, piece);
}

static int piece_option(struct gen_options *o, struct scan *s, enum piece piece,
                        const struct option *opt)
{
    switch (piece) {
    case PIECE_POOL:
        return pool_option(o, s, opt);
    case PIECE_RING:
        return ring_option(o, s, opt);
    case PIECE_LAYOUT:
        if (!word_is(opt->name, opt->name_len, "cache_aligned"))
            return unknown_option(s, opt, "layout", "cache_aligned");
        return flag_option(&o->cache_aligned, s, opt, "layout");
    case PIECE_INSTRUMENT:
        if (word_is(opt->name, opt->name_len, "counters"))
            return flag_option(&o->counters, s, opt, "instrument");
        if (word_is(opt->name, opt->name_len, "latency"))
            return flag_option(&o->latency, s, opt, "instrument");
        return unknown_option(s, opt, "instrument", "counters, latency");
    case PIECE_COUNT:
        break;
    }
    return scan_fail(s, s->pos, "internal error: no such piece");
}

/* Checks what a piece needs once its options are read; start is where the piece began. */
static int piece_complete(const struct gen_options *o, struct scan *s, enum piece piece,
                          size_t start)
{
    const char *name = piece_names[piece];

    if ((piece == PIECE_POOL || piece == PIECE_RING) && !s->seen_capacity)
        return scan_fail(s, start, "%s needs a capacity: %s(capacity=N)", name, name);
    if (piece == PIECE_INSTRUMENT && !o->counters && !o->latency)
        return scan_fail(s, start, "instrument needs counters, latency or both");
    if (piece == PIECE_LAYOUT && !o->cache_aligned)
        return scan_fail(s, start, "layout needs an option: layout(cache_aligned)");
    return 0;
}

/* Reads the options of a piece up to its ')'. */
static int scan_options(struct gen_options *o, struct scan *s, enum piece piece)
{
    struct option opt;
    int rc;

    for (;;) {
        rc = scan_option(&opt, s, piece_names[piece]);
        if (rc == 0)
            rc = piece_option(o, s, piece, &opt);
        if (rc != 0)
            return rc;
        skip_space(s);
        if (s->text[s->pos] == ')')
            break;
        if (s->text[s->pos] != ',')
            return scan_fail(s, s->pos, "expected ',' or ')' in %s(...)", piece_names[piece]);
        s->pos++;
    }
    s->pos++;
    return 0;
}

static int find_piece(enum piece *out, const char *word, size_t len)
{
    for (int i = 0; i < PIECE_COUNT; i++) {
        if (word_is(word, len, piece_names[i])) {
            *out = (enum piece)i;
            return 1;
        }
    }
    return 0;
}

static int scan_piece(struct gen_options *o, struct scan *s)
{
    size_t start = s->pos;
    const char *word = s->text + s->pos;
    size_t len = word_length(word);
    enum piece piece;

    if (len == 0)
        return scan_fail(s, start, "expected a piece: pool, ring, layout or instrument");
    if (!find_piece(&piece, word, len))
        return scan_fail(s, start, "unknown piece '%.*s' (known: pool, ring, layout, instrument)",
                         (int)len, word);
    if (s->seen_piece[piece])
        return scan_fail(s, start, "%s given twice", piece_names[piece]);
    s->seen_piece[piece] = 1;
    s->seen_capacity = 0;
    s->pos += len;
    skip_space(s);
    if (s->text[s->pos] != '(')
        return scan_fail(s, s->pos, "expected '(' after %s", piece_names[piece]);
    s->pos++;
    if (scan_options(o, s, piece) != 0)
        return ECG_EPARSE;
    return piece_complete(o, s, piece, start);
}

/* After a piece: a ',' and another piece, or the end. Returns 0 or ECG_EPARSE. */
static int scan_separator(struct scan *s)
{
    skip_space(s);
    if (s->text[s->pos] == '\0')
        return 0;
    if (s->text[s->pos] != ',')
        return scan_fail(s, s->pos, "expected ',' between pieces");
    s->pos++;
    skip_space(s);
    if (s->text[s->pos] == '\0')
        return scan_fail(s, s->pos, "expected a piece after ','");
    return 0;
}

int gen_annot_parse(struct gen_options *out, const char *text, struct gen_annot_error *err)
{
    struct gen_options o;
    struct scan s;

    memset(&o, 0, sizeof(o));
    memset(&s, 0, sizeof(s));
    s.text = text;
    s.err = err;
    o.pool_sharing = GEN_POOL_LOCAL;
    skip_space(&s);
    while (s.text[s.pos] != '\0') {
        if (scan_piece(&o, &s) != 0 || scan_separator(&s) != 0)
            return ECG_EPARSE;
    }
    if ((o.counters || o.latency) && o.pool_capacity == 0 && o.ring_capacity == 0)
        return scan_fail(&s, 0, "instrument(...) needs a pool or a ring to instrument");
    *out = o;
    return 0;
}
