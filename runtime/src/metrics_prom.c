/* The Prometheus text exposition format (0.0.4) of a metrics registry: HELP and TYPE once per
 * name, then each series; histograms as cumulative _bucket{le=...}, _sum and _count. */
#include "ecg/metrics.h"

#include <string.h>

#include "ecg/error.h"
#include "runtime/src/metrics_int.h"

static const char *prom_type(enum ecgrt_metrics_kind k)
{
    switch (k) {
    case ECGRT_METRICS_KIND_COUNTER:
        return "counter";
    case ECGRT_METRICS_KIND_GAUGE:
        return "gauge";
    case ECGRT_METRICS_KIND_HIST:
        return "histogram";
    }
    return "untyped";
}

static void prom_header(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e)
{
    if (e->help[0] != '\0') {
        ecgrt_metrics_sink_str(s, "# HELP ");
        ecgrt_metrics_sink_str(s, e->name);
        ecgrt_metrics_sink_str(s, " ");
        ecgrt_metrics_sink_escaped(s, e->help, ECGRT_METRICS_ESC_HELP);
        ecgrt_metrics_sink_str(s, "\n");
    }
    ecgrt_metrics_sink_str(s, "# TYPE ");
    ecgrt_metrics_sink_str(s, e->name);
    ecgrt_metrics_sink_str(s, " ");
    ecgrt_metrics_sink_str(s, prom_type(e->kind));
    ecgrt_metrics_sink_str(s, "\n");
}

/* name + suffix + {labels[,le="le"]} + a blank: everything before the value. le may be NULL. */
static void prom_series_start(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e,
                              const char *suffix, const char *le)
{
    const char *sep = "{";

    ecgrt_metrics_sink_str(s, e->name);
    ecgrt_metrics_sink_str(s, suffix);
    for (size_t i = 0; i < e->n_labels; i++) {
        ecgrt_metrics_sink_str(s, sep);
        ecgrt_metrics_sink_str(s, e->labels[i].name);
        ecgrt_metrics_sink_str(s, "=\"");
        ecgrt_metrics_sink_escaped(s, e->labels[i].value, ECGRT_METRICS_ESC_LABEL);
        ecgrt_metrics_sink_str(s, "\"");
        sep = ",";
    }
    if (le != NULL) {
        ecgrt_metrics_sink_str(s, sep);
        ecgrt_metrics_sink_str(s, "le=\"");
        ecgrt_metrics_sink_str(s, le);
        ecgrt_metrics_sink_str(s, "\"");
        sep = ",";
    }
    ecgrt_metrics_sink_str(s, sep[0] == ',' ? "} " : " ");
}

/* One cumulative bucket line: name_bucket{...,le="bound"} count. */
static void prom_bucket(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e,
                        uint64_t bound, uint64_t count)
{
    char le[24];
    size_t at = sizeof(le) - 1;

    le[at] = '\0';
    do {
        le[--at] = (char)('0' + bound % 10);
        bound /= 10;
    } while (bound != 0);
    prom_series_start(s, e, "_bucket", le + at);
    ecgrt_metrics_sink_u64(s, count);
    ecgrt_metrics_sink_str(s, "\n");
}

static void prom_hist(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e)
{
    const struct ecgrt_hist *h = e->value.hist;
    size_t next = 0;
    uint64_t below = 0;

    for (size_t i = 0; i < e->n_le; i++) {
        size_t last = ecgrt_hist_bucket_index(e->le[i]);
        while (next <= last) {
            below += h->counts[next];
            next++;
        }
        prom_bucket(s, e, e->le[i], below);
    }
    prom_series_start(s, e, "_bucket", "+Inf");
    ecgrt_metrics_sink_u64(s, h->count);
    ecgrt_metrics_sink_str(s, "\n");
    prom_series_start(s, e, "_sum", NULL);
    ecgrt_metrics_sink_u128(s, h->sum_hi, h->sum_lo);
    ecgrt_metrics_sink_str(s, "\n");
    prom_series_start(s, e, "_count", NULL);
    ecgrt_metrics_sink_u64(s, h->count);
    ecgrt_metrics_sink_str(s, "\n");
}

static void prom_series(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e)
{
    switch (e->kind) {
    case ECGRT_METRICS_KIND_COUNTER:
        prom_series_start(s, e, "", NULL);
        ecgrt_metrics_sink_u64(s, ecgrt_metrics_counter_value(e->value.counter));
        ecgrt_metrics_sink_str(s, "\n");
        break;
    case ECGRT_METRICS_KIND_GAUGE:
        prom_series_start(s, e, "", NULL);
        ecgrt_metrics_sink_i64(s, ecgrt_metrics_gauge_value(e->value.gauge));
        ecgrt_metrics_sink_str(s, "\n");
        break;
    case ECGRT_METRICS_KIND_HIST:
        prom_hist(s, e);
        break;
    }
}

/* Each name once: its header, then all its series in registration order. */
static void prom_all(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics *m)
{
    for (size_t i = 0; i < m->len; i++) {
        const struct ecgrt_metrics_entry *e = &m->entries[i];
        if (!e->first_of_name)
            continue;
        prom_header(s, e);
        for (size_t j = i; j < m->len; j++) {
            if (strcmp(m->entries[j].name, e->name) == 0)
                prom_series(s, &m->entries[j]);
        }
    }
}

int ecgrt_metrics_prom_write(size_t *out, char *buf, size_t cap, const struct ecgrt_metrics *m)
{
    return ecgrt_metrics_sink_write_buffer(out, buf, cap, prom_all, m);
}

int ecgrt_metrics_prom_print(FILE *f, const struct ecgrt_metrics *m)
{
    return ecgrt_metrics_sink_write_file(f, prom_all, m);
}
