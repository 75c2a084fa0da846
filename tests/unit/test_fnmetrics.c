/* Unit tests for the per-function metrics (analyzer/fnmetrics.c) driven by the real walk:
 * every decision and nesting construct, && and || sequences, statements, parameters,
 * nesting depth, the white paper's worked examples, and how the walk hands the metrics to
 * rules. Expected values are counted by hand in the comments beside each source (macros
 * written vs expanded: test_fnmetrics_macros.c; Halstead and lines: test_fnmetrics_tokens.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/fnmetrics.h"
#include "tests/support/fnmetrics_fixture.h"

/* Asserts cyclomatic and cognitive complexity, the same written and expanded. */
static void assert_cc(const struct fnmetrics_fixture_run *rec, const char *name,
                      unsigned cyclomatic, unsigned cognitive)
{
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, name);

    if (f->written.cyclomatic != cyclomatic || f->written.cognitive != cognitive ||
        f->expanded.cyclomatic != cyclomatic || f->expanded.cognitive != cognitive)
        fail_msg("%s: cyclomatic %u/%u cognitive %u/%u (written/expanded), want %u and %u", name,
                 f->written.cyclomatic, f->expanded.cyclomatic, f->written.cognitive,
                 f->expanded.cognitive, cyclomatic, cognitive);
}

static void assert_step(const struct fnmetrics_fixture_fn *f, size_t i, const char *construct,
                        unsigned points, unsigned line, unsigned col)
{
    assert_true(i < f->n_steps);
    assert_string_equal(f->steps[i].s.construct, construct);
    assert_int_equal(f->steps[i].s.points, points);
    assert_int_equal(f->steps[i].line, line);
    assert_int_equal(f->steps[i].col, col);
}

/* An empty function: cyclomatic 1, nothing else; parameters as declared, ... excluded. */
static void test_fnmetrics_empty_function_and_parameters(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("void f(void)\n{\n}\n"
                                  "int p3(int a, int b, int c) { return a + b + c; }\n"
                                  "int pv(const char *fmt, ...) { return fmt != 0; }\n"
                                  "int pk() { return 0; }\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "f");

    (void)state;
    assert_int_equal(rec->n, 4);
    assert_int_equal(fnmetrics_fixture_fn(rec, "p3")->parameters, 3);
    assert_int_equal(fnmetrics_fixture_fn(rec, "pv")->parameters, 1);
    assert_int_equal(fnmetrics_fixture_fn(rec, "pk")->parameters, 0);
    assert_cc(rec, "f", 1, 0);
    assert_int_equal(f->line, 1);
    assert_int_equal(f->expanded.statements, 0);
    assert_int_equal(f->expanded.max_nesting, 0);
    assert_int_equal(f->parameters, 0);
    assert_int_equal(f->lines, 3);
    assert_int_equal(f->n_steps, 0);
    free(rec);
}

/* Each construct once: cyclomatic 2 (1 + the decision), cognitive 1, except switch (its one
 * case is the decision, switch itself the cognitive +1), goto (cognitive only) and the
 * recursive ?: (two cognitive increments). */
static void test_fnmetrics_each_decision_kind(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("int f_if(int a) { if (a) return 1; return 0; }\n"
                                  "int f_for(int a) { for (; a; a--) ; return a; }\n"
                                  "int f_while(int a) { while (a) a--; return a; }\n"
                                  "int f_do(int a) { do a--; while (a); return a; }\n"
                                  "int f_and(int a, int b) { return a && b; }\n"
                                  "int f_or(int a, int b) { return a || b; }\n"
                                  "int f_cond(int a) { return a ? 1 : 2; }\n"
                                  "int f_switch(int a) { switch (a) { case 1: return 1; }"
                                  " return 0; }\n"
                                  "int f_goto(int a) { goto out; out: return a; }\n"
                                  "int f_rec(int a) { return a > 0 ? f_rec(a - 1) : 0; }\n");

    (void)state;
    assert_int_equal(rec->n, 10);
    assert_cc(rec, "f_if", 2, 1);
    assert_cc(rec, "f_for", 2, 1);
    assert_cc(rec, "f_while", 2, 1);
    assert_cc(rec, "f_do", 2, 1);
    assert_cc(rec, "f_and", 2, 1);
    assert_cc(rec, "f_or", 2, 1);
    assert_cc(rec, "f_cond", 2, 1);
    assert_cc(rec, "f_switch", 2, 1);
    assert_cc(rec, "f_goto", 1, 1);
    assert_cc(rec, "f_rec", 2, 2);
    free(rec);
}

/* Cases: 1 and 2 (falling through) count one each, the GNU range 3 ... 5 one, default none:
 * cyclomatic 1 + 3 = 4. Statements: switch, case 1, case 2, return, case 3...5, return,
 * default, return = 8. A switch with only default decides nothing: cyclomatic 1. */
static void test_fnmetrics_case_counts_and_default_does_not(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("int g(int a)\n"
                                  "{\n"
                                  "    switch (a) {\n"
                                  "    case 1:\n"
                                  "    case 2:\n"
                                  "        return 1;\n"
                                  "    case 3 ... 5:\n"
                                  "        return 2;\n"
                                  "    default:\n"
                                  "        return 3;\n"
                                  "    }\n"
                                  "}\n"
                                  "int only_default(int a) { switch (a) { default: return a; } }\n"
                                  "int doc(int a)\n"
                                  "{\n"
                                  "    switch (a) {\n"
                                  "    case 1:\n"
                                  "    case 2:\n"
                                  "        return 1;\n"
                                  "    case 3 ... 5:\n"
                                  "        return 2;\n"
                                  "    default:\n"
                                  "        return a > 0 && a < 9 ? 3 : 4;\n"
                                  "    }\n"
                                  "}\n");

    (void)state;
    assert_cc(rec, "g", 4, 1);
    assert_int_equal(fnmetrics_fixture_fn(rec, "g")->expanded.statements, 8);
    assert_int_equal(fnmetrics_fixture_fn(rec, "g")->expanded.max_nesting, 1);
    assert_cc(rec, "only_default", 1, 1);
    /* docs/metrics.md: the same cases, default returning a > 0 && a < 9 ? 3 : 4: 1 + 5 = 6;
     * cognitive: switch 1, ?: 2 (nested in the switch), && 1. */
    assert_cc(rec, "doc", 6, 4);
    free(rec);
}

/* Sequences of like operators, read left to right through parentheses:
 * s1 a && b && c: [&&] = 1            s2 a && b || c: [&&, ||] = 2
 * s3 a || b && c || d: [||, &&, ||] = 3 (the tree is ||(||(a, &&(b, c)), d))
 * s4 a && (b && c): [&&] = 1          s5 (a && b) || (c && d): [&&, ||, &&] = 3
 * s6 a && !(b || c): ! starts a new chain: [&&] + [||] = 2
 * s7 t(a && b) && c: a call starts a new chain too: [&&] + [&&] = 2
 * s8 the white paper's `if (a && b && c || d || e && f)`: if 1 + [&&, ||, &&] 3 = 4
 * s9 the white paper's `if (a && !(b && c))`: if 1 + 1 + 1 = 3
 * s10 ((a || b)) || c: [||] = 1. Cyclomatic is 1 + one per operator (+ the if).
 * s11 (a && b) == c && d: a comparison between them splits the chains: [&&] + [&&] = 2
 * s12 a || (b || c) && d: [||, &&] = 2 (the inner || joins the outer one's run)
 * s13 (a & b) && c: a bitwise & is no logical operator: [&&] = 1
 * s14 ((a && b) && (c && d)) || a: [&&, ||] = 2 (chains inside left operands ask for their
 *     root before the walk reaches the outer operators' right operands) */
static void test_fnmetrics_logical_sequences(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure(
        "int t(int);\n"
        "int s1(int a, int b, int c) { return a && b && c; }\n"
        "int s2(int a, int b, int c) { return a && b || c; }\n"
        "int s3(int a, int b, int c, int d) { return a || b && c || d; }\n"
        "int s4(int a, int b, int c) { return a && (b && c); }\n"
        "int s5(int a, int b, int c, int d) { return (a && b) || (c && d); }\n"
        "int s6(int a, int b, int c) { return a && !(b || c); }\n"
        "int s7(int a, int b, int c) { return t(a && b) && c; }\n"
        "int s8(int a, int b, int c, int d, int e, int f)\n"
        "{ if (a && b && c || d || e && f) return 1; return 0; }\n"
        "int s9(int a, int b, int c) { if (a && !(b && c)) return 1; return 0; }\n"
        "int s10(int a, int b, int c) { return ((a || b)) || c; }\n"
        "int s11(int a, int b, int c, int d) { return (a && b) == c && d; }\n"
        "int s12(int a, int b, int c, int d) { return a || (b || c) && d; }\n"
        "int s13(int a, int b, int c) { return (a & b) && c; }\n"
        "int s14(int a, int b, int c, int d) { return ((a && b) && (c && d)) || a; }\n");

    (void)state;
    assert_cc(rec, "s1", 3, 1);
    assert_cc(rec, "s2", 3, 2);
    assert_cc(rec, "s3", 4, 3);
    assert_cc(rec, "s4", 3, 1);
    assert_cc(rec, "s5", 4, 3);
    assert_cc(rec, "s6", 3, 2);
    assert_cc(rec, "s7", 3, 2);
    assert_cc(rec, "s8", 7, 4);
    assert_cc(rec, "s9", 4, 3);
    assert_cc(rec, "s10", 3, 1);
    assert_cc(rec, "s11", 3, 2);
    assert_cc(rec, "s12", 4, 2);
    assert_cc(rec, "s13", 2, 1);
    assert_cc(rec, "s14", 5, 2);
    /* The steps point at the operator that starts each run. */
    assert_step(fnmetrics_fixture_fn(rec, "s2"), 0, "&&", 1, 3, 40);
    assert_step(fnmetrics_fixture_fn(rec, "s2"), 1, "||", 1, 3, 45);
    free(rec);
}

/* ?: in an if's body is nested (+2), in its condition it is not (+1); ?: inside ?: branches
 * is nested: 1 + 2 + 2 = 5. */
static void test_fnmetrics_conditional_operator_nesting(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure(
        "int c1(int a, int b) { if (a) return b ? 1 : 2; return 0; }\n"
        "int c2(int a, int b) { if (a ? b : 0) return 1; return 0; }\n"
        "int c3(int a, int b, int c) { return a ? (b ? 1 : 2) : (c ? 3 : 4); }\n");

    (void)state;
    assert_cc(rec, "c1", 3, 3);
    assert_int_equal(fnmetrics_fixture_fn(rec, "c1")->expanded.max_nesting, 2);
    assert_cc(rec, "c2", 3, 2);
    assert_int_equal(fnmetrics_fixture_fn(rec, "c2")->expanded.max_nesting, 1);
    assert_cc(rec, "c3", 4, 5);
    assert_int_equal(fnmetrics_fixture_fn(rec, "c3")->expanded.max_nesting, 2);
    assert_step(fnmetrics_fixture_fn(rec, "c1"), 1, "?:", 2, 1, 40);
    free(rec);
}

/* Three nested ifs: 1 + 2 + 3 = 6; the deepest is the third, at line 6 column 13. */
static void test_fnmetrics_nested_ifs(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure("int n(int a, int b, int c)\n"
                                                                  "{\n"
                                                                  "    if (a) {\n"
                                                                  "        if (b) {\n"
                                                                  "            /* the third */\n"
                                                                  "            if (c)\n"
                                                                  "                return 1;\n"
                                                                  "        }\n"
                                                                  "    }\n"
                                                                  "    return 0;\n"
                                                                  "}\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "n");

    (void)state;
    assert_cc(rec, "n", 4, 6);
    assert_int_equal(f->written.max_nesting, 3);
    assert_int_equal(f->deepest_line, 6);
    assert_int_equal(f->deepest_col, 13);
    assert_step(f, 0, "if", 1, 3, 5);
    assert_step(f, 1, "if", 2, 4, 9);
    assert_step(f, 2, "if", 3, 6, 13);
    assert_int_equal(f->steps[2].s.nesting, 2);
    free(rec);
}

/* An else-if chain costs 1 per branch and nests nothing: if, else if, else if, else = 4,
 * depth 1. The same logic written as else { if } nests: if 1, else 1, if 2, else 1, if 3 = 8,
 * depth 3. Cyclomatic is 4 for both: three ifs. */
static void test_fnmetrics_else_if_chain_versus_nested_else(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure("int chain(int a)\n"
                                                                  "{\n"
                                                                  "    if (a == 1)\n"
                                                                  "        return 1;\n"
                                                                  "    else if (a == 2)\n"
                                                                  "        return 2;\n"
                                                                  "    else if (a == 3)\n"
                                                                  "        return 3;\n"
                                                                  "    else\n"
                                                                  "        return 4;\n"
                                                                  "}\n"
                                                                  "int nested(int a)\n"
                                                                  "{\n"
                                                                  "    if (a == 1) {\n"
                                                                  "        return 1;\n"
                                                                  "    } else {\n"
                                                                  "        if (a == 2) {\n"
                                                                  "            return 2;\n"
                                                                  "        } else {\n"
                                                                  "            if (a == 3)\n"
                                                                  "                return 3;\n"
                                                                  "        }\n"
                                                                  "    }\n"
                                                                  "    return 4;\n"
                                                                  "}\n");
    const struct fnmetrics_fixture_fn *c = fnmetrics_fixture_fn(rec, "chain"),
                                      *n = fnmetrics_fixture_fn(rec, "nested");

    (void)state;
    assert_cc(rec, "chain", 4, 4);
    assert_int_equal(c->expanded.max_nesting, 1);
    assert_step(c, 0, "if", 1, 3, 5);
    assert_step(c, 1, "else if", 1, 5, 10);
    assert_step(c, 2, "else if", 1, 7, 10);
    assert_step(c, 3, "else", 1, 9, 5);
    assert_cc(rec, "nested", 4, 8);
    assert_int_equal(n->expanded.max_nesting, 3);
    assert_step(n, 0, "if", 1, 14, 5);
    assert_step(n, 1, "else", 1, 16, 7);
    assert_step(n, 2, "if", 2, 17, 9);
    assert_step(n, 3, "else", 1, 19, 11);
    assert_step(n, 4, "if", 3, 20, 13);
    free(rec);
}

/* switch 1, for in a case 2, while in the for 3, do in another case 2 = 8. Cyclomatic:
 * 1 + two cases + for + while + do = 6. The for's header is not its body: the ?: in its
 * condition is not nested in it (+2 at the switch's level 1, not +3). */
static void test_fnmetrics_loops_nested_in_switch(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("int ls(int a, int n)\n"
                                  "{\n"
                                  "    int t = 0;\n"
                                  "    switch (a) {\n"
                                  "    case 1:\n"
                                  "        for (int i = 0; i < n; i++)\n"
                                  "            while (t < i)\n"
                                  "                t++;\n"
                                  "        break;\n"
                                  "    case 2:\n"
                                  "        do\n"
                                  "            t--;\n"
                                  "        while (t > 0);\n"
                                  "        break;\n"
                                  "    }\n"
                                  "    return t;\n"
                                  "}\n"
                                  "int hdr(int a, int n)\n"
                                  "{\n"
                                  "    switch (a) {\n"
                                  "    case 1:\n"
                                  "        for (int i = 0; i < (n ? n : 1); i++)\n"
                                  "            a++;\n"
                                  "    }\n"
                                  "    return a;\n"
                                  "}\n");

    (void)state;
    assert_cc(rec, "ls", 6, 8);
    assert_int_equal(fnmetrics_fixture_fn(rec, "ls")->expanded.max_nesting, 3);
    /* switch 1 + for 2 + ?: 2 = 5; cyclomatic 1 + case + for + ?: = 4 */
    assert_cc(rec, "hdr", 4, 5);
    assert_int_equal(fnmetrics_fixture_fn(rec, "hdr")->expanded.max_nesting, 2);
    free(rec);
}

/* goto adds cognitive 1 at any depth and no decision; a direct recursive call adds 1, also
 * when the function was declared before; a call to another function adds nothing. */
static void test_fnmetrics_goto_and_recursion(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("int other(int);\n"
                                  "int fact(int n)\n"
                                  "{\n"
                                  "    if (n <= 1)\n"
                                  "        goto one;\n"
                                  "    return n * fact(n - 1);\n"
                                  "one:\n"
                                  "    return other(1);\n"
                                  "}\n"
                                  "int r(int);\n"
                                  "int r(int n) { return n ? r(n - 1) : 0; }\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "fact");

    (void)state;
    assert_cc(rec, "fact", 2, 3);
    assert_step(f, 1, "goto", 1, 5, 9);
    assert_int_equal(f->steps[1].s.nesting, 0);
    assert_step(f, 2, "recursion", 1, 6, 16);
    assert_cc(rec, "r", 2, 2);
    free(rec);
}

/* The white paper's sumOfPrimes (cognitive 7, cyclomatic 4) with `continue OUTER` as goto,
 * and getWords (cognitive 1, cyclomatic 4: three cases, default none). */
static void test_fnmetrics_white_paper_examples(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("int sum_of_primes(int max)\n"
                                  "{\n"
                                  "    int total = 0;\n"
                                  "    for (int i = 2; i <= max; ++i) {      /* +1 */\n"
                                  "        for (int j = 2; j < i; ++j) {     /* +2 */\n"
                                  "            if (i % j == 0)               /* +3 */\n"
                                  "                goto next;                /* +1 */\n"
                                  "        }\n"
                                  "        total += i;\n"
                                  "    next:;\n"
                                  "    }\n"
                                  "    return total;\n"
                                  "}\n"
                                  "const char *get_words(int number)\n"
                                  "{\n"
                                  "    switch (number) {                     /* +1 */\n"
                                  "    case 1:\n"
                                  "        return \"one\";\n"
                                  "    case 2:\n"
                                  "        return \"a couple\";\n"
                                  "    case 3:\n"
                                  "        return \"a few\";\n"
                                  "    default:\n"
                                  "        return \"lots\";\n"
                                  "    }\n"
                                  "}\n");

    (void)state;
    assert_cc(rec, "sum_of_primes", 4, 7);
    assert_cc(rec, "get_words", 4, 1);
    free(rec);
}

/* GNU's unary && takes a label's address: not a decision. */
static void test_fnmetrics_label_address_is_not_a_decision(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure("int h(int a)\n"
                                                                  "{\n"
                                                                  "    void *next = &&done;\n"
                                                                  "    if (a)\n"
                                                                  "        goto *next;\n"
                                                                  "    a++;\n"
                                                                  "done:\n"
                                                                  "    return a;\n"
                                                                  "}\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "h");

    (void)state;
    assert_int_equal(f->written.cyclomatic, 2);
    assert_int_equal(f->expanded.cyclomatic, 2);
    free(rec);
}

/* Counted: declaration 1, x = a 2, if 3, x++ 4, (; not), ({ } not) x-- 5, while 6, x-- 7,
 * for 8, break 9, switch 10, case 11, x = 2 12, break 13, default 14, return 15, label 16,
 * x++ 17, return 18. */
static void test_fnmetrics_statements(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure("int f(int a)\n"
                                                                  "{\n"
                                                                  "    int x = 0;\n"
                                                                  "    x = a;\n"
                                                                  "    if (a)\n"
                                                                  "        x++;\n"
                                                                  "    else\n"
                                                                  "        ;\n"
                                                                  "    {\n"
                                                                  "        x--;\n"
                                                                  "    }\n"
                                                                  "    while (x)\n"
                                                                  "        x--;\n"
                                                                  "    for (;;)\n"
                                                                  "        break;\n"
                                                                  "    switch (a) {\n"
                                                                  "    case 1:\n"
                                                                  "        x = 2;\n"
                                                                  "        break;\n"
                                                                  "    default:\n"
                                                                  "        return 3;\n"
                                                                  "    }\n"
                                                                  "lab:\n"
                                                                  "    x++;\n"
                                                                  "    return x;\n"
                                                                  "}\n"
                                                                  "int doc(int a)\n"
                                                                  "{\n"
                                                                  "    int x = 0;\n"
                                                                  "    x = a;\n"
                                                                  "    if (a)\n"
                                                                  "        x++;\n"
                                                                  "    else\n"
                                                                  "        ;\n"
                                                                  "    {\n"
                                                                  "        x--;\n"
                                                                  "    }\n"
                                                                  "lab:\n"
                                                                  "    return x;\n"
                                                                  "}\n");
    const struct fnmetrics_fixture_fn *f = fnmetrics_fixture_fn(rec, "f");

    (void)state;
    assert_int_equal(f->expanded.statements, 18);
    assert_int_equal(f->written.statements, 18);
    /* docs/metrics.md's example: declaration, x = a, if, x++, x--, label, return = 7. */
    f = fnmetrics_fixture_fn(rec, "doc");
    assert_int_equal(f->expanded.statements, 7);
    free(rec);
}

/* GNU a ?: b: a decision for cyclomatic, not a structure for cognitive (the white paper
 * exempts such shorthands, like ?? in C#). Its operand is counted once, though libclang
 * shows it three times. */
static void test_fnmetrics_gnu_conditional(void **state)
{
    struct fnmetrics_fixture_run *rec =
        fnmetrics_fixture_measure("int gn(int a, int b) { return a ?: b; }\n"
                                  "int gn2(int x, int y, int z) { return (x && y) ?: z; }\n");

    (void)state;
    assert_cc(rec, "gn", 2, 0);
    assert_int_equal(fnmetrics_fixture_fn(rec, "gn")->expanded.max_nesting, 0);
    assert_cc(rec, "gn2", 3, 1);
    free(rec);
}

/* A block nests what it holds: the if inside is +2. */
static void test_fnmetrics_block_nests(void **state)
{
    struct fnmetrics_fixture_run *rec = fnmetrics_fixture_measure("int blk(int x)\n"
                                                                  "{\n"
                                                                  "    int (^b)(int) = ^(int y) {\n"
                                                                  "        if (y)\n"
                                                                  "            return 1;\n"
                                                                  "        return 0;\n"
                                                                  "    };\n"
                                                                  "    return b(x);\n"
                                                                  "}\n");

    (void)state;
    assert_cc(rec, "blk", 2, 2);
    free(rec);
}

/* 10,000 operands joined by && (a left-deep tree 10,000 levels down): one run, 9,999
 * decisions, in linear time and no native recursion in ecg. */
static void test_fnmetrics_ten_thousand_operand_chain(void **state)
{
    const size_t terms = 10000;
    size_t cap = terms * 8 + 64, len = 0;
    char *src = malloc(cap);
    struct fnmetrics_fixture_run *rec;

    (void)state;
    assert_non_null(src);
    len += (size_t)snprintf(src + len, cap - len, "int deep(int a) { return a");
    for (size_t i = 1; i < terms; i++)
        len += (size_t)snprintf(src + len, cap - len, " && a");
    snprintf(src + len, cap - len, "; }\n");
    rec = fnmetrics_fixture_measure(src);
    free(src);
    assert_cc(rec, "deep", (unsigned)terms, 1);
    free(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fnmetrics_empty_function_and_parameters),
        cmocka_unit_test(test_fnmetrics_each_decision_kind),
        cmocka_unit_test(test_fnmetrics_case_counts_and_default_does_not),
        cmocka_unit_test(test_fnmetrics_logical_sequences),
        cmocka_unit_test(test_fnmetrics_conditional_operator_nesting),
        cmocka_unit_test(test_fnmetrics_nested_ifs),
        cmocka_unit_test(test_fnmetrics_else_if_chain_versus_nested_else),
        cmocka_unit_test(test_fnmetrics_loops_nested_in_switch),
        cmocka_unit_test(test_fnmetrics_goto_and_recursion),
        cmocka_unit_test(test_fnmetrics_white_paper_examples),
        cmocka_unit_test(test_fnmetrics_label_address_is_not_a_decision),
        cmocka_unit_test(test_fnmetrics_statements),
        cmocka_unit_test(test_fnmetrics_gnu_conditional),
        cmocka_unit_test(test_fnmetrics_block_nests),
        cmocka_unit_test(test_fnmetrics_ten_thousand_operand_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
