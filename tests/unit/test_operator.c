/* Unit tests for operator spellings (rules/support/operator.c): binary, compound and unary
 * operators, read between the operands, and through macros where the operands allow it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "rules/support/operator.h"
#include "tests/support/testkit.h"

#define MAX_SEEN 32

struct seen {
    char ops[MAX_SEEN][8]; /* "?" when unknown */
    size_t n_ops;
};

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if ((kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator ||
         kind == CXCursor_UnaryOperator) &&
        s->n_ops < MAX_SEEN) {
        if (!rule_operator_spelling(s->ops[s->n_ops], sizeof(s->ops[0]),
                                    clang_Cursor_getTranslationUnit(c), c))
            snprintf(s->ops[s->n_ops], sizeof(s->ops[0]), "?");
        s->n_ops++;
    }
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    memset(out, 0, sizeof(*out));
    testkit_visit_source(source, visit, out);
}

static void test_operator_binary_unary_and_compound(void **state)
{
    struct seen s;

    (void)state;
    scan("int f(int a, int *p) { a += a == 3; a = -a; p++; return *p != 0 && a; }\n", &s);
    assert_int_equal(s.n_ops, 8);
    assert_string_equal(s.ops[0], "+=");
    assert_string_equal(s.ops[1], "==");
    assert_string_equal(s.ops[2], "=");
    assert_string_equal(s.ops[3], "-");
    assert_string_equal(s.ops[4], "++");
    assert_string_equal(s.ops[5], "&&");
    assert_string_equal(s.ops[6], "!=");
    assert_string_equal(s.ops[7], "*");
}

static void test_operator_operand_from_macro(void **state)
{
    struct seen s;

    (void)state;
    scan("#define NIL ((void *)0)\n#define SET(a, b) a = b\n"
         "int f(char *p, char *q) { if (p == NIL) SET(p, q); return p != q; }\n",
         &s);
    assert_int_equal(s.n_ops, 3);
    assert_string_equal(s.ops[0], "=="); /* the operand from NIL is where NIL is written */
#if CINDEX_VERSION_MINOR < 64
    assert_string_equal(s.ops[1], "?"); /* the '=' is inside SET's body */
#else
    assert_string_equal(s.ops[1], "=");
#endif
    assert_string_equal(s.ops[2], "!=");
}

static void test_operator_not_and_deref_of_int_pointer(void **state)
{
    struct seen s;

    (void)state;
    /* !p and *p of an int pointer are both int: the types cannot tell them apart */
    scan("int f(int *p, int n) { n <<= !p; return *p - n; }\n", &s);
    assert_int_equal(s.n_ops, 4);
    assert_string_equal(s.ops[0], "<<=");
    assert_string_equal(s.ops[1], "!");
    assert_string_equal(s.ops[2], "-");
    assert_string_equal(s.ops[3], "*");
}

static void test_operator_inside_one_macro_argument(void **state)
{
    struct seen s;

    (void)state;
    scan("#define CHECK(c) ((c) ? 1 : 0)\nint f(int a, int b) { return CHECK(a == b); }\n", &s);
    assert_int_equal(s.n_ops, 1);
    assert_string_equal(s.ops[0], "==");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operator_binary_unary_and_compound),
        cmocka_unit_test(test_operator_operand_from_macro),
        cmocka_unit_test(test_operator_not_and_deref_of_int_pointer),
        cmocka_unit_test(test_operator_inside_one_macro_argument),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
