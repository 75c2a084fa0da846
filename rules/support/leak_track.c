/* Tracking of blocks in local variables for security-realloc-leak; see leak_track.h. A value
 * is followed from the reference up through casts and parentheses to where it goes; what
 * ptruse cannot place (stores into local aggregates, 'T **pp = &v', calls to the unit's own
 * or another unit's functions, returns) is recognised here first. */
#include "rules/support/leak_track.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"
#include "rules/support/leak_sum.h"
#include "rules/support/leak_vars.h"
#include "rules/support/nullflow.h"
#include "rules/support/xvalue.h"
#include "rules/support/ptruse.h"

#define LT_MAX_UP 12 /* casts and parentheses between a value and where it goes */

/* Where the value under ancestor up0 goes, looking through casts and parentheses: the first
 * other ancestor, with its index in *out_up and the cursor under it in *out_below. */
static CXCursor destination(struct rule_ctx *rc, size_t up0, CXCursor start, size_t *out_up,
                            CXCursor *out_below)
{
    CXCursor below = start;

    for (size_t up = up0; up < up0 + LT_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
            kind != CXCursor_CStyleCastExpr) {
            *out_up = up;
            *out_below = below;
            return a;
        }
        below = a;
    }
    return clang_getNullCursor();
}

static CXCursor strip(CXCursor expr)
{
    return rule_nullflow_strip(expr);
}

static CXCursor referenced_local(CXCursor expr, int (*is_kind)(CXCursor))
{
    CXCursor e = strip(expr);
    CXCursor decl;

    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    decl = clang_getCursorReferenced(e);
    return is_kind(decl) ? decl : clang_getNullCursor();
}

/* '*pp' for a pointer pp to a local: that local; a null cursor otherwise. */
static CXCursor pointed_local(struct rule_leak_state *st, CXCursor base)
{
    CXCursor pp_decl = referenced_local(base, rule_leak_vars_is_pointer);
    const struct rule_leak_var *pp;

    pp = clang_Cursor_isNull(pp_decl) ? NULL : rule_leak_vars_find(st, pp_decl);
    if (pp == NULL || pp->target == RULE_LEAK_NO_VAR)
        return clang_getNullCursor();
    return st->vars[pp->target].decl;
}

/* The local variable an assignment's left side names: a pointer 'p', a member or element of
 * a local aggregate 's.f', 'a[k]' (field gets "f"), or '*pp' for a pointer to a local. */
static CXCursor store_lhs(struct rule_leak_state *st, CXCursor lhs, char *field, size_t size)
{
    enum CXCursorKind kind = clang_getCursorKind(lhs);
    CXCursor base = strip(ecg_cursor_child(lhs, 0));

    if (kind == CXCursor_DeclRefExpr)
        return referenced_local(lhs, rule_leak_vars_is_pointer);
    if (kind == CXCursor_MemberRefExpr)
        rule_cursor_name(lhs, field, size);
    if (kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr)
        return referenced_local(base, rule_leak_vars_is_aggregate);
    if (kind != CXCursor_UnaryOperator || ecg_opcode_of(lhs) != ECG_OP_DEREF)
        return clang_getNullCursor();
    return pointed_local(st, base);
}

/* The local variable a destination stores the value (below it) in, or a null cursor. */
static CXCursor stored_in(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor dest,
                          CXCursor below, char *field, size_t size)
{
    CXCursor lhs;

    field[0] = '\0';
    if (clang_getCursorKind(dest) == CXCursor_VarDecl)
        return rule_leak_vars_is_pointer(dest) ? dest : clang_getNullCursor();
    if (clang_getCursorKind(dest) != CXCursor_BinaryOperator ||
        ecg_opcode_of(dest) != ECG_OP_ASSIGN)
        return clang_getNullCursor();
    lhs = rule_expr_first_child(dest);
    if (ecg_cursor_same_node(lhs, below))
        return clang_getNullCursor();
    (void)rc;
    return store_lhs(st, strip(lhs), field, size);
}

/* 'v = value' for a value other than NULL, an allocation or another local pointer: v may no
 * longer hold the block. dest is the assignment. */
static int assigns_other_value(const struct rule_leak_opts *opts, struct rule_ctx *rc,
                               const struct rule_leak_state *st, CXCursor dest)
{
    CXCursor rhs = strip(ecg_cursor_child(dest, 1));
    const struct rule_leak_fn *fn;
    CXCursor target;
    char name[64];

    if (rule_nullflow_is_null_constant(rhs) ||
        !clang_Cursor_isNull(referenced_local(rhs, rule_leak_vars_is_pointer)))
        return 0;
    if (clang_getCursorKind(rhs) != CXCursor_CallExpr)
        return 1;
    rule_callee_name(rhs, name, sizeof(name));
    if (rule_option_list_has(rc, opts->allocators, name))
        return 0;
    target = rule_calltarget_of(rhs);
    fn = clang_getCursorKind(target) == CXCursor_FunctionDecl ? rule_leak_sum_find(st, target)
                                                              : NULL;
    if (fn != NULL && fn->returns_owned)
        return 0;
    return rule_xvalue_seed_of(rc, rule_function(rc), rhs, ECG_XV_OWNED) == NULL;
}

static void add_edge(struct rule_leak_state *st, CXCursor decl, CXCursor callee, CXCursor via,
                     unsigned arg)
{
    struct rule_leak_var *v = rule_leak_vars_of(st, decl);

    if (v == NULL)
        return;
    if (v->n_edges == RULE_LEAK_EDGES) {
        v->flags |= RULE_LEAK_ESCAPED;
        return;
    }
    v->edges[v->n_edges].callee = clang_getCanonicalCursor(callee);
    v->edges[v->n_edges].via = via;
    v->edges[v->n_edges].arg = arg;
    v->n_edges++;
}

static void add_xcall(struct rule_leak_state *st, CXCursor decl, CXCursor call, const char *callee,
                      unsigned arg, int pointee)
{
    struct rule_leak_var *v = rule_leak_vars_of(st, decl);

    if (v == NULL)
        return;
    v->flags |= RULE_LEAK_XPASSED;
    if (v->n_xcalls++ > 0)
        return;
    v->xcall.call = call;
    snprintf(v->xcall.callee, sizeof(v->xcall.callee), "%s", callee);
    v->xcall.arg = arg;
    v->xcall.pointee = pointee;
}

/* The local function pointer a call goes through, or a null cursor for a direct call. */
static CXCursor called_pointer(CXCursor call)
{
    CXCursor decl = clang_getCursorReferenced(call);

    return rule_leak_vars_is_pointer(decl) ? decl : clang_getNullCursor();
}

/* The value of decl is argument below of call: an edge to a function the unit defines, a
 * hand-over to another unit's function, or 0 when ptruse should judge it. */
static int passed_to(struct rule_leak_state *st, CXCursor call, CXCursor below, CXCursor decl,
                     int pointee)
{
    CXCursor target = rule_calltarget_of(call);
    char callee[128];
    unsigned i;

    if (!ecg_cursor_arg_index(&i, call, below) ||
        clang_getCursorKind(target) != CXCursor_FunctionDecl)
        return 0;
    if (!pointee && !clang_Cursor_isNull(clang_getCursorDefinition(target))) {
        add_edge(st, decl, target, called_pointer(call), i);
        return 1;
    }
    if (!pointee && rule_ptruse_param_is_const_pointer(target, i))
        return 0; /* ptruse judges it */
    if (rule_xvalue_external_callee(call, callee, sizeof(callee)) == NULL)
        return 0;
    add_xcall(st, decl, call, callee, i, pointee);
    return 1;
}

/* '&v': 'T **pp = &v' (pp then names v through '*pp'), or '&v' handed to another unit. */
static int address_taken(struct rule_ctx *rc, struct rule_leak_state *st, size_t up, CXCursor addr,
                         CXCursor decl)
{
    char field[RULE_LEAK_NAME];
    size_t dest_up = 0;
    CXCursor below = addr;
    CXCursor dest = destination(rc, up + 1, addr, &dest_up, &below);
    CXCursor pp;
    struct rule_leak_var *v;

    if (clang_getCursorKind(dest) == CXCursor_CallExpr)
        return passed_to(st, dest, below, decl, 1);
    pp = stored_in(rc, st, dest, below, field, sizeof(field));
    if (clang_Cursor_isNull(pp) || clang_equalCursors(pp, decl) || !rule_leak_vars_is_pointer(pp) ||
        rule_leak_vars_of(st, decl) == NULL)
        return 0;
    v = rule_leak_vars_of(st, pp);
    if (v == NULL)
        return 1;
    if (v->target != RULE_LEAK_NO_VAR)
        v->flags |= RULE_LEAK_ESCAPED; /* points to two locals: do not follow */
    v->target = (size_t)(rule_leak_vars_find(st, decl) - st->vars);
    return 1;
}

static void on_escape(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor dest,
                      CXCursor below, CXCursor decl)
{
    char field[RULE_LEAK_NAME];
    CXCursor into = stored_in(rc, st, dest, below, field, sizeof(field));
    struct rule_leak_var *v;

    if (clang_Cursor_isNull(into) || clang_equalCursors(into, decl)) {
        rule_leak_vars_mark(st, decl, RULE_LEAK_ESCAPED);
        return;
    }
    rule_leak_vars_merge(st, decl, into);
    v = rule_leak_vars_find(st, decl);
    if (v != NULL && field[0] != '\0')
        snprintf(v->field, sizeof(v->field), "%s", field);
}

static void on_return_value(struct rule_leak_state *st, CXCursor ret, CXCursor decl)
{
    struct rule_leak_var *v = rule_leak_vars_of(st, decl);

    if (v == NULL)
        return;
    v->flags |= RULE_LEAK_RETURNED;
    if (clang_Cursor_isNull(v->ret))
        v->ret = ret;
}

/* Whether the call at ancestor index up is assigned straight back to decl: 'p = f(p)'. */
static int assigned_back(struct rule_ctx *rc, size_t up, CXCursor call, CXCursor decl)
{
    size_t at = 0;
    CXCursor below = call;
    CXCursor dest = destination(rc, up + 1, call, &at, &below);
    CXCursor lhs;

    if (clang_getCursorKind(dest) != CXCursor_BinaryOperator ||
        ecg_opcode_of(dest) != ECG_OP_ASSIGN)
        return 0;
    lhs = strip(rule_expr_first_child(dest));
    return !ecg_cursor_same_node(rule_expr_first_child(dest), below) &&
           clang_getCursorKind(lhs) == CXCursor_DeclRefExpr &&
           clang_equalCursors(clang_getCursorReferenced(lhs), decl);
}

/* The destinations ptruse cannot place: a return, 'p = f(p)', a call to a function the unit
 * defines or another unit's, '&v'. Nonzero when dest was one of them. */
static int placed_here(struct rule_ctx *rc, struct rule_leak_state *st, size_t up, CXCursor dest,
                       CXCursor at, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(dest);

    if (kind == CXCursor_ReturnStmt) {
        on_return_value(st, dest, decl);
        return 1;
    }
    if (kind == CXCursor_CallExpr)
        /* 'p = f(p)': f takes the old block and hands back the new one */
        return assigned_back(rc, up, dest, decl) || passed_to(st, dest, at, decl, 0);
    return kind == CXCursor_UnaryOperator && ecg_opcode_of(dest) == ECG_OP_ADDROF &&
           address_taken(rc, st, up, dest, decl);
}

/* The block decl holds is the value below ancestor up0 (the variable itself, '*pp' for
 * a pointer to it, or 's.f' of an aggregate). */
static void judge_value(struct rule_ctx *rc, struct rule_leak_state *st,
                        const struct rule_leak_opts *opts, size_t up0, CXCursor below,
                        CXCursor decl)
{
    size_t up = 0;
    CXCursor at = below;
    CXCursor dest = destination(rc, up0, below, &up, &at);
    enum rule_ptruse use;

    if (placed_here(rc, st, up, dest, at, decl))
        return;
    use = rule_ptruse_classify(rc, &opts->ptruse, up0, below, decl);
    if (use == RULE_PTRUSE_ESCAPE)
        on_escape(rc, st, dest, at, decl);
    else if (use == RULE_PTRUSE_RELEASE)
        rule_leak_vars_mark(st, decl, RULE_LEAK_RELEASED);
    else if (use == RULE_PTRUSE_MODIFY ||
             (use == RULE_PTRUSE_DEFINE && assigns_other_value(opts, rc, st, dest)))
        rule_leak_vars_mark(st, decl, RULE_LEAK_REASSIGNED);
}

/* The first ancestor from up0 on that is not a parenthesis or implicit conversion. */
static size_t parent_index(struct rule_ctx *rc, size_t up0)
{
    size_t up = up0;

    while (up < up0 + LT_MAX_UP) {
        enum CXCursorKind kind = clang_getCursorKind(rule_ancestor(rc, up));
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr)
            return up;
        up++;
    }
    return up;
}

static int is_pointer_type(CXCursor expr)
{
    return clang_getCanonicalType(clang_getCursorType(expr)).kind == CXType_Pointer;
}

/* The assignment whose left side is the expression at ancestor up, or a null cursor. */
static CXCursor assigned_at(struct rule_ctx *rc, size_t up)
{
    size_t p = parent_index(rc, up + 1);
    CXCursor a = rule_ancestor(rc, p);
    CXCursor below = p == up + 1 ? rule_ancestor(rc, up) : rule_ancestor(rc, p - 1);

    if (clang_getCursorKind(a) != CXCursor_BinaryOperator || ecg_opcode_of(a) != ECG_OP_ASSIGN ||
        !ecg_cursor_same_node(rule_expr_first_child(a), below))
        return clang_getNullCursor();
    return a;
}

/* 'X = rhs' writing the block decl's group holds (through '*pp' or 's.f'): another value
 * than NULL, a local pointer or an allocation replaces it. */
static void on_overwrite(struct rule_ctx *rc, struct rule_leak_state *st,
                         const struct rule_leak_opts *opts, CXCursor assign, CXCursor decl)
{
    if (assigns_other_value(opts, rc, st, assign))
        rule_leak_vars_mark(st, decl, RULE_LEAK_REASSIGNED);
}

/* A reference to a pointer to a local: '*pp' names the local, any other use lets it
 * escape (marked on pp, passed on when flags are shared). */
static int via_pointer(struct rule_ctx *rc, struct rule_leak_state *st,
                       const struct rule_leak_opts *opts, CXCursor decl)
{
    const struct rule_leak_var *pp = rule_leak_vars_find(st, decl);
    size_t up = parent_index(rc, 0);
    CXCursor deref = rule_ancestor(rc, up);
    CXCursor target, assign;

    if (pp == NULL || pp->target == RULE_LEAK_NO_VAR)
        return 0;
    target = st->vars[pp->target].decl;
    if (clang_getCursorKind(deref) != CXCursor_UnaryOperator ||
        ecg_opcode_of(deref) != ECG_OP_DEREF)
        return 0;
    assign = assigned_at(rc, up);
    if (!clang_Cursor_isNull(assign))
        on_overwrite(rc, st, opts, assign, target);
    else
        judge_value(rc, st, opts, up + 1, deref, target);
    return 1;
}

static void on_pointer(struct rule_ctx *rc, struct rule_leak_state *st,
                       const struct rule_leak_opts *opts, CXCursor ref, CXCursor decl)
{
    struct rule_leak_var *v = rule_leak_vars_of(st, decl);

    if (v == NULL)
        return;
    v->refs++;
    if (!via_pointer(rc, st, opts, decl))
        judge_value(rc, st, opts, 0, ref, decl);
}

/* The aggregate as a whole: handed to another unit's function, or it escapes. */
static void whole_aggregate(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor ref,
                            CXCursor decl)
{
    size_t up = 0;
    CXCursor below = ref;
    CXCursor dest = destination(rc, 0, ref, &up, &below);
    int array = clang_getCanonicalType(clang_getCursorType(decl)).kind == CXType_ConstantArray;
    char callee[128];
    unsigned i;

    if (clang_getCursorKind(dest) == CXCursor_UnaryExpr)
        return; /* sizeof */
    if (clang_getCursorKind(dest) == CXCursor_CallExpr && ecg_cursor_arg_index(&i, dest, below) &&
        rule_xvalue_external_callee(dest, callee, sizeof(callee)) != NULL) {
        add_xcall(st, decl, dest, callee, i, array);
        return;
    }
    rule_leak_vars_mark(st, decl, RULE_LEAK_ESCAPED);
}

static void on_aggregate(struct rule_ctx *rc, struct rule_leak_state *st,
                         const struct rule_leak_opts *opts, CXCursor ref, CXCursor decl)
{
    struct rule_leak_var *v = rule_leak_vars_of(st, decl);
    size_t up = parent_index(rc, 0);
    CXCursor elem = rule_ancestor(rc, up);
    enum CXCursorKind kind = clang_getCursorKind(elem);
    CXCursor assign;

    if (v == NULL)
        return;
    v->refs++;
    if ((kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr) ||
        !ecg_cursor_same_node(strip(rule_expr_first_child(elem)), ref)) {
        whole_aggregate(rc, st, ref, decl);
        return;
    }
    if (!is_pointer_type(elem)) {
        enum CXTypeKind t = clang_getCanonicalType(clang_getCursorType(elem)).kind;
        if (t == CXType_Record || t == CXType_ConstantArray)
            rule_leak_vars_mark(st, decl, RULE_LEAK_ESCAPED);
        return;
    }
    assign = assigned_at(rc, up);
    if (!clang_Cursor_isNull(assign))
        on_overwrite(rc, st, opts, assign, decl);
    else
        judge_value(rc, st, opts, up + 1, elem, decl);
}

void rule_leak_track_reference(struct rule_ctx *rc, struct rule_leak_state *st,
                               const struct rule_leak_opts *opts, CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    struct rule_leak_var *v;

    if (rule_leak_vars_is_pointer(decl))
        on_pointer(rc, st, opts, ref, decl);
    else if (rule_leak_vars_is_aggregate(decl))
        on_aggregate(rc, st, opts, ref, decl);
    else if (clang_getCursorKind(decl) == CXCursor_ParmDecl) {
        v = rule_leak_vars_of(st, decl);
        if (v != NULL)
            v->refs++;
    }
}

static enum CXChildVisitResult find_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_isAttribute(clang_getCursorKind(c))) {
        *(int *)data = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* decl now holds a block that must be released: allocated at at by name, or handed over by
 * another unit (seed). */
static struct rule_leak_var *mark_allocated(struct rule_leak_state *st, CXCursor decl, CXCursor at,
                                            const char *name, const struct ecg_xfact *seed)
{
    struct rule_leak_var *v = rule_leak_vars_of(st, decl);
    int attr = 0;

    if (v == NULL)
        return NULL;
    if ((v->flags & RULE_LEAK_ALLOCATED) == 0) {
        v->alloc = at;
        v->seed = seed;
        snprintf(v->allocator, sizeof(v->allocator), "%s", name);
        /* An attribute such as cleanup(free_ptr) releases it at scope exit. */
        clang_visitChildren(decl, find_attr, &attr);
    }
    v->flags |= RULE_LEAK_ALLOCATED | (attr ? RULE_LEAK_ESCAPED : 0u);
    return v;
}

void rule_leak_track_allocation(struct rule_ctx *rc, struct rule_leak_state *st,
                                const struct rule_leak_opts *opts, CXCursor call, const char *name,
                                const struct ecg_xfact *seed)
{
    char field[RULE_LEAK_NAME];
    size_t up = 0;
    CXCursor below = call;
    CXCursor dest = destination(rc, 0, call, &up, &below);
    CXCursor var;

    if (clang_getCursorKind(dest) == CXCursor_ReturnStmt) {
        if (clang_Cursor_isNull(st->alloc_return))
            st->alloc_return = dest;
        return;
    }
    var = stored_in(rc, st, dest, below, field, sizeof(field));
    if (clang_Cursor_isNull(var) || mark_allocated(st, var, call, name, seed) == NULL)
        return;
    /* 'p = realloc(p, n)' on a parameter moves the caller's block: the function took it */
    if (clang_getCursorKind(var) == CXCursor_ParmDecl &&
        rule_option_list_has(rc, opts->ptruse.realloc_functions, name))
        rule_leak_vars_mark(st, var, RULE_LEAK_RELEASED);
    if (clang_getCursorKind(dest) == CXCursor_BinaryOperator &&
        rule_ptruse_classify(rc, &opts->ptruse, up + 1, dest, var) == RULE_PTRUSE_ESCAPE)
        rule_leak_vars_mark(st, var, RULE_LEAK_ESCAPED);
}

void rule_leak_track_return(struct rule_ctx *rc, struct rule_leak_state *st,
                            const struct rule_leak_opts *opts, CXCursor ret)
{
    CXCursor value = strip(rule_expr_first_child(ret));
    char name[64];

    if (clang_Cursor_isNull(rule_expr_first_child(ret)) || rule_nullflow_is_null_constant(value) ||
        !clang_Cursor_isNull(referenced_local(value, rule_leak_vars_is_pointer)))
        return;
    if (clang_getCursorKind(value) == CXCursor_CallExpr) {
        rule_callee_name(value, name, sizeof(name));
        if (rule_option_list_has(rc, opts->allocators, name))
            return;
    }
    st->other_return = 1;
}

/* The variable a read goes through: p in '*p', 'p[k]', 'p->f', 's.f'; a null cursor. */
static CXCursor read_base(CXCursor read)
{
    CXCursor e = strip(read);
    enum CXCursorKind kind = clang_getCursorKind(e);

    if (kind == CXCursor_UnaryOperator || kind == CXCursor_ArraySubscriptExpr ||
        kind == CXCursor_MemberRefExpr)
        e = strip(ecg_cursor_child(e, 0));
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    return clang_getCursorReferenced(e);
}

void rule_leak_track_seeded_read(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor at)
{
    CXCursor var = at;
    CXCursor rhs;
    const struct ecg_xfact *seed;
    struct rule_leak_var *v;

    if (clang_getCursorKind(at) == CXCursor_VarDecl) {
        rhs = clang_Cursor_getVarDeclInitializer(at);
    } else {
        if (ecg_opcode_of(at) != ECG_OP_ASSIGN)
            return;
        var = referenced_local(rule_expr_first_child(at), rule_leak_vars_is_pointer);
        rhs = ecg_cursor_child(at, 1);
    }
    if (clang_Cursor_isNull(rhs) || !rule_leak_vars_is_pointer(var) ||
        clang_getCursorKind(strip(rhs)) == CXCursor_CallExpr)
        return;
    seed = rule_xvalue_seed_of(rc, rule_function(rc), rhs, ECG_XV_OWNED);
    if (seed == NULL)
        return;
    v = mark_allocated(st, var, rhs, "", seed);
    if (v != NULL && clang_Cursor_isNull(v->source))
        v->source = read_base(rhs);
}

void rule_leak_track_params(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor fn)
{
    int n = clang_Cursor_getNumArguments(fn);
    struct rule_xplace place;

    if (n <= 0 || !rule_xvalue_external(fn))
        return;
    memset(&place, 0, sizeof(place));
    place.what = ECG_XF_ARG;
    rule_cursor_name(fn, place.name, sizeof(place.name));
    for (int i = 0; i < n; i++) {
        CXCursor p = clang_Cursor_getArgument(fn, (unsigned)i);
        const struct ecg_xfact *seed;
        if (!rule_leak_vars_is_pointer(p))
            continue;
        place.index = (uint32_t)i;
        seed = rule_xvalue_seed(rc, &place, ECG_XV_OWNED);
        if (seed != NULL)
            mark_allocated(st, p, p, "", seed);
    }
}
