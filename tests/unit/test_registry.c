/* Unit tests for the rule registry: every rule has its source file, docs page and both
 * kinds of fixture at the paths its id determines, and a complete descriptor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules/registry.h"
#include "rules/rule.h"

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = calloc(1, (size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Counts fixtures in dir whose names start with prefix and end in ".c". */
static int count_fixtures(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && len > 2 &&
            strcmp(e->d_name + len - 2, ".c") == 0)
            n++;
    }
    closedir(d);
    return n;
}

static void test_registry_ids_follow_paths(void **state)
{
    (void)state;
    assert_true(rule_registry_count() > 0);
    for (size_t i = 0; i < rule_registry_count(); i++) {
        char id[256];
        snprintf(id, sizeof(id), "%s-%s", rule_registry_family(i), rule_registry_stem(i));
        for (char *p = id; *p != '\0'; p++) {
            if (*p == '_')
                *p = '-';
        }
        assert_string_equal(rule_registry_at(i)->id, id);
    }
}

static void test_registry_is_sorted_and_unique(void **state)
{
    (void)state;
    for (size_t i = 1; i < rule_registry_count(); i++)
        assert_true(strcmp(rule_registry_at(i - 1)->id, rule_registry_at(i)->id) < 0);
}

static void test_registry_every_rule_has_source_docs_and_fixtures(void **state)
{
    (void)state;
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *d = rule_registry_at(i);
        char path[1024];
        snprintf(path, sizeof(path), "%s/rules/%s/%s.c", ECG_SOURCE_DIR, rule_registry_family(i),
                 rule_registry_stem(i));
        assert_true(file_exists(path));
        snprintf(path, sizeof(path), "%s/docs/rules/%s.md", ECG_SOURCE_DIR, d->id);
        assert_true(file_exists(path));
        snprintf(path, sizeof(path), "%s/tests/rules/%s/%s", ECG_SOURCE_DIR,
                 rule_registry_family(i), rule_registry_stem(i));
        assert_true(count_fixtures(path, "fire_") > 0);
        assert_true(count_fixtures(path, "silent_") > 0);
    }
}

static void test_registry_descriptors_are_complete(void **state)
{
    (void)state;
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *d = rule_registry_at(i);
        assert_non_null(d->title);
        assert_non_null(d->summary);
        assert_non_null(d->description);
        assert_non_null(d->tags);
        assert_non_null(d->precision);
        assert_true(d->on_cursor != NULL || d->on_function_enter != NULL ||
                    d->on_function_leave != NULL || d->on_unit_end != NULL);
        if (d->on_cursor != NULL)
            assert_int_not_equal(d->kinds[0], 0);
        if (strstr(d->tags, "security") != NULL) {
            assert_non_null(d->security_severity);
            assert_int_not_equal(d->cwe[0], 0);
        }
    }
}

static void test_registry_docs_page_documents_every_option(void **state)
{
    (void)state;
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *d = rule_registry_at(i);
        char path[1024], needle[256];
        char *text;
        snprintf(path, sizeof(path), "%s/docs/rules/%s.md", ECG_SOURCE_DIR, d->id);
        text = read_text(path);
        assert_non_null(text);
        for (size_t o = 0; o < d->n_options; o++) {
            snprintf(needle, sizeof(needle), "`%s`", d->options[o].name);
            assert_non_null(strstr(text, needle));
            snprintf(needle, sizeof(needle), "`%s`", d->options[o].default_value);
            assert_non_null(strstr(text, needle));
        }
        free(text);
    }
}

static void test_registry_find_by_id(void **state)
{
    (void)state;
    assert_ptr_equal(rule_registry_find(rule_registry_at(0)->id), rule_registry_at(0));
    assert_int_equal(rule_registry_index(rule_registry_at(0)->id), 0);
    assert_null(rule_registry_find("no-such-rule"));
    assert_int_equal(rule_registry_index("no-such-rule"), (size_t)-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_ids_follow_paths),
        cmocka_unit_test(test_registry_is_sorted_and_unique),
        cmocka_unit_test(test_registry_every_rule_has_source_docs_and_fixtures),
        cmocka_unit_test(test_registry_descriptors_are_complete),
        cmocka_unit_test(test_registry_docs_page_documents_every_option),
        cmocka_unit_test(test_registry_find_by_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
