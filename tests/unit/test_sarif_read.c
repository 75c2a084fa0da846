/* Unit tests for loading SARIF logs (sarif/read.c): JSON and shape errors carry the file,
 * line and column of the offending value; views of results resolve rule ids, levels,
 * locations, fingerprints, suppressions and baseline state as SARIF defines them.
 * Logs are written with ' for " to stay readable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "sarif/read.h"
#include "tests/support/sarif_logs.h"
#include "tests/support/testkit.h"

#define LOG_HEAD "{'version': '2.1.0', 'runs': [{'tool': {'driver': {'name': 'ecg'"

/* The name logs are loaded as. */
#define ORIGIN "log.sarif"

static void expect_error(const char *text, unsigned line, unsigned col, const char *needle)
{
    struct sarif_doc *doc = NULL;
    struct ecg_diag diag;

    assert_int_equal(sarif_logs_read(&doc, text, ORIGIN, &diag), ECG_EPARSE);
    assert_null(doc);
    sarif_logs_expect_diag(&diag, ORIGIN, line, col, needle);
}

static void test_sarif_read_accepts_minimal_log(void **state)
{
    struct sarif_doc *doc = NULL;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(sarif_logs_read(&doc, LOG_HEAD "}}, 'results': null}]}", ORIGIN, &diag), 0);
    assert_non_null(doc);
    assert_string_equal(doc->path, ORIGIN);
    assert_non_null(doc->root);
    sarif_read_free(doc);
    assert_int_equal(sarif_logs_read(&doc, "{'version': '2.1.0', 'runs': []}", ORIGIN, &diag), 0);
    sarif_read_free(doc);
    sarif_read_free(NULL);
}

static void test_sarif_read_bad_json_has_position(void **state)
{
    (void)state;
    expect_error("{\n  'version': '2.1.0',\n  'runs': [}\n", 3, 12, "invalid JSON");
    expect_error("", 1, 1, "invalid JSON");
}

static void test_sarif_read_not_sarif(void **state)
{
    (void)state;
    expect_error("[1, 2]", 1, 1, "not a SARIF 2.1.0 log: the top-level value must be an object");
    expect_error("{'runs': []}", 1, 1, "not a SARIF 2.1.0 log: the log has no \"version\"");
    expect_error("{\n 'version': '2.0.0', 'runs': []}", 2, 13,
                 "not a SARIF 2.1.0 log: its version is '2.0.0'");
    expect_error("{'version': 2.1, 'runs': []}", 1, 13, "version must be a string");
    expect_error("{'version': '2.1.0'}", 1, 1, "the log has no \"runs\"");
    expect_error("{'version': '2.1.0', 'runs': {}}", 1, 30,
                 "not a SARIF 2.1.0 log: runs must be an array");
    expect_error("{'version': '2.1.0', 'runs': [{}]}", 1, 31, "runs[0] has no \"tool\"");
    expect_error("{'version': '2.1.0', 'runs': [{'tool': {'driver': {}}}]}", 1, 51,
                 "not a SARIF 2.1.0 log: runs[0].tool.driver has no \"name\"");
    expect_error("{'version': '2.1.0', 'runs': [{'tool': {'driver': {'name': ''}}}]}", 1, 60,
                 "runs[0].tool.driver.name is empty");
    expect_error("{'version': '2.1.0', 'runs': [7]}", 1, 31, "runs[0] must be an object");
}

static void test_sarif_read_checks_rules_and_results(void **state)
{
    (void)state;
    expect_error(LOG_HEAD ", 'rules': [{'name': 'x'}]}}}]}", 1, 77,
                 "invalid SARIF log: runs[0].tool.driver.rules[0] has no \"id\"");
    expect_error(LOG_HEAD "}}, 'results': {}}]}", 1, 80, "runs[0].results must be an array");
    expect_error(LOG_HEAD "}}, 'results': [3]}]}", 1, 81, "runs[0].results[0] must be an object");
    expect_error(LOG_HEAD "}}, 'results': [{'ruleIndex': 0}]}]}", 1, 95,
                 "runs[0].results[0].ruleIndex must be -1 or the index of one of the 0 rules");
    expect_error(LOG_HEAD ", 'rules': [{'id': 'a'}]}}, 'results': [{'ruleIndex': 0.5}]}]}", 1, 119,
                 "ruleIndex must be -1");
    expect_error(LOG_HEAD ", 'rules': [{'id': 'a'}]}}, 'results': [{'rule': {'index': 1}}]}]}", 1,
                 124, "rule.index must be -1");
    expect_error(LOG_HEAD "}}, 'results': [{'level': 'fatal'}]}]}", 1, 91,
                 "runs[0].results[0].level 'fatal' is not one of none, note, warning, error");
    expect_error(LOG_HEAD "}}, 'results': [{'partialFingerprints': []}]}]}", 1, 105,
                 "runs[0].results[0].partialFingerprints must be an object");
    expect_error(LOG_HEAD "}}, 'results': [{'suppressions': {}}]}]}", 1, 98,
                 "runs[0].results[0].suppressions must be an array");
}

static void test_sarif_read_checks_invocations_and_base_ids(void **state)
{
    (void)state;
    expect_error(LOG_HEAD "}}, 'invocations': [{}]}]}", 1, 85,
                 "runs[0].invocations[0] has no \"executionSuccessful\"");
    expect_error(LOG_HEAD "}}, 'invocations': [{'executionSuccessful': 'yes'}]}]}", 1, 109,
                 "executionSuccessful must be true or false");
    expect_error(LOG_HEAD "}}, 'originalUriBaseIds': {'ROOT': 'file:///x/'}}]}", 1, 100,
                 "runs[0].originalUriBaseIds[\"ROOT\"] must be an object");
    expect_error(LOG_HEAD "}}, 'columnKind': 1}]}", 1, 83, "runs[0].columnKind must be a string");
}

static void test_sarif_read_file_errors_name_the_file(void **state)
{
    char dir[4096];
    char path[4200];
    struct sarif_doc *doc = NULL;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "sarif-read"), 0);
    ecg_diag_clear(&diag);
    testkit_path(path, sizeof(path), "%s/missing.sarif", dir);
    assert_int_equal(sarif_read_file(&doc, path, &diag), ECG_EIO);
    assert_string_equal(diag.path, path);
    testkit_write_in(path, sizeof(path), dir, "v.sarif", "{\"version\": \"2.1.0\",\n\"runs\": 1}");
    assert_int_equal(sarif_read_file(&doc, path, &diag), ECG_EPARSE);
    assert_null(doc);
    assert_string_equal(diag.path, path);
    assert_int_equal(diag.line, 2);
    assert_int_equal(diag.col, 9);
    testkit_write_in(path, sizeof(path), dir, "ok.sarif", "{\"version\": \"2.1.0\", \"runs\": []}");
    assert_int_equal(sarif_read_file(&doc, path, &diag), 0);
    assert_string_equal(doc->path, path);
    sarif_read_free(doc);
    assert_int_equal(testkit_remove_tree(dir), 0);
}

/* The view of results[i] of the first run of doc. */
static void view_of(struct sarif_result_view *out, const struct sarif_doc *doc, int i)
{
    const cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(doc->root, "runs"), 0);
    const cJSON *result = cJSON_GetArrayItem(cJSON_GetObjectItem(run, "results"), i);

    assert_non_null(result);
    sarif_read_view(out, run, result);
}

/* Checks the rule id, level and message of the view of results[i] of the first run of doc. */
static void expect_view(const struct sarif_doc *doc, int i, const char *rule_id, const char *level,
                        const char *message)
{
    struct sarif_result_view v;

    view_of(&v, doc, i);
    assert_string_equal(v.rule_id, rule_id);
    assert_string_equal(v.level, level);
    assert_string_equal(v.message, message);
}

static void test_sarif_read_view_resolves_rules_and_levels(void **state)
{
    static const char log[] =
        LOG_HEAD ", 'rules': [{'id': 'r0', 'defaultConfiguration': {'level': 'error'}},"
                 " {'id': 'r1'}]}}, 'results': ["
                 "{'ruleIndex': 0, 'message': {'text': 'm0'}},"
                 "{'rule': {'index': 1}},"
                 "{'ruleId': 'own', 'ruleIndex': 1, 'level': 'note'},"
                 "{'ruleId': 'r1', 'kind': 'pass'},"
                 "{'rule': {'id': 'by-ref'}, 'kind': 'fail'}]}]}";
    struct sarif_doc *doc = sarif_logs_read_ok(log, ORIGIN);

    (void)state;
    expect_view(doc, 0, "r0", "error", "m0");
    expect_view(doc, 1, "r1", "warning", "r1");
    expect_view(doc, 2, "own", "note", "own");
    expect_view(doc, 3, "r1", "none", "r1");
    expect_view(doc, 4, "by-ref", "warning", "by-ref");
    sarif_read_free(doc);
}

static void test_sarif_read_view_location_fingerprint_suppression(void **state)
{
    static const char log[] = LOG_HEAD
        "}}, 'results': ["
        "{'ruleId': 'a', 'locations': [{'physicalLocation': {'artifactLocation': {'uri': "
        "'src/a.c', 'uriBaseId': '%SRCROOT%'}, 'region': {'startLine': 4, 'startColumn': 2}}}],"
        " 'partialFingerprints': {'ecg/v1': '00ff', 'primaryLocationLineHash': 'x'},"
        " 'suppressions': [{'kind': 'inSource', 'status': 'rejected'}]},"
        "{'ruleId': 'a', 'locations': [{'physicalLocation': {'region': {'startLine': 0}}}],"
        " 'suppressions': [{'kind': 'inSource', 'status': 'underReview'}, {'kind': 'external'}],"
        " 'partialFingerprints': {'ecg/v1': 7}, 'baselineState': 'absent'},"
        "{'ruleId': 'a', 'suppressions': [], 'baselineState': 'unchanged'}]}]}";
    struct sarif_doc *doc = sarif_logs_read_ok(log, ORIGIN);
    struct sarif_result_view v;

    (void)state;
    view_of(&v, doc, 0);
    assert_string_equal(v.uri, "src/a.c");
    assert_string_equal(v.uri_base_id, "%SRCROOT%");
    assert_int_equal(v.line, 4);
    assert_int_equal(v.col, 2);
    assert_string_equal(v.fingerprint, "00ff");
    assert_false(v.suppressed);
    assert_false(v.absent);
    view_of(&v, doc, 1);
    assert_null(v.uri);
    assert_int_equal(v.line, 0);
    assert_int_equal(v.col, 0);
    assert_null(v.fingerprint);
    assert_true(v.suppressed);
    assert_true(v.absent);
    view_of(&v, doc, 2);
    assert_false(v.suppressed);
    assert_false(v.absent);
    sarif_read_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sarif_read_accepts_minimal_log),
        cmocka_unit_test(test_sarif_read_bad_json_has_position),
        cmocka_unit_test(test_sarif_read_not_sarif),
        cmocka_unit_test(test_sarif_read_checks_rules_and_results),
        cmocka_unit_test(test_sarif_read_checks_invocations_and_base_ids),
        cmocka_unit_test(test_sarif_read_file_errors_name_the_file),
        cmocka_unit_test(test_sarif_read_view_resolves_rules_and_levels),
        cmocka_unit_test(test_sarif_read_view_location_fingerprint_suppression),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
