/* Per-unit counts of how call results are used; see unchecked_stats.h. A result is classified
 * by the walk's ancestors of the call (casts and parentheses looked through), so nothing is
 * walked twice; a result stored in a local variable waits until a reference tests it. */
#include "rules/support/unchecked_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/nullctx.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullflow_report.h"
#include "rules/support/opkind.h"

#define US_MAX_CLIMB 64   /* casts and parentheses looked through above an expression */
#define US_MAX_PENDING 64 /* results held in variables at once; more are not followed */
#define US_MAX_SIZERS 8   /* variables holding a length result, per function */

/* How an expression's value is used by what encloses it. */
enum us_use {
    US_OTHER,       /* an argument, an operand of arithmetic...: neither checked nor dropped */
    US_DISCARDED,   /* a statement of its own */
    US_VOIDED,      /* cast to (void) */
    US_CHECKED,     /* compared, a condition or negated */
    US_RETURNED,    /* the function's own result: checked for a status, not for a length */
    US_STORED,      /* assigned to a local variable (*var) */
    US_OVERWRITTEN, /* a variable reference on the left of '=' */
};

/* A call's result held in a local variable of the current function, not tested yet. */
struct us_pending {
    CXCursor var;
    CXCursor call;
    size_t callee; /* index into callees */
    int status;    /* the result is a status, not a length (see us_checked) */
};

struct rule_unchecked_stats {
    struct rule_unchecked_policy policy;
    int lost; /* memory ran out: nothing is counted or reported any more */
    struct rule_unchecked_callee *callees; /* owned */
    size_t n_callees;
    size_t cap_callees;
    size_t *slots;  /* owned; open addressing by name: index + 1, 0 when empty */
    size_t n_slots; /* a power of two, at least twice n_callees; 0 before the first callee */
    struct us_pending *pending; /* owned; of the function being walked */
    size_t n_pending;
    size_t cap_pending;
    CXCursor sizers[US_MAX_SIZERS]; /* locals of the function given a length result (a
                                       measuring snprintf's); see us_sized_by_measure */
    size_t n_sizers;
};

struct rule_unchecked_stats *rule_unchecked_stats_new(const struct rule_unchecked_policy *policy)
{
    struct rule_unchecked_stats *st = calloc(1, sizeof(*st));

    if (st != NULL)
        st->policy = *policy;
    return st;
}

void rule_unchecked_stats_free(struct rule_unchecked_stats *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->n_callees; i++)
        free(st->callees[i].discarded);
    free(st->callees);
    free(st->slots);
    free(st->pending);
    free(st);
}

void rule_unchecked_stats_begin_function(struct rule_unchecked_stats *st)
{
    if (st == NULL)
        return;
    st->n_pending = 0;
    st->n_sizers = 0;
}

/* ---- the callee table -------------------------------------------------------------------- */

static size_t us_hash(const char *name)
{
    size_t h = 2166136261u;

    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

/* The slot where name is, or the empty slot where it would go; n_slots must be nonzero. */
static size_t us_slot(const struct rule_unchecked_stats *st, const char *name)
{
    size_t mask = st->n_slots - 1;
    size_t i = us_hash(name) & mask;

    while (st->slots[i] != 0 && strcmp(st->callees[st->slots[i] - 1].name, name) != 0)
        i = (i + 1) & mask;
    return i;
}

static int us_rehash(struct rule_unchecked_stats *st, size_t n_slots)
{
    size_t *slots = calloc(n_slots, sizeof(*slots));

    if (slots == NULL)
        return ECG_ENOMEM;
    free(st->slots);
    st->slots = slots;
    st->n_slots = n_slots;
    for (size_t k = 0; k < st->n_callees; k++)
        st->slots[us_slot(st, st->callees[k].name)] = k + 1;
    return 0;
}

/* Makes room for one more callee in the array and the index. */
static int us_reserve(struct rule_unchecked_stats *st)
{
    if (st->n_callees == st->cap_callees) {
        size_t cap = st->cap_callees != 0 ? st->cap_callees * 2 : 16;
        struct rule_unchecked_callee *grown = realloc(st->callees, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        st->callees = grown;
        st->cap_callees = cap;
    }
    if (2 * (st->n_callees + 1) > st->n_slots)
        return us_rehash(st, st->n_slots != 0 ? st->n_slots * 2 : 32);
    return 0;
}

/* The index of name's entry, added when new, into *out. */
static int us_callee(size_t *out, struct rule_unchecked_stats *st, const char *name)
{
    struct rule_unchecked_callee *c;
    size_t slot;
    int rc;

    if (st->n_slots != 0) {
        slot = us_slot(st, name);
        if (st->slots[slot] != 0) {
            *out = st->slots[slot] - 1;
            return 0;
        }
    }
    rc = us_reserve(st);
    if (rc != 0)
        return rc;
    c = &st->callees[st->n_callees];
    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%s", name);
    st->slots[us_slot(st, c->name)] = st->n_callees + 1;
    *out = st->n_callees++;
    return 0;
}

static int us_add_discarded(struct rule_unchecked_callee *c, CXCursor call)
{
    if (c->n_discarded == c->cap_discarded) {
        size_t cap = c->cap_discarded != 0 ? c->cap_discarded * 2 : 4;
        CXCursor *grown = realloc(c->discarded, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        c->discarded = grown;
        c->cap_discarded = cap;
    }
    c->discarded[c->n_discarded++] = call;
    return 0;
}

static void us_add_checked(struct rule_unchecked_callee *c, CXCursor call)
{
    if (c->n_checked_at < RULE_UNCHECKED_KEEP)
        c->checked_at[c->n_checked_at++] = call;
    c->checked++;
}

/* ---- how a value is used ----------------------------------------------------------------- */

static int us_is_void_cast(CXCursor c)
{
    return clang_getCursorKind(c) == CXCursor_CStyleCastExpr &&
           clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Void;
}

/* A local variable or parameter that is not static. */
static int us_is_local(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind == CXCursor_ParmDecl)
        return 1;
    return kind == CXCursor_VarDecl && clang_getCursorLinkage(decl) == CXLinkage_NoLinkage &&
           clang_Cursor_getStorageClass(decl) != CX_SC_Static;
}

static int us_is_first(CXCursor parent, CXCursor child)
{
    return rule_nullflow_same(rule_expr_first_child(parent), child);
}

/* The use a statement (or ?:) makes of the expression that is its first child, and of one
 * that is another child. */
struct us_stmt_use {
    enum CXCursorKind kind;
    enum us_use first;
    enum us_use rest;
};

static const struct us_stmt_use us_stmt_uses[] = {
    { CXCursor_CompoundStmt, US_DISCARDED, US_DISCARDED },
    { CXCursor_LabelStmt, US_DISCARDED, US_DISCARDED },
    { CXCursor_DefaultStmt, US_DISCARDED, US_DISCARDED },
    { CXCursor_CaseStmt, US_OTHER, US_DISCARDED },
    { CXCursor_IfStmt, US_CHECKED, US_DISCARDED },
    { CXCursor_WhileStmt, US_CHECKED, US_DISCARDED },
    { CXCursor_SwitchStmt, US_CHECKED, US_DISCARDED },
    { CXCursor_DoStmt, US_DISCARDED, US_CHECKED },
    { CXCursor_ConditionalOperator, US_CHECKED, US_OTHER },
    { CXCursor_ReturnStmt, US_RETURNED, US_RETURNED },
};

/* The use a statement (or ?:) makes of child, one of its children. */
static enum us_use us_in_statement(CXCursor parent, CXCursor child)
{
    enum CXCursorKind kind = clang_getCursorKind(parent);

    for (size_t i = 0; i < sizeof(us_stmt_uses) / sizeof(us_stmt_uses[0]); i++) {
        const struct us_stmt_use *u = &us_stmt_uses[i];
        if (u->kind != kind)
            continue;
        /* a block's children are never looked at: it may hold thousands */
        if (u->first == u->rest || !us_is_first(parent, child))
            return u->rest;
        return u->first;
    }
    return US_OTHER;
}

/* child as an operand of the assignment op: stored when it is the right side and the left
 * side a local variable (*var), overwritten when it is the left side. */
static enum us_use us_in_assignment(CXCursor op, CXCursor child, CXCursor *var)
{
    CXCursor ops[2], lhs;

    if (!rule_opkind_operands(op, ops))
        return US_OTHER;
    if (rule_nullflow_same(ops[0], child))
        return US_OVERWRITTEN;
    lhs = rule_nullflow_strip(ops[0]);
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return US_OTHER;
    *var = clang_getCursorReferenced(lhs);
    return us_is_local(*var) ? US_STORED : US_OTHER;
}

/* The use the binary operator op makes of child, one of its operands. */
static enum us_use us_in_binary(CXCursor op, CXCursor child, CXCursor *var)
{
    enum ecg_op code = ecg_opcode_of(op);

    if (ecg_opcode_is_comparison(code) || code == ECG_OP_LAND || code == ECG_OP_LOR)
        return US_CHECKED;
    return code == ECG_OP_ASSIGN ? us_in_assignment(op, child, var) : US_OTHER;
}

/* The use parent, the first enclosing cursor that is not a wrapper, makes of child. */
static enum us_use us_in(CXCursor parent, CXCursor child, CXCursor *var)
{
    switch (clang_getCursorKind(parent)) {
    case CXCursor_BinaryOperator:
        return us_in_binary(parent, child, var);
    case CXCursor_UnaryOperator:
        return ecg_opcode_of(parent) == ECG_OP_NOT ? US_CHECKED : US_OTHER;
    case CXCursor_VarDecl:
        *var = parent;
        return us_is_local(parent) ? US_STORED : US_OTHER;
    case CXCursor_CStyleCastExpr:
        return US_VOIDED; /* the only cast us_consumer stops at */
    default:
        return us_in_statement(parent, child);
    }
}

/* From ancestor *up, the first that is not a parenthesis or a cast other than (void); *child
 * becomes the cursor just below it. */
static CXCursor us_consumer(struct rule_ctx *rc, size_t *up, CXCursor *child)
{
    for (; *up < US_MAX_CLIMB; (*up)++) {
        CXCursor parent = rule_ancestor(rc, *up);
        if (!rule_nullctx_is_wrapper(clang_getCursorKind(parent)) || us_is_void_cast(parent))
            return parent;
        *child = parent;
    }
    return clang_getNullCursor();
}

/* How the value of self, the cursor the walk is entering, is used. */
static enum us_use us_classify(struct rule_ctx *rc, CXCursor self, CXCursor *var)
{
    size_t up = 0;
    CXCursor child = self;
    CXCursor parent = us_consumer(rc, &up, &child);
    enum us_use use = us_in(parent, child, var);
    CXCursor outer;

    if (use != US_STORED || clang_getCursorKind(parent) != CXCursor_BinaryOperator)
        return use;
    /* `if ((rc = fclose(f)) != 0)`: the assignment's value is tested */
    child = parent;
    up++;
    parent = us_consumer(rc, &up, &child);
    return us_in(parent, child, &outer) == US_CHECKED ? US_CHECKED : US_STORED;
}

/* use, with a returned result read as checked when it is a status (fclose's), as passed on
 * when it is a length (snprintf's: the caller gets the length, nobody tests for failure). */
static enum us_use us_checked(enum us_use use, int status)
{
    if (use == US_RETURNED)
        return status ? US_CHECKED : US_OTHER;
    return use;
}

/* ---- recording --------------------------------------------------------------------------- */

/* The index of the pending result var holds, or n_pending. */
static size_t us_pending_find(const struct rule_unchecked_stats *st, CXCursor var)
{
    size_t i = 0;

    while (i < st->n_pending && !clang_equalCursors(st->pending[i].var, var))
        i++;
    return i;
}

/* var holds the result of call (to callee k) from now on. */
static int us_hold(struct rule_unchecked_stats *st, CXCursor var, CXCursor call, size_t k,
                   int status)
{
    size_t i = us_pending_find(st, var);

    if (i == US_MAX_PENDING)
        return 0; /* a function with that many: the later ones count neither way */
    if (i == st->n_pending && st->n_pending == st->cap_pending) {
        size_t cap = st->cap_pending != 0 ? st->cap_pending * 2 : 8;
        struct us_pending *grown = realloc(st->pending, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        st->pending = grown;
        st->cap_pending = cap;
    }
    if (i == st->n_pending)
        st->n_pending++;
    st->pending[i].var = var;
    st->pending[i].call = call;
    st->pending[i].callee = k;
    st->pending[i].status = status;
    return 0;
}

/* Whether the DeclRefExpr cursor names one of st's sizers. */
static enum CXChildVisitResult us_find_sizer(CXCursor c, CXCursor parent, CXClientData data)
{
    const struct rule_unchecked_stats *st = data;
    CXCursor var;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    var = clang_getCursorReferenced(c);
    for (size_t i = 0; i < st->n_sizers; i++) {
        if (clang_equalCursors(st->sizers[i], var))
            return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* Whether call, a length function's, is the writing half of "measure, then write": its size
 * argument (the second) is computed from a length an earlier call of the function returned,
 * so the result is known before the call and there is nothing to test. */
static int us_sized_by_measure(const struct rule_unchecked_stats *st, CXCursor call)
{
    CXCursor size = clang_Cursor_getArgument(call, 1);

    if (st->n_sizers == 0 || clang_Cursor_isNull(size))
        return 0;
    if (clang_getCursorKind(size) == CXCursor_DeclRefExpr)
        return us_find_sizer(size, size, (CXClientData)st) == CXChildVisit_Break;
    return clang_visitChildren(size, us_find_sizer, (CXClientData)st) != 0;
}

/* The use of call, a length function's (status 0), made by the measure-then-write idiom:
 * a result stored makes its variable a sizer; a discarded call sized by one counts neither
 * way. */
static enum us_use us_length_use(struct rule_unchecked_stats *st, CXCursor call, enum us_use use,
                                 CXCursor var)
{
    if (use == US_STORED && st->n_sizers < US_MAX_SIZERS)
        st->sizers[st->n_sizers++] = var;
    if (use == US_DISCARDED && us_sized_by_measure(st, call))
        return US_OTHER;
    return use;
}

/* Counts call, to callee, whose result is a status or (status 0) a length. */
static int us_count(struct rule_unchecked_stats *st, struct rule_ctx *rc, CXCursor call,
                    const char *callee, int status)
{
    CXCursor var = clang_getNullCursor();
    enum us_use use = us_checked(us_classify(rc, call, &var), status);
    struct rule_unchecked_callee *c;
    size_t k;
    int err = us_callee(&k, st, callee);

    if (err != 0)
        return err;
    if (!status)
        use = us_length_use(st, call, use, var);
    c = &st->callees[k];
    if (use == US_DISCARDED)
        err = us_add_discarded(c, call);
    else if (use == US_STORED)
        err = us_hold(st, var, call, k, status);
    if (err != 0)
        return err;
    c->calls++;
    if (use == US_CHECKED)
        us_add_checked(c, call);
    else if (use == US_VOIDED)
        c->voided++;
    return 0;
}

/* Nonzero when call calls one of the project's own functions (declared outside system
 * headers) whose result is an integer or enum: an error code, as far as a type tells. */
static int us_own_error_function(CXCursor call)
{
    CXCursor decl = clang_getCursorReferenced(call);
    enum CXTypeKind kind;

    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(decl)))
        return 0;
    kind = clang_getCanonicalType(clang_getCursorResultType(decl)).kind;
    return kind == CXType_Int || kind == CXType_Long || kind == CXType_LongLong ||
           kind == CXType_Enum;
}

/* Nonzero when the policy follows callee. Calls the rule reports whenever they are discarded
 * (fgets, setuid, its must_check option) are left out. */
static int us_follows(const struct rule_unchecked_stats *st, struct rule_ctx *rc, CXCursor call,
                      const char *callee)
{
    if (rule_libc_must_check(callee, 0) != NULL || rule_option_list_has(rc, "must_check", callee))
        return 0;
    if (rule_libc_must_check(callee, 1) != NULL)
        return !st->policy.check_output;
    return st->policy.own_functions && us_own_error_function(call);
}

void rule_unchecked_stats_call(struct rule_unchecked_stats *st, struct rule_ctx *rc, CXCursor call)
{
    char callee[RULE_UNCHECKED_NAME_MAX];

    if (st == NULL || st->lost)
        return;
    rule_callee_name(call, callee, sizeof(callee));
    if (callee[0] == '\0' || !us_follows(st, rc, call, callee))
        return;
    if (us_count(st, rc, call, callee, !rule_libc_result_is_length(callee)) != 0)
        st->lost = 1;
}

static void us_drop(struct rule_unchecked_stats *st, size_t i)
{
    st->pending[i] = st->pending[--st->n_pending];
}

void rule_unchecked_stats_ref(struct rule_unchecked_stats *st, struct rule_ctx *rc, CXCursor ref)
{
    CXCursor var = clang_getNullCursor();
    enum us_use use;
    size_t i;

    if (st == NULL || st->n_pending == 0)
        return;
    i = us_pending_find(st, clang_getCursorReferenced(ref));
    if (i == st->n_pending)
        return;
    use = us_checked(us_classify(rc, ref, &var), st->pending[i].status);
    if (use == US_CHECKED)
        us_add_checked(&st->callees[st->pending[i].callee], st->pending[i].call);
    if (use == US_CHECKED || use == US_OVERWRITTEN)
        us_drop(st, i);
    else if (use == US_STORED)
        st->pending[i].var = var; /* `int r = rc;`: the copy carries the result on */
}

/* Nonzero when the unit checks c's results often enough that a discarded one is a slip. */
static int us_deviant(const struct rule_unchecked_policy *policy,
                      const struct rule_unchecked_callee *c)
{
    unsigned long counted = (unsigned long)c->checked + c->n_discarded;

    if (c->n_discarded == 0 || policy->min_checked < 1 || (long)c->checked < policy->min_checked)
        return 0;
    if (policy->min_percent <= 0)
        return 1;
    return 100ul * c->checked >= (unsigned long)policy->min_percent * counted;
}

void rule_unchecked_stats_report(const struct rule_unchecked_stats *st, struct rule_ctx *rc)
{
    if (st == NULL || st->lost)
        return;
    for (size_t i = 0; i < st->n_callees; i++) {
        const struct rule_unchecked_callee *c = &st->callees[i];
        if (us_deviant(&st->policy, c))
            rule_nullflow_report_deviant(rc, c, rule_libc_must_check(c->name, 1));
    }
}
