/* lockfree-cas-weak-no-loop: a weak compare-exchange (which may fail although the values
 * were equal) whose result does not decide a retry: not a loop's condition, not an if
 * that leaves or restarts a loop, not a flag a loop tests, not returned to a caller.
 * Known gaps: a flag tested in another function, or a retry by recursion, is not followed. */
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/opkind.h"

#define CWL_MAX_UP 64 /* ancestors looked at between the operation and its statement */

/* Where the result went, found by walking up from the operation. */
struct cwl_use {
    int decided;         /* 1: the result decides a retry (or is returned): silent */
    CXCursor flag;       /* the variable the result is stored into, or a null cursor */
    CXCursor if_stmt;    /* the if whose condition tests the result without a jump, or null */
    unsigned stmt_level; /* ancestor index of the statement holding the operation */
};

/* Which kinds of jump a subtree holds: goto and return anywhere; break and continue only
 * outside nested loops and switches (there they leave those instead). */
struct cwl_jumps {
    int goto_or_return;
    int returns;
    int loop_exit;
    unsigned depth; /* nested loops and switches entered */
};

static int is_loop(enum CXCursorKind kind)
{
    return kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt || kind == CXCursor_ForStmt;
}

static enum CXChildVisitResult find_jumps(CXCursor c, CXCursor parent, CXClientData data)
{
    struct cwl_jumps *j = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if (kind == CXCursor_GotoStmt || kind == CXCursor_ReturnStmt)
        j->goto_or_return = 1;
    if (kind == CXCursor_ReturnStmt)
        j->returns = 1;
    if ((kind == CXCursor_BreakStmt || kind == CXCursor_ContinueStmt) && j->depth == 0)
        j->loop_exit = 1;
    if (is_loop(kind) || kind == CXCursor_SwitchStmt) {
        j->depth++;
        clang_visitChildren(c, find_jumps, data);
        j->depth--;
        return CXChildVisit_Continue;
    }
    return CXChildVisit_Recurse;
}

/* The branches of an if (all children but the condition): do they jump? Walks only the
 * branches of an if that tests a weak compare-exchange, a few statements in practice. */
static void branch_jumps(struct cwl_jumps *out, CXCursor if_stmt)
{
    CXCursor kids[4];
    unsigned n = ecg_cursor_children(kids, 4, if_stmt);

    memset(out, 0, sizeof(*out));
    for (unsigned i = 1; i < n && i < 4; i++) {
        find_jumps(kids[i], if_stmt, out);
        clang_visitChildren(kids[i], find_jumps, out);
    }
}

/* Nonzero when an ancestor above index from (up to the function) is a loop. */
static int in_loop(struct rule_ctx *rc, unsigned from)
{
    for (unsigned up = from; up < CWL_MAX_UP * 4; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (rule_atomics_null(a) || kind == CXCursor_FunctionDecl)
            return 0;
        if (is_loop(kind))
            return 1;
    }
    return 0;
}

/* An if testing the result: it decides when a branch restarts or leaves the loop. */
static int if_decides(struct rule_ctx *rc, CXCursor if_stmt, unsigned up)
{
    struct cwl_jumps j;

    branch_jumps(&j, if_stmt);
    if (j.returns && rule_option_bool(rc, "allow_returned"))
        return 1;
    if (j.goto_or_return && !j.returns)
        return 1; /* goto: a hand-written retry loop */
    return (j.loop_exit || j.goto_or_return) && in_loop(rc, up + 1);
}

/* The variable an lvalue names, looking through parentheses and conversions. */
static CXCursor assigned_var(CXCursor lhs)
{
    while (clang_getCursorKind(lhs) == CXCursor_ParenExpr ||
           clang_getCursorKind(lhs) == CXCursor_UnexposedExpr)
        lhs = ecg_cursor_child(lhs, 0);
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    lhs = clang_getCursorReferenced(lhs);
    return clang_getCursorKind(lhs) == CXCursor_VarDecl ? lhs : clang_getNullCursor();
}

/* The variable an initialisation or an assignment 'v = <child>' stores the result into. */
static CXCursor stored_into(struct rule_ctx *rc, CXCursor a, CXCursor child)
{
    CXCursor kids[2];

    if (clang_getCursorKind(a) == CXCursor_VarDecl)
        return a;
    if (clang_getCursorKind(a) != CXCursor_BinaryOperator ||
        rule_opkind_binary(rule_unit(rc), a) != RULE_OPKIND_ASSIGN ||
        !rule_opkind_operands(a, kids) || !rule_atomics_same_node(kids[1], child))
        return clang_getNullCursor();
    return assigned_var(kids[0]);
}

/* Expressions the result passes through on its way to what decides. */
static int passes_through(enum CXCursorKind kind)
{
    return kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_CStyleCastExpr || kind == CXCursor_UnaryOperator ||
           kind == CXCursor_BinaryOperator || kind == CXCursor_ConditionalOperator ||
           kind == CXCursor_VarDecl;
}

/* __builtin_expect (behind likely/unlikely) passes its first argument through. */
static int is_expect(CXCursor call)
{
    char name[32];

    return strcmp(rule_callee_name(call, name, sizeof(name)), "__builtin_expect") == 0;
}

/* A statement that tests the result: a loop's control, an if's condition, a return. */
static void at_statement(struct cwl_use *out, struct rule_ctx *rc, CXCursor a, CXCursor child,
                         unsigned up)
{
    enum CXCursorKind kind = clang_getCursorKind(a);

    if (is_loop(kind)) {
        out->decided = !rule_atomics_same_node(ecg_cursor_loop_body(a), child);
    } else if (kind == CXCursor_IfStmt && rule_atomics_same_node(ecg_cursor_child(a, 0), child)) {
        out->decided = if_decides(rc, a, up);
        out->if_stmt = a;
    } else if (kind == CXCursor_ReturnStmt) {
        out->decided = rule_option_bool(rc, "allow_returned");
    }
}

/* Walks up from the operation to the statement that holds it. */
static void follow_result(struct cwl_use *out, struct rule_ctx *rc, CXCursor op)
{
    CXCursor child = op;

    memset(out, 0, sizeof(*out));
    out->flag = clang_getNullCursor();
    out->if_stmt = clang_getNullCursor();
    for (unsigned up = 0; up < CWL_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        out->stmt_level = up;
        if (kind == CXCursor_VarDecl || kind == CXCursor_BinaryOperator) {
            CXCursor v = stored_into(rc, a, child);
            if (!rule_atomics_null(v))
                out->flag = v;
        }
        if (kind == CXCursor_CallExpr && !is_expect(a))
            return; /* passed to a function: that function does not retry it */
        if (!passes_through(kind) && kind != CXCursor_CallExpr) {
            at_statement(out, rc, a, child, up);
            return;
        }
        child = a;
    }
}

/* What a search for the flag looks for in a subtree. */
struct cwl_search {
    CXCursor flag;
    int any_ref;      /* a reference to the flag anywhere */
    int decides;      /* an if on the flag that jumps, or a return of it */
    int allow_return; /* a return of the flag, or from an if on it, decides */
    int in_loop;      /* break and continue in an if on the flag leave a loop */
};

static enum CXChildVisitResult find_ref(CXCursor c, CXCursor parent, CXClientData data)
{
    struct cwl_search *s = data;

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
        clang_equalCursors(clang_getCursorReferenced(c), s->flag)) {
        s->any_ref = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

static int refers_to(CXCursor tree, CXCursor flag)
{
    struct cwl_search s = { flag, 0, 0, 0, 0 };

    find_ref(tree, clang_getNullCursor(), &s);
    if (!s.any_ref)
        clang_visitChildren(tree, find_ref, &s);
    return s.any_ref;
}

static int flag_if_decides(const struct cwl_search *s, CXCursor if_stmt)
{
    struct cwl_jumps j;

    if (!refers_to(ecg_cursor_child(if_stmt, 0), s->flag))
        return 0;
    branch_jumps(&j, if_stmt);
    if (j.returns)
        return s->allow_return || s->in_loop;
    return j.goto_or_return || (j.loop_exit && s->in_loop);
}

static enum CXChildVisitResult find_decider(CXCursor c, CXCursor parent, CXClientData data)
{
    struct cwl_search *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if (kind == CXCursor_IfStmt && flag_if_decides(s, c))
        s->decides = 1;
    if (kind == CXCursor_ReturnStmt && s->allow_return && refers_to(c, s->flag))
        s->decides = 1;
    return s->decides ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The innermost loop around the statement at ancestor index from, or a null cursor. */
static CXCursor enclosing_loop(struct rule_ctx *rc, unsigned from)
{
    for (unsigned up = from; up < CWL_MAX_UP * 4; up++) {
        CXCursor a = rule_ancestor(rc, up);
        if (rule_atomics_null(a) || clang_getCursorKind(a) == CXCursor_FunctionDecl)
            break;
        if (is_loop(clang_getCursorKind(a)))
            return a;
    }
    return clang_getNullCursor();
}

/* Nonzero when the loop's condition (or a for's other parts) reads the flag. */
static int control_refers(CXCursor loop, CXCursor flag)
{
    CXCursor kids[4];
    unsigned n = ecg_cursor_children(kids, 4, loop);
    CXCursor body = ecg_cursor_loop_body(loop);

    for (unsigned i = 0; i < n && i < 4; i++) {
        if (!rule_atomics_same_node(kids[i], body) && refers_to(kids[i], flag))
            return 1;
    }
    return 0;
}

/* The result was stored in a flag: does a loop test it, or an if that leaves the loop or
 * the function? Searches the enclosing loop (or, outside loops, the function body). */
static int flag_decides(struct rule_ctx *rc, const struct cwl_use *use)
{
    struct cwl_search s = { use->flag, 0, 0, rule_option_bool(rc, "allow_returned"), 0 };
    CXCursor scope = enclosing_loop(rc, use->stmt_level);

    s.in_loop = !rule_atomics_null(scope);
    if (s.in_loop && control_refers(scope, s.flag))
        return 1;
    if (!s.in_loop)
        scope = rule_function(rc);
    if (rule_atomics_null(scope))
        return 0;
    clang_visitChildren(scope, find_decider, &s);
    return s.decides;
}

static const char *object_name(const struct rule_atomics_op *op, char *buf, size_t size)
{
    CXCursor decl = rule_atomics_object_decl(op);

    if (rule_atomics_null(decl))
        return "the object";
    return rule_cursor_name(decl, buf, size);
}

static void report(struct rule_ctx *rc, const struct rule_atomics_op *op, const struct cwl_use *use)
{
    char name[128], flag[128];
    struct ecg_finding *f;

    f = rule_report(rc, op->expr,
                    "'%s' on '%s' may fail spuriously, even when the value matched, but its "
                    "result does not decide a retry loop; retry until it succeeds "
                    "('while (!%s(...))' reloading the expected value) or use the strong form",
                    op->name, object_name(op, name, sizeof(name)), op->name);
    if (f == NULL)
        return;
    rule_add_related(rc, f, clang_getCursorExtent(op->object), "the object compared");
    if (!rule_atomics_null(op->expected))
        rule_add_related(rc, f, clang_getCursorExtent(op->expected),
                         "the expected value, rewritten when it fails");
    if (!rule_atomics_null(use->flag))
        rule_add_related(rc, f, clang_getCursorExtent(use->flag),
                         "the result is kept in '%s', which no retry loop tests",
                         rule_cursor_name(use->flag, flag, sizeof(flag)));
    if (!rule_atomics_null(use->if_stmt))
        rule_add_related(rc, f, clang_getCursorExtent(ecg_cursor_child(use->if_stmt, 0)),
                         "the result is tested here, but no branch retries or leaves a loop");
}

static void cwl_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct rule_atomics_op op;
    struct cwl_use use;

    if (!rule_atomics_read(&op, rc, cursor) || op.kind != RULE_ATOMICS_CAS_WEAK)
        return;
    follow_result(&use, rc, cursor);
    if (use.decided)
        return;
    if (!rule_atomics_null(use.flag) && flag_decides(rc, &use))
        return;
    report(rc, &op, &use);
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void cwl_on_unit_begin(struct rule_ctx *rc)
{
    rule_atomics_join(rc);
}

static const struct rule_option cwl_options[] = {
    { "allow_returned", RULE_OPT_BOOL, "true",
      "stay silent when the result is returned to the caller (directly, through a flag, or as "
      "an early return on failure): a try-operation whose caller retries",
      NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_cas_weak_no_loop = {
    .id = "lockfree-cas-weak-no-loop",
    .title = "Weak compare-exchange outside a retry loop",
    .summary = "Flags weak compare-exchanges whose result does not decide a retry loop.",
    .description = "atomic_compare_exchange_weak and weak __atomic_compare_exchange may fail "
                   "even when the object held the expected value (LL/SC architectures lose "
                   "the reservation on any interference). Used once, outside a loop that "
                   "retries on failure, it makes an update or a lock acquisition fail at "
                   "random. Retry it in a loop, or use the strong form.",
    .tags = "lockfree,concurrency",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .options = cwl_options,
    .n_options = sizeof(cwl_options) / sizeof(cwl_options[0]),
    .kinds = { RULE_ATOMICS_CURSOR_KINDS },
    .on_cursor = cwl_on_cursor,
    .on_unit_begin = cwl_on_unit_begin,
};
