/* The output sink of the metrics exporters: text into a caller's buffer (bounded, or only
 * measured) or a FILE *, with the escapes of the Prometheus text format and JSON. No allocation. */
#include "runtime/src/metrics_int.h"

#include <string.h>

#include "ecg/error.h"

enum { SINK_DIGITS = 48 }; /* room for a 128-bit number in decimal (39 digits) */

void ecgrt_metrics_sink_buffer(struct ecgrt_metrics_sink *s, char *buf, size_t cap)
{
    memset(s, 0, sizeof(*s));
    s->buf = buf;
    s->cap = buf == NULL ? 0 : cap;
}

void ecgrt_metrics_sink_file(struct ecgrt_metrics_sink *s, FILE *f)
{
    memset(s, 0, sizeof(*s));
    s->f = f;
}

void ecgrt_metrics_sink_put(struct ecgrt_metrics_sink *s, const char *text, size_t n)
{
    if (s->f != NULL) {
        if (s->err == 0 && n > 0 && fwrite(text, 1, n, s->f) != n)
            s->err = ECGRT_EIO;
    } else if (s->len + 1 < s->cap) {
        size_t room = s->cap - 1 - s->len;
        memcpy(s->buf + s->len, text, n < room ? n : room);
    }
    s->len += n;
}

void ecgrt_metrics_sink_str(struct ecgrt_metrics_sink *s, const char *text)
{
    ecgrt_metrics_sink_put(s, text, strlen(text));
}

/* The escape sequence for c in mode how, written into esc; false if c stands for itself. */
static bool escape_of(char esc[8], unsigned char c, enum ecgrt_metrics_escape how)
{
    static const char hex[] = "0123456789abcdef";

    if (c == '\\' || (c == '"' && how != ECGRT_METRICS_ESC_HELP)) {
        esc[0] = '\\';
        esc[1] = (char)c;
        esc[2] = '\0';
        return true;
    }
    if (c == '\n') {
        memcpy(esc, "\\n", 3);
        return true;
    }
    if (c >= 0x20 || how != ECGRT_METRICS_ESC_JSON)
        return false;
    memcpy(esc, "\\u00", 4);
    esc[4] = hex[c >> 4];
    esc[5] = hex[c & 15];
    esc[6] = '\0';
    return true;
}

void ecgrt_metrics_sink_escaped(struct ecgrt_metrics_sink *s, const char *text,
                                enum ecgrt_metrics_escape how)
{
    const char *run = text;
    char esc[8];

    for (const char *p = text; *p != '\0'; p++) {
        if (!escape_of(esc, (unsigned char)*p, how))
            continue;
        ecgrt_metrics_sink_put(s, run, (size_t)(p - run));
        ecgrt_metrics_sink_str(s, esc);
        run = p + 1;
    }
    ecgrt_metrics_sink_str(s, run);
}

/* Divides the 128-bit number in limbs (most significant first) by 10; returns the remainder. */
static unsigned divide_by_ten(uint32_t limbs[4])
{
    uint64_t rest = 0;

    for (int i = 0; i < 4; i++) {
        uint64_t cur = (rest << 32) | limbs[i];
        limbs[i] = (uint32_t)(cur / 10);
        rest = cur % 10;
    }
    return (unsigned)rest;
}

void ecgrt_metrics_sink_u128(struct ecgrt_metrics_sink *s, uint64_t hi, uint64_t lo)
{
    uint32_t limbs[4] = { (uint32_t)(hi >> 32), (uint32_t)hi, (uint32_t)(lo >> 32), (uint32_t)lo };
    char digits[SINK_DIGITS];
    size_t at = sizeof(digits);

    do {
        digits[--at] = (char)('0' + divide_by_ten(limbs));
    } while ((limbs[0] | limbs[1] | limbs[2] | limbs[3]) != 0);
    ecgrt_metrics_sink_put(s, digits + at, sizeof(digits) - at);
}

void ecgrt_metrics_sink_u64(struct ecgrt_metrics_sink *s, uint64_t v)
{
    ecgrt_metrics_sink_u128(s, 0, v);
}

void ecgrt_metrics_sink_i64(struct ecgrt_metrics_sink *s, int64_t v)
{
    if (v >= 0) {
        ecgrt_metrics_sink_u64(s, (uint64_t)v);
        return;
    }
    ecgrt_metrics_sink_put(s, "-", 1);
    ecgrt_metrics_sink_u64(s, 0 - (uint64_t)v); /* exact for INT64_MIN too */
}

int ecgrt_metrics_sink_finish(size_t *out, struct ecgrt_metrics_sink *s)
{
    if (s->f != NULL) {
        if (s->err == 0 && fflush(s->f) != 0)
            s->err = ECGRT_EIO;
        if (s->err != 0)
            return s->err;
    } else if (s->buf != NULL) {
        if (s->len >= s->cap) {
            if (s->cap > 0)
                s->buf[s->cap - 1] = '\0';
            return ECGRT_ENOSPC;
        }
        s->buf[s->len] = '\0';
    }
    *out = s->len;
    return 0;
}

int ecgrt_metrics_sink_write_buffer(size_t *out, char *buf, size_t cap, ecgrt_metrics_writer write,
                                    const struct ecgrt_metrics *m)
{
    struct ecgrt_metrics_sink s;

    ecgrt_metrics_sink_buffer(&s, buf, cap);
    write(&s, m);
    return ecgrt_metrics_sink_finish(out, &s);
}

int ecgrt_metrics_sink_write_file(FILE *f, ecgrt_metrics_writer write,
                                  const struct ecgrt_metrics *m)
{
    struct ecgrt_metrics_sink s;
    size_t len;

    ecgrt_metrics_sink_file(&s, f);
    write(&s, m);
    return ecgrt_metrics_sink_finish(&len, &s);
}
