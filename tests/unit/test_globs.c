/* Unit tests for globs: clang-tidy check lists (later entries win, blanks and empty entries
 * ignored, '*' anywhere), reporting of entries that match no rule, and path globs with
 * '*', '?', classes and '**'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/globs.h"

static void test_globs_match_one_literal_and_star(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_one("security-banned-function", "security-banned-function"));
    assert_false(ecg_globs_match_one("security-banned-function", "security-banned-functions"));
    assert_false(ecg_globs_match_one("security-banned-function", "security-banned-functio"));
    assert_true(ecg_globs_match_one("*", ""));
    assert_true(ecg_globs_match_one("*", "anything"));
    assert_true(ecg_globs_match_one("security-*", "security-weak-crypto"));
    assert_true(ecg_globs_match_one("security-*", "security-"));
    assert_false(ecg_globs_match_one("security-*", "securit"));
    assert_true(ecg_globs_match_one("", ""));
    assert_false(ecg_globs_match_one("", "a"));
}

static void test_globs_star_in_the_middle(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_one("security-*-function", "security-banned-function"));
    assert_true(ecg_globs_match_one("security-*-function", "security--function"));
    assert_false(ecg_globs_match_one("security-*-function", "security-banned-functions"));
    assert_true(ecg_globs_match_one("*-banned-*", "security-banned-function"));
    assert_true(ecg_globs_match_one("a*b*c", "aXbYbZc"));
    assert_false(ecg_globs_match_one("a*b*c", "aXbYbZ"));
    assert_true(ecg_globs_match_one("**", "x"));
    /* Only '*' is special in check globs. */
    assert_false(ecg_globs_match_one("security-?", "security-x"));
    assert_true(ecg_globs_match_one("security-?", "security-?"));
}

static void test_globs_match_one_backtracks_cheaply(void **state)
{
    char name[4001];
    (void)state;

    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    assert_false(ecg_globs_match_one("*a*a*a*a*a*a*a*a*b", name));
    assert_true(ecg_globs_match_one("*a*a*a*a*a*a*a*a*a", name));
}

static void test_globs_later_entry_wins(void **state)
{
    const char *list = "-*,security-*,-security-weak-crypto";
    (void)state;

    assert_int_equal(ecg_globs_decide(list, "security-weak-crypto", 1), 0);
    assert_int_equal(ecg_globs_decide(list, "security-banned-function", 0), 1);
    assert_int_equal(ecg_globs_decide(list, "concurrency-lock-order", 1), 0);
    assert_int_equal(
        ecg_globs_decide("-security-weak-crypto,security-*", "security-weak-crypto", 0), 1);
    assert_int_equal(ecg_globs_decide("security-*,-security-*", "security-x", 1), 0);
}

static void test_globs_decide_falls_back(void **state)
{
    (void)state;
    assert_int_equal(ecg_globs_decide(NULL, "x", 1), 1);
    assert_int_equal(ecg_globs_decide(NULL, "x", 0), 0);
    assert_int_equal(ecg_globs_decide("", "x", 1), 1);
    assert_int_equal(ecg_globs_decide(" , ,", "x", 0), 0);
    assert_int_equal(ecg_globs_decide("security-*", "concurrency-x", 1), 1);
    assert_int_equal(ecg_globs_decide("security-*", "concurrency-x", 0), 0);
    /* A bare '-' is an empty entry, not a negation of everything. */
    assert_int_equal(ecg_globs_decide("-", "x", 1), 1);
}

static void test_globs_blanks_and_empty_entries_ignored(void **state)
{
    (void)state;
    assert_int_equal(ecg_globs_decide("  -* ,\n\tsecurity-* ,, ", "security-x", 0), 1);
    assert_int_equal(ecg_globs_decide("security-*,  - security-x  ", "security-x", 1), 0);
    assert_int_equal(ecg_globs_decide(",,security-x,,", "security-x", 0), 1);
    assert_int_equal(ecg_globs_decide("security-x ", "security-x", 0), 1);
    /* Blanks inside an entry are part of it. */
    assert_int_equal(ecg_globs_decide("-*,security -x", "security-x", 1), 0);
    assert_int_equal(ecg_globs_decide("-*,security -x", "security -x", 0), 1);
}

struct unmatched {
    char entries[8][64];
    size_t n;
};

static void collect(void *arg, const char *entry)
{
    struct unmatched *u = arg;

    assert_true(u->n < 8);
    snprintf(u->entries[u->n], sizeof(u->entries[u->n]), "%s", entry);
    u->n++;
}

static void test_globs_unmatched_positive_entries_reported(void **state)
{
    const char *names[] = { "security-banned-function", "concurrency-lock-order" };
    struct unmatched u = { .n = 0 };
    (void)state;

    ecg_globs_each_unmatched(" -*, securty-* ,security-*, -nothing-*,, concurrency-lock-order,"
                             "bugprone-x",
                             names, 2, collect, &u);
    assert_int_equal(u.n, 2);
    assert_string_equal(u.entries[0], "securty-*");
    assert_string_equal(u.entries[1], "bugprone-x");
}

static void test_globs_unmatched_reports_nothing_when_all_match(void **state)
{
    const char *names[] = { "security-banned-function" };
    struct unmatched u = { .n = 0 };
    (void)state;

    ecg_globs_each_unmatched("*,security-*,-foo", names, 1, collect, &u);
    ecg_globs_each_unmatched(NULL, names, 1, collect, &u);
    ecg_globs_each_unmatched("", names, 1, collect, &u);
    assert_int_equal(u.n, 0);
    ecg_globs_each_unmatched("security-*", names, 0, collect, &u);
    assert_int_equal(u.n, 1);
    assert_string_equal(u.entries[0], "security-*");
}

static void count_long(void *arg, const char *entry)
{
    size_t *n = arg;

    assert_int_equal(strlen(entry), 300);
    assert_int_equal(entry[0], 'x');
    (*n)++;
}

static void test_globs_unmatched_long_entry_passed_whole(void **state)
{
    char list[310];
    const char *names[] = { "security-banned-function" };
    size_t n = 0;
    (void)state;

    memset(list, 'x', 300);
    snprintf(list + 300, sizeof(list) - 300, ",-y");
    ecg_globs_each_unmatched(list, names, 1, count_long, &n);
    assert_int_equal(n, 1);
}

static void test_globs_path_star_stays_in_component(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_path("/src/*.c", "/src/a.c"));
    assert_false(ecg_globs_match_path("/src/*.c", "/src/sub/a.c"));
    assert_true(ecg_globs_match_path("/src/*/a.c", "/src/sub/a.c"));
    assert_false(ecg_globs_match_path("/src/*/a.c", "/src/a.c"));
    assert_true(ecg_globs_match_path("/src/a?.c", "/src/ab.c"));
    assert_false(ecg_globs_match_path("/src/a?.c", "/src/a.c"));
    assert_false(ecg_globs_match_path("/src/a?c", "/src/a/c"));
    assert_false(ecg_globs_match_path("/src/*", "/src/a/b"));
    assert_false(ecg_globs_match_path("/src/a.c", "/src/a.c/x"));
    assert_false(ecg_globs_match_path("/src/a.c", "src/a.c"));
}

static void test_globs_path_double_star(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_path("/p/**/gen/*.c", "/p/gen/a.c"));
    assert_true(ecg_globs_match_path("/p/**/gen/*.c", "/p/x/gen/a.c"));
    assert_true(ecg_globs_match_path("/p/**/gen/*.c", "/p/x/y/z/gen/a.c"));
    assert_false(ecg_globs_match_path("/p/**/gen/*.c", "/q/x/gen/a.c"));
    assert_false(ecg_globs_match_path("/p/**/gen/*.c", "/p/x/gen/sub/a.c"));
    assert_true(ecg_globs_match_path("/p/third_party/**", "/p/third_party/a/b/c.h"));
    assert_true(ecg_globs_match_path("/p/third_party/**", "/p/third_party/c.h"));
    assert_false(ecg_globs_match_path("/p/third_party/**", "/p/third_party_x/c.h"));
    assert_true(ecg_globs_match_path("**/*.pb.c", "/any/where/x.pb.c"));
    assert_true(ecg_globs_match_path("**/build/**", "/p/build/x/y.c"));
    assert_true(ecg_globs_match_path("/**/**/x.c", "/a/b/x.c"));
    assert_true(ecg_globs_match_path("/**", "/a"));
}

static void test_globs_path_without_slash_matches_basename(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_path("*.pb.c", "/p/src/gen/x.pb.c"));
    assert_false(ecg_globs_match_path("*.pb.c", "/p/x.pb.c/y.c"));
    assert_true(ecg_globs_match_path("x.c", "x.c"));
    assert_true(ecg_globs_match_path("generated_*", "/p/generated_tables.c"));
    assert_false(ecg_globs_match_path("src", "/p/src/a.c"));
}

static void test_globs_path_classes_and_escapes(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_path("/p/[abc].c", "/p/b.c"));
    assert_false(ecg_globs_match_path("/p/[abc].c", "/p/d.c"));
    assert_true(ecg_globs_match_path("/p/[a-c][0-9].c", "/p/c7.c"));
    assert_false(ecg_globs_match_path("/p/[a-c][0-9].c", "/p/c.c"));
    assert_true(ecg_globs_match_path("/p/[!a].c", "/p/b.c"));
    assert_false(ecg_globs_match_path("/p/[!a].c", "/p/a.c"));
    assert_true(ecg_globs_match_path("/p/[^a].c", "/p/b.c"));
    assert_true(ecg_globs_match_path("/p/[]]", "/p/]"));
    assert_true(ecg_globs_match_path("/p/[a-]", "/p/-"));
    /* An unclosed '[' is an ordinary character. */
    assert_true(ecg_globs_match_path("/p/[a", "/p/[a"));
    assert_false(ecg_globs_match_path("/p/[a", "/p/a"));
    assert_true(ecg_globs_match_path("/p/\\*.c", "/p/*.c"));
    assert_false(ecg_globs_match_path("/p/\\*.c", "/p/a.c"));
    assert_true(ecg_globs_match_path("/p/*[0-9]", "/p/file9"));
}

static void test_globs_path_repeated_slashes(void **state)
{
    (void)state;
    assert_true(ecg_globs_match_path("/p//src/*.c", "/p/src/a.c"));
    assert_true(ecg_globs_match_path("/p/src/*.c", "/p//src/a.c"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_globs_match_one_literal_and_star),
        cmocka_unit_test(test_globs_star_in_the_middle),
        cmocka_unit_test(test_globs_match_one_backtracks_cheaply),
        cmocka_unit_test(test_globs_later_entry_wins),
        cmocka_unit_test(test_globs_decide_falls_back),
        cmocka_unit_test(test_globs_blanks_and_empty_entries_ignored),
        cmocka_unit_test(test_globs_unmatched_positive_entries_reported),
        cmocka_unit_test(test_globs_unmatched_reports_nothing_when_all_match),
        cmocka_unit_test(test_globs_unmatched_long_entry_passed_whole),
        cmocka_unit_test(test_globs_path_star_stays_in_component),
        cmocka_unit_test(test_globs_path_double_star),
        cmocka_unit_test(test_globs_path_without_slash_matches_basename),
        cmocka_unit_test(test_globs_path_classes_and_escapes),
        cmocka_unit_test(test_globs_path_repeated_slashes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
