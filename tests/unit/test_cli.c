/* Unit tests for `ecg check` argument parsing: clang-tidy's spellings, "--" handling and
 * usage errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "analyzer/cli.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int parse(struct ecg_check_options *opts, int argc, char **argv, struct ecg_diag *diag)
{
    ecg_diag_clear(diag);
    return ecg_cli_parse_check(opts, argc, argv, diag);
}

static void test_cli_accepts_llvm_and_gnu_spellings(void **state)
{
    char *argv[] = { "check",
                     "--checks=-*,security-*",
                     "-header-filter=^src/",
                     "-p",
                     "build",
                     "--warnings-as-errors",
                     "security-*",
                     "-j4",
                     "--quiet",
                     "a.c" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), 0);
    assert_string_equal(opts.checks, "-*,security-*");
    assert_string_equal(opts.header_filter, "^src/");
    assert_string_equal(opts.build_path, "build");
    assert_string_equal(opts.warnings_as_errors, "security-*");
    assert_int_equal(opts.jobs, 4);
    assert_int_equal(opts.quiet, 1);
    assert_int_equal(opts.files.len, 1);
    assert_string_equal(opts.files.items[0], "a.c");
    ecg_cli_fini(&opts);
}

static void test_cli_collects_compiler_args_after_dashdash(void **state)
{
    char *argv[] = { "check",       "--extra-arg-before=--driver-mode=gcc",
                     "x.c",         "--",
                     "/usr/bin/cc", "-DX=1",
                     "-o",          "x.o",
                     "-c",          "x.c" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), 0);
    assert_int_equal(opts.has_compiler_args, 1);
    assert_int_equal(opts.compiler_args.len, 6);
    assert_string_equal(opts.compiler_args.items[0], "/usr/bin/cc");
    assert_string_equal(opts.extra_args_before.items[0], "--driver-mode=gcc");
    assert_int_equal(opts.files.len, 1);
    ecg_cli_fini(&opts);
}

static void test_cli_empty_dashdash_still_means_no_database(void **state)
{
    char *argv[] = { "check", "x.c", "--" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), 0);
    assert_int_equal(opts.has_compiler_args, 1);
    assert_int_equal(opts.compiler_args.len, 0);
    ecg_cli_fini(&opts);
}

static void test_cli_repeated_extra_args_keep_order(void **state)
{
    char *argv[] = { "check", "--extra-arg=-DA", "--extra-arg", "-DB", "a.c" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), 0);
    assert_int_equal(opts.extra_args.len, 2);
    assert_string_equal(opts.extra_args.items[0], "-DA");
    assert_string_equal(opts.extra_args.items[1], "-DB");
    ecg_cli_fini(&opts);
}

static void test_cli_unknown_option_is_usage_error(void **state)
{
    char *argv[] = { "check", "--frobnicate", "a.c" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), ECG_EUSAGE);
    assert_non_null(strstr(diag.message, "--frobnicate"));
    ecg_cli_fini(&opts);
}

static void test_cli_missing_value_is_usage_error(void **state)
{
    char *argv[] = { "check", "a.c", "--checks" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), ECG_EUSAGE);
    assert_non_null(strstr(diag.message, "needs a value"));
    ecg_cli_fini(&opts);
}

static void test_cli_rejects_bad_jobs_and_format(void **state)
{
    char *jobs[] = { "check", "-j", "many", "a.c" };
    char *format[] = { "check", "--format=xml", "a.c" };
    char *flag_value[] = { "check", "--quiet=yes", "a.c" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(jobs), jobs, &diag), ECG_EUSAGE);
    ecg_cli_fini(&opts);
    assert_int_equal(parse(&opts, ARGC(format), format, &diag), ECG_EUSAGE);
    assert_non_null(strstr(diag.message, "xml"));
    ecg_cli_fini(&opts);
    assert_int_equal(parse(&opts, ARGC(flag_value), flag_value, &diag), ECG_EUSAGE);
    ecg_cli_fini(&opts);
}

static void test_cli_formats_and_output(void **state)
{
    char *argv[] = { "check",         "--format",
                     "sarif",         "-o",
                     "out.sarif",     "--sarif-category=ecg/x",
                     "--color=never", "a.c" };
    struct ecg_check_options opts;
    struct ecg_diag diag;

    (void)state;
    assert_int_equal(parse(&opts, ARGC(argv), argv, &diag), 0);
    assert_int_equal(opts.format, ECG_FORMAT_SARIF);
    assert_string_equal(opts.output, "out.sarif");
    assert_string_equal(opts.sarif_category, "ecg/x");
    assert_int_equal(opts.color, ECG_COLOR_NEVER);
    assert_non_null(strstr(opts.command_line, "--format sarif"));
    ecg_cli_fini(&opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_accepts_llvm_and_gnu_spellings),
        cmocka_unit_test(test_cli_collects_compiler_args_after_dashdash),
        cmocka_unit_test(test_cli_empty_dashdash_still_means_no_database),
        cmocka_unit_test(test_cli_repeated_extra_args_keep_order),
        cmocka_unit_test(test_cli_unknown_option_is_usage_error),
        cmocka_unit_test(test_cli_missing_value_is_usage_error),
        cmocka_unit_test(test_cli_rejects_bad_jobs_and_format),
        cmocka_unit_test(test_cli_formats_and_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
