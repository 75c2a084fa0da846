/* Unit tests for the memo of cursors' children (rules/support/atomics_kids.c): every answer,
 * asked once or again, for few or many children, is the answer of a fresh visit
 * (analyzer/cursors.c), and a memo without slots answers by visits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/cursors.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_kids.h"
#include "rules/support/expr.h"

#define KIDS_MAX 8 /* more than RULE_ATOMICS_KIDS_KEPT: asks past what a slot keeps */

struct kids_check {
    struct rule_atomics_kids *memo;
    unsigned cursors;  /* cursors checked */
    unsigned many;     /* of them with more children than a slot keeps */
    unsigned mismatch; /* answers that differ from a fresh visit */
};

static int same_cursor(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.xdata == b.xdata && a.data[0] == b.data[0] &&
           a.data[1] == b.data[1] && a.data[2] == b.data[2];
}

/* Compares every question about c, for every max and index, with a fresh visit. */
static void check_cursor(struct kids_check *k, CXCursor c)
{
    CXCursor fresh[KIDS_MAX];
    CXCursor kept[KIDS_MAX];
    CXCursor first[RULE_ATOMICS_KIDS_KEPT];
    unsigned n_fresh = ecg_cursor_children(fresh, KIDS_MAX, c);
    unsigned n_first = rule_atomics_kids_first(first, k->memo, c);

    k->cursors++;
    k->many += n_fresh > RULE_ATOMICS_KIDS_KEPT;
    for (unsigned max = 0; max <= KIDS_MAX; max++) {
        unsigned n = rule_atomics_kids_get(kept, max, k->memo, c);
        k->mismatch += n != n_fresh;
        for (unsigned i = 0; i < max && i < n; i++)
            k->mismatch += !same_cursor(kept[i], fresh[i]);
    }
    for (unsigned i = 0; i <= KIDS_MAX; i++)
        k->mismatch += !same_cursor(rule_atomics_kids_nth(k->memo, c, i), ecg_cursor_child(c, i));
    k->mismatch +=
        n_first != (n_fresh < RULE_ATOMICS_KIDS_KEPT + 1 ? n_fresh : RULE_ATOMICS_KIDS_KEPT + 1);
    for (unsigned i = 0; i < n_first && i < RULE_ATOMICS_KIDS_KEPT; i++)
        k->mismatch += !same_cursor(first[i], fresh[i]);
    k->mismatch += !same_cursor(rule_atomics_kids_strip(k->memo, c), rule_expr_strip(c));
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    check_cursor(data, c);
    return CXChildVisit_Recurse;
}

static const char kids_source[] =
    "struct s { int a, b; };\n"
    "int g(int, int, int, int, int, int, int, int);\n"
    "#define TWICE(x) ((x) + (x))\n"
    "int f(struct s *p, int n) {\n"
    "  int v = TWICE(p->a) + (int)(long)n;\n"
    "  v += g(1, 2, 3, 4, 5, 6, 7, v);\n"
    "  if (v > 3) { v--; v++; v = -v; v *= 2; v /= 3; v %= 5; v = 1; }\n"
    "  for (int i = 0; i < n; i++) v ^= i;\n"
    "  return p->b ? v : (v, n); }\n";

/* Walks the unit twice through memo (the second time every answer comes from the slots that
 * survived) and counts answers that differ from fresh visits. */
static void run(struct kids_check *k, struct rule_atomics_kids *memo)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", kids_source,
                                     (unsigned long)strlen(kids_source) };
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;

    memset(k, 0, sizeof(*k));
    k->memo = memo;
    assert_int_equal(clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 4, &unsaved,
                                                         1, CXTranslationUnit_None, &tu),
                     CXError_Success);
    for (int round = 0; round < 2; round++)
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, k);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

static void test_atomics_kids_answers_as_fresh_visits(void **state)
{
    struct rule_atomics_kids memo;
    struct kids_check k;

    (void)state;
    assert_int_equal(rule_atomics_kids_init(&memo), 0);
    run(&k, &memo);
    rule_atomics_kids_fini(&memo);
    assert_true(k.cursors > 100);
    assert_true(k.many >= 2); /* g's call (9 children) and the block (7 statements) */
    assert_int_equal(k.mismatch, 0);
}

/* A memo whose slots could not be allocated, and no memo at all, answer by visits. */
static void test_atomics_kids_without_slots(void **state)
{
    struct rule_atomics_kids empty = { NULL, NULL };
    struct kids_check k;

    (void)state;
    run(&k, &empty);
    assert_int_equal(k.mismatch, 0);
    run(&k, NULL);
    assert_int_equal(k.mismatch, 0);
    rule_atomics_kids_fini(&empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomics_kids_answers_as_fresh_visits),
        cmocka_unit_test(test_atomics_kids_without_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
