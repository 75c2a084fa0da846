/* Unit tests for the sorted places of rules/support/atomics_places.c: the question the atomics
 * reader asks of a function's text (does a wrapper macro's expansion or an #include lie in
 * it?) must answer yes for every place in the span, at its ends too, and no elsewhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rules/support/atomics_places.h"

/* Two distinct file handles: the list only compares and orders them. */
static int file_a_storage;
static int file_b_storage;
#define FILE_A ((CXFile)&file_a_storage)
#define FILE_B ((CXFile)&file_b_storage)

static void test_atomics_places_empty_list_has_none(void **state)
{
    struct rule_atomics_places p;

    (void)state;
    rule_atomics_places_init(&p);
    rule_atomics_places_sort(&p);
    assert_false(rule_atomics_places_any(&p, FILE_A, 0, 1000));
    rule_atomics_places_fini(&p);
}

static void test_atomics_places_span_ends_included(void **state)
{
    struct rule_atomics_places p;

    (void)state;
    rule_atomics_places_init(&p);
    rule_atomics_places_add(&p, FILE_A, 500);
    rule_atomics_places_add(&p, FILE_B, 40);
    rule_atomics_places_add(&p, FILE_A, 120);
    rule_atomics_places_sort(&p);
    assert_true(rule_atomics_places_any(&p, FILE_A, 120, 120));
    assert_true(rule_atomics_places_any(&p, FILE_A, 100, 120));
    assert_true(rule_atomics_places_any(&p, FILE_A, 121, 500));
    assert_false(rule_atomics_places_any(&p, FILE_A, 121, 499));
    assert_false(rule_atomics_places_any(&p, FILE_A, 501, 90000));
    assert_false(rule_atomics_places_any(&p, FILE_A, 0, 119));
    rule_atomics_places_fini(&p);
}

static void test_atomics_places_files_kept_apart(void **state)
{
    struct rule_atomics_places p;

    (void)state;
    rule_atomics_places_init(&p);
    for (unsigned i = 0; i < 100; i++)
        rule_atomics_places_add(&p, FILE_B, 1000 + i * 10);
    rule_atomics_places_add(&p, FILE_A, 5);
    rule_atomics_places_sort(&p);
    assert_false(rule_atomics_places_any(&p, FILE_A, 1000, 2000));
    assert_true(rule_atomics_places_any(&p, FILE_B, 1005, 1010));
    assert_false(rule_atomics_places_any(&p, FILE_B, 1001, 1009));
    assert_true(rule_atomics_places_any(&p, FILE_A, 0, 5));
    assert_false(rule_atomics_places_any(&p, FILE_B, 0, 999));
    rule_atomics_places_fini(&p);
}

static void test_atomics_places_failed_list_rules_nothing_out(void **state)
{
    struct rule_atomics_places p;

    (void)state;
    rule_atomics_places_init(&p);
    p.failed = 1;
    rule_atomics_places_add(&p, FILE_A, 7);
    assert_int_equal(p.len, 0);
    assert_true(rule_atomics_places_any(&p, FILE_B, 0, 0));
    rule_atomics_places_fini(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomics_places_empty_list_has_none),
        cmocka_unit_test(test_atomics_places_span_ends_included),
        cmocka_unit_test(test_atomics_places_files_kept_apart),
        cmocka_unit_test(test_atomics_places_failed_list_rules_nothing_out),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
