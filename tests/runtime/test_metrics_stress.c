/* Stress test of the metrics registry under threads (run under ThreadSanitizer in CI): writers
 * add to shared and per-thread counters and move a gauge while a reader exports; totals are
 * exact after the join. Per-thread histograms are merged after the join, as documented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecg/metrics.h"

enum {
    WRITERS = 4,
    ROUNDS = 200000, /* per writer; enough to interleave, short under TSan */
    EXPORT_CAP = 16384,
};

/* What one writer thread touches. */
struct writer {
    struct ecgrt_counter *shared; /* every writer adds here */
    struct ecgrt_counter *own;    /* only this writer adds here */
    struct ecgrt_gauge *depth;    /* every writer adds +1 then -1 */
    struct ecgrt_hist *hist;      /* only this writer records (not in the registry) */
    unsigned id;
};

/* What the exporting thread needs. */
struct reader {
    const struct ecgrt_metrics *m;
    atomic_bool *stop;
    unsigned exports;
    int rc;
};

static void *writer_main(void *arg)
{
    struct writer *w = arg;

    for (uint64_t i = 0; i < ROUNDS; i++) {
        ecgrt_metrics_counter_add(w->shared, 1);
        ecgrt_metrics_counter_add(w->own, w->id + 1);
        ecgrt_metrics_gauge_add(w->depth, 1);
        ecgrt_hist_record(w->hist, i % 1000 + w->id);
        ecgrt_metrics_gauge_add(w->depth, -1);
    }
    return NULL;
}

static void *reader_main(void *arg)
{
    struct reader *r = arg;
    char *buf = malloc(EXPORT_CAP);
    size_t len;

    if (buf == NULL) {
        r->rc = -1;
        return NULL;
    }
    /* acquire: pairs with the release store in the test after the writers joined */
    while (!atomic_load_explicit(r->stop, memory_order_acquire)) {
        int rc = ecgrt_metrics_prom_write(&len, buf, EXPORT_CAP, r->m);
        if (rc == 0)
            rc = ecgrt_metrics_json_write(&len, buf, EXPORT_CAP, r->m);
        if (rc != 0)
            r->rc = rc;
        r->exports++;
    }
    free(buf);
    return NULL;
}

static void register_writer(struct writer *w, struct ecgrt_metrics *m, unsigned id,
                            const struct ecgrt_label *label)
{
    struct ecgrt_metrics_desc d = { "thread_events_total", "Events by writer thread.", label, 1 };

    w->id = id;
    assert_int_equal(ecgrt_metrics_register_counter(&w->own, m, &d), 0);
    w->hist = malloc(sizeof(*w->hist));
    assert_non_null(w->hist);
    ecgrt_hist_init(w->hist);
}

/* The shared series, then one labelled counter and a private histogram per writer. */
static void build_registry(struct ecgrt_metrics *m, struct writer w[WRITERS],
                           struct ecgrt_hist **all)
{
    static const struct ecgrt_label labels[WRITERS] = {
        { "thread", "0" }, { "thread", "1" }, { "thread", "2" }, { "thread", "3" }
    };
    struct ecgrt_metrics_desc d = { "events_total", "Events.", NULL, 0 };
    struct ecgrt_counter *shared;
    struct ecgrt_gauge *depth;

    assert_int_equal(ecgrt_metrics_init(m, WRITERS + 3), 0);
    assert_int_equal(ecgrt_metrics_register_counter(&shared, m, &d), 0);
    d.name = "depth";
    assert_int_equal(ecgrt_metrics_register_gauge(&depth, m, &d), 0);
    d.name = "latency";
    assert_int_equal(ecgrt_metrics_register_hist(all, m, &d, NULL, 0), 0);
    for (unsigned i = 0; i < WRITERS; i++) {
        register_writer(&w[i], m, i, &labels[i]);
        w[i].shared = shared;
        w[i].depth = depth;
    }
}

/* Runs the writers and, beside them, the exporting reader, until every writer is done. */
static void run_threads(struct writer w[WRITERS], struct reader *r)
{
    pthread_t tid[WRITERS + 1];

    assert_int_equal(pthread_create(&tid[WRITERS], NULL, reader_main, r), 0);
    for (unsigned i = 0; i < WRITERS; i++)
        assert_int_equal(pthread_create(&tid[i], NULL, writer_main, &w[i]), 0);
    for (unsigned i = 0; i < WRITERS; i++)
        assert_int_equal(pthread_join(tid[i], NULL), 0);
    /* release: pairs with the acquire load in reader_main */
    atomic_store_explicit(r->stop, true, memory_order_release);
    assert_int_equal(pthread_join(tid[WRITERS], NULL), 0);
}

static void test_metrics_stress_totals_are_exact(void **state)
{
    struct ecgrt_metrics m;
    struct writer w[WRITERS];
    struct reader r;
    atomic_bool stop;
    struct ecgrt_hist *all;

    (void)state;
    atomic_init(&stop, false);
    build_registry(&m, w, &all);
    r = (struct reader){ &m, &stop, 0, 0 };
    run_threads(w, &r);
    assert_int_equal(r.rc, 0);
    assert_true(r.exports > 0);
    assert_true(ecgrt_metrics_counter_value(w[0].shared) == (uint64_t)WRITERS * ROUNDS);
    assert_true(ecgrt_metrics_gauge_value(w[0].depth) == 0);
    for (unsigned i = 0; i < WRITERS; i++) {
        assert_true(ecgrt_metrics_counter_value(w[i].own) == (uint64_t)(i + 1) * ROUNDS);
        ecgrt_hist_merge(all, w[i].hist);
        free(w[i].hist);
    }
    assert_true(ecgrt_hist_count(all) == (uint64_t)WRITERS * ROUNDS);
    assert_true(ecgrt_hist_min(all) == 0 && ecgrt_hist_max(all) == 999 + WRITERS - 1);
    ecgrt_metrics_fini(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_stress_totals_are_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
