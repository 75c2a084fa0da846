/* Unit tests for the rows of `ecg metrics` (analyzer/metrics_rows.c): adding a function's
 * metrics as written or expanded, moving rows between sets, and a job filling its rows
 * through the walk's metrics sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/fnmetrics.h"
#include "analyzer/job.h"
#include "analyzer/metrics.h"
#include "tests/support/testkit.h"

/* A job with collect_metrics gets one row per function of its kept files, with the
 * absolute path; written or expanded counts as env asks. */
static void test_metrics_rows_job_collects_rows(void **state)
{
    char dir[512], path[600];
    struct ecg_unit_env env = { ECG_DEFAULT_RESOURCE_DIR, NULL, 0, 1, 0 };
    CXIndex index = clang_createIndex(0, 0);
    struct ecg_job job;

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "fnmetrics"), 0);
    testkit_write_in(path, sizeof(path), dir, "u.c",
                     "#define CHECK(x) if (!(x)) return -1\n"
                     "int f(int a) { CHECK(a); return a && a; }\n"
                     "static int g(void) { return 0; }\n");
    env.root = dir;
    for (int expanded = 0; expanded < 2; expanded++) {
        memset(&job, 0, sizeof(job));
        job.file = strdup(path);
        job.directory = strdup(dir);
        assert_non_null(job.file);
        assert_non_null(job.directory);
        env.metrics_expanded = expanded;
        ecg_job_analyze(&job, index, &env);
        assert_false(job.failed);
        assert_int_equal(job.rc, 0);
        assert_int_equal(job.metrics.len, 2);
        assert_string_equal(job.metrics.items[0].path, path);
        assert_string_equal(job.metrics.items[0].function, "f");
        assert_int_equal(job.metrics.items[0].line, 2);
        assert_int_equal(job.metrics.items[0].cyclomatic, expanded ? 3 : 2);
        assert_int_equal(job.metrics.items[0].cognitive, expanded ? 2 : 1);
        assert_int_equal(job.metrics.items[0].parameters, 1);
        assert_true(job.metrics.items[0].maintainability > 0.0);
        assert_string_equal(job.metrics.items[1].function, "g");
        ecg_job_fini(&job);
    }
    clang_disposeIndex(index);
    testkit_remove_tree(dir);
}

/* Rows: add copies path and name, move_all appends in order and leaves the source empty. */
static void test_metrics_rows_add_and_move(void **state)
{
    struct ecg_fn_metrics m;
    struct ecg_metrics_rows a, b;

    (void)state;
    memset(&m, 0, sizeof(m));
    m.name = "fn";
    m.line = 7;
    m.written.cyclomatic = 2;
    m.expanded.cyclomatic = 5;
    m.written.max_nesting = 1;
    m.expanded.max_nesting = 3;
    m.mi_normalized = 55.5;
    m.halstead_volume = 10.0;
    ecg_metrics_rows_init(&a);
    ecg_metrics_rows_init(&b);
    assert_int_equal(ecg_metrics_rows_add(&a, &m, "/p/a.c", 0), 0);
    assert_int_equal(ecg_metrics_rows_add(&b, &m, "/p/b.c", 1), 0);
    assert_int_equal(ecg_metrics_rows_add(&b, &m, "/p/c.c", 0), 0);
    assert_int_equal(a.items[0].cyclomatic, 2);
    assert_int_equal(a.items[0].max_nesting, 1);
    assert_int_equal(b.items[0].cyclomatic, 5);
    assert_int_equal(b.items[0].max_nesting, 3);
    assert_true(a.items[0].maintainability == 55.5);
    assert_int_equal(ecg_metrics_rows_move_all(&a, &b), 0);
    assert_int_equal(a.len, 3);
    assert_int_equal(b.len, 0);
    assert_string_equal(a.items[1].path, "/p/b.c");
    assert_string_equal(a.items[2].path, "/p/c.c");
    assert_string_equal(a.items[2].function, "fn");
    /* Into an empty set the rows are handed over whole. */
    assert_int_equal(ecg_metrics_rows_move_all(&b, &a), 0);
    assert_int_equal(b.len, 3);
    assert_int_equal(a.len, 0);
    ecg_metrics_rows_fini(&a);
    ecg_metrics_rows_fini(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_rows_add_and_move),
        cmocka_unit_test(test_metrics_rows_job_collects_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
