/* Unit tests for the lexical path helpers: joining, normalising ".", ".." and repeated
 * slashes, relative paths against a base or the working directory, and walking up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/path.h"
#include "tests/support/testkit.h"

static void assert_absolute(const char *base, const char *path, const char *expected)
{
    char *got = ecg_path_absolute(base, path);

    assert_non_null(got);
    if (strcmp(got, expected) != 0)
        fail_msg("absolute(%s, %s) = '%s', want '%s'", base != NULL ? base : "NULL", path, got,
                 expected);
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
    assert_absolute(NULL, "/a/./b//c/../d", "/a/b/d");
    assert_absolute(NULL, "/a/b/../c", "/a/c");
    assert_absolute(NULL, "/a/b/", "/a/b");
    assert_absolute(NULL, "/a/b/../..", "/");
    assert_absolute(NULL, "/a/b/../../..", "/");
    assert_absolute(NULL, "/..", "/");
    assert_absolute(NULL, "/../../x/./", "/x");
    assert_absolute(NULL, "/", "/");
    assert_absolute(NULL, "//", "/");
    assert_absolute(NULL, "/a/.../b", "/a/.../b");
    assert_absolute(NULL, "/a/..b/.c", "/a/..b/.c");
}

static void test_path_absolute_against_base(void **state)
{
    (void)state;
    assert_absolute("/base/dir", "x/y", "/base/dir/x/y");
    assert_absolute("/base/dir/", "../x", "/base/x");
    assert_absolute("/base", "./gen/**/*.c", "/base/gen/**/*.c");
    assert_absolute("/base", "/abs", "/abs");
    assert_absolute("/ignored", "/x/y", "/x/y");
    assert_absolute("/a/b", "../c", "/a/c");
    assert_absolute("/a/b", "c/./d", "/a/b/c/d");
    assert_absolute("/a/b/", "", "/a/b");
    assert_absolute("/a/b", ".", "/a/b");
    assert_absolute("/a", "../../..", "/");
    assert_absolute("/a", "../../../x", "/x");
    assert_absolute("/", "x", "/x");
    assert_absolute("/a//b/./", "..//c", "/a/c");
}

/* A relative path that climbs above its own start climbs into the base, and no further
 * than "/". */
static void test_path_absolute_climbs_out_of_relative_path(void **state)
{
    (void)state;
    assert_absolute("/r/s", "a/../../b", "/r/b");
    assert_absolute("/r/s", "..", "/r");
    assert_absolute("/r/s", "../..", "/");
    assert_absolute("/r/s", "../../../..", "/");
    assert_absolute("/r/s", "a/..", "/r/s");
    assert_absolute("/r/s", "", "/r/s");
    assert_absolute("/r/s", "./", "/r/s");
    assert_absolute("/r/s", "./a//b/", "/r/s/a/b");
}

/* With base NULL, empty or relative, relative paths are taken against the working
 * directory (the scratch directory dir/w/d while it runs). */
static void check_working_directory(const char *dir)
{
    char want[4200];
    char cwd[4096];

    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_absolute(NULL, "x/y/../z", testkit_path(want, sizeof(want), "%s/x/z", cwd));
    assert_absolute(NULL, "/x", "/x");
    assert_absolute("", "x/../y", testkit_path(want, sizeof(want), "%s/y", cwd));
    assert_absolute("build", "../src/x.c", testkit_path(want, sizeof(want), "%s/src/x.c", cwd));
    assert_absolute("../b", "../../src", testkit_path(want, sizeof(want), "%s/src", dir));
}

static void test_path_absolute_uses_working_directory(void **state)
{
    char dir[4096];
    char canonical[4096];
    char saved[4096];
    char work[4200];
    (void)state;

    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "path"), 0);
    testkit_make_dirs(testkit_path(work, sizeof(work), "%s/w/d", dir));
    assert_non_null(getcwd(saved, sizeof(saved)));
    assert_int_equal(chdir(dir), 0);
    /* mkdtemp's result may hold "..": compare against what getcwd reports. */
    assert_non_null(getcwd(canonical, sizeof(canonical)));
    assert_int_equal(chdir(work), 0);
    check_working_directory(canonical);
    assert_int_equal(chdir(saved), 0);
    assert_int_equal(testkit_remove_tree(dir), 0);
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
    (void)state;

    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "path"), 0);
    testkit_path(file, sizeof(file), "%s/f", dir);
    assert_false(ecg_path_is_file(file));
    assert_false(ecg_path_is_file(dir));
    testkit_write_file(file, "");
    assert_true(ecg_path_is_file(file));
    assert_int_equal(testkit_remove_tree(dir), 0);
}

static void test_path_under(void **state)
{
    (void)state;
    assert_string_equal(ecg_path_under("/p/src/a.c", "/p"), "src/a.c");
    assert_string_equal(ecg_path_under("/p/src/a.c", "/p/"), "src/a.c");
    assert_string_equal(ecg_path_under("/p/a.c", "/"), "p/a.c");
    assert_null(ecg_path_under("/pq/a.c", "/p")); /* a sibling sharing the prefix */
    assert_null(ecg_path_under("/p", "/p"));      /* the directory itself */
    assert_null(ecg_path_under("/p/", "/p"));     /* nothing below it */
    assert_null(ecg_path_under("/other/a.c", "/p"));
    assert_null(ecg_path_under("/p/a.c", ""));
    assert_null(ecg_path_under("/p/a.c", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_join),
        cmocka_unit_test(test_path_under),
        cmocka_unit_test(test_path_absolute_normalises),
        cmocka_unit_test(test_path_absolute_against_base),
        cmocka_unit_test(test_path_absolute_climbs_out_of_relative_path),
        cmocka_unit_test(test_path_absolute_uses_working_directory),
        cmocka_unit_test(test_path_parent_walks_to_root),
        cmocka_unit_test(test_path_dirname),
        cmocka_unit_test(test_path_is_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
