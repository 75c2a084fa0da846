/* Unit tests for the atomic-operation recognizer (rules/support/atomics.c): every family
 * (<stdatomic.h>, __c11_atomic_*, __atomic_*, __sync_*, plain _Atomic accesses) and every
 * way of writing a memory order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "rules/support/atomics.h"

#define MAX_OPS 48

struct seen_op {
    enum rule_atomics_kind kind;
    enum rule_atomics_family family;
    char name[64];
    char object[32]; /* the object's spelling: a variable or member name, "" when none */
    int object_is_ptr;
    enum rule_atomics_order order;
    int implicit;
    long long value;
    enum rule_atomics_order failure;
    int has_failure;
    int has_value;
    int has_expected;
    unsigned order_col; /* column of the order's range start */
};

struct seen {
    CXTranslationUnit tu;
    struct seen_op ops[MAX_OPS];
    size_t n;
};

static void record(struct seen *s, const struct rule_atomics_op *op)
{
    struct seen_op *o = &s->ops[s->n++];
    CXString name = clang_getCursorSpelling(op->object);

    o->kind = op->kind;
    o->family = op->family;
    snprintf(o->name, sizeof(o->name), "%s", op->name != NULL ? op->name : "?");
    snprintf(o->object, sizeof(o->object), "%s", clang_getCString(name));
    clang_disposeString(name);
    o->object_is_ptr = op->object_is_ptr;
    o->order = op->order.order;
    o->implicit = op->order.implicit;
    o->value = op->order.value;
    o->failure = op->failure.order;
    o->has_failure = op->has_failure;
    o->has_value = !clang_Cursor_isNull(op->value);
    o->has_expected = !clang_Cursor_isNull(op->expected);
    clang_getExpansionLocation(clang_getRangeStart(op->order.range), NULL, NULL, &o->order_col,
                               NULL);
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    struct rule_atomics_op op;

    (void)parent;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if (s->n < MAX_OPS && rule_atomics_match(&op, s->tu, c))
        record(s, &op);
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    CXIndex index = clang_createIndex(0, 0);

    memset(out, 0, sizeof(*out));
    assert_int_equal(clang_parseTranslationUnit2FullArgv(
                         index, "/virtual/t.c", argv, 4, &unsaved, 1,
                         CXTranslationUnit_DetailedPreprocessingRecord, &out->tu),
                     CXError_Success);
    clang_visitChildren(clang_getTranslationUnitCursor(out->tu), visit, out);
    clang_disposeTranslationUnit(out->tu);
    clang_disposeIndex(index);
}

static void test_atomics_c11_generic_explicit(void **state)
{
    struct seen s;

    (void)state;
    scan("#include <stdatomic.h>\n"
         "atomic_int n; _Atomic(int *) top;\n"
         "int f(int *e) {\n"
         "  int v = atomic_load_explicit(&n, memory_order_acquire);\n"
         "  atomic_store_explicit(&n, v, memory_order_release);\n"
         "  atomic_exchange_explicit(&top, e, memory_order_acq_rel);\n"
         "  atomic_fetch_add_explicit(&n, 1, memory_order_relaxed);\n"
         "  atomic_compare_exchange_weak_explicit(&n, &v, 2, memory_order_release,\n"
         "                                        memory_order_relaxed);\n"
         "  atomic_compare_exchange_strong_explicit(&n, &v, 3, memory_order_seq_cst,\n"
         "                                          memory_order_consume);\n"
         "  atomic_thread_fence(memory_order_seq_cst);\n"
         "  return v; }\n",
         &s);
    assert_int_equal(s.n, 7);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_int_equal(s.ops[0].family, RULE_ATOMICS_C11);
    assert_string_equal(s.ops[0].name, "atomic_load_explicit");
    assert_string_equal(s.ops[0].object, "n");
    assert_int_equal(s.ops[0].object_is_ptr, 0);
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[0].implicit, 0);
    assert_int_equal(s.ops[0].order_col, 36);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[1].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[1].has_value, 1);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_EXCHANGE);
    assert_string_equal(s.ops[2].object, "top");
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_ACQ_REL);
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_FETCH_OP);
    assert_int_equal(s.ops[3].order, RULE_ATOMICS_RELAXED);
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_CAS_WEAK);
    assert_int_equal(s.ops[4].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[4].has_failure, 1);
    assert_int_equal(s.ops[4].failure, RULE_ATOMICS_RELAXED);
    assert_int_equal(s.ops[4].has_expected, 1);
    assert_int_equal(s.ops[5].kind, RULE_ATOMICS_CAS_STRONG);
    assert_int_equal(s.ops[5].failure, RULE_ATOMICS_CONSUME);
    assert_int_equal(s.ops[6].kind, RULE_ATOMICS_FENCE);
    assert_string_equal(s.ops[6].name, "__c11_atomic_thread_fence");
    assert_int_equal(s.ops[6].order, RULE_ATOMICS_SEQ_CST);
}

static void test_atomics_c11_generic_implicit_order(void **state)
{
    struct seen s;

    (void)state;
    scan("#include <stdatomic.h>\n"
         "struct q { atomic_int n; atomic_flag busy; };\n"
         "void f(struct q *q, atomic_int *p) {\n"
         "  int v = atomic_load(p);\n"
         "  atomic_store(&q->n, v);\n"
         "  atomic_compare_exchange_weak(&q->n, &v, 1);\n"
         "  atomic_flag_test_and_set(&q->busy);\n"
         "  atomic_flag_clear_explicit(&q->busy, memory_order_release);\n"
         "  atomic_init(p, 0); }\n",
         &s);
    assert_int_equal(s.n, 6);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[0].object, "p");
    assert_int_equal(s.ops[0].object_is_ptr, 1);
    assert_int_equal(s.ops[0].implicit, 1);
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_SEQ_CST);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_STORE);
    assert_string_equal(s.ops[1].object, "n");
    assert_int_equal(s.ops[1].implicit, 1);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_CAS_WEAK);
    assert_int_equal(s.ops[2].failure, RULE_ATOMICS_SEQ_CST);
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_EXCHANGE);
    assert_string_equal(s.ops[3].name, "atomic_flag_test_and_set");
    assert_string_equal(s.ops[3].object, "busy");
    assert_int_equal(s.ops[3].object_is_ptr, 0);
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[4].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[4].implicit, 0);
    assert_int_equal(s.ops[5].kind, RULE_ATOMICS_INIT);
    assert_int_equal(s.ops[5].has_value, 1);
}

static void test_atomics_c11_builtins(void **state)
{
    struct seen s;

    (void)state;
    scan("_Atomic long n;\n"
         "long f(long e) {\n"
         "  __c11_atomic_store(&n, 1, 3);\n"
         "  __c11_atomic_fetch_sub(&n, 1, __ATOMIC_ACQ_REL);\n"
         "  __c11_atomic_compare_exchange_weak(&n, &e, 2, 4, 2);\n"
         "  __c11_atomic_compare_exchange_strong(&n, &e, 2, 5, 5);\n"
         "  __c11_atomic_signal_fence(0);\n"
         "  return __c11_atomic_load(&n, 1); }\n",
         &s);
    assert_int_equal(s.n, 6);
    assert_string_equal(s.ops[0].name, "__c11_atomic_store");
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_FETCH_OP);
    assert_int_equal(s.ops[1].order, RULE_ATOMICS_ACQ_REL);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_CAS_WEAK);
    assert_int_equal(s.ops[2].failure, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_CAS_STRONG);
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_FENCE);
    assert_int_equal(s.ops[4].order, RULE_ATOMICS_RELAXED);
    assert_int_equal(s.ops[5].kind, RULE_ATOMICS_LOAD);
    assert_int_equal(s.ops[5].order, RULE_ATOMICS_CONSUME);
}

static void test_atomics_gnu_builtins(void **state)
{
    struct seen s;

    (void)state;
    scan("int x; int *head;\n"
         "int f(int *e, int **o, int w) {\n"
         "  int v = __atomic_load_n(&x, __ATOMIC_ACQUIRE);\n"
         "  __atomic_load(&x, &v, __ATOMIC_RELAXED);\n"
         "  __atomic_store_n(&x, v, 65539);\n"
         "  __atomic_store(&x, &v, __ATOMIC_SEQ_CST);\n"
         "  __atomic_exchange_n(&head, e, __ATOMIC_ACQ_REL);\n"
         "  __atomic_exchange(&head, &e, o, __ATOMIC_ACQ_REL);\n"
         "  __atomic_compare_exchange_n(&x, &v, 1, 1, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);\n"
         "  __atomic_compare_exchange_n(&x, &v, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);\n"
         "  __atomic_compare_exchange(&x, &v, e, w, 5, 0);\n"
         "  __atomic_add_fetch(&x, 1, 0);\n"
         "  __atomic_fetch_or(&x, 1, 0);\n"
         "  __atomic_test_and_set(&x, __ATOMIC_ACQUIRE);\n"
         "  __atomic_clear(&x, __ATOMIC_RELEASE);\n"
         "  __atomic_thread_fence(__ATOMIC_RELEASE);\n"
         "  return v; }\n",
         &s);
    assert_int_equal(s.n, 14);
    assert_int_equal(s.ops[0].family, RULE_ATOMICS_GNU);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_LOAD);
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_ACQUIRE);
    assert_string_equal(s.ops[1].name, "__atomic_load");
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_LOAD);
    assert_int_equal(s.ops[1].has_value, 0);
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_RELEASE); /* HLE bit 65536 dropped */
    assert_string_equal(s.ops[3].name, "__atomic_store");
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_EXCHANGE);
    assert_string_equal(s.ops[4].object, "head");
    assert_int_equal(s.ops[5].kind, RULE_ATOMICS_EXCHANGE);
    assert_string_equal(s.ops[5].name, "__atomic_exchange");
    assert_int_equal(s.ops[6].kind, RULE_ATOMICS_CAS_WEAK);
    assert_int_equal(s.ops[6].failure, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[7].kind, RULE_ATOMICS_CAS_STRONG);
    assert_int_equal(s.ops[8].kind, RULE_ATOMICS_CAS_WEAK); /* weakness not constant */
    assert_string_equal(s.ops[9].name, "__atomic_add_fetch");
    assert_int_equal(s.ops[9].kind, RULE_ATOMICS_FETCH_OP);
    assert_string_equal(s.ops[10].name, "__atomic_fetch_or");
    assert_int_equal(s.ops[11].kind, RULE_ATOMICS_EXCHANGE);
    assert_int_equal(s.ops[11].order, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[12].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[12].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[13].kind, RULE_ATOMICS_FENCE);
    assert_int_equal(s.ops[13].order, RULE_ATOMICS_RELEASE);
}

static void test_atomics_sync_builtins(void **state)
{
    struct seen s;

    (void)state;
    scan("long x;\n"
         "long f(void) {\n"
         "  __sync_fetch_and_add(&x, 1);\n"
         "  __sync_sub_and_fetch(&x, 1);\n"
         "  __sync_bool_compare_and_swap(&x, 0, 1);\n"
         "  __sync_lock_test_and_set(&x, 1);\n"
         "  __sync_lock_release(&x);\n"
         "  __sync_synchronize();\n"
         "  return __sync_val_compare_and_swap(&x, 1, 2); }\n",
         &s);
    assert_int_equal(s.n, 7);
    assert_int_equal(s.ops[0].family, RULE_ATOMICS_SYNC);
    assert_string_equal(s.ops[0].name, "__sync_fetch_and_add");
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_FETCH_OP);
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_SEQ_CST);
    assert_int_equal(s.ops[0].implicit, 1);
    assert_string_equal(s.ops[0].object, "x");
    assert_string_equal(s.ops[1].name, "__sync_sub_and_fetch");
    assert_int_equal(s.ops[2].kind, RULE_ATOMICS_CAS_STRONG);
    assert_int_equal(s.ops[2].has_expected, 1);
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_EXCHANGE);
    assert_int_equal(s.ops[3].order, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_STORE);
    assert_int_equal(s.ops[4].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[5].kind, RULE_ATOMICS_FENCE);
    assert_int_equal(s.ops[6].kind, RULE_ATOMICS_CAS_STRONG);
}

static void test_atomics_implicit_accesses(void **state)
{
    struct seen s;

    (void)state;
    scan("_Atomic int n; struct s { _Atomic(long) c; };\n"
         "int f(struct s *p, int *q) {\n"
         "  n = 1;\n"
         "  n++;\n"
         "  --p->c;\n"
         "  p->c += 2;\n"
         "  q = (int *)&n;\n"
         "  return n + *q; }\n",
         &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.ops[0].family, RULE_ATOMICS_IMPLICIT);
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_STORE);
    assert_string_equal(s.ops[0].name, "=");
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_SEQ_CST);
    assert_int_equal(s.ops[0].implicit, 1);
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_FETCH_OP);
    assert_string_equal(s.ops[1].name, "++");
    assert_string_equal(s.ops[2].name, "--");
    assert_string_equal(s.ops[2].object, "c");
    assert_int_equal(s.ops[3].kind, RULE_ATOMICS_FETCH_OP);
    assert_string_equal(s.ops[3].name, "+=");
    assert_int_equal(s.ops[4].kind, RULE_ATOMICS_LOAD);
    assert_string_equal(s.ops[4].object, "n");
}

static void test_atomics_order_spellings(void **state)
{
    struct seen s;

    (void)state;
    scan("#include <stdatomic.h>\n"
         "#define ORDER memory_order_acquire\n"
         "atomic_int n;\n"
         "void f(memory_order o) {\n"
         "  const int acq = 2;\n"
         "  atomic_load_explicit(&n, o);\n"
         "  atomic_load_explicit(&n, ORDER);\n"
         "  atomic_load_explicit(&n, (memory_order)3);\n"
         "  atomic_load_explicit(&n, acq);\n"
         "  atomic_load_explicit(&n, 9);\n"
         "  __atomic_load_n((int *)&n, __ATOMIC_CONSUME); }\n",
         &s);
    assert_int_equal(s.n, 6);
    assert_int_equal(s.ops[0].order, RULE_ATOMICS_ORDER_UNKNOWN);
    assert_int_equal(s.ops[1].order, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_RELEASE);
    assert_int_equal(s.ops[3].order, RULE_ATOMICS_ACQUIRE);
    assert_int_equal(s.ops[4].order, RULE_ATOMICS_ORDER_INVALID);
    assert_int_equal(s.ops[4].value, 9);
    assert_int_equal(s.ops[5].order, RULE_ATOMICS_CONSUME);
    assert_string_equal(s.ops[5].object, "n"); /* through the cast and the & */
}

static void test_atomics_user_macro_wrappers(void **state)
{
    struct seen s;

    (void)state;
    scan("#include <stdatomic.h>\n"
         "#define LOAD_ACQ(p) atomic_load_explicit(p, memory_order_acquire)\n"
         "#define CAS(p, e, d) __atomic_compare_exchange_n(p, e, d, 1, 4, 2)\n"
         "#define TRY(p, e, d) atomic_compare_exchange_weak(p, e, d)\n"
         "atomic_int n; int m;\n"
         "int f(int e) { CAS(&m, &e, 1); TRY(&n, &e, 2); return LOAD_ACQ(&n); }\n",
         &s);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.ops[0].name, "__atomic_compare_exchange_n");
    assert_int_equal(s.ops[0].kind, RULE_ATOMICS_CAS_WEAK);
    assert_string_equal(s.ops[1].name, "atomic_compare_exchange_weak");
    assert_int_equal(s.ops[1].kind, RULE_ATOMICS_CAS_WEAK);
    assert_string_equal(s.ops[2].name, "atomic_load_explicit");
    assert_int_equal(s.ops[2].order, RULE_ATOMICS_ACQUIRE);
}

static void test_atomics_plain_code_is_not_atomic(void **state)
{
    struct seen s;

    (void)state;
    scan("#define PICK(p, q) _Generic((p), int *: (p), default: (q))\n"
         "struct s { int v; };\n"
         "int g(int *, int);\n"
         "int f(int *p, int *q, struct s *t) {\n"
         "  int x = *p; p = q; x += t->v; x++;\n"
         "  int *r = p ?: q;\n"
         "  r = PICK(p, q);\n"
         "  return g(&x, 2) + *r; }\n",
         &s);
    assert_int_equal(s.n, 0);
}

/* Counts the unexposed expressions read both ways, and those read alike. */
struct agree {
    CXTranslationUnit tu;
    unsigned unexposed;
    unsigned found;
    unsigned alike;
};

static enum CXChildVisitResult visit_unexposed(CXCursor c, CXCursor parent, CXClientData data)
{
    struct agree *a = data;
    struct rule_atomics_children ch;
    struct rule_atomics_op direct;
    struct rule_atomics_op shared;
    int n_direct;
    int n_shared;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_UnexposedExpr ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Recurse;
    rule_atomics_children_of(&ch, c);
    n_direct = rule_atomics_match(&direct, a->tu, c);
    n_shared = rule_atomics_match_unexposed(&shared, a->tu, c, &ch);
    a->unexposed++;
    a->found += (unsigned)n_direct;
    if (n_direct == n_shared &&
        (!n_direct || (direct.kind == shared.kind && strcmp(direct.name, shared.name) == 0)))
        a->alike++;
    return CXChildVisit_Recurse;
}

/* Reading an unexposed expression from children gathered once (the shared reader's way)
 * gives what rule_atomics_match gives. */
static void test_atomics_match_unexposed_from_children(void **state)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    const char *source = "_Atomic int n; int x;\n"
                         "int f(int *p) {\n"
                         "  int v = n + __atomic_load_n(&x, __ATOMIC_ACQUIRE);\n"
                         "  __atomic_store_n(p, v, __ATOMIC_RELEASE);\n"
                         "  return v + *p + n; }\n";
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };
    CXIndex index = clang_createIndex(0, 0);
    struct agree a;

    (void)state;
    memset(&a, 0, sizeof(a));
    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 4, &unsaved, 1, 0, &a.tu),
        CXError_Success);
    clang_visitChildren(clang_getTranslationUnitCursor(a.tu), visit_unexposed, &a);
    clang_disposeTranslationUnit(a.tu);
    clang_disposeIndex(index);
    assert_true(a.unexposed > 4);
    assert_int_equal(a.found, 4); /* two loads of n, the load and the store builtins */
    assert_int_equal(a.alike, a.unexposed);
}

static void test_atomics_names(void **state)
{
    (void)state;
    assert_string_equal(rule_atomics_order_name(RULE_ATOMICS_ACQ_REL), "acq_rel");
    assert_string_equal(rule_atomics_order_name(RULE_ATOMICS_ORDER_UNKNOWN), "unknown");
    assert_string_equal(rule_atomics_kind_name(RULE_ATOMICS_CAS_WEAK), "weak compare-exchange");
    assert_string_equal(rule_atomics_kind_name(RULE_ATOMICS_FETCH_OP), "fetch-op");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomics_c11_generic_explicit),
        cmocka_unit_test(test_atomics_c11_generic_implicit_order),
        cmocka_unit_test(test_atomics_c11_builtins),
        cmocka_unit_test(test_atomics_gnu_builtins),
        cmocka_unit_test(test_atomics_sync_builtins),
        cmocka_unit_test(test_atomics_implicit_accesses),
        cmocka_unit_test(test_atomics_order_spellings),
        cmocka_unit_test(test_atomics_user_macro_wrappers),
        cmocka_unit_test(test_atomics_plain_code_is_not_atomic),
        cmocka_unit_test(test_atomics_match_unexposed_from_children),
        cmocka_unit_test(test_atomics_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
