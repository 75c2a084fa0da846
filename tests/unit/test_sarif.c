/* Unit tests for the SARIF writer's basics: the log is parsed back with cJSON and checked
 * field by field (driver and rules, code point columns, URIs, related locations, flows, fixes,
 * all-or-none suppressions, invocation), and output is byte-identical across writes. Profiles,
 * limits, line hashes (and their source), baselines and help URIs: test_sarif_limits.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/result.h"
#include "rules/rule.h"
#include "sarif/sarif.h"
#include "tests/support/sarif_fixture.h"
#include "tests/support/testkit.h"

#define BF SARIF_FIXTURE_BANNED_ID

static void test_sarif_header_driver_and_rules(void **state)
{
    struct sarif_fixture *fx = *state;
    const cJSON *rule;
    const cJSON *tags;

    sarif_fixture_write_log(fx, NULL);
    testkit_assert_str_at(fx->log, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    testkit_assert_str_at(fx->log, "version", "2.1.0");
    assert_int_equal(cJSON_GetArraySize(testkit_json_at(fx->log, "runs")), 1);
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.name", "ecg");
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.semanticVersion", "0.1.0");
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.informationUri",
                          "https://github.com/ecg-tools/ecg");
    rule = testkit_json_at(fx->log, "runs.0.tool.driver.rules.0");
    testkit_assert_str_at(rule, "id", BF);
    testkit_assert_str_at(rule, "name", "Banned function");
    testkit_assert_str_at(rule, "shortDescription.text", sarif_fixture_rule_banned.summary);
    testkit_assert_str_at(rule, "fullDescription.text", sarif_fixture_rule_banned.description);
    testkit_assert_str_at(rule, "helpUri",
                          "https://github.com/ecg-tools/ecg/blob/main/docs/rules/" BF ".md");
    testkit_assert_str_at(rule, "help.text",
                          "Flags C library calls that cannot bound their output.\n\n"
                          "strcpy, gets and sprintf write past their buffer.\n\n"
                          "See https://github.com/ecg-tools/ecg/blob/main/docs/rules/" BF ".md");
    assert_non_null(strstr(testkit_json_at(rule, "help.markdown")->valuestring,
                           "[Documentation](https://github.com/ecg-tools/ecg/blob/main/docs/"
                           "rules/" BF ".md)"));
    testkit_assert_str_at(rule, "defaultConfiguration.level", "warning");
    testkit_assert_str_at(rule, "properties.precision", "high");
    testkit_assert_str_at(rule, "properties.security-severity", "8.1");
    tags = testkit_json_at(rule, "properties.tags");
    assert_int_equal(cJSON_GetArraySize(tags), 4);
    testkit_assert_str_at(tags, "0", "security");
    testkit_assert_str_at(tags, "1", "maintainability");
    testkit_assert_str_at(tags, "2", "external/cwe/cwe-242");
    testkit_assert_str_at(tags, "3", "external/cwe/cwe-676");
    rule = testkit_json_at(fx->log, "runs.0.tool.driver.rules.1");
    testkit_assert_str_at(rule, "id", "style-plain");
    testkit_assert_str_at(rule, "defaultConfiguration.level", "note");
    testkit_assert_absent(rule, "name");
    testkit_assert_absent(rule, "fullDescription");
    testkit_assert_absent(rule, "properties");
    testkit_assert_str_at(fx->log, "runs.0.columnKind", "unicodeCodePoints");
    assert_int_equal(cJSON_GetArraySize(testkit_json_at(fx->log, "runs.0.results")), 0);
    testkit_assert_no_empty_strings(fx->log);
}

static void test_sarif_result_location_in_code_points(void **state)
{
    struct sarif_fixture *fx = *state;
    char path[4200];
    const cJSON *res;
    struct ecg_finding *f;

    /* "é" is two bytes: strcpy is at byte column 11, code point column 10. */
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "int a;\ns = \"\xc3\xa9\"; strcpy(d, s);\n");
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 2, 11, 2, 23),
                                  "'strcpy' is unbounded");
    memcpy(f->fingerprint, "0123456789abcdef", 17);
    sarif_fixture_add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(path, 1, 1, 2, 8),
                              "multi-line");
    sarif_fixture_write_log(fx, NULL);
    res = testkit_json_at(fx->log, "runs.0.results.0");
    testkit_assert_str_at(res, "ruleId", BF);
    testkit_assert_num_at(res, "ruleIndex", 0);
    testkit_assert_str_at(res, "level", "warning");
    testkit_assert_str_at(res, "message.text", "'strcpy' is unbounded");
    testkit_assert_str_at(res, "locations.0.physicalLocation.artifactLocation.uri", "f0.c");
    testkit_assert_str_at(res, "locations.0.physicalLocation.artifactLocation.uriBaseId",
                          "%SRCROOT%");
    testkit_assert_num_at(res, "locations.0.physicalLocation.region.startLine", 2);
    testkit_assert_num_at(res, "locations.0.physicalLocation.region.startColumn", 10);
    testkit_assert_num_at(res, "locations.0.physicalLocation.region.endLine", 2);
    testkit_assert_num_at(res, "locations.0.physicalLocation.region.endColumn", 22);
    testkit_assert_str_at(res, "locations.0.physicalLocation.region.snippet.text",
                          "s = \"\xc3\xa9\"; strcpy(d, s);");
    testkit_assert_str_at(res, "partialFingerprints.ecg/v1", "0123456789abcdef");
    testkit_assert_absent(res, "suppressions");
    testkit_assert_absent(res, "relatedLocations");
    testkit_assert_absent(res, "codeFlows");
    testkit_assert_absent(res, "fixes");
    /* The end of a multi-line range is converted with its own line's text. */
    res = testkit_json_at(fx->log, "runs.0.results.1");
    testkit_assert_num_at(res, "ruleIndex", 1);
    testkit_assert_str_at(res, "level", "note");
    testkit_assert_num_at(res, "locations.0.physicalLocation.region.endLine", 2);
    testkit_assert_num_at(res, "locations.0.physicalLocation.region.endColumn", 7);
    testkit_assert_absent(res, "partialFingerprints.ecg/v1");
    testkit_assert_str_at(res, "partialFingerprints.primaryLocationLineHash", "7ca4e74318c000ba:1");
    testkit_assert_str_at(fx->log, "runs.0.results.0.partialFingerprints.primaryLocationLineHash",
                          "23b98fb6b0997c1:1");
    testkit_assert_absent(res, "baselineState");
}

static void test_sarif_uris(void **state)
{
    struct sarif_fixture *fx = *state;
    char path[4200];
    char want[4400];
    const cJSON *uri;

    snprintf(path, sizeof(path), "%s/my dir/a#b%%.c", fx->dir);
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 2), "m");
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING,
                              testkit_range("/other place/b.c", 1, 1, 1, 2), "m");
    sarif_fixture_write_log(fx, NULL);
    testkit_assert_str_at(fx->log,
                          "runs.0.results.0.locations.0.physicalLocation.artifactLocation.uri",
                          "my%20dir/a%23b%25.c");
    testkit_assert_str_at(fx->log,
                          "runs.0.results.1.locations.0.physicalLocation.artifactLocation.uri",
                          "file:///other%20place/b.c");
    testkit_assert_absent(
        fx->log, "runs.0.results.1.locations.0.physicalLocation.artifactLocation.uriBaseId");
    uri = testkit_json_at(fx->log, "runs.0.originalUriBaseIds.%SRCROOT%.uri");
    assert_non_null(uri);
    snprintf(want, sizeof(want), "file://%s/", fx->dir);
    assert_string_equal(uri->valuestring, want);
    assert_int_equal(uri->valuestring[strlen(uri->valuestring) - 1], '/');
}

static void test_sarif_related_flow_and_fix(void **state)
{
    struct sarif_fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;
    struct ecg_range r;
    const cJSON *res;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "char dst[4];\n\t\xc3\xa9 = gets(dst);\n");
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 2, 7, 2, 16), "m");
    r = testkit_range(path, 1, 6, 1, 9);
    assert_int_equal(ecg_finding_add_note(&f->related, &f->n_related, &r, "declared here"), 0);
    r = testkit_range(path, 1, 1, 1, 13);
    assert_int_equal(ecg_finding_add_note(&f->flow, &f->n_flow, &r, "source"), 0);
    r = testkit_range(path, 2, 7, 2, 16);
    assert_int_equal(ecg_finding_add_note(&f->flow, &f->n_flow, &r, "sink"), 0);
    r = testkit_range(path, 2, 7, 2, 11);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    r = testkit_range("/elsewhere/x.h", 3, 1, 3, 1);
    assert_int_equal(ecg_finding_add_edit(f, &r, ""), 0);
    f->fix_description = strdup("use fgets");
    assert_non_null(f->fix_description);
    sarif_fixture_write_log(fx, NULL);
    res = testkit_json_at(fx->log, "runs.0.results.0");
    testkit_assert_num_at(res, "relatedLocations.0.id", 1);
    testkit_assert_str_at(res, "relatedLocations.0.message.text", "declared here");
    testkit_assert_num_at(res, "relatedLocations.0.physicalLocation.region.startColumn", 6);
    testkit_assert_str_at(res, "codeFlows.0.threadFlows.0.locations.0.location.message.text",
                          "source");
    testkit_assert_str_at(res, "codeFlows.0.threadFlows.0.locations.1.location.message.text",
                          "sink");
    testkit_assert_num_at(res,
                          "codeFlows.0.threadFlows.0.locations.1.location.physicalLocation.region."
                          "startColumn",
                          6);
    testkit_assert_str_at(res, "fixes.0.description.text", "use fgets");
    assert_int_equal(cJSON_GetArraySize(testkit_json_at(res, "fixes.0.artifactChanges")), 2);
    testkit_assert_str_at(res, "fixes.0.artifactChanges.0.artifactLocation.uri", "f0.c");
    testkit_assert_num_at(res, "fixes.0.artifactChanges.0.replacements.0.deletedRegion.startColumn",
                          6);
    testkit_assert_num_at(res, "fixes.0.artifactChanges.0.replacements.0.deletedRegion.endColumn",
                          10);
    testkit_assert_str_at(res, "fixes.0.artifactChanges.0.replacements.0.insertedContent.text",
                          "fgets");
    testkit_assert_str_at(res, "fixes.0.artifactChanges.1.artifactLocation.uri",
                          "file:///elsewhere/x.h");
    /* A deletion has no insertedContent rather than an empty string. */
    testkit_assert_absent(res, "fixes.0.artifactChanges.1.replacements.0.insertedContent");
    testkit_assert_num_at(res, "fixes.0.artifactChanges.1.replacements.0.deletedRegion.startLine",
                          3);
    testkit_assert_no_empty_strings(fx->log);
}

static void test_sarif_suppressions_all_or_none(void **state)
{
    struct sarif_fixture *fx = *state;
    struct ecg_finding *f;

    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2), "a");
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 2, 1, 2, 2),
                                  "b");
    sarif_fixture_write_log(fx, NULL);
    testkit_assert_absent(fx->log, "runs.0.results.0.suppressions");
    testkit_assert_absent(fx->log, "runs.0.results.1.suppressions");
    f->suppressed = 1;
    f->justification = strdup("NOLINT(security-banned-function): checked length");
    assert_non_null(f->justification);
    sarif_fixture_write_log(fx, NULL);
    assert_true(cJSON_IsArray(testkit_json_at(fx->log, "runs.0.results.0.suppressions")));
    assert_int_equal(cJSON_GetArraySize(testkit_json_at(fx->log, "runs.0.results.0.suppressions")),
                     0);
    assert_int_equal(cJSON_GetArraySize(testkit_json_at(fx->log, "runs.0.results.1.suppressions")),
                     1);
    testkit_assert_str_at(fx->log, "runs.0.results.1.suppressions.0.kind", "inSource");
    testkit_assert_str_at(fx->log, "runs.0.results.1.suppressions.0.justification",
                          "NOLINT(security-banned-function): checked length");
    free(f->justification);
    f->justification = NULL;
    sarif_fixture_write_log(fx, NULL);
    testkit_assert_absent(fx->log, "runs.0.results.1.suppressions.0.justification");
}

static void test_sarif_gate_failing_warning_is_error(void **state)
{
    struct sarif_fixture *fx = *state;
    struct ecg_finding *f;

    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2),
                                  "a");
    f->fails_gate = 1;
    sarif_fixture_add_finding(fx, "unknown-rule", ECG_LEVEL_ERROR,
                              testkit_range("/x.c", 2, 1, 2, 2), "b");
    sarif_fixture_write_log(fx, NULL);
    testkit_assert_str_at(fx->log, "runs.0.results.0.level", "error");
    testkit_assert_str_at(fx->log, "runs.0.results.1.level", "error");
    testkit_assert_absent(fx->log, "runs.0.results.1.ruleIndex");
}

static void test_sarif_invocation(void **state)
{
    struct sarif_fixture *fx = *state;
    char path[4200];
    const cJSON *inv;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "\xc3\xa9\xc3\xa9 x y\n");
    fx->result.command_line = strdup("ecg check -p build");
    assert_non_null(fx->result.command_line);
    fx->result.units_total = 2;
    fx->result.units_failed = 1;
    assert_int_equal(ecg_result_add_unit_error(&fx->result, path, path, 1, 6, "unknown type"), 0);
    assert_int_equal(ecg_result_add_unit_error(&fx->result, "/u.c", "/u.c", 0, 0, "no input"), 0);
    sarif_fixture_write_log(fx, NULL);
    inv = testkit_json_at(fx->log, "runs.0.invocations.0");
    assert_true(cJSON_IsFalse(testkit_json_at(inv, "executionSuccessful")));
    testkit_assert_str_at(inv, "commandLine", "ecg check -p build");
    testkit_assert_absent(inv, "startTimeUtc");
    testkit_assert_absent(inv, "endTimeUtc");
    testkit_assert_str_at(inv, "toolExecutionNotifications.0.level", "error");
    testkit_assert_str_at(inv, "toolExecutionNotifications.0.message.text", "unknown type");
    testkit_assert_str_at(
        inv, "toolExecutionNotifications.0.locations.0.physicalLocation.artifactLocation.uri",
        "f0.c");
    testkit_assert_num_at(
        inv, "toolExecutionNotifications.0.locations.0.physicalLocation.region.startLine", 1);
    testkit_assert_num_at(
        inv, "toolExecutionNotifications.0.locations.0.physicalLocation.region.startColumn", 4);
    testkit_assert_absent(inv, "toolExecutionNotifications.1.locations.0.physicalLocation.region");
    fx->result.units_failed = 0;
    free(fx->result.command_line);
    fx->result.command_line = NULL;
    sarif_fixture_write_log(fx, NULL);
    assert_true(cJSON_IsTrue(testkit_json_at(fx->log, "runs.0.invocations.0.executionSuccessful")));
    testkit_assert_absent(fx->log, "runs.0.invocations.0.commandLine");
}

static void test_sarif_timestamps(void **state)
{
    struct sarif_fixture *fx = *state;

    fx->result.timestamps = 1;
    fx->result.start_time.tv_sec = 1700000000;
    fx->result.start_time.tv_nsec = 250000000;
    fx->result.end_time.tv_sec = 1700000061;
    fx->result.end_time.tv_nsec = 0;
    sarif_fixture_write_log(fx, NULL);
    testkit_assert_str_at(fx->log, "runs.0.invocations.0.startTimeUtc", "2023-11-14T22:13:20.250Z");
    testkit_assert_str_at(fx->log, "runs.0.invocations.0.endTimeUtc", "2023-11-14T22:14:21.000Z");
}

static void test_sarif_deterministic_bytes(void **state)
{
    struct sarif_fixture *fx = *state;
    char path[4200];
    char *first;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\n");
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    f->suppressed = 1;
    sarif_fixture_add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(path, 1, 6, 1, 7),
                              "n");
    fx->result.start_time.tv_sec = 5;
    sarif_fixture_write_log(fx, NULL);
    first = strdup(fx->out);
    assert_non_null(first);
    fx->result.start_time.tv_sec = 99;
    sarif_fixture_write_log(fx, NULL);
    assert_string_equal(first, fx->out);
    free(first);
}

static void test_sarif_category_and_invalid_utf8(void **state)
{
    struct sarif_fixture *fx = *state;

    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2),
                              "bad \xff byte \xed\xa0\x80");
    sarif_fixture_write_log(fx, "ecg");
    testkit_assert_str_at(fx->log, "runs.0.automationDetails.id", "ecg/");
    testkit_assert_str_at(fx->log, "runs.0.results.0.message.text",
                          "bad \xef\xbf\xbd byte \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    assert_null(strchr(fx->out, '\xff'));
    sarif_fixture_write_log(fx, "ci/linux/");
    testkit_assert_str_at(fx->log, "runs.0.automationDetails.id", "ci/linux/");
    sarif_fixture_write_log(fx, "");
    testkit_assert_absent(fx->log, "runs.0.automationDetails");
}

static void test_sarif_eio_on_write_failure(void **state)
{
    struct sarif_fixture *fx = *state;
    FILE *full = fopen("/dev/full", "w");

    if (full == NULL)
        skip();
    assert_int_equal(sarif_write(full, &fx->result, NULL), ECG_EIO);
    fclose(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif_header_driver_and_rules, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_result_location_in_code_points,
                                        sarif_fixture_setup, sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_uris, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_related_flow_and_fix, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_suppressions_all_or_none, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_gate_failing_warning_is_error,
                                        sarif_fixture_setup, sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_invocation, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_timestamps, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_deterministic_bytes, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_category_and_invalid_utf8, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_eio_on_write_failure, sarif_fixture_setup,
                                        sarif_fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
