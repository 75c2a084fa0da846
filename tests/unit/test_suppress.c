/* Unit tests for NOLINT suppression comments: every marker form, check lists with globs and
 * blanks, regions (nested, interleaved, unmatched), comment detection and justifications. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/suppress.h"

static struct ecg_nolint *scan(const char *text)
{
    struct ecg_nolint *index = ecg_suppress_scan(text, strlen(text));

    assert_non_null(index);
    return index;
}

static int matches(const struct ecg_nolint *index, unsigned line, const char *rule)
{
    const char *comment = NULL;
    int hit = ecg_suppress_match(index, line, rule, &comment);

    if (hit)
        assert_non_null(comment);
    else
        assert_null(comment); /* untouched when nothing matches */
    return hit;
}

static const char *justification(const struct ecg_nolint *index, unsigned line, const char *rule)
{
    const char *comment = NULL;

    assert_true(ecg_suppress_match(index, line, rule, &comment));
    return comment;
}

static size_t n_problems(const struct ecg_nolint *index)
{
    size_t n = 99;

    ecg_suppress_problems(index, &n);
    return n;
}

static void assert_problem(const struct ecg_nolint *index, size_t i, unsigned line, unsigned col,
                           const char *message)
{
    size_t n = 0;
    const struct ecg_nolint_problem *p = ecg_suppress_problems(index, &n);

    assert_true(i < n);
    assert_int_equal(p[i].line, line);
    assert_int_equal(p[i].col, col);
    assert_string_equal(p[i].message, message);
}

static void test_suppress_nolint_covers_every_rule_on_its_line(void **state)
{
    struct ecg_nolint *index = scan("int a; // NOLINT\nint b;\n");

    (void)state;
    assert_true(matches(index, 1, "security-banned-function"));
    assert_true(matches(index, 1, "anything"));
    assert_false(matches(index, 2, "anything"));
    assert_false(matches(index, 0, "anything"));
    assert_int_equal(n_problems(index), 0);
    ecg_suppress_free(index);
}

static void test_suppress_nolint_list_names_rules(void **state)
{
    struct ecg_nolint *index = scan("x; // NOLINT(security-a,style-b)\n");

    (void)state;
    assert_true(matches(index, 1, "security-a"));
    assert_true(matches(index, 1, "style-b"));
    assert_false(matches(index, 1, "security-ab"));
    assert_false(matches(index, 1, "security-b"));
    ecg_suppress_free(index);
}

static void test_suppress_list_globs_and_blanks(void **state)
{
    struct ecg_nolint *index = scan("x; // NOLINT(  security-* ,\tstyle-*-name , , )\n"
                                    "y; /* NOLINT(*) */\n"
                                    "z; // NOLINT(a*b)\n");

    (void)state;
    assert_true(matches(index, 1, "security-banned-function"));
    assert_true(matches(index, 1, "style-long-name"));
    assert_false(matches(index, 1, "style-long-names"));
    assert_false(matches(index, 1, "bugprone-x"));
    assert_true(matches(index, 2, "bugprone-x"));
    assert_true(matches(index, 3, "ab"));
    assert_true(matches(index, 3, "a-long-b"));
    assert_false(matches(index, 3, "a-long-c"));
    assert_int_equal(n_problems(index), 0);
    ecg_suppress_free(index);
}

static void test_suppress_empty_and_negative_lists_suppress_nothing(void **state)
{
    struct ecg_nolint *index = scan("x; // NOLINT()\n"
                                    "y; // NOLINT( )\n"
                                    "z; // NOLINT(-security-a)\n");

    (void)state;
    assert_false(matches(index, 1, "security-a"));
    assert_false(matches(index, 2, "security-a"));
    assert_false(matches(index, 3, "security-a"));
    assert_false(matches(index, 3, "-security-a"));
    ecg_suppress_free(index);
}

static void test_suppress_nextline_covers_only_the_next_line(void **state)
{
    struct ecg_nolint *index = scan("int a; // NOLINTNEXTLINE(security-a)\n"
                                    "strcpy(a, b);\n"
                                    "strcpy(a, b);\n");

    (void)state;
    assert_false(matches(index, 1, "security-a")); /* not mistaken for NOLINT */
    assert_true(matches(index, 2, "security-a"));
    assert_false(matches(index, 2, "security-b"));
    assert_false(matches(index, 3, "security-a"));
    ecg_suppress_free(index);
}

static void test_suppress_nextline_without_list(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTNEXTLINE\nx;\n");

    (void)state;
    assert_false(matches(index, 1, "r-a"));
    assert_true(matches(index, 2, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_nolint_and_nextline_on_one_line(void **state)
{
    struct ecg_nolint *index = scan("a; // NOLINTNEXTLINE(r-b) NOLINT(r-a)\nb;\n");

    (void)state;
    assert_true(matches(index, 1, "r-a"));
    assert_false(matches(index, 1, "r-b"));
    assert_true(matches(index, 2, "r-b"));
    assert_false(matches(index, 2, "r-a"));
    assert_string_equal(justification(index, 1, "r-a"), "NOLINT(r-a)");
    assert_string_equal(justification(index, 2, "r-b"), "NOLINTNEXTLINE(r-b) NOLINT(r-a)");
    ecg_suppress_free(index);
}

static void test_suppress_unknown_words_are_not_markers(void **state)
{
    struct ecg_nolint *index = scan("a; // NOLINTFOO\n"
                                    "b; // NOLINT_EXTRA\n"
                                    "c; // XNOLINT\n"
                                    "d; // NOLINTNEXT\n"
                                    "e; // nolint\n"
                                    "f; // NOLINTBEGINS NOLINTENDS\n");

    (void)state;
    for (unsigned line = 1; line <= 7; line++)
        assert_false(matches(index, line, "r-a"));
    assert_int_equal(n_problems(index), 0);
    ecg_suppress_free(index);
}

static void test_suppress_region_covers_begin_to_end(void **state)
{
    struct ecg_nolint *index = scan("a;\n"
                                    "// NOLINTBEGIN(r-a): generated code\n"
                                    "b;\n"
                                    "// NOLINTEND(r-a)\n"
                                    "c;\n");

    (void)state;
    assert_false(matches(index, 1, "r-a"));
    assert_true(matches(index, 2, "r-a"));
    assert_true(matches(index, 3, "r-a"));
    assert_true(matches(index, 4, "r-a"));
    assert_false(matches(index, 5, "r-a"));
    assert_false(matches(index, 3, "r-b"));
    assert_string_equal(justification(index, 3, "r-a"), "NOLINTBEGIN(r-a): generated code");
    assert_int_equal(n_problems(index), 0);
    ecg_suppress_free(index);
}

static void test_suppress_region_without_list(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTBEGIN\nb;\n// NOLINTEND\nc;\n");

    (void)state;
    assert_true(matches(index, 2, "any-rule"));
    assert_false(matches(index, 4, "any-rule"));
    assert_int_equal(n_problems(index), 0);
    ecg_suppress_free(index);
}

static void test_suppress_region_lists_compare_normalised(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTBEGIN( r-a ,r-b )\n"
                                    "x;\n"
                                    "// NOLINTEND(r-a, r-b)\n");

    (void)state;
    assert_int_equal(n_problems(index), 0);
    assert_true(matches(index, 2, "r-b"));
    ecg_suppress_free(index);
}

static void test_suppress_region_lists_must_match(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTBEGIN(r-a, r-b)\n"
                                    "x;\n"
                                    "  // NOLINTEND(r-b, r-a)\n"
                                    "// NOLINTBEGIN\n"
                                    "// NOLINTEND(r-a)\n");

    (void)state;
    assert_false(matches(index, 2, "r-a"));
    assert_int_equal(n_problems(index), 4);
    assert_problem(index, 0, 1, 4, "unmatched NOLINTBEGIN");
    assert_problem(index, 1, 3, 6, "NOLINTEND without a matching NOLINTBEGIN");
    assert_problem(index, 2, 4, 4, "unmatched NOLINTBEGIN");
    assert_problem(index, 3, 5, 4, "NOLINTEND without a matching NOLINTBEGIN");
    ecg_suppress_free(index);
}

static void test_suppress_nested_regions(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTBEGIN(r-a) outer\n" /* 1 */
                                    "a;\n"                        /* 2 */
                                    "// NOLINTBEGIN(r-b) inner\n" /* 3 */
                                    "b;\n"                        /* 4 */
                                    "// NOLINTEND(r-b)\n"         /* 5 */
                                    "c;\n"                        /* 6 */
                                    "// NOLINTEND(r-a)\n"         /* 7 */
                                    "d;\n");                      /* 8 */

    (void)state;
    assert_int_equal(n_problems(index), 0);
    assert_true(matches(index, 2, "r-a"));
    assert_false(matches(index, 2, "r-b"));
    assert_true(matches(index, 4, "r-a"));
    assert_true(matches(index, 4, "r-b"));
    assert_string_equal(justification(index, 4, "r-b"), "NOLINTBEGIN(r-b) inner");
    assert_string_equal(justification(index, 4, "r-a"), "NOLINTBEGIN(r-a) outer");
    assert_false(matches(index, 6, "r-b"));
    assert_true(matches(index, 6, "r-a"));
    assert_false(matches(index, 8, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_nested_regions_with_same_list(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTBEGIN outer\n"
                                    "// NOLINTBEGIN inner\n"
                                    "x;\n"
                                    "// NOLINTEND\n"
                                    "y;\n"
                                    "// NOLINTEND\n"
                                    "z;\n");

    (void)state;
    assert_int_equal(n_problems(index), 0);
    assert_string_equal(justification(index, 3, "r-a"), "NOLINTBEGIN inner");
    assert_string_equal(justification(index, 5, "r-a"), "NOLINTBEGIN outer");
    assert_false(matches(index, 7, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_interleaved_regions_close_by_list(void **state)
{
    struct ecg_nolint *index = scan("// NOLINTBEGIN(r-a)\n"
                                    "// NOLINTBEGIN(r-b)\n"
                                    "// NOLINTEND(r-a)\n"
                                    "x;\n"
                                    "// NOLINTEND(r-b)\n"
                                    "y;\n");

    (void)state;
    assert_int_equal(n_problems(index), 0);
    assert_true(matches(index, 3, "r-a"));
    assert_false(matches(index, 4, "r-a"));
    assert_true(matches(index, 4, "r-b"));
    assert_false(matches(index, 6, "r-b"));
    ecg_suppress_free(index);
}

static void test_suppress_many_regions_use_the_index(void **state)
{
    /* A long region opened first must still be found past many short, later ones. */
    char text[8192];
    size_t len = 0;
    struct ecg_nolint *index;

    (void)state;
    len += (size_t)snprintf(text + len, sizeof(text) - len, "// NOLINTBEGIN(r-long)\n");
    for (int i = 0; i < 50; i++) {
        len += (size_t)snprintf(text + len, sizeof(text) - len,
                                "// NOLINTBEGIN(r-short)\nx;\n// NOLINTEND(r-short)\ny;\n");
    }
    len += (size_t)snprintf(text + len, sizeof(text) - len, "// NOLINTEND(r-long)\nz;\n");
    assert_true(len < sizeof(text) - 1);
    index = scan(text);
    assert_int_equal(n_problems(index), 0);
    assert_true(matches(index, 3, "r-short"));
    assert_false(matches(index, 5, "r-short")); /* the "y;" line between short regions */
    assert_true(matches(index, 5, "r-long"));
    assert_true(matches(index, 201, "r-long"));
    assert_true(matches(index, 202, "r-long")); /* the NOLINTEND(r-long) line */
    assert_false(matches(index, 203, "r-long"));
    ecg_suppress_free(index);
}

static void test_suppress_unmatched_end_is_reported(void **state)
{
    struct ecg_nolint *index = scan("x;\n"
                                    "int y; /* NOLINTEND(r-a) */\n"
                                    "z; // NOLINT\n");

    (void)state;
    assert_int_equal(n_problems(index), 1);
    assert_problem(index, 0, 2, 11, "NOLINTEND without a matching NOLINTBEGIN");
    assert_false(matches(index, 2, "r-a"));
    assert_true(matches(index, 3, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_unmatched_begin_suppresses_nothing(void **state)
{
    struct ecg_nolint *index = scan("a;\n"
                                    "\tb; // NOLINTBEGIN(r-a)\n"
                                    "c;\n");

    (void)state;
    assert_int_equal(n_problems(index), 1);
    assert_problem(index, 0, 2, 8, "unmatched NOLINTBEGIN");
    assert_false(matches(index, 2, "r-a"));
    assert_false(matches(index, 3, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_unclosed_paren_is_reported(void **state)
{
    struct ecg_nolint *index = scan("a; // NOLINT(r-a\n"
                                    "// NOLINTNEXTLINE(r-a\n"
                                    "c;\n"
                                    "/* NOLINTBEGIN(r-a */ d; // ) \n"
                                    "// NOLINTEND(r-a)\n");

    (void)state;
    assert_false(matches(index, 1, "r-a"));
    assert_false(matches(index, 1, "r-other"));
    assert_false(matches(index, 3, "r-a"));
    assert_false(matches(index, 4, "r-a"));
    assert_int_equal(n_problems(index), 4);
    assert_problem(index, 0, 1, 13, "missing ')' to close the NOLINT check list");
    assert_problem(index, 1, 2, 18, "missing ')' to close the NOLINT check list");
    assert_problem(index, 2, 4, 15, "missing ')' to close the NOLINT check list");
    assert_problem(index, 3, 5, 4, "NOLINTEND without a matching NOLINTBEGIN");
    ecg_suppress_free(index);
}

static void test_suppress_marker_outside_comment_is_ignored(void **state)
{
    struct ecg_nolint *index = scan("puts(\"NOLINT\");\n"
                                    "puts(\"// NOLINT\");\n"
                                    "puts(\"/* NOLINT */\");\n"
                                    "s = \"a\\\"// NOLINT\";\n"
                                    "/* c */ s = \"NOLINT\";\n"
                                    "int NOLINT = 1;\n");

    (void)state;
    for (unsigned line = 1; line <= 6; line++)
        assert_false(matches(index, line, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_marker_after_literals_counts(void **state)
{
    struct ecg_nolint *index = scan("puts(\"x\"); // NOLINT\n"
                                    "c = '\"'; // NOLINT\n"
                                    "c = '\\''; // NOLINT\n"
                                    " * don't // NOLINT\n"
                                    "s = \"//\"; /* \" */ // NOLINT\n");

    (void)state;
    for (unsigned line = 1; line <= 5; line++)
        assert_true(matches(index, line, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_block_comments(void **state)
{
    struct ecg_nolint *index = scan("x; /* NOLINT(r-a) bounded above */ y;\n"
                                    "/* NOLINTNEXTLINE(r-b): checked\n"
                                    "   continues here */\n"
                                    "/*\n"
                                    "   NOLINT on a continuation line\n"
                                    "*/\n");

    (void)state;
    assert_string_equal(justification(index, 1, "r-a"), "NOLINT(r-a) bounded above");
    assert_true(matches(index, 3, "r-b"));
    assert_string_equal(justification(index, 3, "r-b"), "NOLINTNEXTLINE(r-b): checked");
    /* Known limit: no comment opens on line 5, so its marker does not count. */
    assert_false(matches(index, 5, "r-a"));
    ecg_suppress_free(index);
}

static void test_suppress_justification_is_trimmed_comment_text(void **state)
{
    struct ecg_nolint *index = scan("strcpy(d, s); // NOLINT(security-a): bounded by sizeof \t\n"
                                    "//NOLINT\n"
                                    "x; /*NOLINT*/\n");

    (void)state;
    assert_string_equal(justification(index, 1, "security-a"),
                        "NOLINT(security-a): bounded by sizeof");
    assert_string_equal(justification(index, 2, "r-a"), "NOLINT");
    assert_string_equal(justification(index, 3, "r-a"), "NOLINT");
    ecg_suppress_free(index);
}

static void test_suppress_crlf_and_last_line_without_newline(void **state)
{
    struct ecg_nolint *index = scan("a; // NOLINT(r-a) why\r\n"
                                    "b;\r\n"
                                    "// NOLINTNEXTLINE\r"
                                    "c; // NOLINT(r-c)");

    (void)state;
    assert_string_equal(justification(index, 1, "r-a"), "NOLINT(r-a) why");
    assert_false(matches(index, 2, "r-a"));
    assert_true(matches(index, 4, "r-x"));
    assert_true(matches(index, 4, "r-c"));
    assert_false(matches(index, 5, "r-c"));
    ecg_suppress_free(index);
}

static void test_suppress_null_and_empty_text(void **state)
{
    struct ecg_nolint *index = ecg_suppress_scan(NULL, 0);
    size_t n = 99;

    (void)state;
    assert_non_null(index);
    assert_false(matches(index, 1, "r-a"));
    assert_int_equal(n_problems(index), 0);
    ecg_suppress_free(index);
    index = scan("");
    assert_false(matches(index, 1, "r-a"));
    ecg_suppress_free(index);
    ecg_suppress_free(NULL);
    assert_null(ecg_suppress_problems(NULL, &n));
    assert_int_equal(n, 0);
    assert_false(ecg_suppress_match(NULL, 1, "r-a", NULL));
}

static void test_suppress_respects_length(void **state)
{
    /* Only the first len bytes are scanned: the marker after them does not count. */
    const char *text = "a;\nb; // NOLINT\n";
    struct ecg_nolint *index = ecg_suppress_scan(text, 6);

    (void)state;
    assert_non_null(index);
    assert_false(matches(index, 2, "r-a"));
    ecg_suppress_free(index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suppress_nolint_covers_every_rule_on_its_line),
        cmocka_unit_test(test_suppress_nolint_list_names_rules),
        cmocka_unit_test(test_suppress_list_globs_and_blanks),
        cmocka_unit_test(test_suppress_empty_and_negative_lists_suppress_nothing),
        cmocka_unit_test(test_suppress_nextline_covers_only_the_next_line),
        cmocka_unit_test(test_suppress_nextline_without_list),
        cmocka_unit_test(test_suppress_nolint_and_nextline_on_one_line),
        cmocka_unit_test(test_suppress_unknown_words_are_not_markers),
        cmocka_unit_test(test_suppress_region_covers_begin_to_end),
        cmocka_unit_test(test_suppress_region_without_list),
        cmocka_unit_test(test_suppress_region_lists_compare_normalised),
        cmocka_unit_test(test_suppress_region_lists_must_match),
        cmocka_unit_test(test_suppress_nested_regions),
        cmocka_unit_test(test_suppress_nested_regions_with_same_list),
        cmocka_unit_test(test_suppress_interleaved_regions_close_by_list),
        cmocka_unit_test(test_suppress_many_regions_use_the_index),
        cmocka_unit_test(test_suppress_unmatched_end_is_reported),
        cmocka_unit_test(test_suppress_unmatched_begin_suppresses_nothing),
        cmocka_unit_test(test_suppress_unclosed_paren_is_reported),
        cmocka_unit_test(test_suppress_marker_outside_comment_is_ignored),
        cmocka_unit_test(test_suppress_marker_after_literals_counts),
        cmocka_unit_test(test_suppress_block_comments),
        cmocka_unit_test(test_suppress_justification_is_trimmed_comment_text),
        cmocka_unit_test(test_suppress_crlf_and_last_line_without_newline),
        cmocka_unit_test(test_suppress_null_and_empty_text),
        cmocka_unit_test(test_suppress_respects_length),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
