/* Unit tests for configuration: every key in string and array form, errors positioned at
 * the offending key or value, merge semantics, discovery with inherit chains in scratch
 * directories, the cache (each file read once), and --dump-config covering every rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "rules/registry.h"
#include "rules/rule.h"

#ifndef ECG_TEST_TMPDIR
#error "ECG_TEST_TMPDIR must name a scratch directory"
#endif

#define MAX_CREATED 32

/* ---- helpers -------------------------------------------------------------------------- */

static struct ecg_config *parse_ok(const char *text, const char *dir)
{
    struct ecg_config *cfg = NULL;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_config_parse(&cfg, text, strlen(text), "t.json", dir, &diag);
    if (rc != 0)
        fprintf(stderr, "unexpected failure: %u:%u: %s\n", diag.line, diag.col, diag.message);
    assert_int_equal(rc, 0);
    assert_non_null(cfg);
    return cfg;
}

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

static const struct rule_desc *first_rule(void)
{
    assert_true(rule_registry_count() > 0);
    assert_true(rule_registry_at(0)->n_options > 0);
    return rule_registry_at(0);
}

/* A JSON value of the option's type (a list for lists), differing from the default. */
static const char *valid_value(const struct rule_option *o)
{
    switch (o->type) {
    case RULE_OPT_BOOL:
        return strcmp(o->default_value, "true") == 0 ? "false" : "true";
    case RULE_OPT_INT:
        return "12345";
    case RULE_OPT_STRING:
        return "\"configured\"";
    case RULE_OPT_STRING_LIST:
        return "[\"p\", \"q\"]";
    }
    return "null";
}

static void assert_is_valid_value(const struct rule_option *o, const cJSON *v)
{
    assert_non_null(v);
    switch (o->type) {
    case RULE_OPT_BOOL:
        assert_true(cJSON_IsBool(v));
        assert_int_equal(cJSON_IsTrue(v), strcmp(o->default_value, "true") != 0);
        break;
    case RULE_OPT_INT:
        assert_true(cJSON_IsNumber(v));
        assert_int_equal(v->valueint, 12345);
        break;
    case RULE_OPT_STRING:
        assert_string_equal(cJSON_GetStringValue(v), "configured");
        break;
    case RULE_OPT_STRING_LIST:
        assert_int_equal(cJSON_GetArraySize(v), 2);
        assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(v, 1)), "q");
        break;
    }
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
    const struct rule_desc *r = first_rule();
    char text[1024];
    struct ecg_config *cfg;
    (void)state;

    snprintf(text, sizeof(text),
             "{\"checks\": \"-*,security-*\", \"warnings_as_errors\": \"security-*\",\n"
             " \"header_filter\": \"^/p/include/.*\\\\.h$\", \"inherit\": true,\n"
             " \"exclude\": [\"gen/**\"], \"rules\": {\"%s\": {\"%s\": %s}}}",
             r->id, r->options[0].name, valid_value(&r->options[0]));
    cfg = parse_ok(text, "/p");
    assert_string_equal(cfg->origin, "t.json");
    assert_string_equal(cfg->dir, "/p");
    assert_string_equal(cfg->checks, "-*,security-*");
    assert_string_equal(cfg->warnings_as_errors, "security-*");
    assert_string_equal(cfg->header_filter, "^/p/include/.*\\.h$");
    assert_int_equal(cfg->inherit, 1);
    assert_int_equal(cfg->exclude.len, 1);
    assert_string_equal(cfg->exclude.items[0], "/p/gen/**");
    assert_is_valid_value(&r->options[0], ecg_config_rule_option(cfg, r->id, r->options[0].name));
    assert_null(ecg_config_rule_option(cfg, r->id, "no-such-option"));
    assert_null(ecg_config_rule_option(cfg, "no-such-rule", r->options[0].name));
    ecg_config_free(cfg);
}

static void test_config_parse_array_forms(void **state)
{
    struct ecg_config *cfg;
    (void)state;

    cfg = parse_ok("{\"checks\": [\"-*\", \" security-* \", \"-security-x\"],"
                   " \"warnings_as_errors\": [\"a\"], \"inherit\": false}",
                   "/p");
    assert_string_equal(cfg->checks, "-*, security-* ,-security-x");
    assert_string_equal(cfg->warnings_as_errors, "a");
    assert_int_equal(cfg->inherit, 0);
    ecg_config_free(cfg);
    cfg = parse_ok("{\"checks\": [], \"warnings_as_errors\": null, \"header_filter\": null}", "/p");
    assert_string_equal(cfg->checks, "");
    assert_null(cfg->warnings_as_errors);
    assert_null(cfg->header_filter);
    ecg_config_free(cfg);
}

static void test_config_parse_empty_object_and_bom(void **state)
{
    struct ecg_config *cfg;
    (void)state;

    cfg = parse_ok("  {}  ", NULL);
    assert_null(cfg->checks);
    assert_null(cfg->dir);
    assert_null(cfg->rules->child);
    ecg_config_free(cfg);
    cfg = parse_ok("\xEF\xBB\xBF{\"checks\": \"a\"}", "/p");
    assert_string_equal(cfg->checks, "a");
    ecg_config_free(cfg);
    parse_fails("\xEF\xBB\xBF{\"chex\": 1}", ECG_ECONFIG, 1, 2, "unknown key 'chex'");
}

static void test_config_exclude_made_absolute(void **state)
{
    struct ecg_config *cfg;
    (void)state;

    cfg = parse_ok("{\"exclude\": [\"gen/**/*.c\", \"/abs/*.h\", \"./third_party/\","
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
    cfg = parse_ok("{\"exclude\": [\"gen/*\"]}", NULL);
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
    const struct rule_desc *r = first_rule();
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
    const struct rule_desc *r = first_rule();
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
    const struct rule_desc *r = first_rule();
    char text[512];
    char msg[256];
    (void)state;

    /* An object is the wrong type for every option type. */
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\n \"%s\":\n     {}}}}", r->id,
             r->options[0].name);
    snprintf(msg, sizeof(msg), "option '%s' of rule '%s' must be", r->options[0].name, r->id);
    parse_fails(text, ECG_ECONFIG, 3, 6, msg);
    snprintf(text, sizeof(text), "{\"rules\": {\"%s\": {\"%s\": %s, \"%s\": %s}}}", r->id,
             r->options[0].name, valid_value(&r->options[0]), r->options[0].name,
             valid_value(&r->options[0]));
    parse_fails(text, ECG_ECONFIG, 1,
                (unsigned)(12 + strlen(r->id) + 5 + strlen(r->options[0].name) + 3 +
                           strlen(valid_value(&r->options[0])) + 3),
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
    const struct rule_desc *r = first_rule();
    const struct rule_option *o = &r->options[0];
    struct ecg_config *base =
        parse_ok("{\"checks\": \"-*,security-*\", \"warnings_as_errors\":"
                 " \"a\", \"header_filter\": \"base\", \"exclude\": [\"b/*\"]}",
                 "/base");
    struct ecg_config *over;
    char text[512];
    (void)state;

    snprintf(text, sizeof(text),
             "{\"checks\": \"-security-x\", \"exclude\": [\"o/*\"], \"header_filter\": \"over\","
             " \"rules\": {\"%s\": {\"%s\": %s}}}",
             r->id, o->name, valid_value(o));
    over = parse_ok(text, "/over");
    assert_int_equal(ecg_config_merge(base, over), 0);
    assert_string_equal(base->checks, "-*,security-*,-security-x");
    assert_string_equal(base->warnings_as_errors, "a");
    assert_string_equal(base->header_filter, "over");
    assert_int_equal(base->exclude.len, 2);
    assert_string_equal(base->exclude.items[0], "/base/b/*");
    assert_string_equal(base->exclude.items[1], "/over/o/*");
    assert_string_equal(base->origin, "t.json");
    assert_string_equal(base->dir, "/base");
    assert_is_valid_value(o, ecg_config_rule_option(base, r->id, o->name));
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
    const struct rule_desc *r = first_rule();
    const struct rule_option *o = &r->options[0];
    struct ecg_config *base = ecg_config_new();
    struct ecg_config *over;
    char text[512];
    (void)state;

    snprintf(text, sizeof(text),
             "{\"warnings_as_errors\": [\"x\", \"y\"], \"rules\": {\"%s\": {\"%s\": %s}}}", r->id,
             o->name, valid_value(o));
    over = parse_ok(text, "/o");
    assert_non_null(base);
    assert_int_equal(ecg_config_merge(base, over), 0);
    assert_null(base->checks);
    assert_string_equal(base->warnings_as_errors, "x,y");
    assert_string_equal(base->origin, "t.json");
    assert_string_equal(base->dir, "/o");
    assert_is_valid_value(o, ecg_config_rule_option(base, r->id, o->name));
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
    struct ecg_config *cfg = parse_ok("{\"checks\": \"security-*\", \"exclude\": [\"g/*\"]}", "/d");
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
    const struct rule_desc *r = first_rule();
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
             valid_value(&r->options[0]));
    cfg = parse_ok(text, "/d");
    dumped = ecg_config_dump(cfg);
    assert_non_null(dumped);
    /* The dump is itself a valid configuration with the same effective values. */
    back = parse_ok(dumped, "/d");
    assert_is_valid_value(&r->options[0], ecg_config_rule_option(back, r->id, r->options[0].name));
    free(dumped);
    ecg_config_free(back);
    ecg_config_free(cfg);
}

/* ---- discovery and the cache ---------------------------------------------------------- */

/* A scratch tree; every path created is recorded so teardown can remove it. */
struct tree {
    char base[4096];
    char created[MAX_CREATED][4200];
    int is_dir[MAX_CREATED];
    size_t n;
};

static int tree_setup(void **state)
{
    struct tree *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return -1;
    if (mkdir(ECG_TEST_TMPDIR, 0777) != 0 && errno != EEXIST)
        return -1;
    snprintf(t->base, sizeof(t->base), "%s/config-XXXXXX", ECG_TEST_TMPDIR);
    if (mkdtemp(t->base) == NULL)
        return -1;
    *state = t;
    return 0;
}

static int tree_teardown(void **state)
{
    struct tree *t = *state;

    while (t->n > 0) {
        t->n--;
        if (t->is_dir[t->n])
            rmdir(t->created[t->n]);
        else
            unlink(t->created[t->n]);
    }
    rmdir(t->base);
    free(t);
    return 0;
}

static const char *tree_path(const struct tree *t, const char *rel, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", t->base, rel);
    return buf;
}

static void tree_mkdir(struct tree *t, const char *rel)
{
    assert_true(t->n < MAX_CREATED);
    tree_path(t, rel, t->created[t->n], sizeof(t->created[t->n]));
    assert_int_equal(mkdir(t->created[t->n], 0777), 0);
    t->is_dir[t->n] = 1;
    t->n++;
}

/* Writes text to rel, recording it the first time. */
static void tree_write(struct tree *t, const char *rel, const char *text)
{
    char path[4200];
    FILE *f;
    int known = 0;

    tree_path(t, rel, path, sizeof(path));
    for (size_t i = 0; i < t->n; i++)
        known |= strcmp(t->created[i], path) == 0;
    if (!known) {
        assert_true(t->n < MAX_CREATED);
        memcpy(t->created[t->n], path, sizeof(path));
        t->is_dir[t->n] = 0;
        t->n++;
    }
    f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

static void test_config_find_walks_up(void **state)
{
    struct tree *t = *state;
    char start[4200];
    char expect[4200];
    char *found = NULL;

    tree_mkdir(t, "a");
    tree_mkdir(t, "a/b");
    tree_mkdir(t, "a/b/c");
    tree_mkdir(t, "a/.ecg.json"); /* a directory of that name is not a configuration */
    tree_write(t, ".ecg.json", "{}");
    tree_write(t, "a/b/.ecg.json", "{}");
    assert_int_equal(ecg_config_find(&found, tree_path(t, "a/b/c", start, sizeof(start))), 0);
    assert_string_equal(found, tree_path(t, "a/b/.ecg.json", expect, sizeof(expect)));
    free(found);
    assert_int_equal(ecg_config_find(&found, tree_path(t, "a/b", start, sizeof(start))), 0);
    assert_string_equal(found, expect);
    free(found);
    assert_int_equal(ecg_config_find(&found, tree_path(t, "a/./b/../", start, sizeof(start))), 0);
    assert_string_equal(found, tree_path(t, ".ecg.json", expect, sizeof(expect)));
    free(found);
}

static void test_config_load_sets_origin_and_dir(void **state)
{
    struct tree *t = *state;
    struct ecg_config *cfg = NULL;
    struct ecg_diag diag;
    char path[4200];

    tree_mkdir(t, "p");
    tree_write(t, "p/.ecg.json", "{\"exclude\": [\"gen/**\"]}");
    assert_int_equal(ecg_config_load(&cfg, tree_path(t, "p/.ecg.json", path, sizeof(path)), &diag),
                     0);
    assert_string_equal(cfg->origin, path);
    assert_string_equal(cfg->dir, tree_path(t, "p", path, sizeof(path)));
    assert_string_equal(cfg->exclude.items[0], tree_path(t, "p/gen/**", path, sizeof(path)));
    ecg_config_free(cfg);
    cfg = NULL;
    ecg_diag_clear(&diag);
    assert_int_equal(
        ecg_config_load(&cfg, tree_path(t, "p/missing.json", path, sizeof(path)), &diag), ECG_EIO);
    assert_null(cfg);
    assert_string_equal(diag.path, path);
}

/* Layout: root file (checks, exclude, rule option), sub inheriting it, other not. */
static void build_inherit_tree(struct tree *t, const struct rule_desc *r)
{
    char text[512];

    snprintf(text, sizeof(text),
             "{\"checks\": \"-*,security-*\", \"exclude\": [\"gen/**\"],\n"
             " \"rules\": {\"%s\": {\"%s\": %s}}}",
             r->id, r->options[0].name, valid_value(&r->options[0]));
    tree_mkdir(t, "proj");
    tree_mkdir(t, "proj/src");
    tree_mkdir(t, "proj/sub");
    tree_mkdir(t, "proj/sub/deep");
    tree_mkdir(t, "proj/other");
    tree_write(t, "proj/.ecg.json", text);
    tree_write(t, "proj/sub/.ecg.json",
               "{\"inherit\": true, \"checks\": \"-security-x\", \"exclude\": [\"tmp/*\"]}");
    tree_write(t, "proj/other/.ecg.json", "{\"checks\": \"bugprone-*\"}");
}

static const struct ecg_config *cache_get(struct ecg_config_cache *cache, const struct tree *t,
                                          const char *rel)
{
    const struct ecg_config *cfg = NULL;
    struct ecg_diag diag;
    char path[4200];
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_config_cache_get(cache, tree_path(t, rel, path, sizeof(path)), &cfg, &diag);
    if (rc != 0)
        fprintf(stderr, "%s:%u:%u: %s\n", diag.path, diag.line, diag.col, diag.message);
    assert_int_equal(rc, 0);
    assert_non_null(cfg);
    return cfg;
}

static void test_config_cache_nearest_file_and_inherit(void **state)
{
    struct tree *t = *state;
    const struct rule_desc *r = first_rule();
    struct ecg_config *cli = parse_ok("{\"checks\": \"-security-y\"}", "/cli");
    struct ecg_config_cache *cache = ecg_config_cache_new(NULL, cli);
    const struct ecg_config *root, *sub, *other;
    char path[4200];

    build_inherit_tree(t, r);
    assert_non_null(cache);
    root = cache_get(cache, t, "proj/src/a.c");
    assert_string_equal(root->checks, "-*,security-*,-security-y");
    assert_string_equal(root->origin, tree_path(t, "proj/.ecg.json", path, sizeof(path)));
    assert_is_valid_value(&r->options[0], ecg_config_rule_option(root, r->id, r->options[0].name));
    sub = cache_get(cache, t, "proj/sub/deep/x.c");
    assert_string_equal(sub->checks, "-*,security-*,-security-x,-security-y");
    assert_string_equal(sub->origin, tree_path(t, "proj/sub/.ecg.json", path, sizeof(path)));
    assert_int_equal(sub->exclude.len, 2);
    assert_string_equal(sub->exclude.items[0], tree_path(t, "proj/gen/**", path, sizeof(path)));
    assert_string_equal(sub->exclude.items[1], tree_path(t, "proj/sub/tmp/*", path, sizeof(path)));
    assert_is_valid_value(&r->options[0], ecg_config_rule_option(sub, r->id, r->options[0].name));
    other = cache_get(cache, t, "proj/other/y.c");
    assert_string_equal(other->checks, "bugprone-*,-security-y");
    assert_int_equal(other->exclude.len, 0);
    assert_null(ecg_config_rule_option(other, r->id, r->options[0].name));
    /* Files in the same directory, or under it without a file of their own, share one. */
    assert_ptr_equal(cache_get(cache, t, "proj/src/b.c"), root);
    assert_ptr_equal(cache_get(cache, t, "proj/z.c"), root);
    assert_ptr_equal(cache_get(cache, t, "proj/sub/w.c"), sub);
    ecg_config_cache_free(cache);
    ecg_config_free(cli);
}

static void test_config_cache_reads_each_file_once(void **state)
{
    struct tree *t = *state;
    struct ecg_config_cache *cache = ecg_config_cache_new(NULL, NULL);
    const struct ecg_config *first;
    const struct ecg_config *sub;

    build_inherit_tree(t, first_rule());
    assert_non_null(cache);
    first = cache_get(cache, t, "proj/src/a.c");
    assert_string_equal(first->checks, "-*,security-*");
    /* Rewriting the files now must not change what the cache returns. */
    tree_write(t, "proj/.ecg.json", "{\"checks\": \"changed\"}");
    tree_write(t, "proj/other/.ecg.json", "{\"checks\": \"changed\"}");
    assert_ptr_equal(cache_get(cache, t, "proj/b.c"), first);
    assert_string_equal(first->checks, "-*,security-*");
    /* sub inherits proj: the chain uses the copy read before the rewrite. */
    sub = cache_get(cache, t, "proj/sub/x.c");
    assert_string_equal(sub->checks, "-*,security-*,-security-x");
    /* other was never read before the rewrite, so it sees the new text. */
    assert_string_equal(cache_get(cache, t, "proj/other/y.c")->checks, "changed");
    ecg_config_cache_free(cache);
}

static void test_config_cache_explicit_file(void **state)
{
    struct tree *t = *state;
    struct ecg_config *cli = parse_ok("{\"warnings_as_errors\": \"*\"}", "/cli");
    struct ecg_config_cache *cache;
    const struct ecg_config *a;
    char path[4200];

    build_inherit_tree(t, first_rule());
    tree_write(t, "explicit.json", "{\"checks\": \"only-this\", \"inherit\": true}");
    cache = ecg_config_cache_new(tree_path(t, "explicit.json", path, sizeof(path)), cli);
    assert_non_null(cache);
    a = cache_get(cache, t, "proj/sub/deep/x.c");
    assert_string_equal(a->checks, "only-this");
    assert_string_equal(a->warnings_as_errors, "*");
    assert_string_equal(a->origin, path);
    assert_ptr_equal(cache_get(cache, t, "proj/src/a.c"), a);
    ecg_config_cache_free(cache);
    ecg_config_free(cli);
}

static void test_config_cache_without_file_uses_defaults_and_cli(void **state)
{
    struct tree *t = *state;
    struct ecg_config *cli = parse_ok("{\"checks\": \"from-cli\"}", "/cli");
    struct ecg_config_cache *cache = ecg_config_cache_new(NULL, cli);
    const struct ecg_config *cfg;
    char dir[4200];
    char *outer = NULL;

    assert_non_null(cache);
    tree_mkdir(t, "lonely");
    /* Files above the scratch tree are outside the test's control: compare with them. */
    assert_int_equal(ecg_config_find(&outer, tree_path(t, "lonely", dir, sizeof(dir))), 0);
    cfg = cache_get(cache, t, "lonely/a.c");
    if (outer == NULL) {
        assert_string_equal(cfg->checks, "from-cli");
        assert_string_equal(cfg->origin, "t.json");
        assert_int_equal(cfg->exclude.len, 0);
        assert_null(cfg->header_filter);
    } else {
        assert_string_equal(cfg->origin, outer);
    }
    assert_ptr_equal(cache_get(cache, t, "lonely/b.c"), cfg);
    free(outer);
    ecg_config_cache_free(cache);
    ecg_config_free(cli);
}

static void test_config_cache_reports_bad_file(void **state)
{
    struct tree *t = *state;
    struct ecg_config_cache *cache = ecg_config_cache_new(NULL, NULL);
    const struct ecg_config *cfg = NULL;
    struct ecg_diag diag;
    char src[4200];
    char bad[4200];

    assert_non_null(cache);
    tree_mkdir(t, "bad");
    tree_mkdir(t, "bad/inner");
    tree_write(t, "bad/.ecg.json", "{\n  \"checks\": \"a\",\n  \"rules\": 3\n}");
    tree_write(t, "bad/inner/.ecg.json", "{\"inherit\": true}");
    ecg_diag_clear(&diag);
    assert_int_equal(
        ecg_config_cache_get(cache, tree_path(t, "bad/inner/a.c", src, sizeof(src)), &cfg, &diag),
        ECG_ECONFIG);
    assert_null(cfg);
    assert_string_equal(diag.path, tree_path(t, "bad/.ecg.json", bad, sizeof(bad)));
    assert_int_equal(diag.line, 3);
    assert_int_equal(diag.col, 12);
    /* The failure is not cached as success. */
    assert_int_equal(ecg_config_cache_get(cache, src, &cfg, &diag), ECG_ECONFIG);
    assert_null(cfg);
    ecg_config_cache_free(cache);
    ecg_config_cache_free(NULL);
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
        cmocka_unit_test_setup_teardown(test_config_find_walks_up, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_config_load_sets_origin_and_dir, tree_setup,
                                        tree_teardown),
        cmocka_unit_test_setup_teardown(test_config_cache_nearest_file_and_inherit, tree_setup,
                                        tree_teardown),
        cmocka_unit_test_setup_teardown(test_config_cache_reads_each_file_once, tree_setup,
                                        tree_teardown),
        cmocka_unit_test_setup_teardown(test_config_cache_explicit_file, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_config_cache_without_file_uses_defaults_and_cli,
                                        tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_config_cache_reports_bad_file, tree_setup,
                                        tree_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
