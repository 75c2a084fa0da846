/* Unit tests for identifier words (rules/support/names.c): splitting at '_', digits and case
 * changes, and matching runs of words against a rule's word-list option. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/filefilter.h"
#include "analyzer/walk.h"
#include "rules/rule.h"
#include "rules/support/names.h"

/* Joins the words of identifier with spaces into buf. */
static const char *split_joined(const char *identifier, char *buf, size_t size)
{
    struct rule_names_words w;
    size_t used = 0;

    rule_names_split(&w, identifier);
    buf[0] = '\0';
    for (size_t i = 0; i < w.n; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i > 0 ? " " : "",
                                 rule_names_word(&w, i));
    return buf;
}

static void test_names_split_styles(void **state)
{
    char buf[256];

    (void)state;
    assert_string_equal(split_joined("db_password", buf, sizeof(buf)), "db password");
    assert_string_equal(split_joined("dbPassword", buf, sizeof(buf)), "db password");
    assert_string_equal(split_joined("DB_PASSWORD", buf, sizeof(buf)), "db password");
    assert_string_equal(split_joined("zPassword", buf, sizeof(buf)), "z password");
    assert_string_equal(split_joined("APIKey", buf, sizeof(buf)), "api key");
    assert_string_equal(split_joined("key2", buf, sizeof(buf)), "key 2");
    assert_string_equal(split_joined("__x__y", buf, sizeof(buf)), "x y");
    assert_string_equal(split_joined("", buf, sizeof(buf)), "");
}

static void test_names_split_drops_words_past_the_limit(void **state)
{
    char id[200];
    struct rule_names_words w;
    size_t len = 0;

    (void)state;
    for (int i = 0; i < 30; i++)
        len += (size_t)snprintf(id + len, sizeof(id) - len, "w%c_", 'a' + i % 26);
    rule_names_split(&w, id);
    assert_int_equal(w.n, RULE_NAMES_MAX_WORDS);
}

/* A rule whose function-enter hook records what rule_names_find says about the name. */
struct probe {
    char seen[8][64];
    int found[8];
    size_t end[8];
    int trailing[8];
    size_t n;
};

static void probe_fn(struct rule_ctx *rc, CXCursor fn)
{
    struct probe *p = rule_state(rc);
    struct rule_names_words w;
    char name[64];

    if (p->n == 8)
        return;
    rule_cursor_name(fn, name, sizeof(name));
    rule_names_split(&w, name);
    snprintf(p->seen[p->n], sizeof(p->seen[0]), "%s", name);
    p->found[p->n] = rule_names_find(&p->end[p->n], rc, "words", &w);
    p->trailing[p->n] = p->found[p->n] && rule_names_any_from(rc, "after", &w, p->end[p->n]);
    p->n++;
}

static const struct rule_option probe_options[] = {
    { "words", RULE_OPT_STRING_LIST, "password,api_key,secret", "", NULL },
    { "after", RULE_OPT_STRING_LIST, "len,option", "", NULL },
};

static const struct rule_desc probe_rule = {
    .id = "test-names",
    .options = probe_options,
    .n_options = 2,
    .state_size = sizeof(struct probe),
    .on_function_enter = probe_fn,
};

static void probe_source(const char *source, struct probe *out)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    const struct rule_desc *rules[] = { &probe_rule };
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    struct ecg_filefilter filter;
    struct ecg_findings findings;
    struct ecg_walk walk;

    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 4, &unsaved, 1, 0, &tu),
        CXError_Success);
    ecg_findings_init(&findings);
    ecg_filefilter_init(&filter, clang_getFile(tu, "/virtual/t.c"), "/virtual", NULL);
    assert_int_equal(
        ecg_walk_init(&walk, &(struct ecg_walk_inputs){ tu, NULL, &filter, &findings, rules, 1 }),
        0);
    assert_int_equal(ecg_walk_run(&walk), 0);
    *out = *(struct probe *)walk.rules[0].state;
    ecg_walk_fini(&walk);
    ecg_filefilter_fini(&filter);
    ecg_findings_fini(&findings);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

static void test_names_find_runs_and_styles(void **state)
{
    struct probe p;

    (void)state;
    probe_source("void get_db_password(void) {}\n"
                 "void setApiKey(void) {}\n"
                 "void PassWord(void) {}\n"
                 "void keyboard_secrets(void) {}\n"
                 "void password_len(void) {}\n"
                 "void apikey(void) {}\n"
                 "void compass(void) {}\n"
                 "void passwordOptions(void) {}\n",
                 &p);
    assert_int_equal(p.n, 8);
    assert_true(p.found[0]); /* get db password */
    assert_int_equal(p.end[0], 3);
    assert_true(p.found[1]); /* set api key: the run api_key */
    assert_int_equal(p.end[1], 3);
    assert_true(p.found[2]); /* pass word, run together */
    assert_true(p.found[3]); /* secrets: the singular is listed */
    assert_false(p.trailing[3]);
    assert_true(p.found[4]);
    assert_true(p.trailing[4]); /* len follows */
    assert_false(p.found[5]);   /* one word, not listed that way */
    assert_false(p.found[6]);   /* a whole word must match */
    assert_true(p.trailing[7]); /* options: the singular follows */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_split_styles),
        cmocka_unit_test(test_names_split_drops_words_past_the_limit),
        cmocka_unit_test(test_names_find_runs_and_styles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
