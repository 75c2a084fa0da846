/* Unit tests for analyzer/compdb.c: loading CMake- and bear-style compile_commands.json,
 * relative directories and files, and exact positions of malformed entries. Files live in
 * a fresh scratch directory from testkit_tmpdir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer/compdb.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/strvec.h"
#include "tests/support/testkit.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct fixture {
    char dir[1024];  /* the scratch directory, removed with its contents in teardown */
    char last[2048]; /* the file write_file wrote last */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if (f == NULL)
        return -1;
    if (testkit_tmpdir(f->dir, sizeof(f->dir), "compdb") != 0) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    testkit_remove_tree(f->dir);
    free(f);
    return 0;
}

/* Returns fixture-dir/rel in buf. */
static const char *in_dir(char *buf, size_t size, const struct fixture *f, const char *rel)
{
    return testkit_path(buf, size, "%s/%s", f->dir, rel);
}

static void make_subdir(struct fixture *f, const char *rel)
{
    char path[2048];

    assert_int_equal(mkdir(in_dir(path, sizeof(path), f, rel), 0755), 0);
}

/* Writes text to fixture-dir/rel; returns the full path (valid until the next write). */
static const char *write_file(struct fixture *f, const char *rel, const char *text)
{
    return testkit_write_in(f->last, sizeof(f->last), f->dir, rel, text);
}

static struct ecg_compdb *load_ok(const char *path)
{
    struct ecg_compdb *db = NULL;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    if (ecg_compdb_load_file(&db, path, &diag) != 0)
        fail_msg("%s:%u:%u: %s", diag.path, diag.line, diag.col, diag.message);
    assert_non_null(db);
    return db;
}

/* Loads text as compile_commands.json and expects ECG_EPARSE at line:col with a message
 * containing needle. */
static void expect_parse_error(struct fixture *f, const char *text, unsigned line, unsigned col,
                               const char *needle)
{
    const char *path = write_file(f, "compile_commands.json", text);
    struct ecg_compdb *db = NULL;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    assert_int_equal(ecg_compdb_load_file(&db, path, &diag), ECG_EPARSE);
    assert_null(db);
    assert_string_equal(diag.path, path);
    if (diag.line != line || diag.col != col || strstr(diag.message, needle) == NULL)
        fail_msg("got %u:%u '%s', want %u:%u '%s'", diag.line, diag.col, diag.message, line, col,
                 needle);
}

static void assert_argv(const struct ecg_strvec *argv, const char *const *want, size_t n)
{
    assert_int_equal(argv->len, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(argv->items[i], want[i]);
    assert_null(argv->items[n]);
}

/* ---- loading ---------------------------------------------------------------------------- */

static void test_compdb_load_cmake_command_entries(void **state)
{
    /* as CMake writes it: "command" with shell-escaped quotes, -o, -c, absolute file */
    static const char text[] =
        "[\n"
        "{\n"
        "  \"directory\": \"/work/build\",\n"
        "  \"command\": \"/usr/bin/cc -DFOO=\\\\\\\"bar\\\\\\\" -I/work/include -O2 -o "
        "CMakeFiles/app.dir/src/main.c.o -c /work/src/main.c\",\n"
        "  \"file\": \"/work/src/main.c\",\n"
        "  \"output\": \"CMakeFiles/app.dir/src/main.c.o\"\n"
        "},\n"
        "{\n"
        "  \"directory\": \"/work/build/lib\",\n"
        "  \"command\": \"/usr/bin/cc  -DNAME=\\\"quoted name\\\" -c /work/lib/x.c\",\n"
        "  \"file\": \"/work/lib/x.c\"\n"
        "}\n"
        "]\n";
    static const char *const want0[] = { "/usr/bin/cc",
                                         "-DFOO=\"bar\"",
                                         "-I/work/include",
                                         "-O2",
                                         "-o",
                                         "CMakeFiles/app.dir/src/main.c.o",
                                         "-c",
                                         "/work/src/main.c" };
    static const char *const want1[] = { "/usr/bin/cc", "-DNAME=quoted name", "-c",
                                         "/work/lib/x.c" };
    struct fixture *f = *state;
    const char *path = write_file(f, "compile_commands.json", text);
    struct ecg_compdb *db = load_ok(path);

    assert_string_equal(db->path, path);
    assert_int_equal(db->n_commands, 2);
    assert_string_equal(db->commands[0].directory, "/work/build");
    assert_string_equal(db->commands[0].file, "/work/src/main.c");
    assert_argv(&db->commands[0].argv, want0, ARRAY_LEN(want0));
    assert_string_equal(db->commands[1].directory, "/work/build/lib");
    assert_string_equal(db->commands[1].file, "/work/lib/x.c");
    assert_argv(&db->commands[1].argv, want1, ARRAY_LEN(want1));
    ecg_compdb_free(db);
}

static void test_compdb_load_bear_arguments_entries(void **state)
{
    /* as bear writes it: "arguments", a relative file, a ccache prefix, -MD -MF */
    static const char text[] =
        "[\n"
        "  {\n"
        "    \"arguments\": [\"/usr/bin/ccache\", \"gcc\", \"-c\", \"-MD\", \"-MF\", "
        "\"obj/util.d\", \"-DVERSION=\\\"1.2\\\"\", \"-o\", \"obj/util.o\", \"src/util.c\"],\n"
        "    \"directory\": \"/proj\",\n"
        "    \"file\": \"src/../src/./util.c\",\n"
        "    \"output\": \"/proj/obj/util.o\"\n"
        "  }\n"
        "]\n";
    static const char *const want[] = {
        "/usr/bin/ccache",   "gcc", "-c",         "-MD",       "-MF", "obj/util.d",
        "-DVERSION=\"1.2\"", "-o",  "obj/util.o", "src/util.c"
    };
    struct fixture *f = *state;
    struct ecg_compdb *db = load_ok(write_file(f, "compile_commands.json", text));

    assert_int_equal(db->n_commands, 1);
    assert_string_equal(db->commands[0].directory, "/proj");
    assert_string_equal(db->commands[0].file, "/proj/src/util.c");
    assert_argv(&db->commands[0].argv, want, ARRAY_LEN(want));
    ecg_compdb_free(db);
}

static void test_compdb_relative_directory_is_relative_to_json_file(void **state)
{
    static const char text[] =
        "[{\"directory\": \"../obj/./x/\", \"file\": \"a.c\", \"arguments\": [\"cc\"]},\n"
        " {\"directory\": \".\", \"file\": \"../src/b.c\", \"command\": \"cc -c ../src/b.c\"},\n"
        " {\"directory\": \"\", \"file\": \"/abs/c.c\", \"command\": \"cc\"}]\n";
    struct fixture *f = *state;
    char want[2048];
    struct ecg_compdb *db;

    make_subdir(f, "build");
    db = load_ok(write_file(f, "build/compile_commands.json", text));
    assert_int_equal(db->n_commands, 3);
    assert_string_equal(db->commands[0].directory, in_dir(want, sizeof(want), f, "obj/x"));
    assert_string_equal(db->commands[0].file, in_dir(want, sizeof(want), f, "obj/x/a.c"));
    assert_string_equal(db->commands[1].directory, in_dir(want, sizeof(want), f, "build"));
    assert_string_equal(db->commands[1].file, in_dir(want, sizeof(want), f, "src/b.c"));
    assert_string_equal(db->commands[2].directory, in_dir(want, sizeof(want), f, "build"));
    assert_string_equal(db->commands[2].file, "/abs/c.c");
    ecg_compdb_free(db);
}

static void test_compdb_load_from_build_directory(void **state)
{
    static const char text[] = "[{\"directory\": \"/d\", \"file\": \"f.c\", \"command\": \"cc\"}]";
    struct fixture *f = *state;
    char build[2048];
    char slashed[2048];
    struct ecg_compdb *db = NULL;
    struct ecg_diag diag;

    make_subdir(f, "build");
    write_file(f, "build/compile_commands.json", text);
    in_dir(build, sizeof(build), f, "build");
    assert_int_equal(ecg_compdb_load(&db, build, &diag), 0);
    assert_int_equal(db->n_commands, 1);
    assert_string_equal(db->commands[0].file, "/d/f.c");
    assert_non_null(strstr(db->path, "/build/compile_commands.json"));
    ecg_compdb_free(db);
    db = NULL;
    in_dir(slashed, sizeof(slashed), f, "build//");
    assert_int_equal(ecg_compdb_load(&db, slashed, &diag), 0);
    assert_string_equal(db->path, in_dir(build, sizeof(build), f, "build/compile_commands.json"));
    ecg_compdb_free(db);
}

static void test_compdb_relative_json_path_uses_working_directory(void **state)
{
    static const char text[] = "[{\"directory\": \"sub\", \"file\": \"f.c\", \"command\": \"cc\"}]";
    struct fixture *f = *state;
    char saved[4096];
    char want[2048];
    struct ecg_compdb *db = NULL;
    struct ecg_diag diag;
    int rc;

    make_subdir(f, "b");
    make_subdir(f, "x");
    write_file(f, "b/compile_commands.json", text);
    assert_non_null(getcwd(saved, sizeof(saved)));
    assert_int_equal(chdir(f->dir), 0);
    rc = ecg_compdb_load(&db, "./x/../b", &diag);
    assert_int_equal(chdir(saved), 0);
    assert_int_equal(rc, 0);
    assert_string_equal(db->commands[0].directory, in_dir(want, sizeof(want), f, "b/sub"));
    assert_string_equal(db->commands[0].file, in_dir(want, sizeof(want), f, "b/sub/f.c"));
    ecg_compdb_free(db);
}

static void test_compdb_missing_file_is_eio(void **state)
{
    struct fixture *f = *state;
    char nowhere[2048];
    char missing[2048];
    struct ecg_compdb *db = NULL;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    in_dir(nowhere, sizeof(nowhere), f, "nowhere");
    assert_int_equal(ecg_compdb_load(&db, nowhere, &diag), ECG_EIO);
    assert_null(db);
    assert_non_null(strstr(diag.message, "no compile_commands.json in '"));
    assert_non_null(strstr(diag.message, nowhere));
    assert_non_null(strstr(diag.message, "cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON or bear"));

    /* the directory exists but holds no database */
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_compdb_load(&db, f->dir, &diag), ECG_EIO);
    assert_non_null(strstr(diag.message, "no compile_commands.json in '"));

    ecg_diag_clear(&diag);
    in_dir(missing, sizeof(missing), f, "missing.json");
    assert_int_equal(ecg_compdb_load_file(&db, missing, &diag), ECG_EIO);
    assert_string_equal(diag.path, missing);
    assert_null(db);
}

static void test_compdb_empty_array_has_no_commands(void **state)
{
    struct fixture *f = *state;
    struct ecg_compdb *db = load_ok(write_file(f, "compile_commands.json", " \n[\n  ]\n"));

    assert_int_equal(db->n_commands, 0);
    assert_null(db->commands);
    ecg_compdb_free(db);
    ecg_compdb_free(NULL);
}

static void test_compdb_arguments_preferred_over_command(void **state)
{
    static const char text[] = "[{\"directory\": \"/d\", \"file\": \"f.c\", "
                               "\"command\": \"ignored 'unterminated\", "
                               "\"arguments\": [\"clang\", \"-c\", \"f.c\"]}]";
    static const char *const want[] = { "clang", "-c", "f.c" };
    struct fixture *f = *state;
    struct ecg_compdb *db = load_ok(write_file(f, "compile_commands.json", text));

    assert_argv(&db->commands[0].argv, want, ARRAY_LEN(want));
    ecg_compdb_free(db);
}

static void test_compdb_bom_and_crlf(void **state)
{
    static const char text[] = "\xEF\xBB\xBF[\r\n  {\"directory\": \"/a\", \"file\": \"x.c\",\r\n"
                               "   \"arguments\": [\"cc\"]}\r\n]\r\n";
    struct fixture *f = *state;
    struct ecg_compdb *db = load_ok(write_file(f, "compile_commands.json", text));

    assert_int_equal(db->n_commands, 1);
    ecg_compdb_free(db);
    /* positions count the BOM's three bytes on line 1 */
    expect_parse_error(f, "\xEF\xBB\xBF  {}", 1, 6, "array");
    expect_parse_error(f, "\xEF\xBB\xBF[\r\n  {\"directory\": \"/a\"}\r\n]", 2, 3,
                       "missing \"file\"");
}

/* ---- errors with positions ------------------------------------------------------------------ */

static void test_compdb_malformed_json_reports_position(void **state)
{
    expect_parse_error(
        *state, "[\n  {\"directory\": \"/a\", \"file\": \"a.c\" \"command\": \"cc a.c\"}\n]\n", 2,
        37, "invalid JSON");
    expect_parse_error(*state, "[\n {\"directory\": \"/a\",\n  \"arguments\": [\"cc\", \"a.c\",]}]",
                       3, 29, "invalid JSON");
}

static void test_compdb_entry_missing_file(void **state)
{
    static const char text[] =
        "[\n"
        "  {\"directory\": \"/a\", \"file\": \"a.c\", \"command\": \"cc\"},\n"
        "  {\n"
        "    \"directory\": \"/a\",\n"
        "    \"command\": \"cc -c b.c\"\n"
        "  }\n"
        "]\n";
    expect_parse_error(*state, text, 3, 3, "entry 2: missing \"file\"");
}

static void test_compdb_entry_missing_directory_and_command(void **state)
{
    expect_parse_error(*state, "[{\"file\": \"a.c\", \"command\": \"cc\"}]", 1, 2,
                       "entry 1: missing \"directory\"");
    expect_parse_error(*state,
                       "[\n\t{\"directory\": \"/a\", \"file\": \"a.c\", \"output\": \"a.o\"}]", 2,
                       2, "needs \"arguments\"");
}

static void test_compdb_arguments_not_an_array(void **state)
{
    static const char text[] = "[\n"
                               "  {\"directory\": \"/a\",\n"
                               "   \"file\": \"a.c\",\n"
                               "   \"arguments\":  \"cc -c a.c\"}\n"
                               "]\n";
    expect_parse_error(*state, text, 4, 18, "\"arguments\" must be an array");
}

static void test_compdb_argument_not_a_string(void **state)
{
    static const char text[] = "[{\"directory\": \"/a\", \"file\": \"a.c\",\n"
                               "  \"arguments\": [\"cc\", \"-c\",\n"
                               "                 42, \"a.c\"]}]";
    expect_parse_error(*state, text, 3, 18, "\"arguments\"[2] must be a string");
}

static void test_compdb_top_level_not_an_array(void **state)
{
    expect_parse_error(*state, "\n\n   {\"directory\": \"/a\", \"file\": \"a.c\"}\n", 3, 4,
                       "expected an array of compile commands");
    expect_parse_error(*state, "\"compile_commands\"", 1, 1, "expected an array");
}

static void test_compdb_wrong_types_point_at_value(void **state)
{
    expect_parse_error(*state, "[{\"directory\": 7, \"file\": \"a.c\", \"command\": \"cc\"}]", 1,
                       16, "\"directory\" must be a string");
    expect_parse_error(*state,
                       "[{\"directory\": \"/a\", \"file\": [\"a.c\"], \"command\": \"cc\"}]", 1, 30,
                       "\"file\" must be a string");
    expect_parse_error(*state,
                       "[{\"directory\": \"/a\", \"file\": \"a.c\", \"command\": [\"cc\"], "
                       "\"arguments\": [\"cc\"]}]",
                       1, 48, "\"command\" must be a string");
    expect_parse_error(*state,
                       "[{\"directory\": \"/a\", \"file\": \"a.c\", \"arguments\": [\"cc\"], "
                       "\"output\": null}]",
                       1, 68, "\"output\" must be a string");
}

static void test_compdb_entry_not_an_object(void **state)
{
    expect_parse_error(*state,
                       "[{\"directory\": \"/a\", \"file\": \"a.c\", \"command\": \"cc\"},\n"
                       "   \"cc -c b.c\"]",
                       2, 4, "entry 2: expected an object");
}

static void test_compdb_empty_values_rejected(void **state)
{
    expect_parse_error(*state, "[{\"directory\": \"/a\", \"file\": \"a.c\", \"arguments\": []}]", 1,
                       50, "\"arguments\" is empty");
    expect_parse_error(*state, "[{\"directory\": \"/a\", \"file\": \"a.c\", \"command\": \" \"}]",
                       1, 48, "\"command\" is empty");
    expect_parse_error(*state, "[{\"directory\": \"/a\", \"file\": \"\", \"command\": \"cc\"}]", 1,
                       30, "\"file\" is empty");
}

static void test_compdb_unterminated_quote_in_command(void **state)
{
    static const char text[] = "[\n"
                               "  {\"directory\": \"/a\", \"file\": \"a.c\",\n"
                               "   \"command\": \"cc -DX='a b -c a.c\"}\n"
                               "]";
    expect_parse_error(*state, text, 3, 15, "unterminated single quote");
    expect_parse_error(*state, text, 3, 15, "column 8 of the command");
}

static void test_compdb_tokenizer_skips_strings_and_nesting(void **state)
{
    /* brackets, braces, commas, escaped quotes and a "file" key inside strings and nested
     * values of entry 1 must not confuse the search for entry 2 and its member */
    static const char text[] =
        "[\n"
        "  {\"directory\": \"/a[0],{1}\", \"file\": \"x\\\"],{\\\"file\\\": 1}.c\",\n"
        "   \"extra\": {\"file\": [1, {\"x\": \"]\"}, [[]], \"\\\\\"]},\n"
        "   \"command\": \"cc \\\"-D[={\\\" x.c\"},\n"
        "  {\"directory\": \"/b\", \"extra\": {\"file\": \"y.c\"}, \"file\": false,\n"
        "   \"command\": \"cc\"}\n"
        "]";
    expect_parse_error(*state, text, 5, 57, "entry 2: \"file\" must be a string");
}

static void test_compdb_escaped_and_duplicate_keys(void **state)
{
    /* cJSON decodes "\u0066ile" to "file"; the position follows the decoded key */
    expect_parse_error(*state,
                       "[{\"directory\": \"/a\", \"\\u0066il\\u0065\": 7, \"command\": \"cc\"}]", 1,
                       40, "\"file\" must be a string");
    /* keys that merely start like "file", or that "file" starts like, are other members */
    expect_parse_error(*state,
                       "[{\"directory\": \"/a\", \"fil\": 1, \"files\": 2, \"file\": 3, "
                       "\"command\": \"cc\"}]",
                       1, 52, "\"file\" must be a string");
    /* with duplicates, cJSON and the position finder both use the first member */
    expect_parse_error(
        *state, "[{\"directory\": \"/a\", \"file\": 5, \"file\": \"a.c\", \"command\": \"cc\"}]", 1,
        30, "\"file\" must be a string");
}

static void test_compdb_duplicate_key_first_wins(void **state)
{
    static const char text[] =
        "[{\"directory\": \"/a\", \"file\": \"a.c\", \"file\": 5, \"command\": \"cc\"}]";
    struct fixture *f = *state;
    struct ecg_compdb *db = load_ok(write_file(f, "compile_commands.json", text));

    assert_string_equal(db->commands[0].file, "/a/a.c");
    ecg_compdb_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_compdb_load_cmake_command_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_load_bear_arguments_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_relative_directory_is_relative_to_json_file,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_load_from_build_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_relative_json_path_uses_working_directory,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_missing_file_is_eio, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_empty_array_has_no_commands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_arguments_preferred_over_command, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_compdb_bom_and_crlf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_malformed_json_reports_position, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_compdb_entry_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_entry_missing_directory_and_command, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_compdb_arguments_not_an_array, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_argument_not_a_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_top_level_not_an_array, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_wrong_types_point_at_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_entry_not_an_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_empty_values_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_unterminated_quote_in_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_tokenizer_skips_strings_and_nesting, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_compdb_escaped_and_duplicate_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compdb_duplicate_key_first_wins, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
