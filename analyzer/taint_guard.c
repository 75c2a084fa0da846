/* Sanitizers on branch edges, and constant conditions. A comparison of a location with an
 * untainted value or a constant's quotient (`LIMIT / b`) bounds the location on the edge
 * where it holds (`n < MAX` true: an upper bound; false: a lower one; `n != 0` or a bare `n`
 * true: a lower one); equality with it, or strcmp() == 0 with an untainted string (an
 * allow-list), cleans it. A condition built only from literals, enumerators, sizeof, globals
 * the unit never changes and functions that return one constant has one value, and its
 * other edge is never taken (the flow variants of the Juliet suite). */
#include <stdlib.h>
#include <string.h>

#include "analyzer/taint_int.h"

#define CONST_NODES_MAX 256 /* a condition larger than this is not evaluated */

static const struct taint_cell clean_cell = { 0, 0, TAINT_BOUNDS_ALL };

static struct taint_cell val(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? fa->val[node - fa->root] : clean_cell;
}

static void add_guard(struct taint_fa *fa, uint32_t loc, uint32_t region, uint8_t effect)
{
    if (loc == TNONE && region == TNONE)
        return;
    if (fa->n_guards == fa->guards_cap) {
        size_t cap = fa->guards_cap != 0 ? fa->guards_cap * 2 : 8;
        struct taint_guard *grown = realloc(fa->guards, cap * sizeof(*grown));
        if (grown == NULL) {
            fa->failed = 1;
            return;
        }
        fa->guards = grown;
        fa->guards_cap = cap;
    }
    fa->guards[fa->n_guards++] = (struct taint_guard){ loc, region, effect };
}

/* The location an operand names (a variable or a field of one), through casts. */
static uint32_t operand_loc(const struct taint_fa *fa, uint32_t node)
{
    node = ecg_fir_strip(fa->t->fir, node);
    while (ecg_fir_kind(fa->t->fir, node) == CXCursor_CStyleCastExpr)
        node = ecg_fir_strip(fa->t->fir, ecg_fir_last_child(fa->t->fir, node));
    /* buf[0] == '|' says something of one element, not of the whole buffer */
    if (!ecg_taint_eval_whole(fa, node))
        return TNONE;
    return fa->lv[node - fa->root];
}

static int is_zero(const struct taint_fa *fa, uint32_t node)
{
    CXEvalResult r;
    int zero;

    node = ecg_fir_strip(fa->t->fir, node);
    if (ecg_fir_kind(fa->t->fir, node) != CXCursor_IntegerLiteral)
        return 0;
    r = clang_Cursor_Evaluate(fa->t->fir->nodes[node].cursor);
    zero = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int &&
           clang_EvalResult_getAsLongLong(r) == 0;
    if (r != NULL)
        clang_EvalResult_dispose(r);
    return zero;
}

/* strcmp(a, b) on the edge where it returned 0: whichever argument is compared with an
 * untainted string is clean. */
static void guard_equal_strings(struct taint_fa *fa, uint32_t call)
{
    uint32_t callee = ecg_fir_first_child(fa->t->fir, call);
    uint32_t a = callee != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, callee) : ECG_FIR_NONE;
    uint32_t b = a != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, a) : ECG_FIR_NONE;
    struct taint_cell va, vb;

    if (b == ECG_FIR_NONE)
        return;
    va = ecg_taint_eval_deep(fa, fa->work, a);
    vb = ecg_taint_eval_deep(fa, fa->work, b);
    if (!cell_tainted(&vb))
        add_guard(fa, operand_loc(fa, a), fa->pt[a - fa->root], GUARD_CLEAN);
    if (!cell_tainted(&va))
        add_guard(fa, operand_loc(fa, b), fa->pt[b - fa->root], GUARD_CLEAN);
}

static int is_compare_call(const struct taint_fa *fa, uint32_t node)
{
    const struct taint_callee *c;

    if (ecg_fir_kind(fa->t->fir, node) != CXCursor_CallExpr)
        return 0;
    c = ecg_taint_facts_callee(fa->t, node);
    return c != NULL && c->spec != NULL && c->spec->compare;
}

/* "x op y" holds on this edge (or not): the effect on x. */
static uint8_t bound_effect(enum ecg_op op, int holds)
{
    static const uint8_t when_true[] = {
        [ECG_OP_EQ] = GUARD_CLEAN,           [ECG_OP_NE] = 0,
        [ECG_OP_LT] = ECG_TAINT_BOUND_UPPER, [ECG_OP_LE] = ECG_TAINT_BOUND_UPPER,
        [ECG_OP_GT] = ECG_TAINT_BOUND_LOWER, [ECG_OP_GE] = ECG_TAINT_BOUND_LOWER,
    };
    static const uint8_t when_false[] = {
        [ECG_OP_EQ] = 0,
        [ECG_OP_NE] = GUARD_CLEAN,
        [ECG_OP_LT] = ECG_TAINT_BOUND_LOWER,
        [ECG_OP_LE] = ECG_TAINT_BOUND_LOWER,
        [ECG_OP_GT] = ECG_TAINT_BOUND_UPPER,
        [ECG_OP_GE] = ECG_TAINT_BOUND_UPPER,
    };

    if (!ecg_opcode_is_comparison(op))
        return 0;
    return holds ? when_true[op] : when_false[op];
}

/* The argument x of abs(x), labs(x), llabs(x) or imaxabs(x) an operand is (through casts), or
 * ECG_FIR_NONE. */
static uint32_t abs_operand(const struct taint_fa *fa, uint32_t node)
{
    const struct taint_callee *c;

    node = ecg_fir_strip(fa->t->fir, node);
    while (ecg_fir_kind(fa->t->fir, node) == CXCursor_CStyleCastExpr)
        node = ecg_fir_strip(fa->t->fir, ecg_fir_last_child(fa->t->fir, node));
    if (ecg_fir_kind(fa->t->fir, node) != CXCursor_CallExpr ||
        ecg_fir_child_count(fa->t->fir, node) != 2)
        return ECG_FIR_NONE;
    c = ecg_taint_facts_callee(fa->t, node);
    if (c == NULL || (strcmp(c->name, "abs") != 0 && strcmp(c->name, "labs") != 0 &&
                      strcmp(c->name, "llabs") != 0 && strcmp(c->name, "imaxabs") != 0))
        return ECG_FIR_NONE;
    return ecg_fir_child(fa->t->fir, node, 1);
}

struct kval {
    long long v;
    int known;
};

static struct kval evaluate(CXCursor c)
{
    CXEvalResult r = clang_Cursor_Evaluate(c);
    struct kval k = { 0, 0 };

    if (r != NULL && clang_EvalResult_getKind(r) == CXEval_Int) {
        k.v = clang_EvalResult_getAsLongLong(r);
        k.known = 1;
    }
    if (r != NULL)
        clang_EvalResult_dispose(r);
    return k;
}

/* `LIMIT / b`: at most LIMIT whatever b holds, so it bounds like a constant (the check
 * `if (a > LIMIT / b)` that keeps `a * b` in range). */
static int is_constant_quotient(const struct taint_fa *fa, uint32_t node)
{
    uint32_t lhs;

    node = ecg_fir_strip(fa->t->fir, node);
    if (ecg_fir_kind(fa->t->fir, node) != CXCursor_BinaryOperator ||
        (enum ecg_op)fa->t->facts[node].op != ECG_OP_DIV)
        return 0;
    lhs = ecg_fir_strip(fa->t->fir, ecg_fir_first_child(fa->t->fir, node));
    while (ecg_fir_kind(fa->t->fir, lhs) == CXCursor_CStyleCastExpr)
        lhs = ecg_fir_strip(fa->t->fir, ecg_fir_last_child(fa->t->fir, lhs));
    return ecg_fir_kind(fa->t->fir, lhs) == CXCursor_IntegerLiteral;
}

/* One side of a comparison against an untainted other side, or a constant's quotient. */
static void guard_side(struct taint_fa *fa, uint32_t side, uint32_t other, enum ecg_op op,
                       int holds)
{
    struct taint_cell o = val(fa, other);
    uint8_t effect = bound_effect(op, holds);
    uint32_t loc;

    uint32_t magnitude = abs_operand(fa, side);

    if (effect == 0 || (cell_tainted(&o) && !is_constant_quotient(fa, other)))
        return;
    if (magnitude != ECG_FIR_NONE) {
        /* |x| <= k bounds x both ways; |x| >= k says nothing useful */
        if (effect == ECG_TAINT_BOUND_UPPER)
            add_guard(fa, operand_loc(fa, magnitude), TNONE, TAINT_BOUNDS_ALL);
        return;
    }
    loc = operand_loc(fa, side);
    if (effect != GUARD_CLEAN && !tclass_is_int(ecg_taint_facts_tclass(fa->t, side)))
        return;
    add_guard(fa, loc, TNONE, effect);
}

/* `strcmp(a, b) == 0` and the like: nonzero when cond is one (then handled). */
static int guard_strcmp_result(struct taint_fa *fa, uint32_t l, uint32_t r, enum ecg_op op,
                               int holds)
{
    uint32_t call, other;

    if (op != ECG_OP_EQ && op != ECG_OP_NE)
        return 0;
    call = is_compare_call(fa, l) ? l : r;
    other = call == l ? r : l;
    if (!is_compare_call(fa, call))
        return 0;
    if (is_zero(fa, other) && holds == (op == ECG_OP_EQ))
        guard_equal_strings(fa, call);
    return 1;
}

/* `n != 0` where it holds, `n == 0` where it fails: a count or length of at least 1, so a
 * lower bound for an integer n (what `n - 1` and `n--` need). */
static void guard_nonzero(struct taint_fa *fa, uint32_t side, uint32_t other, enum ecg_op op,
                          int holds)
{
    if (!((op == ECG_OP_NE && holds) || (op == ECG_OP_EQ && !holds)) || !is_zero(fa, other) ||
        !tclass_is_int(ecg_taint_facts_tclass(fa->t, side)))
        return;
    add_guard(fa, operand_loc(fa, side), TNONE, ECG_TAINT_BOUND_LOWER);
}

static void guard_comparison(struct taint_fa *fa, uint32_t cond, int holds)
{
    enum ecg_op op = (enum ecg_op)fa->t->facts[cond].op;
    uint32_t lhs = ecg_fir_first_child(fa->t->fir, cond);
    uint32_t rhs = lhs != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, lhs) : ECG_FIR_NONE;

    if (!ecg_opcode_is_comparison(op) || rhs == ECG_FIR_NONE)
        return;
    if (guard_strcmp_result(fa, ecg_fir_strip(fa->t->fir, lhs), ecg_fir_strip(fa->t->fir, rhs), op,
                            holds))
        return;
    guard_side(fa, lhs, rhs, op, holds);
    guard_side(fa, rhs, lhs, ecg_opcode_mirror(op), holds);
    guard_nonzero(fa, lhs, rhs, op, holds);
    guard_nonzero(fa, rhs, lhs, op, holds);
}

void ecg_taint_guard_collect(struct taint_fa *fa, uint32_t cond, enum ecg_cfg_edge_kind kind)
{
    int holds = kind == ECG_CFG_TRUE;

    fa->n_guards = 0;
    if (cond == ECG_FIR_NONE || (kind != ECG_CFG_TRUE && kind != ECG_CFG_FALSE))
        return;
    cond = ecg_fir_strip(fa->t->fir, cond);
    if (is_compare_call(fa, cond)) {
        if (!holds)
            guard_equal_strings(fa, cond);
        return;
    }
    if (ecg_fir_kind(fa->t->fir, cond) == CXCursor_BinaryOperator)
        guard_comparison(fa, cond, holds);
    else if (holds && tclass_is_int(ecg_taint_facts_tclass(fa->t, cond)))
        /* `while (len && ...)`: len is nonzero there */
        add_guard(fa, operand_loc(fa, cond), TNONE, ECG_TAINT_BOUND_LOWER);
}

/* --- constant conditions --------------------------------------------------------------- */

/* The integer literal a return statement returns. */
static struct kval return_literal(const struct ecg_taint *t, uint32_t ret)
{
    uint32_t value = ecg_fir_first_child(t->fir, ret);

    if (value == ECG_FIR_NONE)
        return (struct kval){ 0, 0 };
    value = ecg_fir_strip(t->fir, value);
    if (ecg_fir_kind(t->fir, value) != CXCursor_IntegerLiteral)
        return (struct kval){ 0, 0 };
    return evaluate(t->fir->nodes[value].cursor);
}

int ecg_taint_const_ret(long long *out, struct ecg_taint *t, uint32_t fn)
{
    struct taint_fn *f = &t->fns[fn];
    uint32_t end = t->fir->nodes[f->node].end;
    int seen = 0;

    for (uint32_t n = f->node + 1; n < end && f->const_ret < 0; n++) {
        struct kval k;
        if (ecg_fir_kind(t->fir, n) != CXCursor_ReturnStmt)
            continue;
        k = return_literal(t, n);
        if (!k.known || (seen && k.v != f->const_value))
            f->const_ret = 0;
        f->const_value = k.v;
        seen = 1;
    }
    if (f->const_ret < 0)
        f->const_ret = (int8_t)seen;
    *out = f->const_value;
    return f->const_ret == 1;
}

/* Nonzero when node may take another value each time: a local variable, an assignment, a
 * call to a function not defined in the unit. */
static int may_vary(const struct taint_fa *fa, uint32_t n)
{
    const struct taint_fact *f = &fa->t->facts[n];
    enum CXCursorKind kind = ecg_fir_kind(fa->t->fir, n);

    if (kind == CXCursor_DeclRefExpr && f->what == TF_VAR)
        return f->ref == TNONE || fa->t->vars[f->ref].function != TNONE;
    if (kind == CXCursor_CallExpr)
        return f->what != TF_CALL || f->ref == TNONE || fa->t->callees[f->ref].function == TNONE;
    return kind == CXCursor_CompoundAssignOperator ||
           (kind == CXCursor_BinaryOperator && f->op == ECG_OP_ASSIGN);
}

/* Nonzero when nothing in the subtree [cond, end) can vary. */
static int may_be_constant(const struct taint_fa *fa, uint32_t cond, uint32_t end)
{
    for (uint32_t n = cond; n < end; n++) {
        if (may_vary(fa, n))
            return 0;
    }
    return 1;
}

static struct kval unary_value(enum ecg_op op, struct kval a)
{
    if (!a.known)
        return a;
    if (op == ECG_OP_NOT)
        a.v = !a.v;
    else if (op == ECG_OP_MINUS)
        a.v = -a.v;
    else if (op == ECG_OP_BITNOT)
        a.v = ~a.v;
    else if (op != ECG_OP_PLUS)
        a.known = 0;
    return a;
}

static struct kval compare_value(enum ecg_op op, long long a, long long b)
{
    struct kval k = { 0, 1 };

    switch (op) {
    case ECG_OP_EQ:
        k.v = a == b;
        break;
    case ECG_OP_NE:
        k.v = a != b;
        break;
    case ECG_OP_LT:
        k.v = a < b;
        break;
    case ECG_OP_LE:
        k.v = a <= b;
        break;
    case ECG_OP_GT:
        k.v = a > b;
        break;
    default:
        k.v = a >= b;
        break;
    }
    return k;
}

/* && and ||, which one known operand may decide. */
static struct kval logic_value(enum ecg_op op, struct kval a, struct kval b)
{
    int and = op == ECG_OP_LAND;

    if ((a.known && (a.v != 0) != and) || (b.known && (b.v != 0) != and))
        return (struct kval){ !and, 1 };
    if (!a.known || !b.known)
        return (struct kval){ 0, 0 };
    return (struct kval){ and, 1 };
}

static struct kval binary_value(enum ecg_op op, struct kval a, struct kval b)
{
    unsigned long long x = (unsigned long long)a.v, y = (unsigned long long)b.v;

    if (op == ECG_OP_LAND || op == ECG_OP_LOR)
        return logic_value(op, a, b);
    if (!a.known || !b.known)
        return (struct kval){ 0, 0 };
    if (ecg_opcode_is_comparison(op))
        return compare_value(op, a.v, b.v);
    if (op == ECG_OP_ADD || op == ECG_OP_SUB)
        return (struct kval){ (long long)(op == ECG_OP_ADD ? x + y : x - y), 1 };
    return (struct kval){ 0, 0 };
}

static struct kval ref_value(struct taint_fa *fa, uint32_t n)
{
    const struct taint_fact *f = &fa->t->facts[n];
    struct kval k = { 0, 0 };

    if (f->what == TF_ENUM)
        return evaluate(fa->t->fir->nodes[n].cursor);
    if (f->what == TF_VAR && f->ref != TNONE)
        k.known = ecg_taint_facts_global_const(&k.v, fa->t, f->ref);
    return k;
}

static struct kval call_value(struct taint_fa *fa, uint32_t n)
{
    const struct taint_callee *c = ecg_taint_facts_callee(fa->t, n);
    struct kval k = { 0, 0 };

    if (c != NULL && c->function != TNONE && ecg_fir_child_count(fa->t->fir, n) == 1)
        k.known = ecg_taint_const_ret(&k.v, fa->t, c->function);
    return k;
}

typedef struct kval (*value_rule)(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                                  uint32_t base);

static struct kval literal_rule(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                                uint32_t base)
{
    (void)vals;
    (void)base;
    return evaluate(fa->t->fir->nodes[n].cursor);
}

static struct kval ref_rule(struct taint_fa *fa, uint32_t n, const struct kval *vals, uint32_t base)
{
    (void)vals;
    (void)base;
    return ref_value(fa, n);
}

static struct kval call_rule(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                             uint32_t base)
{
    (void)vals;
    (void)base;
    return call_value(fa, n);
}

/* Parentheses and casts: the value of their one operand. */
static struct kval pass_rule(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                             uint32_t base)
{
    uint32_t last = ecg_fir_last_child(fa->t->fir, n);
    uint32_t first = ecg_fir_first_child(fa->t->fir, n);

    if (last == ECG_FIR_NONE ||
        (first != last && ecg_fir_kind(fa->t->fir, n) != CXCursor_CStyleCastExpr))
        return (struct kval){ 0, 0 };
    return vals[last - base];
}

static struct kval unary_rule(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                              uint32_t base)
{
    uint32_t a = ecg_fir_first_child(fa->t->fir, n);

    if (a == ECG_FIR_NONE)
        return (struct kval){ 0, 0 };
    return unary_value((enum ecg_op)fa->t->facts[n].op, vals[a - base]);
}

static struct kval binary_rule(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                               uint32_t base)
{
    uint32_t a = ecg_fir_first_child(fa->t->fir, n);
    uint32_t b = a != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, a) : ECG_FIR_NONE;

    if (b == ECG_FIR_NONE)
        return (struct kval){ 0, 0 };
    return binary_value((enum ecg_op)fa->t->facts[n].op, vals[a - base], vals[b - base]);
}

static const value_rule value_rules[CXCursor_LastExpr + 1] = {
    [CXCursor_IntegerLiteral] = literal_rule, [CXCursor_CharacterLiteral] = literal_rule,
    [CXCursor_UnaryExpr] = literal_rule,      [CXCursor_DeclRefExpr] = ref_rule,
    [CXCursor_CallExpr] = call_rule,          [CXCursor_ParenExpr] = pass_rule,
    [CXCursor_UnexposedExpr] = pass_rule,     [CXCursor_CStyleCastExpr] = pass_rule,
    [CXCursor_UnaryOperator] = unary_rule,    [CXCursor_BinaryOperator] = binary_rule,
};

static struct kval node_value(struct taint_fa *fa, uint32_t n, const struct kval *vals,
                              uint32_t base)
{
    enum CXCursorKind kind = ecg_fir_kind(fa->t->fir, n);

    if ((unsigned)kind > CXCursor_LastExpr || value_rules[kind] == NULL)
        return (struct kval){ 0, 0 };
    return value_rules[kind](fa, n, vals, base);
}

int ecg_taint_guard_const(long long *out, struct taint_fa *fa, uint32_t cond)
{
    struct kval vals[CONST_NODES_MAX];
    uint32_t end;

    if (cond == ECG_FIR_NONE)
        return 0;
    end = fa->t->fir->nodes[cond].end;
    if (end - cond > CONST_NODES_MAX || !may_be_constant(fa, cond, end))
        return 0;
    for (uint32_t n = end; n-- > cond;)
        vals[n - cond] = node_value(fa, n, vals, cond);
    if (!vals[0].known)
        return 0;
    *out = vals[0].v;
    return 1;
}
