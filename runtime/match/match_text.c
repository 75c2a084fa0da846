/* The text replay format: a line is split into blank-separated fields (a '#' ends it), the
 * first names the command, and every number is checked for range. Events print as their kind
 * followed by key=value fields. */
#include "ecg/match_replay.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ecg/error.h"

#define MAX_FIELDS 9

struct fields {
    const char *start[MAX_FIELDS];
    size_t len[MAX_FIELDS];
    size_t n; /* fields found; MAX_FIELDS means "more than fit" */
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int ends_line(char c)
{
    return c == '#' || c == '\n';
}

/* The end of the field that starts at i. */
static size_t field_end(const char *line, size_t len, size_t i)
{
    while (i < len && !is_blank(line[i]) && !ends_line(line[i]))
        i++;
    return i;
}

static void split(struct fields *f, const char *line, size_t len)
{
    size_t i = 0;

    f->n = 0;
    while (i < len && !ends_line(line[i]) && f->n < MAX_FIELDS) {
        size_t end;
        if (is_blank(line[i])) {
            i++;
            continue;
        }
        end = field_end(line, len, i);
        f->start[f->n] = line + i;
        f->len[f->n] = end - i;
        f->n++;
        i = end;
    }
}

static int field_is(const struct fields *f, size_t i, const char *word)
{
    return f->len[i] == strlen(word) && memcmp(f->start[i], word, f->len[i]) == 0;
}

static int fail(char *err, size_t size, const char *what, const struct fields *f, size_t i)
{
    snprintf(err, size, "%s: '%.*s'", what, (int)(f->len[i] > 40 ? 40 : f->len[i]), f->start[i]);
    return ECGRT_EINVAL;
}

/* Decimal digits only (a leading '-' when negative is allowed), no overflow. */
static int parse_u64(uint64_t *out, const struct fields *f, size_t i)
{
    uint64_t v = 0;

    if (f->len[i] == 0 || f->len[i] > 20)
        return -1;
    for (size_t k = 0; k < f->len[i]; k++) {
        unsigned d = (unsigned)(f->start[i][k] - '0');
        if (d > 9 || v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int parse_i64(int64_t *out, const struct fields *f, size_t i)
{
    struct fields tail = *f;
    int negative = f->len[i] > 1 && f->start[i][0] == '-';
    uint64_t v;

    tail.start[i] += negative;
    tail.len[i] -= (size_t)negative;
    if (parse_u64(&v, &tail, i) != 0 || v > (uint64_t)INT64_MAX + (uint64_t)negative)
        return -1;
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

static int parse_u32(uint32_t *out, const struct fields *f, size_t i)
{
    uint64_t v;

    if (parse_u64(&v, f, i) != 0 || v > UINT32_MAX)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static int parse_side(enum ecgrt_side *out, const struct fields *f, size_t i)
{
    if (field_is(f, i, "B"))
        *out = ECGRT_SIDE_BUY;
    else if (field_is(f, i, "S"))
        *out = ECGRT_SIDE_SELL;
    else
        return -1;
    return 0;
}

static int parse_type(enum ecgrt_order_type *out, const struct fields *f, size_t i)
{
    static const char *const names[] = { "LIMIT", "IOC", "FOK", "MARKET", "POST" };

    for (size_t t = 0; t < sizeof names / sizeof names[0]; t++) {
        if (field_is(f, i, names[t])) {
            *out = (enum ecgrt_order_type)t;
            return 0;
        }
    }
    return -1;
}

static int wrong_count(char *err, size_t size, const struct fields *f, size_t want)
{
    if (f->n == MAX_FIELDS)
        snprintf(err, size, "'%.*s' takes %zu fields, got more", (int)f->len[0], f->start[0],
                 want - 1);
    else
        snprintf(err, size, "'%.*s' takes %zu fields, got %zu", (int)f->len[0], f->start[0],
                 want - 1, f->n - 1);
    return ECGRT_EINVAL;
}

static int parse_add(struct ecgrt_match_command *out, const struct fields *f, char *err,
                     size_t size)
{
    struct ecgrt_match_order *o = &out->order;

    if (f->n != 8)
        return wrong_count(err, size, f, 8);
    if (parse_u64(&o->id, f, 1) != 0)
        return fail(err, size, "bad order id", f, 1);
    if (parse_u32(&o->owner, f, 2) != 0)
        return fail(err, size, "bad owner", f, 2);
    if (parse_u32(&o->instrument, f, 3) != 0)
        return fail(err, size, "bad instrument", f, 3);
    if (parse_side(&o->side, f, 4) != 0)
        return fail(err, size, "side must be B or S", f, 4);
    if (parse_type(&o->type, f, 5) != 0)
        return fail(err, size, "type must be LIMIT, IOC, FOK, MARKET or POST", f, 5);
    if (parse_i64(&o->price, f, 6) != 0)
        return fail(err, size, "bad price", f, 6);
    if (parse_u64(&o->qty, f, 7) != 0)
        return fail(err, size, "bad quantity", f, 7);
    out->kind = ECGRT_COMMAND_ADD;
    return 1;
}

static int parse_cancel(struct ecgrt_match_command *out, const struct fields *f, char *err,
                        size_t size)
{
    if (f->n != 2)
        return wrong_count(err, size, f, 2);
    if (parse_u64(&out->id, f, 1) != 0)
        return fail(err, size, "bad order id", f, 1);
    out->kind = ECGRT_COMMAND_CANCEL;
    return 1;
}

static int parse_modify(struct ecgrt_match_command *out, const struct fields *f, char *err,
                        size_t size)
{
    if (f->n != 4)
        return wrong_count(err, size, f, 4);
    if (parse_u64(&out->id, f, 1) != 0)
        return fail(err, size, "bad order id", f, 1);
    if (parse_i64(&out->price, f, 2) != 0)
        return fail(err, size, "bad price", f, 2);
    if (parse_u64(&out->qty, f, 3) != 0)
        return fail(err, size, "bad quantity", f, 3);
    out->kind = ECGRT_COMMAND_MODIFY;
    return 1;
}

int ecgrt_match_parse_line(struct ecgrt_match_command *out, const char *line, size_t len, char *err,
                           size_t err_size)
{
    struct fields f;
    struct ecgrt_match_command cmd;
    int rc;

    split(&f, line, len);
    if (f.n == 0)
        return 0;
    memset(&cmd, 0, sizeof cmd);
    if (field_is(&f, 0, "A"))
        rc = parse_add(&cmd, &f, err, err_size);
    else if (field_is(&f, 0, "C"))
        rc = parse_cancel(&cmd, &f, err, err_size);
    else if (field_is(&f, 0, "M"))
        rc = parse_modify(&cmd, &f, err, err_size);
    else
        rc = fail(err, err_size, "unknown command (A, C or M)", &f, 0);
    if (rc == 1)
        *out = cmd;
    return rc;
}

int ecgrt_match_format_event(char *buf, size_t size, const struct ecgrt_match_event *e)
{
    switch (e->kind) {
    case ECGRT_EVENT_ACCEPTED:
        return snprintf(buf, size, "accepted id=%" PRIu64 "\n", e->id);
    case ECGRT_EVENT_REJECTED:
        return snprintf(buf, size, "rejected id=%" PRIu64 " reason=%s\n", e->id,
                        ecgrt_match_reason_name(e->reason));
    case ECGRT_EVENT_TRADE:
        return snprintf(buf, size,
                        "trade instrument=%" PRIu32 " maker=%" PRIu64 " taker=%" PRIu64
                        " price=%" PRId64 " qty=%" PRIu64 "\n",
                        e->instrument, e->maker, e->taker, e->price, e->qty);
    case ECGRT_EVENT_CANCELLED:
        return snprintf(buf, size, "cancelled id=%" PRIu64 " remaining=%" PRIu64 "\n", e->id,
                        e->remaining);
    case ECGRT_EVENT_MODIFIED:
        return snprintf(buf, size, "modified id=%" PRIu64 " price=%" PRId64 " qty=%" PRIu64 "\n",
                        e->id, e->price, e->qty);
    case ECGRT_EVENT_BOOK:
        return snprintf(buf, size,
                        "book instrument=%" PRIu32 " side=%c price=%" PRId64 " total=%" PRIu64 "\n",
                        e->instrument, e->side == ECGRT_SIDE_BUY ? 'B' : 'S', e->price, e->total);
    }
    return snprintf(buf, size, "unknown\n");
}
