/* lockfree-relaxed-publication: a pointer or flag published by a relaxed store after plain
 * writes to what it guards, or a pointer loaded relaxed and then dereferenced, with no
 * release (acquire) fence between. Events are kept in source order within one function.
 * Known gaps: control flow is not followed (a write on another path, a dereference in the
 * next loop iteration); what a flag guards is guessed (a nonzero constant guards its own
 * base object or static data beside it; an index guards slots it subscripts); fences inside
 * helpers count only when the option names them. */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_kids.h"
#include "rules/support/atomics_names.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_defer.h"
#include "rules/support/atomics_opcode.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/opkind.h"

#define RP_MAX_WRITES 64 /* plain writes remembered per function (the most recent) */
#define RP_MAX_LOADS 32  /* relaxed pointer loads tracked per function */
#define RP_MAX_UP 16     /* ancestors looked at above a relaxed load */
#define RP_MAX_DOWN 32   /* members, subscripts and casts looked through to a root */
#define RP_MAX_RELATED 8 /* guarded writes listed with one finding */

/* The object an lvalue is rooted at: 'q' of q->buf[i], 'g' of g.len, 'p' of *p. */
struct rp_root {
    CXCursor decl;   /* VarDecl or ParmDecl; null when the base is no variable */
    CXCursor field;  /* the outermost member named, or null */
    int through_ptr; /* the lvalue is reached by dereferencing decl's value */
};

struct rp_write {
    struct rp_root root;
    CXCursor index_var; /* the first variable of the outermost subscript's index, or null */
    CXSourceRange range;
};

struct rp_load {
    CXCursor var;  /* the local pointer variable that received the load */
    CXCursor load; /* the relaxed load */
};

struct rp_state {
    struct rp_write writes[RP_MAX_WRITES];
    unsigned n_writes;
    struct rp_load loads[RP_MAX_LOADS];
    unsigned n_loads;
    struct rule_atomics_last
        last_op; /* the atomic operation matched last (its cursors may repeat) */
    /* plain cursors met while no relaxed load was tracked, examined when an atomic
     * operation comes (they only change writes and loads, which only operations read) */
    struct rule_atomics_defer pending;
    struct rule_atomics_kids *kids; /* borrowed: the unit's memo of children; NULL: none */
};

static void rp_state_fini(void *state)
{
    struct rp_state *st = state;

    rule_atomics_defer_fini(&st->pending);
}

static int is_pointer(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Pointer;
}

/* A cast's operand: the last child (the first may be a type reference). */
static CXCursor cast_operand(struct rule_atomics_kids *k, CXCursor cast)
{
    CXCursor kids[2];
    unsigned n = rule_atomics_kids_get(kids, 2, k, cast);

    return n == 0 ? clang_getNullCursor() : kids[n < 2 ? n - 1 : 1];
}

/* Looks through parentheses, implicit conversions and casts. */
static CXCursor bare(struct rule_atomics_kids *k, CXCursor e)
{
    for (unsigned i = 0; i < RP_MAX_DOWN && !rule_atomics_null(e); i++) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (kind == CXCursor_CStyleCastExpr)
            e = cast_operand(k, e);
        else if (kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr)
            e = rule_atomics_kids_nth(k, e, 0);
        else
            return e;
    }
    return e;
}

/* The base an access goes through and whether it dereferences it; null when e is no
 * member, subscript or '*'. */
static CXCursor access_base(struct rule_ctx *rc, CXCursor e, int *deref)
{
    struct rule_atomics_kids *k = rule_atomics_unit_kids(rc);
    enum CXCursorKind kind = clang_getCursorKind(e);
    CXCursor base;

    *deref = 0;
    if (kind == CXCursor_UnaryOperator) {
        if (!rule_atomics_is_deref(rc, e))
            return clang_getNullCursor();
        *deref = 1;
        return rule_atomics_kids_nth(k, e, 0);
    }
    if (kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr)
        return clang_getNullCursor();
    base = rule_atomics_kids_nth(k, e, 0);
    *deref = is_pointer(clang_getCursorType(base));
    return base;
}

static int is_variable(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl;
}

/* The root of an lvalue; 0 when it has none (a call's result, a literal). */
static int lvalue_root(struct rp_root *out, struct rule_ctx *rc, CXCursor lhs)
{
    struct rule_atomics_kids *k = rule_atomics_unit_kids(rc);
    struct rp_root r = { clang_getNullCursor(), clang_getNullCursor(), 0 };
    CXCursor e = bare(k, lhs);

    for (unsigned i = 0; i < RP_MAX_DOWN && !rule_atomics_null(e); i++) {
        int deref;
        CXCursor base;
        if (clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
            r.decl = clang_getCursorReferenced(e);
            if (!is_variable(r.decl))
                return 0;
            *out = r;
            return 1;
        }
        base = access_base(rc, e, &deref);
        if (clang_getCursorKind(e) == CXCursor_MemberRefExpr && rule_atomics_null(r.field))
            r.field = clang_getCursorReferenced(e);
        r.through_ptr |= deref;
        e = bare(k, base);
    }
    return 0;
}

/* Nonzero for a variable of static storage (file scope or 'static' local). */
static int is_static_storage(CXCursor decl)
{
    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return 0;
    if (clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_TranslationUnit)
        return 1;
    return clang_Cursor_getStorageClass(decl) == CX_SC_Static;
}

static enum CXChildVisitResult find_var(CXCursor c, CXCursor parent, CXClientData data)
{
    CXCursor *out = data;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr ||
        !is_variable(clang_getCursorReferenced(c)))
        return CXChildVisit_Recurse;
    *out = clang_getCursorReferenced(c);
    return CXChildVisit_Break;
}

/* The first variable e mentions, or a null cursor. */
static CXCursor first_var(CXCursor e)
{
    CXCursor found = clang_getNullCursor();

    if (rule_atomics_null(e))
        return found;
    if (find_var(e, e, &found) == CXChildVisit_Break)
        return found;
    clang_visitChildren(e, find_var, &found);
    return found;
}

/* The variable indexing the outermost subscript of an lvalue (slots[t % N] gives t). */
static CXCursor subscript_var(struct rule_atomics_kids *k, CXCursor lhs)
{
    CXCursor e = bare(k, lhs);

    for (unsigned i = 0; i < RP_MAX_DOWN && !rule_atomics_null(e); i++) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (kind == CXCursor_ArraySubscriptExpr)
            return first_var(rule_atomics_kids_nth(k, e, 1));
        if (kind != CXCursor_MemberRefExpr)
            return clang_getNullCursor();
        e = bare(k, rule_atomics_kids_nth(k, e, 0));
    }
    return clang_getNullCursor();
}

static void remember_write(struct rp_state *st, const struct rp_root *root, CXCursor at,
                           CXCursor lhs)
{
    struct rule_atomics_kids *k = st->kids;
    if (st->n_writes == RP_MAX_WRITES) {
        memmove(&st->writes[0], &st->writes[1], sizeof(st->writes[0]) * (RP_MAX_WRITES - 1));
        st->n_writes--;
    }
    st->writes[st->n_writes].root = *root;
    st->writes[st->n_writes].index_var = subscript_var(k, lhs);
    st->writes[st->n_writes].range = clang_getCursorExtent(at);
    st->n_writes++;
}

/* A plain assignment, compound assignment, ++ or --: remembers a write that others could
 * read (through a pointer, or to static storage); forgets a reloaded pointer variable. */
static void on_plain_write(struct rule_ctx *rc, struct rp_state *st, CXCursor op, CXCursor lhs)
{
    struct rp_root root;
    CXCursor var;

    if (!lvalue_root(&root, rc, lhs))
        return;
    if (root.through_ptr || is_static_storage(root.decl)) {
        remember_write(st, &root, op, lhs);
        return;
    }
    var = root.decl;
    for (unsigned i = 0; i < st->n_loads; i++) {
        if (!clang_equalCursors(st->loads[i].var, var))
            continue;
        st->loads[i] = st->loads[--st->n_loads];
        return;
    }
}

/* The lvalue an operator writes, or a null cursor when it writes none. */
static CXCursor written_lvalue(struct rule_ctx *rc, CXCursor op)
{
    struct rule_atomics_kids *k = rule_atomics_unit_kids(rc);
    enum CXCursorKind kind = clang_getCursorKind(op);

    if (kind == CXCursor_CompoundAssignOperator)
        return rule_atomics_kids_nth(k, op, 0);
    if (kind == CXCursor_BinaryOperator && rule_atomics_is_assign(rc, op))
        return rule_atomics_kids_nth(k, op, 0);
    if (rule_atomics_is_increment(rc, op))
        return rule_atomics_kids_nth(k, op, 0);
    return clang_getNullCursor();
}

/* A call to a function the option lists as a fence. */
static int call_is_fence(struct rule_ctx *rc, CXCursor call, const char *list)
{
    char name[128];

    rule_atomics_callee_name(rc, call, name, sizeof(name));
    if (name[0] == '\0')
        return 0;
    return rule_option_list_has(rc, list, name);
}

static int orders_release(enum rule_atomics_order o)
{
    return o == RULE_ATOMICS_RELEASE || o == RULE_ATOMICS_ACQ_REL || o == RULE_ATOMICS_SEQ_CST ||
           o == RULE_ATOMICS_ORDER_UNKNOWN;
}

static int orders_acquire(enum rule_atomics_order o)
{
    return o == RULE_ATOMICS_ACQUIRE || o == RULE_ATOMICS_CONSUME || o == RULE_ATOMICS_ACQ_REL ||
           o == RULE_ATOMICS_SEQ_CST || o == RULE_ATOMICS_ORDER_UNKNOWN;
}

static void on_fence(struct rp_state *st, int release, int acquire)
{
    if (release)
        st->n_writes = 0; /* earlier writes are ordered before any later store */
    if (acquire)
        st->n_loads = 0; /* earlier loads are ordered before any later access */
}

/* The local variable 'v = <child>' assigns child to, or a null cursor. */
static CXCursor assigned_local(struct rule_ctx *rc, CXCursor assign, CXCursor child)
{
    struct rule_atomics_kids *k = rule_atomics_unit_kids(rc);
    CXCursor lhs;
    CXCursor var;

    if (clang_getCursorKind(assign) != CXCursor_BinaryOperator ||
        !rule_atomics_is_assign(rc, assign) ||
        !rule_atomics_same_node(rule_atomics_kids_nth(k, assign, 1), child))
        return clang_getNullCursor();
    lhs = bare(k, rule_atomics_kids_nth(k, assign, 0));
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    var = clang_getCursorReferenced(lhs);
    if (clang_getCursorKind(var) != CXCursor_VarDecl || is_static_storage(var))
        return clang_getNullCursor();
    return var;
}

static int passes_value(enum CXCursorKind kind)
{
    return kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_CStyleCastExpr;
}

/* Where the value of a relaxed load goes: into a local variable (returned), or straight
 * into a dereference (*deref_at set). */
static CXCursor load_target(struct rule_ctx *rc, CXCursor load, CXCursor *deref_at)
{
    CXCursor child = load;
    CXCursor a = rule_ancestor(rc, 0);
    int deref = 0;

    *deref_at = clang_getNullCursor();
    for (unsigned up = 1; up < RP_MAX_UP && passes_value(clang_getCursorKind(a)); up++) {
        child = a;
        a = rule_ancestor(rc, up);
    }
    if (clang_getCursorKind(a) == CXCursor_VarDecl)
        return is_static_storage(a) ? clang_getNullCursor() : a;
    if (rule_atomics_same_node(access_base(rc, a, &deref), child) && deref)
        *deref_at = a;
    return assigned_local(rc, a, child);
}

static const char *object_name(const struct rule_atomics_op *op, char *buf, size_t size)
{
    CXCursor decl = rule_atomics_object_decl(op);

    if (rule_atomics_null(decl))
        snprintf(buf, size, "%s", "the object");
    else
        rule_cursor_name(decl, buf, size);
    return buf;
}

static void report_consume(struct rule_ctx *rc, CXCursor load, CXCursor var, CXCursor deref)
{
    struct rule_atomics_op op;
    char name[128];
    char vname[128];
    struct ecg_finding *f;

    if (!rule_atomics_read(&op, rc, load))
        return;
    object_name(&op, name, sizeof(name));
    if (rule_atomics_null(var))
        snprintf(vname, sizeof(vname), "%s", "the pointer");
    else
        rule_cursor_name(var, vname, sizeof(vname));
    f = rule_report(rc, load,
                    "'%s' is read with a relaxed load and '%s' is then dereferenced: the data it "
                    "points to may not be visible yet; load it with memory_order_acquire (pairs "
                    "with the release that published it) or put "
                    "atomic_thread_fence(memory_order_acquire) before the dereference",
                    name, vname);
    if (f == NULL)
        return;
    rule_add_related(rc, f, op.order.range, "the relaxed order");
    if (!rule_atomics_null(var))
        rule_add_related(rc, f, clang_getCursorExtent(var), "'%s' receives the pointer", vname);
    rule_add_related(rc, f, clang_getCursorExtent(deref), "dereferenced here, unordered");
}

/* A member access, subscript or '*' through a variable that holds a relaxed load. */
static void on_deref(struct rule_ctx *rc, struct rp_state *st, CXCursor access)
{
    struct rule_atomics_kids *k = st->kids;
    int deref = 0;
    CXCursor base;
    CXCursor var;

    if (st->n_loads == 0)
        return;
    base = bare(k, access_base(rc, access, &deref));
    if (!deref || clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return;
    var = clang_getCursorReferenced(base);
    for (unsigned i = 0; i < st->n_loads; i++) {
        if (!clang_equalCursors(st->loads[i].var, var))
            continue;
        report_consume(rc, st->loads[i].load, var, access);
        st->loads[i] = st->loads[--st->n_loads];
        return;
    }
}

static void track_load(struct rule_ctx *rc, struct rp_state *st, CXCursor load)
{
    CXCursor deref_at;
    CXCursor var = load_target(rc, load, &deref_at);
    unsigned i = 0;

    if (!rule_atomics_null(deref_at)) {
        report_consume(rc, load, clang_getNullCursor(), deref_at);
        return;
    }
    if (rule_atomics_null(var) || !is_pointer(clang_getCursorType(var)))
        return;
    while (i < st->n_loads && !clang_equalCursors(st->loads[i].var, var))
        i++;
    if (i == RP_MAX_LOADS)
        return;
    st->loads[i].var = var;
    st->loads[i].load = load;
    if (i == st->n_loads)
        st->n_loads++;
}

/* The root of the object a store acts on ('q' with field 'ready' for &q->ready). */
static int object_root(struct rp_root *out, struct rule_ctx *rc, const struct rule_atomics_op *op)
{
    struct rp_root r;

    if (rule_atomics_null(op->object) || !lvalue_root(&r, rc, op->object))
        return 0;
    if (op->object_is_ptr)
        r.through_ptr = 1;
    *out = r;
    return 1;
}

/* What a non-pointer store publishes: a 'ready' flag (a nonzero constant) or an index (the
 * value names index_var, as tail = t + 1 after slots[t] = v). */
struct rp_flag {
    struct rp_root root;
    CXCursor index_var; /* null for a ready flag */
};

/* Does a plain write touch what a flag or index store publishes? A ready flag: another
 * part of the flag's base object, or static data beside a static flag. An index: a slot of
 * the flag's base object subscripted by the index published. */
static int flag_guards(const struct rp_write *w, const struct rp_flag *flag)
{
    if (!rule_atomics_null(flag->index_var))
        return clang_equalCursors(w->root.decl, flag->root.decl) &&
               clang_equalCursors(w->index_var, flag->index_var);
    if (clang_equalCursors(w->root.decl, flag->root.decl))
        return w->root.through_ptr == flag->root.through_ptr &&
               !clang_equalCursors(w->root.field, flag->root.field);
    return !flag->root.through_ptr && !w->root.through_ptr && is_static_storage(flag->root.decl) &&
           is_static_storage(w->root.decl);
}

/* Does a plain write touch what the store publishes? For a pointer: the write goes through
 * the pointer stored. */
static int write_guarded(const struct rp_write *w, CXCursor ptr, const struct rp_flag *flag)
{
    if (!rule_atomics_null(ptr))
        return w->root.through_ptr && clang_equalCursors(w->root.decl, ptr);
    return flag != NULL && flag_guards(w, flag);
}

/* A search for a read of a file-static variable in the file's other functions. */
struct rp_reader {
    CXCursor var;
    CXCursor skip; /* the publishing function */
    CXFile file;
    int found;   /* another function reads it */
    int written; /* another function writes it */
};

/* Nonzero when ref is the left side of an assignment: a write, not a read. */
static int assigned_to(struct rule_atomics_kids *k, CXCursor ref, CXCursor parent)
{
    CXCursor kids[2];

    return clang_getCursorKind(parent) == CXCursor_BinaryOperator &&
           rule_atomics_kids_get(kids, 2, k, parent) == 2 && rule_atomics_same_node(kids[0], ref) &&
           rule_opkind_binary(clang_Cursor_getTranslationUnit(ref), parent) == RULE_OPKIND_ASSIGN;
}

static enum CXChildVisitResult find_reader(CXCursor c, CXCursor parent, CXClientData data)
{
    struct rp_reader *r = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    CXFile file = NULL;

    if (clang_getCursorKind(parent) == CXCursor_TranslationUnit) {
        clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
        if (kind != CXCursor_FunctionDecl || file != r->file || !clang_isCursorDefinition(c) ||
            clang_equalCursors(c, r->skip))
            return CXChildVisit_Continue;
        return CXChildVisit_Recurse;
    }
    if (kind != CXCursor_DeclRefExpr ||
        !clang_equalCursors(clang_getCanonicalCursor(clang_getCursorReferenced(c)), r->var))
        return CXChildVisit_Recurse;
    /* a search of the whole unit, once per flag: plain visits */
    if (assigned_to(NULL, c, parent)) {
        r->written = 1;
        return CXChildVisit_Continue;
    }
    r->found = 1;
    return CXChildVisit_Break;
}

/* A ready flag guards static data beside it only if another function can read that data:
 * a file-static variable that other functions set but only the publishing function reads
 * (main's flag, set by a signal handler) is not what the readers of the flag wait for. */
static int unread_beside(struct rule_ctx *rc, const struct rp_write *w, const struct rp_flag *flag)
{
    struct rp_reader r;

    if (flag == NULL || !rule_atomics_null(flag->index_var) ||
        clang_equalCursors(w->root.decl, flag->root.decl) ||
        clang_getCursorLinkage(w->root.decl) != CXLinkage_Internal ||
        clang_getCursorKind(clang_getCursorSemanticParent(w->root.decl)) !=
            CXCursor_TranslationUnit)
        return 0;
    r.var = clang_getCanonicalCursor(w->root.decl);
    r.skip = rule_function(rc);
    r.found = 0;
    r.written = 0;
    clang_getExpansionLocation(clang_getCursorLocation(w->root.decl), &r.file, NULL, NULL, NULL);
    clang_visitChildren(clang_getTranslationUnitCursor(rule_unit(rc)), find_reader, &r);
    return !r.found && r.written;
}

static void report_publish(struct rule_ctx *rc, struct rp_state *st,
                           const struct rule_atomics_op *op, CXCursor ptr,
                           const struct rp_flag *flag)
{
    char name[128];
    struct ecg_finding *f = NULL;
    unsigned kept = 0;
    unsigned listed = 0;

    object_name(op, name, sizeof(name));
    for (unsigned i = 0; i < st->n_writes; i++) {
        if (!write_guarded(&st->writes[i], ptr, flag) || unread_beside(rc, &st->writes[i], flag)) {
            st->writes[kept++] = st->writes[i];
            continue;
        }
        if (f == NULL)
            f = rule_report(rc, op->expr,
                            "%s '%s' is published with a relaxed %s after plain writes to the "
                            "data it guards: a reader that sees it may not see them; use "
                            "memory_order_release (pairs with an acquire load in the reader) or "
                            "put atomic_thread_fence(memory_order_release) before it",
                            rule_atomics_null(ptr) ? "flag" : "pointer to", name,
                            rule_atomics_kind_name(op->kind));
        if (f != NULL && listed++ < RP_MAX_RELATED)
            rule_add_related(rc, f, st->writes[i].range, "plain write published by this store");
    }
    if (f != NULL)
        rule_add_related(rc, f, op->order.range, "the relaxed order");
    st->n_writes = kept;
}

/* Nonzero when e is a constant other than zero: 'true', 1, READY. */
static int is_nonzero_constant(CXCursor e)
{
    CXEvalResult ev = clang_Cursor_Evaluate(e);
    int nonzero = 0;

    if (ev == NULL)
        return 0;
    if (clang_EvalResult_getKind(ev) == CXEval_Int)
        nonzero = clang_EvalResult_getAsLongLong(ev) != 0;
    clang_EvalResult_dispose(ev);
    return nonzero;
}

/* Describes a flag or index store; 0 when it publishes neither (a zero, a variable value). */
static int flag_of(struct rp_flag *out, struct rule_ctx *rc, const struct rule_atomics_op *op)
{
    struct rp_flag f;

    if (!object_root(&f.root, rc, op))
        return 0;
    f.index_var = clang_getNullCursor();
    if (!is_nonzero_constant(op->value)) {
        f.index_var = first_var(op->value);
        if (rule_atomics_null(f.index_var))
            return 0;
    }
    *out = f;
    return 1;
}

static void on_relaxed_store(struct rule_ctx *rc, struct rp_state *st,
                             const struct rule_atomics_op *op)
{
    struct rule_atomics_kids *k = st->kids;
    CXCursor v = bare(k, op->value);
    struct rp_flag flag;

    if (rule_atomics_null(v) || st->n_writes == 0)
        return;
    if (clang_getCursorKind(v) == CXCursor_DeclRefExpr &&
        is_variable(clang_getCursorReferenced(v)) && is_pointer(clang_getCursorType(v))) {
        report_publish(rc, st, op, clang_getCursorReferenced(v), NULL);
        return;
    }
    if (is_pointer(clang_getCursorType(v)) || !rule_option_bool(rc, "flags"))
        return;
    if (flag_of(&flag, rc, op))
        report_publish(rc, st, op, clang_getNullCursor(), &flag);
}

static int is_explicit_relaxed(const struct rule_atomics_op *op)
{
    return !op->order.implicit && op->order.order == RULE_ATOMICS_RELAXED;
}

/* Kinds that store a value: plain stores, exchanges and compare-exchanges. */
static int stores_value(enum rule_atomics_kind kind)
{
    return kind == RULE_ATOMICS_STORE || kind == RULE_ATOMICS_EXCHANGE ||
           kind == RULE_ATOMICS_CAS_STRONG || kind == RULE_ATOMICS_CAS_WEAK;
}

static void on_atomic(struct rule_ctx *rc, struct rp_state *st, const struct rule_atomics_op *op)
{
    if (op->kind == RULE_ATOMICS_FENCE)
        on_fence(st, orders_release(op->order.order), orders_acquire(op->order.order));
    else if (!is_explicit_relaxed(op))
        return;
    else if (op->kind == RULE_ATOMICS_LOAD && is_pointer(clang_getCursorType(op->expr)))
        track_load(rc, st, op->expr);
    else if (stores_value(op->kind))
        on_relaxed_store(rc, st, op);
}

static void on_plain(struct rule_ctx *rc, struct rp_state *st, CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor lhs;

    if (kind == CXCursor_CallExpr) {
        on_fence(st, call_is_fence(rc, cursor, "release_fences"),
                 call_is_fence(rc, cursor, "acquire_fences"));
        return;
    }
    if (kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr ||
        kind == CXCursor_UnaryOperator)
        on_deref(rc, st, cursor);
    lhs = written_lvalue(rc, cursor);
    if (!rule_atomics_null(lhs))
        on_plain_write(rc, st, cursor, lhs);
}

/* Examines the plain cursors set aside, in the order they came. */
static void flush_pending(struct rule_ctx *rc, struct rp_state *st)
{
    for (size_t i = 0; i < st->pending.len; i++)
        on_plain(rc, st, st->pending.items[i]);
    st->pending.len = 0;
}

/* A plain cursor: set aside while no relaxed load is tracked (then it can report nothing,
 * only change what a later operation reads), else examined now. */
static void on_plain_cursor(struct rule_ctx *rc, struct rp_state *st, CXCursor cursor)
{
    if (st->n_loads == 0 && rule_atomics_defer_push(&st->pending, cursor) == 0)
        return;
    flush_pending(rc, st);
    on_plain(rc, st, cursor);
}

static void rp_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct rp_state *st = rule_state(rc);
    struct rule_atomics_op op;

    if (clang_getCursorKind(rule_function(rc)) == CXCursor_InvalidFile) /* null: file scope */
        return;
    if (!rule_atomics_read(&op, rc, cursor)) {
        on_plain_cursor(rc, st, cursor);
        return;
    }
    if (rule_atomics_last_repeats_at(&st->last_op, op.expr, op.range))
        return;
    flush_pending(rc, st);
    on_atomic(rc, st, &op);
}

static void rp_on_function_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct rp_state *st = rule_state(rc);

    (void)cursor;
    st->n_writes = 0;
    st->n_loads = 0;
    rule_atomics_last_reset(&st->last_op);
    st->pending.len = 0; /* no operation followed them: they changed nothing read */
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void rp_on_unit_begin(struct rule_ctx *rc)
{
    struct rp_state *st = rule_state(rc);

    rule_atomics_join(rc);
    st->kids = rule_atomics_unit_kids(rc);
}

static const struct rule_option rp_options[] = {
    { "flags", RULE_OPT_BOOL, "true",
      "also report a ready flag (a nonzero constant) stored relaxed after plain writes to "
      "other parts of its object or to static data beside it, and an index stored relaxed after "
      "writes to slots of its object subscripted by that index",
      NULL },
    { "release_fences", RULE_OPT_STRING_LIST,
      "ck_pr_fence_store,ck_pr_fence_release,ck_pr_fence_memory,ck_pr_fence_strict_store,"
      "ck_pr_fence_strict_memory,cmm_smp_wmb,cmm_smp_mb,cmm_wmb,cmm_mb,smp_wmb,smp_mb,"
      "__sync_synchronize,rcu_assign_pointer,pthread_create,thrd_create",
      "calls that order earlier writes before later stores (release fences; a thread creation "
      "orders them for the new thread)",
      NULL },
    { "acquire_fences", RULE_OPT_STRING_LIST,
      "ck_pr_fence_load,ck_pr_fence_acquire,ck_pr_fence_load_depends,ck_pr_fence_memory,"
      "ck_pr_fence_strict_load,ck_pr_fence_strict_memory,cmm_smp_rmb,cmm_smp_mb,cmm_rmb,cmm_mb,"
      "cmm_smp_read_barrier_depends,smp_rmb,smp_mb,smp_read_barrier_depends,__sync_synchronize",
      "calls that order earlier loads before later accesses (acquire fences)", NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_relaxed_publication = {
    .id = "lockfree-relaxed-publication",
    .title = "Relaxed publication or consumption of shared data",
    .summary = "Flags pointers or flags published with a relaxed store after plain writes, or "
               "loaded relaxed and dereferenced.",
    .description = "A relaxed store orders nothing: a reader that sees the new pointer or flag "
                   "may still read the old contents of the data written before it. Likewise a "
                   "pointer loaded with a relaxed load may point to data whose initialisation "
                   "is not yet visible. Publish with memory_order_release and consume with "
                   "memory_order_acquire (or put release/acquire fences beside the relaxed "
                   "operations).",
    .tags = "lockfree,concurrency",
    .precision = "medium",
    .level = ECG_LEVEL_WARNING,
    .cwe = { 362, 0 },
    .options = rp_options,
    .n_options = sizeof(rp_options) / sizeof(rp_options[0]),
    .state_size = sizeof(struct rp_state),
    .kinds = { RULE_ATOMICS_CURSOR_KINDS, CXCursor_MemberRefExpr, CXCursor_ArraySubscriptExpr },
    .on_cursor = rp_on_cursor,
    .on_unit_begin = rp_on_unit_begin,
    .on_function_enter = rp_on_function_enter,
    .state_fini = rp_state_fini,
};
