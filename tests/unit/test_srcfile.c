/* Unit tests for the source file cache: line splitting (LF, CRLF, lone CR, no final
 * newline, empty file), unreadable files, lookups across table growth, lazy NOLINT scan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer/srcfile.h"
#include "analyzer/suppress.h"
#include "tests/support/testkit.h"

struct fixture {
    char dir[4096];
    struct ecg_srccache *cache;
};

static int teardown(void **state)
{
    struct fixture *fx = *state;

    ecg_srccache_free(fx->cache);
    testkit_remove_tree(fx->dir);
    free(fx);
    return 0;
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL)
        return -1;
    *state = fx;
    if (testkit_tmpdir(fx->dir, sizeof(fx->dir), "srcfile") == 0)
        fx->cache = ecg_srccache_new();
    if (fx->cache == NULL) {
        teardown(state);
        return -1;
    }
    return 0;
}

/* Writes len bytes to <dir>/f<n>.c and returns the path in buf. */
static const char *write_file(const struct fixture *fx, int n, const char *text, size_t len,
                              char *buf, size_t size)
{
    testkit_write_bytes(testkit_path(buf, size, "%s/f%d.c", fx->dir, n), text, len);
    return buf;
}

static const char *write_text(const struct fixture *fx, int n, const char *text, char *buf,
                              size_t size)
{
    return write_file(fx, n, text, strlen(text), buf, size);
}

static void assert_line(const struct ecg_srcfile *file, unsigned line, const char *want)
{
    size_t len = 12345;
    const char *text = ecg_srcfile_line(file, line, &len);

    assert_non_null(text);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(text, want, len);
}

static void assert_no_line(const struct ecg_srcfile *file, unsigned line)
{
    size_t len = 12345;

    assert_null(ecg_srcfile_line(file, line, &len));
    assert_int_equal(len, 12345); /* untouched on failure */
}

static void test_srcfile_lf_lines(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    write_text(fx, 0, "int a;\n\nint bc;\n", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_string_equal(file->path, path);
    assert_non_null(file->text);
    assert_int_equal(file->len, 16);
    assert_int_equal(file->n_lines, 3);
    assert_line(file, 1, "int a;");
    assert_line(file, 2, "");
    assert_line(file, 3, "int bc;");
    assert_no_line(file, 0);
    assert_no_line(file, 4);
    assert_no_line(file, 4000000000u);
}

static void test_srcfile_crlf_excludes_cr(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    write_text(fx, 0, "a;\r\n\r\nbc;\r\n", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(file->n_lines, 3);
    assert_line(file, 1, "a;");
    assert_line(file, 2, "");
    assert_line(file, 3, "bc;");
    assert_no_line(file, 4);
}

static void test_srcfile_lone_cr_ends_a_line(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    /* clang counts a lone '\r' as a line end; so must we, or line numbers drift. */
    write_text(fx, 0, "a\rb\n\rc", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(file->n_lines, 4);
    assert_line(file, 1, "a");
    assert_line(file, 2, "b");
    assert_line(file, 3, "");
    assert_line(file, 4, "c");
}

static void test_srcfile_missing_final_newline(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    write_text(fx, 0, "x\ny;", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(file->n_lines, 2);
    assert_line(file, 1, "x");
    assert_line(file, 2, "y;");
    assert_no_line(file, 3);
}

static void test_srcfile_final_newline_adds_no_line(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    write_text(fx, 0, "\n", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(file->n_lines, 1);
    assert_line(file, 1, "");
    assert_no_line(file, 2);
}

static void test_srcfile_empty_file_has_no_lines(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    write_text(fx, 0, "", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_non_null(file->text); /* readable, just empty */
    assert_int_equal(file->len, 0);
    assert_int_equal(file->n_lines, 0);
    assert_no_line(file, 1);
}

static void test_srcfile_embedded_nul_keeps_length(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;
    const char *text;
    size_t len = 0;

    write_file(fx, 0, "a\0b\nc", 5, path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(file->n_lines, 2);
    text = ecg_srcfile_line(file, 1, &len);
    assert_non_null(text);
    assert_int_equal(len, 3);
    assert_memory_equal(text, "a\0b", 3);
    assert_line(file, 2, "c");
}

static void test_srcfile_missing_file_is_cached_without_text(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    snprintf(path, sizeof(path), "%s/does-not-exist.c", fx->dir);
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_string_equal(file->path, path);
    assert_null(file->text);
    assert_int_equal(file->n_lines, 0);
    assert_null(file->line_starts);
    assert_no_line(file, 1);
    assert_ptr_equal(ecg_srccache_get(fx->cache, path), file);
}

static void test_srcfile_directory_is_cached_without_text(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    snprintf(path, sizeof(path), "%s/sub", fx->dir);
    assert_int_equal(mkdir(path, 0777), 0);
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_null(file->text);
    assert_no_line(file, 1);
}

static void test_srcfile_read_once(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;

    write_text(fx, 0, "old\n", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    write_text(fx, 0, "new text\n", path, sizeof(path));
    assert_ptr_equal(ecg_srccache_get(fx->cache, path), file);
    assert_line(file, 1, "old");
}

static void test_srcfile_files_survive_table_growth(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    char other[4200];
    struct ecg_srcfile *first;
    struct ecg_srcfile *second;

    write_text(fx, 1, "one\n", path, sizeof(path));
    write_text(fx, 2, "two\n", other, sizeof(other));
    first = ecg_srccache_get(fx->cache, path);
    second = ecg_srccache_get(fx->cache, other);
    assert_non_null(first);
    assert_non_null(second);
    assert_ptr_not_equal(first, second);
    for (int i = 0; i < 1000; i++) {
        char missing[4200];
        snprintf(missing, sizeof(missing), "%s/missing-%d.c", fx->dir, i);
        assert_non_null(ecg_srccache_get(fx->cache, missing));
    }
    assert_ptr_equal(ecg_srccache_get(fx->cache, path), first);
    assert_ptr_equal(ecg_srccache_get(fx->cache, other), second);
    assert_line(first, 1, "one");
    assert_line(second, 1, "two");
    for (int i = 0; i < 1000; i += 97) {
        char missing[4200];
        struct ecg_srcfile *m;
        snprintf(missing, sizeof(missing), "%s/missing-%d.c", fx->dir, i);
        m = ecg_srccache_get(fx->cache, missing);
        assert_non_null(m);
        assert_string_equal(m->path, missing);
    }
}

static void test_srcfile_split_line(void **state)
{
    size_t end = 0;
    size_t next = 0;

    (void)state;
    ecg_srcfile_split_line(&end, &next, "ab\r\ncd", 6, 0);
    assert_int_equal(end, 2);
    assert_int_equal(next, 4);
    ecg_srcfile_split_line(&end, &next, "ab\r\ncd", 6, 4);
    assert_int_equal(end, 6);
    assert_int_equal(next, 6);
    ecg_srcfile_split_line(&end, &next, "ab\r", 3, 0);
    assert_int_equal(end, 2);
    assert_int_equal(next, 3);
    ecg_srcfile_split_line(&end, &next, "\n\r", 2, 0);
    assert_int_equal(end, 0);
    assert_int_equal(next, 1);
}

static void test_srcfile_nolint_scanned_once(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;
    const struct ecg_nolint *index = NULL;
    const struct ecg_nolint *again = NULL;
    const char *comment = NULL;

    write_text(fx, 0, "int a;\nint b; // NOLINT(x-y): why\n", path, sizeof(path));
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(ecg_srcfile_nolint(&index, file), 0);
    assert_non_null(index);
    assert_int_equal(ecg_srcfile_nolint(&again, file), 0);
    assert_ptr_equal(index, again);
    assert_false(ecg_suppress_match(index, 1, "x-y", &comment));
    assert_true(ecg_suppress_match(index, 2, "x-y", &comment));
    assert_string_equal(comment, "NOLINT(x-y): why");
}

static void test_srcfile_nolint_of_unreadable_file_is_empty(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_srcfile *file;
    const struct ecg_nolint *index = NULL;
    size_t n = 99;

    snprintf(path, sizeof(path), "%s/gone.c", fx->dir);
    file = ecg_srccache_get(fx->cache, path);
    assert_non_null(file);
    assert_int_equal(ecg_srcfile_nolint(&index, file), 0);
    assert_non_null(index);
    assert_false(ecg_suppress_match(index, 1, "x-y", NULL));
    ecg_suppress_problems(index, &n);
    assert_int_equal(n, 0);
}

static void test_srcfile_free_null_is_noop(void **state)
{
    (void)state;
    ecg_srccache_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_srcfile_lf_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_crlf_excludes_cr, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_lone_cr_ends_a_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_missing_final_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_final_newline_adds_no_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_empty_file_has_no_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_embedded_nul_keeps_length, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_missing_file_is_cached_without_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_directory_is_cached_without_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_read_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_files_survive_table_growth, setup, teardown),
        cmocka_unit_test(test_srcfile_split_line),
        cmocka_unit_test_setup_teardown(test_srcfile_nolint_scanned_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srcfile_nolint_of_unreadable_file_is_empty, setup,
                                        teardown),
        cmocka_unit_test(test_srcfile_free_null_is_noop),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
