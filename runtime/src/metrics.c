/* The metrics registry: validates names and labels at registration, copies them, and allocates
 * each counter and gauge on its own cache line. Nothing here runs on a hot path. */
#include "ecg/metrics.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ecg/error.h"
#include "runtime/src/metrics_int.h"

/* 1-2-5 from 10 to 5e9: as nanoseconds, 10 ns to 5 s. */
static const uint64_t default_le[] = {
    10,        20,        50,        100,        200,        500,        1000,
    2000,      5000,      10000,     20000,      50000,      100000,     200000,
    500000,    1000000,   2000000,   5000000,    10000000,   20000000,   50000000,
    100000000, 200000000, 500000000, 1000000000, 2000000000, 5000000000,
};

int ecgrt_metrics_init(struct ecgrt_metrics *m, size_t capacity)
{
    struct ecgrt_metrics_entry *entries = calloc(capacity > 0 ? capacity : 1, sizeof(*entries));

    if (entries == NULL)
        return ECGRT_ENOMEM;
    m->entries = entries;
    m->len = 0;
    m->cap = capacity;
    return 0;
}

void ecgrt_metrics_fini(struct ecgrt_metrics *m)
{
    for (size_t i = 0; i < m->len; i++) {
        struct ecgrt_metrics_entry *e = &m->entries[i];
        free(e->block);
        if (e->kind == ECGRT_METRICS_KIND_COUNTER)
            free(e->value.counter);
        if (e->kind == ECGRT_METRICS_KIND_GAUGE)
            free(e->value.gauge);
        if (e->kind == ECGRT_METRICS_KIND_HIST)
            free(e->value.hist);
    }
    free(m->entries);
    memset(m, 0, sizeof(*m));
}

static bool is_name_start(char c, bool colon_ok)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_ok && c == ':');
}

/* Prometheus metric names ([a-zA-Z_:][a-zA-Z0-9_:]*) or, without colons, label names. */
static bool valid_name(const char *s, bool colon_ok)
{
    if (s == NULL || !is_name_start(s[0], colon_ok))
        return false;
    for (const char *p = s + 1; *p != '\0'; p++) {
        if (!is_name_start(*p, colon_ok) && !(*p >= '0' && *p <= '9'))
            return false;
    }
    return true;
}

/* A label name is valid, not reserved ("__" prefix; "le" on histograms) and not repeated. */
static bool valid_label(const struct ecgrt_metrics_desc *d, size_t i, enum ecgrt_metrics_kind k)
{
    const char *name = d->labels[i].name;

    if (!valid_name(name, false) || d->labels[i].value == NULL || strncmp(name, "__", 2) == 0)
        return false;
    if (k == ECGRT_METRICS_KIND_HIST && strcmp(name, "le") == 0)
        return false;
    for (size_t j = 0; j < i; j++) {
        if (strcmp(d->labels[j].name, name) == 0)
            return false;
    }
    return true;
}

static bool valid_desc(const struct ecgrt_metrics_desc *d, enum ecgrt_metrics_kind k)
{
    if (d == NULL || !valid_name(d->name, true) || d->n_labels > ECGRT_METRICS_MAX_LABELS)
        return false;
    if (d->n_labels > 0 && d->labels == NULL)
        return false;
    for (size_t i = 0; i < d->n_labels; i++) {
        if (!valid_label(d, i, k))
            return false;
    }
    return true;
}

static bool valid_le(const uint64_t *le, size_t n_le)
{
    if (n_le > ECGRT_METRICS_MAX_LE || (n_le > 0 && le == NULL))
        return false;
    for (size_t i = 1; i < n_le; i++) {
        if (le[i] <= le[i - 1])
            return false;
    }
    return true;
}

/* Whether series e has exactly the labels of d, in any order. */
static bool same_labels(const struct ecgrt_metrics_entry *e, const struct ecgrt_metrics_desc *d)
{
    if (e->n_labels != d->n_labels)
        return false;
    for (size_t i = 0; i < d->n_labels; i++) {
        bool found = false;
        for (size_t j = 0; j < e->n_labels && !found; j++) {
            found = strcmp(e->labels[j].name, d->labels[i].name) == 0 &&
                    strcmp(e->labels[j].value, d->labels[i].value) == 0;
        }
        if (!found)
            return false;
    }
    return true;
}

/* 0 if d may join m (*first: no series has its name yet); ECGRT_EEXIST otherwise. */
static int check_unique(bool *first, const struct ecgrt_metrics *m,
                        const struct ecgrt_metrics_desc *d, enum ecgrt_metrics_kind k)
{
    bool seen = false;

    for (size_t i = 0; i < m->len; i++) {
        const struct ecgrt_metrics_entry *e = &m->entries[i];
        if (strcmp(e->name, d->name) != 0)
            continue;
        if (e->kind != k || same_labels(e, d))
            return ECGRT_EEXIST;
        seen = true;
    }
    *first = !seen;
    return 0;
}

/* Appends the NUL-terminated s at *at and returns where it landed. */
static const char *place(char **at, const char *s)
{
    size_t n = strlen(s) + 1;
    char *dst = *at;

    memcpy(dst, s, n);
    *at = dst + n;
    return dst;
}

static size_t block_size(const struct ecgrt_metrics_desc *d, size_t n_le)
{
    size_t n = n_le * sizeof(uint64_t) + d->n_labels * sizeof(struct ecgrt_label);

    n += strlen(d->name) + 1 + (d->help != NULL ? strlen(d->help) : 0) + 1;
    for (size_t i = 0; i < d->n_labels; i++)
        n += strlen(d->labels[i].name) + strlen(d->labels[i].value) + 2;
    return n;
}

/* Copies d's strings and labels and the bounds into one allocation owned by e. */
static int copy_block(struct ecgrt_metrics_entry *e, const struct ecgrt_metrics_desc *d,
                      const uint64_t *le, size_t n_le)
{
    void *block = malloc(block_size(d, n_le));
    uint64_t *bounds = block;
    struct ecgrt_label *labels;
    char *at;

    if (block == NULL)
        return ECGRT_ENOMEM;
    if (n_le > 0)
        memcpy(bounds, le, n_le * sizeof(uint64_t));
    labels = (struct ecgrt_label *)(bounds + n_le);
    at = (char *)(labels + d->n_labels);
    for (size_t i = 0; i < d->n_labels; i++) {
        labels[i].name = place(&at, d->labels[i].name);
        labels[i].value = place(&at, d->labels[i].value);
    }
    e->name = place(&at, d->name);
    e->help = place(&at, d->help != NULL ? d->help : "");
    e->labels = labels;
    e->n_labels = d->n_labels;
    e->le = bounds;
    e->n_le = n_le;
    e->block = block;
    return 0;
}

/* Validates d and fills the next free entry of m (not yet counted in m->len) into *out. */
static int prepare(struct ecgrt_metrics_entry **out, struct ecgrt_metrics *m,
                   const struct ecgrt_metrics_desc *d, enum ecgrt_metrics_kind k)
{
    struct ecgrt_metrics_entry *e;
    bool first;
    int rc;

    if (!valid_desc(d, k))
        return ECGRT_EINVAL;
    rc = check_unique(&first, m, d, k);
    if (rc < 0)
        return rc;
    if (m->len >= m->cap)
        return ECGRT_ENOSPC;
    e = &m->entries[m->len];
    memset(e, 0, sizeof(*e));
    e->kind = k;
    e->first_of_name = first;
    *out = e;
    return 0;
}

int ecgrt_metrics_register_counter(struct ecgrt_counter **out, struct ecgrt_metrics *m,
                                   const struct ecgrt_metrics_desc *desc)
{
    struct ecgrt_metrics_entry *e;
    struct ecgrt_counter *c;
    int rc = prepare(&e, m, desc, ECGRT_METRICS_KIND_COUNTER);

    if (rc < 0)
        return rc;
    c = aligned_alloc(ECGRT_METRICS_CACHE_LINE, sizeof(*c));
    if (c == NULL)
        return ECGRT_ENOMEM;
    rc = copy_block(e, desc, NULL, 0);
    if (rc < 0) {
        free(c);
        return rc;
    }
    atomic_init(&c->value, 0);
    e->value.counter = c;
    m->len++;
    *out = c;
    return 0;
}

int ecgrt_metrics_register_gauge(struct ecgrt_gauge **out, struct ecgrt_metrics *m,
                                 const struct ecgrt_metrics_desc *desc)
{
    struct ecgrt_metrics_entry *e;
    struct ecgrt_gauge *g;
    int rc = prepare(&e, m, desc, ECGRT_METRICS_KIND_GAUGE);

    if (rc < 0)
        return rc;
    g = aligned_alloc(ECGRT_METRICS_CACHE_LINE, sizeof(*g));
    if (g == NULL)
        return ECGRT_ENOMEM;
    rc = copy_block(e, desc, NULL, 0);
    if (rc < 0) {
        free(g);
        return rc;
    }
    atomic_init(&g->value, 0);
    e->value.gauge = g;
    m->len++;
    *out = g;
    return 0;
}

int ecgrt_metrics_register_hist(struct ecgrt_hist **out, struct ecgrt_metrics *m,
                                const struct ecgrt_metrics_desc *desc, const uint64_t *le,
                                size_t n_le)
{
    struct ecgrt_metrics_entry *e;
    struct ecgrt_hist *h;
    int rc;

    if (le == NULL) {
        le = default_le;
        n_le = sizeof(default_le) / sizeof(default_le[0]);
    }
    if (!valid_le(le, n_le))
        return ECGRT_EINVAL;
    rc = prepare(&e, m, desc, ECGRT_METRICS_KIND_HIST);
    if (rc < 0)
        return rc;
    h = malloc(sizeof(*h));
    if (h == NULL)
        return ECGRT_ENOMEM;
    rc = copy_block(e, desc, le, n_le);
    if (rc < 0) {
        free(h);
        return rc;
    }
    ecgrt_hist_init(h);
    e->value.hist = h;
    m->len++;
    *out = h;
    return 0;
}
