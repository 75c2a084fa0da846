/* security-buffer-overflow: writes past the end of an object whose size is known: copies
 * (memcpy, strncpy, snprintf, fgets, read, strcpy/strcat of a string of known length) and
 * indexed writes (constant indexes, for-loop bounds) larger than the array, local buffer or
 * allocation a pointer designates; allocations sized by the pointer or without room for
 * the terminator; indexes and lengths from direct untrusted input with no upper bound.
 * Buffer sizes and string lengths also cross files (support/bo_cross.h).
 * Known gaps: sizes follow the function in walk order (a write in one branch reaches code
 * after the if), cross calls within a file only into helpers defined above the call, and
 * not while loops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/bo_check.h"
#include "rules/support/bo_facts.h"
#include "rules/support/bo_cross.h"
#include "rules/support/exprkey.h"
#include "rules/support/intrange.h"

static int bo_is_pointer(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Pointer;
}

static int bo_is_integer(CXType t)
{
    struct rule_intrange_type it;

    return rule_intrange_type(&it, clang_getCanonicalType(t));
}

/* The callee name of expr when it is a call (through casts), else "". */
static const char *bo_call_name(CXCursor expr, char *buf, size_t size)
{
    CXCursor e = rule_exprkey_strip(expr);

    buf[0] = '\0';
    if (clang_getCursorKind(e) == CXCursor_CallExpr)
        rule_callee_name(e, buf, size);
    return buf;
}

/* Nonzero when size is 'sizeof var' or a product with such a factor. */
static int bo_sizeof_of_var(CXCursor size, CXCursor var)
{
    CXCursor e = rule_exprkey_strip(size);

    if (clang_getCursorKind(e) == CXCursor_BinaryOperator && ecg_opcode_of(e) == ECG_OP_MUL)
        return bo_sizeof_of_var(rule_bo_check_child(e, 0), var) ||
               bo_sizeof_of_var(rule_bo_check_child(e, 1), var);
    if (clang_getCursorKind(e) != CXCursor_UnaryExpr)
        return 0;
    return clang_equalCursors(rule_bo_facts_var(rule_bo_check_child(e, 0)), var);
}

/* The argument holding the size of a one-size allocation function, or -1. */
static int bo_alloc_size_arg(const char *callee)
{
    static const char *const one_size[] = { "malloc", "alloca", "__builtin_alloca" };

    if (strcmp(callee, "realloc") == 0)
        return 1;
    for (size_t i = 0; i < sizeof(one_size) / sizeof(one_size[0]); i++) {
        if (strcmp(callee, one_size[i]) == 0)
            return 0;
    }
    return -1;
}

/* p = malloc(sizeof p) with p pointing to something other than a pointer: the size of the
 * pointer was meant to be that of what it points to (CWE-131). */
static void bo_check_sizeof_pointer(struct rule_bo_use *u, CXCursor var, CXType type, CXCursor rhs)
{
    char name[64], callee[32];
    CXCursor call = rule_exprkey_strip(rhs);
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(type)));
    int arg = bo_alloc_size_arg(bo_call_name(rhs, callee, sizeof(callee)));

    if (arg < 0 || pointee.kind == CXType_Pointer || clang_Type_getSizeOf(pointee) <= 1)
        return;
    if (clang_Cursor_getNumArguments(call) <= arg ||
        !bo_sizeof_of_var(clang_Cursor_getArgument(call, (unsigned)arg), var))
        return;
    rule_cursor_name(var, name, sizeof(name));
    rule_report(u->rc, call,
                "'%s' allocates the size of the pointer '%s', not of what it points to; use "
                "'sizeof(*%s)'",
                callee, name, name);
}

static void bo_value_unknown(struct rule_bo_var *val)
{
    memset(val, 0, sizeof(*val));
    val->bytes = -1;
    val->slen = -1;
    val->filled = -1;
    val->origin = clang_getNullCursor();
    val->strlen_of = clang_getNullCursor();
    val->target = clang_getNullCursor();
    val->entry = clang_getNullCursor();
    val->xread = clang_getNullCursor();
}

/* p = malloc(strlen(s)): remembers s. */
static CXCursor bo_strlen_alloc_of(CXCursor rhs)
{
    CXCursor call = rule_exprkey_strip(rhs), size;
    char callee[32];

    if (strcmp(bo_call_name(call, callee, sizeof(callee)), "malloc") != 0 ||
        clang_Cursor_getNumArguments(call) != 1)
        return clang_getNullCursor();
    size = rule_exprkey_strip(clang_Cursor_getArgument(call, 0));
    if (strcmp(bo_call_name(size, callee, sizeof(callee)), "strlen") != 0 ||
        clang_Cursor_getNumArguments(size) != 1)
        return clang_getNullCursor();
    return rule_bo_facts_var(clang_Cursor_getArgument(size, 0));
}

/* A call of a function of the unit that returns a buffer or string it knows, or its
 * parameter (then the argument's size). */
static void bo_value_of_call(struct rule_bo_var *val, struct rule_bo_use *u, CXCursor call)
{
    const struct rule_bo_ret *r = rule_bo_summary_ret(&u->st->sums, call);
    CXCursor arg;

    if (r == NULL)
        return;
    if (r->bytes >= 0)
        val->bytes = r->bytes;
    if (r->slen >= 0)
        val->slen = r->slen;
    if (r->param < 0 || r->param >= clang_Cursor_getNumArguments(call))
        return;
    arg = clang_Cursor_getArgument(call, (unsigned)r->param);
    if (r->bytes < 0 &&
        !rule_bo_eval_bytes(&val->bytes, &val->origin, &u->st->facts, &u->path, arg))
        val->bytes = -1;
    val->entry = rule_bo_summary_entry(&u->st->facts, &u->path, arg);
}

/* The facts an expression gives the variable it is stored into. */
/* Nonzero when expr (as written) is a call to strlen or wcslen. */
static int bo_is_strlen_call(CXCursor expr)
{
    CXCursor call = rule_exprkey_strip(expr);
    char name[16];

    if (clang_getCursorKind(call) != CXCursor_CallExpr)
        return 0;
    rule_callee_name(call, name, sizeof(name));
    return strcmp(name, "strlen") == 0 || strcmp(name, "wcslen") == 0;
}

static void bo_value_of(struct rule_bo_var *val, struct rule_bo_use *u, CXType type, CXCursor rhs)
{
    const struct rule_bo_facts *f = &u->st->facts;
    CXCursor e = rule_exprkey_strip(rhs);

    bo_value_unknown(val);
    if (clang_Cursor_isNull(rhs))
        return;
    if (bo_is_integer(type)) {
        /* a length of a string from another unit: 'n = strlen(param)' */
        if (bo_is_strlen_call(rhs))
            rule_bo_cross_resolve(u, rhs);
        val->has_value = rule_bo_eval_int(&val->value, f, &u->path, rhs);
        return;
    }
    if (!rule_bo_eval_bytes(&val->bytes, &val->origin, f, &u->path, rhs))
        val->bytes = -1;
    if (!rule_bo_eval_slen(&val->slen, f, &u->path, rhs))
        val->slen = -1;
    if (clang_getCursorKind(e) == CXCursor_UnaryOperator && ecg_opcode_of(e) == ECG_OP_ADDROF)
        val->target = rule_bo_facts_var(rule_bo_check_child(e, 0));
    val->strlen_of = bo_strlen_alloc_of(rhs);
    val->entry = rule_bo_summary_entry(f, &u->path, rhs);
    if (clang_getCursorKind(e) == CXCursor_CallExpr)
        bo_value_of_call(val, u, e);
    rule_bo_cross_import(val, u, rhs);
}

static void bo_store(struct rule_bo_use *u, CXCursor var, CXType type, CXCursor rhs)
{
    struct rule_bo_var val;
    CXCursor call = rule_exprkey_strip(rhs);

    /* the call's arguments leave the unit as they are before the store */
    if (clang_getCursorKind(call) == CXCursor_CallExpr)
        rule_bo_cross_export_call(u, call);

    bo_value_of(&val, u, type, rhs);
    if (clang_getCanonicalType(type).kind == CXType_ConstantArray) {
        val.bytes = -1;
        val.origin = var;
    }
    rule_bo_facts_assign(&u->st->facts, var, &u->path, &val);
    if (bo_is_pointer(type) && !clang_Cursor_isNull(rhs))
        bo_check_sizeof_pointer(u, var, type, rhs);
}

static void bo_on_decl(struct rule_ctx *rc, CXCursor decl)
{
    struct rule_bo_use u;

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    rule_bo_check_use_init(&u, rc, decl);
    bo_store(&u, clang_getCanonicalCursor(decl), clang_getCursorType(decl),
             clang_Cursor_getVarDeclInitializer(decl));
}

/* What storing c (-1: not known) at index k (-1: not known) does to the string in v. */
static void bo_terminate(struct rule_bo_var *v, long long k, long long c)
{
    if (k < 0) {
        v->slen = -1;
        v->filled = -1;
        return;
    }
    if (c == 0 && (k == 0 || v->filled >= k))
        v->slen = k;
    else if (c == 0 || (v->slen >= 0 && k <= v->slen))
        v->slen = -1;
}

/* x[k] = '\0' ends the string in x at k, when x's first k elements are known to be set. */
static void bo_store_element(struct rule_bo_use *u, CXCursor sub, CXCursor rhs)
{
    CXCursor var = rule_bo_facts_var(rule_bo_check_child(sub, 0));
    long long k, c;
    struct rule_bo_var *v;

    if (clang_Cursor_isNull(var))
        return;
    v = rule_bo_facts_get(&u->st->facts, var);
    if (v == NULL)
        return;
    if (!rule_bo_eval_int(&k, &u->st->facts, &u->path, rule_bo_check_child(sub, 1)) || k < 0)
        k = -1;
    if (!rule_bo_eval_int(&c, &u->st->facts, &u->path, rhs))
        c = -1;
    bo_terminate(v, k, c);
}

static void bo_on_assign(struct rule_ctx *rc, CXCursor op)
{
    CXCursor lhs = rule_exprkey_strip(rule_bo_check_child(op, 0));
    CXCursor rhs = rule_bo_check_child(op, 1);
    struct rule_bo_use u;
    CXCursor var;
    const struct rule_bo_var *ptr;

    if (clang_Cursor_isNull(rule_function(rc)) || ecg_opcode_of(op) != ECG_OP_ASSIGN)
        return;
    rule_bo_check_use_init(&u, rc, op);
    if (clang_getCursorKind(lhs) == CXCursor_ArraySubscriptExpr) {
        bo_store_element(&u, lhs, rhs);
        return;
    }
    var = rule_bo_facts_var(lhs);
    if (clang_getCursorKind(lhs) == CXCursor_UnaryOperator && ecg_opcode_of(lhs) == ECG_OP_DEREF) {
        ptr = rule_bo_facts_read(&u.st->facts, rule_bo_facts_var(rule_bo_check_child(lhs, 0)),
                                 &u.path);
        var = ptr != NULL ? ptr->target : clang_getNullCursor();
    }
    if (clang_Cursor_isNull(var))
        return;
    rule_bo_cross_export_global(&u, var, op, rhs);
    bo_store(&u, var, clang_getCursorType(var), rhs);
}

/* Nonzero when the cursor the walk is at is an argument of a call, through casts and
 * parentheses. */
static int bo_is_call_argument(struct rule_ctx *rc)
{
    for (size_t up = 0; up < 8; up++) {
        enum CXCursorKind kind = clang_getCursorKind(rule_ancestor(rc, up));

        if (kind == CXCursor_CallExpr)
            return 1;
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_CStyleCastExpr &&
            kind != CXCursor_ParenExpr)
            return 0;
    }
    return 0;
}

/* ++, --, += and &x passed to a call change a variable in ways not followed. */
static void bo_on_change(struct rule_ctx *rc, CXCursor op)
{
    enum ecg_op kind = ecg_opcode_of(op);
    CXCursor var = rule_bo_facts_var(rule_bo_check_child(op, 0));
    struct rule_bo_unit *st = rule_state(rc);
    int changes =
        clang_getCursorKind(op) == CXCursor_CompoundAssignOperator || rule_bo_check_is_incdec(kind);

    if (clang_Cursor_isNull(var) || clang_Cursor_isNull(rule_function(rc)))
        return;
    if (kind == ECG_OP_ADDROF && bo_is_call_argument(rc))
        changes = 1;
    if (changes)
        rule_bo_facts_forget(&st->facts, var);
}

static void bo_on_return(struct rule_ctx *rc, CXCursor ret)
{
    struct rule_bo_use u;

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    rule_bo_check_use_init(&u, rc, ret);
    rule_bo_summary_on_return(&u.st->sums, &u.st->facts, &u.path, rule_bo_check_child(ret, 0));
    rule_bo_cross_export_return(&u, ret, rule_bo_check_child(ret, 0));
}

/* A call or a subscript inside a function: a write to check. */
static void bo_on_write(struct rule_ctx *rc, CXCursor c)
{
    struct rule_bo_use u;

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    rule_bo_check_use_init(&u, rc, c);
    if (clang_getCursorKind(c) == CXCursor_CallExpr) {
        if (clang_Cursor_isNull(rule_bo_check_result_var(&u)))
            rule_bo_cross_export_call(&u, c);
        rule_bo_check_call(&u, c);
    } else
        rule_bo_check_subscript(&u, c);
}

static void bo_on_cursor(struct rule_ctx *rc, CXCursor c)
{

    switch (clang_getCursorKind(c)) {
    case CXCursor_VarDecl:
        bo_on_decl(rc, c);
        break;
    case CXCursor_BinaryOperator:
        bo_on_assign(rc, c);
        break;
    case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator:
        bo_on_change(rc, c);
        break;
    case CXCursor_ReturnStmt:
        bo_on_return(rc, c);
        break;
    case CXCursor_CallExpr:
    case CXCursor_ArraySubscriptExpr:
        bo_on_write(rc, c);
        break;
    default:
        break;
    }
}

static void bo_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct rule_bo_unit *st = rule_state(rc);

    (void)fn;
    rule_bo_facts_reset(&st->facts);
    rule_bo_summary_begin(&st->sums);
}

static void bo_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct rule_bo_unit *st = rule_state(rc);

    rule_bo_summary_leave(&st->sums, fn);
}

/* The sized write a flow ends at, when the walk recorded one for its sink and argument. */
static struct rule_bo_site *bo_site_of(struct rule_bo_unit *st, const struct ecg_taint_flow *flow)
{
    unsigned want = flow->category == ECG_TAINT_INDEX ? RULE_BO_SUBSCRIPT : flow->arg;

    for (size_t i = 0; i < st->n_sites; i++) {
        if (st->sites[i].count == want && rule_bo_facts_same(st->sites[i].at, flow->sink))
            return &st->sites[i];
    }
    return NULL;
}

/* Sources an attacker controls directly. Data from files and descriptors is left out: the
 * engine follows it deep into the structures a program parses it into (a database page, a
 * configuration), where bounds are kept as invariants this rule cannot see. */
static int bo_source_direct(enum ecg_taint_source_kind kind)
{
    return kind != ECG_TAINT_FROM_FILE && kind != ECG_TAINT_FROM_FD;
}

/* Nonzero when an index flow ends in a plain signed variable: a count from strlen or a
 * loop over a buffer (unsigned) is bounded by what it counts. */
static int bo_index_plain_signed(const struct ecg_taint_flow *flow)
{
    CXCursor idx = rule_exprkey_strip(rule_bo_check_child(flow->sink, 1));
    struct rule_intrange_type it;

    if (clang_getCursorKind(idx) != CXCursor_DeclRefExpr)
        return 0;
    return rule_intrange_type(&it, clang_getCanonicalType(clang_getCursorType(idx))) &&
           it.is_signed;
}

/* Nonzero when the flow's value can exceed the destination: no upper bound, or no lower
 * bound on a signed index. */
static int bo_flow_unbounded(const struct ecg_taint_flow *flow)
{
    if (!bo_source_direct(flow->source))
        return 0;
    if (flow->category == ECG_TAINT_INDEX && !bo_index_plain_signed(flow))
        return 0;
    if ((flow->bounds & ECG_TAINT_BOUND_UPPER) == 0)
        return 1;
    return flow->category == ECG_TAINT_INDEX && (flow->bounds & ECG_TAINT_BOUND_LOWER) == 0;
}

static void bo_report_flow(struct rule_ctx *rc, const struct ecg_taint_flow *flow,
                           const struct rule_bo_site *site)
{
    const char *from = ecg_taint_source_phrase(flow->source);
    const char *missing = (flow->bounds & ECG_TAINT_BOUND_UPPER) != 0 ? "below" : "above";
    struct ecg_finding *f;

    if (flow->category == ECG_TAINT_INDEX)
        f = rule_report(rc, flow->sink,
                        "index from %s is not checked %s before writing to an array of %lld "
                        "bytes; check it against the array size",
                        from, missing, site->bytes);
    else
        f = rule_report(rc, flow->sink,
                        "'%s' writes a length from %s, not checked against the destination's "
                        "%lld bytes",
                        flow->sink_name, from, site->bytes);
    rule_add_flow_steps(rc, f, flow);
}

static void bo_on_unit_end(struct rule_ctx *rc)
{
    const struct ecg_taint_flows *flows = rule_taint_flows(rc);
    struct rule_bo_unit *st = rule_state(rc);

    for (size_t i = 0; flows != NULL && i < flows->len; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        struct rule_bo_site *site;

        if (flow->category != ECG_TAINT_INDEX && flow->category != ECG_TAINT_SIZE)
            continue;
        site = bo_site_of(st, flow);
        if (site == NULL || site->reported || !bo_flow_unbounded(flow))
            continue;
        site->reported = 1;
        bo_report_flow(rc, flow, site);
    }
}

static void bo_fini(void *state)
{
    rule_bo_check_unit_fini(state);
}

static const struct rule_option bo_options[] = {
    { "cross_unit", RULE_OPT_BOOL, "true",
      "follow buffer sizes and string lengths into other translation units of the run: finds "
      "overflows split over files, at the price of analysing again the units they reach",
      NULL },
};

const struct rule_desc rule_security_buffer_overflow = {
    .id = "security-buffer-overflow",
    .title = "Buffer overflow",
    .summary = "Flags writes that can run past the end of an array or allocation of known size.",
    .description = "Copies (memcpy, strncpy, snprintf, fgets, read, strcpy and strcat of a "
                   "string of known length), indexed writes with a constant index or a for "
                   "loop bound, allocations sized by the pointer instead of what it points to "
                   "or without room for the terminator, and indexes or lengths from untrusted "
                   "input without an upper bound, where the destination is an array, a local "
                   "buffer or an allocation whose size is known in the function (CWE-120, "
                   "CWE-121, CWE-122, CWE-787, CWE-129, CWE-131).",
    .tags = "security",
    .precision = "high",
    .security_severity = "8.8",
    .cwe = { 787, 120, 121, 122, 129, 131 },
    .level = ECG_LEVEL_ERROR,
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_INDEX) | ECG_TAINT_MASK(ECG_TAINT_SIZE),
    .needs_xvalue = 1,
    .options = bo_options,
    .n_options = sizeof(bo_options) / sizeof(bo_options[0]),
    .state_size = sizeof(struct rule_bo_unit),
    .kinds = { CXCursor_VarDecl, CXCursor_BinaryOperator, CXCursor_CompoundAssignOperator,
               CXCursor_UnaryOperator, CXCursor_CallExpr, CXCursor_ArraySubscriptExpr,
               CXCursor_ReturnStmt },
    .on_cursor = bo_on_cursor,
    .on_function_enter = bo_on_function_enter,
    .on_function_leave = bo_on_function_leave,
    .on_unit_end = bo_on_unit_end,
    .state_fini = bo_fini,
};
