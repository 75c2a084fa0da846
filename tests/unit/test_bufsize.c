/* Unit tests for the buffer overflow rule's support (rules/support/bo_*.c): evaluating sizes,
 * string lengths and integers of expressions, the table of writing functions, and how the
 * facts of a variable written in two branches of an if join. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "rules/support/bo_calls.h"
#include "rules/support/bo_facts.h"

#define MAX_SEEN 16

/* The value of each argument of calls to k() as the evaluators see them, -1 when unknown. */
struct seen {
    long long ints[MAX_SEEN];
    long long bytes[MAX_SEEN];
    long long slens[MAX_SEEN];
    size_t n;
    struct rule_bo_facts facts;
    struct rule_bo_path path;
};

static void record(struct seen *s, CXCursor arg)
{
    long long v;

    s->ints[s->n] = rule_bo_eval_int(&v, &s->facts, &s->path, arg) ? v : -1;
    s->bytes[s->n] = rule_bo_eval_bytes(&v, NULL, &s->facts, &s->path, arg) ? v : -1;
    s->slens[s->n] = rule_bo_eval_slen(&v, &s->facts, &s->path, arg) ? v : -1;
    s->n++;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_CallExpr && s->n < MAX_SEEN) {
        CXString name = clang_getCursorSpelling(c);

        if (strcmp(clang_getCString(name), "k") == 0)
            record(s, clang_Cursor_getArgument(c, 0));
        clang_disposeString(name);
    }
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu;

    memset(out, 0, sizeof(*out));
    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 4, &unsaved, 1, 0, &tu),
        CXError_Success);
    clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, out);
    rule_bo_facts_fini(&out->facts);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

static void test_bufsize_constant_expressions(void **state)
{
    struct seen s;

    (void)state;
    scan("#include <stddef.h>\n"
         "enum { SLOTS = 12 };\n"
         "void k(long x);\n"
         "void f(int n) {\n"
         "  k(100 * sizeof(int)); k((10 + 1) * 2); k(SLOTS << 2); k(n); k(7 / 0);\n"
         "}\n",
         &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.ints[0], 100 * (long long)sizeof(int));
    assert_int_equal(s.ints[1], 22);
    assert_int_equal(s.ints[2], 48);
    assert_int_equal(s.ints[3], -1); /* a parameter is not known */
    assert_int_equal(s.ints[4], -1); /* division by zero is not a size */
}

static void test_bufsize_object_sizes(void **state)
{
    struct seen s;

    (void)state;
    scan("struct rec { char name[16]; char tail[1]; int id; };\n"
         "void *malloc(unsigned long); void *calloc(unsigned long, unsigned long);\n"
         "void k(const void *p);\n"
         "void f(struct rec *r, char *p) {\n"
         "  char buf[50]; int ids[10]; struct rec one;\n"
         "  k(buf); k(buf + 10); k(&buf[45]); k(ids); k(&ids[2]); k(r->name); k(r->tail);\n"
         "  k(&one); k(malloc(64)); k(calloc(4, sizeof(int))); k(p);\n"
         "}\n",
         &s);
    assert_int_equal(s.n, 11);
    assert_int_equal(s.bytes[0], 50);
    assert_int_equal(s.bytes[1], 40);
    assert_int_equal(s.bytes[2], 5);
    assert_int_equal(s.bytes[3], 10 * (long long)sizeof(int));
    assert_int_equal(s.bytes[4], 8 * (long long)sizeof(int));
    assert_int_equal(s.bytes[5], 16);
    assert_int_equal(s.bytes[6], -1); /* a trailing one-element array heads a larger block */
    assert_int_equal(s.bytes[7], 24); /* 16 + 1, padded to 4, + 4 */
    assert_int_equal(s.bytes[8], 64);
    assert_int_equal(s.bytes[9], 4 * (long long)sizeof(int));
    assert_int_equal(s.bytes[10], -1);
}

static void test_bufsize_string_lengths(void **state)
{
    struct seen s;

    (void)state;
    scan("#include <stddef.h>\n"
         "void k(const void *p);\n"
         "void f(void) {\n"
         "  k(\"hello\"); k(L\"wide\"); k(\"a\\n\\x41\\101\"); k(\"\"); k(\"ab\\0cd\");\n"
         "}\n",
         &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.slens[0], 5);
    assert_int_equal(s.slens[1], 4);
    assert_int_equal(s.slens[2], 4);
    assert_int_equal(s.slens[3], 0);
    assert_int_equal(s.slens[4], 2); /* the string functions stop at the first NUL */
}

static void test_bufsize_call_table(void **state)
{
    const struct rule_bo_call *c;

    (void)state;
    c = rule_bo_calls_find("memcpy");
    assert_non_null(c);
    assert_int_equal(c->kind, RULE_BO_COUNT);
    assert_int_equal(c->count, 2);
    c = rule_bo_calls_find("wcsncpy");
    assert_non_null(c);
    assert_int_equal(c->unit, 0); /* counted in the destination's wchar_t */
    c = rule_bo_calls_find("snprintf");
    assert_non_null(c);
    assert_int_equal(c->count, 1);
    c = rule_bo_calls_find("recv");
    assert_non_null(c);
    assert_int_equal(c->dst, 1);
    assert_null(rule_bo_calls_find("strlen"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bufsize_constant_expressions),
        cmocka_unit_test(test_bufsize_object_sizes),
        cmocka_unit_test(test_bufsize_string_lengths),
        cmocka_unit_test(test_bufsize_call_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
