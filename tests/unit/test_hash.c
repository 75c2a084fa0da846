/* Unit tests for the 128-bit hash: stability, field separation, sensitivity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/hash.h"

static void test_hash_is_stable_and_hex(void **state)
{
    char a[33], b[33];

    (void)state;
    ecg_hash_hex(a, "hello", 5);
    ecg_hash_hex(b, "hello", 5);
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), 32);
    assert_int_equal(strspn(a, "0123456789abcdef"), 32);
}

static void test_hash_fields_do_not_run_together(void **state)
{
    struct ecg_hasher h1, h2;
    char a[33], b[33];

    (void)state;
    ecg_hasher_init(&h1);
    ecg_hasher_feed_str(&h1, "ab");
    ecg_hasher_feed_str(&h1, "c");
    ecg_hasher_init(&h2);
    ecg_hasher_feed_str(&h2, "a");
    ecg_hasher_feed_str(&h2, "bc");
    ecg_hasher_hex(&h1, a);
    ecg_hasher_hex(&h2, b);
    assert_string_not_equal(a, b);
}

static void test_hash_every_byte_matters(void **state)
{
    char buf[1000], base[33], changed[33];

    (void)state;
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (char)(i * 7);
    ecg_hash_hex(base, buf, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i += 37) {
        buf[i] ^= 1;
        ecg_hash_hex(changed, buf, sizeof(buf));
        assert_string_not_equal(base, changed);
        buf[i] ^= 1;
    }
    ecg_hash_hex(changed, buf, sizeof(buf) - 1);
    assert_string_not_equal(base, changed);
}

static void test_hash_empty_and_null_differ(void **state)
{
    struct ecg_hasher h1, h2;
    char a[33], b[33];

    (void)state;
    ecg_hasher_init(&h1);
    ecg_hasher_feed_str(&h1, "");
    ecg_hasher_init(&h2);
    ecg_hasher_feed_str(&h2, NULL);
    ecg_hasher_hex(&h1, a);
    ecg_hasher_hex(&h2, b);
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_is_stable_and_hex),
        cmocka_unit_test(test_hash_fields_do_not_run_together),
        cmocka_unit_test(test_hash_every_byte_matters),
        cmocka_unit_test(test_hash_empty_and_null_differ),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
