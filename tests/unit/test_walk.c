/* Unit tests for the one-walk engine: enter/leave pairing, function events, ancestors,
 * skipping of system headers, and a 10,000-deep expression walked without recursion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/filefilter.h"
#include "analyzer/walk.h"
#include "rules/rule.h"

/* What the recording rule saw. */
struct trace {
    size_t enters, leaves, depth, max_depth;
    size_t function_enters, function_leaves;
    size_t calls_inside_function;
    int ancestor_of_call_is_function_body_descendant;
    int balanced;
};

static void on_enter(struct rule_ctx *rc, CXCursor c)
{
    struct trace *t = rule_state(rc);

    t->enters++;
    t->depth++;
    if (t->depth > t->max_depth)
        t->max_depth = t->depth;
    if (clang_getCursorKind(c) == CXCursor_CallExpr && !clang_Cursor_isNull(rule_function(rc))) {
        t->calls_inside_function++;
        /* The call's ancestors lead up to the enclosing function definition. */
        for (size_t up = 0;; up++) {
            CXCursor a = rule_ancestor(rc, up);
            if (clang_Cursor_isNull(a))
                break;
            if (clang_equalCursors(a, rule_function(rc)))
                t->ancestor_of_call_is_function_body_descendant = 1;
        }
    }
}

static void on_leave(struct rule_ctx *rc, CXCursor c)
{
    struct trace *t = rule_state(rc);

    (void)c;
    if (t->depth == 0)
        t->balanced = 0;
    t->depth--;
    t->leaves++;
}

static void on_fn_enter(struct rule_ctx *rc, CXCursor c)
{
    (void)c;
    ((struct trace *)rule_state(rc))->function_enters++;
}

static void on_fn_leave(struct rule_ctx *rc, CXCursor c)
{
    (void)c;
    ((struct trace *)rule_state(rc))->function_leaves++;
}

static const struct rule_desc trace_rule = {
    .id = "test-trace",
    .kinds = { CXCursor_FunctionDecl, CXCursor_CompoundStmt, CXCursor_CallExpr,
               CXCursor_BinaryOperator, CXCursor_ReturnStmt, CXCursor_DeclRefExpr,
               CXCursor_ParmDecl, CXCursor_UnexposedExpr, CXCursor_IntegerLiteral },
    .on_cursor = on_enter,
    .on_cursor_leave = on_leave,
    .on_function_enter = on_fn_enter,
    .on_function_leave = on_fn_leave,
    .state_size = sizeof(struct trace),
};

static void walk_source(const char *source, struct trace *out)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    const struct rule_desc *rules[] = { &trace_rule };
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    struct ecg_filefilter filter;
    struct ecg_findings findings;
    struct ecg_walk walk;

    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 4, &unsaved, 1, 0, &tu),
        CXError_Success);
    ecg_findings_init(&findings);
    ecg_filefilter_init(&filter, clang_getFile(tu, "/virtual/t.c"), "/virtual", NULL);
    assert_int_equal(
        ecg_walk_init(&walk, &(struct ecg_walk_inputs){ tu, NULL, &filter, &findings, rules, 1 }),
        0);
    ((struct trace *)walk.rules[0].state)->balanced = 1;
    assert_int_equal(ecg_walk_run(&walk), 0);
    *out = *(struct trace *)walk.rules[0].state;
    ecg_walk_fini(&walk);
    ecg_filefilter_fini(&filter);
    ecg_findings_fini(&findings);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

static void test_walk_pairs_enter_and_leave(void **state)
{
    struct trace t;

    (void)state;
    walk_source("int g(int);\nint f(int a) { return g(a) + g(a + 1); }\n"
                "int h(void) { return f(2); }\n",
                &t);
    assert_true(t.balanced);
    assert_true(t.enters > 10);
    assert_int_equal(t.enters, t.leaves);
    assert_int_equal(t.depth, 0);
    assert_int_equal(t.function_enters, 2); /* the prototype g is not a definition */
    assert_int_equal(t.function_leaves, 2);
    assert_int_equal(t.calls_inside_function, 3);
    assert_true(t.ancestor_of_call_is_function_body_descendant);
}

static void test_walk_skips_system_headers(void **state)
{
    struct trace with, without;

    (void)state;
    walk_source("#include <stdio.h>\n#include <string.h>\nint f(void) { return 1; }\n", &with);
    walk_source("int f(void) { return 1; }\n", &without);
    assert_int_equal(with.enters, without.enters);
}

static void test_walk_handles_ten_thousand_deep_expression(void **state)
{
    const size_t terms = 10000;
    size_t cap = terms * 4 + 64, len = 0;
    char *src = malloc(cap);
    struct trace t;

    (void)state;
    assert_non_null(src);
    len += (size_t)snprintf(src + len, cap - len, "int f(int a) { return a");
    for (size_t i = 1; i < terms; i++)
        len += (size_t)snprintf(src + len, cap - len, "+a");
    snprintf(src + len, cap - len, "; }\n");
    walk_source(src, &t);
    free(src);
    assert_true(t.balanced);
    assert_int_equal(t.enters, t.leaves);
    assert_true(t.max_depth > terms);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_pairs_enter_and_leave),
        cmocka_unit_test(test_walk_skips_system_headers),
        cmocka_unit_test(test_walk_handles_ten_thousand_deep_expression),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
