/* Unit tests for expression keys (rules/support/exprkey.c): keys that tell the same object
 * (through casts, '->' and '(*p).', macros) from a different one (another variable of the
 * same name, another element). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "rules/support/exprkey.h"
#include "tests/support/testkit.h"

#define MAX_SEEN 32

struct seen {
    char keys[MAX_SEEN][256]; /* the key of each argument of a call to k(), "-" when none */
    size_t n_keys;
};

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if (kind == CXCursor_CallExpr && s->n_keys < MAX_SEEN) {
        CXString name = clang_getCursorSpelling(c);
        if (strcmp(clang_getCString(name), "k") == 0 &&
            !rule_exprkey_get(s->keys[s->n_keys], sizeof(s->keys[0]),
                              clang_Cursor_getTranslationUnit(c), clang_Cursor_getArgument(c, 0)))
            snprintf(s->keys[s->n_keys], sizeof(s->keys[0]), "-");
        if (strcmp(clang_getCString(name), "k") == 0)
            s->n_keys++;
        clang_disposeString(name);
    }
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    memset(out, 0, sizeof(*out));
    testkit_visit_source(source, visit, out);
}

static void test_exprkey_same_and_different_objects(void **state)
{
    struct seen s;

    (void)state;
    scan("struct b { char *data; char *slot[4]; };\n"
         "void k(const void *x);\n"
         "void f(struct b *b, char **pp, int i) {\n"
         "  k(b->data); k((*b).data); k((char *)b->data); k(b->slot[i]); k(*pp);\n"
         "  { char *b = 0; k(b); } k(\"/tmp/x\"); k(b->slot[1]); k(b->data + 1);\n"
         "}\n",
         &s);
    assert_int_equal(s.n_keys, 9);
    assert_string_equal(s.keys[0], s.keys[1]);     /* b->data is (*b).data */
    assert_string_equal(s.keys[0], s.keys[2]);     /* casts do not count */
    assert_string_not_equal(s.keys[3], s.keys[7]); /* slot[i] is not slot[1] */
    assert_string_not_equal(s.keys[4], "-");
    assert_string_not_equal(s.keys[5], "-");
    assert_string_not_equal(s.keys[5], s.keys[0]); /* the inner b is another variable */
    assert_string_equal(s.keys[6], "\"/tmp/x\"");
    assert_string_equal(s.keys[8], "-"); /* arithmetic has no key */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exprkey_same_and_different_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
