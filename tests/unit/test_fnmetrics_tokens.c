/* Unit tests for the token side of the per-function metrics (analyzer/fnmetrics_tokens.c):
 * Halstead counts and volume, the maintainability index, physical and code lines, on
 * functions counted by hand, including one made by a macro and one in a header; and the
 * walk's metrics sink, through which these tests receive the metrics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/fnmetrics.h"
#include "tests/support/fnmetrics_fixture.h"

#define MAX_FNS 8

/* The metrics of each function the sink received; steps and name are not kept. */
struct kept {
    struct ecg_fn_metrics fns[MAX_FNS];
    char names[MAX_FNS][64];
    size_t n;
};

static void keep(void *arg, const struct ecg_fn_metrics *m)
{
    struct kept *k = arg;

    assert_true(k->n < MAX_FNS);
    k->fns[k->n] = *m;
    k->fns[k->n].steps = NULL;
    k->fns[k->n].name = NULL;
    snprintf(k->names[k->n], sizeof(k->names[k->n]), "%s", m->name);
    k->n++;
}

/* Walks source (with /virtual/h.h = header) with no rule, only the sink; the result is the
 * caller's to free. */
static struct kept *measure_with(const char *source, const char *header)
{
    struct kept *out = calloc(1, sizeof(*out));
    struct fnmetrics_fixture_walk fw;

    assert_non_null(out);
    fnmetrics_fixture_walk_start(&fw, source, header, NULL, 0);
    fw.walk.metrics_sink = keep;
    fw.walk.metrics_arg = out;
    assert_int_equal(ecg_walk_run(&fw.walk), 0);
    fnmetrics_fixture_walk_end(&fw);
    return out;
}

static struct kept *measure(const char *source)
{
    return measure_with(source, NULL);
}

static const struct ecg_fn_metrics *fn(const struct kept *k, const char *name)
{
    for (size_t i = 0; i < k->n; i++) {
        if (strcmp(k->names[i], name) == 0)
            return &k->fns[i];
    }
    fail_msg("no metrics for function %s", name);
    return NULL;
}

/* 7 physical lines; the comment and the blank line hold no token: 5 code lines. */
static void test_fnmetrics_tokens_lines_and_code_lines(void **state)
{
    struct kept *rec = measure("\n"
                               "int lines(int a)\n"
                               "{\n"
                               "    /* a comment line */\n"
                               "\n"
                               "    a++;\n"
                               "    return a;\n"
                               "}\n");
    const struct ecg_fn_metrics *f = fn(rec, "lines");

    (void)state;
    assert_int_equal(f->line, 2);
    assert_int_equal(f->lines, 7);
    assert_int_equal(f->code_lines, 5);
    free(rec);
}

/* int add(int a, int b) { return a + b; } as 4 lines. Tokens:
 * operators (punctuation, keywords): int ( int , int ) { return + ; } -> N1 = 11, and
 *   distinct: int ( , ) { return + ; } -> n1 = 9;
 * operands (identifiers, literals): add a b a b -> N2 = 5, distinct add a b -> n2 = 3.
 * Volume = (11 + 5) * log2(9 + 3) = 16 * 3.5849625 = 57.3594.
 * MI = 171 - 5.2 ln(57.3594) - 0.23 * 1 - 16.2 ln(4) = 127.2555; normalized 74.4184. */
static void test_fnmetrics_tokens_halstead_and_maintainability(void **state)
{
    struct kept *rec = measure("int add(int a, int b)\n"
                               "{\n"
                               "    return a + b; // comments are not tokens\n"
                               "}\n");
    const struct ecg_fn_metrics *f = fn(rec, "add");

    (void)state;
    assert_int_equal(f->halstead_operators, 11);
    assert_int_equal(f->halstead_distinct_operators, 9);
    assert_int_equal(f->halstead_operands, 5);
    assert_int_equal(f->halstead_distinct_operands, 3);
    assert_true(fabs(f->halstead_volume - 57.3594) < 1e-3);
    assert_int_equal(f->code_lines, 4);
    assert_true(fabs(f->mi_original - 127.2555) < 1e-3);
    assert_true(fabs(f->mi_normalized - 74.4184) < 1e-3);
    free(rec);
}

/* Literals are operands, told apart by spelling: `1` twice is one distinct operand. */
static void test_fnmetrics_tokens_literals_are_operands(void **state)
{
    struct kept *rec = measure("int one(void) { return 1 + 1; }\n");
    const struct ecg_fn_metrics *f = fn(rec, "one");

    (void)state;
    /* int one ( void ) { return 1 + 1 ; }: operators int ( void ) { return + ; } */
    assert_int_equal(f->halstead_operators, 9);
    assert_int_equal(f->halstead_distinct_operators, 9);
    assert_int_equal(f->halstead_operands, 3);
    assert_int_equal(f->halstead_distinct_operands, 2);
    assert_true(fabs(f->halstead_volume - 12.0 * log2(11.0)) < 1e-9);
    free(rec);
}

/* A function defined by a macro: nothing is written but the invocation GETTER(value), whose
 * four tokens are the Halstead counts; the ?: counts expanded only. */
static void test_fnmetrics_tokens_function_made_by_macro(void **state)
{
    struct kept *rec = measure("#define GETTER(n) int get_##n(void) { return n ? 1 : 0; }\n"
                               "int value;\n"
                               "GETTER(value)\n");
    const struct ecg_fn_metrics *f = fn(rec, "get_value");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 1);
    assert_int_equal(f->expanded.cyclomatic, 2);
    assert_int_equal(f->halstead_operators + f->halstead_operands, 4);
    assert_int_equal(f->lines, 1);
    free(rec);
}

/* A function in a header under the root is measured from the header's tokens. */
static void test_fnmetrics_tokens_function_in_header(void **state)
{
    struct kept *rec = measure_with("#include \"h.h\"\nint main(void) { return hf(1); }\n",
                                    "static inline int hf(int a)\n"
                                    "{\n"
                                    "    return a ? 1 : 0;\n"
                                    "}\n");
    const struct ecg_fn_metrics *f = fn(rec, "hf");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 2);
    assert_int_equal(f->written.cognitive, 1);
    assert_int_equal(f->line, 1);
    assert_int_equal(f->lines, 4);
    assert_int_equal(f->parameters, 1);
    /* operators: static inline int ( int ) { return ? : ; } = 12; operands: hf a a 1 0 */
    assert_int_equal(f->halstead_operators, 12);
    assert_int_equal(f->halstead_operands, 5);
    free(rec);
}

/* Without a rule asking, a sink alone makes the walk compute metrics; with neither, the
 * walk computes none. */
static void test_fnmetrics_tokens_sink_alone_enables_metrics(void **state)
{
    struct kept *rec = measure("int a(void) { return 0; }\nint b(int x) { return x ? 1 : 2; }\n");
    struct fnmetrics_fixture_walk fw;

    (void)state;
    assert_int_equal(rec->n, 2);
    assert_int_equal(fn(rec, "b")->expanded.cyclomatic, 2);
    free(rec);
    fnmetrics_fixture_walk_start(&fw, "int a(void) { return 0; }\n", NULL, NULL, 0);
    assert_int_equal(ecg_walk_run(&fw.walk), 0);
    assert_null(fw.walk.metrics);
    fnmetrics_fixture_walk_end(&fw);
}

/* Directive lines and the branches the build compiles out are not the function's code:
 * with them, add is measured exactly as without (N1 11, N2 5, 4 code lines). */
static void test_fnmetrics_tokens_directives_and_skipped_branches(void **state)
{
    struct kept *rec = measure("#define WIDE 0\n"
                               "int add(int a, int b)\n"
                               "{\n"
                               "#if WIDE\n"
                               "    long long wide = (long long)a * b;\n"
                               "    return (int)(wide >> 1);\n"
                               "#endif\n"
                               "    return a + b;\n"
                               "}\n");
    const struct ecg_fn_metrics *f = fn(rec, "add");

    (void)state;
    assert_int_equal(f->halstead_operators, 11);
    assert_int_equal(f->halstead_distinct_operators, 9);
    assert_int_equal(f->halstead_operands, 5);
    assert_int_equal(f->halstead_distinct_operands, 3);
    assert_int_equal(f->code_lines, 4);
    assert_int_equal(f->lines, 8);
    free(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fnmetrics_tokens_lines_and_code_lines),
        cmocka_unit_test(test_fnmetrics_tokens_halstead_and_maintainability),
        cmocka_unit_test(test_fnmetrics_tokens_directives_and_skipped_branches),
        cmocka_unit_test(test_fnmetrics_tokens_literals_are_operands),
        cmocka_unit_test(test_fnmetrics_tokens_function_made_by_macro),
        cmocka_unit_test(test_fnmetrics_tokens_function_in_header),
        cmocka_unit_test(test_fnmetrics_tokens_sink_alone_enables_metrics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
