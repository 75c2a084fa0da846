/* Unit tests for configuration files on disk, in scratch directories: loading, discovery
 * walking up to the nearest .ecg.json, inherit chains, --config-file, the command line on
 * top, and the cache reading each file once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
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
#include "tests/support/config_fixture.h"
#include "tests/support/testkit.h"

/* A scratch tree, removed with everything in it by tree_teardown. */
struct tree {
    char base[4096];
};

static int tree_setup(void **state)
{
    struct tree *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return -1;
    if (testkit_tmpdir(t->base, sizeof(t->base), "config") != 0) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int tree_teardown(void **state)
{
    struct tree *t = *state;

    testkit_remove_tree(t->base);
    free(t);
    return 0;
}

static const char *tree_path(const struct tree *t, const char *rel, char *buf, size_t size)
{
    return testkit_path(buf, size, "%s/%s", t->base, rel);
}

static void tree_mkdir(struct tree *t, const char *rel)
{
    char path[4200];

    assert_int_equal(mkdir(tree_path(t, rel, path, sizeof(path)), 0777), 0);
}

static void tree_write(struct tree *t, const char *rel, const char *text)
{
    char path[4200];

    testkit_write_in(path, sizeof(path), t->base, rel, text);
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
             r->id, r->options[0].name, config_fixture_valid_value(&r->options[0]));
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
    const struct rule_desc *r = config_fixture_first_rule();
    struct ecg_config *cli = config_fixture_parse_ok("{\"checks\": \"-security-y\"}", "/cli");
    struct ecg_config_cache *cache = ecg_config_cache_new(NULL, cli);
    const struct ecg_config *root, *sub, *other;
    char path[4200];

    build_inherit_tree(t, r);
    assert_non_null(cache);
    root = cache_get(cache, t, "proj/src/a.c");
    assert_string_equal(root->checks, "-*,security-*,-security-y");
    assert_string_equal(root->origin, tree_path(t, "proj/.ecg.json", path, sizeof(path)));
    config_fixture_assert_valid_value(&r->options[0],
                                      ecg_config_rule_option(root, r->id, r->options[0].name));
    sub = cache_get(cache, t, "proj/sub/deep/x.c");
    assert_string_equal(sub->checks, "-*,security-*,-security-x,-security-y");
    assert_string_equal(sub->origin, tree_path(t, "proj/sub/.ecg.json", path, sizeof(path)));
    assert_int_equal(sub->exclude.len, 2);
    assert_string_equal(sub->exclude.items[0], tree_path(t, "proj/gen/**", path, sizeof(path)));
    assert_string_equal(sub->exclude.items[1], tree_path(t, "proj/sub/tmp/*", path, sizeof(path)));
    config_fixture_assert_valid_value(&r->options[0],
                                      ecg_config_rule_option(sub, r->id, r->options[0].name));
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

    build_inherit_tree(t, config_fixture_first_rule());
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
    struct ecg_config *cli = config_fixture_parse_ok("{\"warnings_as_errors\": \"*\"}", "/cli");
    struct ecg_config_cache *cache;
    const struct ecg_config *a;
    char path[4200];

    build_inherit_tree(t, config_fixture_first_rule());
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
    struct ecg_config *cli = config_fixture_parse_ok("{\"checks\": \"from-cli\"}", "/cli");
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
