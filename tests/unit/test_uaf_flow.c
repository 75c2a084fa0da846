/* Unit tests for the use-after-free flow (rules/support/uaf_flow.c): what it reports on each
 * path shape, the summaries it gives the rule (parameters freed, freed block returned), that
 * deep expressions are followed and that a function too large to follow is given up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/error.h"
#include "analyzer/fir.h"
#include "rules/support/uaf_flow.h"

struct outcome {
    int rc;
    size_t n_reports;
    enum rule_uaf_kind kinds[8];
    char names[8][RULE_UAF_NAME_MAX];
    uint32_t frees_params;
    int returns_freed;
};

struct probe {
    const char *function;
    struct outcome out;
    int found;
};

static void resolve(void *arg, CXCursor call, struct rule_uaf_call *out)
{
    CXString name = clang_getCursorSpelling(clang_getCursorReferenced(call));
    const char *s = clang_getCString(name);

    (void)arg;
    if (strcmp(s, "free") == 0)
        out->releases = 1;
    else if (strcmp(s, "realloc") == 0)
        out->reallocates = 1;
    else if (strcmp(s, "sink") == 0)
        out->opaque = 1;
    clang_disposeString(name);
}

/* Records the function's cursors in an IR, as the walk does for the rules. */
static enum CXChildVisitResult record(CXCursor c, CXCursor parent, CXClientData data)
{
    struct ecg_fir *fir = data;

    (void)parent;
    ecg_fir_enter(fir, c);
    clang_visitChildren(c, record, fir);
    ecg_fir_leave(fir);
    return CXChildVisit_Continue;
}

static void run_one(struct probe *p, CXCursor fn)
{
    struct rule_uaf *u = rule_uaf_new();
    struct ecg_fir *fir = ecg_fir_new();
    struct rule_uaf_result res;

    assert_non_null(u);
    assert_non_null(fir);
    ecg_fir_enter(fir, fn);
    clang_visitChildren(fn, record, fir);
    ecg_fir_leave(fir);
    assert_false(fir->failed);
    p->out.rc = rule_uaf_run(&res, u, fir, fn, resolve, NULL);
    if (p->out.rc == 0) {
        p->out.n_reports = res.n_reports;
        for (size_t i = 0; i < res.n_reports && i < 8; i++) {
            p->out.kinds[i] = res.reports[i].kind;
            memcpy(p->out.names[i], res.reports[i].name, RULE_UAF_NAME_MAX);
        }
        p->out.frees_params = res.frees_params;
        p->out.returns_freed = res.returns_freed;
    }
    p->found = 1;
    rule_uaf_free(u);
    ecg_fir_free(fir);
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct probe *p = data;
    CXString name;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    name = clang_getCursorSpelling(c);
    if (strcmp(clang_getCString(name), p->function) == 0)
        run_one(p, c);
    clang_disposeString(name);
    return CXChildVisit_Continue;
}

static const char prelude[] = "typedef unsigned long size_t;\n"
                              "void free(void *); void *malloc(size_t);\n"
                              "void *realloc(void *, size_t); void sink(char *);\n"
                              "struct s { char *buf; int n; };\n";

static struct outcome analyse(const char *body, const char *function)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    size_t len = strlen(prelude) + strlen(body) + 1;
    char *source = malloc(len);
    struct CXUnsavedFile unsaved;
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu;
    struct probe p;

    assert_non_null(source);
    snprintf(source, len, "%s%s", prelude, body);
    unsaved = (struct CXUnsavedFile){ "/virtual/t.c", source, (unsigned long)strlen(source) };
    memset(&p, 0, sizeof(p));
    p.function = function;
    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 4, &unsaved, 1, 0, &tu),
        CXError_Success);
    clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, &p);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    free(source);
    assert_true(p.found);
    return p.out;
}

static void test_uaf_flow_double_free_and_use(void **state)
{
    struct outcome o;

    (void)state;
    o = analyse("void f(char *p) { free(p); free(p); }", "f");
    assert_int_equal(o.rc, 0);
    assert_int_equal(o.n_reports, 1);
    assert_int_equal(o.kinds[0], RULE_UAF_DOUBLE_FREE);
    assert_string_equal(o.names[0], "p");
    o = analyse("int g(struct s *x) { free(x->buf); return x->buf[0]; }", "g");
    assert_int_equal(o.n_reports, 1);
    assert_int_equal(o.kinds[0], RULE_UAF_USE);
    assert_string_equal(o.names[0], "x->buf");
    o = analyse("void h(char *p) { char *q = p; free(p); sink(q); }", "h");
    assert_int_equal(o.n_reports, 1);
    assert_int_equal(o.kinds[0], RULE_UAF_PASS);
    assert_string_equal(o.names[0], "q");
}

static void test_uaf_flow_paths_that_cannot_happen_stay_silent(void **state)
{
    struct outcome o;

    (void)state;
    o = analyse("void f(char *p, int c) { if (c) free(p); if (!c) sink(p); }", "f");
    assert_int_equal(o.n_reports, 0);
    o = analyse("void f(char *p) { free(p); p = 0; if (p) sink(p); free(p); }", "f");
    assert_int_equal(o.n_reports, 0);
    o = analyse("void f(char *p, int t) { if (t == 1 || t == 2) free(p);"
                " if (t == 3 || t == 4) free(p); }",
                "f");
    assert_int_equal(o.n_reports, 0);
    o = analyse("void f(char *p, int t) { if (t == 1 || t == 2) free(p); if (t == 2) free(p); }",
                "f");
    assert_int_equal(o.n_reports, 1);
    o = analyse("void f(char *p) { int i; for (i = 0; i < 1; i++) free(p); }", "f");
    assert_int_equal(o.n_reports, 0);
    o = analyse("void f(char *p, int n) { int i; for (i = 0; i < n; i++) free(p); }", "f");
    assert_int_equal(o.n_reports, 1);
    o = analyse("void f(char *p, size_t n) { char *q = realloc(p, n);"
                " if (q == 0) { free(p); return; } sink(q); free(q); }",
                "f");
    assert_int_equal(o.n_reports, 0);
    o = analyse("void f(char *p, size_t n) { char *q = realloc(p, n);"
                " if (q == 0) return; sink(p); }",
                "f");
    assert_int_equal(o.n_reports, 1);
}

static void test_uaf_flow_summaries(void **state)
{
    struct outcome o;

    (void)state;
    o = analyse("void rel(int k, char *x) { if (x) free(x); }", "rel");
    assert_int_equal(o.frees_params, 2u);
    o = analyse("void maybe(char *x, int f) { if (f) free(x); }", "maybe");
    assert_int_equal(o.frees_params, 0u);
    o = analyse("void reset(char *x) { free(x); x = 0; }", "reset");
    assert_int_equal(o.frees_params, 1u);
    o = analyse("char *gone(void) { char *p = malloc(4); if (!p) return 0; free(p); return p; }",
                "gone");
    assert_int_equal(o.returns_freed, 1);
    assert_int_equal(o.n_reports, 1);
    assert_int_equal(o.kinds[0], RULE_UAF_RETURN);
    o = analyse("char *kept(void) { char *p = malloc(4); return p; }", "kept");
    assert_int_equal(o.returns_freed, 0);
}

static void test_uaf_flow_follows_deep_input(void **state)
{
    size_t depth = 240; /* under clang's bracket limit (256) */
    size_t len = depth * 2 + 96;
    char *body = malloc(len);
    struct outcome o;
    size_t at = 0;

    (void)state;
    assert_non_null(body);
    at += (size_t)snprintf(body + at, len - at, "int f(char *p, int x) { free(p); return ");
    for (size_t i = 0; i < depth; i++)
        body[at++] = '(';
    body[at++] = 'x';
    for (size_t i = 0; i < depth; i++)
        body[at++] = ')';
    snprintf(body + at, len - at, "; }");
    o = analyse(body, "f");
    assert_int_equal(o.rc, 0);
    assert_int_equal(o.n_reports, 0);
    assert_int_equal(o.frees_params, 1);
    free(body);
}

static void test_uaf_flow_gives_up_on_huge_function(void **state)
{
    const char *open = "void f(char *p, int x) { free(p); ";
    const char *stmt = "x = x + 1; ";
    size_t n = 12000; /* about six cursors each: over the flow's 60,000 */
    size_t len = strlen(open) + n * strlen(stmt) + 8;
    char *body = malloc(len);
    struct outcome o;
    size_t at = 0;

    (void)state;
    assert_non_null(body);
    at += (size_t)snprintf(body, len, "%s", open);
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(body + at, len - at, "%s", stmt);
    snprintf(body + at, len - at, "}");
    o = analyse(body, "f");
    assert_int_equal(o.rc, ECG_EPARSE);
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uaf_flow_double_free_and_use),
        cmocka_unit_test(test_uaf_flow_paths_that_cannot_happen_stay_silent),
        cmocka_unit_test(test_uaf_flow_summaries),
        cmocka_unit_test(test_uaf_flow_follows_deep_input),
        cmocka_unit_test(test_uaf_flow_gives_up_on_huge_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
