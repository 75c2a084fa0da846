/* Unit tests for the complexity-* rules beyond what fixtures can express: the related
 * locations of complexity-cognitive (one per increment, their points adding up to the total),
 * the range of a finding (the function's name), and complexity-maintainability being opt-in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cli.h"
#include "analyzer/diag.h"
#include "analyzer/result.h"
#include "analyzer/run.h"
#include "tests/support/testkit.h"

struct check {
    char dir[1024];
    struct ecg_result result;
};

/* Analyses source as t.c in a fresh directory with the given checks (NULL: the defaults)
 * and inline configuration (NULL: none). */
static void check_source(struct check *c, const char *source, const char *checks,
                         const char *config)
{
    struct ecg_check_options opts;
    struct ecg_diag diag;
    char path[1200];

    memset(&opts, 0, sizeof(opts));
    ecg_diag_clear(&diag);
    ecg_result_init(&c->result);
    assert_int_equal(testkit_tmpdir(c->dir, sizeof(c->dir), "complexity"), 0);
    testkit_write_in(path, sizeof(path), c->dir, "t.c", source);
    opts.checks = checks != NULL ? strdup(checks) : NULL;
    opts.config_text = config != NULL ? strdup(config) : NULL;
    opts.project_root = strdup(c->dir);
    assert_non_null(opts.project_root);
    opts.jobs = 1;
    opts.quiet = 1;
    opts.no_db = 1;
    opts.has_compiler_args = 1;
    assert_int_equal(ecg_strvec_push(&opts.files, path), 0);
    assert_int_equal(ecg_run_check(&c->result, &opts, stderr, &diag), 0);
    assert_int_equal(c->result.units_failed, 0);
    ecg_cli_fini(&opts);
}

static void check_fini(struct check *c)
{
    ecg_result_fini(&c->result);
    assert_int_equal(testkit_remove_tree(c->dir), 0);
}

/* The only finding of rule_id; fails the test unless there is exactly one. */
static const struct ecg_finding *only_finding(const struct check *c, const char *rule_id)
{
    const struct ecg_finding *found = NULL;

    for (size_t i = 0; i < c->result.findings.len; i++) {
        const struct ecg_finding *f = &c->result.findings.items[i];
        if (strcmp(f->rule_id, rule_id) != 0)
            continue;
        assert_null(found);
        found = f;
    }
    assert_non_null(found);
    return found;
}

static size_t count_findings(const struct check *c, const char *rule_id)
{
    size_t n = 0;

    for (size_t i = 0; i < c->result.findings.len; i++)
        n += strcmp(c->result.findings.items[i].rule_id, rule_id) == 0;
    return n;
}

/* The sum of the "+N" that open the notes' messages. */
static unsigned long sum_of_notes(const struct ecg_finding *f)
{
    unsigned long sum = 0;

    for (size_t i = 0; i < f->n_related; i++) {
        const char *m = f->related[i].message;
        char *end;
        assert_int_equal(m[0], '+');
        sum += strtoul(m + 1, &end, 10);
        assert_true(end > m + 1);
    }
    return sum;
}

static const char nested_source[] = "int drain(int *q, int n)\n"          /* 1 */
                                    "{\n"                                 /* 2 */
                                    "    for (int i = 0; i < n; i++) {\n" /* 3 */
                                    "        if (q[i] > 0) {\n"           /* 4 */
                                    "            while (q[i] > 10)\n"     /* 5 */
                                    "                q[i] -= 10;\n"
                                    "        }\n"
                                    "    }\n"
                                    "    return 0;\n"
                                    "}\n";

static void test_complexity_cognitive_notes_explain_each_increment(void **state)
{
    struct check c;
    const struct ecg_finding *f;

    (void)state;
    check_source(&c, nested_source, "-*,complexity-cognitive",
                 "{\"rules\": {\"complexity-cognitive\": {\"threshold\": 5}}}");
    f = only_finding(&c, "complexity-cognitive");
    assert_non_null(strstr(f->message, "cognitive complexity 6 (threshold 5)"));
    assert_int_equal(f->n_related, 3);
    assert_string_equal(f->related[0].message, "+1: for");
    assert_int_equal(f->related[0].range.line, 3);
    assert_int_equal(f->related[0].range.col, 5);
    assert_string_equal(f->related[1].message, "+2 (incl. 1 for nesting): if");
    assert_int_equal(f->related[1].range.line, 4);
    assert_string_equal(f->related[2].message, "+3 (incl. 2 for nesting): while");
    assert_int_equal(f->related[2].range.line, 5);
    check_fini(&c);
}

static const char macro_source[] = "#define RETURN_IF(c) do { if (c) return -1; } while (0)\n"
                                   "int open_all(int a, int b)\n"
                                   "{\n"
                                   "    RETURN_IF(a < 0);\n"
                                   "    RETURN_IF(b < 0);\n"
                                   "    if (a == b)\n"
                                   "        return 1;\n"
                                   "    return 0;\n"
                                   "}\n";

static void test_complexity_cognitive_notes_follow_the_macro_option(void **state)
{
    struct check c;
    const struct ecg_finding *f;

    (void)state;
    check_source(&c, macro_source, "-*,complexity-cognitive",
                 "{\"rules\": {\"complexity-cognitive\": {\"threshold\": 0}}}");
    f = only_finding(&c, "complexity-cognitive");
    assert_int_equal(f->n_related, 1); /* only the written if */
    assert_string_equal(f->related[0].message, "+1: if");
    assert_int_equal(f->related[0].range.line, 6);
    check_fini(&c);

    check_source(&c, macro_source, "-*,complexity-cognitive",
                 "{\"rules\": {\"complexity-cognitive\": {\"threshold\": 0, "
                 "\"count_macro_expansions\": true}}}");
    f = only_finding(&c, "complexity-cognitive");
    assert_non_null(strstr(f->message, "cognitive complexity 7 "));
    assert_int_equal(f->n_related, 5); /* do, if, do, if, and the written if */
    assert_int_equal(sum_of_notes(f), 7);
    assert_int_equal(f->related[0].range.line, 4); /* at the invocation */
    check_fini(&c);
}

static void test_complexity_finding_covers_the_function_name(void **state)
{
    struct check c;
    const struct ecg_finding *f;

    (void)state;
    check_source(&c, nested_source, "-*,complexity-cyclomatic",
                 "{\"rules\": {\"complexity-cyclomatic\": {\"threshold\": 2}}}");
    f = only_finding(&c, "complexity-cyclomatic");
    assert_int_equal(f->range.line, 1);
    assert_int_equal(f->range.col, 5);
    assert_int_equal(f->range.end_line, 1);
    assert_int_equal(f->range.end_col, 5 + strlen("drain"));
    check_fini(&c);
}

static void test_complexity_maintainability_is_opt_in(void **state)
{
    struct check c;

    (void)state;
    /* threshold 200 is above the best possible index, so any enabled run reports. */
    check_source(&c, nested_source, NULL,
                 "{\"rules\": {\"complexity-maintainability\": {\"threshold\": 200}}}");
    assert_int_equal(count_findings(&c, "complexity-maintainability"), 0);
    check_fini(&c);

    check_source(&c, nested_source, "complexity-maintainability",
                 "{\"rules\": {\"complexity-maintainability\": {\"threshold\": 200}}}");
    assert_int_equal(count_findings(&c, "complexity-maintainability"), 1);
    check_fini(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complexity_cognitive_notes_explain_each_increment),
        cmocka_unit_test(test_complexity_cognitive_notes_follow_the_macro_option),
        cmocka_unit_test(test_complexity_finding_covers_the_function_name),
        cmocka_unit_test(test_complexity_maintainability_is_opt_in),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
