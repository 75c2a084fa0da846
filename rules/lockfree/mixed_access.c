/* lockfree-mixed-access: a global, static or struct member (matched by access path) that the
 * unit accesses both atomically (a builtin or atomic_* on its address) and by plain accesses.
 * Silent on initialisation and teardown, before a function starts threads and after it joins
 * them, on freshly allocated or local objects, under a lock, and where the address escapes.
 * Known gaps: only one unit is seen; locks are counted by name, not by what they guard. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursormap.h"
#include "analyzer/grow.h"
#include "analyzer/opcode.h"
#include "rules/lockfree/mixed_access_int.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_kids.h"
#include "rules/support/atomics_names.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_sides.h"
#include "rules/support/atomics_opcode.h"
#include "rules/support/atomics_unit.h"

#define MA_MAX_CLIMB 8 /* expression ancestors looked through above a reference */
#define MA_MAX_PATH 16 /* members, subscripts and dereferences followed to a path's root */

static void ma_state_fini(void *state)
{
    struct ma_state *st = state;

    free(st->atomics);
    free(st->plains);
    free(st->creators);
    free(st->publishes);
    rule_atomics_sides_fini(&st->sides);
    free(st->fresh);
    ecg_cursormap_fini(&st->fn_fields);
    ecg_cursormap_fini(&st->fn_roots);
    ecg_cursormap_fini(&st->shared_vars);
}

/* Splits name at '_' and reports whether a word satisfies pred. */
static int has_word(const char *name, int (*pred)(const struct rule_ctx *, const char *),
                    const struct rule_ctx *rc)
{
    char buf[128];
    size_t len = strlen(name);

    if (len >= sizeof(buf))
        return 0;
    memcpy(buf, name, len + 1);
    for (char *w = buf; w != NULL;) {
        char *end = strchr(w, '_');
        if (end != NULL)
            *end = '\0';
        if (*w != '\0' && pred(rc, w))
            return 1;
        w = end != NULL ? end + 1 : NULL;
    }
    return 0;
}

static int is_init_word(const struct rule_ctx *rc, const char *w)
{
    return rule_option_list_has(rc, "init_functions", w);
}

static int is_read_word(const struct rule_ctx *rc, const char *w)
{
    (void)rc;
    return strcmp(w, "read") == 0 || strcmp(w, "rdlock") == 0;
}

static int is_lock_word(const struct rule_ctx *rc, const char *w)
{
    (void)rc;
    return strcmp(w, "lock") == 0 || strcmp(w, "wrlock") == 0 || strcmp(w, "trylock") == 0;
}

static int is_unlock_word(const struct rule_ctx *rc, const char *w)
{
    (void)rc;
    return strcmp(w, "unlock") == 0;
}

/* Nonzero when the declared type is a scalar that is not _Atomic. */
static int plain_scalar(CXCursor decl)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(decl));

    return t.kind != CXType_Atomic && t.kind != CXType_Record && t.kind != CXType_ConstantArray &&
           t.kind != CXType_IncompleteArray && t.kind != CXType_Invalid;
}

/* The object a reference or an atomic operation names: a global or static variable (its
 * definition when visible) or a member, of a scalar type that is not _Atomic; else null. */
static CXCursor shared_object(CXCursor decl)
{
    CXCursor def;

    /* the kind and storage first: most references name locals, parameters or functions,
     * and they cost less to ask than the type */
    if (clang_getCursorKind(decl) == CXCursor_FieldDecl)
        return plain_scalar(decl) ? decl : clang_getNullCursor();
    if (clang_getCursorKind(decl) != CXCursor_VarDecl ||
        clang_Cursor_hasVarDeclGlobalStorage(decl) != 1 ||
        clang_getCursorTLSKind(decl) != CXTLS_None || !plain_scalar(decl))
        return clang_getNullCursor();
    def = clang_getCursorDefinition(decl);
    return rule_atomics_null(def) ? clang_getCanonicalCursor(decl) : def;
}

static int is_fresh(const struct ma_state *st, CXCursor var)
{
    for (size_t i = 0; i < st->n_fresh; i++) {
        if (clang_equalCursors(st->fresh[i], var))
            return 1;
    }
    return 0;
}

static unsigned offset_of_range(CXSourceRange r)
{
    unsigned offset = 0;

    clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &offset);
    return offset;
}

static unsigned offset_of(CXCursor c)
{
    return offset_of_range(clang_getCursorExtent(c));
}

/* The local variable or parameter e names, or null. */
static CXCursor local_var(struct rule_atomics_kids *k, CXCursor e)
{
    CXCursor var;

    e = rule_atomics_kids_strip(k, e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    var = clang_getCursorReferenced(e);
    if (clang_getCursorKind(var) == CXCursor_ParmDecl ||
        (clang_getCursorKind(var) == CXCursor_VarDecl &&
         !clang_Cursor_hasVarDeclGlobalStorage(var)))
        return var;
    return clang_getNullCursor();
}

/* Nonzero when e (once stripped) is a step of an access path: '.f', '->f', '[i]' or '*'. */
static int path_step(struct rule_atomics_kids *k, CXCursor e)
{
    enum CXCursorKind kind;

    e = rule_atomics_strip_memo(k, e);
    kind = clang_getCursorKind(e);
    if (kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr)
        return 1;
    return kind == CXCursor_UnaryOperator && ecg_opcode_of(e) == ECG_OP_DEREF;
}

/* The variable an access path starts from: 'g' of 'g->a[i].f' or '(*g).f' (the canonical
 * declaration of a global), 'p' of 'p->f'; null for a path that starts at a call or a
 * pointer computed otherwise. */
static CXCursor path_root(struct rule_atomics_kids *k, CXCursor e)
{
    for (size_t depth = 0; depth < MA_MAX_PATH && path_step(k, e); depth++)
        e = rule_atomics_kids_nth(k, rule_atomics_strip_memo(k, e), 0);
    e = rule_atomics_strip_memo(k, e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    e = clang_getCursorReferenced(e);
    if (clang_getCursorKind(e) == CXCursor_ParmDecl)
        return e;
    if (clang_getCursorKind(e) != CXCursor_VarDecl)
        return clang_getNullCursor();
    return clang_Cursor_hasVarDeclGlobalStorage(e) == 1 ? clang_getCanonicalCursor(e) : e;
}

/* Nonzero when a member access goes through an object that has not escaped: a local struct
 * ('s.f'), or a local pointer that holds a new allocation ('p = malloc(...); p->f'). */
static int unpublished_base(const struct ma_state *st, CXCursor member_ref)
{
    CXCursor base =
        rule_atomics_kids_strip(st->kids, rule_atomics_kids_nth(st->kids, member_ref, 0));
    CXCursor var;

    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return 0;
    var = clang_getCursorReferenced(base);
    if (clang_getCursorKind(var) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(var))
        return 0;
    if (clang_getCanonicalType(clang_getCursorType(var)).kind == CXType_Record)
        return 1;
    return is_fresh(st, var);
}

enum ma_use {
    MA_SKIP, /* not a load or store of the object: its address, sizeof, typeof */
    MA_READ,
    MA_WRITE,
};

static enum ma_use unary_use(struct rule_ctx *rc, CXCursor op)
{
    enum ecg_op code = rule_atomics_opcode(rc, op);

    if (code == ECG_OP_ADDROF)
        return MA_SKIP; /* escapes: atomic builtins and CMM_LOAD_SHARED-style macros */
    if (code >= ECG_OP_PREINC && code <= ECG_OP_POSTDEC)
        return MA_WRITE;
    return MA_READ;
}

static enum ma_use assign_use(struct rule_ctx *rc, CXCursor op, CXCursor child)
{
    if (!rule_atomics_same_node(rule_atomics_unit_child(rc, op, 0), child))
        return MA_READ;
    if (clang_getCursorKind(op) == CXCursor_CompoundAssignOperator)
        return MA_WRITE;
    return rule_atomics_is_assign(rc, op) ? MA_WRITE : MA_READ;
}

/* A reference under a declaration or a cast: only its last child is evaluated; the others
 * (and a lone child of a typeof-typed variable) are the operand of typeof in its type. */
static enum ma_use typed_use(struct rule_ctx *rc, CXCursor a, CXCursor child)
{
    CXCursor kids[3];
    unsigned n = rule_atomics_unit_children(kids, 3, rc, a);
    CXString spelling;
    int typeof_type;

    if (n == 0 || n > 3 || !rule_atomics_same_node(kids[n - 1], child))
        return MA_SKIP;
    spelling = clang_getTypeSpelling(clang_getCursorType(a));
    typeof_type = strstr(clang_getCString(spelling), "typeof") != NULL;
    clang_disposeString(spelling);
    return typeof_type && n == 1 && clang_getCursorKind(a) == CXCursor_VarDecl ? MA_SKIP : MA_READ;
}

/* How the expression or declaration a (whose child on the path is child) uses it. */
static enum ma_use use_at(struct rule_ctx *rc, CXCursor a, CXCursor child)
{
    switch (clang_getCursorKind(a)) {
    case CXCursor_UnaryOperator:
        return unary_use(rc, a);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        return assign_use(rc, a, child);
    case CXCursor_UnaryExpr:
        return MA_SKIP;
    case CXCursor_VarDecl:
    case CXCursor_CStyleCastExpr:
        return typed_use(rc, a, child);
    default:
        return MA_READ;
    }
}

/* How the reference uses the object, from the first ancestor that is not a parenthesis or
 * an implicit conversion. */
static enum ma_use classify(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor child = ref;

    for (size_t up = 0; up < MA_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr)
            return use_at(rc, a, child);
        child = a;
    }
    return MA_READ;
}

/* 'dst->f = atomic_load(&src->f)': the write fills a snapshot (the caller's copy) from the
 * shared object; the copy is another object of the same type, not the one read atomically. */
static int snapshot_copy(struct rule_ctx *rc, CXCursor decl)
{
    struct rule_atomics_op op;
    CXCursor kids[2];

    for (size_t up = 0; up < MA_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr)
            continue;
        if (kind != CXCursor_BinaryOperator || rule_atomics_unit_children(kids, 2, rc, a) != 2)
            return 0;
        return rule_atomics_read(&op, rc,
                                 rule_atomics_strip_memo(rule_atomics_unit_kids(rc), kids[1])) &&
               op.kind == RULE_ATOMICS_LOAD &&
               clang_equalCursors(shared_object(rule_atomics_object_decl(&op)), decl);
    }
    return 0;
}

/* Exempt where it happens: in an init function, under a lock, filling a snapshot, or on an
 * object that has not escaped. */
/* Whether the current function's name says it initialises or tears down, read once. */
static int in_init_function(struct rule_ctx *rc, struct ma_state *st)
{
    char name[128];

    if (st->init_fn < 0)
        st->init_fn =
            has_word(rule_cursor_name(rule_function(rc), name, sizeof(name)), is_init_word, rc);
    return st->init_fn;
}

static int exempt_here(struct rule_ctx *rc, struct ma_state *st, const struct ma_plain *p)
{
    if (in_init_function(rc, st) || (st->lock_depth > 0 && rule_option_bool(rc, "allow_locked")))
        return 1;
    if (p->write && snapshot_copy(rc, p->decl))
        return 1;
    return clang_getCursorKind(p->ref) == CXCursor_MemberRefExpr && unpublished_base(st, p->ref);
}

/* Remembers where an operation written through a wrapper is: inside it, the object is the
 * wrapper's to access (rcu_dereference(p) may pass p's value to a function). */
static void note_wrapped(struct ma_state *st, const struct rule_atomics_op *op)
{
    if (op->wrapper == NULL)
        return;
    st->wrapped = shared_object(rule_atomics_object_decl(op));
    clang_getFileLocation(clang_getRangeStart(op->range), NULL, NULL, NULL, &st->wrapped_from);
    clang_getFileLocation(clang_getRangeEnd(op->range), NULL, NULL, NULL, &st->wrapped_to);
}

static int inside_wrapped(const struct ma_state *st, CXCursor ref, CXCursor decl)
{
    unsigned at = 0;

    if (rule_atomics_null(st->wrapped) || !clang_equalCursors(st->wrapped, decl))
        return 0;
    clang_getFileLocation(clang_getCursorLocation(ref), NULL, NULL, NULL, &at);
    return at >= st->wrapped_from && at <= st->wrapped_to;
}

static void on_ref(struct rule_ctx *rc, struct ma_state *st, CXCursor ref)
{
    CXCursor decl = shared_object(rule_atomics_referenced(rc, ref));
    enum ma_use use;
    struct ma_plain *p;

    if (rule_atomics_null(decl) || inside_wrapped(st, ref, decl))
        return;
    use = classify(rc, ref);
    if (use == MA_SKIP)
        return;
    if (ecg_grow((void **)&st->plains, &st->cap_plains, st->n_plains + 1, sizeof(*p)) != 0)
        return; /* out of memory: judged without this access */
    p = &st->plains[st->n_plains++];
    p->decl = decl;
    p->ref = ref;
    p->fn = rule_function(rc);
    p->write = use == MA_WRITE;
    p->phase = st->phase;
    p->offset = offset_of(ref);
    p->base = clang_getNullCursor();
    p->root = clang_getNullCursor();
    if (clang_getCursorKind(ref) == CXCursor_MemberRefExpr) {
        CXCursor object = rule_atomics_kids_nth(st->kids, ref, 0);
        p->base = local_var(st->kids, object);
        p->root = path_root(st->kids, object);
    }
    p->matched = clang_getCursorKind(decl) != CXCursor_FieldDecl;
    p->exempt = exempt_here(rc, st, p);
}

/* Records where the current function's atomic member access reaches its member: the
 * member, and the variable its path starts from. Out of memory, the access is forgotten. */
static void note_member_path(struct ma_state *st, CXCursor field, CXCursor object)
{
    CXCursor root = path_root(st->kids, rule_atomics_kids_nth(st->kids, object, 0));
    uint32_t index;
    int added;

    if (ecg_cursormap_intern(&index, &added, &st->fn_fields, field) != 0 || rule_atomics_null(root))
        return;
    if (rule_mixed_access_is_global(root))
        (void)ecg_cursormap_intern(&index, &added, &st->shared_vars, root);
    else
        (void)ecg_cursormap_intern(&index, &added, &st->fn_roots, root);
}

static void on_atomic(struct rule_ctx *rc, struct ma_state *st, const struct rule_atomics_op *op)
{
    CXCursor decl = rule_atomics_object_decl(op);
    struct ma_atomic *a;

    if (rule_atomics_null(decl))
        return;
    decl = shared_object(decl);
    if (rule_atomics_null(decl))
        return;
    if (ecg_grow((void **)&st->atomics, &st->cap_atomics, st->n_atomics + 1, sizeof(*a)) != 0)
        return;
    if (rule_atomics_sides_note_object(&st->sides, decl, st->n_atomics, rule_function(rc), op) != 0)
        return; /* out of memory: judged without this access */
    if (clang_getCursorKind(decl) == CXCursor_FieldDecl && !op->object_is_ptr &&
        clang_getCursorKind(op->object) == CXCursor_MemberRefExpr)
        note_member_path(st, decl, op->object);
    a = &st->atomics[st->n_atomics++];
    a->decl = decl;
    a->expr = op->expr;
    a->fn = rule_function(rc);
    a->is_init = op->kind == RULE_ATOMICS_INIT;
}

/* The pointer a tagging helper is applied to ('flag_removed(n)' gives n), else value; casts
 * (liburcu's caa_cast_long_keep_sign) are looked through. */
static CXCursor untagged(struct rule_atomics_kids *k, CXCursor value)
{
    CXCursor e = rule_atomics_strip_memo(k, value);

    if (clang_getCursorKind(e) == CXCursor_CallExpr && clang_Cursor_getNumArguments(e) == 1)
        return rule_atomics_strip_memo(k, clang_Cursor_getArgument(e, 0));
    return e;
}

/* Remembers the function's last fence that orders earlier stores (not an acquire fence). */
static void note_fence(struct ma_state *st, const struct rule_atomics_op *op)
{
    if (op->kind == RULE_ATOMICS_FENCE && op->order.order != RULE_ATOMICS_ACQUIRE &&
        op->order.order != RULE_ATOMICS_CONSUME)
        st->fn_fence = offset_of_range(op->range);
}

/* The local or parameter whose value a local initialised from it copies ('T *v = n' gives n),
 * or null: rcu_assign_pointer stores such a copy declared inside its expansion. */
static CXCursor copied_from(struct rule_atomics_kids *k, CXCursor var)
{
    CXCursor kids[3];
    unsigned n;

    if (clang_getCursorKind(var) != CXCursor_VarDecl)
        return clang_getNullCursor();
    n = rule_atomics_kids_get(kids, 3, k, var);
    if (n == 0 || n > 3)
        return clang_getNullCursor();
    return local_var(k, kids[n - 1]);
}

static void add_publish(struct rule_ctx *rc, struct ma_state *st, CXCursor var,
                        const struct rule_atomics_op *op)
{
    struct ma_publish *p;

    if (ecg_grow((void **)&st->publishes, &st->cap_publishes, st->n_publishes + 1, sizeof(*p)) != 0)
        return;
    p = &st->publishes[st->n_publishes++];
    p->var = var;
    p->fn = rule_function(rc);
    p->offset = offset_of_range(op->range);
}

/* Records that op publishes the pointer a local or parameter holds. */
static void on_publish(struct rule_ctx *rc, struct ma_state *st, const struct rule_atomics_op *op)
{
    CXCursor var;

    if (op->kind == RULE_ATOMICS_LOAD || op->kind == RULE_ATOMICS_FETCH_OP)
        return;
    if (rule_atomics_null(op->value)) {
        /* a statement macro (rcu_assign_pointer) stores the copy it declares of its value */
        if (op->wrapper != NULL && !rule_atomics_null(st->copy_src) &&
            st->copy_at == offset_of_range(op->range))
            add_publish(rc, st, st->copy_src, op);
        return;
    }
    var = local_var(st->kids, untagged(st->kids, op->value));
    if (rule_atomics_null(var))
        return;
    add_publish(rc, st, var, op);
    var = copied_from(st->kids, var);
    if (!rule_atomics_null(var))
        add_publish(rc, st, var, op);
}

/* Nonzero when the call returns new memory: malloc, calloc, realloc, aligned_alloc, or a
 * function with 'alloc' in its name or a word 'new' or 'create'. */
static int is_allocation(struct rule_atomics_kids *k, CXCursor call)
{
    char name[128];

    call = rule_atomics_kids_strip(k, call);
    if (clang_getCursorKind(call) != CXCursor_CallExpr)
        return 0;
    rule_callee_name(call, name, sizeof(name));
    return strstr(name, "alloc") != NULL || strstr(name, "_new") != NULL ||
           strstr(name, "_create") != NULL;
}

static void add_fresh(struct ma_state *st, CXCursor var)
{
    if (clang_getCursorKind(var) != CXCursor_VarDecl || is_fresh(st, var))
        return;
    if (ecg_grow((void **)&st->fresh, &st->cap_fresh, st->n_fresh + 1, sizeof(*st->fresh)) != 0)
        return;
    st->fresh[st->n_fresh++] = var;
}

/* 'T v = n' with n a local or parameter: remembers n, which a store of v publishes. */
static void note_copy(struct ma_state *st, CXCursor decl, CXCursor init)
{
    CXCursor src = local_var(st->kids, init);

    if (rule_atomics_null(src))
        return;
    st->copy_src = src;
    st->copy_at = offset_of(decl);
}

/* 'T *p = malloc(...)' or 'p = malloc(...)': p holds an object no other thread has seen. */
static void on_assign(struct ma_state *st, CXCursor c)
{
    CXCursor kids[3];
    unsigned n = rule_atomics_kids_get(kids, 3, st->kids, c);

    if (n == 0 || n > 3)
        return;
    if (clang_getCursorKind(c) == CXCursor_VarDecl)
        note_copy(st, c, kids[n - 1]);
    if (!is_allocation(st->kids, kids[n - 1]))
        return;
    if (clang_getCursorKind(c) == CXCursor_VarDecl) {
        add_fresh(st, c);
        return;
    }
    if (n == 2 && ecg_opcode_of(c) == ECG_OP_ASSIGN)
        add_fresh(st, clang_getCursorReferenced(rule_atomics_kids_strip(st->kids, kids[0])));
}

/* pthread_create, thrd_create, or a helper named for both words ('create_thread'). */
static int starts_threads(const char *name)
{
    if (strcmp(name, "pthread_create") == 0 || strcmp(name, "thrd_create") == 0)
        return 1;
    return strstr(name, "create") != NULL && strstr(name, "thread") != NULL;
}

static void on_call(struct rule_ctx *rc, struct ma_state *st, CXCursor call)
{
    char name[128];

    rule_atomics_sides_note_call(&st->sides, rule_function(rc), call);
    rule_atomics_callee_name(rc, call, name, sizeof(name));
    if (starts_threads(name)) {
        st->phase = MA_THREADS_RUN;
        if (ecg_grow((void **)&st->creators, &st->cap_creators, st->n_creators + 1,
                     sizeof(*st->creators)) == 0)
            st->creators[st->n_creators++] = rule_function(rc);
    } else if (strcmp(name, "pthread_join") == 0 || strcmp(name, "thrd_join") == 0) {
        st->phase = MA_AFTER_JOIN;
    } else if (has_word(name, is_read_word, rc)) {
        return;
    } else if (has_word(name, is_unlock_word, rc)) {
        st->lock_depth -= st->lock_depth > 0;
    } else if (has_word(name, is_lock_word, rc)) {
        st->lock_depth++;
    }
}

static void ma_on_unit_end(struct rule_ctx *rc)
{
    struct ma_state *st = rule_state(rc);

    rule_mixed_access_race_finish_function(st);
    if (st->n_atomics == 0)
        return;
    rule_mixed_access_race_report(rc, st);
}

static void ma_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct ma_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    struct rule_atomics_op op;

    if (clang_getCursorKind(rule_function(rc)) == CXCursor_InvalidFile) /* null: file scope */
        return;
    if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr) {
        on_ref(rc, st, cursor);
        return;
    }
    if (kind == CXCursor_VarDecl) {
        on_assign(st, cursor);
        return;
    }
    if (rule_atomics_read(&op, rc, cursor)) {
        on_publish(rc, st, &op);
        note_fence(st, &op);
        note_wrapped(st, &op);
        rule_atomics_sides_note_op(&st->sides, rule_function(rc), &op);
        on_atomic(rc, st, &op);
        return;
    }
    if (kind == CXCursor_CallExpr)
        on_call(rc, st, cursor);
    else if (kind == CXCursor_BinaryOperator)
        on_assign(st, cursor);
}

static void ma_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct ma_state *st = rule_state(rc);

    (void)fn;
    rule_mixed_access_race_finish_function(st);
    st->lock_depth = 0;
    st->wrapped = clang_getNullCursor();
    st->phase = MA_BEFORE_THREADS;
    st->n_fresh = 0;
    st->init_fn = -1;
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void ma_on_unit_begin(struct rule_ctx *rc)
{
    struct ma_state *st = rule_state(rc);

    rule_atomics_sides_init(&st->sides);
    ecg_cursormap_init(&st->fn_fields);
    ecg_cursormap_init(&st->fn_roots);
    ecg_cursormap_init(&st->shared_vars);
    st->across_functions = rule_option_bool(rc, "match_members_across_functions");
    rule_atomics_join(rc);
    st->kids = rule_atomics_unit_kids(rc);
}

static const struct rule_option ma_options[] = {
    { "allow_locked", RULE_OPT_BOOL, "true",
      "stay silent on plain accesses after a lock call ('lock', 'wrlock' or 'trylock' as a word "
      "of the callee's name, not 'read') in the same function",
      NULL },
    { "init_functions", RULE_OPT_STRING_LIST,
      "init,create,new,alloc,setup,destroy,fini,free,deinit,register,unregister",
      "words ('_'-separated) of the names of functions that initialise or tear down objects "
      "before they are shared or after they are not: plain accesses there are silent",
      NULL },
    { "match_members_across_functions", RULE_OPT_BOOL, "false",
      "match a member by its declaration alone: a plain access in any function to the member "
      "of any object is compared with every atomic access to that member (more races found "
      "through parameters, and more false alarms on private copies and unshared nodes)",
      NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_mixed_access = {
    .id = "lockfree-mixed-access",
    .title = "Object accessed both atomically and plainly",
    .summary = "Flags objects that the unit accesses both with atomic operations and with "
               "plain loads or stores.",
    .description = "An object that some code updates with atomic builtins or atomic_* functions "
                   "is shared between threads; a plain load or store of it elsewhere is a data "
                   "race (undefined behaviour in C11): the compiler may tear, cache or reorder "
                   "it. Make every concurrent access atomic, or declare the object _Atomic.",
    .tags = "lockfree,concurrency",
    .precision = "medium",
    .cwe = { 362, 366 },
    .level = ECG_LEVEL_WARNING,
    .options = ma_options,
    .n_options = sizeof(ma_options) / sizeof(ma_options[0]),
    .state_size = sizeof(struct ma_state),
    .kinds = { RULE_ATOMICS_CURSOR_KINDS, CXCursor_DeclRefExpr, CXCursor_MemberRefExpr,
               CXCursor_VarDecl },
    .on_cursor = ma_on_cursor,
    .on_unit_begin = ma_on_unit_begin,
    .on_function_enter = ma_on_function_enter,
    .on_unit_end = ma_on_unit_end,
    .state_fini = ma_state_fini,
};
