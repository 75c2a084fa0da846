/* Unit tests for analyzer/args.c: shell-style splitting of compile-database commands,
 * compiler-name recognition, and the normalisation of compile commands into the flags
 * libclang parses with (checked against libclang 14 itself for gcc-only flags). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <clang-c/Index.h>

#include "analyzer/args.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Asserts that v holds exactly the n strings of expected, in order. */
static void assert_words(const struct ecg_strvec *v, const char *const *expected, size_t n)
{
    for (size_t i = 0; i < n && i < v->len; i++)
        assert_string_equal(v->items[i], expected[i]);
    assert_int_equal(v->len, n);
    if (v->items != NULL)
        assert_null(v->items[v->len]);
}

static void split_ok(const char *command, const char *const *expected, size_t n)
{
    struct ecg_strvec v;
    struct ecg_diag diag;

    ecg_strvec_init(&v);
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_args_split(&v, command, "test", &diag), 0);
    assert_words(&v, expected, n);
    ecg_strvec_fini(&v);
}

static void normalize_ok(const char *const *argv, size_t argc, const char *source,
                         const char *directory, const char *const *expected, size_t n)
{
    struct ecg_strvec v;

    ecg_strvec_init(&v);
    assert_int_equal(ecg_args_normalize(&v, argv, argc, source, directory), 0);
    assert_words(&v, expected, n);
    ecg_strvec_fini(&v);
}

/* ---- ecg_args_split ---------------------------------------------------------------------- */

static void test_args_split_blanks_separate_words(void **state)
{
    static const char *const want[] = { "cc", "-c", "a.c", "-o", "a.o" };
    (void)state;
    split_ok("  cc \t-c\na.c   -o  a.o \n", want, ARRAY_LEN(want));
}

static void test_args_split_empty_command_has_no_words(void **state)
{
    (void)state;
    split_ok("", NULL, 0);
    split_ok(" \t\n ", NULL, 0);
}

static void test_args_split_single_quotes_are_literal(void **state)
{
    static const char *const want[] = { "-DMSG=a \\n \"b\" $HOME", "x" };
    (void)state;
    split_ok("'-DMSG=a \\n \"b\" $HOME' x", want, ARRAY_LEN(want));
}

static void test_args_split_double_quotes_escape_only_specials(void **state)
{
    /* \" \\ \$ \` lose the backslash; \n and \a keep it */
    static const char *const want[] = { "a\"b\\c$d`e\\nf\\a", "g" };
    (void)state;
    split_ok("\"a\\\"b\\\\c\\$d\\`e\\nf\\a\" g", want, ARRAY_LEN(want));
}

static void test_args_split_cmake_escaped_define(void **state)
{
    /* CMake writes -DFOO="bar baz" as -DFOO=\"bar\ baz\" or "-DFOO=\"bar baz\"" */
    static const char *const want[] = {
        "/usr/bin/cc", "-DFOO=\"bar baz\"", "-DV=\"1.0\"", "-DEMPTY=", "-c", "/src/a.c"
    };
    (void)state;
    split_ok("/usr/bin/cc -DFOO=\\\"bar\\ baz\\\" \"-DV=\\\"1.0\\\"\" -DEMPTY= -c /src/a.c", want,
             ARRAY_LEN(want));
}

static void test_args_split_quotes_join_adjacent_text(void **state)
{
    static const char *const want[] = { "-DX=\"a b\"", "pre'mid'post", "abc" };
    (void)state;
    split_ok("-DX='\"a b\"' \"pre'mid'\"post a'b'\"c\"", want, ARRAY_LEN(want));
}

static void test_args_split_empty_quotes_make_empty_word(void **state)
{
    static const char *const want[] = { "a", "", "", "b" };
    (void)state;
    split_ok("a '' \"\" b", want, ARRAY_LEN(want));
}

static void test_args_split_backslash_outside_quotes(void **state)
{
    /* escaped blank joins, escaped quote is literal, backslash-newline continues the word,
     * a trailing backslash stands for itself */
    static const char *const want[] = { "a b", "'q'", "xy", "end\\" };
    (void)state;
    split_ok("a\\ b \\'q\\' x\\\ny end\\", want, ARRAY_LEN(want));
}

static void test_args_split_line_continuation_in_double_quotes(void **state)
{
    static const char *const want[] = { "ab" };
    (void)state;
    split_ok("\"a\\\nb\"", want, ARRAY_LEN(want));
}

static void test_args_split_unterminated_single_quote(void **state)
{
    struct ecg_strvec v;
    struct ecg_diag diag;
    (void)state;

    ecg_strvec_init(&v);
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_args_split(&v, "cc -DX='abc -c a.c", "cmd.json", &diag), ECG_EPARSE);
    assert_string_equal(diag.path, "cmd.json");
    assert_int_equal(diag.line, 1);
    assert_int_equal(diag.col, 8);
    assert_non_null(strstr(diag.message, "unterminated single quote"));
    assert_int_equal(v.len, 0);
    ecg_strvec_fini(&v);
}

static void test_args_split_unterminated_double_quote_on_second_line(void **state)
{
    struct ecg_strvec v;
    struct ecg_diag diag;
    (void)state;

    ecg_strvec_init(&v);
    ecg_diag_clear(&diag);
    /* the escaped quote does not close the string */
    assert_int_equal(ecg_args_split(&v, "cc 'ok'\n  -DX=\"a\\\"", "origin", &diag), ECG_EPARSE);
    assert_string_equal(diag.path, "origin");
    assert_int_equal(diag.line, 2);
    assert_int_equal(diag.col, 7);
    assert_non_null(strstr(diag.message, "unterminated double quote"));
    ecg_strvec_fini(&v);
}

static void test_args_split_appends_and_leaves_out_unchanged_on_error(void **state)
{
    static const char *const want[] = { "first", "a", "b" };
    struct ecg_strvec v;
    (void)state;

    ecg_strvec_init(&v);
    assert_int_equal(ecg_strvec_push(&v, "first"), 0);
    assert_int_equal(ecg_args_split(&v, "a b", "t", NULL), 0);
    assert_words(&v, want, ARRAY_LEN(want));
    assert_int_equal(ecg_args_split(&v, "c 'd", "t", NULL), ECG_EPARSE);
    assert_words(&v, want, ARRAY_LEN(want));
    ecg_strvec_fini(&v);
}

/* ---- ecg_args_is_compiler ------------------------------------------------------------------ */

static void test_args_is_compiler_known_drivers(void **state)
{
    /* clang-format off */
    static const char *const yes[] = {
        "cc", "c89", "c99", "gcc", "clang", "tcc", "icc", "c++", "g++", "clang++", "/usr/bin/cc",
        "/usr/lib/ccache/gcc", "gcc-12", "clang-19", "clang++-14", "clang-14.0.6",
        "x86_64-linux-gnu-gcc", "x86_64-linux-gnu-gcc-12", "arm-none-eabi-gcc",
        "aarch64-linux-gnu-g++", "/opt/cross/bin/riscv64-unknown-elf-clang", "gcc.exe",
        "C:\\mingw\\bin\\g++-13.exe", "musl-gcc"
    };
    /* clang-format on */
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
        if (!ecg_args_is_compiler(yes[i]))
            fail_msg("'%s' should be a compiler", yes[i]);
    }
}

static void test_args_is_compiler_rejects_flags_files_and_tools(void **state)
{
    /* clang-format off */
    static const char *const no[] = {
        "", "-", "-gcc", "-clang", "gcc.c", "clang.cpp", "cc.o", "libgcc.a", "ccache", "distcc",
        "gcc-ar", "gcc-nm", "clang-format", "clang-tidy", "clang-cl", "ld", "cc1", "gcc-",
        "-gcc-12", "/usr/bin/", "gcc12", "c-99", "make", "x86_64-linux-gnu-ld"
    };
    /* clang-format on */
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(no); i++) {
        if (ecg_args_is_compiler(no[i]))
            fail_msg("'%s' should not be a compiler", no[i]);
    }
    assert_false(ecg_args_is_compiler(NULL));
}

/* ---- ecg_args_normalize ------------------------------------------------------------------- */

static void test_args_normalize_cmake_command(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "/usr/bin/cc", "-DFOO=\"bar\"", "-I/src/include", "-isystem", "/opt/inc", "-O2", "-g",
        "-std=gnu11", "-MD", "-MT", "CMakeFiles/app.dir/src/main.c.o", "-MF",
        "CMakeFiles/app.dir/src/main.c.o.d", "-o", "CMakeFiles/app.dir/src/main.c.o", "-c",
        "/src/src/main.c"
    };
    /* clang-format on */
    static const char *const want[] = {
        "-DFOO=\"bar\"", "-I/src/include", "-isystem", "/opt/inc", "-O2", "-g", "-std=gnu11"
    };
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "/src/src/main.c", "/build", want, ARRAY_LEN(want));
}

static void test_args_normalize_ccache_bear_arguments(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "ccache", "/usr/bin/gcc-12", "-c", "-Wall", "-Werror", "-Werror=format-security",
        "-pedantic-errors", "-pipe", "-DNAME=\"x y\"", "src/util.c", "-oobj/util.o", "-pthread"
    };
    /* clang-format on */
    static const char *const want[] = { "-Wall", "-DNAME=\"x y\"", "-pthread" };
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "/proj/src/util.c", "/proj", want, ARRAY_LEN(want));
}

static void test_args_normalize_source_matched_after_normalisation(void **state)
{
    /* the recorded word differs from the database's "file" only lexically */
    static const char *const argv[] = { "clang", "-c", "./src/../src//main.c", "-Wextra" };
    static const char *const argv_abs[] = { "clang", "/proj/./src/main.c", "-Wextra" };
    static const char *const want[] = { "-Wextra" };
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "/proj/src/main.c", "/proj", want, ARRAY_LEN(want));
    normalize_ok(argv_abs, ARRAY_LEN(argv_abs), "src/main.c", "/proj", want, ARRAY_LEN(want));
}

static void test_args_normalize_drops_other_inputs_keeps_values(void **state)
{
    /* header and object names that are values of options stay with their option */
    /* clang-format off */
    static const char *const argv[] = {
        "gcc", "-include", "config.h", "-imacros", "macros.h", "-x", "c", "-Xclang",
        "-fno-validate-pch", "main.c", "extra.c", "x.o", "libfoo.a", "libz.so", "libz.so.1.2",
        "helper.S", "-", "-iquote", "inc.h", "-MQ", "dep.o", "-MFdep.d", "-MTx.o", "-MMD", "-MP",
        "-o", "out.o"
    };
    static const char *const want[] = {
        "-include", "config.h", "-imacros", "macros.h", "-x", "c", "-Xclang", "-fno-validate-pch",
        "-iquote", "inc.h"
    };
    /* clang-format on */
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "main.c", "/p", want, ARRAY_LEN(want));
}

static void test_args_normalize_without_source_uses_extensions(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "cc", "-DX", "a.c", "b.cpp", "c.cc", "d.cxx", "e.C", "f.i", "g.s", "h.h", "noext", "-c"
    };
    /* clang-format on */
    static const char *const want[] = { "-DX", "noext" };
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), NULL, NULL, want, ARRAY_LEN(want));
}

static void test_args_normalize_drops_linker_flags(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "cc", "-fPIC", "-Wl,-z,relro", "-lm", "-l", "pthread", "-L/usr/lib", "-L", "/opt/lib",
        "-shared", "-static", "-rdynamic", "-Xlinker", "--as-needed", "-z", "now", "-pthread", "-S",
        "-E", "-save-temps", "-save-temps=obj", "a.c"
    };
    /* clang-format on */
    static const char *const want[] = { "-fPIC", "-pthread" };
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "a.c", "/p", want, ARRAY_LEN(want));
}

static void test_args_normalize_drops_gcc_only_flags(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "x86_64-linux-gnu-gcc", "-fconserve-stack", "-fno-ipa-sra", "-fno-allow-store-data-races",
        "-fno-var-tracking-assignments", "-mindirect-branch=thunk-extern", "-flto=8", "-fanalyzer",
        "-mrecord-mcount", "-fno-tree-loop-vectorize", "-fplugin=/x/plugin.so",
        "-fzero-call-used-regs=used-gpr", "-ftrivial-auto-var-init=zero",
        "-mpreferred-stack-boundary=3", "-fdump-tree-all", "-fno-partial-inlining",
        /* accepted by clang (at most with a warning): kept */
        "-fno-tree-vrp", "-ftree-vectorize", "-fno-var-tracking", "-fmerge-constants",
        "-fstack-clash-protection", "-fcf-protection", "-flto=auto", "-ffat-lto-objects",
        "-fno-semantic-interposition", "--param=ssp-buffer-size=4", "-mno-fp-ret-in-387",
        "-Wno-format-truncation", "-ftrivial-auto-var-init=pattern", "--param", "max-inline=10",
        "-c", "k.c"
    };
    static const char *const want[] = {
        "-fno-tree-vrp", "-ftree-vectorize", "-fno-var-tracking", "-fmerge-constants",
        "-fstack-clash-protection", "-fcf-protection", "-flto=auto", "-ffat-lto-objects",
        "-fno-semantic-interposition", "--param=ssp-buffer-size=4", "-mno-fp-ret-in-387",
        "-Wno-format-truncation", "-ftrivial-auto-var-init=pattern", "--param", "max-inline=10"
    };
    /* clang-format on */
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "k.c", "/k", want, ARRAY_LEN(want));
}

static void test_args_normalize_filters_wp_dependency_items(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "gcc", "-Wp,-MMD,drivers/.x.o.d", "-Wp,-D_FORTIFY_SOURCE=2,-MD,x.d,-DY", "-Wp,-MFa.d",
        "-Wp,-DZ", "-MJ", "cdb.json", "-MJfrag.json", "--serialize-diagnostics", "a.dia", "x.c"
    };
    /* clang-format on */
    static const char *const want[] = { "-Wp,-D_FORTIFY_SOURCE=2,-DY", "-Wp,-DZ" };
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "x.c", "/x", want, ARRAY_LEN(want));
}

static void test_args_normalize_keeps_driver_mode_and_order(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "clang", "--driver-mode=g++", "-std=c++17", "-Ia", "-I", "b", "-DA=1", "-UB", "-D", "C=2",
        "-target", "aarch64-linux-gnu", "a.cpp"
    };
    static const char *const want[] = {
        "--driver-mode=g++", "-std=c++17", "-Ia", "-I", "b", "-DA=1", "-UB", "-D", "C=2", "-target",
        "aarch64-linux-gnu"
    };
    /* clang-format on */
    (void)state;
    normalize_ok(argv, ARRAY_LEN(argv), "a.cpp", "/a", want, ARRAY_LEN(want));
}

static void test_args_normalize_driver_words(void **state)
{
    static const char *const only_compiler[] = { "gcc" };
    static const char *const unknown_driver[] = { "/opt/ti/bin/armcl", "-DX", "a.c" };
    static const char *const wrapper_path[] = { "/usr/bin/sccache", "/opt/bin/mycc", "-DX" };
    static const char *const flags_only[] = { "-DX", "-Iinc" };
    static const char *const want_x[] = { "-DX" };
    static const char *const want_flags[] = { "-DX", "-Iinc" };
    (void)state;
    normalize_ok(only_compiler, ARRAY_LEN(only_compiler), NULL, NULL, NULL, 0);
    normalize_ok(unknown_driver, ARRAY_LEN(unknown_driver), "a.c", "/", want_x, 1);
    normalize_ok(wrapper_path, ARRAY_LEN(wrapper_path), NULL, NULL, want_x, 1);
    normalize_ok(flags_only, ARRAY_LEN(flags_only), NULL, NULL, want_flags, 2);
    normalize_ok(NULL, 0, NULL, NULL, NULL, 0);
}

static void test_args_normalize_option_value_at_end(void **state)
{
    /* a kept option missing its value stays (clang reports it); a dropped one goes */
    static const char *const keep[] = { "cc", "-DX", "-I" };
    static const char *const drop[] = { "cc", "-DX", "-o" };
    static const char *const want_keep[] = { "-DX", "-I" };
    static const char *const want_drop[] = { "-DX" };
    (void)state;
    normalize_ok(keep, ARRAY_LEN(keep), NULL, NULL, want_keep, 2);
    normalize_ok(drop, ARRAY_LEN(drop), NULL, NULL, want_drop, 1);
}

static void test_args_normalize_appends(void **state)
{
    static const char *const argv[] = { "cc", "-DX", "a.c" };
    static const char *const want[] = { "-fsyntax-only", "-DX" };
    struct ecg_strvec v;
    (void)state;

    ecg_strvec_init(&v);
    assert_int_equal(ecg_strvec_push(&v, "-fsyntax-only"), 0);
    assert_int_equal(ecg_args_normalize(&v, argv, ARRAY_LEN(argv), "a.c", "/"), 0);
    assert_words(&v, want, ARRAY_LEN(want));
    ecg_strvec_fini(&v);
}

/* The point of the gcc-only table: a kernel-style gcc command, once normalised, parses in
 * libclang 14 without a single error diagnostic (and with -Werror gone, no warning fails). */
static void test_args_normalize_result_parses_in_libclang(void **state)
{
    /* clang-format off */
    static const char *const argv[] = {
        "gcc", "-Wp,-MMD,/tmp/ecg-test-args-never-written.d", "-nostdinc", "-D__KERNEL__",
        "-fno-tree-vrp", "-fconserve-stack", "-fno-ipa-sra", "-fno-allow-store-data-races",
        "-fno-var-tracking-assignments", "-mindirect-branch=thunk-extern",
        "-mindirect-branch-register", "-mfunction-return=thunk-extern", "-mrecord-mcount",
        "-fno-partial-inlining", "-mpreferred-stack-boundary=3", "-fzero-call-used-regs=used-gpr",
        "-flive-patching=inline-clone", "-fmin-function-alignment=16", "-fstrict-flex-arrays=3",
        "-fno-ipa-icf", "-fsched-pressure", "-flto=4", "-fanalyzer", "-Werror",
        "-Wno-format-truncation", "-Wimplicit-fallthrough=5", "-gstatement-frontiers",
        "-fdiagnostics-format=json", "-O2", "-c", "-o", "k.o", "k.c"
    };
    /* clang-format on */
    static const char source[] = "int main(void) { return 0; }\n";
    struct CXUnsavedFile unsaved = { "/tmp/ecg-test-args/k.c", source, sizeof(source) - 1 };
    struct ecg_strvec flags;
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    (void)state;

    ecg_strvec_init(&flags);
    assert_int_equal(ecg_args_normalize(&flags, argv, ARRAY_LEN(argv), "k.c", "/tmp/ecg-test-args"),
                     0);
    assert_int_equal(clang_parseTranslationUnit2(index, unsaved.Filename,
                                                 (const char *const *)flags.items, (int)flags.len,
                                                 &unsaved, 1, CXTranslationUnit_None, &tu),
                     CXError_Success);
    for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        CXString text = clang_formatDiagnostic(d, 0);
        int severity = (int)clang_getDiagnosticSeverity(d);
        char message[512];
        snprintf(message, sizeof(message), "%s", clang_getCString(text));
        clang_disposeString(text);
        clang_disposeDiagnostic(d);
        if (severity >= CXDiagnostic_Error)
            fail_msg("libclang rejected the normalised flags: %s", message);
    }
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    ecg_strvec_fini(&flags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args_split_blanks_separate_words),
        cmocka_unit_test(test_args_split_empty_command_has_no_words),
        cmocka_unit_test(test_args_split_single_quotes_are_literal),
        cmocka_unit_test(test_args_split_double_quotes_escape_only_specials),
        cmocka_unit_test(test_args_split_cmake_escaped_define),
        cmocka_unit_test(test_args_split_quotes_join_adjacent_text),
        cmocka_unit_test(test_args_split_empty_quotes_make_empty_word),
        cmocka_unit_test(test_args_split_backslash_outside_quotes),
        cmocka_unit_test(test_args_split_line_continuation_in_double_quotes),
        cmocka_unit_test(test_args_split_unterminated_single_quote),
        cmocka_unit_test(test_args_split_unterminated_double_quote_on_second_line),
        cmocka_unit_test(test_args_split_appends_and_leaves_out_unchanged_on_error),
        cmocka_unit_test(test_args_is_compiler_known_drivers),
        cmocka_unit_test(test_args_is_compiler_rejects_flags_files_and_tools),
        cmocka_unit_test(test_args_normalize_cmake_command),
        cmocka_unit_test(test_args_normalize_ccache_bear_arguments),
        cmocka_unit_test(test_args_normalize_source_matched_after_normalisation),
        cmocka_unit_test(test_args_normalize_drops_other_inputs_keeps_values),
        cmocka_unit_test(test_args_normalize_without_source_uses_extensions),
        cmocka_unit_test(test_args_normalize_drops_linker_flags),
        cmocka_unit_test(test_args_normalize_drops_gcc_only_flags),
        cmocka_unit_test(test_args_normalize_filters_wp_dependency_items),
        cmocka_unit_test(test_args_normalize_keeps_driver_mode_and_order),
        cmocka_unit_test(test_args_normalize_driver_words),
        cmocka_unit_test(test_args_normalize_option_value_at_end),
        cmocka_unit_test(test_args_normalize_appends),
        cmocka_unit_test(test_args_normalize_result_parses_in_libclang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
