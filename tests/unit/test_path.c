/* Unit tests for the lexical path helpers: joining, normalising ".", ".." and repeated
 * slashes, relative paths against a base or the working directory, and walking up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/path.h"

#ifndef ECG_TEST_TMPDIR
#error "ECG_TEST_TMPDIR must name a scratch directory"
#endif

static void assert_absolute(const char *base, const char *path, const char *expected)
{
    char *got = ecg_path_absolute(base, path);

    assert_non_null(got);
    assert_string_equal(got, expected);
    free(got);
}

static void test_path_join(void **state)
{
    char *p = ecg_path_join("/a/b", "c.json");
    (void)state;

    assert_string_equal(p, "/a/b/c.json");
    free(p);
    p = ecg_path_join("/a/b/", "c");
    assert_string_equal(p, "/a/b/c");
    free(p);
    p = ecg_path_join("/", "c");
    assert_string_equal(p, "/c");
    free(p);
    p = ecg_path_join("", "c");
    assert_string_equal(p, "c");
    free(p);
}

static void test_path_absolute_normalises(void **state)
{
    (void)state;
    assert_absolute(NULL, "/a/b/c", "/a/b/c");
    assert_absolute(NULL, "/a//b/./c/", "/a/b/c");
    assert_absolute(NULL, "/a/b/../c", "/a/c");
    assert_absolute(NULL, "/a/b/../../..", "/");
    assert_absolute(NULL, "/..", "/");
    assert_absolute(NULL, "/", "/");
    assert_absolute(NULL, "//", "/");
    assert_absolute(NULL, "/a/.../b", "/a/.../b");
    assert_absolute(NULL, "/a/..b/.c", "/a/..b/.c");
    assert_absolute("/base/dir", "x/y", "/base/dir/x/y");
    assert_absolute("/base/dir/", "../x", "/base/x");
    assert_absolute("/base", "./gen/**/*.c", "/base/gen/**/*.c");
    assert_absolute("/base", "/abs", "/abs");
}

static void test_path_absolute_uses_working_directory(void **state)
{
    char dir[4096];
    char cwd[4096];
    char expect[4200];
    char *got;
    (void)state;

    assert_true(mkdir(ECG_TEST_TMPDIR, 0777) == 0 || errno == EEXIST);
    snprintf(dir, sizeof(dir), "%s/path-XXXXXX", ECG_TEST_TMPDIR);
    assert_non_null(mkdtemp(dir));
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(chdir(dir), 0);
    /* mkdtemp's result may hold "..": compare against what getcwd reports. */
    assert_non_null(getcwd(expect, sizeof(expect)));
    strncat(expect, "/x/z", sizeof(expect) - strlen(expect) - 1);
    got = ecg_path_absolute(NULL, "x/y/../z");
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rmdir(dir), 0);
    assert_non_null(got);
    assert_string_equal(got, expect);
    free(got);
}

static void test_path_parent_walks_to_root(void **state)
{
    char p[] = "/a/b/c";
    (void)state;

    assert_int_equal(ecg_path_parent(p), 1);
    assert_string_equal(p, "/a/b");
    assert_int_equal(ecg_path_parent(p), 1);
    assert_string_equal(p, "/a");
    assert_int_equal(ecg_path_parent(p), 1);
    assert_string_equal(p, "/");
    assert_int_equal(ecg_path_parent(p), 0);
    assert_string_equal(p, "/");
}

static void test_path_dirname(void **state)
{
    char *d = ecg_path_dirname("/p/src/../lib/a.c");
    (void)state;

    assert_string_equal(d, "/p/lib");
    free(d);
    d = ecg_path_dirname("/a.c");
    assert_string_equal(d, "/");
    free(d);
}

static void test_path_is_file(void **state)
{
    char dir[4096];
    char file[4200];
    FILE *f;
    (void)state;

    assert_true(mkdir(ECG_TEST_TMPDIR, 0777) == 0 || errno == EEXIST);
    snprintf(dir, sizeof(dir), "%s/path-XXXXXX", ECG_TEST_TMPDIR);
    assert_non_null(mkdtemp(dir));
    snprintf(file, sizeof(file), "%s/f", dir);
    assert_false(ecg_path_is_file(file));
    assert_false(ecg_path_is_file(dir));
    f = fopen(file, "w");
    assert_non_null(f);
    assert_int_equal(fclose(f), 0);
    assert_true(ecg_path_is_file(file));
    assert_int_equal(unlink(file), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_join),
        cmocka_unit_test(test_path_absolute_normalises),
        cmocka_unit_test(test_path_absolute_uses_working_directory),
        cmocka_unit_test(test_path_parent_walks_to_root),
        cmocka_unit_test(test_path_dirname),
        cmocka_unit_test(test_path_is_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
