/* Unit tests for `ecg sarif diff` (sarif/diff.c, and its command line in sarif/cli.c):
 * matching by fingerprint and by location, one to one; suppressed and absent results set
 * aside; the gate (a new error); the text and JSON outputs; exit codes.
 * Logs use ' for " to stay readable. */
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
#include "sarif/diff.h"
#include "sarif/read.h"
#include "tests/support/sarif_logs.h"
#include "tests/support/testkit.h"

#define LOG(results)                                                                               \
    "{'version': '2.1.0', 'runs': [{'tool': {'driver': {'name': 'ecg', 'rules': [{'id': 'r1'},"    \
    " {'id': 'r2', 'defaultConfiguration': {'level': 'error'}}]}}, 'results': [" results "]}]}"
/* A result of rule r1 at a.c:line:col with fingerprint fp and extra members. */
#define RES(level, line, fp, extra)                                                                \
    "{'ruleId': 'r1', 'ruleIndex': 0, 'level': '" level "', 'message': {'text': 'msg " fp "'},"    \
    " 'locations': [{'physicalLocation': {'artifactLocation': {'uri': 'src/a.c', 'uriBaseId': "    \
    "'%SRCROOT%'}, 'region': {'startLine': " line ", 'startColumn': 5}}}],"                        \
    " 'partialFingerprints': {'ecg/v1': '" fp "'}" extra "}"
/* A result without fingerprint. */
#define RES_NOFP(line, msg)                                                                        \
    "{'ruleId': 'r1', 'level': 'warning', 'message': {'text': '" msg "'}, 'locations': "           \
    "[{'physicalLocation': {'artifactLocation': {'uri': 'b.c'}, 'region': {'startLine': " line     \
    "}}}]}"
#define SUPPRESSED ", 'suppressions': [{'kind': 'inSource'}]"

struct fixture {
    struct sarif_doc *base;
    struct sarif_doc *head;
    struct sarif_diff diff;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    sarif_diff_fini(&fx->diff);
    sarif_read_free(fx->head);
    sarif_read_free(fx->base);
    free(fx);
    return 0;
}

static void compare(struct fixture *fx, const char *base, const char *head)
{
    sarif_diff_fini(&fx->diff);
    sarif_read_free(fx->head);
    sarif_read_free(fx->base);
    fx->base = sarif_logs_read_ok(base, "base.sarif");
    fx->head = sarif_logs_read_ok(head, "head.sarif");
    assert_int_equal(sarif_diff_compute(&fx->diff, fx->base, fx->head), 0);
}

static void assert_counts(const struct sarif_diff *d, size_t n_new, size_t n_fixed,
                          size_t n_unchanged, size_t n_suppressed)
{
    size_t states[3] = { 0, 0, 0 };

    assert_int_equal(d->n_new, n_new);
    assert_int_equal(d->n_fixed, n_fixed);
    assert_int_equal(d->n_unchanged, n_unchanged);
    assert_int_equal(d->n_suppressed, n_suppressed);
    for (size_t i = 0; i < d->len; i++)
        states[d->items[i].state]++;
    assert_int_equal(states[SARIF_DIFF_NEW], n_new);
    assert_int_equal(states[SARIF_DIFF_FIXED], n_fixed);
    assert_int_equal(states[SARIF_DIFF_UNCHANGED], n_unchanged);
}

/* The fingerprint of the only item in state; fails unless there is exactly one. */
static const char *only(const struct sarif_diff *d, enum sarif_diff_state state)
{
    const char *fp = NULL;
    size_t n = 0;

    for (size_t i = 0; i < d->len; i++) {
        if (d->items[i].state == state) {
            fp = d->items[i].view.fingerprint != NULL ? d->items[i].view.fingerprint
                                                      : d->items[i].view.message;
            n++;
        }
    }
    assert_int_equal(n, 1);
    return fp;
}

static void test_sarif_diff_new_fixed_unchanged(void **state)
{
    struct fixture *fx = *state;

    compare(fx,
            LOG(RES("warning", "3", "aa", "") "," RES("warning", "9", "bb",
                                                      "") "," RES("warning", "20", "cc", "")),
            LOG(RES("warning", "4", "aa", "") "," RES("warning", "21", "cc",
                                                      "") "," RES("warning", "30", "dd", "")));
    assert_counts(&fx->diff, 1, 1, 2, 0);
    assert_string_equal(only(&fx->diff, SARIF_DIFF_NEW), "dd");
    assert_string_equal(only(&fx->diff, SARIF_DIFF_FIXED), "bb");
    assert_int_equal(fx->diff.items[0].state, SARIF_DIFF_UNCHANGED);
    assert_int_equal(fx->diff.items[0].view.line, 4); /* HEAD's view of an unchanged one */
    assert_false(sarif_diff_fails_gate(&fx->diff));
}

static void test_sarif_diff_matches_one_to_one(void **state)
{
    struct fixture *fx = *state;

    compare(fx, LOG(RES_NOFP("2", "twice") "," RES_NOFP("2", "twice")),
            LOG(RES_NOFP("2", "twice") "," RES_NOFP("2", "twice") "," RES_NOFP("2", "twice")));
    assert_counts(&fx->diff, 1, 0, 2, 0);
    assert_int_equal(fx->diff.items[2].state, SARIF_DIFF_NEW);
    compare(fx, LOG(RES_NOFP("2", "twice") "," RES_NOFP("2", "twice")),
            LOG(RES_NOFP("2", "twice")));
    assert_counts(&fx->diff, 0, 1, 1, 0);
}

static void test_sarif_diff_fallback_key(void **state)
{
    struct fixture *fx = *state;

    compare(fx, LOG(RES_NOFP("2", "same") "," RES_NOFP("5", "moved") "," RES_NOFP("7", "old")),
            LOG(RES_NOFP("2", "same") "," RES_NOFP("6", "moved") "," RES_NOFP("7", "new")));
    assert_counts(&fx->diff, 2, 2, 1, 0);
    /* The same rule and fingerprint match wherever the result moved, whatever the message. */
    compare(fx, LOG(RES("warning", "3", "aa", "")),
            LOG("{'ruleId': 'r1', 'message': {'text': 'reworded'}, 'partialFingerprints':"
                " {'ecg/v1': 'aa'}}"));
    assert_counts(&fx->diff, 0, 0, 1, 0);
    /* Another rule with the same fingerprint is another result. */
    compare(fx, LOG(RES("warning", "3", "aa", "")),
            LOG("{'ruleId': 'r2', 'message': {'text': 'm'}, 'partialFingerprints':"
                " {'ecg/v1': 'aa'}}"));
    assert_counts(&fx->diff, 1, 1, 0, 0);
}

static void test_sarif_diff_sets_suppressed_and_absent_aside(void **state)
{
    struct fixture *fx = *state;

    /* New but suppressed in HEAD: not new. */
    compare(fx, LOG(""), LOG(RES("error", "3", "aa", SUPPRESSED)));
    assert_counts(&fx->diff, 0, 0, 0, 1);
    assert_false(sarif_diff_fails_gate(&fx->diff));
    /* Suppressed in HEAD since BASE: gone from the gate, so fixed. */
    compare(fx, LOG(RES("error", "3", "aa", "")), LOG(RES("error", "3", "aa", SUPPRESSED)));
    assert_counts(&fx->diff, 0, 1, 0, 1);
    /* Its suppression removed in HEAD: new to the gate. */
    compare(fx, LOG(RES("error", "3", "aa", SUPPRESSED)), LOG(RES("error", "3", "aa", "")));
    assert_counts(&fx->diff, 1, 0, 0, 0);
    assert_true(sarif_diff_fails_gate(&fx->diff));
    /* A rejected suppression does not suppress; an empty array neither. */
    compare(
        fx, LOG(""),
        LOG(RES("error", "3", "aa",
                ", 'suppressions': [{'kind': 'inSource', "
                "'status': 'rejected'}]") "," RES("warning", "4", "bb", ", 'suppressions': []")));
    assert_counts(&fx->diff, 2, 0, 0, 0);
    /* baselineState absent: a result that is no longer there, on either side. */
    compare(fx, LOG(RES("warning", "3", "aa", ", 'baselineState': 'absent'")),
            LOG(RES("error", "4", "bb", ", 'baselineState': 'absent'")));
    assert_counts(&fx->diff, 0, 0, 0, 0);
}

static void test_sarif_diff_gate(void **state)
{
    struct fixture *fx = *state;

    compare(fx, LOG(RES("error", "3", "aa", "")),
            LOG(RES("error", "3", "aa", "") "," RES("warning", "5", "bb", "") "," RES("note", "6",
                                                                                      "cc", "")));
    assert_counts(&fx->diff, 2, 0, 1, 0);
    assert_false(sarif_diff_fails_gate(&fx->diff)); /* the error is not new */
    compare(fx, LOG(""), LOG(RES("error", "5", "bb", "")));
    assert_true(sarif_diff_fails_gate(&fx->diff));
    /* Without a level, the rule's default decides. */
    compare(fx, LOG(""), LOG("{'ruleId': 'r2', 'ruleIndex': 1, 'message': {'text': 'm'}}"));
    assert_string_equal(fx->diff.items[0].view.level, "error");
    assert_true(sarif_diff_fails_gate(&fx->diff));
}

static char *print_text(const struct sarif_diff *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    assert_non_null(f);
    assert_int_equal(sarif_diff_print_text(f, d), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_sarif_diff_text_output(void **state)
{
    struct fixture *fx = *state;
    char *text;

    compare(
        fx, LOG(RES("warning", "9", "bb", "") "," RES("warning", "3", "aa", "")),
        LOG(RES("error", "30", "dd", "") "," RES("warning", "3", "aa", "") "," RES(
            "note", "31", "ee", SUPPRESSED) ","
                                            "{'ruleId': 'r1', 'message': {'text': 'nowhere'}}"));
    text = print_text(&fx->diff);
    assert_string_equal(text, "src/a.c:30:5: error: msg dd [r1] (new)\n"
                              "warning: nowhere [r1] (new)\n"
                              "src/a.c:9:5: warning: msg bb [r1] (fixed)\n"
                              "2 new, 1 fixed, 1 unchanged, 1 suppressed\n");
    free(text);
    compare(fx, LOG(""), LOG(""));
    text = print_text(&fx->diff);
    assert_string_equal(text, "0 new, 0 fixed, 0 unchanged\n");
    free(text);
}

static void test_sarif_diff_json_output(void **state)
{
    struct fixture *fx = *state;
    cJSON *json = NULL;
    const cJSON *item;

    compare(fx, LOG(RES("warning", "9", "bb", "")),
            LOG(RES("error", "30", "dd", "") "," RES_NOFP("4", "plain")));
    assert_int_equal(sarif_diff_to_json(&json, &fx->diff), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(json, "new")), 2);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(json, "fixed")), 1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(json, "unchanged")), 0);
    item = cJSON_GetArrayItem(cJSON_GetObjectItem(json, "new"), 0);
    assert_string_equal(cJSON_GetObjectItem(item, "ruleId")->valuestring, "r1");
    assert_string_equal(cJSON_GetObjectItem(item, "level")->valuestring, "error");
    assert_string_equal(cJSON_GetObjectItem(item, "uri")->valuestring, "src/a.c");
    assert_int_equal(cJSON_GetObjectItem(item, "startLine")->valueint, 30);
    assert_int_equal(cJSON_GetObjectItem(item, "startColumn")->valueint, 5);
    assert_string_equal(cJSON_GetObjectItem(item, "message")->valuestring, "msg dd");
    assert_string_equal(cJSON_GetObjectItem(item, "fingerprint")->valuestring, "dd");
    item = cJSON_GetArrayItem(cJSON_GetObjectItem(json, "new"), 1);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(item, "fingerprint")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(item, "startColumn")));
    assert_int_equal(cJSON_GetObjectItem(item, "startLine")->valueint, 4);
    item = cJSON_GetObjectItem(json, "counts");
    assert_int_equal(cJSON_GetObjectItem(item, "new")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItem(item, "fixed")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(item, "unchanged")->valueint, 0);
    assert_int_equal(cJSON_GetObjectItem(item, "suppressed")->valueint, 0);
    cJSON_Delete(json);
}

static void test_sarif_diff_json_out_of_memory(void **state)
{
    struct fixture *fx = *state;
    cJSON *json = NULL;
    long n;
    int rc = ECG_ENOMEM;

    compare(fx, LOG(RES("warning", "9", "bb", "") "," RES("warning", "3", "aa", "")),
            LOG(RES("error", "30", "dd", "") "," RES("warning", "3", "aa", "")));
    for (n = 0; n < 10000 && rc != 0; n++) {
        sarif_logs_fail_allocations_after(n);
        rc = sarif_diff_to_json(&json, &fx->diff);
        sarif_logs_restore_allocator();
        if (rc != 0)
            assert_int_equal(rc, ECG_ENOMEM);
        if (rc != 0)
            assert_null(json);
    }
    assert_int_equal(rc, 0);
    assert_true(n > 20);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(json, "unchanged")), 1);
    cJSON_Delete(json);
}

static void test_sarif_diff_print_reports_write_errors(void **state)
{
    struct fixture *fx = *state;
    FILE *f = fopen("/dev/full", "w");

    if (f == NULL)
        skip();
    compare(fx, LOG(""), LOG(RES("error", "30", "dd", "")));
    assert_int_equal(sarif_diff_print_text(f, &fx->diff), ECG_EIO);
    fclose(f);
}

/* --- the command line ------------------------------------------------------------------ */

/* Checks one run of the command: its exit code, and text in stdout and stderr. */
static void expect_cli(char **argv, int code, const char *in_out, const char *in_err)
{
    char *out = NULL;
    char *err = NULL;

    assert_int_equal(sarif_logs_run_cli(&out, &err, argv), code);
    if (strstr(out, in_out) == NULL)
        fail_msg("stdout '%s' lacks '%s'", out, in_out);
    if (strstr(err, in_err) == NULL)
        fail_msg("stderr '%s' lacks '%s'", err, in_err);
    free(out);
    free(err);
}

static void test_sarif_diff_cli_exit_codes(void **state)
{
    char dir[4096];
    char base[4200];
    char warn[4200];
    char error[4200];
    char missing[4200];

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "sarif-diff"), 0);
    sarif_logs_write(base, sizeof(base), dir, "base.sarif", LOG(RES("warning", "3", "aa", "")));
    sarif_logs_write(warn, sizeof(warn), dir, "warn.sarif",
                     LOG(RES("warning", "3", "aa", "") "," RES("warning", "8", "bb", "")));
    sarif_logs_write(error, sizeof(error), dir, "error.sarif", LOG(RES("error", "8", "bb", "")));
    testkit_path(missing, sizeof(missing), "%s/missing.sarif", dir);
    expect_cli((char *[]){ "sarif", "diff", base, warn, NULL }, 0,
               "src/a.c:8:5: warning: msg bb [r1] (new)\n1 new, 0 fixed, 1 unchanged\n", "");
    expect_cli((char *[]){ "sarif", "diff", base, error, NULL }, 1, "1 new, 1 fixed, 0 unchanged\n",
               "");
    expect_cli((char *[]){ "sarif", "diff", "--format", "json", base, error, NULL }, 1,
               "\"new\":\t1", "");
    expect_cli((char *[]){ "sarif", "diff", "--format=text", error, error, NULL }, 0,
               "0 new, 0 fixed, 1 unchanged\n", "");
    expect_cli((char *[]){ "sarif", "diff", base, missing, NULL }, 2, "", "missing.sarif: error: ");
    expect_cli((char *[]){ "sarif", "diff", base, NULL }, 2, "",
               "expected two SARIF logs, BASE and HEAD");
    expect_cli((char *[]){ "sarif", "diff", base, base, base, NULL }, 2, "", "unexpected argument");
    expect_cli((char *[]){ "sarif", "diff", "--format=xml", base, base, NULL }, 2, "",
               "unknown format 'xml' (text or json)");
    expect_cli((char *[]){ "sarif", "diff", "--format", NULL }, 2, "",
               "option '--format' needs a value");
    expect_cli((char *[]){ "sarif", "diff", "-h", NULL }, 0, "USAGE: ecg sarif diff", "");
    expect_cli((char *[]){ "sarif", NULL }, 2, "", "USAGE: ecg sarif <command>");
    expect_cli((char *[]){ "sarif", "help", NULL }, 0, "USAGE: ecg sarif <command>", "");
    assert_int_equal(testkit_remove_tree(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif_diff_new_fixed_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_matches_one_to_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_fallback_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_sets_suppressed_and_absent_aside, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_gate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_text_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_json_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_json_out_of_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_diff_print_reports_write_errors, setup,
                                        teardown),
        cmocka_unit_test(test_sarif_diff_cli_exit_codes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
