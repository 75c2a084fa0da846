/* Unit tests for what sarif/limits.c adds to the SARIF writer: primaryLocationLineHash per
 * file and line, the github profile and GitHub's upload limits (results, locations, flows,
 * tags), baseline states with absent results, and the help URI base. Line hash values were
 * computed with a Python transcription of codeql-action's src/fingerprints.ts (test_linehash.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/result.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "sarif/sarif.h"
#include "tests/support/sarif_fixture.h"
#include "tests/support/testkit.h"

#define BF SARIF_FIXTURE_BANNED_ID

/* Forty identical lines: the first seven share a hash, told apart by the count. */
static const char forty_lines[] = "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n"
                                  "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n"
                                  "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n";

static void test_sarif_line_hash_per_file_and_line(void **state)
{
    struct sarif_fixture *fx = *state;
    char a[4200];
    char b[4200];

    testkit_write_in(a, sizeof(a), fx->dir, "a.c", forty_lines);
    testkit_write_in(b, sizeof(b), fx->dir, "b.c", "gets(b);\r\ngets(b);\r\n");
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 2, 1, 2, 3), "second");
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 1, 1, 1, 3), "first");
    sarif_fixture_add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(b, 2, 1, 2, 5),
                              "crlf");
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 8, 1, 8, 3), "eighth");
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 99, 1, 99, 3),
                              "past the end");
    sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING,
                              testkit_range("/no/such/file.c", 1, 1, 1, 2), "gone");
    sarif_fixture_write_github(fx, 0);
    testkit_assert_str_at(fx->log, "runs.0.results.0.partialFingerprints.primaryLocationLineHash",
                          "5ce70cc0634d5465:2");
    testkit_assert_str_at(fx->log, "runs.0.results.1.partialFingerprints.primaryLocationLineHash",
                          "5ce70cc0634d5465:1");
    testkit_assert_str_at(fx->log, "runs.0.results.2.partialFingerprints.primaryLocationLineHash",
                          "d3db916b5263028a:1");
    testkit_assert_str_at(fx->log, "runs.0.results.3.partialFingerprints.primaryLocationLineHash",
                          "5ce70cc0634e53ec:1");
    /* No line or no file: nothing rather than a value GitHub would not compute. */
    testkit_assert_absent(fx->log, "runs.0.results.4.partialFingerprints");
    testkit_assert_absent(fx->log, "runs.0.results.5.partialFingerprints");
}

static void test_sarif_github_profile_drops_suppressed_and_fixes(void **state)
{
    struct sarif_fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;
    struct ecg_range r;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "char dst[4];\ngets(dst);\n");
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5),
                                  "quiet");
    f->suppressed = 1;
    f->justification = strdup("NOLINT");
    assert_non_null(f->justification);
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 2, 1, 2, 10),
                                  "loud");
    r = testkit_range(path, 2, 1, 2, 5);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    f->fix_description = strdup("use fgets");
    assert_non_null(f->fix_description);
    sarif_fixture_write_log(fx, NULL);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results"), 2);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.0.suppressions"), 1);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.1.suppressions"), 0);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.1.fixes"), 1);
    sarif_fixture_write_github(fx, 0);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results"), 1);
    testkit_assert_str_at(fx->log, "runs.0.results.0.message.text", "loud");
    assert_null(strstr(fx->out, "\"suppressions\""));
    assert_null(strstr(fx->out, "\"fixes\""));
    testkit_assert_str_at(fx->log, "runs.0.results.0.partialFingerprints.primaryLocationLineHash",
                          "b0eac871a1bf3487:1");
    testkit_assert_absent(fx->log, "runs.0.invocations.0.toolExecutionNotifications");
    testkit_assert_no_empty_strings(fx->log);
}

/* In order: n1 note, w1 warning, e1 error, g1 gate-failing warning (an error), n2, w2. */
static void add_mixed_levels(struct sarif_fixture *fx)
{
    static const char *const names[] = { "n1", "w1", "e1", "g1", "n2", "w2" };
    static const enum ecg_level levels[] = {
        ECG_LEVEL_NOTE,    ECG_LEVEL_WARNING, ECG_LEVEL_ERROR,
        ECG_LEVEL_WARNING, ECG_LEVEL_NOTE,    ECG_LEVEL_WARNING
    };

    for (unsigned i = 0; i < 6; i++) {
        struct ecg_finding *f = sarif_fixture_add_finding(
            fx, BF, levels[i], testkit_range("/x.c", i + 1, 1, i + 1, 2), names[i]);
        f->fails_gate = i == 3;
    }
}

/* The messages of the results, joined by blanks. */
static void assert_messages(const cJSON *log, const char *want)
{
    char got[256] = "";
    const cJSON *res;

    cJSON_ArrayForEach(res, testkit_json_at(log, "runs.0.results"))
    {
        size_t n = strlen(got);
        snprintf(got + n, sizeof(got) - n, "%s%s", n > 0 ? " " : "",
                 testkit_json_at(res, "message.text")->valuestring);
    }
    assert_string_equal(got, want);
}

static void test_sarif_max_results_keeps_most_severe(void **state)
{
    struct sarif_fixture *fx = *state;
    struct sarif_options full = { .profile = SARIF_PROFILE_FULL, .max_results = 3 };

    add_mixed_levels(fx);
    sarif_fixture_write_github(fx, 4);
    assert_messages(fx->log, "w1 e1 g1 w2");
    testkit_assert_str_at(fx->log, "runs.0.results.2.level", "error");
    assert_int_equal(testkit_size_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications"),
                     1);
    testkit_assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.level",
                          "warning");
    testkit_assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text",
                          "2 of 6 results left out: at most 4 are written per run, the most severe "
                          "first (error, then warning, then note)");
    assert_true(cJSON_IsTrue(testkit_json_at(fx->log, "runs.0.invocations.0.executionSuccessful")));
    sarif_fixture_write_github(fx, 2);
    assert_messages(fx->log, "e1 g1");
    sarif_fixture_write_github(fx, 6);
    assert_messages(fx->log, "n1 w1 e1 g1 n2 w2");
    testkit_assert_absent(fx->log, "runs.0.invocations.0.toolExecutionNotifications");
    /* The full profile has no limit unless asked for one. */
    sarif_fixture_write_log(fx, NULL);
    assert_messages(fx->log, "n1 w1 e1 g1 n2 w2");
    sarif_fixture_write_log_opts(fx, &full);
    assert_messages(fx->log, "w1 e1 g1");
    assert_non_null(strstr(
        testkit_json_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text")
            ->valuestring,
        "3 of 6 results left out"));
}

static const struct rule_desc rule_tagged = {
    .id = "style-tagged",
    .summary = "A rule with too many tags.",
    .tags = "t01,t02,t03,t04,t05,t06,t07,t08,t09,t10,t11,t12,t13,t14,t15,t16,t17,t18,t19,"
            "t20,t21,t22,t23,t24,t25",
    .cwe = { 1, 2 },
    .level = ECG_LEVEL_NOTE,
};

static void add_notes(struct ecg_note **notes, size_t *n, size_t count)
{
    struct ecg_range r = testkit_range("/x.c", 1, 1, 1, 2);

    for (size_t i = 0; i < count; i++) {
        r.line = (unsigned)i + 1;
        assert_int_equal(ecg_finding_add_note(notes, n, &r, "step"), 0);
    }
}

static void test_sarif_github_caps_locations_flows_tags(void **state)
{
    struct sarif_fixture *fx = *state;
    const char *note_path = "runs.0.invocations.0.toolExecutionNotifications";
    struct ecg_finding *f;

    fx->result.rules[1] = &rule_tagged;
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2),
                                  "big");
    add_notes(&f->related, &f->n_related, SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT + 200);
    add_notes(&f->flow, &f->n_flow, SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS + 50);
    f = sarif_fixture_add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 2, 1, 2, 2),
                                  "small");
    add_notes(&f->related, &f->n_related, 3);
    sarif_fixture_write_github(fx, 0);
    /* The primary location counts among the 1,000 locations of a result. */
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.0.relatedLocations"),
                     SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT - 1);
    assert_int_equal(
        testkit_size_at(fx->log, "runs.0.results.0.codeFlows.0.threadFlows.0.locations"),
        SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.1.relatedLocations"), 3);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.tool.driver.rules.1.properties.tags"),
                     SARIF_GITHUB_MAX_TAGS_PER_RULE);
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.rules.1.properties.tags.19", "t20");
    assert_int_equal(testkit_size_at(fx->log, "runs.0.tool.driver.rules.0.properties.tags"), 4);
    assert_int_equal(testkit_size_at(fx->log, note_path), 3);
    testkit_assert_str_at(
        fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text",
        "relatedLocations cut to the first 999 in 1 result(s): GitHub accepts at most "
        "1000 locations per result");
    testkit_assert_str_at(
        fx->log, "runs.0.invocations.0.toolExecutionNotifications.1.message.text",
        "code flows cut to the first 10000 steps in 1 result(s): GitHub accepts at "
        "most 10000 thread flow locations per result");
    testkit_assert_str_at(
        fx->log, "runs.0.invocations.0.toolExecutionNotifications.2.message.text",
        "tags cut to the first 20 in 1 rule(s): GitHub accepts at most 20 tags per "
        "rule");
    testkit_assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.2.level",
                          "warning");
    sarif_fixture_write_log(fx, NULL);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.0.relatedLocations"),
                     SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT + 200);
    assert_int_equal(
        testkit_size_at(fx->log, "runs.0.results.0.codeFlows.0.threadFlows.0.locations"),
        SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS + 50);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.tool.driver.rules.1.properties.tags"), 27);
    testkit_assert_absent(fx->log, note_path);
}

/* Moves a finding of rule_id at path:line into the result's absent list. */
static void add_absent(struct sarif_fixture *fx, const char *rule_id, const char *path,
                       unsigned line)
{
    struct ecg_finding g;
    struct ecg_range r = testkit_range(path, line, 1, line, 5);

    memset(&g, 0, sizeof(g));
    g.rule_id = rule_id;
    g.level = ECG_LEVEL_WARNING;
    g.baseline_state = ECG_BASELINE_ABSENT;
    g.suppressed = 1; /* never shown as suppressed: it is gone */
    memcpy(g.fingerprint, "00112233aabbccdd", 17);
    g.message = strdup("gone");
    assert_non_null(g.message);
    assert_int_equal(ecg_range_set(&g.range, path, line, 1, line, 5), 0);
    assert_int_equal(ecg_finding_add_edit(&g, &r, "fgets"), 0);
    assert_int_equal(ecg_findings_take(&fx->result.absent, &g), 0);
}

/* Writes f0.c and adds one result per baseline state: new (line 1), unchanged and suppressed
 * (line 2), absent of the registered BF (line 3) and of an unregistered rule (line 4). */
static void add_baseline_results(struct sarif_fixture *fx)
{
    char path[4200];
    struct ecg_finding *f;

    fx->result.rules[0] = &sarif_fixture_rule_plain;
    fx->result.n_rules = 1;
    fx->result.baseline_in_use = 1;
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "a;\nb;\nc;\nd;\n");
    f = sarif_fixture_add_finding(fx, "style-plain", ECG_LEVEL_NOTE,
                                  testkit_range(path, 1, 1, 1, 2), "fresh");
    f->baseline_state = ECG_BASELINE_NEW;
    f = sarif_fixture_add_finding(fx, "style-plain", ECG_LEVEL_NOTE,
                                  testkit_range(path, 2, 1, 2, 2), "old");
    f->baseline_state = ECG_BASELINE_UNCHANGED;
    f->suppressed = 1;
    add_absent(fx, BF, path, 3);
    add_absent(fx, "gone-rule", path, 4);
}

static void test_sarif_baseline_states_and_absent_results(void **state)
{
    struct sarif_fixture *fx = *state;
    const struct rule_desc *registered = rule_registry_find(BF);

    assert_non_null(registered);
    add_baseline_results(fx);
    sarif_fixture_write_log(fx, NULL);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results"), 4);
    testkit_assert_str_at(fx->log, "runs.0.results.0.baselineState", "new");
    testkit_assert_str_at(fx->log, "runs.0.results.1.baselineState", "unchanged");
    testkit_assert_str_at(fx->log, "runs.0.results.2.baselineState", "absent");
    testkit_assert_str_at(fx->log, "runs.0.results.3.baselineState", "absent");
    /* The registered rule of an absent result joins rules[]; an unknown one has no index. */
    assert_int_equal(testkit_size_at(fx->log, "runs.0.tool.driver.rules"), 2);
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.rules.1.id", BF);
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.rules.1.shortDescription.text",
                          registered->summary);
    testkit_assert_num_at(fx->log, "runs.0.results.2.ruleIndex", 1);
    testkit_assert_str_at(fx->log, "runs.0.results.3.ruleId", "gone-rule");
    testkit_assert_absent(fx->log, "runs.0.results.3.ruleIndex");
    /* Absent: never suppressed, no fix, no line hash or snippet of what is there now. */
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.1.suppressions"), 1);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results.2.suppressions"), 0);
    testkit_assert_absent(fx->log, "runs.0.results.2.fixes");
    testkit_assert_str_at(fx->log, "runs.0.results.2.partialFingerprints.ecg/v1",
                          "00112233aabbccdd");
    testkit_assert_absent(fx->log, "runs.0.results.2.partialFingerprints.primaryLocationLineHash");
    testkit_assert_absent(fx->log, "runs.0.results.2.locations.0.physicalLocation.region.snippet");
    testkit_assert_str_at(fx->log, "runs.0.results.2.level", "warning");
    /* GitHub would open absent results as alerts: they are left out, with their rules. */
    sarif_fixture_write_github(fx, 0);
    assert_int_equal(testkit_size_at(fx->log, "runs.0.results"), 1);
    testkit_assert_str_at(fx->log, "runs.0.results.0.baselineState", "new");
    assert_int_equal(testkit_size_at(fx->log, "runs.0.tool.driver.rules"), 1);
    fx->result.baseline_in_use = 0;
    ecg_findings_fini(&fx->result.absent);
    sarif_fixture_write_log(fx, NULL);
    testkit_assert_absent(fx->log, "runs.0.results.0.baselineState");
}

static void test_sarif_help_uri_base(void **state)
{
    struct sarif_fixture *fx = *state;
    struct sarif_options opts = { .help_uri_base = "https://docs.example.com/ecg/" };

    sarif_fixture_write_log_opts(fx, &opts);
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.rules.0.helpUri",
                          "https://docs.example.com/ecg/" BF ".md");
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.rules.1.helpUri",
                          "https://docs.example.com/ecg/style-plain.md");
    assert_non_null(
        strstr(testkit_json_at(fx->log, "runs.0.tool.driver.rules.0.help.text")->valuestring,
               "See https://docs.example.com/ecg/" BF ".md"));
    opts.help_uri_base = "docs/rules/";
    sarif_fixture_write_log_opts(fx, &opts);
    testkit_assert_str_at(fx->log, "runs.0.tool.driver.rules.0.helpUri",
                          "https://github.com/ecg-tools/ecg/blob/main/docs/rules/" BF ".md");
}

static void test_sarif_help_uri_valid(void **state)
{
    static const char *const good[] = {
        "https://example.com/docs/",  "http://x/",
        "file:///opt/ecg/docs/",      "urn:ecg:",
        "https://example.com/a%20b/", "git+ssh.v2-x://host/p/",
        "HTTPS://EXAMPLE.COM/",
    };
    static const char *const bad[] = {
        "",
        "docs/",
        "/abs/path/",
        "https:",
        "1http://x/",
        "://x/",
        "https://exa mple.com/",
        "https://example.com/\xc3\xa9/",
        "https://x/%zz/",
        "https://x/%4",
        "https://x/<a>/",
        "C:\\docs\\",
        "https://x/\t/",
        "mailto",
        "https://x/\"/",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        if (!sarif_help_uri_valid(good[i]))
            fail_msg("'%s' should be valid", good[i]);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (sarif_help_uri_valid(bad[i]))
            fail_msg("'%s' should be invalid", bad[i]);
    }
    assert_false(sarif_help_uri_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif_line_hash_per_file_and_line, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_github_profile_drops_suppressed_and_fixes,
                                        sarif_fixture_setup, sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_max_results_keeps_most_severe,
                                        sarif_fixture_setup, sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_github_caps_locations_flows_tags,
                                        sarif_fixture_setup, sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_baseline_states_and_absent_results,
                                        sarif_fixture_setup, sarif_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_sarif_help_uri_base, sarif_fixture_setup,
                                        sarif_fixture_teardown),
        cmocka_unit_test(test_sarif_help_uri_valid),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
