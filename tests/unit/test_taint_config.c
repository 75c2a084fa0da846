/* Unit tests for the "taint" configuration (analyzer/taint.h, analyzer/config.h): the check
 * that names the offending member, its errors located in an .ecg.json, the lists of an
 * inheriting file appended and shown by --dump-config, and category names both ways. What
 * the configured sources, sinks and sanitizers do to flows: test_taint.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "analyzer/taint.h"

static void test_taint_config_check_names_the_bad_member(void **state)
{
    static const struct {
        const char *json;
        size_t depth;
        size_t where[4];
        int want_key;
        const char *message;
    } cases[] = {
        { "[]", 0, { 0 }, 0, "must be an object" },
        { "{\"sources\": [], \"sinkz\": []}", 1, { 1 }, 1, "unknown key 'sinkz'" },
        { "{\"sinks\": [{\"function\": \"f\", \"args\": [0]}]}", 2, { 0, 0 }, 0, "'category'" },
        { "{\"sinks\": [{\"function\": \"f\", \"category\": \"cmd\", \"args\": [0]}]}",
          3,
          { 0, 0, 1 },
          0,
          "one of: command" },
        { "{\"sources\": [{\"function\": \"f\", \"args\": [0, -1]}]}",
          4,
          { 0, 0, 1, 1 },
          0,
          "from 0 to 31" },
        { "{\"sanitizers\": [{\"function\": \"f\"}]}", 2, { 0, 0 }, 0, "\"returns\": true" },
        { "{\"sources\": [{\"function\": \"f\", \"returns\": true, \"returns\": false}]}",
          3,
          { 0, 0, 2 },
          1,
          "appears twice" },
    };
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cJSON *json = cJSON_Parse(cases[i].json);
        struct ecg_taint_config_error e;

        assert_non_null(json);
        assert_int_not_equal(ecg_taint_config_check(&e, json), 0);
        if (e.depth != cases[i].depth || e.want_key != cases[i].want_key ||
            strstr(e.message, cases[i].message) == NULL)
            fail_msg("%s: depth %zu key %d '%s'", cases[i].json, e.depth, e.want_key, e.message);
        for (size_t d = 0; d < e.depth; d++)
            assert_int_equal(e.where[d], cases[i].where[d]);
        cJSON_Delete(json);
    }
}

/* The "taint" object in .ecg.json: errors at the offending member's line and column. */
static void test_taint_config_errors_in_ecg_json(void **state)
{
    static const struct {
        const char *text;
        unsigned line, col;
        const char *message;
    } cases[] = {
        { "{\"taint\": []}", 1, 11, "must be an object" },
        { "{\n \"taint\": {\n  \"sink\": []}}", 3, 3, "unknown key 'sink'" },
        { "{\"taint\": {\"sinks\": [\n  {\"function\": \"run\", \"category\": \"shell\", "
          "\"args\": [0]}]}}",
          2, 35, "'category' must be one of" },
        { "{\"taint\": {\"sources\": [{\"function\": \"r\", \"args\": [1, 40]}]}}", 1, 54,
          "from 0 to 31" },
        { "{\"taint\": {\"sanitizers\": [{\"function\": \"v\", \"retruns\": true}]}}", 1, 45,
          "unknown key 'retruns'" },
    };
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ecg_config *cfg = NULL;
        struct ecg_diag diag;

        ecg_diag_clear(&diag);
        assert_int_equal(
            ecg_config_parse(&cfg, cases[i].text, strlen(cases[i].text), "cfg.json", "/p", &diag),
            -3);
        if (diag.line != cases[i].line || diag.col != cases[i].col ||
            strstr(diag.message, cases[i].message) == NULL)
            fail_msg("case %zu: got %u:%u: %s", i, diag.line, diag.col, diag.message);
    }
}

/* Lists of an inheriting file come after the parent's; --dump-config shows them. */
static void test_taint_config_merges_and_dumps(void **state)
{
    static const char parent[] =
        "{\"taint\": {\"sources\": [{\"function\": \"a\", \"returns\": true}]}}";
    static const char child[] =
        "{\"taint\": {\"sources\": [{\"function\": \"b\", \"returns\": true}],\n"
        " \"sinks\": [{\"function\": \"s\", \"category\": \"sql\", \"args\": [1]}]}}";
    struct ecg_config *base = NULL, *over = NULL, *back = NULL, *empty = ecg_config_new();
    struct ecg_diag diag;
    const cJSON *sources;
    char *dump;
    (void)state;

    assert_int_equal(ecg_config_parse(&base, parent, strlen(parent), "p", "/p", &diag), 0);
    assert_int_equal(ecg_config_parse(&over, child, strlen(child), "c", "/p/c", &diag), 0);
    assert_int_equal(ecg_config_merge(base, over), 0);
    sources = cJSON_GetObjectItem(base->taint, "sources");
    assert_int_equal(cJSON_GetArraySize(sources), 2);
    assert_string_equal(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(sources, 1), "function")), "b");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(base->taint, "sinks")), 1);
    assert_int_equal(ecg_config_merge(base, empty), 0); /* unset: unchanged */
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(base->taint, "sources")), 2);
    dump = ecg_config_dump(base);
    assert_non_null(dump);
    assert_int_equal(ecg_config_parse(&back, dump, strlen(dump), "dump", "/p", &diag), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(back->taint, "sources")), 2);
    free(dump);
    dump = ecg_config_dump(empty);
    assert_non_null(strstr(dump, "\"taint\":\tnull"));
    free(dump);
    ecg_config_free(back);
    ecg_config_free(over);
    ecg_config_free(base);
    ecg_config_free(empty);
}

static void test_taint_categories_are_names(void **state)
{
    (void)state;
    for (int c = 0; c < ECG_TAINT_CATEGORIES; c++)
        assert_int_equal(ecg_taint_category_from_name(ecg_taint_category_name(c)), c);
    assert_int_equal(ecg_taint_category_from_name("shell"), -1);
    assert_string_equal(ecg_taint_source_name(ECG_TAINT_FROM_NETWORK), "network");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taint_config_check_names_the_bad_member),
        cmocka_unit_test(test_taint_config_errors_in_ecg_json),
        cmocka_unit_test(test_taint_config_merges_and_dumps),
        cmocka_unit_test(test_taint_categories_are_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
