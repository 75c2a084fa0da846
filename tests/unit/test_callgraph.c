/* Unit tests for the unit call graph (rules/support/callgraph.c): calls by name, the slots
 * function pointers are stored into (variables, parameters, fields, arrays) and code that
 * does not parse cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rules/support/callgraph.h"
#include "tests/support/testkit.h"

/* What a test reads from the graph while the unit is alive. */
typedef void (*graph_check_fn)(const struct rule_callgraph *g);

struct graph_run {
    graph_check_fn check;
    int built;
};

static enum CXChildVisitResult build_once(CXCursor c, CXCursor parent, CXClientData data)
{
    struct graph_run *run = data;
    struct rule_callgraph g;

    (void)parent;
    assert_int_equal(rule_callgraph_init(&g, clang_Cursor_getTranslationUnit(c)), 0);
    run->check(&g);
    rule_callgraph_fini(&g);
    run->built = 1;
    return CXChildVisit_Break;
}

static void check_source(const char *source, graph_check_fn check)
{
    struct graph_run run = { check, 0 };

    testkit_visit_source(source, build_once, &run);
    assert_true(run.built);
}

static size_t fn_named(const struct rule_callgraph *g, const char *usr)
{
    size_t fn = rule_callgraph_find(g, usr);

    assert_true(fn != RULE_CALLGRAPH_NONE);
    return fn;
}

static void check_direct(const struct rule_callgraph *g)
{
    size_t a = fn_named(g, "c:@F@a");
    size_t b = fn_named(g, "c:@F@b");
    size_t c = fn_named(g, "c:@F@c");

    assert_int_equal(g->fns[a].n_calls, 3);
    assert_int_equal(g->calls[g->fns[a].first_call].callee, b);
    assert_int_equal(g->calls[g->fns[a].first_call + 2].callee, c);
    assert_int_equal(g->fns[b].n_calls, 1);
    assert_true(clang_Cursor_isNull(g->fns[c].def)); /* declared only */
    assert_true(rule_callgraph_find(g, "c:@F@nowhere") == RULE_CALLGRAPH_NONE);
}

static void test_callgraph_direct_calls(void **state)
{
    (void)state;
    check_source("void c(int);\n"
                 "void b(void) { c(1); }\n"
                 "void a(void) { b(); b(); c(2); }\n",
                 check_direct);
}

/* The number of functions stored in the slot whose USR contains part. */
static size_t binds_of(const struct rule_callgraph *g, const char *part)
{
    for (size_t i = 0; i < g->n_binds; i++) {
        size_t first;
        if (strstr(g->binds[i].slot, part) != NULL)
            return rule_callgraph_slot_binds(&first, g, g->binds[i].slot);
    }
    return 0;
}

static void check_slots(const struct rule_callgraph *g)
{
    size_t call_through = 0;

    assert_int_equal(binds_of(g, "@FI@on_full"), 3);  /* designated, positional, assigned */
    assert_int_equal(binds_of(g, "@FI@on_empty"), 1); /* positional */
    assert_int_equal(binds_of(g, "@hook"), 2);        /* initialised, then assigned */
    assert_int_equal(binds_of(g, "@table"), 2);       /* array elements */
    assert_int_equal(binds_of(g, "@cb"), 1);          /* argument to a defined function */
    for (size_t k = 0; k < g->n_calls; k++)
        call_through += g->calls[k].slot != NULL;
    assert_int_equal(call_through, 4);
}

static void test_callgraph_function_pointer_slots(void **state)
{
    (void)state;
    check_source("struct ops { void (*on_full)(int); void (*on_empty)(int); };\n"
                 "static void f1(int x) { (void)x; }\n"
                 "static void f2(int x) { (void)x; }\n"
                 "static struct ops o1 = { .on_full = f1 };\n"
                 "static struct ops o2 = { f1, f2 };\n"
                 "static void (*hook)(int) = f1;\n"
                 "static void (*const table[])(int) = { f1, &f2 };\n"
                 "static void run(void (*cb)(int)) { cb(1); }\n"
                 "void setup(struct ops *o) { o->on_full = f2; hook = f2; run(f1); }\n"
                 "void fire(struct ops *o, int i) { o->on_full(1); hook(2); table[i](3); }\n",
                 check_slots);
}

static void check_broken(const struct rule_callgraph *g)
{
    size_t ok = fn_named(g, "c:@F@ok");

    assert_int_equal(g->fns[ok].n_calls, 2);
}

static void test_callgraph_survives_parse_errors(void **state)
{
    (void)state;
    check_source("void helper(int);\n"
                 "void broken(void) { int x = ; helper(x) undeclared_call(1); }\n"
                 "int knr(a) int a; { return a; }\n"
                 "void ok(void) { helper(knr(2) > 0 ? 1 : 0); }\n",
                 check_broken);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_callgraph_direct_calls),
        cmocka_unit_test(test_callgraph_function_pointer_slots),
        cmocka_unit_test(test_callgraph_survives_parse_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
