/* Unit tests for the null-state support of the security rules (rules/support/nullflow.c,
 * nullflow_facts.c, nullsum.c): null constants, the values paths carry and join at a label,
 * variables first met late, and the per-unit table of function summaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rules/support/nullflow.h"
#include "rules/support/nullsum.h"
#include "tests/support/testkit.h"

#define MAX_SEEN 16

/* What a small unit holds: the argument of each call to k(), the variables and the
 * declarations of functions, in source order. */
struct seen {
    CXIndex index;
    CXTranslationUnit tu;
    CXCursor args[MAX_SEEN];
    size_t n_args;
    CXCursor vars[MAX_SEEN];
    size_t n_vars;
    CXCursor fns[MAX_SEEN];
    size_t n_fns;
};

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    CXString name;

    (void)parent;
    if (kind == CXCursor_VarDecl && s->n_vars < MAX_SEEN)
        s->vars[s->n_vars++] = c;
    if (kind == CXCursor_FunctionDecl && s->n_fns < MAX_SEEN)
        s->fns[s->n_fns++] = c;
    if (kind != CXCursor_CallExpr || s->n_args == MAX_SEEN)
        return CXChildVisit_Recurse;
    name = clang_getCursorSpelling(c);
    if (strcmp(clang_getCString(name), "k") == 0)
        s->args[s->n_args++] = clang_Cursor_getArgument(c, 0);
    clang_disposeString(name);
    return CXChildVisit_Recurse;
}

static void parse(const char *source, struct seen *out)
{
    memset(out, 0, sizeof(*out));
    testkit_parse_source(&out->index, &out->tu, source);
    clang_visitChildren(clang_getTranslationUnitCursor(out->tu), visit, out);
}

static void release(struct seen *s)
{
    testkit_dispose_source(s->index, s->tu);
}

static void test_nullflow_null_constants(void **state)
{
    struct seen s;

    (void)state;
    parse("#define NULL ((void *)0)\n"
          "void k(const void *p);\n"
          "void f(int *q) { k(0); k(NULL); k((char *)0); k(q); k((void *)1); }\n",
          &s);
    assert_int_equal(s.n_args, 5);
    assert_true(rule_nullflow_is_null_constant(s.args[0]));
    assert_true(rule_nullflow_is_null_constant(s.args[1]));
    assert_true(rule_nullflow_is_null_constant(s.args[2]));
    assert_false(rule_nullflow_is_null_constant(s.args[3]));
    assert_false(rule_nullflow_is_null_constant(s.args[4]));
    release(&s);
}

/* Two paths jump to one label: the values they carry join there. */
static void test_nullflow_paths_join_at_label(void **state)
{
    struct seen s;
    struct rule_nullflow *nf = rule_nullflow_new();
    struct rule_nullflow_value null = { 1, RULE_NULLFLOW_NULL };
    struct rule_nullflow_value nonnull = { 2, RULE_NULLFLOW_NONNULL };
    CXCursor label = clang_getNullCursor();

    (void)state;
    assert_non_null(nf);
    parse("void f(void) { int *p; int *q; }\n", &s);
    assert_int_equal(s.n_vars, 2);
    label = s.vars[1]; /* any cursor names the label: the flow only compares them */
    rule_nullflow_begin(nf, s.tu);
    rule_nullflow_set(nf, s.vars[0], null);
    assert_int_equal(rule_nullflow_get(nf, s.vars[0]).bits, RULE_NULLFLOW_NULL);
    rule_nullflow_goto(nf, label);
    assert_false(rule_nullflow_reachable(nf));
    rule_nullflow_set(nf, s.vars[0], nonnull); /* ignored: nothing reaches here */
    rule_nullflow_label(nf, NULL, label);
    assert_true(rule_nullflow_reachable(nf));
    assert_int_equal(rule_nullflow_get(nf, s.vars[0]).bits, RULE_NULLFLOW_NULL);
    rule_nullflow_goto(nf, label);
    rule_nullflow_label(nf, NULL, label);
    rule_nullflow_set(nf, s.vars[0], nonnull);
    rule_nullflow_tested(nf, s.vars[0]);
    assert_int_equal(rule_nullflow_get(nf, s.vars[0]).bits, RULE_NULLFLOW_NONNULL);
    assert_false(rule_nullflow_lost(nf));
    rule_nullflow_free(nf);
    release(&s);
}

/* A variable first met after a path was kept for a label gets its declared value on that
 * path too, so the join does not read it as "not followed". */
static void test_nullflow_declare_reaches_kept_paths(void **state)
{
    struct seen s;
    struct rule_nullflow *nf = rule_nullflow_new();
    struct rule_nullflow_value unknown = { 0, RULE_NULLFLOW_TESTED };
    struct rule_nullflow_value null = { 3, RULE_NULLFLOW_NULL };
    struct rule_nullflow_value fresh = { 4, RULE_NULLFLOW_FRESH };

    (void)state;
    assert_non_null(nf);
    parse("void f(void) { int *p; int *q; }\n", &s);
    rule_nullflow_begin(nf, s.tu);
    assert_false(rule_nullflow_knows(nf, s.vars[0]));
    rule_nullflow_goto(nf, s.vars[1]); /* a path kept for the label, p not met yet */
    rule_nullflow_declare(nf, s.vars[0], unknown);
    assert_true(rule_nullflow_knows(nf, s.vars[0]));
    rule_nullflow_label(nf, NULL, s.vars[1]);
    assert_true(rule_nullflow_reachable(nf));
    assert_int_equal(rule_nullflow_get(nf, s.vars[0]).bits, RULE_NULLFLOW_TESTED);
    rule_nullflow_set(nf, s.vars[0], null);
    rule_nullflow_declare(nf, s.vars[0], fresh); /* followed already: no change */
    assert_int_equal(rule_nullflow_get(nf, s.vars[0]).bits, RULE_NULLFLOW_NULL);
    assert_int_equal(rule_nullflow_depth(nf), 0);
    rule_nullflow_free(nf);
    release(&s);
}

/* A test of one copy of an allocation tells about every variable holding it. */
static void test_nullflow_copies_share_tests(void **state)
{
    struct seen s;
    struct rule_nullflow *nf = rule_nullflow_new();
    struct rule_nullflow_value fresh = { 7, RULE_NULLFLOW_FRESH };

    (void)state;
    assert_non_null(nf);
    parse("void f(void) { int *p; int *q; }\n", &s);
    rule_nullflow_begin(nf, s.tu);
    rule_nullflow_set(nf, s.vars[0], fresh);
    rule_nullflow_set(nf, s.vars[1], fresh);
    rule_nullflow_tested(nf, s.vars[1]);
    assert_int_equal(rule_nullflow_get(nf, s.vars[0]).bits, RULE_NULLFLOW_TESTED);
    rule_nullflow_nonnull(nf, s.vars[0]);
    assert_int_equal(rule_nullflow_get(nf, s.vars[1]).bits, RULE_NULLFLOW_NONNULL);
    rule_nullflow_stop(nf);
    assert_false(rule_nullflow_reachable(nf));
    rule_nullflow_free(nf);
    rule_nullflow_free(NULL);
    release(&s);
}

static void test_nullsum_finds_any_declaration(void **state)
{
    struct seen s;
    struct rule_nullsum *t = rule_nullsum_new();
    struct rule_nullsum_fn sum = { 1u << 1, 0, 0, 0 };
    const struct rule_nullsum_fn *found;
    unsigned char *byte;
    int added = 0;

    (void)state;
    assert_non_null(t);
    parse("int use(int *a, int *b);\n"
          "int use(int *a, int *b) { return *b; }\n"
          "void other(void) {}\n",
          &s);
    assert_int_equal(s.n_fns, 3);
    assert_null(rule_nullsum_find(t, s.fns[0]));
    assert_int_equal(rule_nullsum_add(t, s.fns[1], &sum), 0);
    found = rule_nullsum_find(t, s.fns[0]);
    assert_non_null(found);
    assert_int_equal(found->deref_params, 1u << 1);
    assert_null(rule_nullsum_find(t, s.fns[2]));
    sum.noreturn = 1;
    assert_int_equal(rule_nullsum_add(t, s.fns[0], &sum), 0);
    assert_true(rule_nullsum_find(t, s.fns[1])->noreturn);
    byte = rule_nullsum_callee(t, s.fns[2], &added);
    assert_non_null(byte);
    assert_true(added);
    *byte = 5;
    byte = rule_nullsum_callee(t, s.fns[2], &added);
    assert_false(added);
    assert_int_equal(*byte, 5);
    rule_nullsum_free(t);
    rule_nullsum_free(NULL);
    release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nullflow_null_constants),
        cmocka_unit_test(test_nullflow_paths_join_at_label),
        cmocka_unit_test(test_nullflow_declare_reaches_kept_paths),
        cmocka_unit_test(test_nullflow_copies_share_tests),
        cmocka_unit_test(test_nullsum_finds_any_declaration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
