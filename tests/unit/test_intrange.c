/* Unit tests for integer facts (rules/support/intrange.c): integer types and their widths,
 * which limit a constant is once converted to a type, and the variable an operand names.
 * The guard and stored-type queries need the walk; the rule's fixtures cover them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rules/support/intrange.h"
#include "tests/support/testkit.h"

#define MAX_VARS 16

/* The initialisers of the unit's variables, in order, with the variables' types. */
struct inits {
    CXTranslationUnit tu;
    CXIndex index;
    CXCursor var[MAX_VARS];
    CXCursor init[MAX_VARS];
    size_t n;
};

static enum CXChildVisitResult last_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct inits *s = data;

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_VarDecl && s->n < MAX_VARS) {
        s->var[s->n] = c;
        s->init[s->n] = clang_getNullCursor();
        clang_visitChildren(c, last_child, &s->init[s->n]);
        s->n++;
    }
    return CXChildVisit_Recurse;
}

static void parse(const char *source, struct inits *out)
{
    memset(out, 0, sizeof(*out));
    testkit_parse_source(&out->index, &out->tu, source);
    clang_visitChildren(clang_getTranslationUnitCursor(out->tu), visit, out);
}

static void release(struct inits *s)
{
    testkit_dispose_source(s->index, s->tu);
}

static unsigned limit_of(const struct inits *s, size_t i)
{
    struct rule_intrange_type t;

    assert_true(rule_intrange_type(&t, clang_getCursorType(s->var[i])));
    return rule_intrange_limit_of(s->init[i], t);
}

static void test_intrange_types_and_widths(void **state)
{
    struct inits s;
    struct rule_intrange_type t;

    (void)state;
    parse("enum e { A, B }; void f(void) { char c = 0; unsigned short us = 0; long long ll = 0;"
          " enum e v = A; double d = 0; int *p = 0; _Bool b = 0; }\n",
          &s);
    assert_int_equal(s.n, 7);
    assert_true(rule_intrange_type(&t, clang_getCursorType(s.var[0])));
    assert_int_equal(t.bytes, 1);
    assert_true(rule_intrange_type(&t, clang_getCursorType(s.var[1])));
    assert_int_equal(t.bytes, 2);
    assert_false(t.is_signed);
    assert_true(rule_intrange_type(&t, clang_getCursorType(s.var[2])));
    assert_int_equal(t.bytes, 8);
    assert_true(t.is_signed);
    assert_true(rule_intrange_type(&t, clang_getCursorType(s.var[3])));
    assert_int_equal(t.bytes, 4);
    assert_false(rule_intrange_type(&t, clang_getCursorType(s.var[4])));
    assert_false(rule_intrange_type(&t, clang_getCursorType(s.var[5])));
    assert_true(rule_intrange_type(&t, clang_getCursorType(s.var[6])));
    assert_false(t.is_signed);
    release(&s);
}

static void test_intrange_limits_after_conversion(void **state)
{
    struct inits s;

    (void)state;
    parse("void f(int k) { int a = 2147483647; int b = -2147483647 - 1; unsigned u = -1;"
          " unsigned z = 0; short s = 32767; signed char c = -128; long long l ="
          " 0x7fffffffffffffffLL; int n = 2; int v = k; unsigned long long m = ~0ull; }\n",
          &s);
    assert_int_equal(s.n, 10);
    assert_int_equal(limit_of(&s, 0), RULE_INTRANGE_UPPER);
    assert_int_equal(limit_of(&s, 1), RULE_INTRANGE_LOWER);
    assert_int_equal(limit_of(&s, 2), RULE_INTRANGE_UPPER); /* -1 converted: UINT_MAX */
    assert_int_equal(limit_of(&s, 3), RULE_INTRANGE_LOWER); /* 0 is unsigned's minimum */
    assert_int_equal(limit_of(&s, 4), RULE_INTRANGE_UPPER);
    assert_int_equal(limit_of(&s, 5), RULE_INTRANGE_LOWER);
    assert_int_equal(limit_of(&s, 6), RULE_INTRANGE_UPPER);
    assert_int_equal(limit_of(&s, 7), 0);
    assert_int_equal(limit_of(&s, 8), 0); /* not a constant */
    assert_int_equal(limit_of(&s, 9), RULE_INTRANGE_UPPER);
    release(&s);
}

static void test_intrange_var_through_casts(void **state)
{
    struct inits s;
    CXCursor v;

    (void)state;
    parse("void f(int k) { long a = (long)(k); int b = k + 1; int c = 3; }\n", &s);
    assert_int_equal(s.n, 3);
    v = rule_intrange_var(s.init[0]);
    assert_false(clang_Cursor_isNull(v));
    assert_int_equal(clang_getCursorKind(v), CXCursor_ParmDecl);
    assert_true(clang_Cursor_isNull(rule_intrange_var(s.init[1])));
    assert_true(clang_Cursor_isNull(rule_intrange_var(s.init[2])));
    release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intrange_types_and_widths),
        cmocka_unit_test(test_intrange_limits_after_conversion),
        cmocka_unit_test(test_intrange_var_through_casts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
