/* The transfer of one CFG element: the value of an expression from its operands' values
 * (already computed, the CFG lists operands first) and the locations it reads or writes
 * (from the points-to pass). Reading through a pointer joins the pointer's own taint:
 * a tainted pointer is taken to point to tainted data. Calls are in taint_call.c. */
#include <string.h>

#include "analyzer/taint_int.h"

static const struct taint_cell clean_cell = { 0, 0, TAINT_BOUNDS_ALL };

static struct taint_cell val(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? fa->val[node - fa->root] : clean_cell;
}

static void set_val(struct taint_fa *fa, uint32_t node, struct taint_cell v)
{
    fa->val[node - fa->root] = cell_tainted(&v) ? v : clean_cell;
}

static uint32_t lv(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? fa->lv[node - fa->root] : TNONE;
}

static uint32_t pt(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? fa->pt[node - fa->root] : TNONE;
}

static struct taint_cell join(struct taint_fa *fa, struct taint_cell a, struct taint_cell b)
{
    ecg_taint_cell_join(&a, &b, fa->mode);
    return a;
}

static uint32_t first(const struct taint_fa *fa, uint32_t node)
{
    return ecg_fir_first_child(fa->t->fir, node);
}

static uint32_t next(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, node) : ECG_FIR_NONE;
}

/* A location and the locations of its fields. */
static struct taint_cell read_with_fields(struct taint_fa *fa, struct taint_cell *state,
                                          uint32_t loc, uint32_t node)
{
    struct taint_cell v = ecg_taint_flow_read(fa, state, loc, node);

    for (uint32_t f = loc != TNONE ? fa->locs[loc].first_field : TNONE; f != TNONE;
         f = fa->locs[f].next_field)
        v = join(fa, v, ecg_taint_flow_read(fa, state, f, node));
    return v;
}

struct taint_cell ecg_taint_eval_deep(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    struct taint_cell v = val(fa, node);
    uint8_t tc;
    uint32_t loc = pt(fa, node);

    if (node == ECG_FIR_NONE || loc == TNONE)
        return v;
    tc = ecg_taint_facts_tclass(fa->t, node);
    if (!tclass_is_pointer(tc))
        return v;
    v = join(fa, v, read_with_fields(fa, state, loc, node));
    if ((tc == TC_PTR2 || tc == TC_ARRAYP) && fa->locs[loc].pointee != TNONE)
        v = join(fa, v, read_with_fields(fa, state, fa->locs[loc].pointee, node));
    return v;
}

int ecg_taint_eval_whole(const struct taint_fa *fa, uint32_t node)
{
    const struct ecg_fir *fir = fa->t->fir;

    for (unsigned depth = 0; node != ECG_FIR_NONE && depth < TAINT_FIELD_DEPTH + 1; depth++) {
        enum CXCursorKind kind;
        node = ecg_fir_strip(fir, node);
        kind = ecg_fir_kind(fir, node);
        if (kind == CXCursor_DeclRefExpr)
            return 1;
        if (kind != CXCursor_MemberRefExpr)
            return 0;
        node = ecg_fir_first_child(fir, node);
    }
    return 0;
}

/* --- element rules -------------------------------------------------------------------- */

static void on_ref(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    if (fa->t->facts[node].what == TF_VAR)
        set_val(fa, node, ecg_taint_flow_read(fa, state, lv(fa, node), node));
}

/* a.f, p->f, p[i], *p: the location, with the base's own taint; a field also holds what
 * was written to its struct as a whole. */
static void on_access(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    uint32_t base = first(fa, node);
    uint32_t loc = lv(fa, node);
    struct taint_cell v = ecg_taint_flow_read(fa, state, loc, node);
    enum CXCursorKind kind = ecg_fir_kind(fa->t->fir, node);

    if (kind == CXCursor_MemberRefExpr && loc != TNONE && fa->locs[loc].parent != TNONE)
        v = join(fa, v, ecg_taint_flow_read(fa, state, fa->locs[loc].parent, node));

    if (kind == CXCursor_ArraySubscriptExpr) {
        uint32_t index = next(fa, base);
        if (!tclass_is_pointer(ecg_taint_facts_tclass(fa->t, base))) {
            uint32_t swap = base;
            base = index;
            index = swap;
        }
        if ((fa->t->categories & ECG_TAINT_MASK(ECG_TAINT_INDEX)) != 0) {
            struct taint_cell i = val(fa, index);
            ecg_taint_record(fa, &i, node, 1, ECG_TAINT_INDEX, ECG_OP_UNKNOWN);
        }
    }
    set_val(fa, node, join(fa, v, val(fa, base)));
}

static int is_arith(enum ecg_op op)
{
    return op == ECG_OP_ADD || op == ECG_OP_SUB || op == ECG_OP_MUL || op == ECG_OP_PREINC ||
           op == ECG_OP_PREDEC || op == ECG_OP_POSTINC || op == ECG_OP_POSTDEC;
}

/* An integer operation that can overflow: a sink of ECG_TAINT_ARITH for each operand. */
static void arith_sink(struct taint_fa *fa, uint32_t node, enum ecg_op op, uint32_t a, uint32_t b)
{
    uint32_t operands[2] = { a, b };

    if (!is_arith(op) || (fa->t->categories & ECG_TAINT_MASK(ECG_TAINT_ARITH)) == 0 ||
        !tclass_is_int(ecg_taint_facts_tclass(fa->t, node)))
        return;
    for (unsigned i = 0; i < 2; i++) {
        struct taint_cell v = val(fa, operands[i]);
        if (operands[i] != ECG_FIR_NONE && cell_tainted(&v)) {
            ecg_taint_record(fa, &v, node, i, ECG_TAINT_ARITH, op);
            return;
        }
    }
}

static void on_unary(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    enum ecg_op op = (enum ecg_op)fa->t->facts[node].op;
    uint32_t child = first(fa, node);
    struct taint_cell v = val(fa, child);

    switch (op) {
    case ECG_OP_DEREF:
        on_access(fa, state, node);
        return;
    case ECG_OP_ADDROF:
    case ECG_OP_NOT:
        v = clean_cell;
        break;
    case ECG_OP_MINUS:
        v.bounds = (uint8_t)(((v.bounds & 1u) << 1) | ((v.bounds >> 1) & 1u));
        break;
    case ECG_OP_BITNOT:
        v.bounds = 0;
        break;
    default:
        arith_sink(fa, node, op, child, ECG_FIR_NONE);
        break;
    }
    set_val(fa, node, v);
}

/* The bounds of l op r: masking with or taking the remainder by an untainted value bounds
 * the result; division and right shifts keep the bounds; anything else loses them. */
static uint8_t combined_bounds(enum ecg_op op, const struct taint_cell *l,
                               const struct taint_cell *r, uint8_t joined)
{
    if (op == ECG_OP_AND && (!cell_tainted(l) || !cell_tainted(r)))
        return TAINT_BOUNDS_ALL;
    if (op == ECG_OP_REM && !cell_tainted(r))
        return TAINT_BOUNDS_ALL;
    return op == ECG_OP_DIV || op == ECG_OP_SHR ? joined : 0;
}

/* Arithmetic on two values; pointer arithmetic keeps the pointer's taint. */
static struct taint_cell combine(struct taint_fa *fa, enum ecg_op op, uint32_t lhs, uint32_t rhs)
{
    struct taint_cell l = val(fa, lhs), r = val(fa, rhs), v;
    int lp = tclass_is_pointer(ecg_taint_facts_tclass(fa->t, lhs));
    int rp = tclass_is_pointer(ecg_taint_facts_tclass(fa->t, rhs));

    if (lp || rp)
        return lp ? l : r;
    v = join(fa, l, r);
    if (cell_tainted(&v))
        v.bounds = combined_bounds(op, &l, &r, v.bounds);
    return v;
}

/* Writes v into what lhs designates: replacing a variable's or a field's value, joining
 * into an element of an array or what a pointer points to (the other elements keep
 * theirs). */
static void assign(struct taint_fa *fa, struct taint_cell *state, uint32_t node, uint32_t lhs,
                   struct taint_cell v)
{
    v = ecg_taint_derive(fa, v, TS_ASSIGN, node, 0);
    ecg_taint_flow_write(fa, state, lv(fa, lhs), v, ecg_taint_eval_whole(fa, lhs));
}

static void on_binary(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    enum ecg_op op = (enum ecg_op)fa->t->facts[node].op;
    uint32_t lhs = first(fa, node), rhs = next(fa, lhs);
    struct taint_cell v;

    if (op == ECG_OP_ASSIGN) {
        v = val(fa, rhs);
        if (ecg_taint_facts_tclass(fa->t, node) == TC_RECORD)
            v = join(fa, v,
                     read_with_fields(fa, state, lv(fa, ecg_fir_strip(fa->t->fir, rhs)), node));
        assign(fa, state, node, lhs, v);
    } else if (op == ECG_OP_COMMA) {
        v = val(fa, rhs);
    } else if (op == ECG_OP_LAND || op == ECG_OP_LOR || ecg_opcode_is_comparison(op)) {
        v = clean_cell;
    } else {
        v = combine(fa, op, lhs, rhs);
        arith_sink(fa, node, op, lhs, rhs);
    }
    set_val(fa, node, v);
}

static void on_compound(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    enum ecg_op op = (enum ecg_op)fa->t->facts[node].op;
    uint32_t lhs = first(fa, node), rhs = next(fa, lhs);
    struct taint_cell v = combine(fa, op, lhs, rhs);

    arith_sink(fa, node, op, lhs, rhs);
    assign(fa, state, node, lhs, v);
    set_val(fa, node, v);
}

static void on_var(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    uint32_t init = ecg_taint_pts_init_of(fa->t, node);
    struct taint_cell v;

    if (init == ECG_FIR_NONE)
        return;
    v = ecg_taint_derive(fa, val(fa, init), TS_ASSIGN, node, 0);
    ecg_taint_flow_write(fa, state, lv(fa, node), v, 1);
}

static void on_cast(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    uint32_t child = ecg_fir_last_child(fa->t->fir, node);
    struct taint_cell v = val(fa, child);

    (void)state;
    if (ecg_taint_facts_tclass(fa->t, node) == TC_NARROW && cell_tainted(&v))
        v.bounds = TAINT_BOUNDS_ALL;
    set_val(fa, node, v);
}

/* The value of the last statement of a GNU statement expression. */
static void on_stmt_expr(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    uint32_t body = first(fa, node);
    uint32_t last = body != ECG_FIR_NONE ? ecg_fir_last_child(fa->t->fir, body) : ECG_FIR_NONE;

    (void)state;
    set_val(fa, node, val(fa, last));
}

static void on_conditional(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    set_val(fa, node, ecg_taint_flow_read(fa, state, lv(fa, node), node));
}

static void on_call(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    ecg_taint_call_eval(fa, state, node);
}

static void on_clean(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    (void)state;
    set_val(fa, node, clean_cell);
}

/* Anything else: the join of the operands. */
static void on_join(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    struct taint_cell v = clean_cell;

    (void)state;
    for (uint32_t c = first(fa, node); c != ECG_FIR_NONE; c = next(fa, c))
        v = join(fa, v, val(fa, c));
    set_val(fa, node, v);
}

typedef void (*eval_rule)(struct taint_fa *fa, struct taint_cell *state, uint32_t node);

static const eval_rule rules[CXCursor_LastExpr + 1] = {
    [CXCursor_VarDecl] = on_var,
    [CXCursor_DeclRefExpr] = on_ref,
    [CXCursor_MemberRefExpr] = on_access,
    [CXCursor_ArraySubscriptExpr] = on_access,
    [CXCursor_UnaryOperator] = on_unary,
    [CXCursor_BinaryOperator] = on_binary,
    [CXCursor_CompoundAssignOperator] = on_compound,
    [CXCursor_ConditionalOperator] = on_conditional,
    [CXCursor_CallExpr] = on_call,
    [CXCursor_CStyleCastExpr] = on_cast,
    [CXCursor_StmtExpr] = on_stmt_expr,
    [CXCursor_IntegerLiteral] = on_clean,
    [CXCursor_FloatingLiteral] = on_clean,
    [CXCursor_StringLiteral] = on_clean,
    [CXCursor_CharacterLiteral] = on_clean,
    [CXCursor_UnaryExpr] = on_clean,
};

void ecg_taint_eval_elem(struct taint_fa *fa, struct taint_cell *state,
                         const struct ecg_cfg_elem *e)
{
    enum CXCursorKind kind;

    if (e->kind == ECG_CFG_ARM) {
        ecg_taint_flow_write(fa, state, lv(fa, e->aux), val(fa, e->node), 1);
        return;
    }
    if (e->kind == ECG_CFG_RETURN) {
        uint32_t value = first(fa, e->node);
        struct taint_cell v;
        if (value == ECG_FIR_NONE)
            return;
        v = ecg_taint_eval_deep(fa, state, value);
        ecg_taint_cell_join(&fa->ret, &v, fa->mode);
        return;
    }
    kind = ecg_fir_kind(fa->t->fir, e->node);
    if ((unsigned)kind <= CXCursor_LastExpr && rules[kind] != NULL)
        rules[kind](fa, state, e->node);
    else if (clang_isExpression(kind))
        on_join(fa, state, e->node);
}
