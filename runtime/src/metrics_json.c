/* The JSON export of a metrics registry: {"metrics":[...]} with one object per series, in
 * registration order; histograms carry count, sum, min, max, percentiles and their non-empty
 * log-linear buckets as [lowest, highest, count] (for charts). Integers are exact. */
#include "ecg/metrics.h"

#include "ecg/error.h"
#include "runtime/src/metrics_int.h"

/* Percentiles written for each histogram, and their keys. */
static const struct {
    const char *key;
    double percentile;
} json_percentiles[] = {
    { "p50", 50.0 },
    { "p90", 90.0 },
    { "p99", 99.0 },
    { "p999", 99.9 },
};

static const char *json_type(enum ecgrt_metrics_kind k)
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

static void json_string(struct ecgrt_metrics_sink *s, const char *text)
{
    ecgrt_metrics_sink_str(s, "\"");
    ecgrt_metrics_sink_escaped(s, text, ECGRT_METRICS_ESC_JSON);
    ecgrt_metrics_sink_str(s, "\"");
}

/* ,"key":value for an unsigned integer. */
static void json_u64_field(struct ecgrt_metrics_sink *s, const char *key, uint64_t v)
{
    ecgrt_metrics_sink_str(s, ",\"");
    ecgrt_metrics_sink_str(s, key);
    ecgrt_metrics_sink_str(s, "\":");
    ecgrt_metrics_sink_u64(s, v);
}

/* {"name":..,"type":..,"help":..,"labels":{..} without the closing brace. */
static void json_head(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e)
{
    ecgrt_metrics_sink_str(s, "{\"name\":");
    json_string(s, e->name);
    ecgrt_metrics_sink_str(s, ",\"type\":\"");
    ecgrt_metrics_sink_str(s, json_type(e->kind));
    ecgrt_metrics_sink_str(s, "\",\"help\":");
    json_string(s, e->help);
    ecgrt_metrics_sink_str(s, ",\"labels\":{");
    for (size_t i = 0; i < e->n_labels; i++) {
        if (i > 0)
            ecgrt_metrics_sink_str(s, ",");
        json_string(s, e->labels[i].name);
        ecgrt_metrics_sink_str(s, ":");
        json_string(s, e->labels[i].value);
    }
    ecgrt_metrics_sink_str(s, "}");
}

static void json_buckets(struct ecgrt_metrics_sink *s, const struct ecgrt_hist *h)
{
    struct ecgrt_hist_iter it;
    struct ecgrt_hist_bucket b;
    const char *sep = "";

    ecgrt_metrics_sink_str(s, ",\"buckets\":[");
    ecgrt_hist_iter_init(&it, h);
    while (ecgrt_hist_next(&b, &it)) {
        ecgrt_metrics_sink_str(s, sep);
        ecgrt_metrics_sink_str(s, "[");
        ecgrt_metrics_sink_u64(s, b.lowest);
        ecgrt_metrics_sink_str(s, ",");
        ecgrt_metrics_sink_u64(s, b.highest);
        ecgrt_metrics_sink_str(s, ",");
        ecgrt_metrics_sink_u64(s, b.count);
        ecgrt_metrics_sink_str(s, "]");
        sep = ",";
    }
    ecgrt_metrics_sink_str(s, "]");
}

static void json_hist(struct ecgrt_metrics_sink *s, const struct ecgrt_hist *h)
{
    size_t n = sizeof(json_percentiles) / sizeof(json_percentiles[0]);

    json_u64_field(s, "count", ecgrt_hist_count(h));
    ecgrt_metrics_sink_str(s, ",\"sum\":");
    ecgrt_metrics_sink_u128(s, h->sum_hi, h->sum_lo);
    json_u64_field(s, "min", ecgrt_hist_min(h));
    json_u64_field(s, "max", ecgrt_hist_max(h));
    for (size_t i = 0; i < n; i++) {
        uint64_t v = ecgrt_hist_value_at_percentile(h, json_percentiles[i].percentile);
        json_u64_field(s, json_percentiles[i].key, v);
    }
    json_buckets(s, h);
}

static void json_series(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics_entry *e)
{
    json_head(s, e);
    switch (e->kind) {
    case ECGRT_METRICS_KIND_COUNTER:
        json_u64_field(s, "value", ecgrt_metrics_counter_value(e->value.counter));
        break;
    case ECGRT_METRICS_KIND_GAUGE:
        ecgrt_metrics_sink_str(s, ",\"value\":");
        ecgrt_metrics_sink_i64(s, ecgrt_metrics_gauge_value(e->value.gauge));
        break;
    case ECGRT_METRICS_KIND_HIST:
        json_hist(s, e->value.hist);
        break;
    }
    ecgrt_metrics_sink_str(s, "}");
}

static void json_all(struct ecgrt_metrics_sink *s, const struct ecgrt_metrics *m)
{
    ecgrt_metrics_sink_str(s, "{\"metrics\":[");
    for (size_t i = 0; i < m->len; i++) {
        ecgrt_metrics_sink_str(s, i > 0 ? ",\n" : "\n");
        json_series(s, &m->entries[i]);
    }
    ecgrt_metrics_sink_str(s, "\n]}\n");
}

int ecgrt_metrics_json_write(size_t *out, char *buf, size_t cap, const struct ecgrt_metrics *m)
{
    return ecgrt_metrics_sink_write_buffer(out, buf, cap, json_all, m);
}

int ecgrt_metrics_json_print(FILE *f, const struct ecgrt_metrics *m)
{
    return ecgrt_metrics_sink_write_file(f, json_all, m);
}
