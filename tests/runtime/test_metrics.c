/* Unit tests for the metrics registry: validation at registration, and the exact Prometheus
 * text and JSON of a fixed registry (labels escaped, series grouped by name, histograms). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecg/error.h"
#include "ecg/metrics.h"

enum { TEXT_CAP = 8192 };

static const char expected_prom[] =
    "# HELP orders_total Orders accepted, by side.\n"
    "# TYPE orders_total counter\n"
    "orders_total{side=\"buy\"} 3\n"
    "orders_total{side=\"sell\"} 5\n"
    "# HELP book_depth Resting orders \\\\ levels\\nper book \"now\".\n"
    "# TYPE book_depth gauge\n"
    "book_depth -2\n"
    "# HELP latency_ns Add latency.\n"
    "# TYPE latency_ns histogram\n"
    "latency_ns_bucket{op=\"add\",le=\"100\"} 1\n"
    "latency_ns_bucket{op=\"add\",le=\"1000\"} 4\n"
    "latency_ns_bucket{op=\"add\",le=\"+Inf\"} 5\n"
    "latency_ns_sum{op=\"add\"} 7202\n"
    "latency_ns_count{op=\"add\"} 5\n"
    "# TYPE odd:name_total counter\n"
    "odd:name_total{path=\"a\\\"b\\\\c\\nd\",host=\"x\"} 0\n";

static const char expected_json[] =
    "{\"metrics\":[\n"
    "{\"name\":\"orders_total\",\"type\":\"counter\",\"help\":\"Orders accepted, by side.\","
    "\"labels\":{\"side\":\"buy\"},\"value\":3},\n"
    "{\"name\":\"book_depth\",\"type\":\"gauge\",\"help\":\"Resting orders \\\\ levels\\nper "
    "book \\\"now\\\".\",\"labels\":{},\"value\":-2},\n"
    "{\"name\":\"latency_ns\",\"type\":\"histogram\",\"help\":\"Add latency.\","
    "\"labels\":{\"op\":\"add\"},\"count\":5,\"sum\":7202,\"min\":50,\"max\":5000,"
    "\"p50\":1001,\"p90\":5000,\"p99\":5000,\"p999\":5000,"
    "\"buckets\":[[50,50,1],[150,150,1],[1000,1003,2],[4992,5023,1]]},\n"
    "{\"name\":\"orders_total\",\"type\":\"counter\",\"help\":\"\","
    "\"labels\":{\"side\":\"sell\"},\"value\":5},\n"
    "{\"name\":\"odd:name_total\",\"type\":\"counter\",\"help\":\"\","
    "\"labels\":{\"path\":\"a\\\"b\\\\c\\nd\",\"host\":\"x\"},\"value\":0}\n"
    "]}\n";

/* The registry of the expected texts above, in this registration order. */
static void build_fixed(struct ecgrt_metrics *m)
{
    static const struct ecgrt_label buy[] = { { "side", "buy" } };
    static const struct ecgrt_label sell[] = { { "side", "sell" } };
    static const struct ecgrt_label add[] = { { "op", "add" } };
    static const struct ecgrt_label odd[] = { { "path", "a\"b\\c\nd" }, { "host", "x" } };
    static const uint64_t le[] = { 100, 1000 };
    struct ecgrt_metrics_desc d = { "orders_total", "Orders accepted, by side.", buy, 1 };
    struct ecgrt_counter *c;
    struct ecgrt_gauge *g;
    struct ecgrt_hist *h;

    assert_int_equal(ecgrt_metrics_init(m, 8), 0);
    assert_int_equal(ecgrt_metrics_register_counter(&c, m, &d), 0);
    ecgrt_metrics_counter_add(c, 3);
    d = (struct ecgrt_metrics_desc){ "book_depth", "Resting orders \\ levels\nper book \"now\".",
                                     NULL, 0 };
    assert_int_equal(ecgrt_metrics_register_gauge(&g, m, &d), 0);
    ecgrt_metrics_gauge_set(g, 4);
    ecgrt_metrics_gauge_add(g, -6);
    d = (struct ecgrt_metrics_desc){ "latency_ns", "Add latency.", add, 1 };
    assert_int_equal(ecgrt_metrics_register_hist(&h, m, &d, le, 2), 0);
    /* 1002 shares the bucket [1000, 1003]: le="1000" counts it (documented) */
    ecgrt_hist_record(h, 50);
    ecgrt_hist_record(h, 150);
    ecgrt_hist_record(h, 1000);
    ecgrt_hist_record(h, 1002);
    ecgrt_hist_record(h, 5000);
    d = (struct ecgrt_metrics_desc){ "orders_total", NULL, sell, 1 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, m, &d), 0);
    ecgrt_metrics_counter_add(c, 2);
    ecgrt_metrics_counter_add(c, 3);
    d = (struct ecgrt_metrics_desc){ "odd:name_total", NULL, odd, 2 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, m, &d), 0);
}

static void test_metrics_prometheus_text_is_exact(void **state)
{
    struct ecgrt_metrics m;
    char buf[TEXT_CAP];
    size_t len = 0;

    (void)state;
    build_fixed(&m);
    assert_int_equal(ecgrt_metrics_prom_write(&len, buf, sizeof(buf), &m), 0);
    assert_string_equal(buf, expected_prom);
    assert_int_equal(len, strlen(expected_prom));
    ecgrt_metrics_fini(&m);
}

static void test_metrics_json_is_exact(void **state)
{
    struct ecgrt_metrics m;
    char buf[TEXT_CAP];
    size_t len = 0;

    (void)state;
    build_fixed(&m);
    assert_int_equal(ecgrt_metrics_json_write(&len, buf, sizeof(buf), &m), 0);
    assert_string_equal(buf, expected_json);
    assert_int_equal(len, strlen(expected_json));
    ecgrt_metrics_fini(&m);
}

static void test_metrics_measure_then_exact_fit(void **state)
{
    struct ecgrt_metrics m;
    char buf[TEXT_CAP];
    size_t need = 0;
    size_t len = 0;

    (void)state;
    build_fixed(&m);
    assert_int_equal(ecgrt_metrics_prom_write(&need, NULL, 0, &m), 0);
    assert_int_equal(need, strlen(expected_prom));
    assert_int_equal(ecgrt_metrics_prom_write(&len, buf, need + 1, &m), 0);
    assert_int_equal(len, need);
    len = 12345;
    assert_int_equal(ecgrt_metrics_prom_write(&len, buf, need, &m), ECGRT_ENOSPC);
    assert_int_equal(len, 12345); /* untouched on failure */
    assert_int_equal(strlen(buf), need - 1);
    assert_int_equal(ecgrt_metrics_json_write(&len, buf, 1, &m), ECGRT_ENOSPC);
    assert_string_equal(buf, "");
    assert_int_equal(ecgrt_metrics_json_write(&len, buf, 0, &m), ECGRT_ENOSPC);
    ecgrt_metrics_fini(&m);
}

/* The FILE * exporters write exactly what the buffer exporters do. */
static void test_metrics_file_output_matches_buffer(void **state)
{
    struct ecgrt_metrics m;
    char buf[TEXT_CAP];
    FILE *f = tmpfile();
    size_t n;

    (void)state;
    assert_non_null(f);
    build_fixed(&m);
    assert_int_equal(ecgrt_metrics_prom_print(f, &m), 0);
    assert_int_equal(ecgrt_metrics_json_print(f, &m), 0);
    rewind(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    assert_int_equal(n, strlen(expected_prom) + strlen(expected_json));
    assert_memory_equal(buf, expected_prom, strlen(expected_prom));
    assert_string_equal(buf + strlen(expected_prom), expected_json);
    fclose(f);
    ecgrt_metrics_fini(&m);
}

static void test_metrics_rejects_bad_names(void **state)
{
    static const char *const bad_names[] = { "", "9lives", "a-b", "a b", "é", "x{y}" };
    static const struct ecgrt_label reserved[] = { { "__name__", "x" } };
    static const struct ecgrt_label twice[] = { { "a", "1" }, { "a", "2" } };
    static const struct ecgrt_label colon[] = { { "a:b", "1" } };
    static const struct ecgrt_label le[] = { { "le", "1" } };
    static const struct ecgrt_label no_value[] = { { "a", NULL } };
    struct ecgrt_metrics m;
    struct ecgrt_counter *c = NULL;
    struct ecgrt_hist *h = NULL;
    struct ecgrt_metrics_desc d = { NULL, NULL, NULL, 0 };

    (void)state;
    assert_int_equal(ecgrt_metrics_init(&m, 4), 0);
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
        d.name = bad_names[i];
        assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    }
    d = (struct ecgrt_metrics_desc){ "ok_total", NULL, reserved, 1 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    d.labels = twice;
    d.n_labels = 2;
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    d = (struct ecgrt_metrics_desc){ "ok_total", NULL, colon, 1 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    d = (struct ecgrt_metrics_desc){ "ok_total", NULL, no_value, 1 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    d = (struct ecgrt_metrics_desc){ "ok_total", NULL, NULL, 1 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EINVAL);
    d = (struct ecgrt_metrics_desc){ "lat", NULL, le, 1 };
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, NULL, 0), ECGRT_EINVAL);
    d = (struct ecgrt_metrics_desc){ "le_is_fine_on_counters", NULL, le, 1 };
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), 0);
    assert_null(h);
    assert_int_equal(m.len, 1);
    ecgrt_metrics_fini(&m);
}

static void test_metrics_rejects_duplicates_and_full(void **state)
{
    static const struct ecgrt_label ab[] = { { "a", "1" }, { "b", "2" } };
    static const struct ecgrt_label ba[] = { { "b", "2" }, { "a", "1" } };
    static const struct ecgrt_label b3[] = { { "b", "3" }, { "a", "1" } };
    struct ecgrt_metrics m;
    struct ecgrt_counter *c;
    struct ecgrt_gauge *g;
    struct ecgrt_metrics_desc d = { "x_total", NULL, ab, 2 };

    (void)state;
    assert_int_equal(ecgrt_metrics_init(&m, 2), 0);
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), 0);
    d.labels = ba; /* the same label set in another order */
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), ECGRT_EEXIST);
    d.labels = b3;
    assert_int_equal(ecgrt_metrics_register_gauge(&g, &m, &d), ECGRT_EEXIST);
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), 0);
    d.name = "y";
    assert_int_equal(ecgrt_metrics_register_gauge(&g, &m, &d), ECGRT_ENOSPC);
    ecgrt_metrics_fini(&m);
    ecgrt_metrics_fini(&m); /* a finished (zeroed) registry is accepted */
}

static void test_metrics_rejects_bad_bounds(void **state)
{
    static const uint64_t unsorted[] = { 10, 5 };
    static const uint64_t equal[] = { 10, 10 };
    uint64_t many[ECGRT_METRICS_MAX_LE + 1];
    struct ecgrt_metrics m;
    struct ecgrt_hist *h;
    struct ecgrt_metrics_desc d = { "lat", NULL, NULL, 0 };

    (void)state;
    for (size_t i = 0; i < ECGRT_METRICS_MAX_LE + 1; i++)
        many[i] = i + 1;
    assert_int_equal(ecgrt_metrics_init(&m, 4), 0);
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, unsorted, 2), ECGRT_EINVAL);
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, equal, 2), ECGRT_EINVAL);
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, many, ECGRT_METRICS_MAX_LE + 1),
                     ECGRT_EINVAL);
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, many, ECGRT_METRICS_MAX_LE), 0);
    ecgrt_metrics_fini(&m);
}

/* With no bounds given, the 1-2-5 series from 10 to 5e9 and +Inf; with zero bounds only +Inf. */
static void test_metrics_default_and_empty_bounds(void **state)
{
    static const uint64_t none[] = { 0 };
    struct ecgrt_metrics m;
    struct ecgrt_hist *h;
    struct ecgrt_metrics_desc d = { "lat", NULL, NULL, 0 };
    char buf[TEXT_CAP];
    size_t len;

    (void)state;
    assert_int_equal(ecgrt_metrics_init(&m, 2), 0);
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, NULL, 0), 0);
    ecgrt_hist_record(h, 15);
    d.name = "bare";
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, none, 0), 0);
    assert_int_equal(ecgrt_metrics_prom_write(&len, buf, sizeof(buf), &m), 0);
    assert_non_null(strstr(buf, "# TYPE lat histogram\nlat_bucket{le=\"10\"} 0\n"
                                "lat_bucket{le=\"20\"} 1\n"));
    assert_non_null(strstr(buf, "lat_bucket{le=\"5000000000\"} 1\nlat_bucket{le=\"+Inf\"} 1\n"
                                "lat_sum 15\nlat_count 1\n"));
    assert_non_null(strstr(buf, "# TYPE bare histogram\nbare_bucket{le=\"+Inf\"} 0\nbare_sum 0\n"
                                "bare_count 0\n"));
    ecgrt_metrics_fini(&m);
}

/* Extreme values: the 128-bit histogram sum and the most negative gauge print exactly. */
static void test_metrics_extreme_values(void **state)
{
    struct ecgrt_metrics m;
    struct ecgrt_hist *h;
    struct ecgrt_gauge *g;
    struct ecgrt_counter *c;
    struct ecgrt_metrics_desc d = { "big", NULL, NULL, 0 };
    char buf[TEXT_CAP];
    size_t len;

    (void)state;
    assert_int_equal(ecgrt_metrics_init(&m, 3), 0);
    assert_int_equal(ecgrt_metrics_register_hist(&h, &m, &d, NULL, 0), 0);
    ecgrt_hist_record(h, UINT64_MAX);
    ecgrt_hist_record(h, UINT64_MAX);
    d.name = "low";
    assert_int_equal(ecgrt_metrics_register_gauge(&g, &m, &d), 0);
    ecgrt_metrics_gauge_set(g, INT64_MIN);
    d.name = "all_total";
    assert_int_equal(ecgrt_metrics_register_counter(&c, &m, &d), 0);
    ecgrt_metrics_counter_add(c, UINT64_MAX);
    assert_int_equal(ecgrt_metrics_prom_write(&len, buf, sizeof(buf), &m), 0);
    assert_non_null(strstr(buf, "\nbig_sum 36893488147419103230\n"));
    assert_non_null(strstr(buf, "\nlow -9223372036854775808\n"));
    assert_non_null(strstr(buf, "\nall_total 18446744073709551615\n"));
    assert_int_equal(ecgrt_metrics_json_write(&len, buf, sizeof(buf), &m), 0);
    assert_non_null(strstr(buf, "\"sum\":36893488147419103230,"));
    ecgrt_metrics_fini(&m);
}

static void test_metrics_empty_registry(void **state)
{
    struct ecgrt_metrics m;
    char buf[64];
    size_t len;

    (void)state;
    assert_int_equal(ecgrt_metrics_init(&m, 0), 0);
    assert_int_equal(ecgrt_metrics_prom_write(&len, buf, sizeof(buf), &m), 0);
    assert_string_equal(buf, "");
    assert_int_equal(ecgrt_metrics_json_write(&len, buf, sizeof(buf), &m), 0);
    assert_string_equal(buf, "{\"metrics\":[\n]}\n");
    ecgrt_metrics_fini(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_prometheus_text_is_exact),
        cmocka_unit_test(test_metrics_json_is_exact),
        cmocka_unit_test(test_metrics_measure_then_exact_fit),
        cmocka_unit_test(test_metrics_file_output_matches_buffer),
        cmocka_unit_test(test_metrics_rejects_bad_names),
        cmocka_unit_test(test_metrics_rejects_duplicates_and_full),
        cmocka_unit_test(test_metrics_rejects_bad_bounds),
        cmocka_unit_test(test_metrics_default_and_empty_bounds),
        cmocka_unit_test(test_metrics_extreme_values),
        cmocka_unit_test(test_metrics_empty_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
