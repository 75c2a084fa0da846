/* Unit tests for the control-flow graph (analyzer/cfg.h): the blocks and edges of each
 * construct (if/else, loops with break and continue, for headers with parts left out,
 * switch with fallthrough and default, goto and computed goto, return, &&, ||, ?:, !,
 * noreturn calls, statement expressions) and the straight layout of code nested too deep.
 * Functions come from source text through the one walk, as the taint engine gets them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/cfg.h"
#include "analyzer/filefilter.h"
#include "analyzer/fir.h"
#include "analyzer/walk.h"
#include "rules/rule.h"

static const struct rule_desc flow_rule = {
    .id = "test-flow",
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_COMMAND),
};

/* A parsed unit, walked, and the graph of one of its functions. */
struct unit {
    CXIndex index;
    CXTranslationUnit tu;
    struct ecg_filefilter filter;
    struct ecg_findings findings;
    struct ecg_walk walk;
    struct ecg_cfg g;
    const struct ecg_fir *fir;
};

static void unit_open(struct unit *u, const char *source)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=gnu11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    const struct rule_desc *rules[] = { &flow_rule };

    memset(u, 0, sizeof(*u));
    u->index = clang_createIndex(0, 0);
    assert_int_equal(clang_parseTranslationUnit2FullArgv(u->index, "/virtual/t.c", argv, 4,
                                                         &unsaved, 1, 0, &u->tu),
                     CXError_Success);
    ecg_findings_init(&u->findings);
    ecg_filefilter_init(&u->filter, clang_getFile(u->tu, "/virtual/t.c"), "/virtual", NULL);
    assert_int_equal(ecg_walk_init(&u->walk, &(struct ecg_walk_inputs){ u->tu, NULL, &u->filter,
                                                                        &u->findings, rules, 1 }),
                     0);
    assert_int_equal(ecg_walk_run(&u->walk), 0);
    assert_non_null(u->walk.fir);
    u->fir = u->walk.fir;
    ecg_cfg_init(&u->g);
}

static void unit_close(struct unit *u)
{
    ecg_cfg_fini(&u->g);
    ecg_walk_fini(&u->walk);
    ecg_filefilter_fini(&u->filter);
    ecg_findings_fini(&u->findings);
    clang_disposeTranslationUnit(u->tu);
    clang_disposeIndex(u->index);
}

static int spelled(CXCursor c, const char *name)
{
    CXString s = clang_getCursorSpelling(c);
    int same = strcmp(clang_getCString(s), name) == 0;

    clang_disposeString(s);
    return same;
}

static uint32_t function_node(const struct unit *u, const char *name)
{
    for (size_t i = 0; i < u->fir->n_functions; i++) {
        if (spelled(u->fir->nodes[u->fir->functions[i]].cursor, name))
            return u->fir->functions[i];
    }
    fail_msg("no function %s", name);
    return ECG_FIR_NONE;
}

/* Parses source and builds the graph of function name. */
static void build(struct unit *u, const char *source, const char *name)
{
    unit_open(u, source);
    assert_int_equal(ecg_cfg_build(&u->g, u->fir, function_node(u, name), NULL), 0);
}

/* The block holding the call of name (elements of kind ECG_CFG_EVAL on a CallExpr). */
static uint32_t call_block(const struct unit *u, const char *name)
{
    for (uint32_t b = 0; b < u->g.n_blocks; b++) {
        const struct ecg_cfg_block *blk = &u->g.blocks[b];
        for (uint32_t i = 0; i < blk->n_elems; i++) {
            uint32_t n = u->g.elems[blk->first_elem + i].node;
            if (ecg_fir_kind(u->fir, n) == CXCursor_CallExpr &&
                spelled(u->fir->nodes[n].cursor, name))
                return b;
        }
    }
    fail_msg("no call of %s", name);
    return ECG_FIR_NONE;
}

/* The target of block b's first edge of kind, or ECG_FIR_NONE. */
static uint32_t edge(const struct unit *u, uint32_t b, enum ecg_cfg_edge_kind kind)
{
    const struct ecg_cfg_block *blk = &u->g.blocks[b];

    for (uint32_t i = 0; i < blk->n_edges; i++) {
        if (u->g.edges[blk->first_edge + i].kind == kind)
            return u->g.edges[blk->first_edge + i].to;
    }
    return ECG_FIR_NONE;
}

static int reaches(const struct unit *u, uint32_t from, uint32_t to)
{
    uint8_t seen[4096] = { 0 };
    uint32_t stack[4096];
    size_t n = 0;

    assert_true(u->g.n_blocks <= 4096);
    stack[n++] = from;
    seen[from] = 1;
    while (n > 0) {
        const struct ecg_cfg_block *blk = &u->g.blocks[stack[--n]];
        for (uint32_t i = 0; i < blk->n_edges; i++) {
            uint32_t t = u->g.edges[blk->first_edge + i].to;
            if (t == to)
                return 1;
            if (!seen[t]) {
                seen[t] = 1;
                stack[n++] = t;
            }
        }
    }
    return from == to;
}

static void test_cfg_straight_line_is_one_block(void **state)
{
    struct unit u;
    (void)state;

    build(&u, "void a(void); void b(void);\nvoid f(void) { a(); b(); }\n", "f");
    assert_int_equal(call_block(&u, "a"), ECG_CFG_ENTRY);
    assert_int_equal(call_block(&u, "b"), ECG_CFG_ENTRY);
    assert_int_equal(edge(&u, ECG_CFG_ENTRY, ECG_CFG_ALWAYS), ECG_CFG_EXIT);
    assert_int_equal(u.g.blocks[ECG_CFG_EXIT].n_edges, 0);
    unit_close(&u);
}

static void test_cfg_if_else_branches_and_joins(void **state)
{
    struct unit u;
    uint32_t c, a, b, d;
    (void)state;

    build(&u,
          "int c(void); void a(void); void b(void); void d(void);\n"
          "void f(void) { if (c()) a(); else b(); d(); }\n",
          "f");
    c = call_block(&u, "c");
    a = call_block(&u, "a");
    b = call_block(&u, "b");
    d = call_block(&u, "d");
    assert_int_equal(u.g.blocks[c].terminator, ECG_CFG_BRANCH);
    assert_int_equal(edge(&u, c, ECG_CFG_TRUE), a);
    assert_int_equal(edge(&u, c, ECG_CFG_FALSE), b);
    assert_int_equal(edge(&u, a, ECG_CFG_ALWAYS), d);
    assert_int_equal(edge(&u, b, ECG_CFG_ALWAYS), d);
    assert_false(reaches(&u, a, b));
    unit_close(&u);
}

static void test_cfg_if_without_else_falls_to_join(void **state)
{
    struct unit u;
    uint32_t c;
    (void)state;

    build(&u,
          "int c(void); void a(void); void d(void);\n"
          "void f(void) { if (c()) a(); d(); }\n",
          "f");
    c = call_block(&u, "c");
    assert_int_equal(edge(&u, c, ECG_CFG_TRUE), call_block(&u, "a"));
    assert_int_equal(edge(&u, c, ECG_CFG_FALSE), call_block(&u, "d"));
    unit_close(&u);
}

static void test_cfg_while_with_break_and_continue(void **state)
{
    struct unit u;
    uint32_t head, body, a, d;
    (void)state;

    build(&u,
          "int c(void); int x(void); int y(void); void a(void); void d(void);\n"
          "void f(void) { while (c()) { if (x()) break; if (y()) continue; a(); } d(); }\n",
          "f");
    head = call_block(&u, "c");
    body = edge(&u, head, ECG_CFG_TRUE);
    a = call_block(&u, "a");
    d = call_block(&u, "d");
    assert_int_equal(body, call_block(&u, "x"));
    assert_int_equal(edge(&u, head, ECG_CFG_FALSE), d);
    /* break leaves the loop, continue goes back to the condition */
    assert_true(reaches(&u, edge(&u, call_block(&u, "x"), ECG_CFG_TRUE), d));
    assert_false(reaches(&u, edge(&u, call_block(&u, "x"), ECG_CFG_TRUE), a));
    assert_int_equal(edge(&u, edge(&u, call_block(&u, "y"), ECG_CFG_TRUE), ECG_CFG_ALWAYS), head);
    assert_int_equal(edge(&u, a, ECG_CFG_ALWAYS), head);
    unit_close(&u);
}

static void test_cfg_do_while_runs_body_first(void **state)
{
    struct unit u;
    uint32_t a, c;
    (void)state;

    build(&u,
          "int c(void); void a(void); void d(void);\n"
          "void f(void) { do { a(); } while (c()); d(); }\n",
          "f");
    a = call_block(&u, "a");
    c = call_block(&u, "c");
    assert_true(reaches(&u, ECG_CFG_ENTRY, a));
    assert_int_equal(edge(&u, a, ECG_CFG_ALWAYS), c);
    assert_int_equal(edge(&u, c, ECG_CFG_TRUE), a);
    assert_int_equal(edge(&u, c, ECG_CFG_FALSE), call_block(&u, "d"));
    unit_close(&u);
}

/* The kinds of the parts ecg_cfg_for_parts finds in the first for statement of f. */
static void for_parts(const char *header, enum CXCursorKind want[3])
{
    char source[512];
    struct unit u;
    uint32_t parts[4], root;

    snprintf(source, sizeof(source), "void g(int);\nvoid f(int n) { int i = 0; for (%s) g(i); }\n",
             header);
    unit_open(&u, source);
    root = function_node(&u, "f");
    for (uint32_t n = root; n < u.fir->nodes[root].end; n++) {
        if (ecg_fir_kind(u.fir, n) != CXCursor_ForStmt)
            continue;
        ecg_cfg_for_parts(parts, u.fir, n, NULL);
        for (int i = 0; i < 3; i++) {
            enum CXCursorKind got =
                parts[i] == ECG_FIR_NONE ? CXCursor_NullStmt : ecg_fir_kind(u.fir, parts[i]);
            if (got != want[i])
                fail_msg("for (%s): part %d is kind %d, expected %d", header, i, got, want[i]);
        }
        assert_int_equal(ecg_fir_kind(u.fir, parts[3]), CXCursor_CallExpr);
        unit_close(&u);
        return;
    }
    fail_msg("no for statement");
}

static void test_cfg_for_header_parts(void **state)
{
    (void)state;
    for_parts("i = 0; i < n; i++",
              (enum CXCursorKind[]){ CXCursor_BinaryOperator, CXCursor_BinaryOperator,
                                     CXCursor_UnaryOperator });
    for_parts(";;",
              (enum CXCursorKind[]){ CXCursor_NullStmt, CXCursor_NullStmt, CXCursor_NullStmt });
    for_parts("; i < n;", (enum CXCursorKind[]){ CXCursor_NullStmt, CXCursor_BinaryOperator,
                                                 CXCursor_NullStmt });
    for_parts(";; i++", (enum CXCursorKind[]){ CXCursor_NullStmt, CXCursor_NullStmt,
                                               CXCursor_UnaryOperator });
    for_parts("i = 1;; i++", (enum CXCursorKind[]){ CXCursor_BinaryOperator, CXCursor_NullStmt,
                                                    CXCursor_UnaryOperator });
    for_parts(
        "int k = 0; k < n;",
        (enum CXCursorKind[]){ CXCursor_DeclStmt, CXCursor_BinaryOperator, CXCursor_NullStmt });
    for_parts(
        "/* ; */ ; /* ; */ i < n; /* ; */",
        (enum CXCursorKind[]){ CXCursor_NullStmt, CXCursor_BinaryOperator, CXCursor_NullStmt });
}

static void test_cfg_for_loop_continue_runs_increment(void **state)
{
    struct unit u;
    uint32_t head, step;
    (void)state;

    build(&u,
          "int c(void); int x(void); void inc(void); void a(void); void d(void);\n"
          "void f(void) { for (a(); c(); inc()) { if (x()) continue; } d(); }\n",
          "f");
    head = call_block(&u, "c");
    step = call_block(&u, "inc");
    assert_int_equal(call_block(&u, "a"), ECG_CFG_ENTRY);
    assert_int_equal(edge(&u, step, ECG_CFG_ALWAYS), head);
    assert_int_equal(edge(&u, edge(&u, call_block(&u, "x"), ECG_CFG_TRUE), ECG_CFG_ALWAYS), step);
    assert_int_equal(edge(&u, head, ECG_CFG_FALSE), call_block(&u, "d"));
    unit_close(&u);
}

static void test_cfg_switch_cases_fall_through(void **state)
{
    struct unit u;
    uint32_t v, a, b, c, d;
    (void)state;

    build(&u,
          "int v(void); void a(void); void b(void); void c(void); void d(void);\n"
          "void f(void) { switch (v()) { case 1: a(); case 2: case 3: b(); break;\n"
          "  default: c(); } d(); }\n",
          "f");
    v = call_block(&u, "v");
    a = call_block(&u, "a");
    b = call_block(&u, "b");
    c = call_block(&u, "c");
    d = call_block(&u, "d");
    assert_int_equal(u.g.blocks[v].terminator, ECG_CFG_SWITCH);
    assert_int_equal(edge(&u, v, ECG_CFG_CASE), a);
    assert_int_equal(edge(&u, v, ECG_CFG_DEFAULT), c);
    assert_true(reaches(&u, a, b)); /* falls through case 2 and 3 */
    assert_int_equal(edge(&u, b, ECG_CFG_ALWAYS), d);
    assert_int_equal(edge(&u, c, ECG_CFG_ALWAYS), d);
    assert_false(reaches(&u, b, c));
    unit_close(&u);
}

static void test_cfg_switch_without_default_can_skip(void **state)
{
    struct unit u;
    uint32_t v;
    (void)state;

    build(&u,
          "int v(void); void a(void); void d(void);\n"
          "void f(void) { switch (v()) { case 1: a(); } d(); }\n",
          "f");
    v = call_block(&u, "v");
    assert_int_equal(edge(&u, v, ECG_CFG_DEFAULT), call_block(&u, "d"));
    unit_close(&u);
}

static void test_cfg_goto_reaches_label(void **state)
{
    struct unit u;
    uint32_t x, a, b;
    (void)state;

    build(&u,
          "int x(void); void a(void); void b(void);\n"
          "void f(void) { if (x()) goto out; a(); out: b(); }\n",
          "f");
    x = call_block(&u, "x");
    a = call_block(&u, "a");
    b = call_block(&u, "b");
    assert_int_equal(edge(&u, edge(&u, x, ECG_CFG_TRUE), ECG_CFG_ALWAYS), b);
    assert_false(reaches(&u, edge(&u, x, ECG_CFG_TRUE), a));
    assert_int_equal(edge(&u, a, ECG_CFG_ALWAYS), b);
    unit_close(&u);
}

static void test_cfg_computed_goto_reaches_every_label(void **state)
{
    struct unit u;
    (void)state;

    build(&u,
          "void a(void); void b(void); void s(void);\n"
          "void f(int i) { void *t[] = { &&one, &&two }; s(); goto *t[i];\n"
          "  one: a(); return; two: b(); }\n",
          "f");
    assert_true(reaches(&u, call_block(&u, "s"), call_block(&u, "a")));
    assert_true(reaches(&u, call_block(&u, "s"), call_block(&u, "b")));
    unit_close(&u);
}

static void test_cfg_return_ends_the_path(void **state)
{
    struct unit u;
    uint32_t x, a;
    (void)state;

    build(&u, "int x(void); void a(void);\nvoid f(void) { if (x()) return; a(); }\n", "f");
    x = call_block(&u, "x");
    a = call_block(&u, "a");
    assert_int_equal(edge(&u, edge(&u, x, ECG_CFG_TRUE), ECG_CFG_ALWAYS), ECG_CFG_EXIT);
    assert_false(reaches(&u, edge(&u, x, ECG_CFG_TRUE), a));
    assert_int_equal(edge(&u, x, ECG_CFG_FALSE), a);
    unit_close(&u);
}

static void test_cfg_and_or_short_circuit(void **state)
{
    struct unit u;
    uint32_t a, b, c;
    (void)state;

    build(&u,
          "int a(void); int b(void); void c(void); void d(void);\n"
          "void f(void) { if (a() && b()) c(); d(); }\n",
          "f");
    a = call_block(&u, "a");
    b = call_block(&u, "b");
    c = call_block(&u, "c");
    assert_int_equal(edge(&u, a, ECG_CFG_TRUE), b);
    assert_int_equal(edge(&u, a, ECG_CFG_FALSE), call_block(&u, "d"));
    assert_int_equal(edge(&u, b, ECG_CFG_TRUE), c);
    unit_close(&u);

    build(&u,
          "int a(void); int b(void); void c(void); void d(void);\n"
          "void f(void) { if (a() || b()) c(); d(); }\n",
          "f");
    a = call_block(&u, "a");
    b = call_block(&u, "b");
    c = call_block(&u, "c");
    assert_int_equal(edge(&u, a, ECG_CFG_TRUE), c);
    assert_int_equal(edge(&u, a, ECG_CFG_FALSE), b);
    assert_int_equal(edge(&u, b, ECG_CFG_FALSE), call_block(&u, "d"));
    unit_close(&u);
}

static void test_cfg_not_swaps_the_edges(void **state)
{
    struct unit u;
    uint32_t c;
    (void)state;

    build(&u,
          "int c(void); void a(void); void d(void);\n"
          "void f(void) { if (!c()) a(); d(); }\n",
          "f");
    c = call_block(&u, "c");
    assert_int_equal(edge(&u, c, ECG_CFG_FALSE), call_block(&u, "a"));
    assert_int_equal(edge(&u, c, ECG_CFG_TRUE), call_block(&u, "d"));
    unit_close(&u);
}

static void test_cfg_conditional_value_has_arms(void **state)
{
    struct unit u;
    uint32_t c, a, b, join;
    size_t arms = 0;
    (void)state;

    build(&u,
          "int c(void); int a(void); int b(void);\n"
          "int f(void) { int x = c() ? a() : b(); return x; }\n",
          "f");
    c = call_block(&u, "c");
    a = call_block(&u, "a");
    b = call_block(&u, "b");
    assert_int_equal(edge(&u, c, ECG_CFG_TRUE), a);
    assert_int_equal(edge(&u, c, ECG_CFG_FALSE), b);
    join = edge(&u, a, ECG_CFG_ALWAYS);
    assert_int_equal(edge(&u, b, ECG_CFG_ALWAYS), join);
    for (size_t i = 0; i < u.g.n_elems; i++)
        arms += u.g.elems[i].kind == ECG_CFG_ARM;
    assert_int_equal(arms, 2);
    /* the ?: itself is evaluated where the arms meet, before x is initialised */
    assert_int_equal(ecg_fir_kind(u.fir, u.g.elems[u.g.blocks[join].first_elem].node),
                     CXCursor_ConditionalOperator);
    unit_close(&u);
}

static void test_cfg_noreturn_call_ends_the_path(void **state)
{
    struct unit u;
    uint32_t x;
    (void)state;

    build(&u,
          "void exit(int) __attribute__((noreturn)); void die(void) __attribute__((noreturn));\n"
          "int x(void); void a(void); void b(void);\n"
          "void f(void) { if (x()) exit(1); a(); die(); b(); }\n",
          "f");
    x = call_block(&u, "x");
    assert_int_equal(u.g.blocks[call_block(&u, "exit")].n_edges, 0);
    assert_int_equal(edge(&u, x, ECG_CFG_FALSE), call_block(&u, "a"));
    assert_int_equal(u.g.blocks[call_block(&u, "die")].n_edges, 0);
    assert_false(reaches(&u, ECG_CFG_ENTRY, call_block(&u, "b")));
    unit_close(&u);
}

static void test_cfg_statement_expression_is_inline(void **state)
{
    struct unit u;
    uint32_t c;
    (void)state;

    build(&u,
          "int c(void); int a(void); void d(int);\n"
          "void f(void) { int x = ({ int y = 0; if (c()) y = a(); y; }); d(x); }\n",
          "f");
    c = call_block(&u, "c");
    assert_int_equal(edge(&u, c, ECG_CFG_TRUE), call_block(&u, "a"));
    assert_true(reaches(&u, call_block(&u, "a"), call_block(&u, "d")));
    assert_true(reaches(&u, c, call_block(&u, "d")));
    unit_close(&u);
}

static void test_cfg_deep_nesting_is_laid_out_straight(void **state)
{
    size_t depth = ECG_CFG_DEPTH_MAX + 50, cap = depth * 24 + 256, n = 0;
    char *source = malloc(cap);
    struct unit u;
    (void)state;

    assert_non_null(source);
    n += (size_t)snprintf(source + n, cap - n, "void a(void); int c(int);\nvoid f(int v) {\n");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(source + n, cap - n, "if (c(v)) {\n");
    n += (size_t)snprintf(source + n, cap - n, "a();\n");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(source + n, cap - n, "}\n");
    snprintf(source + n, cap - n, "}\n");
    build(&u, source, "f");
    assert_true(u.g.flattened);
    assert_true(reaches(&u, ECG_CFG_ENTRY, call_block(&u, "a")));
    unit_close(&u);
    free(source);
}

static void test_cfg_elements_follow_evaluation_order(void **state)
{
    struct unit u;
    const struct ecg_cfg_block *blk;
    (void)state;

    build(&u, "int g(int);\nvoid f(int a, int b) { a = g(b) + 1; }\n", "f");
    blk = &u.g.blocks[ECG_CFG_ENTRY];
    assert_true(blk->n_elems > 3);
    /* the assignment comes last: every operand before its operator */
    assert_int_equal(ecg_fir_kind(u.fir, u.g.elems[blk->first_elem + blk->n_elems - 1].node),
                     CXCursor_BinaryOperator);
    for (uint32_t i = 0; i < blk->n_elems; i++) {
        uint32_t n = u.g.elems[blk->first_elem + i].node;
        for (uint32_t j = i + 1; j < blk->n_elems; j++) {
            uint32_t later = u.g.elems[blk->first_elem + j].node;
            /* nothing evaluated after n is inside n */
            assert_false(later > n && later < u.fir->nodes[n].end);
        }
    }
    unit_close(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cfg_straight_line_is_one_block),
        cmocka_unit_test(test_cfg_if_else_branches_and_joins),
        cmocka_unit_test(test_cfg_if_without_else_falls_to_join),
        cmocka_unit_test(test_cfg_while_with_break_and_continue),
        cmocka_unit_test(test_cfg_do_while_runs_body_first),
        cmocka_unit_test(test_cfg_for_header_parts),
        cmocka_unit_test(test_cfg_for_loop_continue_runs_increment),
        cmocka_unit_test(test_cfg_switch_cases_fall_through),
        cmocka_unit_test(test_cfg_switch_without_default_can_skip),
        cmocka_unit_test(test_cfg_goto_reaches_label),
        cmocka_unit_test(test_cfg_computed_goto_reaches_every_label),
        cmocka_unit_test(test_cfg_return_ends_the_path),
        cmocka_unit_test(test_cfg_and_or_short_circuit),
        cmocka_unit_test(test_cfg_not_swaps_the_edges),
        cmocka_unit_test(test_cfg_conditional_value_has_arms),
        cmocka_unit_test(test_cfg_noreturn_call_ends_the_path),
        cmocka_unit_test(test_cfg_statement_expression_is_inline),
        cmocka_unit_test(test_cfg_deep_nesting_is_laid_out_straight),
        cmocka_unit_test(test_cfg_elements_follow_evaluation_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
