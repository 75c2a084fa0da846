/* lockfree-nonatomic-rmw: an atomic load, a computation on its value, then a separate atomic
 * store of the result to the same object: another thread's update in between is lost.
 * Known gaps: the load and store must be in one function, and objects are matched by their
 * spelling (p->n and q->n differ even when p == q); single writers are assumed, not proved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_names.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_opcode.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/exprkey.h"
#include "rules/support/lockcall.h"
#include "rules/support/opkind.h"

#define NR_KEY 160   /* bytes of an object key */
#define NR_MAX_UP 32 /* ancestors looked at between a load and the variable it sets */

/* An atomic load of the current function whose value was kept in a variable. */
struct nr_load {
    char key[NR_KEY]; /* the object loaded (rule_exprkey_get of the object) */
    CXCursor var;     /* the variable that holds the value, or a null cursor */
    CXCursor expr;    /* the load */
    enum rule_atomics_order order;
    int computed; /* the variable was changed (v++, v += n, v = f(v)) after the load */
};

struct nr_state {
    struct nr_load *loads; /* owned; reset on each function */
    size_t n, cap;
    unsigned lock_depth; /* lock calls minus unlock calls seen so far in the function */
};

/* What a search of the stored value found. */
struct nr_hit {
    struct rule_ctx *rc;
    CXTranslationUnit tu;
    const struct nr_state *st;
    const char *key;
    CXCursor load;             /* the load the value derives from, or null */
    const struct nr_load *rec; /* the load record, when through a variable */
};

static void nr_state_fini(void *state)
{
    struct nr_state *st = state;

    free(st->loads);
    st->loads = NULL;
}

static int object_key(char *out, size_t size, CXTranslationUnit tu,
                      const struct rule_atomics_op *op)
{
    char key[NR_KEY - 2];

    if (rule_atomics_null(op->object) || !rule_exprkey_get(key, sizeof(key), tu, op->object))
        return 0;
    return snprintf(out, size, "%c:%s", op->object_is_ptr ? 'p' : 'o', key) < (int)size;
}

/* The variable an assignment 'v = <load>' sets, or a null cursor. */
static CXCursor assigned_var(struct rule_ctx *rc, CXCursor assign)
{
    CXCursor kids[2];
    CXCursor v;

    if (!rule_atomics_is_assign(rc, assign) || rule_atomics_unit_children(kids, 2, rc, assign) != 2)
        return clang_getNullCursor();
    v = rule_exprkey_strip(kids[0]);
    if (clang_getCursorKind(v) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    return clang_getCursorReferenced(v);
}

/* The variable an initialisation or assignment 'v = <load>' stores the load into, looking
 * through arithmetic ('v = load + n'), which *computed records. */
static CXCursor load_target(struct rule_ctx *rc, int *computed)
{
    for (unsigned up = 0; up < NR_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_VarDecl)
            return a;
        if (kind == CXCursor_BinaryOperator && !rule_atomics_null(assigned_var(rc, a)))
            return assigned_var(rc, a);
        if (kind == CXCursor_BinaryOperator)
            *computed = 1;
        else if (kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr &&
                 kind != CXCursor_CStyleCastExpr)
            return clang_getNullCursor();
    }
    return clang_getNullCursor();
}

/* Appends a record; on failure (out of memory) the value is not followed. */
static void push_record(struct nr_state *st, const struct nr_load *rec)
{
    if (ecg_grow((void **)&st->loads, &st->cap, st->n + 1, sizeof(*st->loads)) != 0)
        return;
    st->loads[st->n] = *rec;
    st->n++;
}

static void record_load(struct rule_ctx *rc, struct nr_state *st, const struct rule_atomics_op *op)
{
    struct nr_load rec;

    rec.computed = 0;
    rec.var = load_target(rc, &rec.computed);
    if (rule_atomics_null(rec.var) || clang_getCursorKind(rec.var) != CXCursor_VarDecl)
        return;
    if (!object_key(rec.key, sizeof(rec.key), rule_unit(rc), op))
        return;
    rec.expr = op->expr;
    rec.order = op->order.order;
    push_record(st, &rec);
}

/* The newest load record whose variable is var, or NULL. */
static struct nr_load *find_var(const struct nr_state *st, CXCursor var)
{
    for (size_t i = st->n; i > 0; i--) {
        if (clang_equalCursors(st->loads[i - 1].var, var))
            return &st->loads[i - 1];
    }
    return NULL;
}

/* v = ..., v += ..., v++: marks a load variable as computed on. */
static void note_change(struct nr_state *st, CXCursor lhs)
{
    struct nr_load *l;

    lhs = rule_exprkey_strip(lhs);
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return;
    l = find_var(st, clang_getCursorReferenced(lhs));
    if (l != NULL)
        l->computed = 1;
}

struct nr_ref {
    const struct nr_state *st;
    const struct nr_load *found;
};

static enum CXChildVisitResult find_load_var(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nr_ref *r = data;

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_UnaryExpr)
        return CXChildVisit_Continue; /* sizeof and alignof do not read their operand */
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    r->found = find_var(r->st, clang_getCursorReferenced(c));
    return r->found != NULL ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* 'w = f(v)' or 'T w = f(v)' with v holding a load: w holds a value computed from it. */
static void derive(struct nr_state *st, CXCursor var, CXCursor value)
{
    struct nr_ref r = { st, NULL };
    struct nr_load rec;

    if (rule_atomics_null(var) || clang_getCursorKind(var) != CXCursor_VarDecl)
        return;
    clang_visitChildren(value, find_load_var, &r);
    if (r.found == NULL || clang_equalCursors(r.found->var, var))
        return;
    rec = *r.found;
    rec.var = var;
    rec.computed = 1;
    push_record(st, &rec);
}

struct nr_mention {
    CXCursor var;
    int found;
};

static enum CXChildVisitResult find_mention(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nr_mention *m = data;

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_UnaryExpr)
        return CXChildVisit_Continue; /* sizeof and alignof do not read their operand */
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
        clang_equalCursors(clang_getCursorReferenced(c), m->var)) {
        m->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Nonzero when value reads var ('v = v + 1', 'v = f(v)'). */
static int mentions(CXCursor value, CXCursor var)
{
    struct nr_mention m = { var, 0 };

    if (find_mention(value, clang_getNullCursor(), &m) == CXChildVisit_Recurse)
        clang_visitChildren(value, find_mention, &m);
    return m.found;
}

/* 'v = <something new>': v no longer holds what was loaded into it. */
static void forget(struct nr_state *st, CXCursor var)
{
    for (size_t i = 0; i < st->n; i++) {
        if (clang_equalCursors(st->loads[i].var, var))
            st->loads[i].var = clang_getNullCursor();
    }
}

/* 'v = e': v holds e now; a value that does not read v replaces what v held. */
static void on_assign(struct nr_state *st, const CXCursor *kids)
{
    CXCursor var = clang_getCursorReferenced(rule_exprkey_strip(kids[0]));

    if (!mentions(kids[1], var))
        forget(st, var);
    note_change(st, kids[0]);
    derive(st, var, kids[1]);
}

static void on_operator(struct rule_ctx *rc, struct nr_state *st, CXCursor c)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    CXCursor kids[2];

    if (st->n == 0)
        return;
    if (kind == CXCursor_VarDecl) {
        derive(st, c, c);
        return;
    }
    if (kind == CXCursor_UnaryOperator) {
        if (rule_atomics_opkind(rc, c) == RULE_OPKIND_OTHER_UNARY)
            note_change(st, rule_atomics_unit_child(rc, c, 0));
        return;
    }
    if (rule_atomics_unit_children(kids, 2, rc, c) != 2)
        return;
    if (kind == CXCursor_CompoundAssignOperator)
        note_change(st, kids[0]);
    if (kind == CXCursor_BinaryOperator && rule_atomics_is_assign(rc, c))
        on_assign(st, kids);
}

static void on_call(struct rule_ctx *rc, struct nr_state *st, CXCursor call)
{
    char name[128];
    int word = rule_lockcall_kind(rule_atomics_callee_name(rc, call, name, sizeof(name)));

    if (word > 0)
        st->lock_depth++;
    if (word < 0 && st->lock_depth > 0)
        st->lock_depth--;
}

static enum CXChildVisitResult find_source(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nr_hit *h = data;
    struct rule_atomics_op op;
    char key[NR_KEY];

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        const struct nr_load *l = find_var(h->st, clang_getCursorReferenced(c));
        if (l != NULL && strcmp(l->key, h->key) == 0) {
            h->rec = l;
            h->load = l->expr;
            return CXChildVisit_Break;
        }
        return CXChildVisit_Continue;
    }
    if (rule_atomics_read(&op, h->rc, c) && op.kind == RULE_ATOMICS_LOAD &&
        object_key(key, sizeof(key), h->tu, &op) && strcmp(key, h->key) == 0) {
        h->load = op.expr;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* The load the stored value is computed from: a load of the same object inside the value,
 * or a variable that holds one and is computed on (not stored back unchanged). */
static void value_source(struct nr_hit *h, CXCursor value)
{
    CXCursor bare = rule_exprkey_strip(value);

    h->load = clang_getNullCursor();
    h->rec = NULL;
    if (find_source(value, clang_getNullCursor(), h) == CXChildVisit_Recurse)
        clang_visitChildren(value, find_source, h);
    if (h->rec != NULL && clang_getCursorKind(bare) == CXCursor_DeclRefExpr && !h->rec->computed)
        h->load = clang_getNullCursor(); /* the loaded value written back unchanged */
}

struct nr_cas {
    struct rule_ctx *rc;
    CXTranslationUnit tu;
    const char *key;
    int found;
};

static enum CXChildVisitResult find_cas(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nr_cas *s = data;
    struct rule_atomics_op op;
    char key[NR_KEY];

    (void)parent;
    if (rule_atomics_read(&op, s->rc, c) &&
        (op.kind == RULE_ATOMICS_CAS_STRONG || op.kind == RULE_ATOMICS_CAS_WEAK) &&
        object_key(key, sizeof(key), s->tu, &op) && strcmp(key, s->key) == 0) {
        s->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Nonzero when a loop around the store also compare-exchanges the object: a retry loop. */
static int in_cas_loop(struct rule_ctx *rc, const char *key)
{
    struct nr_cas s = { rc, rule_unit(rc), key, 0 };

    for (unsigned up = 0; up < NR_MAX_UP * 4; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (rule_atomics_null(a) || kind == CXCursor_FunctionDecl)
            return 0;
        if (kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt || kind == CXCursor_ForStmt)
            clang_visitChildren(a, find_cas, &s);
        if (s.found)
            return 1;
    }
    return 0;
}

/* Nonzero when only one thread can write the object: a thread-local or automatic variable,
 * or one the user names in single_writer. */
static int single_writer(struct rule_ctx *rc, const struct rule_atomics_op *op)
{
    CXCursor decl = rule_atomics_object_decl(op);
    char name[128];

    if (rule_atomics_null(decl))
        return 0;
    if (clang_getCursorKind(decl) == CXCursor_VarDecl &&
        (clang_getCursorTLSKind(decl) != CXTLS_None || !clang_Cursor_hasVarDeclGlobalStorage(decl)))
        return 1;
    return rule_option_list_has(rc, "single_writer", rule_cursor_name(decl, name, sizeof(name)));
}

/* The owner's publication idiom: it reads its own index relaxed and publishes the new value
 * with release (a single-producer ring's head). Assumed, not proved: see allow_owner_publish. */
static int owner_publish(struct rule_ctx *rc, const struct nr_hit *h,
                         const struct rule_atomics_op *store)
{
    struct rule_atomics_op load;

    if (!rule_option_bool(rc, "allow_owner_publish"))
        return 0;
    if (store->order.order != RULE_ATOMICS_RELEASE)
        return 0;
    if (h->rec != NULL)
        return h->rec->order == RULE_ATOMICS_RELAXED;
    return rule_atomics_read(&load, rc, h->load) && load.order.order == RULE_ATOMICS_RELAXED;
}

static const char *object_name(const struct rule_atomics_op *op, char *buf, size_t size)
{
    CXCursor decl = rule_atomics_object_decl(op);

    if (rule_atomics_null(decl))
        return "the object";
    return rule_cursor_name(decl, buf, size);
}

static void report(struct rule_ctx *rc, const struct rule_atomics_op *store, const struct nr_hit *h)
{
    char name[128], var[128];
    struct ecg_finding *f;

    f = rule_report(rc, store->expr,
                    "'%s' stores to '%s' a value computed from an earlier atomic load of it: an "
                    "update by another thread in between is lost; use one read-modify-write "
                    "(atomic_fetch_add/sub/or/and/xor, '+=' on an _Atomic) or a "
                    "compare-exchange loop",
                    store->name, object_name(store, name, sizeof(name)));
    if (f == NULL)
        return;
    rule_add_related(rc, f, clang_getCursorExtent(h->load), "the atomic load of '%s'", name);
    if (h->rec != NULL)
        rule_add_related(rc, f, clang_getCursorExtent(h->rec->var), "its value is kept in '%s'",
                         rule_cursor_name(h->rec->var, var, sizeof(var)));
    rule_add_related(rc, f, clang_getCursorExtent(store->value), "the value computed from it");
    rule_add_related(rc, f, clang_getCursorExtent(store->object), "the object stored to");
}

static void on_store(struct rule_ctx *rc, struct nr_state *st, const struct rule_atomics_op *op)
{
    char key[NR_KEY];
    struct nr_hit h = { rc, rule_unit(rc), st, key, clang_getNullCursor(), NULL };

    if (rule_atomics_null(op->value) || !object_key(key, sizeof(key), rule_unit(rc), op))
        return;
    value_source(&h, op->value);
    if (rule_atomics_null(h.load))
        return;
    if (st->lock_depth > 0 && rule_option_bool(rc, "allow_locked"))
        return;
    if (single_writer(rc, op) || owner_publish(rc, &h, op) || in_cas_loop(rc, key))
        return;
    report(rc, op, &h);
}

static void nr_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct nr_state *st = rule_state(rc);
    struct rule_atomics_op op;

    if (clang_getCursorKind(rule_function(rc)) == CXCursor_InvalidFile) /* null: file scope */
        return;
    if (!rule_atomics_read(&op, rc, cursor)) {
        if (clang_getCursorKind(cursor) == CXCursor_CallExpr)
            on_call(rc, st, cursor);
        else
            on_operator(rc, st, cursor);
        return;
    }
    if (op.kind == RULE_ATOMICS_LOAD)
        record_load(rc, st, &op);
    else if (op.kind == RULE_ATOMICS_STORE)
        on_store(rc, st, &op);
}

static void nr_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct nr_state *st = rule_state(rc);

    (void)fn;
    st->n = 0;
    st->lock_depth = 0;
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void nr_on_unit_begin(struct rule_ctx *rc)
{
    rule_atomics_join(rc);
}

static const struct rule_option nr_options[] = {
    { "allow_locked", RULE_OPT_BOOL, "true",
      "stay silent when a lock call ('lock', 'wrlock' or 'trylock' in the callee's name) precedes "
      "the store in the function: writers serialised by a lock, readers lock-free",
      NULL },
    { "allow_owner_publish", RULE_OPT_BOOL, "true",
      "stay silent when the load is relaxed and the store is release: the owner of the object "
      "(a single-producer index) publishing its next value",
      NULL },
    { "single_writer", RULE_OPT_STRING_LIST, "",
      "names of variables and members that only one thread writes", NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_nonatomic_rmw = {
    .id = "lockfree-nonatomic-rmw",
    .title = "Read-modify-write split into an atomic load and an atomic store",
    .summary = "Flags an atomic store of a value computed from an earlier atomic load of the "
               "same object: a lost update.",
    .description = "Loading an atomic object, computing on its value and storing the result with "
                   "a separate atomic store is not atomic as a whole: an update another thread "
                   "makes between the load and the store is overwritten. Use one read-modify-"
                   "write operation (atomic_fetch_add and friends) or a compare-exchange loop.",
    .tags = "lockfree,concurrency",
    .precision = "high",
    .cwe = { 362, 366 },
    .level = ECG_LEVEL_WARNING,
    .options = nr_options,
    .n_options = sizeof(nr_options) / sizeof(nr_options[0]),
    .state_size = sizeof(struct nr_state),
    .kinds = { RULE_ATOMICS_CURSOR_KINDS, CXCursor_VarDecl },
    .on_cursor = nr_on_cursor,
    .on_unit_begin = nr_on_unit_begin,
    .on_function_enter = nr_on_function_enter,
    .state_fini = nr_state_fini,
};
