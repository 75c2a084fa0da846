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

/* The type column a docs page writes for an option of type t. */
static int type_matches(enum rule_opt_type t, const char *cell)
{
    switch (t) {
    case RULE_OPT_BOOL:
        return strcmp(cell, "bool") == 0;
    case RULE_OPT_INT:
        return strcmp(cell, "int") == 0;
    case RULE_OPT_STRING:
        return strcmp(cell, "string") == 0;
    case RULE_OPT_STRING_LIST:
        return strcmp(cell, "string list") == 0 || strcmp(cell, "list") == 0 ||
               strcmp(cell, "list of strings") == 0;
    }
    return 0;
}

/* The default column matches: `value`, or for an empty default a cell saying so. */
static int default_matches(const char *want, const char *cell)
{
    char quoted[1024];

    if (want[0] == '\0')
        return strstr(cell, "none") != NULL || strstr(cell, "empty") != NULL ||
               strstr(cell, "`[]`") != NULL;
    snprintf(quoted, sizeof quoted, "`%s`", want);
    return strcmp(cell, quoted) == 0;
}

/* Splits a table row "| a | b | c | d |" into its first n cells, trimmed, in place. */
static size_t table_cells(char *row, char **cells, size_t n)
{
    size_t found = 0;
    char *p = row + 1;

    while (found < n) {
        char *bar = strstr(p, " | ");
        char *end;
        while (*p == ' ')
            p++;
        if (bar == NULL)
            break;
        end = bar;
        while (end > p && end[-1] == ' ')
            end--;
        *end = '\0';
        cells[found++] = p;
        p = bar + 3;
    }
    return found;
}

static const struct rule_option *option_named(const struct rule_desc *d, const char *name,
                                              size_t len)
{
    for (size_t o = 0; o < d->n_options; o++) {
        if (strlen(d->options[o].name) == len && strncmp(d->options[o].name, name, len) == 0)
            return &d->options[o];
    }
    return NULL;
}

/* Checks one row of a page's options table; returns 1 when it is an option row. */
static int check_option_row(const struct rule_desc *d, char *line)
{
    char *cells[3];
    const struct rule_option *opt;
    size_t len;

    if (strncmp(line, "| `", 3) != 0)
        return 0;
    assert_int_equal(table_cells(line, cells, 3), 3);
    len = strlen(cells[0]);
    assert_true(len > 2 && cells[0][len - 1] == '`');
    opt = option_named(d, cells[0] + 1, len - 2);
    if (opt == NULL)
        fail_msg("docs/rules/%s.md documents an option %s the rule does not have", d->id, cells[0]);
    if (!type_matches(opt->type, cells[1]))
        fail_msg("docs/rules/%s.md: option %s has type '%s'", d->id, cells[0], cells[1]);
    if (!default_matches(opt->default_value, cells[2]))
        fail_msg("docs/rules/%s.md: option %s documents default %s, the rule's is '%s'", d->id,
                 cells[0], cells[2], opt->default_value);
    return 1;
}

/* The options table of every page lists exactly the rule's options, with their types and
 * defaults. */
static void test_registry_docs_options_table_matches_rule(void **state)
{
    (void)state;
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *d = rule_registry_at(i);
        char path[1024];
        char *text, *section, *line;
        size_t rows = 0;
        snprintf(path, sizeof(path), "%s/docs/rules/%s.md", ECG_SOURCE_DIR, d->id);
        text = read_text(path);
        assert_non_null(text);
        section = strstr(text, "\n## Options");
        for (line = section != NULL ? strchr(section + 1, '\n') : NULL; line != NULL;) {
            char *next = strchr(line + 1, '\n');
            if (next != NULL)
                *next = '\0';
            if (strncmp(line + 1, "## ", 3) == 0)
                break;
            rows += (size_t)check_option_row(d, line + 1);
            line = next;
        }
        if (rows != d->n_options)
            fail_msg("docs/rules/%s.md lists %zu options, the rule has %zu", d->id, rows,
                     d->n_options);
        free(text);
    }
}

/* Every page under docs/rules/ belongs to a registered rule. */
static void test_registry_every_docs_page_names_a_rule(void **state)
{
    char dir[1024];
    DIR *d;
    struct dirent *e;

    (void)state;
    snprintf(dir, sizeof dir, "%s/docs/rules", ECG_SOURCE_DIR);
    d = opendir(dir);
    assert_non_null(d);
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        char id[256];
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0 || len - 3 >= sizeof id)
            continue;
        memcpy(id, e->d_name, len - 3);
        id[len - 3] = '\0';
        if (rule_registry_find(id) == NULL)
            fail_msg("docs/rules/%s has no rule", e->d_name);
    }
    closedir(d);
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
        cmocka_unit_test(test_registry_docs_options_table_matches_rule),
        cmocka_unit_test(test_registry_every_docs_page_names_a_rule),
        cmocka_unit_test(test_registry_find_by_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
