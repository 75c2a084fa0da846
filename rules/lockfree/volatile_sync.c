/* lockfree-volatile-sync: a volatile object with static storage, or a volatile struct member,
 * used as a flag or counter between threads: written in one function and polled in a loop
 * condition in another, or incremented in one function and used in another.
 * Silent on MMIO (register-block structs, members reached through fixed addresses), on
 * 'volatile sig_atomic_t', on locals (setjmp) and on objects whose address is taken (atomic
 * builtins and CMM_LOAD_SHARED-style macros reach them through it).
 * Known gaps: a flag tested by 'if (flag) break;' inside the loop body is not a loop read;
 * objects reached only through pointers are not followed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/grow.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/expr.h"

#define VS_MAX_CLIMB 12 /* expression ancestors looked through to reach a loop */

enum vs_use_kind {
    VS_READ,
    VS_WRITE,
    VS_INC,       /* ++, --, +=, -= */
    VS_LOOP_READ, /* in a loop condition */
    VS_ADDR,      /* its address is taken */
};

/* One use of a volatile shared object. Cursors belong to the unit. */
struct vs_use {
    CXCursor decl; /* the VarDecl (definition when visible) or FieldDecl */
    CXCursor at;   /* the reference */
    CXCursor fn;   /* the enclosing function definition */
    enum vs_use_kind kind;
};

struct vs_state {
    struct vs_use *uses;
    size_t n_uses, cap_uses;
    int threads; /* the unit calls the threads API */
};

/* The evidence gathered for one object. Indexes are into the state's uses. */
struct vs_facts {
    size_t first;   /* its first use */
    size_t writer;  /* a write or increment, SIZE_MAX for none */
    size_t poller;  /* a loop read in another function than writer, SIZE_MAX for none */
    size_t counter; /* an increment used elsewhere, SIZE_MAX for none */
    size_t other;   /* the use in another function that makes it a counter */
    int addr_taken;
};

static void vs_state_fini(void *state)
{
    struct vs_state *st = state;

    free(st->uses);
}

/* Nonzero when t (looked through typedefs, and the elaborated types libclang 16 and later
 * wrap a written typedef name in) is named sig_atomic_t. */
static int vs_is_sig_atomic(CXType t)
{
    for (int depth = 0; depth < 16; depth++) {
        CXCursor decl;
        char name[64];
        if (t.kind == CXType_Elaborated) {
            t = clang_Type_getNamedType(t);
            continue;
        }
        if (t.kind != CXType_Typedef)
            return 0;
        decl = clang_getTypeDeclaration(t);
        if (strcmp(rule_cursor_name(decl, name, sizeof(name)), "sig_atomic_t") == 0)
            return 1;
        t = clang_getTypedefDeclUnderlyingType(decl);
    }
    return 0;
}

/* Nonzero when the object's own type (an array's element) is volatile and not atomic. */
static int vs_type_is_volatile(CXType t)
{
    while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
        t = clang_getArrayElementType(t);
    if (!clang_isVolatileQualifiedType(t) || vs_is_sig_atomic(t))
        return 0;
    return clang_getCanonicalType(t).kind != CXType_Atomic;
}

static enum CXVisitorResult vs_visit_volatile(CXCursor field, CXClientData data)
{
    int *all = data;

    if (!clang_isVolatileQualifiedType(clang_getCursorType(field))) {
        *all = 0;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

/* Nonzero when every member of the field's struct is volatile: a device register block. */
static int vs_register_block(CXCursor field)
{
    CXCursor record = clang_getCursorSemanticParent(field);
    int all = 1;

    clang_Type_visitFields(clang_getCursorType(record), vs_visit_volatile, &all);
    return all;
}

/* Nonzero when a member access goes through a fixed address: '((struct regs *)0x4000)->cr'. */
static int vs_fixed_address_base(CXCursor member_ref)
{
    CXCursor base = rule_expr_strip(rule_expr_first_child(member_ref));
    CXCursor kids[2];
    unsigned n;

    if (clang_getCursorKind(base) != CXCursor_CStyleCastExpr)
        return 0;
    n = ecg_cursor_children(kids, 2, base);
    if (n < 1 || n > 2)
        return 0;
    return clang_getCursorKind(rule_expr_strip(kids[n - 1])) == CXCursor_IntegerLiteral;
}

/* The shared volatile object ref names, or a null cursor. */
static CXCursor vs_object(CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    CXCursor def;

    if (clang_getCursorKind(decl) == CXCursor_FieldDecl) {
        if (!vs_type_is_volatile(clang_getCursorType(decl)) || vs_register_block(decl) ||
            vs_fixed_address_base(ref))
            return clang_getNullCursor();
        return decl;
    }
    if (clang_getCursorKind(decl) != CXCursor_VarDecl ||
        clang_Cursor_hasVarDeclGlobalStorage(decl) != 1 ||
        !vs_type_is_volatile(clang_getCursorType(decl)))
        return clang_getNullCursor();
    def = clang_getCursorDefinition(decl);
    return clang_Cursor_isNull(def) ? clang_getCanonicalCursor(decl) : def;
}

/* Nonzero when the loop's child on the path to the reference is its condition. */
static int vs_is_loop_condition(CXCursor loop, CXCursor child)
{
    CXCursor kids[4];
    unsigned n = ecg_cursor_children(kids, 4, loop);

    if (n < 2 || n > 4)
        return 0;
    switch (clang_getCursorKind(loop)) {
    case CXCursor_WhileStmt:
        return ecg_cursor_same_node(kids[0], child);
    case CXCursor_DoStmt:
        return ecg_cursor_same_node(kids[n - 1], child);
    case CXCursor_ForStmt:
        return !ecg_cursor_same_node(kids[n - 1], child);
    default:
        return 0;
    }
}

/* Nonzero when the reference lies in a loop condition: its expression ancestors lead to a
 * while, do or for statement through the condition. */
static int vs_in_loop_condition(const struct rule_ctx *rc, CXCursor ref)
{
    CXCursor child = ref;

    for (size_t up = 0; up < VS_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind k = clang_getCursorKind(a);
        if (k == CXCursor_WhileStmt || k == CXCursor_DoStmt || k == CXCursor_ForStmt)
            return vs_is_loop_condition(a, child);
        if (!clang_isExpression(k))
            return 0;
        child = a;
    }
    return 0;
}

/* How a unary operator over the reference uses it; VS_READ when it only reads. */
static enum vs_use_kind vs_unary_use(CXCursor op)
{
    enum ecg_op code = ecg_opcode_of(op);

    if (code == ECG_OP_ADDROF)
        return VS_ADDR;
    if (code >= ECG_OP_PREINC && code <= ECG_OP_POSTDEC)
        return VS_INC;
    return VS_READ;
}

/* How an assignment with the reference as an operand uses it; VS_READ on the right side. */
static enum vs_use_kind vs_assign_use(CXCursor op, CXCursor ref)
{
    enum ecg_op code;

    if (!ecg_cursor_same_node(rule_expr_first_child(op), ref))
        return VS_READ;
    code = ecg_opcode_of(op);
    if (clang_getCursorKind(op) == CXCursor_BinaryOperator)
        return code == ECG_OP_ASSIGN ? VS_WRITE : VS_READ;
    return code == ECG_OP_ADD || code == ECG_OP_SUB ? VS_INC : VS_WRITE;
}

/* How the reference uses the object, from its parent expression and the loop around it. */
static enum vs_use_kind vs_classify(const struct rule_ctx *rc, CXCursor ref)
{
    CXCursor parent = rule_ancestor(rc, 0);
    enum vs_use_kind kind = VS_READ;

    switch (clang_getCursorKind(parent)) {
    case CXCursor_UnaryOperator:
        kind = vs_unary_use(parent);
        break;
    case CXCursor_CompoundAssignOperator:
    case CXCursor_BinaryOperator:
        kind = vs_assign_use(parent, ref);
        break;
    default:
        break;
    }
    if (kind != VS_READ)
        return kind;
    return vs_in_loop_condition(rc, ref) ? VS_LOOP_READ : VS_READ;
}

static void vs_on_ref(struct rule_ctx *rc, CXCursor ref)
{
    struct vs_state *st = rule_state(rc);
    CXCursor fn = rule_function(rc);
    CXCursor decl;
    struct vs_use *u;

    if (clang_Cursor_isNull(fn))
        return;
    decl = vs_object(ref);
    if (clang_Cursor_isNull(decl))
        return;
    if (ecg_grow((void **)&st->uses, &st->cap_uses, st->n_uses + 1, sizeof(*st->uses)) != 0)
        return; /* out of memory: judged without this use */
    u = &st->uses[st->n_uses++];
    u->decl = decl;
    u->at = ref;
    u->fn = fn;
    u->kind = vs_classify(rc, ref);
}

static void vs_on_call(struct rule_ctx *rc, CXCursor call)
{
    struct vs_state *st = rule_state(rc);
    char name[64];

    if (st->threads)
        return;
    rule_callee_name(call, name, sizeof(name));
    st->threads = strncmp(name, "pthread_", 8) == 0 || strncmp(name, "thrd_", 5) == 0 ||
                  rule_option_list_has(rc, "thread_functions", name);
}

static void vs_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    if (clang_getCursorKind(cursor) == CXCursor_CallExpr)
        vs_on_call(rc, cursor);
    else
        vs_on_ref(rc, cursor);
}

static int vs_is_write(enum vs_use_kind k)
{
    return k == VS_WRITE || k == VS_INC;
}

/* Folds use j of the same object into the facts. */
static void vs_fold(struct vs_facts *f, const struct vs_use *uses, size_t j)
{
    const struct vs_use *u = &uses[j];

    if (u->kind == VS_ADDR)
        f->addr_taken = 1;
    if (vs_is_write(u->kind) && f->writer == SIZE_MAX)
        f->writer = j;
    if (u->kind == VS_INC && f->counter == SIZE_MAX)
        f->counter = j;
}

/* Second pass: a poller or a user in another function than the writer or incrementer. */
static void vs_fold_cross(struct vs_facts *f, const struct vs_use *uses, size_t j)
{
    const struct vs_use *u = &uses[j];

    if (f->writer != SIZE_MAX && f->poller == SIZE_MAX && u->kind == VS_LOOP_READ &&
        !clang_equalCursors(u->fn, uses[f->writer].fn))
        f->poller = j;
    if (f->counter != SIZE_MAX && f->other == SIZE_MAX &&
        !clang_equalCursors(u->fn, uses[f->counter].fn))
        f->other = j;
}

static void vs_gather(struct vs_facts *f, const struct vs_state *st, size_t first)
{
    CXCursor decl = st->uses[first].decl;

    memset(f, 0, sizeof(*f));
    f->first = first;
    f->writer = f->poller = f->counter = f->other = SIZE_MAX;
    for (size_t j = first; j < st->n_uses; j++) {
        if (clang_equalCursors(st->uses[j].decl, decl))
            vs_fold(f, st->uses, j);
    }
    for (size_t j = first; j < st->n_uses; j++) {
        if (clang_equalCursors(st->uses[j].decl, decl))
            vs_fold_cross(f, st->uses, j);
    }
}

static struct ecg_finding *vs_report_at_decl(struct rule_ctx *rc, const struct vs_use *w,
                                             const char *what, const char *fix)
{
    char name[128], fn[128];
    CXCursor at = w->decl;

    if (!rule_location_analyzed(rc, clang_getCursorLocation(at)))
        at = w->at;
    rule_cursor_name(w->decl, name, sizeof(name));
    rule_cursor_name(w->fn, fn, sizeof(fn));
    return rule_report(rc, at,
                       "'%s' is a volatile %s '%s': volatile gives neither atomicity nor "
                       "ordering between threads, so this is a data race; %s",
                       name, what, fn, fix);
}

static void vs_report(struct rule_ctx *rc, const struct vs_facts *f)
{
    const struct vs_state *st = rule_state(rc);
    const struct vs_use *u = st->uses;
    struct ecg_finding *fi;
    char fn[128];

    if (f->poller != SIZE_MAX) {
        fi = vs_report_at_decl(rc, &u[f->writer], "flag, written in",
                               "declare it 'atomic_bool' (or _Atomic) and pair a "
                               "memory_order_release store with a memory_order_acquire load");
        if (fi == NULL)
            return;
        rule_add_related(rc, fi, clang_getCursorExtent(u[f->writer].at), "written here in '%s'",
                         rule_cursor_name(u[f->writer].fn, fn, sizeof(fn)));
        rule_add_related(rc, fi, clang_getCursorExtent(u[f->poller].at),
                         "polled in a loop here in '%s'",
                         rule_cursor_name(u[f->poller].fn, fn, sizeof(fn)));
        return;
    }
    fi = vs_report_at_decl(rc, &u[f->counter], "counter, incremented in",
                           "'++' on a volatile is a separate load and store, so concurrent "
                           "updates are lost: declare it _Atomic and use atomic_fetch_add");
    if (fi == NULL)
        return;
    rule_add_related(rc, fi, clang_getCursorExtent(u[f->counter].at), "incremented here in '%s'",
                     rule_cursor_name(u[f->counter].fn, fn, sizeof(fn)));
    rule_add_related(rc, fi, clang_getCursorExtent(u[f->other].at), "used here in '%s'",
                     rule_cursor_name(u[f->other].fn, fn, sizeof(fn)));
}

/* Nonzero when an earlier use names the same object (it was judged there). */
static int vs_seen(const struct vs_state *st, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (clang_equalCursors(st->uses[j].decl, st->uses[i].decl))
            return 1;
    }
    return 0;
}

static void vs_on_unit_end(struct rule_ctx *rc)
{
    const struct vs_state *st = rule_state(rc);

    if (!st->threads && rule_option_bool(rc, "require_thread_api"))
        return;
    for (size_t i = 0; i < st->n_uses; i++) {
        struct vs_facts f;
        if (vs_seen(st, i))
            continue;
        vs_gather(&f, st, i);
        if (f.addr_taken || (f.poller == SIZE_MAX && f.other == SIZE_MAX))
            continue;
        vs_report(rc, &f);
    }
}

static const struct rule_option vs_options[] = {
    { "require_thread_api", RULE_OPT_BOOL, "true",
      "report only in units that call the threads API (pthread_*, thrd_* or a "
      "thread_functions item), so single-threaded code with interrupt handlers stays silent",
      NULL },
    { "thread_functions", RULE_OPT_STRING_LIST, "",
      "more functions whose call shows the unit runs threads (your own thread-pool API)", NULL },
};

const struct rule_desc rule_lockfree_volatile_sync = {
    .id = "lockfree-volatile-sync",
    .title = "volatile used to synchronise threads",
    .summary = "Flags volatile variables used as cross-thread flags or counters instead of "
               "atomics.",
    .description = "volatile only stops the compiler from caching an object in a register; it "
                   "gives no atomicity and no ordering between threads. A volatile flag set in "
                   "one function and polled in another, or a volatile counter incremented "
                   "concurrently, is a data race (CWE-820, CWE-362): use _Atomic objects with "
                   "release/acquire orders or atomic_fetch_add.",
    .tags = "lockfree,concurrency",
    .precision = "high",
    .cwe = { 820, 362 },
    .level = ECG_LEVEL_WARNING,
    .options = vs_options,
    .n_options = sizeof(vs_options) / sizeof(vs_options[0]),
    .state_size = sizeof(struct vs_state),
    .kinds = { CXCursor_DeclRefExpr, CXCursor_MemberRefExpr, CXCursor_CallExpr },
    .on_cursor = vs_on_cursor,
    .on_unit_end = vs_on_unit_end,
    .state_fini = vs_state_fini,
};
