/* security-realloc-leak: 'p = realloc(p, n)', which loses the only pointer to the block when
 * realloc fails (the lvalues are compared by what they name: variable, field, element, *pp);
 * and, with report_unreleased, memory that a function allocates into a local pointer and
 * never frees, returns, stores or hands to another function (CWE-401).
 * Known gaps: the second check is flow-insensitive (a block freed on one path counts as
 * freed on all, so leaks on early returns are missed), and it follows only the libc
 * allocators unless configured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/noreturn.h"
#include "rules/support/operator.h"
#include "rules/support/ptruse.h"

#define RL_KEY_MAX 512
#define RL_MAX_UP 12 /* casts and parentheses between a call and its assignment */

enum rl_flag {
    RL_ALLOCATED = 1,  /* holds what an allocator returned */
    RL_ESCAPED = 2,    /* stored, returned, passed on, address taken */
    RL_RELEASED = 4,   /* freed (on some path) */
    RL_REASSIGNED = 8, /* given another value, or moved: the block may live elsewhere */
};

/* A local pointer variable of the function being walked. */
struct rl_var {
    CXCursor decl;
    unsigned hash;   /* clang_hashCursor(decl) */
    unsigned flags;  /* enum rl_flag set */
    unsigned shared; /* at reporting: the flags of all its aliases, on the group's root */
    size_t group;    /* index of a variable it was copied to or from; itself when none */
    CXCursor alloc;  /* the first allocation assigned to it */
    char allocator[32];
};

/* Per translation unit; the variables are forgotten at each function. */
struct rl_state {
    struct rl_var *vars; /* owned */
    size_t n_vars;
    size_t cap_vars;
    int incomplete; /* memory ran out: the function's variables are not all known */
};

static const struct rule_ptruse_options rl_ptruse = { "deallocators", "realloc_functions" };

static int same_range(CXCursor a, CXCursor b)
{
    return clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

/* Whether a variable declaration is the variable a key names (keys name variables by USR). */
static int decl_has_key(CXCursor decl, const char *key)
{
    CXString usr = clang_getCursorUSR(decl);
    int same = strcmp(clang_getCString(usr), key) == 0;

    clang_disposeString(usr);
    return same;
}

struct rl_stmts {
    CXCursor target;
    CXCursor next;
    int seen; /* the target was visited; the next child is the one wanted */
    int done;
};

static enum CXChildVisitResult find_next(CXCursor c, CXCursor parent, CXClientData data)
{
    struct rl_stmts *s = data;

    (void)parent;
    if (s->seen) {
        s->next = c;
        s->done = 1;
        return CXChildVisit_Break;
    }
    if (clang_getCursorKind(c) == clang_getCursorKind(s->target) &&
        clang_equalRanges(clang_getCursorExtent(c), clang_getCursorExtent(s->target)))
        s->seen = 1;
    return CXChildVisit_Continue;
}

/* The 'then' branch of an if statement (its second child). */
static CXCursor if_then(CXCursor if_stmt)
{
    struct rl_stmts s = { rule_expr_first_child(if_stmt), clang_getNullCursor(), 0, 0 };

    clang_visitChildren(if_stmt, find_next, &s);
    return s.next;
}

/* The statement after 'p = realloc(p, n)' ends the process when realloc failed:
 * 'if (!p) exit(1);', or a checker called with p ('check_oom(p)', whose body does that). */
static int next_stmt_exits(CXCursor next, const char *key)
{
    char arg[RL_KEY_MAX];
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(next);
    int n;

    if (clang_getCursorKind(next) == CXCursor_IfStmt)
        return rule_noreturn_stmt(if_then(next));
    if (clang_getCursorKind(next) != CXCursor_CallExpr || !rule_noreturn_checker(next))
        return 0;
    n = clang_Cursor_getNumArguments(next);
    for (int i = 0; i < n; i++) {
        if (rule_exprkey_get(arg, sizeof(arg), tu, clang_Cursor_getArgument(next, (unsigned)i)) &&
            strcmp(arg, key) == 0)
            return 1;
    }
    return 0;
}

/* 'p = realloc(p, n); if (!p) exit(1);' or 'if ((p = realloc(p, n)) == NULL) abort();': the
 * process ends when realloc fails, so nothing leaks. up is the assignment's distance from
 * the call in the ancestor stack, key the key of p. */
/* Expressions and labels an assignment can sit in before its statement or condition ends. */
static int inside_condition(enum CXCursorKind kind)
{
    return kind == CXCursor_ParenExpr || kind == CXCursor_UnaryOperator ||
           kind == CXCursor_BinaryOperator || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_LabelStmt;
}

static int exits_on_failure(struct rule_ctx *rc, size_t up, const char *key)
{
    CXCursor below = rule_ancestor(rc, up);

    for (size_t i = up + 1; i < up + 8; i++) {
        CXCursor a = rule_ancestor(rc, i);
        enum CXCursorKind kind = clang_getCursorKind(a);
        struct rl_stmts s = { below, clang_getNullCursor(), 0, 0 };
        if (kind == CXCursor_IfStmt)
            return same_range(rule_expr_first_child(a), below) && rule_noreturn_stmt(if_then(a));
        if (kind == CXCursor_CompoundStmt) {
            clang_visitChildren(a, find_next, &s);
            return s.done && next_stmt_exits(s.next, key);
        }
        if (!inside_condition(kind))
            return 0;
        below = a;
    }
    return 0;
}

/* The assignment whose right side is the call (through casts and parentheses), and its
 * distance in the ancestor stack; 0 when the call is not assigned. */
static int assignment_of(struct rule_ctx *rc, CXCursor call, size_t *out_up)
{
    CXCursor below = call;

    for (size_t up = 0; up < RL_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
            kind == CXCursor_CStyleCastExpr) {
            below = a;
            continue;
        }
        if (kind != CXCursor_BinaryOperator || !rule_operator_is(rule_unit(rc), a, "="))
            return 0;
        if (clang_equalRanges(clang_getCursorExtent(rule_expr_first_child(a)),
                              clang_getCursorExtent(below)))
            return 0;
        *out_up = up;
        return 1;
    }
    return 0;
}

static int rl_is_realloc(const struct rule_ctx *rc, const char *name)
{
    return name[0] != '\0' && rule_option_list_has(rc, "realloc_functions", name);
}

static int is_null_constant(CXCursor expr)
{
    CXCursor e = rule_exprkey_strip(expr);
    CXEvalResult r;
    int zero = 0;

    if (clang_getCursorKind(e) == CXCursor_GNUNullExpr)
        return 1;
    if (clang_getCursorKind(e) != CXCursor_IntegerLiteral)
        return 0;
    r = clang_Cursor_Evaluate(e);
    if (r == NULL)
        return 0;
    zero = clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsLongLong(r) == 0;
    clang_EvalResult_dispose(r);
    return zero;
}

/* What the statements before 'p = realloc(p, n)' did to p, nearest first. */
enum rl_prior {
    RL_PRIOR_NONE,   /* nothing written to p */
    RL_PRIOR_SAVED,  /* 'old = p': the old block stays reachable through old */
    RL_PRIOR_LOADED, /* 'p = s->buf': s->buf still owns the old block */
    RL_PRIOR_NULL,   /* 'p = NULL': realloc gets NULL, there is no old block */
    RL_PRIOR_OTHER,  /* 'p = malloc(n)' or anything else */
};

struct rl_prior_scan {
    CXTranslationUnit tu;
    const char *key;
    CXCursor stop; /* the statement holding the realloc: scanning ends there */
    unsigned budget;
    enum rl_prior last; /* the latest write to p seen in the block */
    int saved;
};

/* An expression naming an object (variable, member, element): not a literal or a call. */
static int is_lvalue(CXCursor expr)
{
    return !clang_Cursor_isNull(expr) && !clang_Cursor_isNull(rule_exprkey_named(expr));
}

/* What storing value into p means for its old block. */
static enum rl_prior prior_of_value(CXCursor value)
{
    if (is_null_constant(value))
        return RL_PRIOR_NULL;
    return is_lvalue(value) ? RL_PRIOR_LOADED : RL_PRIOR_OTHER;
}

static void note_var(struct rl_prior_scan *s, CXCursor var)
{
    char init_key[RL_KEY_MAX];
    CXCursor init = clang_Cursor_getVarDeclInitializer(var);

    if (clang_Cursor_isNull(init))
        return;
    if (decl_has_key(var, s->key))
        /* A static keeps its value between calls: its initializer says nothing here. */
        s->last = clang_Cursor_getStorageClass(var) == CX_SC_Static ? RL_PRIOR_OTHER
                                                                    : prior_of_value(init);
    else if (is_lvalue(init) && rule_exprkey_get(init_key, sizeof(init_key), s->tu, init) &&
             strcmp(init_key, s->key) == 0)
        s->saved = 1;
}

static enum CXChildVisitResult note_decl(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_VarDecl)
        note_var(data, c);
    return CXChildVisit_Continue;
}

/* 'p = value' writes p; 'other = p' saves it. */
static void note_assignment(struct rl_prior_scan *s, CXCursor op)
{
    char lhs[RL_KEY_MAX], rhs[RL_KEY_MAX];
    CXCursor value;

    if (!rule_operator_is(s->tu, op, "=") ||
        !rule_exprkey_get(lhs, sizeof(lhs), s->tu, rule_expr_first_child(op)))
        return;
    value = ecg_cursor_child(op, 1);
    if (strcmp(lhs, s->key) == 0)
        s->last = prior_of_value(value);
    else if (is_lvalue(value) && rule_exprkey_get(rhs, sizeof(rhs), s->tu, value) &&
             strcmp(rhs, s->key) == 0)
        s->saved = 1;
}

/* Updates the scan with one statement: declarations and assignments that write p or save
 * it elsewhere. Statements nested in other statements are not read. */
static void note_stmt(struct rl_prior_scan *s, CXCursor stmt)
{
    if (clang_getCursorKind(stmt) == CXCursor_LabelStmt)
        stmt = rule_expr_first_child(stmt);
    if (clang_getCursorKind(stmt) == CXCursor_DeclStmt)
        clang_visitChildren(stmt, note_decl, s);
    else if (clang_getCursorKind(stmt) == CXCursor_BinaryOperator)
        note_assignment(s, stmt);
}

static enum CXChildVisitResult scan_prior(CXCursor c, CXCursor parent, CXClientData data)
{
    struct rl_prior_scan *s = data;

    (void)parent;
    if (same_range(c, s->stop) || s->budget-- == 0)
        return CXChildVisit_Break;
    note_stmt(s, c);
    return CXChildVisit_Continue;
}

static int is_loop(enum CXCursorKind kind)
{
    return kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt;
}

/* Whether the old block is safe when realloc fails, judged from the statements before it in
 * the blocks around it: p was saved elsewhere, loaded from an owner, or was NULL (then
 * realloc allocates; not when a loop may have run it before). Bounded: the blocks' earlier
 * statements are read once, for this rare case only. */
static int old_block_safe(struct rule_ctx *rc, size_t up, const char *key)
{
    CXCursor below = rule_ancestor(rc, up);
    struct rl_prior_scan s = { rule_unit(rc), key, below, 512, RL_PRIOR_NONE, 0 };
    int in_loop = 0;

    for (size_t i = up + 1; i < up + 64; i++) {
        CXCursor a = rule_ancestor(rc, i);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (clang_Cursor_isNull(a) || kind == CXCursor_FunctionDecl)
            return 0;
        in_loop |= is_loop(kind);
        if (kind == CXCursor_CompoundStmt) {
            s.stop = below;
            clang_visitChildren(a, scan_prior, &s);
            if (s.saved || s.last == RL_PRIOR_LOADED)
                return 1;
            if (s.last != RL_PRIOR_NONE)
                return s.last == RL_PRIOR_NULL && !in_loop;
        }
        below = a;
    }
    return 0;
}

static void check_realloc(struct rule_ctx *rc, CXCursor call, const char *name)
{
    char lhs[RL_KEY_MAX], arg[RL_KEY_MAX], shown[128];
    size_t up;
    CXCursor assign, target;

    if (clang_Cursor_getNumArguments(call) < 1 || !assignment_of(rc, call, &up))
        return;
    assign = rule_ancestor(rc, up);
    target = rule_expr_first_child(assign);
    if (!rule_exprkey_get(lhs, sizeof(lhs), rule_unit(rc), target) ||
        !rule_exprkey_get(arg, sizeof(arg), rule_unit(rc), clang_Cursor_getArgument(call, 0)) ||
        strcmp(lhs, arg) != 0 || exits_on_failure(rc, up, lhs) || old_block_safe(rc, up, lhs))
        return;
    rule_cursor_name(rule_exprkey_named(target), shown, sizeof(shown));
    rule_report(rc, assign,
                "'%s' is overwritten with the result of '%s': when %s fails it returns NULL and "
                "the block '%s' pointed to leaks (CWE-401); assign the result to a temporary, "
                "check it, then store it",
                shown, name, name, shown);
}

/* ---- report_unreleased: allocations into local pointers ------------------------------- */

static void rl_state_fini(void *state)
{
    struct rl_state *st = state;

    free(st->vars);
}

static void rl_reset(struct rl_state *st)
{
    st->n_vars = 0;
    st->incomplete = 0;
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

/* A pointer variable or parameter with automatic storage, local to the function. */
static int is_local_pointer(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    enum CX_StorageClass sc;

    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl)
        return 0;
    if (clang_getCanonicalType(clang_getCursorType(decl)).kind != CXType_Pointer)
        return 0;
    sc = clang_Cursor_getStorageClass(decl);
    if (sc != CX_SC_None && sc != CX_SC_Auto && sc != CX_SC_Register)
        return 0;
    return clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_FunctionDecl;
}

static struct rl_var *find_var(struct rl_state *st, CXCursor decl, unsigned hash)
{
    for (size_t i = 0; i < st->n_vars; i++) {
        if (st->vars[i].hash == hash && clang_equalCursors(st->vars[i].decl, decl))
            return &st->vars[i];
    }
    return NULL;
}

/* The entry of decl, added when missing; NULL when memory ran out (the function is then
 * marked incomplete and reports nothing). */
static struct rl_var *var_of(struct rl_state *st, CXCursor decl)
{
    unsigned hash = clang_hashCursor(decl);
    struct rl_var *v = find_var(st, decl, hash);

    if (v != NULL)
        return v;
    if (st->n_vars == st->cap_vars) {
        size_t cap = st->cap_vars != 0 ? st->cap_vars * 2 : 16;
        struct rl_var *grown = realloc(st->vars, cap * sizeof(*grown));
        if (grown == NULL) {
            st->incomplete = 1;
            return NULL;
        }
        st->vars = grown;
        st->cap_vars = cap;
    }
    v = &st->vars[st->n_vars];
    memset(v, 0, sizeof(*v));
    v->decl = decl;
    v->hash = hash;
    v->group = st->n_vars++;
    return v;
}

static void mark(struct rule_ctx *rc, CXCursor decl, unsigned flags)
{
    struct rl_var *v;

    if (flags == 0)
        return;
    v = var_of(rule_state(rc), decl);
    if (v != NULL)
        v->flags |= flags;
}

static void mark_allocated(struct rule_ctx *rc, CXCursor decl, CXCursor call, const char *name)
{
    struct rl_var *v = var_of(rule_state(rc), decl);
    int attr = 0;

    if (v == NULL)
        return;
    if ((v->flags & RL_ALLOCATED) == 0) {
        v->alloc = call;
        snprintf(v->allocator, sizeof(v->allocator), "%.31s", name);
        /* An attribute such as cleanup(free_ptr) releases it at scope exit. */
        clang_visitChildren(decl, find_attr, &attr);
    }
    v->flags |= RL_ALLOCATED | (attr ? RL_ESCAPED : 0u);
}

/* Where the value at the cursor goes, looking through casts and parentheses: the first
 * other ancestor, with its index in *out_up and the cursor under it in *out_below. */
static CXCursor value_destination(struct rule_ctx *rc, CXCursor start, size_t *out_up,
                                  CXCursor *out_below)
{
    CXCursor below = start;

    for (size_t up = 0; up < RL_MAX_UP; up++) {
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

/* The local pointer a destination stores the value in: 'T *p = value' or 'p = value'; a null
 * cursor for anything else. */
static CXCursor stored_in_local(struct rule_ctx *rc, CXCursor dest, CXCursor below)
{
    CXCursor lhs;

    if (clang_getCursorKind(dest) == CXCursor_VarDecl)
        return is_local_pointer(dest) ? dest : clang_getNullCursor();
    if (clang_getCursorKind(dest) != CXCursor_BinaryOperator)
        return clang_getNullCursor();
    lhs = rule_exprkey_strip(rule_expr_first_child(dest));
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr || same_range(lhs, below) ||
        !rule_operator_is(rule_unit(rc), dest, "=") ||
        !is_local_pointer(clang_getCursorReferenced(lhs)))
        return clang_getNullCursor();
    return clang_getCursorReferenced(lhs);
}

/* An allocator's result assigned to a local pointer: 'T *p = malloc(n)' or 'p = malloc(n)'
 * (through casts). The assignment's own value is followed too: '(p = malloc(n)) == NULL'. */
static void on_allocation(struct rule_ctx *rc, CXCursor call, const char *name)
{
    size_t up = 0;
    CXCursor below = call;
    CXCursor dest = value_destination(rc, call, &up, &below);
    CXCursor var = stored_in_local(rc, dest, below);

    if (clang_Cursor_isNull(var))
        return;
    mark_allocated(rc, var, call, name);
    if (clang_getCursorKind(dest) == CXCursor_BinaryOperator &&
        rule_ptruse_classify(rc, &rl_ptruse, up + 1, dest, var) == RULE_PTRUSE_ESCAPE)
        mark(rc, var, RL_ESCAPED);
}

static size_t group_root(const struct rl_state *st, size_t i)
{
    for (size_t hops = 0; st->vars[i].group != i && hops < st->n_vars; hops++)
        i = st->vars[i].group;
    return i;
}

/* 'q = p' or 'T *q = p' between local pointers: from now on they share one fate. */
static void merge_aliases(struct rule_ctx *rc, CXCursor a, CXCursor b)
{
    struct rl_state *st = rule_state(rc);
    size_t ia, ib;

    if (var_of(st, a) == NULL || var_of(st, b) == NULL)
        return;
    ia = group_root(st, (size_t)(find_var(st, a, clang_hashCursor(a)) - st->vars));
    ib = group_root(st, (size_t)(find_var(st, b, clang_hashCursor(b)) - st->vars));
    st->vars[ib].group = ia;
}

/* The local pointer the value at the reference is stored in directly ('T *q = p', 'q = p',
 * through casts), or a null cursor. */
static CXCursor alias_target(struct rule_ctx *rc, CXCursor ref)
{
    size_t up = 0;
    CXCursor below = ref;
    CXCursor dest = value_destination(rc, ref, &up, &below);

    return stored_in_local(rc, dest, below);
}

/* 'p = value': an allocation (recorded by the call), NULL or another local pointer (an
 * alias, merged by that reference) change nothing; any other value means p may no longer
 * hold the block, so the function is not judged for p. */
static int assigns_other_value(struct rule_ctx *rc)
{
    char name[64];

    for (size_t up = 0; up < RL_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        CXCursor rhs;
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr)
            continue;
        if (kind != CXCursor_BinaryOperator)
            return 1;
        rhs = rule_exprkey_strip(ecg_cursor_child(a, 1));
        if (is_null_constant(rhs) || (clang_getCursorKind(rhs) == CXCursor_DeclRefExpr &&
                                      is_local_pointer(clang_getCursorReferenced(rhs))))
            return 0;
        if (clang_getCursorKind(rhs) != CXCursor_CallExpr)
            return 1;
        rule_callee_name(rhs, name, sizeof(name));
        return !rule_option_list_has(rc, "allocators", name);
    }
    return 1;
}

static void on_escape(struct rule_ctx *rc, CXCursor ref, CXCursor decl)
{
    CXCursor alias = alias_target(rc, ref);

    if (!clang_Cursor_isNull(alias) && !clang_equalCursors(alias, decl))
        merge_aliases(rc, decl, alias);
    else
        mark(rc, decl, RL_ESCAPED);
}

static void on_reference(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    enum rule_ptruse use;

    if (!is_local_pointer(decl))
        return;
    use = rule_ptruse_classify(rc, &rl_ptruse, 0, ref, decl);
    if (use == RULE_PTRUSE_ESCAPE)
        on_escape(rc, ref, decl);
    else if (use == RULE_PTRUSE_RELEASE)
        mark(rc, decl, RL_RELEASED);
    else if (use == RULE_PTRUSE_MODIFY || (use == RULE_PTRUSE_DEFINE && assigns_other_value(rc)))
        mark(rc, decl, RL_REASSIGNED);
}

static void report_unreleased(struct rule_ctx *rc, CXCursor fn)
{
    struct rl_state *st = rule_state(rc);
    char fn_name[128], var_name[128];

    rule_cursor_name(fn, fn_name, sizeof(fn_name));
    if (st->incomplete || strcmp(fn_name, "main") == 0)
        return;
    for (size_t i = 0; i < st->n_vars; i++)
        st->vars[i].shared = 0;
    for (size_t i = 0; i < st->n_vars; i++)
        st->vars[group_root(st, i)].shared |= st->vars[i].flags & ~(unsigned)RL_ALLOCATED;
    for (size_t i = 0; i < st->n_vars; i++) {
        const struct rl_var *v = &st->vars[i];
        if ((v->flags & RL_ALLOCATED) == 0 || st->vars[group_root(st, i)].shared != 0)
            continue;
        rule_cursor_name(v->decl, var_name, sizeof(var_name));
        rule_report(rc, v->alloc,
                    "memory from '%s' stored in '%s' is never freed, returned or stored "
                    "elsewhere before '%s' returns (CWE-401); free it on every path",
                    v->allocator, var_name, fn_name);
    }
}

static void rl_on_call(struct rule_ctx *rc, CXCursor call)
{
    char name[64];

    rule_callee_name(call, name, sizeof(name));
    if (rl_is_realloc(rc, name))
        check_realloc(rc, call, name);
    if (rule_option_bool(rc, "report_unreleased") && name[0] != '\0' &&
        rule_option_list_has(rc, "allocators", name))
        on_allocation(rc, call, name);
}

static void rl_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    if (clang_getCursorKind(cursor) == CXCursor_CallExpr)
        rl_on_call(rc, cursor);
    else if (rule_option_bool(rc, "report_unreleased"))
        on_reference(rc, cursor);
}

static void rl_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    (void)fn;
    rl_reset(rule_state(rc));
}

static void rl_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    if (rule_option_bool(rc, "report_unreleased"))
        report_unreleased(rc, fn);
    rl_reset(rule_state(rc));
}

static const struct rule_option rl_options[] = {
    { "realloc_functions", RULE_OPT_STRING_LIST,
      "realloc,reallocarray,sqlite3_realloc,sqlite3_realloc64,CRYPTO_realloc,g_try_realloc",
      "functions that return NULL on failure and leave the old block allocated", NULL },
    { "report_unreleased", RULE_OPT_BOOL, "true",
      "also report memory allocated into a local pointer that the function never frees, "
      "returns, stores or passes on",
      NULL },
    { "allocators", RULE_OPT_STRING_LIST,
      "malloc,calloc,realloc,reallocarray,aligned_alloc,strdup,strndup,wcsdup",
      "functions whose result must be released (report_unreleased)", NULL },
    { "deallocators", RULE_OPT_STRING_LIST, "free",
      "functions that release what an allocator returned (report_unreleased)", NULL },
};

const struct rule_desc rule_security_realloc_leak = {
    .id = "security-realloc-leak",
    .title = "Memory leaked by realloc or never released",
    .summary = "Flags 'p = realloc(p, n)' and memory a function allocates but never frees, "
               "returns or stores.",
    .description = "When realloc fails it returns NULL and leaves the old block allocated; "
                   "'p = realloc(p, n)' then overwrites the only pointer to it, and the block "
                   "leaks (CWE-401). Assign the result to a temporary, check it, and only then "
                   "store it. With report_unreleased, the rule also reports memory allocated "
                   "into a local pointer that the function never frees, returns, stores or "
                   "hands to another function.",
    .tags = "security,reliability",
    .precision = "high",
    .security_severity = "5.3",
    .cwe = { 401 },
    .level = ECG_LEVEL_WARNING,
    .options = rl_options,
    .n_options = sizeof(rl_options) / sizeof(rl_options[0]),
    .state_size = sizeof(struct rl_state),
    .state_fini = rl_state_fini,
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr },
    .on_cursor = rl_on_cursor,
    .on_function_enter = rl_on_function_enter,
    .on_function_leave = rl_on_function_leave,
};
