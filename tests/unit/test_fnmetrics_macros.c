/* Unit tests for the per-function metrics (analyzer/fnmetrics.c) of code that macros write:
 * decisions a macro's body hides (counted expanded only), decisions written in a macro's
 * arguments, arguments a macro drops, branches of #if compiled out, and nesting inside
 * macro-made structures. The rest of the metrics: test_fnmetrics.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyzer/fnmetrics.h"
#include "tests/support/fnmetrics_fixture.h"

static const char macros[] = "#define CHECK(x) if (!(x)) return -1\n"
                             "#define ASSERT(c) ((c) ? (void)0 : fail())\n"
                             "#define BOTH(a, b) ((a) && (b))\n"
                             "#define IN_RANGE(v) ASSERT((v) >= 0 && (v) < 10)\n"
                             "#define FOREVER for (;;)\n"
                             "#define SWAP(a, b) do { int t_ = a; a = b; b = t_; } while (0)\n"
                             "void fail(void);\n";

static const struct fnmetrics_fixture_fn *measure_macro(struct fnmetrics_fixture_run **rec,
                                                        const char *body, const char *name)
{
    char source[2048];

    snprintf(source, sizeof(source), "%s%s", macros, body);
    *rec = fnmetrics_fixture_measure(source);
    return fnmetrics_fixture_fn(*rec, name);
}

/* CHECK(a) hides an if: expanded cyclomatic 2 and cognitive 1, written 1 and 0. The
 * invocation stands as a statement, so it is one written statement (with return 0: 2);
 * expanded counts the if, its return and return 0: 3. */
static void test_fnmetrics_macro_if_counts_expanded_only(void **state)
{
    struct fnmetrics_fixture_run *rec;
    const struct fnmetrics_fixture_fn *f =
        measure_macro(&rec, "int m1(int a) { CHECK(a); return 0; }\n", "m1");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 1);
    assert_int_equal(f->expanded.cyclomatic, 2);
    assert_int_equal(f->written.cognitive, 0);
    assert_int_equal(f->expanded.cognitive, 1);
    assert_int_equal(f->written.statements, 2);
    assert_int_equal(f->expanded.statements, 3);
    assert_int_equal(f->written.max_nesting, 0);
    assert_int_equal(f->expanded.max_nesting, 1);
    assert_int_equal(f->n_steps, 1);
    assert_false(f->steps[0].s.written);
    free(rec);
}

/* ASSERT(a && b): the && is written in the file, inside a macro's arguments, so it counts
 * as written; the ?: of ASSERT's body counts expanded only: expanded cyclomatic 3,
 * cognitive 2 (?: 1, && 1); written 2 and 1 (the &&). IN_RANGE(v) passes a && from its own
 * body to ASSERT: nothing of it is written, so written stays 1 and 0. TWICE(a && b) puts the
 * written && into the AST twice: expanded counts both (1 + 2), written counts it once (2). */
static void test_fnmetrics_macro_argument_logical_counts_as_written(void **state)
{
    struct fnmetrics_fixture_run *rec;
    const struct fnmetrics_fixture_fn *f =
        measure_macro(&rec,
                      "int m2(int a, int b) { ASSERT(a && b); return 0; }\n"
                      "int m4(int v) { IN_RANGE(v); return v; }\n"
                      "#define TWICE(x) ((x) + (x))\n"
                      "int m5(int a, int b) { return TWICE(a && b); }\n",
                      "m2");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 2);
    assert_int_equal(f->expanded.cyclomatic, 3);
    assert_int_equal(f->written.cognitive, 1);
    assert_int_equal(f->expanded.cognitive, 2);
    assert_int_equal(f->written.statements, 2);
    f = fnmetrics_fixture_fn(rec, "m5");
    assert_int_equal(f->expanded.cyclomatic, 3);
    assert_int_equal(f->written.cyclomatic, 2);
    f = fnmetrics_fixture_fn(rec, "m4");
    assert_int_equal(f->written.cyclomatic, 1);
    assert_int_equal(f->expanded.cyclomatic, 3);
    assert_int_equal(f->written.cognitive, 0);
    assert_int_equal(f->expanded.cognitive, 2);
    free(rec);
}

/* BOTH(x, y) is a && spelled in a macro body (found without an opcode API before
 * libclang 17): expanded cyclomatic 3 and cognitive 2, written 2 and 1 (the if). */
static void test_fnmetrics_macro_body_logical_operator(void **state)
{
    struct fnmetrics_fixture_run *rec;
    const struct fnmetrics_fixture_fn *f = measure_macro(
        &rec, "int m3(int x, int y) { if (BOTH(x, y)) return 1; return x && BOTH(x, y); }\n", "m3");

    (void)state;
    /* expanded: if, && in BOTH, the written &&, && in the second BOTH = 1 + 4 */
    assert_int_equal(f->expanded.cyclomatic, 5);
    assert_int_equal(f->written.cyclomatic, 3);
    /* expanded: if 1, [&&] 1, then x && (BOTH's &&): one run = 1; written: if 1 + && 1 */
    assert_int_equal(f->expanded.cognitive, 3);
    assert_int_equal(f->written.cognitive, 2);
    free(rec);
}

/* A macro that drops its argument (assert under NDEBUG) leaves nothing in the syntax tree,
 * but the decisions written in the argument are written code: && || ? add 3 to the written
 * count (with the if: 5), none to the expanded one (with the if: 2). */
static void test_fnmetrics_dropped_macro_argument_decisions_are_written(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("#define CHECK_ARG(e) ((void)0)\n"
                                  "int d(int a, int b, int c)\n"
                                  "{\n"
                                  "    CHECK_ARG(a > 0 && b > 0 || c ? 1 : 0);\n"
                                  "    if (a)\n"
                                  "        return b;\n"
                                  "    return c;\n"
                                  "}\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "d");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 5);
    assert_int_equal(f->expanded.cyclomatic, 2);
    assert_int_equal(f->written.cognitive, 1);
    free(rec);
}

/* Only the branch of #if the build compiles counts: the while and && of the #else branch
 * are not code in this configuration. */
static void test_fnmetrics_compiled_out_branches_do_not_count(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure("#define FAST 1\n"
                                                                  "int g(int a)\n"
                                                                  "{\n"
                                                                  "#if FAST\n"
                                                                  "    if (a)\n"
                                                                  "        return 1;\n"
                                                                  "#else\n"
                                                                  "    while (a && a--)\n"
                                                                  "        ;\n"
                                                                  "#endif\n"
                                                                  "    return 0;\n"
                                                                  "}\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "g");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 2);
    assert_int_equal(f->expanded.cyclomatic, 2);
    free(rec);
}

/* A loop made by a macro is not counted as written, but what is written inside it nests:
 * the if is +2 in both views. Expanded: for 1 + if 2 = 3, cyclomatic 3; written: 2 and 2.
 * SWAP's do-while is one written statement; expanded: do, the declaration, two
 * assignments. */
static void test_fnmetrics_written_nesting_counts_macro_structures(void **state)
{
    struct fnmetrics_fixture_run *rec;
    const struct fnmetrics_fixture_fn *f =
        measure_macro(&rec,
                      "int m5(int x)\n"
                      "{\n"
                      "    FOREVER {\n"
                      "        if (x)\n"
                      "            break;\n"
                      "        x++;\n"
                      "    }\n"
                      "    return x;\n"
                      "}\n"
                      "void m7(int x, int y) { SWAP(x, y); x++; }\n",
                      "m5");

    (void)state;
    assert_int_equal(f->expanded.cyclomatic, 3);
    assert_int_equal(f->written.cyclomatic, 2);
    assert_int_equal(f->expanded.cognitive, 3);
    assert_int_equal(f->written.cognitive, 2);
    assert_int_equal(f->written.max_nesting, 2);
    assert_int_equal(f->expanded.max_nesting, 2);
    assert_int_equal(f->deepest_line, 11);
    f = fnmetrics_fixture_fn(rec, "m7");
    assert_int_equal(f->written.statements, 2);
    assert_int_equal(f->expanded.statements, 5);
    assert_int_equal(f->written.cyclomatic, 1);
    assert_int_equal(f->expanded.cyclomatic, 2);
    free(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fnmetrics_macro_if_counts_expanded_only),
        cmocka_unit_test(test_fnmetrics_macro_argument_logical_counts_as_written),
        cmocka_unit_test(test_fnmetrics_macro_body_logical_operator),
        cmocka_unit_test(test_fnmetrics_dropped_macro_argument_decisions_are_written),
        cmocka_unit_test(test_fnmetrics_compiled_out_branches_do_not_count),
        cmocka_unit_test(test_fnmetrics_written_nesting_counts_macro_structures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
