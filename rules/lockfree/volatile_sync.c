/* lockfree-volatile-sync: a volatile object with static storage, or a volatile struct member,
 * used as a flag or counter between threads: written in one function and polled in a loop
 * condition in another, or updated (++, +=, x = x * 2) in one function and used in another;
 * a function that several threads run (started twice, or in a loop) counts as two.
 * Silent on MMIO (register-block structs, members reached through fixed addresses), on
 * 'volatile sig_atomic_t', on locals (setjmp), on objects whose address is taken (atomic
 * builtins and CMM_LOAD_SHARED-style macros reach them through it) and when both uses of a
 * pair are made holding the same lock.
 * Known gaps: a flag tested by 'if (flag) break;' inside the loop body is not a loop read;
 * objects reached only through pointers are not followed; lock calls are known by name and
 * told apart by the variable or member passed, not by what pointers point to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/grow.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_names.h"
#include "rules/support/expr.h"
#include "rules/support/lockcall.h"

#define VS_MAX_CLIMB 12    /* expression ancestors looked through to reach a loop */
#define VS_MAX_LOOKBACK 32 /* recorded uses searched back for the store of 'x = f(x)' */
#define VS_MAX_NEST 256    /* ancestors looked through for a loop around a thread start */
#define VS_MAX_HELD 4      /* locks remembered as held at once */

/* The locks a function holds at a point: the object each lock call was given (the mutex
 * variable or member; a null cursor when the call names none, or it is not a plain name). */
struct vs_held {
    unsigned depth; /* lock calls not yet undone; only the first VS_MAX_HELD are kept */
    CXCursor lock[VS_MAX_HELD];
};

enum vs_use_kind {
    VS_READ,
    VS_WRITE,
    VS_INC,       /* ++, --, +=, -= */
    VS_RMW,       /* x = an expression reading x; x *= 2, x |= m ... */
    VS_LOOP_READ, /* in a loop condition */
    VS_ADDR,      /* its address is taken */
};

/* One use of a volatile shared object. Cursors belong to the unit. */
struct vs_use {
    CXCursor decl; /* the VarDecl (definition when visible) or FieldDecl */
    CXCursor at;   /* the reference */
    CXCursor fn;   /* the enclosing function definition */
    enum vs_use_kind kind;
    struct vs_held held; /* the locks its function holds there */
};

/* A function handed to pthread_create or thrd_create. */
struct vs_start {
    CXCursor fn;   /* its canonical cursor */
    CXCursor call; /* the first start */
    unsigned runs; /* starts seen; one in a loop counts twice */
};

struct vs_state {
    struct vs_use *uses;
    size_t n_uses, cap_uses;
    struct vs_start *starts;
    size_t n_starts, cap_starts;
    struct vs_held held; /* the locks held at this point of the function */
    int threads;         /* the unit calls the threads API */
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
    free(st->starts);
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
static CXCursor vs_object(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor decl = rule_atomics_referenced(rc, ref);
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
    return rule_atomics_null(def) ? clang_getCanonicalCursor(decl) : def;
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
        return rule_atomics_same_node(kids[0], child);
    case CXCursor_DoStmt:
        return rule_atomics_same_node(kids[n - 1], child);
    case CXCursor_ForStmt:
        return !rule_atomics_same_node(kids[n - 1], child);
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

    if (!rule_atomics_same_node(rule_expr_first_child(op), ref))
        return VS_READ;
    code = ecg_opcode_of(op);
    if (clang_getCursorKind(op) == CXCursor_BinaryOperator)
        return code == ECG_OP_ASSIGN ? VS_WRITE : VS_READ;
    return code == ECG_OP_ADD || code == ECG_OP_SUB ? VS_INC : VS_RMW;
}

/* Turns the recorded store to decl at lhs into a read-modify-write. The walk visits the left
 * side of an assignment before its right side, so the store is among the latest uses. */
static void vs_upgrade_store(struct vs_state *st, CXCursor decl, CXCursor lhs)
{
    for (size_t j = st->n_uses, seen = 0; j-- > 0 && seen < VS_MAX_LOOKBACK; seen++) {
        struct vs_use *u = &st->uses[j];
        if (u->kind == VS_WRITE && rule_atomics_same_node(u->at, lhs) &&
            clang_equalCursors(u->decl, decl)) {
            u->kind = VS_RMW;
            return;
        }
    }
}

/* A read of decl inside the right side of 'x = ...': when x is the same object, the store
 * is computed from the object's own value (x = 2 * x). */
static void vs_note_self_read(const struct rule_ctx *rc, struct vs_state *st, CXCursor decl)
{
    for (size_t up = 0; up < VS_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind k = clang_getCursorKind(a);
        if (!clang_isExpression(k))
            return;
        if (k == CXCursor_BinaryOperator && ecg_opcode_of(a) == ECG_OP_ASSIGN) {
            vs_upgrade_store(st, decl, rule_expr_strip(rule_expr_first_child(a)));
            return;
        }
    }
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

    if (rule_atomics_null(fn))
        return;
    decl = vs_object(rc, ref);
    if (rule_atomics_null(decl))
        return;
    if (ecg_grow((void **)&st->uses, &st->cap_uses, st->n_uses + 1, sizeof(*st->uses)) != 0)
        return; /* out of memory: judged without this use */
    u = &st->uses[st->n_uses++];
    u->decl = decl;
    u->at = ref;
    u->fn = fn;
    u->kind = vs_classify(rc, ref);
    u->held = st->held;
    if (u->kind == VS_READ || u->kind == VS_LOOP_READ)
        vs_note_self_read(rc, st, decl);
}

/* The object a lock call locks: its first argument's variable or member, through '&'; a
 * null cursor when there is no argument or it is something else. */
static CXCursor vs_lock_object(CXCursor call)
{
    CXCursor arg;
    enum CXCursorKind k;

    if (clang_Cursor_getNumArguments(call) < 1)
        return clang_getNullCursor();
    arg = rule_expr_strip(clang_Cursor_getArgument(call, 0));
    if (clang_getCursorKind(arg) == CXCursor_UnaryOperator && ecg_opcode_of(arg) == ECG_OP_ADDROF)
        arg = rule_expr_strip(rule_expr_first_child(arg));
    k = clang_getCursorKind(arg);
    if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(clang_getCursorReferenced(arg));
}

static void vs_hold(struct vs_held *h, CXCursor lock)
{
    if (h->depth < VS_MAX_HELD)
        h->lock[h->depth] = lock;
    h->depth++;
}

/* Undoes the latest lock call on the same object (or, when none is kept, the latest). */
static void vs_release(struct vs_held *h, CXCursor lock)
{
    unsigned kept = h->depth < VS_MAX_HELD ? h->depth : VS_MAX_HELD;
    unsigned i = kept;

    if (h->depth == 0)
        return;
    while (i > 0 && !clang_equalCursors(h->lock[i - 1], lock))
        i--;
    if (i == 0 && h->depth <= VS_MAX_HELD)
        i = kept; /* not found: the latest lock is the one undone */
    if (i > 0)
        memmove(&h->lock[i - 1], &h->lock[i], (kept - i) * sizeof(h->lock[0]));
    h->depth--;
}

/* Nonzero when two held locks may be the same: one's object is not known, or they match. */
static int vs_same_lock(CXCursor a, CXCursor b)
{
    return rule_atomics_null(a) || rule_atomics_null(b) || clang_equalCursors(a, b);
}

/* Nonzero when the two points hold a lock in common. Locks whose object is not known, and
 * more locks than are kept, count as common: the rule then stays silent. */
static int vs_common_lock(const struct vs_held *a, const struct vs_held *b)
{
    if (a->depth == 0 || b->depth == 0)
        return 0;
    if (a->depth > VS_MAX_HELD || b->depth > VS_MAX_HELD)
        return 1;
    for (unsigned i = 0; i < a->depth; i++) {
        for (unsigned j = 0; j < b->depth; j++) {
            if (vs_same_lock(a->lock[i], b->lock[j]))
                return 1;
        }
    }
    return 0;
}

/* The operand a cast or '&' applies to, or a null cursor for other expressions. */
static CXCursor vs_operand(CXCursor e)
{
    CXCursor kids[2];
    unsigned n;

    if (clang_getCursorKind(e) == CXCursor_UnaryOperator && ecg_opcode_of(e) == ECG_OP_ADDROF)
        return rule_expr_strip(rule_expr_first_child(e));
    if (clang_getCursorKind(e) != CXCursor_CStyleCastExpr)
        return clang_getNullCursor();
    n = ecg_cursor_children(kids, 2, e);
    if (n < 1 || n > 2)
        return clang_getNullCursor();
    return rule_expr_strip(kids[n - 1]);
}

/* The function a thread-start argument names ('worker', '&worker', '(void *)worker'), as
 * its canonical cursor, or a null cursor. */
static CXCursor vs_started_function(CXCursor arg)
{
    CXCursor e = rule_expr_strip(arg);

    for (int depth = 0; depth < 4 && !rule_atomics_null(e); depth++) {
        if (clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
            CXCursor fn = clang_getCursorReferenced(e);
            if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
                return clang_getNullCursor();
            return clang_getCanonicalCursor(fn);
        }
        e = vs_operand(e);
    }
    return clang_getNullCursor();
}

/* Nonzero when the current cursor lies in a loop of its function. */
static int vs_in_loop(const struct rule_ctx *rc)
{
    for (size_t up = 0; up < VS_MAX_NEST; up++) {
        enum CXCursorKind k = clang_getCursorKind(rule_ancestor(rc, up));
        if (k == CXCursor_WhileStmt || k == CXCursor_DoStmt || k == CXCursor_ForStmt)
            return 1;
        if (k == CXCursor_FunctionDecl || k == CXCursor_TranslationUnit)
            return 0;
    }
    return 0;
}

/* Records a thread start: the function run by 'pthread_create(&t, attr, fn, arg)' or
 * 'thrd_create(&t, fn, arg)'. */
static void vs_note_start(struct rule_ctx *rc, struct vs_state *st, CXCursor call, int index)
{
    CXCursor fn;
    size_t i;

    if (clang_Cursor_getNumArguments(call) <= index)
        return;
    fn = vs_started_function(clang_Cursor_getArgument(call, (unsigned)index));
    if (rule_atomics_null(fn))
        return;
    for (i = 0; i < st->n_starts && !clang_equalCursors(st->starts[i].fn, fn); i++)
        ;
    if (i == st->n_starts) {
        if (ecg_grow((void **)&st->starts, &st->cap_starts, i + 1, sizeof(*st->starts)) != 0)
            return; /* out of memory: judged as started once */
        st->starts[st->n_starts++] = (struct vs_start){ .fn = fn, .call = call, .runs = 0 };
    }
    st->starts[i].runs += vs_in_loop(rc) ? 2 : 1;
}

static void vs_on_call(struct rule_ctx *rc, CXCursor call)
{
    struct vs_state *st = rule_state(rc);
    char name[64];
    int lock;

    rule_atomics_callee_name(rc, call, name, sizeof(name));
    if (!st->threads)
        st->threads = strncmp(name, "pthread_", 8) == 0 || strncmp(name, "thrd_", 5) == 0 ||
                      rule_option_list_has(rc, "thread_functions", name);
    if (strcmp(name, "pthread_create") == 0)
        vs_note_start(rc, st, call, 2);
    else if (strcmp(name, "thrd_create") == 0)
        vs_note_start(rc, st, call, 1);
    lock = rule_lockcall_kind(name);
    if (lock > 0)
        vs_hold(&st->held, vs_lock_object(call));
    if (lock < 0)
        vs_release(&st->held, vs_lock_object(call));
}

static void vs_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct vs_state *st = rule_state(rc);

    (void)fn;
    memset(&st->held, 0, sizeof(st->held));
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
    return k == VS_WRITE || k == VS_INC || k == VS_RMW;
}

static int vs_is_update(enum vs_use_kind k)
{
    return k == VS_INC || k == VS_RMW;
}

/* The thread start recorded for the function fn, or NULL. */
static const struct vs_start *vs_start_of(const struct vs_state *st, CXCursor fn)
{
    CXCursor canon = clang_getCanonicalCursor(fn);

    for (size_t i = 0; i < st->n_starts; i++) {
        if (clang_equalCursors(st->starts[i].fn, canon))
            return &st->starts[i];
    }
    return NULL;
}

/* Nonzero when uses a and b may run at once in two threads with no lock in common: they
 * lie in different functions, or in one function that several threads run, and not both
 * after a lock call. */
static int vs_concurrent(const struct vs_state *st, size_t a, size_t b)
{
    const struct vs_use *u = &st->uses[a];
    const struct vs_use *v = &st->uses[b];
    const struct vs_start *start;

    if (vs_common_lock(&u->held, &v->held))
        return 0;
    if (!clang_equalCursors(u->fn, v->fn))
        return 1;
    start = vs_start_of(st, u->fn);
    return start != NULL && start->runs > 1;
}

/* Nonzero when use j should replace the candidate at *slot: none yet, or j is not under a
 * lock and the candidate is. */
static int vs_better(const struct vs_use *uses, size_t slot, size_t j)
{
    return slot == SIZE_MAX || (uses[slot].held.depth > 0 && uses[j].held.depth == 0);
}

/* Folds use j of the same object into the facts. */
static void vs_fold(struct vs_facts *f, const struct vs_use *uses, size_t j)
{
    const struct vs_use *u = &uses[j];

    if (u->kind == VS_ADDR)
        f->addr_taken = 1;
    if (vs_is_write(u->kind) && vs_better(uses, f->writer, j))
        f->writer = j;
    if (vs_is_update(u->kind) && vs_better(uses, f->counter, j))
        f->counter = j;
}

/* Second pass: a poller or a user that may run at once with the writer or the updater. */
static void vs_fold_cross(struct vs_facts *f, const struct vs_state *st, size_t j)
{
    const struct vs_use *u = &st->uses[j];

    if (f->writer != SIZE_MAX && f->poller == SIZE_MAX && u->kind == VS_LOOP_READ &&
        vs_concurrent(st, f->writer, j))
        f->poller = j;
    if (f->counter != SIZE_MAX && f->other == SIZE_MAX && vs_concurrent(st, f->counter, j))
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
            vs_fold_cross(f, st, j);
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

/* When both uses lie in one function, the thread start that makes several threads run it. */
static void vs_add_start(struct rule_ctx *rc, struct ecg_finding *fi, const struct vs_use *a,
                         const struct vs_use *b)
{
    const struct vs_start *start;
    char fn[128];

    if (!clang_equalCursors(a->fn, b->fn))
        return;
    start = vs_start_of(rule_state(rc), a->fn);
    if (start == NULL)
        return;
    rule_add_related(rc, fi, clang_getCursorExtent(start->call),
                     "'%s' runs in several threads: started here, again or in a loop",
                     rule_cursor_name(a->fn, fn, sizeof(fn)));
}

static void vs_report_flag(struct rule_ctx *rc, const struct vs_use *w, const struct vs_use *p)
{
    struct ecg_finding *fi;
    char fn[128];

    fi = vs_report_at_decl(rc, w, "flag, written in",
                           "declare it 'atomic_bool' (or _Atomic) and pair a "
                           "memory_order_release store with a memory_order_acquire load");
    if (fi == NULL)
        return;
    rule_add_related(rc, fi, clang_getCursorExtent(w->at), "written here in '%s'",
                     rule_cursor_name(w->fn, fn, sizeof(fn)));
    rule_add_related(rc, fi, clang_getCursorExtent(p->at), "polled in a loop here in '%s'",
                     rule_cursor_name(p->fn, fn, sizeof(fn)));
    vs_add_start(rc, fi, w, p);
}

static void vs_report_counter(struct rule_ctx *rc, const struct vs_use *c, const struct vs_use *o)
{
    int rmw = c->kind == VS_RMW;
    struct ecg_finding *fi;
    char fn[128];

    fi = vs_report_at_decl(
        rc, c, rmw ? "object, updated from its own value in" : "counter, incremented in",
        rmw ? "reading it and storing a value computed from it are a separate load and store, "
              "so concurrent updates are lost: declare it _Atomic and use atomic_fetch_* or a "
              "compare-exchange loop"
            : "'++' on a volatile is a separate load and store, so concurrent updates are lost: "
              "declare it _Atomic and use atomic_fetch_add");
    if (fi == NULL)
        return;
    rule_add_related(rc, fi, clang_getCursorExtent(c->at),
                     rmw ? "updated here in '%s'" : "incremented here in '%s'",
                     rule_cursor_name(c->fn, fn, sizeof(fn)));
    if (!rule_atomics_same_node(c->at, o->at))
        rule_add_related(rc, fi, clang_getCursorExtent(o->at), "used here in '%s'",
                         rule_cursor_name(o->fn, fn, sizeof(fn)));
    vs_add_start(rc, fi, c, o);
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

/* Judges the object first used at use i. */
static void vs_judge(struct rule_ctx *rc, const struct vs_state *st, size_t i)
{
    struct vs_facts f;

    vs_gather(&f, st, i);
    if (f.addr_taken)
        return;
    if (f.poller != SIZE_MAX)
        vs_report_flag(rc, &st->uses[f.writer], &st->uses[f.poller]);
    else if (f.other != SIZE_MAX)
        vs_report_counter(rc, &st->uses[f.counter], &st->uses[f.other]);
}

static void vs_on_unit_end(struct rule_ctx *rc)
{
    struct vs_state *st = rule_state(rc);

    if (!st->threads && rule_option_bool(rc, "require_thread_api"))
        return;
    if (!rule_option_bool(rc, "allow_locked")) {
        for (size_t i = 0; i < st->n_uses; i++)
            st->uses[i].held.depth = 0;
    }
    for (size_t i = 0; i < st->n_uses; i++) {
        if (!vs_seen(st, i))
            vs_judge(rc, st, i);
    }
}

static const struct rule_option vs_options[] = {
    { "allow_locked", RULE_OPT_BOOL, "true",
      "stay silent on a pair of uses made while both functions hold the same lock (a call "
      "with 'lock', 'wrlock' or 'trylock' as a word of its name, given the same mutex): the "
      "lock orders them",
      NULL },
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
    .on_function_enter = vs_on_function_enter,
    .on_unit_end = vs_on_unit_end,
    .state_fini = vs_state_fini,
};
