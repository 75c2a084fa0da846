/* Unit tests for ecg_args_absolute_paths: relative include paths, forced includes found
 * beside the command, sysroots and response files become absolute against the command's
 * directory; a forced include that is not there is left to the include path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "analyzer/args.h"
#include "tests/support/testkit.h"

static void rewrite(struct ecg_strvec *v, const char *const *words, size_t n)
{
    ecg_strvec_init(v);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ecg_strvec_push(v, words[i]), 0);
    assert_int_equal(ecg_args_absolute_paths(v, "/build/dir"), 0);
}

static void test_args_paths_joined_and_separate_forms(void **state)
{
    const char *words[] = { "-Iinclude", "-I",       "../src",   "-isystem",      "third/x",
                            "-iquote.",  "-include", "config.h", "--sysroot=sys", "@flags.rsp" };
    struct ecg_strvec v;

    (void)state;
    rewrite(&v, words, sizeof(words) / sizeof(words[0]));
    assert_string_equal(v.items[0], "-I/build/dir/include");
    assert_string_equal(v.items[1], "-I");
    assert_string_equal(v.items[2], "/build/src");
    assert_string_equal(v.items[4], "/build/dir/third/x");
    assert_string_equal(v.items[5], "-iquote/build/dir");
    assert_string_equal(v.items[7], "config.h"); /* no /build/dir/config.h: searched for */
    assert_string_equal(v.items[8], "--sysroot=/build/dir/sys");
    assert_string_equal(v.items[9], "@/build/dir/flags.rsp");
    ecg_strvec_fini(&v);
}

static void test_args_paths_leaves_absolute_and_other_flags(void **state)
{
    const char *words[] = {
        "-I/usr/include/x", "-DPATH=rel/x", "-isystem=/sysroot-rel", "-O2", "-Wall", "main.c"
    };
    struct ecg_strvec v;

    (void)state;
    rewrite(&v, words, sizeof(words) / sizeof(words[0]));
    assert_string_equal(v.items[0], "-I/usr/include/x");
    assert_string_equal(v.items[1], "-DPATH=rel/x");
    assert_string_equal(v.items[2], "-isystem=/sysroot-rel");
    assert_string_equal(v.items[3], "-O2");
    assert_string_equal(v.items[5], "main.c");
    ecg_strvec_fini(&v);
}

static void test_args_paths_trailing_separate_flag_is_kept(void **state)
{
    const char *words[] = { "-O2", "-I" };
    struct ecg_strvec v;

    (void)state;
    rewrite(&v, words, 2);
    assert_int_equal(v.len, 2);
    assert_string_equal(v.items[1], "-I");
    ecg_strvec_fini(&v);
}

static void test_args_paths_forced_include_beside_the_command(void **state)
{
    const char *words[] = { "-include", "config.h", "-imacros", "defs.h", "-include", "gone.h" };
    char dir[512], path[600], want[600];
    struct ecg_strvec v;

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "args-paths"), 0);
    testkit_write_in(path, sizeof(path), dir, "config.h", "#define X 1\n");
    testkit_write_in(path, sizeof(path), dir, "defs.h", "#define Y 2\n");
    ecg_strvec_init(&v);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(ecg_strvec_push(&v, words[i]), 0);
    assert_int_equal(ecg_args_absolute_paths(&v, dir), 0);
    assert_string_equal(v.items[1], testkit_path(want, sizeof(want), "%s/config.h", dir));
    assert_string_equal(v.items[3], testkit_path(want, sizeof(want), "%s/defs.h", dir));
    assert_string_equal(v.items[5], "gone.h");
    ecg_strvec_fini(&v);
    assert_int_equal(testkit_remove_tree(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args_paths_joined_and_separate_forms),
        cmocka_unit_test(test_args_paths_leaves_absolute_and_other_flags),
        cmocka_unit_test(test_args_paths_trailing_separate_flag_is_kept),
        cmocka_unit_test(test_args_paths_forced_include_beside_the_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
