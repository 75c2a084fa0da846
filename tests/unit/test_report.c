/* Unit tests for the text and GitHub writers: clang's exact diagnostic lines, carets under
 * tabs, UTF-8 and control characters, long-line windows, notes, fix-its, the
 * -warnings-as-errors form, colour escapes, the summary and workflow-command escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/report.h"
#include "analyzer/result.h"
#include "tests/support/testkit.h"

#define BF "security-banned-function"

struct fixture {
    char dir[4096];
    struct ecg_result result;
    char *out; /* last captured output */
    size_t size;
};

static int teardown(void **state)
{
    struct fixture *fx = *state;

    ecg_result_fini(&fx->result);
    free(fx->out);
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
    if (testkit_tmpdir(fx->dir, sizeof(fx->dir), "report") != 0 ||
        testkit_result_init(&fx->result, fx->dir, 1) != 0) {
        teardown(state);
        return -1;
    }
    return 0;
}

/* Appends a finding of rule_id at r (copied) to the result; returns it. */
static struct ecg_finding *add_finding(struct fixture *fx, const char *rule_id,
                                       enum ecg_level level, struct ecg_range r,
                                       const char *message)
{
    return testkit_add_finding(&fx->result, rule_id, level, &r, message);
}

enum writer { WRITE_TEXT, WRITE_GITHUB, WRITE_SUMMARY };

/* Runs a writer into memory; the output is in fx->out (NUL-terminated). */
static int capture(struct fixture *fx, enum writer which, const struct ecg_report_style *style)
{
    FILE *f;
    int rc = 0;

    free(fx->out);
    fx->out = NULL;
    f = open_memstream(&fx->out, &fx->size);
    assert_non_null(f);
    if (which == WRITE_TEXT)
        rc = ecg_report_text(f, &fx->result, style);
    else if (which == WRITE_GITHUB)
        rc = ecg_report_github(f, &fx->result);
    else
        ecg_report_summary(f, &fx->result);
    assert_int_equal(fclose(f), 0);
    return rc;
}

static void capture_text(struct fixture *fx, int color, int show_suppressed)
{
    struct ecg_report_style style = { color, show_suppressed, fx->dir };

    assert_int_equal(capture(fx, WRITE_TEXT, &style), 0);
}

static void test_report_text_clang_format(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "void f(char *dst, const char *src)\n{\n    strcpy(dst, src);\n}\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 3, 5, 3, 21),
                "'strcpy' cannot bound its output; use 'strlcpy' or 'snprintf'");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:3:5: warning: 'strcpy' cannot bound its output; use "
                                 "'strlcpy' or 'snprintf' [security-banned-function]\n"
                                 "    strcpy(dst, src);\n"
                                 "    ^~~~~~~~~~~~~~~~\n");
}

static void test_report_text_path_outside_cwd_is_absolute(void **state)
{
    struct fixture *fx = *state;
    struct ecg_report_style style = { 0, 0, "/nonexistent-cwd" };
    char path[4200];
    char want[4400];
    char prefix[4096];

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "int x;\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 5, 1, 6), "m");
    assert_int_equal(capture(fx, WRITE_TEXT, &style), 0);
    snprintf(want, sizeof(want), "%s:1:5: warning: m [" BF "]\nint x;\n    ^\n", path);
    assert_string_equal(fx->out, want);
    /* A cwd that is only a string prefix of the directory is not a parent. */
    snprintf(prefix, sizeof(prefix), "%s", fx->dir);
    prefix[strlen(prefix) - 1] = '\0';
    style.cwd = prefix;
    assert_int_equal(capture(fx, WRITE_TEXT, &style), 0);
    assert_string_equal(fx->out, want);
}

static void test_report_text_tabs_expand_to_stop_8(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "\tx =\tstrcpy(a, b);\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 6, 1, 12), "m");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:6: warning: m [" BF "]\n"
                                 "        x =     strcpy(a, b);\n"
                                 "                ^~~~~~\n");
}

static void test_report_text_utf8_counts_one_column(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    /* "é" and "€" are 2 and 3 bytes: strcpy starts at byte column 14, display column 11. */
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "s = \"\xc3\xa9\xe2\x82\xac\"; strcpy(d, s);\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 14, 1, 20), "m");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:14: warning: m [" BF "]\n"
                                 "s = \"\xc3\xa9\xe2\x82\xac\"; strcpy(d, s);\n"
                                 "          ^~~~~~\n");
}

static void test_report_text_control_and_invalid_bytes_escaped(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    /* clang prints ESC as <U+001B> (8 columns) and a stray 0xff as <FF> (4 columns). */
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "\"\x1b\xff\" x;\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 2, 1, 4), "m");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 6, 1, 7), "n");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:2: warning: m [" BF "]\n"
                                 "\"<U+001B><FF>\" x;\n"
                                 " ^~~~~~~~~~~~\n"
                                 "f0.c:1:6: warning: n [" BF "]\n"
                                 "\"<U+001B><FF>\" x;\n"
                                 "               ^\n");
}

static void test_report_text_multiline_range_underlines_first_line(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "x = f(a,\n      b);\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 5, 2, 9), "m");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:5: warning: m [" BF "]\n"
                                 "x = f(a,\n"
                                 "    ^~~~\n");
}

static void test_report_text_caret_past_end_of_line(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "int x\n");
    add_finding(fx, BF, ECG_LEVEL_ERROR, testkit_range(path, 1, 6, 1, 6), "expected ';'");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:6: error: expected ';' [" BF "]\n"
                                 "int x\n"
                                 "     ^\n");
}

static void test_report_text_warnings_as_errors(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    f->fails_gate = 1;
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:1: error: m [" BF ",-warnings-as-errors]\n"
                                 "gets(b);\n"
                                 "^~~~\n");
}

static void test_report_text_notes_and_flow_steps(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_range r;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "char dst[4];\nvoid g(void)\n{\n    strcpy(dst, s);\n}\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 4, 5, 4, 19), "m");
    r = testkit_range(path, 1, 6, 1, 9);
    assert_int_equal(ecg_finding_add_note(&f->related, &f->n_related, &r, "'dst' declared here"),
                     0);
    r = testkit_range(path, 4, 12, 4, 15);
    assert_int_equal(ecg_finding_add_note(&f->flow, &f->n_flow, &r, "copied into 'dst'"), 0);
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:4:5: warning: m [" BF "]\n"
                                 "    strcpy(dst, s);\n"
                                 "    ^~~~~~~~~~~~~~\n"
                                 "f0.c:1:6: note: 'dst' declared here\n"
                                 "char dst[4];\n"
                                 "     ^~~\n"
                                 "f0.c:4:12: note: step 1: copied into 'dst'\n"
                                 "    strcpy(dst, s);\n"
                                 "           ^~~\n");
}

static void test_report_text_fixit_line(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_range r;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "\tgets(b);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 2, 1, 9), "m");
    r = testkit_range(path, 1, 2, 1, 6);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:2: warning: m [" BF "]\n"
                                 "        gets(b);\n"
                                 "        ^~~~~~~\n"
                                 "        fgets\n");
}

static void test_report_text_fix_with_several_edits_is_a_note(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_range r;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\nx;\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 8), "m");
    r = testkit_range(path, 1, 1, 1, 5);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    r = testkit_range(path, 2, 1, 2, 1);
    assert_int_equal(ecg_finding_add_edit(f, &r, "y"), 0);
    f->fix_description = strdup("use fgets");
    assert_non_null(f->fix_description);
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "f0.c:1:1: warning: m [" BF "]\n"
                                 "gets(b);\n"
                                 "^~~~~~~\n"
                                 "f0.c:1:1: note: fix available: use fgets\n"
                                 "gets(b);\n"
                                 "^~~~\n");
}

static void test_report_text_multiline_replacement_is_a_note(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_range r;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    r = testkit_range(path, 1, 1, 1, 5);
    assert_int_equal(ecg_finding_add_edit(f, &r, "a\nb"), 0);
    capture_text(fx, 0, 0);
    assert_non_null(strstr(fx->out, "f0.c:1:1: note: fix available\ngets(b);\n^~~~\n"));
    assert_null(strstr(fx->out, "a\nb"));
}

static void test_report_text_colors_match_clang(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_range r;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    r = testkit_range(path, 1, 6, 1, 7);
    assert_int_equal(ecg_finding_add_note(&f->related, &f->n_related, &r, "here"), 0);
    r = testkit_range(path, 1, 1, 1, 5);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    capture_text(fx, 1, 0);
    assert_string_equal(fx->out, "\033[1mf0.c:1:1: \033[0m\033[0;1;35mwarning: \033[0m\033[1mm [" BF
                                 "]\033[0m\n"
                                 "gets(b);\n"
                                 "\033[0;1;32m^~~~\n\033[0m"
                                 "\033[0;32mfgets\n\033[0m"
                                 "\033[1mf0.c:1:6: \033[0m\033[0;1;30mnote: \033[0mhere\033[0m\n"
                                 "gets(b);\n"
                                 "\033[0;1;32m     ^\n\033[0m");
    f->fails_gate = 1;
    capture_text(fx, 1, 0);
    assert_non_null(strstr(fx->out, "\033[0;1;31merror: \033[0m\033[1mm [" BF
                                    ",-warnings-as-errors]\033[0m\n"));
    capture_text(fx, 0, 0);
    assert_null(strchr(fx->out, '\033'));
}

static void test_report_text_suppressed_skipped_unless_asked(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b); // NOLINT\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    f->suppressed = 1;
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "");
    capture_text(fx, 0, 1);
    assert_string_equal(fx->out, "f0.c:1:1: note: suppressed warning: m [" BF "]\n"
                                 "gets(b); // NOLINT\n"
                                 "^~~~\n");
}

static void test_report_text_unreadable_source_prints_header_only(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    snprintf(path, sizeof(path), "%s/missing.c", fx->dir);
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 7, 3, 7, 9), "m");
    capture_text(fx, 0, 0);
    assert_string_equal(fx->out, "missing.c:7:3: warning: m [" BF "]\n");
}

static void test_report_text_long_line_prints_a_window(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    char *text = malloc(6002);
    char *nl;
    char *caret;

    assert_non_null(text);
    memset(text, 'a', 6000);
    memcpy(text + 4999, "strcpy", 6);
    text[6000] = '\n';
    text[6001] = '\0';
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", text);
    free(text);
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 5000, 1, 5006), "m");
    capture_text(fx, 0, 0);
    nl = strchr(fx->out, '\n');
    assert_non_null(nl);
    assert_memory_equal(nl + 1, "...", 3);
    caret = strchr(nl + 1, '^');
    assert_non_null(caret);
    /* The caret sits under the 's' of strcpy, with one '~' per remaining letter. */
    {
        size_t col = (size_t)(caret - strchr(nl + 1, '\n') - 1);
        assert_memory_equal(nl + 1 + col, "strcpy", 6);
        assert_memory_equal(caret, "^~~~~~\n", 7);
    }
    assert_true(strlen(nl + 1) < 800);
    assert_non_null(strstr(nl + 1, "aaa...\n"));
}

static void test_report_text_eio_on_write_failure(void **state)
{
    struct fixture *fx = *state;
    struct ecg_report_style style = { 0, 0, NULL };
    char path[4200];
    FILE *full = fopen("/dev/full", "w");

    if (full == NULL)
        skip();
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    assert_int_equal(ecg_report_text(full, &fx->result, &style), ECG_EIO);
    clearerr(full);
    assert_int_equal(ecg_report_github(full, &fx->result), ECG_EIO);
    fclose(full);
}

static void test_report_summary_counts(void **state)
{
    struct fixture *fx = *state;
    struct ecg_finding *f;

    assert_int_equal(capture(fx, WRITE_SUMMARY, NULL), 0);
    assert_string_equal(fx->out, "");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2), "m");
    capture(fx, WRITE_SUMMARY, NULL);
    assert_string_equal(fx->out, "1 warning generated.\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 2, 1, 2, 2), "m");
    capture(fx, WRITE_SUMMARY, NULL);
    assert_string_equal(fx->out, "2 warnings generated.\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 3, 1, 3, 2), "m");
    f->fails_gate = 1;
    capture(fx, WRITE_SUMMARY, NULL);
    assert_string_equal(fx->out, "2 warnings and 1 error generated.\n");
    add_finding(fx, BF, ECG_LEVEL_ERROR, testkit_range("/x.c", 4, 1, 4, 2), "m");
    add_finding(fx, BF, ECG_LEVEL_NOTE, testkit_range("/x.c", 5, 1, 5, 2), "m");
    capture(fx, WRITE_SUMMARY, NULL);
    assert_string_equal(fx->out, "2 warnings and 2 errors generated.\n");
}

static void test_report_summary_suppressed_and_failed_units(void **state)
{
    struct fixture *fx = *state;
    struct ecg_finding *f;

    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2), "m");
    f->suppressed = 1;
    capture(fx, WRITE_SUMMARY, NULL);
    assert_string_equal(fx->out, "Suppressed 1 warnings (1 NOLINT).\n");
    f = add_finding(fx, BF, ECG_LEVEL_ERROR, testkit_range("/x.c", 2, 1, 2, 2), "m");
    fx->result.units_total = 3;
    fx->result.units_failed = 1;
    capture(fx, WRITE_SUMMARY, NULL);
    assert_string_equal(fx->out, "1 error generated.\n"
                                 "Suppressed 1 warnings (1 NOLINT).\n"
                                 "ecg: 1 of 3 translation units could not be analyzed\n");
}

static void test_report_github_commands(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;

    snprintf(path, sizeof(path), "%s/src/a.c", fx->dir);
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 12, 5, 12, 21), "use 'strlcpy'");
    f = add_finding(fx, "x-gate", ECG_LEVEL_WARNING, testkit_range(path, 13, 1, 13, 2), "g");
    f->fails_gate = 1;
    add_finding(fx, "x-err", ECG_LEVEL_ERROR, testkit_range(path, 14, 1, 14, 2), "e");
    add_finding(fx, "x-note", ECG_LEVEL_NOTE, testkit_range(path, 15, 1, 15, 2), "n");
    add_finding(fx, "x-multi", ECG_LEVEL_WARNING, testkit_range(path, 16, 3, 18, 2), "ml");
    f = add_finding(fx, "x-supp", ECG_LEVEL_WARNING, testkit_range(path, 19, 1, 19, 2), "s");
    f->suppressed = 1;
    add_finding(fx, "x-out", ECG_LEVEL_WARNING, testkit_range("/elsewhere/b.c", 1, 1, 1, 2), "o");
    assert_int_equal(capture(fx, WRITE_GITHUB, NULL), 0);
    assert_string_equal(
        fx->out, "::warning file=src/a.c,line=12,col=5,endLine=12,endColumn=21,"
                 "title=" BF "::use 'strlcpy'\n"
                 "::error file=src/a.c,line=13,col=1,endLine=13,endColumn=2,title=x-gate::g\n"
                 "::error file=src/a.c,line=14,col=1,endLine=14,endColumn=2,title=x-err::e\n"
                 "::notice file=src/a.c,line=15,col=1,endLine=15,endColumn=2,title=x-note::n\n"
                 "::warning file=src/a.c,line=16,endLine=18,title=x-multi::ml\n"
                 "::warning file=/elsewhere/b.c,line=1,col=1,endLine=1,endColumn=2,"
                 "title=x-out::o\n");
}

static void test_report_github_escaping(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    snprintf(path, sizeof(path), "%s/a,b:c%%.c", fx->dir);
    add_finding(fx, "x-y", ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 2),
                "100% sure:\r\nnot, really::warning x");
    assert_int_equal(capture(fx, WRITE_GITHUB, NULL), 0);
    assert_string_equal(fx->out, "::warning file=a%2Cb%3Ac%25.c,line=1,col=1,endLine=1,"
                                 "endColumn=2,title=x-y::100%25 sure:%0D%0Anot, "
                                 "really::warning x\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_report_text_clang_format, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_path_outside_cwd_is_absolute, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_text_tabs_expand_to_stop_8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_utf8_counts_one_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_control_and_invalid_bytes_escaped, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_text_multiline_range_underlines_first_line,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_caret_past_end_of_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_warnings_as_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_notes_and_flow_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_fixit_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_fix_with_several_edits_is_a_note, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_text_multiline_replacement_is_a_note, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_text_colors_match_clang, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_suppressed_skipped_unless_asked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_text_unreadable_source_prints_header_only,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_long_line_prints_a_window, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_text_eio_on_write_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_summary_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_summary_suppressed_and_failed_units, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_github_commands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_github_escaping, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
