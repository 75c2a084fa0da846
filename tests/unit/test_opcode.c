/* Unit tests for the operators of operator cursors (analyzer/opcode.c): each operator read
 * through a unit's kept file texts (ecg_opcode_read) is the one read without them, with
 * macros and comments between operands, and (before libclang 17, where operators are read
 * from the text) a file's text is kept in one slot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "tests/support/testkit.h"

#define MAX_SEEN 64

struct seen {
    enum ecg_op plain[MAX_SEEN]; /* ecg_opcode_of */
    enum ecg_op kept[MAX_SEEN];  /* ecg_opcode_read with texts */
    size_t n;
    struct ecg_opcode_texts texts;
};

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if ((kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator ||
         kind == CXCursor_UnaryOperator) &&
        s->n < MAX_SEEN) {
        s->plain[s->n] = ecg_opcode_of(c);
        s->kept[s->n] = ecg_opcode_read(&s->texts, c);
        s->n++;
    }
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    memset(out, 0, sizeof(*out));
    ecg_opcode_texts_init(&out->texts);
    testkit_visit_source(source, visit, out);
}

static void test_opcode_kept_texts_read_the_same(void **state)
{
    struct seen s;

    (void)state;
    scan("#define MIN(a, b) ((a) < (b) ? (a) : (b))\n"
         "int f(int a, int *p, unsigned u)\n"
         "{\n"
         "    a += a == 3; /* a comment */ a = -a;\n"
         "    p++; --a; u <<= 2; u = ~u;\n"
         "    a = MIN(a, *p) + (a /* c */ % 3);\n"
         "    return *p != 0 && !a || (a, u >= 1);\n"
         "}\n",
         &s);
    assert_true(s.n >= 16);
    for (size_t i = 0; i < s.n; i++)
        assert_int_equal(s.kept[i], s.plain[i]);
    assert_int_equal(s.kept[0], ECG_OP_ADD); /* += */
    assert_int_equal(s.kept[1], ECG_OP_EQ);
    assert_int_equal(s.kept[2], ECG_OP_ASSIGN);
    assert_int_equal(s.kept[3], ECG_OP_MINUS);
    assert_int_equal(s.kept[4], ECG_OP_POSTINC);
    assert_int_equal(s.kept[5], ECG_OP_PREDEC);
}

static void test_opcode_texts_reused_and_replaced(void **state)
{
    struct ecg_opcode_texts texts;
    struct seen s;

    (void)state;
    ecg_opcode_texts_init(&texts);
    for (unsigned i = 0; i < ECG_OPCODE_TEXTS; i++)
        assert_null(texts.file[i]);
    scan("int g(int a) { a = a + 1; a = a - 1; a = a * 2; return a; }\n", &s);
    assert_int_equal(s.n, 6);
    for (size_t i = 0; i < s.n; i++)
        assert_int_equal(s.kept[i], s.plain[i]);
#if CINDEX_VERSION_MINOR < 64
    /* one file: one slot filled, the others still empty */
    assert_non_null(s.texts.file[0]);
    assert_null(s.texts.file[1]);
    assert_int_equal(s.texts.next, 1);
#else
    /* libclang 17 and later name the operators: no file text is read, no slot is filled */
    for (unsigned i = 0; i < ECG_OPCODE_TEXTS; i++)
        assert_null(s.texts.file[i]);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opcode_kept_texts_read_the_same),
        cmocka_unit_test(test_opcode_texts_reused_and_replaced),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
