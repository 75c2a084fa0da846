/* Unit tests for locating JSON members in text: keys and values at every depth, array
 * elements, duplicate keys, look-alike text inside strings, and a byte-order mark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "analyzer/jsonpos.h"

static size_t at(const char *text, const size_t *path, size_t depth, int want_key)
{
    return ecg_jsonpos_locate(text, strlen(text), path, depth, want_key);
}

static void test_jsonpos_root_and_members(void **state)
{
    const char *text = "  {\"a\": 1, \"bb\" :\n [true, {\"c\": null}], \"d\": -2.5e3}";
    const size_t p1[] = { 1 };
    const size_t p2[] = { 1, 1, 0 };
    const size_t p3[] = { 2 };
    (void)state;

    assert_int_equal(at(text, NULL, 0, 0), 2);
    assert_int_equal(at(text, p1, 1, 1), (size_t)(strstr(text, "\"bb\"") - text));
    assert_int_equal(at(text, p1, 1, 0), (size_t)(strchr(text, '[') - text));
    assert_int_equal(at(text, p2, 3, 1), (size_t)(strstr(text, "\"c\"") - text));
    assert_int_equal(at(text, p2, 3, 0), (size_t)(strstr(text, "null") - text));
    assert_int_equal(at(text, p3, 1, 0), (size_t)(strstr(text, "-2.5e3") - text));
}

static void test_jsonpos_array_elements(void **state)
{
    const char *text = "[\"x\", [1, 2], {\"k\": [3, 4]}, 5]";
    const size_t p1[] = { 3 };
    const size_t p2[] = { 2, 0, 1 };
    (void)state;

    assert_int_equal(at(text, p1, 1, 0), strlen(text) - 2);
    assert_int_equal(at(text, p1, 1, 1), strlen(text) - 2);
    assert_int_equal(at(text, p2, 3, 0), (size_t)(strstr(text, "4]") - text));
}

static void test_jsonpos_strings_and_duplicates(void **state)
{
    const char *text = "{\"k\": \"a\\\"}, \\\"k\\\": [\", \"k\": {\"]\": 1}}";
    const size_t p1[] = { 1 };
    const size_t p2[] = { 1, 0 };
    (void)state;

    assert_int_equal(at(text, p1, 1, 1), (size_t)(strstr(text, ", \"k\": {") - text) + 2);
    assert_int_equal(at(text, p2, 2, 0), strlen(text) - 3);
}

static void test_jsonpos_path_that_does_not_fit(void **state)
{
    const char *text = "{\"a\": 1}";
    const size_t missing[] = { 5 };
    const size_t too_deep[] = { 0, 0 };
    (void)state;

    assert_int_equal(at(text, missing, 1, 0), 0);
    assert_int_equal(at(text, too_deep, 2, 0), 6);
}

static void test_jsonpos_skips_byte_order_mark(void **state)
{
    const char *text = "\xEF\xBB\xBF \n[{\"a\": 1}]";
    const char *no_bom = "\xEF\xBB[1]";
    const size_t p1[] = { 0, 0 };
    (void)state;

    assert_int_equal(at(text, NULL, 0, 0), 5);
    assert_int_equal(at(text, p1, 2, 1), (size_t)(strstr(text, "\"a\"") - text));
    assert_int_equal(at(text, p1, 2, 0), (size_t)(strchr(text, '1') - text));
    /* two bytes of a mark are not one: nothing is skipped */
    assert_int_equal(at(no_bom, NULL, 0, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonpos_root_and_members),
        cmocka_unit_test(test_jsonpos_array_elements),
        cmocka_unit_test(test_jsonpos_strings_and_duplicates),
        cmocka_unit_test(test_jsonpos_path_that_does_not_fit),
        cmocka_unit_test(test_jsonpos_skips_byte_order_mark),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
