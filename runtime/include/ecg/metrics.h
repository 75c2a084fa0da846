/* A registry of named counters, gauges and histograms, exported as JSON or in the Prometheus
 * text format. Only _init and _register allocate; updates are lock-free relaxed atomics on a
 * cache line per counter or gauge, and export reads them without stopping the writers.
 * C11 (<stdatomic.h>); from C++ it needs C++23's <stdatomic.h>. */
#ifndef ECG_RUNTIME_METRICS_H
#define ECG_RUNTIME_METRICS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ecg/hist.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ECGRT_METRICS_MAX_LABELS = 8, /* labels of one series */
    ECGRT_METRICS_MAX_LE = 64,    /* Prometheus bucket bounds of one histogram, +Inf aside */
    ECGRT_METRICS_CACHE_LINE = 64,
};

/* A monotonically increasing count. Any number of threads may add to one counter; each add is
 * one relaxed atomic add (the counter's own cache line keeps counters apart, but threads adding
 * to the same counter share its line: give hot per-thread counts their own series, e.g. a
 * thread="3" label, and let the query sum them). Owned by its registry. */
struct ecgrt_counter {
    _Alignas(ECGRT_METRICS_CACHE_LINE) _Atomic uint64_t value;
    char padding[ECGRT_METRICS_CACHE_LINE - sizeof(uint64_t)]; /* the rest of the line, explicit */
};

/* A value that goes up and down (queue depth, resting orders); relaxed atomic stores and adds.
 * Owned by its registry. */
struct ecgrt_gauge {
    _Alignas(ECGRT_METRICS_CACHE_LINE) _Atomic int64_t value;
    char padding[ECGRT_METRICS_CACHE_LINE - sizeof(int64_t)]; /* the rest of the line, explicit */
};

/* A constant label of a series, as given to a _register function (copied there). */
struct ecgrt_label {
    const char *name;  /* [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__"; not "le" */
    const char *value; /* any text; escaped on export */
};

/* What a _register function needs to know about a series. */
struct ecgrt_metrics_desc {
    const char *name;                 /* [a-zA-Z_:][a-zA-Z0-9_:]* (the Prometheus charset) */
    const char *help;                 /* one line of documentation (HELP); may be NULL */
    const struct ecgrt_label *labels; /* n_labels of them, distinct names; NULL if none */
    size_t n_labels;                  /* at most ECGRT_METRICS_MAX_LABELS */
};

struct ecgrt_metrics_entry; /* one registered series; runtime/src/metrics_int.h */

/* The registry: caller's storage, a fixed capacity chosen at init. Registration is not
 * thread-safe (do it at start-up); updates through the returned handles are; export may run
 * concurrently with counter and gauge updates, but not with ecgrt_hist_record on a registered
 * histogram (a histogram has one writer: export it on that thread or while it is idle). */
struct ecgrt_metrics {
    struct ecgrt_metrics_entry *entries; /* len of cap, in registration order; owned */
    size_t len;
    size_t cap;
};

/* Prepares m for up to capacity series. ECGRT_ENOMEM; m is untouched on failure. */
int ecgrt_metrics_init(struct ecgrt_metrics *m, size_t capacity);

/* Frees every series and handle of m. A zeroed m is accepted. */
void ecgrt_metrics_fini(struct ecgrt_metrics *m);

/* Registers a counter starting at 0; *out stays valid until ecgrt_metrics_fini. Series of one
 * name share HELP and TYPE and differ by labels. ECGRT_EINVAL for a name or label outside its
 * charset, ECGRT_EEXIST if the name has another type or these labels already, ECGRT_ENOSPC
 * when m is full, ECGRT_ENOMEM. */
int ecgrt_metrics_register_counter(struct ecgrt_counter **out, struct ecgrt_metrics *m,
                                   const struct ecgrt_metrics_desc *desc);

/* Registers a gauge starting at 0; as ecgrt_metrics_register_counter. */
int ecgrt_metrics_register_gauge(struct ecgrt_gauge **out, struct ecgrt_metrics *m,
                                 const struct ecgrt_metrics_desc *desc);

/* Registers an empty histogram; one thread records into *out with ecgrt_hist_record. le holds
 * n_le strictly increasing Prometheus bucket bounds (at most ECGRT_METRICS_MAX_LE; +Inf is
 * implied; n_le 0 leaves only +Inf), or is NULL for the default 1-2-5 series from 10 to 5e9
 * (nanoseconds: 10 ns to 5 s). A bound counts whole histogram buckets (see
 * ecgrt_hist_count_at_most). Errors as ecgrt_metrics_register_counter, and ECGRT_EINVAL for bad
 * bounds. */
int ecgrt_metrics_register_hist(struct ecgrt_hist **out, struct ecgrt_metrics *m,
                                const struct ecgrt_metrics_desc *desc, const uint64_t *le,
                                size_t n_le);

/* Adds n to c. Thread-safe, lock-free, a few nanoseconds. */
static inline void ecgrt_metrics_counter_add(struct ecgrt_counter *c, uint64_t n)
{
    /* relaxed: a count orders nothing; export reads it with a relaxed load */
    atomic_fetch_add_explicit(&c->value, n, memory_order_relaxed);
}

/* The current value of c. Thread-safe. */
static inline uint64_t ecgrt_metrics_counter_value(const struct ecgrt_counter *c)
{
    /* relaxed: pairs with the relaxed adds; a count orders nothing */
    return atomic_load_explicit(&c->value, memory_order_relaxed);
}

/* Sets g to v. Thread-safe. */
static inline void ecgrt_metrics_gauge_set(struct ecgrt_gauge *g, int64_t v)
{
    /* relaxed: a gauge publishes no other data */
    atomic_store_explicit(&g->value, v, memory_order_relaxed);
}

/* Adds delta (which may be negative) to g. Thread-safe. */
static inline void ecgrt_metrics_gauge_add(struct ecgrt_gauge *g, int64_t delta)
{
    /* relaxed: a gauge publishes no other data */
    atomic_fetch_add_explicit(&g->value, delta, memory_order_relaxed);
}

/* The current value of g. Thread-safe. */
static inline int64_t ecgrt_metrics_gauge_value(const struct ecgrt_gauge *g)
{
    /* relaxed: pairs with the relaxed stores and adds */
    return atomic_load_explicit(&g->value, memory_order_relaxed);
}

/* Writes m in the Prometheus text exposition format (0.0.4), NUL-terminated, into buf of cap
 * bytes; *out is its length without the NUL. With buf NULL and cap 0, only measures: *out is
 * the length a buffer needs, less one. ECGRT_ENOSPC if cap is too small (buf then holds a
 * truncated prefix). Never allocates. */
int ecgrt_metrics_prom_write(size_t *out, char *buf, size_t cap, const struct ecgrt_metrics *m);

/* Writes m in the Prometheus text format to f. ECGRT_EIO if a write fails. Never allocates. */
int ecgrt_metrics_prom_print(FILE *f, const struct ecgrt_metrics *m);

/* Writes m as one JSON object (see runtime/README.md for its shape) into buf, as
 * ecgrt_metrics_prom_write does. */
int ecgrt_metrics_json_write(size_t *out, char *buf, size_t cap, const struct ecgrt_metrics *m);

/* Writes m as JSON to f. ECGRT_EIO if a write fails. Never allocates. */
int ecgrt_metrics_json_print(FILE *f, const struct ecgrt_metrics *m);

#ifdef __cplusplus
}
#endif

#endif
