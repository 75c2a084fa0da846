/* Private to the metrics registry (metrics*.c): a registered series, and the output sink the
 * exporters share, which writes to a caller's buffer (or only measures) or to a FILE *. */
#ifndef ECG_RUNTIME_METRICS_INT_H
#define ECG_RUNTIME_METRICS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ecg/metrics.h"

enum ecgrt_metrics_kind {
    ECGRT_METRICS_KIND_COUNTER,
    ECGRT_METRICS_KIND_GAUGE,
    ECGRT_METRICS_KIND_HIST,
};

/* A series. The strings, labels and bounds live in block; the value in its own allocation. */
struct ecgrt_metrics_entry {
    enum ecgrt_metrics_kind kind;
    const char *name;
    const char *help; /* "" when none was given */
    const struct ecgrt_label *labels;
    size_t n_labels;
    const uint64_t *le; /* histograms: n_le bucket bounds, increasing */
    size_t n_le;
    bool first_of_name; /* the first series of its name: the exporters write HELP/TYPE here */
    void *block;        /* owned: name, help, labels, bounds */
    union {
        struct ecgrt_counter *counter; /* owned, cache-line aligned */
        struct ecgrt_gauge *gauge;     /* owned, cache-line aligned */
        struct ecgrt_hist *hist;       /* owned */
    } value;
};

/* How a string is escaped on output. */
enum ecgrt_metrics_escape {
    ECGRT_METRICS_ESC_HELP,  /* Prometheus HELP text: backslash and newline */
    ECGRT_METRICS_ESC_LABEL, /* Prometheus label value: backslash, quote and newline */
    ECGRT_METRICS_ESC_JSON,  /* JSON string body: quote, backslash and control characters */
};

/* Where export text goes. With a buffer, bytes beyond cap - 1 are counted but dropped. */
struct ecgrt_metrics_sink {
    char *buf;  /* NULL when writing to f, or when only measuring (cap 0) */
    size_t cap; /* bytes of buf, the NUL included */
    size_t len; /* bytes produced so far (all of them, even those dropped) */
    FILE *f;    /* borrowed; NULL when writing to buf */
    int err;    /* 0, or ECGRT_EIO once a write to f failed */
};

/* A sink over buf (cap bytes; buf NULL and cap 0 to measure). */
void ecgrt_metrics_sink_buffer(struct ecgrt_metrics_sink *s, char *buf, size_t cap);

/* A sink over f. */
void ecgrt_metrics_sink_file(struct ecgrt_metrics_sink *s, FILE *f);

/* Appends n bytes of text. */
void ecgrt_metrics_sink_put(struct ecgrt_metrics_sink *s, const char *text, size_t n);

/* Appends the NUL-terminated text. */
void ecgrt_metrics_sink_str(struct ecgrt_metrics_sink *s, const char *text);

/* Appends text escaped for its place in the output. */
void ecgrt_metrics_sink_escaped(struct ecgrt_metrics_sink *s, const char *text,
                                enum ecgrt_metrics_escape how);

/* Appends v in decimal. */
void ecgrt_metrics_sink_u64(struct ecgrt_metrics_sink *s, uint64_t v);

/* Appends v in decimal, with a sign when negative. */
void ecgrt_metrics_sink_i64(struct ecgrt_metrics_sink *s, int64_t v);

/* Appends the 128-bit number hi * 2^64 + lo in decimal, exactly. */
void ecgrt_metrics_sink_u128(struct ecgrt_metrics_sink *s, uint64_t hi, uint64_t lo);

/* Ends the output: NUL-terminates a buffer; *out is the length produced. ECGRT_ENOSPC if the
 * buffer was too small, ECGRT_EIO if a file write failed. */
int ecgrt_metrics_sink_finish(size_t *out, struct ecgrt_metrics_sink *s);

/* An exporter: writes the whole registry m to s. */
typedef void (*ecgrt_metrics_writer)(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics *m);

/* Runs write over a buffer sink (as ecgrt_metrics_json_write describes) and finishes it. */
int ecgrt_metrics_sink_write_buffer(size_t *out, char *buf, size_t cap, ecgrt_metrics_writer write,
                                    const struct ecgrt_metrics *m);

/* Runs write over a sink on f and finishes it. */
int ecgrt_metrics_sink_write_file(FILE *f, ecgrt_metrics_writer write,
                                  const struct ecgrt_metrics *m);

#endif
