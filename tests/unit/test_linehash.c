/* Unit tests for GitHub's line hash (primaryLocationLineHash). The expected values were
 * computed with a Python transcription of codeql-action's src/fingerprints.ts (text decoded
 * with bytes.decode("utf-8", "replace"), UTF-16 code units, 64-bit wrap-around) and checked
 * against the same algorithm run under Node 20 reading the files with fs.createReadStream
 * (..., "utf8"), as the upload action does; they are hard-coded here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sarif/linehash.h"

#define EOF_LINE "c129715d7a2bc9a3:1" /* the line the end of file starts after a final break */

static void check_va(const char *text, size_t len, va_list ap)
{
    struct sarif_linehash *lh = NULL;
    char buf[SARIF_LINEHASH_SIZE];
    const char *want;
    unsigned line = 0;

    assert_int_equal(sarif_linehash_compute(&lh, text, len), 0);
    assert_non_null(lh);
    for (want = va_arg(ap, const char *); want != NULL; want = va_arg(ap, const char *)) {
        const char *got = sarif_linehash_format(buf, sizeof(buf), lh, ++line);
        if (got == NULL || strcmp(got, want) != 0)
            fail_msg("line %u: got %s, want %s", line, got != NULL ? got : "(none)", want);
    }
    assert_int_equal(sarif_linehash_lines(lh), line);
    assert_null(sarif_linehash_format(buf, sizeof(buf), lh, line + 1));
    sarif_linehash_free(lh);
}

/* Hashes text[0..len) and checks each line's value against the strings that follow, one
 * per line, up to a NULL. */
static void check_bytes(const char *text, size_t len, ...) __attribute__((sentinel));
static void check_bytes(const char *text, size_t len, ...)
{
    va_list ap;

    va_start(ap, len);
    check_va(text, len, ap);
    va_end(ap);
}

/* As check_bytes, for a NUL-terminated text. */
static void check(const char *text, ...) __attribute__((sentinel));
static void check(const char *text, ...)
{
    va_list ap;

    va_start(ap, text);
    check_va(text, strlen(text), ap);
    va_end(ap);
}

static void test_linehash_empty_file_has_one_line(void **state)
{
    (void)state;
    check("", EOF_LINE, NULL);
}

static void test_linehash_one_line(void **state)
{
    (void)state;
    check("int x;\n", "22bd3bea0af67823:1", EOF_LINE, NULL);
}

static void test_linehash_empty_lines(void **state)
{
    (void)state;
    check("a\n\n\nb\n", "356f58d66fa44792:1", "b8d96ae672d1b223:1", "bf4c4d48992e2ca5:1",
          "ade70578248be16f:1", EOF_LINE, NULL);
}

static void test_linehash_blanks_are_skipped(void **state)
{
    (void)state;
    check("\t int  x ;\n  y\t=\t1;\n", "fb2b642c58ca5d53:1", "b678eec5ab84bc53:1", EOF_LINE, NULL);
    check("intx;\ny=1;\n", "fb2b642c58ca5d53:1", "b678eec5ab84bc53:1", EOF_LINE, NULL);
}

static void test_linehash_line_breaks_normalised(void **state)
{
    (void)state;
    check("a\nb\n", "81b8d8db678b2bbe:1", "ade70578248be16f:1", EOF_LINE, NULL);
    check("a\r\nb\r\n", "81b8d8db678b2bbe:1", "ade70578248be16f:1", EOF_LINE, NULL);
    check("a\rb\r", "81b8d8db678b2bbe:1", "ade70578248be16f:1", EOF_LINE, NULL);
    /* A blank between CR and LF makes them two line breaks, as in GitHub's code. */
    check("a\r \nb\n", "818c3a85b988abe4:1", "bf4c4d48992e2ca5:1", "ade70578248be16f:1", EOF_LINE,
          NULL);
}

static void test_linehash_no_final_newline(void **state)
{
    (void)state;
    check("a\nb", "c74339777b6a2c60:1", "8ee5a81e681643c1:1", NULL);
}

/* Lines whose next 100 characters are the same share a hash and are told apart by the
 * count; values with leading zero nibbles are printed without them. */
static void test_linehash_repeated_lines_counted(void **state)
{
    (void)state;
    check("x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n"
          "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n",
          "5ce70cc0634d5465:1", "5ce70cc0634d5465:2", "5ce70cc0634d5465:3", "5ce70cc0634d5465:4",
          "5ce70cc0634d5465:5", "5ce70cc0634d5465:6", "5ce70cc0634d5465:7", "5ce70cc0634e53ec:1",
          "5ce70cc128cb9183:1", "5ce7a565064eefde:1", "d2e1845158536b6d:1", "f422d171994720e0:1",
          "e9dc3845364c4427:1", "b70ad4c8b7e15b72:1", "b6b9250750832e31:1", "93f496859b631814:1",
          "4e9bc02a8dabb00b:1", "13f6a2019347f346:1", "63360ff2aaea6435:1", "9c928044130dcd88:1",
          "43ce1bae39ac992f:1", "80dbf609c379eb5a:1", "ded9e81ab9f4f179:1", "6e5aee6c2ddf153c:1",
          "9a9a10f06c850393:1", "62aaa150322cb7ae:1", "d810f717e18bf9fd:1", "f16bae6e94cf0330:1",
          "a3d1ac39ebc23337:1", "222b3ead1fa80c42:1", "23315310cd19e1c1:1", "b321a19621a9eb64:1",
          "e20204c2f96cac1b:1", "60924821ad9dd16:1", "9b9da13afcce4cc5:1", "c792b726c461d8:1",
          "9cd19731be6c323f:1", "6e9cbbacdaa5e2a:1", "3e3c9ec7ce221f09:1", "bd25d25d5cef3a8c:1",
          EOF_LINE, NULL);
}

static void test_linehash_line_longer_than_window(void **state)
{
    (void)state;
    check("/*012345678901234567890123456789012345678901234567890123456789"
          "012345678901234567890123456789012345678901234567890123456789*/\nend\n",
          "98a7bcf0b1adbc7e:1", "fe2be582c6296f40:1", EOF_LINE, NULL);
}

/* "é" is one UTF-16 unit, the emoji U+1F600 two (a surrogate pair). */
static void test_linehash_non_ascii_and_surrogate_pair(void **state)
{
    (void)state;
    check("const char *s = \"caf\xc3\xa9 \xf0\x9f\x98\x80\";\nx\n", "2f9e61f3c4d5369:1",
          "828973aa50c68d6d:1", EOF_LINE, NULL);
}

/* 0xff and a truncated sequence each become one U+FFFD, as Node decodes them. */
static void test_linehash_invalid_utf8_is_replacement(void **state)
{
    (void)state;
    check("a\xff\xe2\x82"
          "b\n",
          "9246a1a8d412757e:1", EOF_LINE, NULL);
    check("a\xef\xbf\xbd\xef\xbf\xbd"
          "b\n",
          "9246a1a8d412757e:1", EOF_LINE, NULL);
    check_bytes("a\0b\n", 4, "636f257f958bb544:1", EOF_LINE, NULL);
}

static void test_linehash_format_bounds(void **state)
{
    struct sarif_linehash *lh = NULL;
    char buf[SARIF_LINEHASH_SIZE];
    char small[8];

    (void)state;
    assert_int_equal(sarif_linehash_compute(&lh, "int x;\n", 7), 0);
    assert_null(sarif_linehash_format(buf, sizeof(buf), lh, 0));
    assert_null(sarif_linehash_format(buf, sizeof(buf), lh, 3));
    assert_null(sarif_linehash_format(small, sizeof(small), lh, 1));
    assert_string_equal(sarif_linehash_format(buf, sizeof(buf), lh, 1), "22bd3bea0af67823:1");
    sarif_linehash_free(lh);
    sarif_linehash_free(NULL);
}

/* A file is hashed once: later calls return the same set and ignore the text. Enough
 * paths to make the table grow. */
static void test_linehash_cache_per_path(void **state)
{
    struct sarif_linehash_cache *cache = sarif_linehash_cache_new();
    const struct sarif_linehash *first = NULL;
    const struct sarif_linehash *again = NULL;
    const struct sarif_linehash *lh = NULL;
    char path[64];
    char buf[SARIF_LINEHASH_SIZE];

    (void)state;
    assert_non_null(cache);
    assert_int_equal(sarif_linehash_cache_get(&first, cache, "/p/a.c", "int x;\n", 7), 0);
    for (int i = 0; i < 40; i++) {
        snprintf(path, sizeof(path), "/p/f%d.c", i);
        assert_int_equal(sarif_linehash_cache_get(&lh, cache, path, "a\nb\n", 4), 0);
        assert_int_equal(sarif_linehash_lines(lh), 3);
    }
    assert_int_equal(sarif_linehash_cache_get(&again, cache, "/p/a.c", "other\ntext\n", 11), 0);
    assert_ptr_equal(first, again);
    assert_string_equal(sarif_linehash_format(buf, sizeof(buf), again, 1), "22bd3bea0af67823:1");
    assert_int_equal(sarif_linehash_cache_get(&lh, cache, "/p/f7.c", "", 0), 0);
    assert_string_equal(sarif_linehash_format(buf, sizeof(buf), lh, 2), "ade70578248be16f:1");
    sarif_linehash_cache_free(cache);
    sarif_linehash_cache_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linehash_empty_file_has_one_line),
        cmocka_unit_test(test_linehash_one_line),
        cmocka_unit_test(test_linehash_empty_lines),
        cmocka_unit_test(test_linehash_blanks_are_skipped),
        cmocka_unit_test(test_linehash_line_breaks_normalised),
        cmocka_unit_test(test_linehash_no_final_newline),
        cmocka_unit_test(test_linehash_repeated_lines_counted),
        cmocka_unit_test(test_linehash_line_longer_than_window),
        cmocka_unit_test(test_linehash_non_ascii_and_surrogate_pair),
        cmocka_unit_test(test_linehash_invalid_utf8_is_replacement),
        cmocka_unit_test(test_linehash_format_bounds),
        cmocka_unit_test(test_linehash_cache_per_path),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
