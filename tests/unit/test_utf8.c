/* Unit tests for the UTF-8 helpers: validation per RFC 3629, sanitising, columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/utf8.h"

static void test_utf8_valid_characters_have_their_length(void **state)
{
    (void)state;
    assert_int_equal(ecg_utf8_char_length("a", 1), 1);
    assert_int_equal(ecg_utf8_char_length("\xc3\xa9", 2), 2);         /* é */
    assert_int_equal(ecg_utf8_char_length("\xe2\x82\xac", 3), 3);     /* € */
    assert_int_equal(ecg_utf8_char_length("\xf0\x9f\x98\x80", 4), 4); /* emoji */
}

static void test_utf8_invalid_sequences_are_rejected(void **state)
{
    (void)state;
    assert_int_equal(ecg_utf8_char_length("\xc0\xaf", 2), 0);         /* overlong '/' */
    assert_int_equal(ecg_utf8_char_length("\xed\xa0\x80", 3), 0);     /* surrogate */
    assert_int_equal(ecg_utf8_char_length("\xf4\x90\x80\x80", 4), 0); /* past U+10FFFF */
    assert_int_equal(ecg_utf8_char_length("\xe2\x82", 2), 0);         /* truncated */
    assert_int_equal(ecg_utf8_char_length("\x80", 1), 0);             /* lone continuation */
    assert_int_equal(ecg_utf8_char_length("", 1), 0);                 /* NUL */
}

static void test_utf8_sanitize_replaces_bad_bytes(void **state)
{
    char *s = ecg_utf8_sanitize("a\xff"
                                "b\xc3\xa9",
                                5);

    (void)state;
    assert_non_null(s);
    assert_string_equal(s, "a\xef\xbf\xbd"
                           "b\xc3\xa9");
    free(s);
}

static void test_utf8_code_point_columns(void **state)
{
    const char *line = "\xc3\xa9t\xc3\xa9 x"; /* "été x": x is byte column 7 */

    (void)state;
    assert_int_equal(ecg_utf8_code_point_col(line, strlen(line), 7), 5);
    assert_int_equal(ecg_utf8_code_point_col(line, strlen(line), 1), 1);
    assert_int_equal(ecg_utf8_code_point_col(line, strlen(line), 9), 7); /* one past the end */
    assert_int_equal(ecg_utf8_code_point_col(NULL, 0, 12), 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid_characters_have_their_length),
        cmocka_unit_test(test_utf8_invalid_sequences_are_rejected),
        cmocka_unit_test(test_utf8_sanitize_replaces_bad_bytes),
        cmocka_unit_test(test_utf8_code_point_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
