/* Unit tests for configuration text: every key in string and array form, errors positioned
 * at the offending key or value, merge semantics, and --dump-config covering every rule.
 * Files on disk (load, find, the cache) are tested in test_config_cache.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "tests/support/config_fixture.h"

/* ---- helpers -------------------------------------------------------------------------- */

/* Parses text expecting failure rc at line:col with needle in the message. */
static void parse_fails(const char *text, int rc, unsigned line, unsigned col, const char *needle)
{
    struct ecg_config *cfg = NULL;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    assert_int_equal(ecg_config_parse(&cfg, text, strlen(text), "cfg.json", "/p", &diag), rc);
    assert_null(cfg);
    assert_string_equal(diag.path, "cfg.json");
    if (diag.line != line || diag.col != col || strstr(diag.message, needle) == NULL)
        fprintf(stderr, "got %u:%u: %s\n", diag.line, diag.col, diag.message);
    assert_int_equal(diag.line, line);
    assert_int_equal(diag.col, col);
    assert_non_null(strstr(diag.message, needle));
}

/* ---- parsing -------------------------------------------------------------------------- */

static void test_config_new_is_unset(void **state)
{
    struct ecg_config *cfg = ecg_config_new();
    (void)state;

    assert_non_null(cfg);
    assert_null(cfg->origin);
    assert_null(cfg->checks);
    assert_null(cfg->warnings_as_errors);
    assert_null(cfg->header_filter);
    assert_int_equal(cfg->exclude.len, 0);
    assert_true(cJSON_IsObject(cfg->rules));
    assert_int_equal(cfg->inherit, 0);
    ecg_config_free(cfg);
    ecg_config_free(NULL);
}

static void test_config_parse_string_forms(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    char text[1024];
    struct ecg_config *cfg;
    (void)state;

    snprintf(text, sizeof(text),
             "{\"checks\": \"-*,security-*\", \"warnings_as_errors\": \"security-*\",\n"
             " \"header_filter\": \"^/p/include/.*\\\\.h$\", \"inherit\": true,\n"
             " \"exclude\": [\"gen/**\"], \"rules\": {\"%s\": {\"%s\": %s}}}",
             r->id, r->options[0].name, config_fixture_valid_value(&r->options[0]));
    cfg = config_fixture_parse_ok(text, "/p");
    assert_string_equal(cfg->origin, "t.json");
    assert_string_equal(cfg->dir, "/p");
    assert_string_equal(cfg->checks, "-*,security-*");
    assert_string_equal(cfg->warnings_as_errors, "security-*");
    assert_string_equal(cfg->header_filter, "^/p/include/.*\\.h$");
    assert_int_equal(cfg->inherit, 1);
    assert_int_equal(cfg->exclude.len, 1);
    assert_string_equal(cfg->exclude.items[0], "/p/gen/**");
    config_fixture_assert_valid_value(&r->options[0],
                                      ecg_config_rule_option(cfg, r->id, r->options[0].name));
    assert_null(ecg_config_rule_option(cfg, r->id, "no-such-option"));
    assert_null(ecg_config_rule_option(cfg, "no-such-rule", r->options[0].name));
    ecg_config_free(cfg);
}

static void test_config_parse_array_forms(void **state)
{
    struct ecg_config *cfg;
    (void)state;

    cfg = config_fixture_parse_ok("{\"checks\": [\"-*\", \" security-* \", \"-security-x\"],"
                                  " \"warnings_as_errors\": [\"a\"], \"inherit\": false}",
                                  "/p");
    assert_string_equal(cfg->checks, "-*, security-* ,-security-x");
    assert_string_equal(cfg->warnings_as_errors, "a");
    assert_int_equal(cfg->inherit, 0);
    ecg_config_free(cfg);
    cfg = config_fixture_parse_ok(
        "{\"checks\": [], \"warnings_as_errors\": null, \"header_filter\": null}", "/p");
    assert_string_equal(cfg->checks, "");
    assert_null(cfg->warnings_as_errors);
    assert_null(cfg->header_filter);
    ecg_config_free(cfg);
}

static void test_config_parse_empty_object_and_bom(void **state)
{
    struct ecg_config *cfg;
    (void)state;

    cfg = config_fixture_parse_ok("  {}  ", NULL);
    assert_null(cfg->checks);
    assert_null(cfg->dir);
    assert_null(cfg->rules->child);
    ecg_config_free(cfg);
    cfg = config_fixture_parse_ok("\xEF\xBB\xBF{\"checks\": \"a\"}", "/p");
    assert_string_equal(cfg->checks, "a");
    ecg_config_free(cfg);
    parse_fails("\xEF\xBB\xBF{\"chex\": 1}", ECG_ECONFIG, 1, 2, "unknown key 'chex'");
}

static void test_config_exclude_made_absolute(void **state)
{
    struct ecg_config *cfg;
    (void)state;

    cfg = config_fixture_parse_ok("{\"exclude\": [\"gen/**/*.c\", \"/abs/*.h\", \"./third_party/\","
                                  " \"../shared/x.c\", \"a//b/./c\"]}",
                                  "/work/proj/");
    assert_int_equal(cfg->exclude.len, 5);
    assert_string_equal(cfg->exclude.items[0], "/work/proj/gen/**/*.c");
    assert_string_equal(cfg->exclude.items[1], "/abs/*.h");
    assert_string_equal(cfg->exclude.items[2], "/work/proj/third_party/**");
    assert_string_equal(cfg->exclude.items[3], "/work/shared/x.c");
    assert_string_equal(cfg->exclude.items[4], "/work/proj/a/b/c");
    ecg_config_free(cfg);
    /* Without a directory relative globs are kept as written. */
    cfg = config_fixture_parse_ok("{\"exclude\": [\"gen/*\"]}", NULL);
    assert_string_equal(cfg->exclude.items[0], "gen/*");
    ecg_config_free(cfg);
}

static void test_config_error_malformed_json(void **state)
{
    (void)state;
    parse_fails("{\n  \"checks\": \"a\",\n  \"x\" 1\n}", ECG_EPARSE, 3, 7, "invalid JSON");
    /* cJSON blames the last character when the input ends early. */
    parse_fails("{\"checks\": \"a\"", ECG_EPARSE, 1, 14, "invalid JSON");
    parse_fails("", ECG_EPARSE, 1, 1, "invalid JSON");
}

static void test_config_error_root_not_object(void **state)
{
    (void)state;
    parse_fails("\n  [\"checks\"]", ECG_ECONFIG, 2, 3, "must be a JSON object");
}

static void test_config_error_wrong_type(void **state)
{
    (void)state;
    parse_fails("{\n  \"checks\": 5\n}", ECG_ECONFIG, 2, 13, "'checks' must be a string");
    parse_fails("{\"warnings_as_errors\": [\"a\",\n   7]}", ECG_ECONFIG, 2, 4,
                "entries of 'warnings_as_errors' must be strings");
    parse_fails("{\"checks\": \"a\", \"inherit\": \"yes\"}", ECG_ECONFIG, 1, 28,
                "'inherit' must be true or false");
    parse_fails("{\"header_filter\": [\"a\"]}", ECG_ECONFIG, 1, 19, "'header_filter' must be");
    parse_fails("{\"exclude\": \"gen/**\"}", ECG_ECONFIG, 1, 13, "'exclude' must be an array");
    parse_fails("{\"exclude\": [\"a\", \"\"]}", ECG_ECONFIG, 1, 19, "non-empty strings");
    parse_fails("{\"exclude\": [{\"a\": 1}]}", ECG_ECONFIG, 1, 14, "non-empty strings");
    parse_fails("{\"rules\": []}", ECG_ECONFIG, 1, 11, "'rules' must be an object");
}

static void test_config_error_bad_regex(void **state)
{
    (void)state;
    parse_fails("{\n\t\"checks\": \"*\",\n\t\"header_filter\":   \"src/(a|b\"\n}", ECG_ECONFIG, 3,
                21, "'header_filter' is not a valid regular expression");
}

static void test_config_error_unknown_key(void **state)
{
    (void)state;
    parse_fails("{\"checks\": \"a\",\n \"chekcs\": \"b\"}", ECG_ECONFIG, 2, 2,
                "unknown key 'chekcs'; did you mean 'checks'?");
    parse_fails("{\"Header_Filter\": \"x\"}", ECG_ECONFIG, 1, 2, "did you mean 'header_filter'?");
    parse_fails("{\"checks\": \"a\", \"frobnicate\": 1}", ECG_ECONFIG, 1, 17,
                "unknown key 'frobnicate' (expected checks, warnings_as_errors");
    parse_fails("{\"checks\": \"a\", \"checks\": \"b\"}", ECG_ECONFIG, 1, 17,
                "key 'checks' appears twice");
}

static void test_config_error_unknown_rule(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    char text[512];
    char typo[128];
    (void)state;

    parse_fails("{\"rules\": {\n    \"no-such-rule-at-all\": {}}}", ECG_ECONFIG, 2, 5,
                "unknown rule 'no-such-rule-at-all'");
    /* A rule id with one character dropped gets a suggestion. */
    snprintf(typo, sizeof(typo), "%s", r->id);
    typo[strlen(typo) - 1] = '\0';
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {}}}", typo);
    parse_fails(text, ECG_ECONFIG, 1, 12, "did you mean");
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {}, \"%s\": {}}}", r->id, r->id);
    parse_fails(text, ECG_ECONFIG, 1, 20 + (unsigned)strlen(r->id), "configured twice");
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": true}}", r->id);
    parse_fails(text, ECG_ECONFIG, 1, 16 + (unsigned)strlen(r->id), "must be an object");
}

static void test_config_error_unknown_option(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    char text[512];
    char msg[256];
    (void)state;

    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\n  \"zzzzzzzzzzzzzzzzzz\": 1}}}", r->id);
    snprintf(msg, sizeof(msg), "rule '%s' has no option 'zzzzzzzzzzzzzzzzzz' (options: %s", r->id,
             r->options[0].name);
    parse_fails(text, ECG_ECONFIG, 2, 3, msg);
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\"X%s\": 1}}}", r->id, r->options[0].name);
    snprintf(msg, sizeof(msg), "did you mean '%s'?", r->options[0].name);
    parse_fails(text, ECG_ECONFIG, 1, 17 + (unsigned)strlen(r->id), msg);
}

static void test_config_error_option_wrong_type(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    char text[512];
    char msg[256];
    (void)state;

    /* An object is the wrong type for every option type. */
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\n \"%s\":\n     {}}}}", r->id,
             r->options[0].name);
    snprintf(msg, sizeof(msg), "option '%s' of rule '%s' must be", r->options[0].name, r->id);
    parse_fails(text, ECG_ECONFIG, 3, 6, msg);
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\"%s\": %s, \"%s\": %s}}}", r->id,
             r->options[0].name, config_fixture_valid_value(&r->options[0]), r->options[0].name,
             config_fixture_valid_value(&r->options[0]));
    parse_fails(text, ECG_ECONFIG, 1,
                (unsigned)(12 + strlen(r->id) + 5 + strlen(r->options[0].name) + 3 +
                           strlen(config_fixture_valid_value(&r->options[0])) + 3),
                "set twice");
}

static void test_config_error_positions_ignore_lookalikes_in_strings(void **state)
{
    (void)state;
    /* The text of a key appears inside string values first; the position is the key's. */
    parse_fails("{\"checks\": \"\\\"rules\\\": {\\\"x\\\": 1}, rules\", \"warnings_as_errors\": "
                "[\"[\\\"]\", \"}\", 3], \"rules\": {\"rules\": {}}}",
                ECG_ECONFIG, 1, 80, "entries of 'warnings_as_errors' must be strings");
    parse_fails("{\"checks\": \"{\\\"rules\\\": {\\\"nope\\\"\", \"rules\": {\"nope\": {}}}",
                ECG_ECONFIG, 1, 47, "unknown rule 'nope'");
}

/* ---- merging -------------------------------------------------------------------------- */

static void test_config_merge_semantics(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    const struct rule_option *o = &r->options[0];
    struct ecg_config *base =
        config_fixture_parse_ok("{\"checks\": \"-*,security-*\", \"warnings_as_errors\":"
                                " \"a\", \"header_filter\": \"base\", \"exclude\": [\"b/*\"]}",
                                "/base");
    struct ecg_config *over;
    char text[512];
    (void)state;

    snprintf(text, sizeof(text),
             "{\"checks\": \"-security-x\", \"exclude\": [\"o/*\"], \"header_filter\": \"over\","
             " \"rules\": {\"%s\": {\"%s\": %s}}}",
             r->id, o->name, config_fixture_valid_value(o));
    over = config_fixture_parse_ok(text, "/over");
    assert_int_equal(ecg_config_merge(base, over), 0);
    assert_string_equal(base->checks, "-*,security-*,-security-x");
    assert_string_equal(base->warnings_as_errors, "a");
    assert_string_equal(base->header_filter, "over");
    assert_int_equal(base->exclude.len, 2);
    assert_string_equal(base->exclude.items[0], "/base/b/*");
    assert_string_equal(base->exclude.items[1], "/over/o/*");
    assert_string_equal(base->origin, "t.json");
    assert_string_equal(base->dir, "/base");
    config_fixture_assert_valid_value(o, ecg_config_rule_option(base, r->id, o->name));
    /* Merging an empty configuration changes nothing. */
    ecg_config_free(over);
    over = ecg_config_new();
    assert_non_null(over);
    assert_int_equal(ecg_config_merge(base, over), 0);
    assert_string_equal(base->checks, "-*,security-*,-security-x");
    assert_string_equal(base->header_filter, "over");
    assert_int_equal(base->exclude.len, 2);
    ecg_config_free(over);
    ecg_config_free(base);
}

static void test_config_merge_into_unset_and_per_option(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    const struct rule_option *o = &r->options[0];
    struct ecg_config *base = ecg_config_new();
    struct ecg_config *over;
    char text[512];
    (void)state;

    snprintf(text, sizeof(text),
             "{\"warnings_as_errors\": [\"x\", \"y\"], \"rules\": {\"%s\": {\"%s\": %s}}}", r->id,
             o->name, config_fixture_valid_value(o));
    over = config_fixture_parse_ok(text, "/o");
    assert_non_null(base);
    assert_int_equal(ecg_config_merge(base, over), 0);
    assert_null(base->checks);
    assert_string_equal(base->warnings_as_errors, "x,y");
    assert_string_equal(base->origin, "t.json");
    assert_string_equal(base->dir, "/o");
    config_fixture_assert_valid_value(o, ecg_config_rule_option(base, r->id, o->name));
    /* Merging the same option again replaces it rather than adding a second copy. */
    assert_int_equal(ecg_config_merge(base, over), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(base->rules, r->id)), 1);
    assert_string_equal(base->warnings_as_errors, "x,y,x,y");
    ecg_config_free(over);
    ecg_config_free(base);
}

/* ---- dump ----------------------------------------------------------------------------- */

static void test_config_dump_lists_every_rule(void **state)
{
    struct ecg_config *cfg =
        config_fixture_parse_ok("{\"checks\": \"security-*\", \"exclude\": [\"g/*\"]}", "/d");
    char *text = ecg_config_dump(cfg);
    cJSON *root;
    const cJSON *rules;
    (void)state;

    assert_non_null(text);
    root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(root, "checks")), "security-*");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(root, "warnings_as_errors")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(root, "header_filter")));
    assert_string_equal(
        cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "exclude"), 0)),
        "/d/g/*");
    rules = cJSON_GetObjectItem(root, "rules");
    assert_int_equal((size_t)cJSON_GetArraySize(rules), rule_registry_count());
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *r = rule_registry_at(i);
        const cJSON *opts = cJSON_GetArrayItem(rules, (int)i);

        assert_string_equal(opts->string, r->id);
        assert_int_equal((size_t)cJSON_GetArraySize(opts), r->n_options);
        for (size_t k = 0; k < r->n_options; k++)
            assert_string_equal(cJSON_GetArrayItem(opts, (int)k)->string, r->options[k].name);
    }
    cJSON_Delete(root);
    free(text);
    ecg_config_free(cfg);
}

static void assert_default_value(const struct rule_option *o, const cJSON *v)
{
    switch (o->type) {
    case RULE_OPT_BOOL:
        assert_true(cJSON_IsBool(v));
        assert_int_equal(cJSON_IsTrue(v), strcmp(o->default_value, "true") == 0);
        break;
    case RULE_OPT_INT:
        assert_true(cJSON_IsNumber(v));
        assert_int_equal(v->valueint, strtol(o->default_value, NULL, 10));
        break;
    case RULE_OPT_STRING:
        assert_string_equal(cJSON_GetStringValue(v), o->default_value);
        break;
    case RULE_OPT_STRING_LIST:
        assert_true(cJSON_IsArray(v));
        break;
    }
}

static void test_config_dump_defaults_and_configured_values(void **state)
{
    const struct rule_desc *r = config_fixture_first_rule();
    char text[512];
    struct ecg_config *cfg = ecg_config_new();
    struct ecg_config *back;
    char *dumped;
    cJSON *root;
    (void)state;

    assert_non_null(cfg);
    dumped = ecg_config_dump(cfg);
    root = cJSON_Parse(dumped);
    assert_non_null(root);
    for (size_t k = 0; k < r->n_options; k++)
        assert_default_value(
            &r->options[k],
            cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "rules"), r->id),
                                r->options[k].name));
    cJSON_Delete(root);
    free(dumped);
    ecg_config_free(cfg);
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\"%s\": %s}}}", r->id, r->options[0].name,
             config_fixture_valid_value(&r->options[0]));
    cfg = config_fixture_parse_ok(text, "/d");
    dumped = ecg_config_dump(cfg);
    assert_non_null(dumped);
    /* The dump is itself a valid configuration with the same effective values. */
    back = config_fixture_parse_ok(dumped, "/d");
    config_fixture_assert_valid_value(&r->options[0],
                                      ecg_config_rule_option(back, r->id, r->options[0].name));
    free(dumped);
    ecg_config_free(back);
    ecg_config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_new_is_unset),
        cmocka_unit_test(test_config_parse_string_forms),
        cmocka_unit_test(test_config_parse_array_forms),
        cmocka_unit_test(test_config_parse_empty_object_and_bom),
        cmocka_unit_test(test_config_exclude_made_absolute),
        cmocka_unit_test(test_config_error_malformed_json),
        cmocka_unit_test(test_config_error_root_not_object),
        cmocka_unit_test(test_config_error_wrong_type),
        cmocka_unit_test(test_config_error_bad_regex),
        cmocka_unit_test(test_config_error_unknown_key),
        cmocka_unit_test(test_config_error_unknown_rule),
        cmocka_unit_test(test_config_error_unknown_option),
        cmocka_unit_test(test_config_error_option_wrong_type),
        cmocka_unit_test(test_config_error_positions_ignore_lookalikes_in_strings),
        cmocka_unit_test(test_config_merge_semantics),
        cmocka_unit_test(test_config_merge_into_unset_and_per_option),
        cmocka_unit_test(test_config_dump_lists_every_rule),
        cmocka_unit_test(test_config_dump_defaults_and_configured_values),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
