/* Unit tests for the per-unit atomics reader (rules/support/atomics_unit.c) and the wrapper
 * recognition behind it (atomics_wrap.c): inferred inline wrappers, configured wrappers, the
 * ck and liburcu profiles (functions and macros), and the cached reading of each cursor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/error.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/atomics_wrap.h"

#define MAX_OPS 32

struct seen_op {
    enum rule_atomics_kind kind;
    char name[64];
    char object[32]; /* the object's spelling */
    int object_is_ptr;
    enum rule_atomics_order order;
    enum rule_atomics_order failure;
    int has_value;
    int has_expected;
    int wrapped;
    unsigned line;
};

struct seen {
    CXTranslationUnit tu;
    struct rule_atomics_unit *unit;
    const char *in_function; /* only ops inside this function ("" for all) */
    struct seen_op ops[MAX_OPS];
    size_t n;
    size_t reread_mismatch; /* readings that differed when asked again */
};

static void record(struct seen *s, const struct rule_atomics_op *op)
{
    struct seen_op *o = &s->ops[s->n++];
    CXString name = clang_getCursorSpelling(op->object);

    o->kind = op->kind;
    snprintf(o->name, sizeof(o->name), "%s", op->name);
    snprintf(o->object, sizeof(o->object), "%s", clang_getCString(name));
    clang_disposeString(name);
    o->object_is_ptr = op->object_is_ptr;
    o->order = op->order.order;
    o->failure = op->failure.order;
    o->has_value = !clang_Cursor_isNull(op->value);
    o->has_expected = !clang_Cursor_isNull(op->expected);
    o->wrapped = op->wrapper != NULL;
    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(op->expr)), NULL, &o->line,
                               NULL, NULL);
}

static int in_wanted_function(const struct seen *s, CXCursor c)
{
    CXCursor fn = clang_getCursorSemanticParent(c);
    CXString name;
    int ok;

    if (s->in_function[0] == '\0')
        return 1;
    while (!clang_Cursor_isNull(fn) && clang_getCursorKind(fn) != CXCursor_FunctionDecl &&
           clang_getCursorKind(fn) != CXCursor_TranslationUnit)
        fn = clang_getCursorSemanticParent(fn);
    name = clang_getCursorSpelling(fn);
    ok = strcmp(clang_getCString(name), s->in_function) == 0;
    clang_disposeString(name);
    return ok;
}

/* Nonzero when fn is a function the scan does not look into. */
static int other_function(const struct seen *s, CXCursor fn)
{
    CXString name = clang_getCursorSpelling(fn);
    int other = s->in_function[0] != '\0' && strcmp(clang_getCString(name), s->in_function) != 0;

    clang_disposeString(name);
    return other;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    struct rule_atomics_op op;
    struct rule_atomics_op again;

    (void)parent;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl)
        return other_function(s, c) ? CXChildVisit_Continue : CXChildVisit_Recurse;
    if (s->n >= MAX_OPS || !rule_atomics_unit_match(&op, s->unit, c) || !in_wanted_function(s, c))
        return CXChildVisit_Recurse;
    record(s, &op);
    /* asked again, the cached reading is the same */
    s->reread_mismatch += !rule_atomics_unit_match(&again, s->unit, c) || again.kind != op.kind ||
                          !clang_equalCursors(again.object, op.object);
    return CXChildVisit_Recurse;
}

static void scan_with(const char *source, const char *function, const char *const *config,
                      struct seen *out)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    CXIndex index = clang_createIndex(0, 0);

    memset(out, 0, sizeof(*out));
    out->in_function = function;
    assert_int_equal(clang_parseTranslationUnit2FullArgv(
                         index, "/virtual/t.c", argv, 4, &unsaved, 1,
                         CXTranslationUnit_DetailedPreprocessingRecord, &out->tu),
                     CXError_Success);
    out->unit = rule_atomics_unit_new(out->tu);
    assert_non_null(out->unit);
    for (size_t i = 0; config != NULL && config[i] != NULL; i++)
        assert_int_equal(rule_atomics_unit_add_wrapper(out->unit, config[i]), 0);
    clang_visitChildren(clang_getTranslationUnitCursor(out->tu), visit, out);
    rule_atomics_unit_free(out->unit);
    clang_disposeTranslationUnit(out->tu);
    clang_disposeIndex(index);
}

static void test_atomics_unit_inferred_inline_wrappers(void **state)
{
    struct seen s;

    (void)state;
    scan_with("#include <stdatomic.h>\n"
              "static inline int ld(atomic_int *p, memory_order mo)\n"
              "{ return atomic_load_explicit(p, mo); }\n"
              "static inline void st_rel(atomic_int *p, int v)\n"
              "{ atomic_store_explicit(p, v, memory_order_release); }\n"
              "static inline _Bool cas(long *t, long *e, long d)\n"
              "{ return __atomic_compare_exchange_n(t, e, d, 1, __ATOMIC_ACQ_REL,\n"
              "                                     __ATOMIC_ACQUIRE); }\n"
              "static inline int two(atomic_int *p)\n"
              "{ atomic_fetch_add(p, 1); return atomic_load(p); }\n"
              "static atomic_int g; static atomic_int h;\n"
              "static inline int own(void) { return atomic_load(&g); }\n"
              "long word;\n"
              "int use(void) {\n"
              "  long e = 0;\n"
              "  int v = ld(&g, memory_order_acquire);\n"
              "  st_rel(&g, v + 1);\n"
              "  cas(&word, &e, 2);\n"
              "  two(&h);\n"
              "  return own();\n"
              "}\n",
              "use", NULL, &s);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.reread_mismatch, 0);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[0].name, "ld");
    assert_string_equal(s.ops[0].object, "g");
    assert_int_equal(s.ops[0].object_is_ptr, 0);
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[0].wrapped, 1);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[1].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[1].has_value, 1);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_CAS_WEAK);
    assert_string_equal(s.ops[2].object, "word");
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_ACQ_REL);
    assert_int_equal(s.ops[2].failure, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[2].has_expected, 1);
}

static void test_atomics_unit_configured_wrappers(void **state)
{
    static const char *const config[] = {
        "my_load_*=load(obj,order)",
        "my_publish=store(obj,val)@release",
        "MY_CAS=cas(obj,exp,val)@acq_rel",
        NULL,
    };
    struct seen s;

    (void)state;
    scan_with("extern int my_load_int(int *p, int mo);\n"
              "extern void my_publish(void **slot, void *v);\n"
              "extern int my_cas_impl(long *t, long o, long n);\n"
              "#define MY_CAS(t, o, n) my_cas_impl((t), (o), (n))\n"
              "int x; void *head; long word;\n"
              "int use(void *n) {\n"
              "  int v = my_load_int(&x, 0);\n"
              "  my_publish(&head, n);\n"
              "  return v + MY_CAS(&word, 1, 2);\n"
              "}\n",
              "use", config, &s);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.reread_mismatch, 0);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[0].object, "x");
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_RELAXED);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_STORE);
    assert_string_equal(s.ops[1].object, "head");
    assert_int_equal(s.ops[1].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_CAS_STRONG);
    assert_string_equal(s.ops[2].name, "MY_CAS");
    assert_string_equal(s.ops[2].object, "word");
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_ACQ_REL);
    assert_int_equal(s.ops[2].failure, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[2].line, 9);
}

static void test_atomics_unit_ck_profile(void **state)
{
    struct seen s;

    (void)state;
    scan_with(
        "static inline void *ck_pr_md_load_ptr(const void *t)\n"
        "{ return *(void *volatile *)t; }\n"
        "static inline void ck_pr_md_store_ptr(void *t, const void *v)\n"
        "{ *(const void *volatile *)t = v; }\n"
        "static inline _Bool ck_pr_cas_ptr(void *t, void *o, void *n)\n"
        "{ return __sync_bool_compare_and_swap((void **)t, o, n); }\n"
        "static inline void ck_pr_fence_store(void) { __asm__ volatile(\"\" ::: \"memory\"); }\n"
        "#define ck_pr_load_ptr(s) ck_pr_md_load_ptr((s))\n"
        "#define ck_pr_store_ptr(d, v) ck_pr_md_store_ptr((d), (v))\n"
        "void *top;\n"
        "void use(void *n) {\n"
        "  void *t = ck_pr_load_ptr(&top);\n"
        "  ck_pr_fence_store();\n"
        "  ck_pr_store_ptr(&top, n);\n"
        "  ck_pr_cas_ptr(&top, t, n);\n"
        "}\n",
        "use", NULL, &s);
    assert_int_equal(s.n, 4);
    assert_int_equal(s.reread_mismatch, 0);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[0].name, "ck_pr_load_ptr");
    assert_string_equal(s.ops[0].object, "top");
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_RELAXED);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_FENCE);
    assert_int_equal(s.ops[1].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[2].has_value, 1);
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_CAS_STRONG);
    assert_string_equal(s.ops[3].name, "ck_pr_cas_ptr");
    assert_int_equal(s.ops[3].order, RULE_ATOMICS_RELAXED);
}

static void test_atomics_unit_urcu_macros(void **state)
{
    struct seen s;

    (void)state;
    scan_with("#define CMM_ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))\n"
              "#define CMM_LOAD_SHARED(p) CMM_ACCESS_ONCE(p)\n"
              "#define CMM_STORE_SHARED(x, v) __extension__ ({ \\\n"
              "    __typeof__(x) _v = (CMM_ACCESS_ONCE(x) = (v)); _v; })\n"
              "#define uatomic_read(a) CMM_LOAD_SHARED(*(a))\n"
              "#define uatomic_cmpxchg(a, o, n) __sync_val_compare_and_swap((a), (o), (n))\n"
              "#define rcu_dereference(p) __extension__ ({ \\\n"
              "    __typeof__(p) _p1 = CMM_LOAD_SHARED(p); (_p1); })\n"
              "struct node { int v; struct node *next; };\n"
              "struct node *head; int ready; long count;\n"
              "int use(struct node *n) {\n"
              "  int r = uatomic_read(&ready);\n"
              "  CMM_STORE_SHARED(ready, 1);\n"
              "  struct node *h = rcu_dereference(head);\n"
              "  uatomic_cmpxchg(&count, 0, 1);\n"
              "  return r + h->v + CMM_LOAD_SHARED(n->v) + 1;\n"
              "}\n",
              "use", NULL, &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.reread_mismatch, 0);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[0].name, "uatomic_read");
    assert_string_equal(s.ops[0].object, "ready");
    assert_int_equal(s.ops[0].object_is_ptr, 0);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_STORE);
    assert_string_equal(s.ops[1].object, "ready");
    assert_int_equal(s.ops[1].has_value, 1);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[2].object, "head");
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_CONSUME);
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_CAS_STRONG);
    assert_string_equal(s.ops[3].name, "uatomic_cmpxchg");
    assert_string_equal(s.ops[3].object, "count");
    assert_int_equal(s.ops[3].order, RULE_ATOMICS_SEQ_CST);
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[4].object, "v");
}

static void test_atomics_unit_wrap_parse(void **state)
{
    struct rule_atomics_wrapper w;

    (void)state;
    assert_int_equal(rule_atomics_wrap_parse(&w, "q_pop=cas_weak(obj,exp,val,order,fail)"), 1);
    assert_string_equal(w.name, "q_pop");
    assert_int_equal(w.kind, RULE_ATOMICS_CAS_WEAK);
    assert_int_equal(w.object_arg, 0);
    assert_int_equal(w.expected_arg, 1);
    assert_int_equal(w.value_arg, 2);
    assert_int_equal(w.order_arg, 3);
    assert_int_equal(w.failure_arg, 4);
    assert_int_equal(rule_atomics_wrap_parse(&w, "SHARED_SET=store(lval,val)@relaxed"), 1);
    assert_int_equal(w.object_mode, RULE_ATOMICS_WRAP_LVALUE);
    assert_int_equal(w.order, RULE_ATOMICS_RELAXED);
    assert_int_equal(rule_atomics_wrap_parse(&w, "full_mb=fence()"), 1);
    assert_int_equal(w.order, RULE_ATOMICS_SEQ_CST);
    assert_int_equal(rule_atomics_wrap_parse(&w, "x=load(obj)@strong"), 0);
    assert_int_equal(rule_atomics_wrap_parse(&w, "x=load(val)"), 0);
    assert_int_equal(rule_atomics_wrap_parse(&w, "x=frobnicate(obj)"), 0);
    assert_int_equal(rule_atomics_wrap_parse(&w, "=load(obj)"), 0);
    assert_int_equal(rule_atomics_wrap_parse(&w, "x=load(obj"), 0);
    assert_int_equal(rule_atomics_wrap_parse(&w, "x=load(obj,what)"), 0);
}

static void test_atomics_unit_bad_config_rejected(void **state)
{
    struct rule_atomics_unit *u = rule_atomics_unit_new(NULL);

    (void)state;
    assert_non_null(u);
    assert_int_equal(rule_atomics_unit_add_wrapper(u, "load(obj)"), ECG_ECONFIG);
    assert_int_equal(rule_atomics_unit_add_wrapper(u, "f=load(obj)@acquire"), 0);
    rule_atomics_unit_free(u);
    rule_atomics_unit_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomics_unit_inferred_inline_wrappers),
        cmocka_unit_test(test_atomics_unit_configured_wrappers),
        cmocka_unit_test(test_atomics_unit_ck_profile),
        cmocka_unit_test(test_atomics_unit_urcu_macros),
        cmocka_unit_test(test_atomics_unit_wrap_parse),
        cmocka_unit_test(test_atomics_unit_bad_config_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
