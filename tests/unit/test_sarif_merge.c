/* Unit tests for `ecg sarif merge` (sarif/merge.c, and its command line in sarif/cli.c):
 * rules united and results renumbered, de-duplication by fingerprint and by location,
 * base ids, columnKind, invocations, suppressions all-or-none, category, what cannot be
 * merged (with file, line and column), atomic output. Logs use ' for " to stay readable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "sarif/cli.h"
#include "sarif/merge.h"
#include "sarif/read.h"
#include "tests/support/sarif_logs.h"
#include "tests/support/testkit.h"

#define LOG(runs) "{'version': '2.1.0', 'runs': [" runs "]}"
#define RUN_OF(tool, rules, results, extra)                                                        \
    "{'tool': {'driver': {'name': '" tool "', 'rules': [" rules "]}}" extra                        \
    ", 'results': [" results "]}"
#define RUN(rules, results, extra) RUN_OF("ecg", rules, results, extra)
#define RULE(id) "{'id': '" id "'}"
#define RES(id, index, fp)                                                                         \
    "{'ruleId': '" id "', 'ruleIndex': " index ", 'level': 'warning', 'message': {'text': 'm'},"   \
    " 'partialFingerprints': {'ecg/v1': '" fp "'}}"
#define RES_AT(id, uri, line, col, msg)                                                            \
    "{'ruleId': '" id "', 'message': {'text': '" msg "'}, 'locations': [{'physicalLocation': "     \
    "{'artifactLocation': {'uri': '" uri                                                           \
    "', 'uriBaseId': '%SRCROOT%'}, 'region': {'startLine': " line ", 'startColumn': " col "}}}]}"
#define INV(extra) "{'executionSuccessful': true" extra "}"

static const char *const names[] = { "a.sarif", "b.sarif", "c.sarif" };

/* Loads texts[i] as names[i] (each must load) and merges them. Returns sarif_merge's code. */
static int merge_logs(cJSON **out, const char *const *texts, size_t n, const char *category,
                      struct ecg_diag *diag)
{
    struct sarif_doc *docs[3] = { NULL, NULL, NULL };
    struct sarif_merge_options opts = { category };
    int rc;

    assert_true(n <= 3);
    ecg_diag_clear(diag);
    for (size_t i = 0; i < n; i++)
        docs[i] = sarif_logs_read_ok(texts[i], names[i]);
    rc = sarif_merge(out, (const struct sarif_doc *const *)docs, n, &opts, diag);
    for (size_t i = 0; i < n; i++)
        sarif_read_free(docs[i]);
    return rc;
}

static cJSON *merge_ok(const char *const *texts, size_t n, const char *category)
{
    struct ecg_diag diag;
    cJSON *log = NULL;

    if (merge_logs(&log, texts, n, category, &diag) != 0)
        fail_msg("merge failed: %s", diag.message);
    assert_non_null(log);
    return log;
}

/* Merging must fail with ECG_EPARSE at path:line:col with a message containing needle. */
static void merge_fails(const char *const *texts, size_t n, const char *path, unsigned line,
                        unsigned col, const char *needle)
{
    struct ecg_diag diag;
    cJSON *log = NULL;

    assert_int_equal(merge_logs(&log, texts, n, NULL, &diag), ECG_EPARSE);
    assert_null(log);
    sarif_logs_expect_diag(&diag, path, line, col, needle);
}

static void test_sarif_merge_unites_rules_and_renumbers(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("zeta") "," RULE("alpha"), RES("zeta", "0", "01") "," RES("alpha", "1", "02"),
                "")),
        LOG(RUN(
            RULE("mid") ", {'id': 'zeta', 'name': 'second'}",
            RES("mid", "0", "03") "," RES(
                "zeta", "1",
                "04") ","
                      "{'rule': {'id': 'mid', 'index': 0}, 'message': {'text': 'by reference'}}",
            "")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 2, NULL);
    testkit_assert_str_at(log, "version", "2.1.0");
    assert_int_equal(testkit_size_at(log, "runs"), 1);
    testkit_assert_str_at(log, "runs.0.tool.driver.name", "ecg");
    assert_int_equal(testkit_size_at(log, "runs.0.tool.driver.rules"), 3);
    testkit_assert_str_at(log, "runs.0.tool.driver.rules.0.id", "alpha");
    testkit_assert_str_at(log, "runs.0.tool.driver.rules.1.id", "mid");
    testkit_assert_str_at(log, "runs.0.tool.driver.rules.2.id", "zeta");
    assert_null(
        testkit_json_at(log, "runs.0.tool.driver.rules.2.name")); /* the first definition wins */
    assert_int_equal(testkit_size_at(log, "runs.0.results"), 5);
    testkit_assert_num_at(log, "runs.0.results.0.ruleIndex", 2);
    testkit_assert_num_at(log, "runs.0.results.1.ruleIndex", 0);
    testkit_assert_num_at(log, "runs.0.results.2.ruleIndex", 1);
    testkit_assert_num_at(log, "runs.0.results.3.ruleIndex", 2);
    testkit_assert_num_at(log, "runs.0.results.4.rule.index", 1);
    testkit_assert_str_at(log, "runs.0.results.3.partialFingerprints.ecg/v1", "04");
    cJSON_Delete(log);
}

static void test_sarif_merge_dedupes_results(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"),
                RES("r1", "0", "aa") "," RES("r1", "0", "bb") "," RES_AT("r1", "x.c", "3", "1",
                                                                         "first"),
                "")),
        LOG(RUN(RULE("r1") "," RULE("r2"),
                "{'ruleId': 'r1', 'ruleIndex': 0, 'message': {'text': 'copy'},"
                " 'partialFingerprints': {'ecg/v1': 'aa'}}," RES("r2", "1", "aa") "," RES_AT(
                    "r1", "x.c", "3", "1", "first") "," RES_AT("r1", "x.c", "3", "2",
                                                               "first") "," RES_AT("r1", "x.c", "3",
                                                                                   "1", "other"),
                "")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 2, NULL);
    assert_int_equal(testkit_size_at(log, "runs.0.results"), 6);
    testkit_assert_str_at(log, "runs.0.results.0.message.text", "m"); /* A's copy, first in order */
    testkit_assert_str_at(log, "runs.0.results.1.partialFingerprints.ecg/v1", "bb");
    testkit_assert_str_at(log, "runs.0.results.2.message.text", "first");
    testkit_assert_str_at(log, "runs.0.results.3.ruleId", "r2"); /* same fingerprint, other rule */
    testkit_assert_num_at(log, "runs.0.results.3.ruleIndex", 1);
    testkit_assert_num_at(log, "runs.0.results.4.locations.0.physicalLocation.region.startColumn",
                          2);
    testkit_assert_str_at(log, "runs.0.results.5.message.text", "other");
    cJSON_Delete(log);
}

static void test_sarif_merge_dedupes_within_and_across_runs(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"), RES("r1", "0", "aa"),
                "") "," RUN(RULE("r1"), RES("r1", "0", "aa") "," RES("r1", "0", "cc"), "")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 1, NULL);
    assert_int_equal(testkit_size_at(log, "runs"), 1);
    assert_int_equal(testkit_size_at(log, "runs.0.results"), 2);
    testkit_assert_str_at(log, "runs.0.results.1.partialFingerprints.ecg/v1", "cc");
    cJSON_Delete(log);
}

static void test_sarif_merge_rejects_another_tool(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"), "", "")),
        LOG("\n" RUN_OF("clang-tidy", RULE("r1"), "", "")),
    };

    (void)state;
    merge_fails(logs, 2, "b.sarif", 2, 30, "the tool is 'clang-tidy', but 'ecg' in a.sarif");
}

static void test_sarif_merge_base_ids_must_agree(void **state)
{
    static const char *const good[] = {
        LOG(RUN(RULE("r1"), "", ", 'originalUriBaseIds': {'%SRCROOT%': {'uri': 'file:///p/'}}")),
        LOG(RUN(RULE("r1"), "",
                ", 'originalUriBaseIds': {'%SRCROOT%': {'uri': 'file:///p/'}, 'OTHER': {'uri': "
                "'file:///o/'}}")),
    };
    const char *const bad[] = {
        good[0],
        good[1],
        LOG(RUN(RULE("r1"), "", ",\n 'originalUriBaseIds': {'%SRCROOT%': {'uri': 'file:///q/'}}")),
    };
    const cJSON *base_ids;
    cJSON *log;

    (void)state;
    log = merge_ok(good, 2, NULL);
    base_ids = testkit_json_at(log, "runs.0.originalUriBaseIds");
    assert_true(cJSON_IsObject(base_ids));
    assert_int_equal(cJSON_GetArraySize(base_ids), 2);
    testkit_assert_str_at(log, "runs.0.originalUriBaseIds.%SRCROOT%.uri", "file:///p/");
    testkit_assert_str_at(log, "runs.0.originalUriBaseIds.OTHER.uri", "file:///o/");
    cJSON_Delete(log);
    merge_fails(bad, 3, "c.sarif", 2, 38,
                "originalUriBaseIds '%SRCROOT%' is 'file:///q/', but 'file:///p/' in a.sarif");
}

static void test_sarif_merge_column_kind_must_agree(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"), "", "")),
        LOG(RUN(RULE("r1"), "", ", 'columnKind': 'unicodeCodePoints'")),
        LOG(RUN(RULE("r1"), "", ", 'columnKind': 'utf16CodeUnits'")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 2, NULL);
    testkit_assert_str_at(log, "runs.0.columnKind", "unicodeCodePoints");
    cJSON_Delete(log);
    merge_fails(logs, 3, "c.sarif", 1, 108,
                "columnKind is 'utf16CodeUnits', but "
                "'unicodeCodePoints' in b.sarif");
}

static void test_sarif_merge_invocations(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"), "",
                ", 'invocations': [" INV(", 'commandLine': 'ecg check a.c',"
                                         " 'startTimeUtc': '2024-05-01T10:00:05Z',"
                                         " 'endTimeUtc': '2024-05-01T10:00:06Z',"
                                         " 'toolExecutionNotifications': [{'message': "
                                         "{'text': 'n1'}}]") "]")),
        LOG(RUN(RULE("r1"), "",
                ", 'invocations': [{'executionSuccessful': false, 'commandLine': 'ecg check b.c',"
                " 'startTimeUtc': '2024-05-01T10:00:05.250Z', 'endTimeUtc': "
                "'2024-05-01T10:00:06.001Z', 'toolExecutionNotifications': [{'message': {'text': "
                "'n2'}}], 'toolConfigurationNotifications': [{'message': {'text': 'c1'}}]}]")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 2, NULL);
    assert_int_equal(testkit_size_at(log, "runs.0.invocations"), 1);
    assert_true(cJSON_IsFalse(testkit_json_at(log, "runs.0.invocations.0.executionSuccessful")));
    assert_null(testkit_json_at(log, "runs.0.invocations.0.commandLine"));
    testkit_assert_str_at(log, "runs.0.invocations.0.startTimeUtc", "2024-05-01T10:00:05Z");
    testkit_assert_str_at(log, "runs.0.invocations.0.endTimeUtc", "2024-05-01T10:00:06.001Z");
    assert_int_equal(testkit_size_at(log, "runs.0.invocations.0.toolExecutionNotifications"), 2);
    testkit_assert_str_at(log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text",
                          "n1");
    testkit_assert_str_at(log, "runs.0.invocations.0.toolExecutionNotifications.1.message.text",
                          "n2");
    testkit_assert_str_at(log, "runs.0.invocations.0.toolConfigurationNotifications.0.message.text",
                          "c1");
    cJSON_Delete(log);
}

static void test_sarif_merge_invocation_details(void **state)
{
    static const char *const same[] = {
        LOG(RUN(RULE("r1"), "", ", 'invocations': [" INV(", 'commandLine': 'ecg check'") "]")),
        LOG(RUN(RULE("r1"), "", ", 'invocations': [" INV(", 'commandLine': 'ecg check'") "]")),
    };
    static const char *const none[] = { LOG(RUN(RULE("r1"), "", "")), LOG(RUN("", "", "")) };
    static const char *const bad_time[] = {
        LOG(RUN(RULE("r1"), "", ", 'invocations': [" INV(", 'endTimeUtc': '2024-05-01'") "]")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(same, 2, NULL);
    assert_true(cJSON_IsTrue(testkit_json_at(log, "runs.0.invocations.0.executionSuccessful")));
    testkit_assert_str_at(log, "runs.0.invocations.0.commandLine", "ecg check");
    assert_null(testkit_json_at(log, "runs.0.invocations.0.toolExecutionNotifications"));
    cJSON_Delete(log);
    log = merge_ok(none, 2, NULL);
    assert_null(testkit_json_at(log, "runs.0.invocations"));
    assert_null(testkit_json_at(log, "runs.0.automationDetails"));
    assert_int_equal(testkit_size_at(log, "runs.0.results"), 0);
    cJSON_Delete(log);
    merge_fails(bad_time, 1, "a.sarif", 1, 154, "endTimeUtc '2024-05-01' is not a UTC time");
}

static void test_sarif_merge_suppressions_all_or_none(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"),
                "{'ruleId': 'r1', 'message': {'text': 'quiet'}, 'suppressions': "
                "[{'kind': 'inSource'}]}",
                "")),
        LOG(RUN(RULE("r1"), RES("r1", "0", "aa"), "")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 2, NULL);
    assert_int_equal(testkit_size_at(log, "runs.0.results.0.suppressions"), 1);
    assert_int_equal(testkit_size_at(log, "runs.0.results.1.suppressions"), 0);
    cJSON_Delete(log);
    log = merge_ok(logs + 1, 1, NULL);
    assert_null(testkit_json_at(log, "runs.0.results.0.suppressions"));
    cJSON_Delete(log);
}

static void test_sarif_merge_category(void **state)
{
    static const char *const logs[] = {
        LOG(RUN(RULE("r1"), "", "")),
        LOG(RUN(RULE("r1"), "", ", 'automationDetails': {'id': 'shard-b/'}")),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(logs, 2, NULL);
    testkit_assert_str_at(log, "runs.0.automationDetails.id", "shard-b/");
    cJSON_Delete(log);
    log = merge_ok(logs, 2, "ci");
    testkit_assert_str_at(log, "runs.0.automationDetails.id", "ci/");
    cJSON_Delete(log);
    log = merge_ok(logs, 2, "ci/linux/");
    testkit_assert_str_at(log, "runs.0.automationDetails.id", "ci/linux/");
    cJSON_Delete(log);
}

static void test_sarif_merge_rejects_index_tables(void **state)
{
    static const char *const empty_table[] = { LOG(RUN(RULE("r1"), "", ", 'artifacts': []")) };
    static const char *const artifacts[] = {
        LOG(RUN(RULE("r1"), "", ", 'artifacts': [{'location': {'uri': 'a.c'}}]")),
    };
    static const char *const extensions[] = {
        LOG("{'tool': {'driver': {'name': 'ecg'}, 'extensions': [{'name': 'plugin'}]}}"),
    };
    cJSON *log;

    (void)state;
    log = merge_ok(empty_table, 1, NULL);
    assert_null(testkit_json_at(log, "runs.0.artifacts"));
    cJSON_Delete(log);
    merge_fails(artifacts, 1, "a.sarif", 1, 107, "cannot merge runs that have 'artifacts'");
    merge_fails(extensions, 1, "a.sarif", 1, 82, "cannot merge runs whose tool has extensions");
}

static void test_sarif_merge_needs_a_run(void **state)
{
    static const char *const logs[] = { LOG(""), LOG("") };

    (void)state;
    merge_fails(logs, 2, "a.sarif", 0, 0, "nothing to merge: the logs have no runs");
}

static void test_sarif_merge_out_of_memory(void **state)
{
    static const char *const texts[] = {
        LOG(RUN(RULE("zeta") "," RULE("alpha"),
                RES("zeta", "0", "01") ", {'ruleId': 'alpha', 'message': {'text': 'q'},"
                                       " 'suppressions': [{'kind': 'inSource'}]}",
                ", 'automationDetails': {'id': 'x/'}, 'originalUriBaseIds': {'%SRCROOT%':"
                " {'uri': 'file:///p/'}}, 'columnKind': 'unicodeCodePoints', 'invocations': [" INV(
                    ", 'commandLine': 'c', 'startTimeUtc': '2024-05-01T10:00:05Z',"
                    " 'toolExecutionNotifications': [{'message': {'text': 'n'}}]") "]")),
        LOG(RUN(RULE("mid"), RES("mid", "0", "02") "," RES("zeta", "-1", "01"),
                ", 'invocations': [" INV(", 'toolConfigurationNotifications': [{'message': "
                                         "{'text': 'c'}}]") "]")),
    };
    struct sarif_doc *docs[2] = { NULL, NULL };
    struct sarif_merge_options opts = { "cat" };
    struct ecg_diag diag;
    cJSON *log = NULL;
    long n;
    int rc = ECG_ENOMEM;

    (void)state;
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(sarif_logs_read(&docs[i], texts[i], names[i], &diag), 0);
    for (n = 0; n < 100000 && rc != 0; n++) {
        sarif_logs_fail_allocations_after(n);
        rc = sarif_merge(&log, (const struct sarif_doc *const *)docs, 2, &opts, &diag);
        sarif_logs_restore_allocator();
        if (rc != 0)
            assert_int_equal(rc, ECG_ENOMEM);
        if (rc != 0)
            assert_null(log);
    }
    assert_int_equal(rc, 0);
    assert_true(n > 50); /* every allocation of the merge failed once */
    assert_int_equal(testkit_size_at(log, "runs.0.results"), 3);
    assert_int_equal(testkit_size_at(log, "runs.0.results.0.suppressions"), 0);
    cJSON_Delete(log);
    sarif_read_free(docs[1]);
    sarif_read_free(docs[0]);
}

/* --- the command line ------------------------------------------------------------------ */

struct cli_fixture {
    char dir[4096];
    char a[4200];
    char b[4200];
    char bad[4200];
    char out[4200];
};

static int cli_setup(void **state)
{
    struct cli_fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL || testkit_tmpdir(fx->dir, sizeof(fx->dir), "sarif-merge") != 0) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int cli_teardown(void **state)
{
    struct cli_fixture *fx = *state;

    testkit_remove_tree(fx->dir);
    free(fx);
    return 0;
}

static cJSON *parse_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char buf[65536];
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return cJSON_Parse(buf);
}

static void test_sarif_merge_cli_output_file(void **state)
{
    struct cli_fixture *fx = *state;
    char *out = NULL;
    char *err = NULL;
    cJSON *log;

    sarif_logs_write(fx->a, sizeof(fx->a), fx->dir, "a.sarif",
                     LOG(RUN(RULE("r1"), RES("r1", "0", "aa"), "")));
    sarif_logs_write(fx->b, sizeof(fx->b), fx->dir, "b.sarif",
                     LOG(RUN(RULE("r1"), RES("r1", "0", "aa") "," RES("r1", "0", "bb"), "")));
    testkit_path(fx->out, sizeof(fx->out), "%s/all.sarif", fx->dir);
    assert_int_equal(sarif_logs_run_cli(&out, &err,
                                        (char *[]){ "sarif", "merge", fx->a, fx->b, "-o", fx->out,
                                                    "--category=nightly", NULL }),
                     0);
    assert_string_equal(out, "");
    assert_string_equal(err, "");
    free(out);
    free(err);
    log = parse_file(fx->out);
    assert_non_null(log);
    assert_int_equal(testkit_size_at(log, "runs.0.results"), 2);
    testkit_assert_str_at(log, "runs.0.automationDetails.id", "nightly/");
    cJSON_Delete(log);
}

static void test_sarif_merge_cli_stdout_is_deterministic(void **state)
{
    struct cli_fixture *fx = *state;
    char *out1 = NULL;
    char *out2 = NULL;
    char *err = NULL;

    sarif_logs_write(fx->a, sizeof(fx->a), fx->dir, "a.sarif",
                     LOG(RUN(RULE("r2") "," RULE("r1"), RES("r1", "1", "aa"), "")));
    sarif_logs_write(fx->b, sizeof(fx->b), fx->dir, "b.sarif",
                     LOG(RUN(RULE("r3"), RES("r3", "0", "bb"), "")));
    assert_int_equal(
        sarif_logs_run_cli(&out1, &err, (char *[]){ "sarif", "merge", fx->a, fx->b, NULL }), 0);
    free(err);
    assert_int_equal(
        sarif_logs_run_cli(&out2, &err, (char *[]){ "sarif", "merge", "--", fx->a, fx->b, NULL }),
        0);
    free(err);
    assert_string_equal(out1, out2);
    assert_non_null(strstr(out1, "\"ruleIndex\":\t0"));
    assert_true(out1[strlen(out1) - 1] == '\n');
    free(out1);
    free(out2);
}

static void test_sarif_merge_cli_errors(void **state)
{
    struct cli_fixture *fx = *state;
    char *out = NULL;
    char *err = NULL;
    cJSON *log;

    sarif_logs_write(fx->a, sizeof(fx->a), fx->dir, "a.sarif", LOG(RUN(RULE("r1"), "", "")));
    sarif_logs_write(fx->bad, sizeof(fx->bad), fx->dir, "bad.sarif",
                     "{'version': '2.1.0',\n'runs': 3}");
    sarif_logs_write(fx->out, sizeof(fx->out), fx->dir, "all.sarif", LOG(""));
    assert_int_equal(
        sarif_logs_run_cli(&out, &err,
                           (char *[]){ "sarif", "merge", fx->a, fx->bad, "-o", fx->out, NULL }),
        2);
    assert_non_null(strstr(err, "bad.sarif:2:9: error: not a SARIF 2.1.0 log: runs must be an "
                                "array\n"));
    free(out);
    free(err);
    log = parse_file(fx->out); /* untouched */
    assert_int_equal(testkit_size_at(log, "runs"), 0);
    cJSON_Delete(log);
    assert_int_equal(sarif_logs_run_cli(&out, &err, (char *[]){ "sarif", "merge", NULL }), 2);
    assert_non_null(strstr(err, "no SARIF log to merge"));
    free(out);
    free(err);
    assert_int_equal(
        sarif_logs_run_cli(&out, &err, (char *[]){ "sarif", "merge", fx->a, "-o", NULL }), 2);
    assert_string_equal(err, "ecg: error: option '-o' needs a value\n");
    free(out);
    free(err);
    assert_int_equal(
        sarif_logs_run_cli(&out, &err, (char *[]){ "sarif", "merge", "--bogus", fx->a, NULL }), 2);
    assert_non_null(strstr(err, "unknown option '--bogus'"));
    free(out);
    free(err);
    assert_int_equal(sarif_logs_run_cli(&out, &err, (char *[]){ "sarif", "merge", "--help", NULL }),
                     0);
    assert_non_null(strstr(out, "USAGE: ecg sarif merge"));
    free(out);
    free(err);
    assert_int_equal(sarif_logs_run_cli(&out, &err, (char *[]){ "sarif", "frobnicate", NULL }), 2);
    assert_non_null(strstr(err, "unknown command 'sarif frobnicate'"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sarif_merge_unites_rules_and_renumbers),
        cmocka_unit_test(test_sarif_merge_dedupes_results),
        cmocka_unit_test(test_sarif_merge_dedupes_within_and_across_runs),
        cmocka_unit_test(test_sarif_merge_rejects_another_tool),
        cmocka_unit_test(test_sarif_merge_base_ids_must_agree),
        cmocka_unit_test(test_sarif_merge_column_kind_must_agree),
        cmocka_unit_test(test_sarif_merge_invocations),
        cmocka_unit_test(test_sarif_merge_invocation_details),
        cmocka_unit_test(test_sarif_merge_suppressions_all_or_none),
        cmocka_unit_test(test_sarif_merge_category),
        cmocka_unit_test(test_sarif_merge_rejects_index_tables),
        cmocka_unit_test(test_sarif_merge_needs_a_run),
        cmocka_unit_test(test_sarif_merge_out_of_memory),
        cmocka_unit_test_setup_teardown(test_sarif_merge_cli_output_file, cli_setup, cli_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_merge_cli_stdout_is_deterministic, cli_setup,
                                        cli_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_merge_cli_errors, cli_setup, cli_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
