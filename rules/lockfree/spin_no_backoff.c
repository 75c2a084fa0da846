/* lockfree-spin-no-backoff: a busy-wait loop whose exit depends on an atomic load (or a
 * test-and-set) and whose body neither pauses, yields, sleeps, calls anything nor changes
 * what the condition reads. Loops are tracked as the walk enters and leaves them.
 * Known gaps: a load stored in a variable inside the body and tested by the loop condition
 * (do { v = atomic_load(&x); } while (!v);) is not seen as a spin; CAS retry loops are
 * never reported (they make progress). */
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_names.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/opkind.h"

#define SNB_MAX_DEPTH 64 /* nested loops tracked; deeper ones are not judged */
#define SNB_MAX_SPIN 4   /* atomic operations a loop's exit is related to */
#define SNB_MAX_VARS 16  /* variables read by a loop's exit condition */
#define SNB_MAX_UP 64    /* ancestors looked at between an operation and its loop */

struct snb_spin {
    CXCursor op;      /* the atomic load or test-and-set */
    CXCursor control; /* the loop child (or if condition) holding it */
    int is_exchange;
};

struct snb_frame {
    CXCursor loop;
    struct snb_spin spin[SNB_MAX_SPIN];
    unsigned n_spin;
    unsigned backoff; /* pause or yield calls, other calls, asm statements, inner loops */
};

struct snb_state {
    struct snb_frame frames[SNB_MAX_DEPTH];
    unsigned depth;    /* frames in use */
    unsigned overflow; /* loops entered beyond SNB_MAX_DEPTH and not yet left */
};

static int is_loop(enum CXCursorKind kind)
{
    return kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt || kind == CXCursor_ForStmt;
}

static struct snb_frame *top(struct snb_state *st)
{
    return st->depth > 0 && st->overflow == 0 ? &st->frames[st->depth - 1] : NULL;
}

/* Nonzero when a constant condition keeps the loop running: for (;;), while (1). */
static int loop_is_endless(CXCursor loop)
{
    CXCursor kids[4];
    unsigned n = ecg_cursor_children(kids, 4, loop);
    CXCursor cond;
    CXEvalResult ev;
    int endless = 0;

    if (clang_getCursorKind(loop) == CXCursor_ForStmt)
        return n == 1; /* only a body; a for with parts is judged by its condition */
    if (n != 2)
        return 0;
    cond = clang_getCursorKind(loop) == CXCursor_DoStmt ? kids[1] : kids[0];
    ev = clang_Cursor_Evaluate(cond);
    if (ev != NULL && clang_EvalResult_getKind(ev) == CXEval_Int)
        endless = clang_EvalResult_getAsLongLong(ev) != 0;
    if (ev != NULL)
        clang_EvalResult_dispose(ev);
    return endless;
}

/* 'if (...) break;' or 'if (...) { break; }': the if leaves the loop. */
static int if_breaks(CXCursor if_stmt)
{
    CXCursor then = ecg_cursor_child(if_stmt, 1);
    CXCursor kids[2];

    if (clang_getCursorKind(then) == CXCursor_CompoundStmt &&
        ecg_cursor_children(kids, 2, then) == 1)
        then = kids[0];
    return clang_getCursorKind(then) == CXCursor_BreakStmt;
}

/* Reaching the loop from child: the child itself when it is part of the loop's control;
 * in the body, the condition of an 'if (...) break;' of an endless loop, or a null cursor. */
static CXCursor control_at_loop(CXCursor loop, CXCursor child, CXCursor if_cond)
{
    if (!rule_atomics_same_node(ecg_cursor_loop_body(loop), child))
        return child;
    return loop_is_endless(loop) ? if_cond : clang_getNullCursor();
}

/* Where an atomic operation sits in the innermost loop: its control (returned), the condition
 * of an 'if (...) break;' of an endless loop (returned), or elsewhere (a null cursor). */
static CXCursor control_of(struct rule_ctx *rc, CXCursor op, CXCursor loop)
{
    CXCursor child = op;
    CXCursor if_cond = clang_getNullCursor();

    for (unsigned up = 0; up < SNB_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (rule_atomics_null(a) || kind == CXCursor_FunctionDecl)
            return clang_getNullCursor();
        if (kind == CXCursor_IfStmt && rule_atomics_same_node(ecg_cursor_child(a, 0), child))
            if_cond = if_breaks(a) ? child : clang_getNullCursor();
        if (rule_atomics_same_node(a, loop))
            return control_at_loop(a, child, if_cond);
        child = a;
    }
    return clang_getNullCursor();
}

static void note_atomic(struct rule_ctx *rc, struct snb_frame *fr, const struct rule_atomics_op *op)
{
    CXCursor control;

    if (op->kind != RULE_ATOMICS_LOAD && op->kind != RULE_ATOMICS_EXCHANGE)
        return;
    if (fr->n_spin >= SNB_MAX_SPIN)
        return;
    control = control_of(rc, op->expr, fr->loop);
    if (rule_atomics_null(control))
        return;
    fr->spin[fr->n_spin].op = op->expr;
    fr->spin[fr->n_spin].control = control;
    fr->spin[fr->n_spin].is_exchange = op->kind == RULE_ATOMICS_EXCHANGE;
    fr->n_spin++;
}

/* A call that is no atomic operation: backoff when listed, or when any call counts. */
static void note_call(struct rule_ctx *rc, struct snb_frame *fr, CXCursor call)
{
    char name[128];

    rule_atomics_callee_name(rc, call, name, sizeof(name));
    if (rule_option_bool(rc, "any_call_is_backoff") ||
        rule_option_list_has(rc, "backoff_calls", name))
        fr->backoff++;
}

static void snb_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct snb_state *st = rule_state(rc);
    struct snb_frame *fr = top(st);
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    struct rule_atomics_op op;

    if (is_loop(kind)) {
        if (fr != NULL)
            fr->backoff++; /* an inner loop: a delay loop, or work */
        if (st->depth >= SNB_MAX_DEPTH || st->overflow > 0) {
            st->overflow++;
            return;
        }
        memset(&st->frames[st->depth], 0, sizeof(st->frames[0]));
        st->frames[st->depth].loop = cursor;
        st->depth++;
        return;
    }
    if (fr == NULL)
        return;
    if (kind == CXCursor_AsmStmt) {
        fr->backoff++;
        return;
    }
    if (rule_atomics_read(&op, rc, cursor))
        note_atomic(rc, fr, &op);
    else if (kind == CXCursor_CallExpr)
        note_call(rc, fr, cursor);
}

/* The variables the loop's exit conditions read, and whether the loop writes one of them
 * outside those conditions (then it walks or counts: progress, not a wait). */
struct snb_vars {
    CXTranslationUnit tu;
    CXCursor decl[SNB_MAX_VARS];
    unsigned n;
    int too_many;
    const struct snb_frame *fr;
    int written;
};

static enum CXChildVisitResult collect_vars(CXCursor c, CXCursor parent, CXClientData data)
{
    struct snb_vars *v = data;
    CXCursor decl;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    decl = clang_getCursorReferenced(c);
    if (clang_getCursorKind(decl) != CXCursor_VarDecl &&
        clang_getCursorKind(decl) != CXCursor_ParmDecl)
        return CXChildVisit_Continue;
    for (unsigned i = 0; i < v->n; i++) {
        if (clang_equalCursors(v->decl[i], decl))
            return CXChildVisit_Continue;
    }
    if (v->n == SNB_MAX_VARS) {
        v->too_many = 1;
        return CXChildVisit_Break;
    }
    v->decl[v->n++] = decl;
    return CXChildVisit_Continue;
}

static int is_control(const struct snb_frame *fr, CXCursor c)
{
    for (unsigned i = 0; i < fr->n_spin; i++) {
        if (rule_atomics_same_node(fr->spin[i].control, c))
            return 1;
    }
    return 0;
}

/* Nonzero when the operator may write its operand: assignments, ++, --, and '&'. */
static int may_write(CXTranslationUnit tu, CXCursor c)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    enum rule_opkind op;

    if (kind == CXCursor_CompoundAssignOperator)
        return 1;
    if (kind == CXCursor_BinaryOperator) {
        op = rule_opkind_binary(tu, c);
        return op == RULE_OPKIND_ASSIGN || op == RULE_OPKIND_UNKNOWN;
    }
    if (kind != CXCursor_UnaryOperator)
        return 0;
    op = rule_opkind_unary(tu, c);
    return op != RULE_OPKIND_DEREF && op != RULE_OPKIND_NOT;
}

static enum CXChildVisitResult find_write(CXCursor c, CXCursor parent, CXClientData data)
{
    struct snb_vars *v = data;
    struct snb_vars target = *v;

    (void)parent;
    if (is_control(v->fr, c))
        return CXChildVisit_Continue;
    if (!may_write(v->tu, c))
        return CXChildVisit_Recurse;
    /* the written operand is the first child; a variable of the set named there counts */
    target.n = 0;
    target.too_many = 0;
    collect_vars(ecg_cursor_child(c, 0), c, &target);
    clang_visitChildren(ecg_cursor_child(c, 0), collect_vars, &target);
    for (unsigned i = 0; i < target.n && !v->written; i++) {
        for (unsigned k = 0; k < v->n; k++)
            v->written |= clang_equalCursors(target.decl[i], v->decl[k]);
    }
    return v->written ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Visits the exit conditions and then the rest of one candidate loop (a loop that spins on
 * an atomic with no call, asm or inner loop: rare, and small). */
static int loop_makes_progress(struct rule_ctx *rc, const struct snb_frame *fr)
{
    struct snb_vars v;

    memset(&v, 0, sizeof(v));
    v.tu = rule_unit(rc);
    v.fr = fr;
    for (unsigned i = 0; i < fr->n_spin; i++) {
        collect_vars(fr->spin[i].control, fr->loop, &v);
        clang_visitChildren(fr->spin[i].control, collect_vars, &v);
    }
    if (v.too_many)
        return 1;
    if (v.n == 0)
        return 0;
    clang_visitChildren(fr->loop, find_write, &v);
    return v.written;
}

static const char *object_name(struct rule_ctx *rc, CXCursor op_expr, char *buf, size_t size)
{
    struct rule_atomics_op op;
    CXCursor decl;

    if (!rule_atomics_read(&op, rc, op_expr))
        return "an atomic object";
    decl = rule_atomics_object_decl(&op);
    if (rule_atomics_null(decl))
        return "an atomic object";
    return rule_cursor_name(decl, buf, size);
}

static void report(struct rule_ctx *rc, const struct snb_frame *fr)
{
    char name[128];
    struct ecg_finding *f;

    f = rule_report(rc, fr->loop,
                    "busy-wait loop spins on '%s' with no pause, yield or backoff; put a CPU "
                    "relax hint in the body (__builtin_ia32_pause() or _mm_pause() on x86, "
                    "__builtin_arm_yield() on Arm) and yield or sleep after a bounded number "
                    "of spins",
                    object_name(rc, fr->spin[0].op, name, sizeof(name)));
    if (f == NULL)
        return;
    for (unsigned i = 0; i < fr->n_spin; i++) {
        rule_add_related(rc, f, clang_getCursorExtent(fr->spin[i].op),
                         fr->spin[i].is_exchange ? "the test-and-set retried on '%s'"
                                                 : "the atomic load of '%s' it waits on",
                         object_name(rc, fr->spin[i].op, name, sizeof(name)));
    }
}

static void snb_on_leave(struct rule_ctx *rc, CXCursor cursor)
{
    struct snb_state *st = rule_state(rc);
    struct snb_frame *fr;

    if (!is_loop(clang_getCursorKind(cursor)))
        return;
    if (st->overflow > 0) {
        st->overflow--;
        return;
    }
    if (st->depth == 0)
        return;
    st->depth--;
    fr = &st->frames[st->depth];
    if (fr->n_spin == 0 || fr->backoff > 0 || loop_makes_progress(rc, fr))
        return;
    report(rc, fr);
}

static void snb_on_function_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct snb_state *st = rule_state(rc);

    (void)cursor;
    st->depth = 0;
    st->overflow = 0;
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void snb_on_unit_begin(struct rule_ctx *rc)
{
    rule_atomics_join(rc);
}

static const struct rule_option snb_options[] = {
    { "any_call_is_backoff", RULE_OPT_BOOL, "true",
      "any call in the loop counts as backoff (it may pause, yield or do work); when false, "
      "only the functions of backoff_calls do",
      NULL },
    { "backoff_calls", RULE_OPT_STRING_LIST,
      "sched_yield,thrd_yield,pthread_yield,usleep,nanosleep,sleep,thrd_sleep,_mm_pause,"
      "__builtin_ia32_pause,__builtin_arm_yield,__yield,cpu_relax,futex_wait,syscall",
      "functions that pause, yield or sleep", NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_spin_no_backoff = {
    .id = "lockfree-spin-no-backoff",
    .title = "Busy-wait loop without pause or backoff",
    .summary = "Flags loops that spin on an atomic load with no pause, yield or backoff.",
    .description = "A loop that re-reads an atomic until it changes, with nothing in its body, "
                   "keeps a core at full power, starves the sibling hyper-thread that may be "
                   "the one to release it, floods the interconnect with cache-line requests and "
                   "pays a pipeline flush on exit. Put a CPU relax hint (pause/yield) in the "
                   "body and back off or yield after a bounded number of spins.",
    .tags = "lockfree,concurrency,performance",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .options = snb_options,
    .n_options = sizeof(snb_options) / sizeof(snb_options[0]),
    .state_size = sizeof(struct snb_state),
    .kinds = { CXCursor_WhileStmt, CXCursor_DoStmt, CXCursor_ForStmt, CXCursor_AsmStmt,
               CXCursor_CallExpr, CXCursor_UnexposedExpr },
    .on_cursor = snb_on_cursor,
    .on_unit_begin = snb_on_unit_begin,
    .on_cursor_leave = snb_on_leave,
    .on_function_enter = snb_on_function_enter,
};
