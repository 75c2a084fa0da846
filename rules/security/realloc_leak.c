/* security-realloc-leak: 'p = realloc(p, n)', which loses the block when realloc fails, and
 * (report_unreleased) blocks no one frees: held in locals, handed to functions of the file or of
 * other files that drop them, or dropped results of functions that allocate (CWE-401).
 * Known gaps: flow-insensitive (freed on one path counts as freed), globals are not judged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/noreturn.h"
#include "rules/support/operator.h"
#include "rules/support/calltarget.h"
#include "rules/support/leak_report.h"
#include "rules/support/leak_sum.h"
#include "rules/support/leak_track.h"
#include "rules/support/leak_vars.h"
#include "rules/support/xvalue.h"

#define RL_KEY_MAX 512
#define RL_MAX_UP 12 /* casts and parentheses between a call and its assignment */

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

/* ---- report_unreleased: blocks no one releases (rules/support/leak_*.c) ------------- */

static const struct rule_leak_opts rl_leak_opts = {
    { "deallocators", "realloc_functions" },
    "allocators",
};

static void rl_state_fini(void *state)
{
    rule_leak_vars_fini(state);
}

/* A call whose result must be released: an allocator, a function of the unit that returns
 * only fresh blocks, or another unit's function that said so. */
static void on_fresh_block(struct rule_ctx *rc, CXCursor call, const char *name)
{
    struct rule_leak_state *st = rule_state(rc);
    CXCursor target;
    const struct rule_leak_fn *fn;
    const struct ecg_xfact *seed;

    if (name[0] != '\0' && rule_option_list_has(rc, "allocators", name)) {
        rule_leak_track_allocation(rc, st, &rl_leak_opts, call, name, NULL);
        return;
    }
    target = rule_calltarget_of(call);
    fn = clang_getCursorKind(target) == CXCursor_FunctionDecl ? rule_leak_sum_find(st, target)
                                                              : NULL;
    if (fn != NULL && fn->returns_owned) {
        rule_leak_track_allocation(rc, st, &rl_leak_opts, call, fn->name, NULL);
        return;
    }
    seed = rule_xvalue_seed_of(rc, rule_function(rc), call, ECG_XV_OWNED);
    if (seed != NULL)
        rule_leak_track_allocation(rc, st, &rl_leak_opts, call, name, seed);
}

static void rl_on_call(struct rule_ctx *rc, CXCursor call)
{
    char name[64];

    rule_callee_name(call, name, sizeof(name));
    if (rl_is_realloc(rc, name))
        check_realloc(rc, call, name);
    if (rule_option_bool(rc, "report_unreleased"))
        on_fresh_block(rc, call, name);
}

static void rl_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct rule_leak_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    if (kind == CXCursor_CallExpr)
        rl_on_call(rc, cursor);
    if (!rule_option_bool(rc, "report_unreleased") || clang_Cursor_isNull(rule_function(rc)))
        return;
    if (kind == CXCursor_DeclRefExpr)
        rule_leak_track_reference(rc, st, &rl_leak_opts, cursor);
    else if (kind == CXCursor_ReturnStmt)
        rule_leak_track_return(rc, st, &rl_leak_opts, cursor);
    else if (kind == CXCursor_VarDecl || kind == CXCursor_BinaryOperator)
        rule_leak_track_seeded_read(rc, st, cursor);
}

static void rl_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    rule_leak_vars_reset(rule_state(rc));
    if (rule_option_bool(rc, "report_unreleased"))
        rule_leak_track_params(rc, rule_state(rc), fn);
}

static void rl_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    if (rule_option_bool(rc, "report_unreleased"))
        rule_leak_report_function(rc, rule_state(rc), fn);
    rule_leak_vars_reset(rule_state(rc));
}

static void rl_on_unit_end(struct rule_ctx *rc)
{
    if (rule_option_bool(rc, "report_unreleased"))
        rule_leak_report_unit(rc, rule_state(rc));
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
                   "hands to a function that keeps it, following the file's own functions and, "
                   "in a run over several files, blocks handed to other files' functions.",
    .tags = "security,reliability",
    .precision = "high",
    .security_severity = "5.3",
    .cwe = { 401 },
    .level = ECG_LEVEL_WARNING,
    .options = rl_options,
    .n_options = sizeof(rl_options) / sizeof(rl_options[0]),
    .needs_xvalue = 1,
    .state_size = sizeof(struct rule_leak_state),
    .state_fini = rl_state_fini,
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr, CXCursor_ReturnStmt, CXCursor_VarDecl,
               CXCursor_BinaryOperator },
    .on_cursor = rl_on_cursor,
    .on_function_enter = rl_on_function_enter,
    .on_function_leave = rl_on_function_leave,
    .on_unit_end = rl_on_unit_end,
};
