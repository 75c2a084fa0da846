/* Unit tests for closest-word suggestions: edit distances, the distance limit, ties and
 * words too long to compare. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "analyzer/suggest.h"

static void test_suggest_distance(void **state)
{
    char long_word[ECG_SUGGEST_LENGTH_MAX + 2];
    (void)state;

    assert_int_equal(ecg_suggest_distance("", ""), 0);
    assert_int_equal(ecg_suggest_distance("checks", "checks"), 0);
    assert_int_equal(ecg_suggest_distance("chekcs", "checks"), 2);
    assert_int_equal(ecg_suggest_distance("check", "checks"), 1);
    assert_int_equal(ecg_suggest_distance("checkss", "checks"), 1);
    assert_int_equal(ecg_suggest_distance("kitten", "sitting"), 3);
    assert_int_equal(ecg_suggest_distance("", "abc"), 3);
    memset(long_word, 'a', sizeof(long_word) - 1);
    long_word[sizeof(long_word) - 1] = '\0';
    assert_true(ecg_suggest_distance(long_word, "a") == SIZE_MAX);
}

static void test_suggest_picks_closest_within_limit(void **state)
{
    struct ecg_suggest s;
    (void)state;

    ecg_suggest_init(&s, "exlcude", 2);
    ecg_suggest_consider(&s, "checks");
    ecg_suggest_consider(&s, "exclude");
    ecg_suggest_consider(&s, "inherit");
    assert_string_equal(s.best, "exclude");
    assert_int_equal(s.distance, 2);
    ecg_suggest_init(&s, "rulesx", 2);
    ecg_suggest_consider(&s, "rule");
    ecg_suggest_consider(&s, "rules");
    assert_string_equal(s.best, "rules");
    ecg_suggest_init(&s, "frobnicate", 2);
    ecg_suggest_consider(&s, "checks");
    assert_null(s.best);
}

static void test_suggest_first_of_ties_kept(void **state)
{
    struct ecg_suggest s;
    (void)state;

    ecg_suggest_init(&s, "ab", 1);
    ecg_suggest_consider(&s, "xb");
    ecg_suggest_consider(&s, "ax");
    assert_string_equal(s.best, "xb");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest_distance),
        cmocka_unit_test(test_suggest_picks_closest_within_limit),
        cmocka_unit_test(test_suggest_first_of_ties_kept),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
