/* Unit tests of the HTML report: the page data built from a SARIF log (rules, states, order,
 * places, snippets from files and from the log), the escaping of the embedded data, and the
 * check of the metrics file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "sarif/html.h"
#include "sarif/html_int.h"
#include "sarif/read.h"
#include "tests/support/testkit.h"

/* A log with two results in a file of the test's directory (given as its base id), one with a
 * snippet in a file that does not exist, a rule the driver does not list, and one result of
 * each state. %s is the directory. */
static const char log_template[] =
    "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"ecg\", "
    "\"semanticVersion\": \"9.9\", \"rules\": [{\"id\": \"r-one\", \"name\": \"One\", "
    "\"defaultConfiguration\": {\"level\": \"error\"}}]}},"
    "\"originalUriBaseIds\": {\"ROOT\": {\"uri\": \"file://%s/\"}},"
    "\"results\": ["
    "{\"ruleId\": \"r-one\", \"level\": \"error\", \"message\": {\"text\": \"late\"},"
    " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.c\", "
    "\"uriBaseId\": \"ROOT\"}, \"region\": {\"startLine\": 9, \"startColumn\": 2, \"endLine\": "
    "10}}}],"
    " \"relatedLocations\": [{\"message\": {\"text\": \"declared here\"}, \"physicalLocation\": "
    "{\"artifactLocation\": {\"uri\": \"a.c\", \"uriBaseId\": \"ROOT\"}, \"region\": "
    "{\"startLine\": 1}}}]},"
    "{\"ruleId\": \"r-two\", \"level\": \"note\", \"message\": {\"text\": \"</script> early\"},"
    " \"baselineState\": \"unchanged\","
    " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.c\", "
    "\"uriBaseId\": \"ROOT\"}, \"region\": {\"startLine\": 1, \"startColumn\": 1}}}]},"
    "{\"ruleId\": \"r-one\", \"message\": {\"text\": \"gone\"}, \"baselineState\": \"absent\","
    " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"zz/missing.c\"},"
    " \"region\": {\"startLine\": 4, \"snippet\": {\"text\": \"  only(line);\\n\"}}}}]},"
    "{\"ruleId\": \"r-one\", \"message\": {\"text\": \"hushed\"}, \"suppressions\": "
    "[{\"kind\": \"inSource\", \"justification\": \"checked\"}],"
    " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"b.c\"}, "
    "\"region\": {\"startLine\": 3}}}]}"
    "]}]}";

/* Ten lines "line 1" .. "line 10", the fifth ending in CRLF. */
static const char source_text[] = "line 1\nline 2\nline 3\nline 4\nline 5\r\nline 6\nline 7\n"
                                  "line 8\nline 9\nline 10\n";

struct fixture {
    char dir[512];
    struct sarif_doc *doc;
    cJSON *data;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char path[600];
    char log[sizeof log_template + 512];
    struct sarif_html_input in = { 0 };
    struct ecg_diag diag;

    assert_non_null(fx);
    assert_int_equal(testkit_tmpdir(fx->dir, sizeof fx->dir, "html"), 0);
    testkit_write_in(path, sizeof path, fx->dir, "a.c", source_text);
    snprintf(log, sizeof log, log_template, fx->dir);
    assert_int_equal(sarif_read_text(&fx->doc, log, strlen(log), "t.sarif", &diag), 0);
    in.sarif = fx->doc;
    in.source_root = fx->dir;
    assert_int_equal(sarif_html_data(&fx->data, &in), 0);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    cJSON_Delete(fx->data);
    sarif_read_free(fx->doc);
    testkit_remove_tree(fx->dir);
    free(fx);
    return 0;
}

/* The finding whose message is text. */
static const cJSON *finding(const cJSON *data, const char *text)
{
    const cJSON *f;

    cJSON_ArrayForEach(f, cJSON_GetObjectItem(data, "findings"))
    {
        if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f, "m")), text) == 0)
            return f;
    }
    fail_msg("no finding '%s'", text);
    return NULL;
}

static void test_sarif_html_rules_listed_and_unknown_added(void **state)
{
    const struct fixture *fx = *state;

    assert_int_equal(testkit_size_at(fx->data, "rules"), 2);
    testkit_assert_str_at(fx->data, "rules.0.id", "r-one");
    testkit_assert_str_at(fx->data, "rules.0.l", "error");
    testkit_assert_str_at(fx->data, "rules.1.id", "r-two");
    testkit_assert_num_at(finding(fx->data, "</script> early"), "r", 1);
    testkit_assert_str_at(fx->data, "tool", "ecg");
    testkit_assert_str_at(fx->data, "version", "9.9");
}

static void test_sarif_html_each_result_gets_its_state(void **state)
{
    const struct fixture *fx = *state;

    testkit_assert_str_at(finding(fx->data, "late"), "k", "open");
    testkit_assert_str_at(finding(fx->data, "</script> early"), "k", "baseline");
    testkit_assert_str_at(finding(fx->data, "gone"), "k", "absent");
    testkit_assert_str_at(finding(fx->data, "hushed"), "k", "suppressed");
    testkit_assert_str_at(finding(fx->data, "hushed"), "sj", "checked");
}

static void test_sarif_html_findings_sorted_by_file_and_line(void **state)
{
    const struct fixture *fx = *state;

    testkit_assert_str_at(fx->data, "findings.0.m", "</script> early");
    testkit_assert_str_at(fx->data, "findings.1.m", "late");
    testkit_assert_str_at(fx->data, "findings.2.m", "hushed");
    testkit_assert_str_at(fx->data, "findings.3.m", "gone");
}

static void test_sarif_html_snippet_has_context_from_the_file(void **state)
{
    const cJSON *late = finding(((struct fixture *)*state)->data, "late");

    /* Region 9-10 with two lines of context, cut at the end of the ten-line file. */
    testkit_assert_num_at(late, "sn.a", 7);
    assert_int_equal(testkit_size_at(late, "sn.t"), 4);
    testkit_assert_str_at(late, "sn.t.0", "line 7");
    testkit_assert_str_at(late, "sn.t.3", "line 10");
    testkit_assert_num_at(late, "sn.h.0", 9);
    testkit_assert_num_at(late, "sn.h.1", 10);
    testkit_assert_num_at(late, "ln", 9);
    testkit_assert_num_at(late, "c", 2);
}

static void test_sarif_html_related_location_has_one_line(void **state)
{
    const cJSON *late = finding(((struct fixture *)*state)->data, "late");

    testkit_assert_str_at(late, "rel.0.m", "declared here");
    assert_int_equal(testkit_size_at(late, "rel.0.sn.t"), 1);
    testkit_assert_str_at(late, "rel.0.sn.t.0", "line 1");
}

static void test_sarif_html_snippet_at_file_start(void **state)
{
    const cJSON *early = finding(((struct fixture *)*state)->data, "</script> early");

    testkit_assert_num_at(early, "sn.a", 1);
    assert_int_equal(testkit_size_at(early, "sn.t"), 3);
    testkit_assert_str_at(early, "sn.t.0", "line 1");
}

static void test_sarif_html_snippet_falls_back_to_the_log(void **state)
{
    const cJSON *gone = finding(((struct fixture *)*state)->data, "gone");

    testkit_assert_num_at(gone, "sn.a", 4);
    assert_int_equal(testkit_size_at(gone, "sn.t"), 1);
    testkit_assert_str_at(gone, "sn.t.0", "  only(line);");
    testkit_assert_absent(finding(((struct fixture *)*state)->data, "hushed"), "sn");
}

static void test_sarif_html_crlf_is_not_shown(void **state)
{
    struct fixture *fx = *state;
    char log[2048];
    char path[600];
    struct sarif_doc *doc = NULL;
    struct sarif_html_input in = { 0 };
    cJSON *data = NULL;
    struct ecg_diag diag;

    snprintf(log, sizeof log,
             "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
             " \"results\": [{\"ruleId\": \"r\", \"message\": {\"text\": \"m\"}, \"locations\": "
             "[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"%s\"}, \"region\": "
             "{\"startLine\": 5}}}]}]}]}",
             testkit_path(path, sizeof path, "%s/a.c", fx->dir));
    assert_int_equal(sarif_read_text(&doc, log, strlen(log), "c.sarif", &diag), 0);
    in.sarif = doc;
    assert_int_equal(sarif_html_data(&data, &in), 0);
    testkit_assert_str_at(data, "findings.0.sn.t.2", "line 5");
    cJSON_Delete(data);
    sarif_read_free(doc);
}

/* Writes the page of the fixture's log into a buffer. */
static char *page_of(const struct fixture *fx, const cJSON *metrics, int *rc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    struct sarif_html_input in = {
        .sarif = fx->doc, .metrics = metrics, .metrics_path = "m.json", .source_root = fx->dir
    };
    struct ecg_diag diag;

    assert_non_null(out);
    *rc = sarif_html_write(out, &in, &diag);
    fclose(out);
    return text;
}

static void test_sarif_html_page_escapes_script_end(void **state)
{
    int rc = -1;
    char *page = page_of(*state, NULL, &rc);
    size_t scripts = 0;

    assert_int_equal(rc, 0);
    for (const char *p = strstr(page, "<script"); p != NULL; p = strstr(p + 1, "<script"))
        scripts++;
    assert_int_equal(scripts, 2);
    assert_non_null(strstr(page, "\\u003c/script> early"));
    assert_null(strstr(page, "</script> early"));
    assert_null(strstr(page, "id=\"metrics\""));
    free(page);
}

static void test_sarif_html_metrics_drawn(void **state)
{
    cJSON *metrics = cJSON_Parse(
        "{\"functions\": [{\"path\": \"a.c\", \"function\": \"big<T>\", \"line\": 3, "
        "\"cyclomatic\": 14, \"cognitive\": 30}, {\"path\": \"a.c\", \"function\": \"small\", "
        "\"line\": 9, \"cyclomatic\": 1, \"cognitive\": 0}], \"files\": [{\"path\": \"a.c\", "
        "\"count\": 2, \"cyclomatic\": {\"mean\": 7.5, \"max\": 14}, \"cognitive\": {\"mean\": "
        "15, \"max\": 30}}], \"project\": {}}");
    int rc = -1;
    char *page;

    assert_non_null(metrics);
    page = page_of(*state, metrics, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(page, "id=\"metrics\""));
    assert_non_null(strstr(page, "big&lt;T&gt;"));
    assert_non_null(strstr(page, "<g class=\"bar over\">"));
    assert_non_null(strstr(page, "<title>10-14: 1 functions</title>"));
    assert_non_null(strstr(page, "<title>1-2: 1 functions</title>"));
    free(page);
    cJSON_Delete(metrics);
}

static void test_sarif_html_metrics_of_wrong_shape_refused(void **state)
{
    cJSON *metrics = cJSON_Parse("{\"functions\": [{\"path\": \"a.c\", \"function\": \"f\", "
                                 "\"line\": 1, \"cyclomatic\": \"high\", \"cognitive\": 1}], "
                                 "\"files\": []}");
    struct ecg_diag diag;

    (void)state;
    ecg_diag_clear(&diag);
    assert_int_equal(sarif_html_metrics_check(metrics, "m.json", &diag), ECG_EPARSE);
    assert_string_equal(diag.path, "m.json");
    assert_non_null(strstr(diag.message, "functions[0]: 'cyclomatic'"));
    cJSON_Delete(metrics);
    metrics = cJSON_Parse("[1, 2]");
    assert_int_equal(sarif_html_metrics_check(metrics, "m.json", &diag), ECG_EPARSE);
    cJSON_Delete(metrics);
    metrics = cJSON_Parse("{\"functions\": []}");
    assert_int_equal(sarif_html_metrics_check(metrics, "m.json", &diag), ECG_EPARSE);
    assert_non_null(strstr(diag.message, "'files'"));
    cJSON_Delete(metrics);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif_html_rules_listed_and_unknown_added, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_each_result_gets_its_state, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_findings_sorted_by_file_and_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_snippet_has_context_from_the_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_related_location_has_one_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_snippet_at_file_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_snippet_falls_back_to_the_log, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_crlf_is_not_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_page_escapes_script_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_metrics_drawn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_html_metrics_of_wrong_shape_refused, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
