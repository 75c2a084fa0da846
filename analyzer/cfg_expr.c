/* The CFG builder's expressions and conditions; see cfg.h. Expressions are laid out in
 * post-order with an explicit stack, so a deep expression costs no native stack; only
 * &&, ||, ?: and statement expressions, which branch, recurse (bounded by the depth). */
#include <stdlib.h>

#include "analyzer/cfg.h"
#include "analyzer/cfg_int.h"

enum ecg_op ecg_cfg_op(const struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t first = ecg_fir_first_child(b->fir, node);
    uint32_t second = first != ECG_FIR_NONE ? ecg_fir_next_sibling(b->fir, first) : ECG_FIR_NONE;
    enum CXCursorKind kind = ecg_fir_kind(b->fir, node);

    if (b->hooks != NULL)
        return b->hooks->op(b->hooks->arg, node);
    if (kind == CXCursor_UnaryOperator && first != ECG_FIR_NONE)
        return ecg_opcode_unary(b->fir->nodes[node].cursor, b->fir->nodes[first].cursor);
    if (second == ECG_FIR_NONE)
        return ECG_OP_UNKNOWN;
    return ecg_opcode_binary(b->fir->nodes[node].cursor, b->fir->nodes[first].cursor,
                             b->fir->nodes[second].cursor);
}

static int push_frame(struct ecg_cfg_builder *b, uint32_t node)
{
    if (b->n_frames == b->frames_cap) {
        size_t cap = b->frames_cap != 0 ? b->frames_cap * 2 : 64;
        struct ecg_cfg_frame *grown = realloc(b->frames, cap * sizeof(*grown));
        if (grown == NULL) {
            b->failed = 1;
            return -1;
        }
        b->frames = grown;
        b->frames_cap = cap;
    }
    b->frames[b->n_frames++] = (struct ecg_cfg_frame){ node, ecg_fir_first_child(b->fir, node) };
    return 0;
}

/* The kinds of control flow an expression node carries. */
enum ctrl {
    CTRL_NONE,
    CTRL_LOGIC, /* && or || */
    CTRL_COND,  /* ?: */
    CTRL_STMT,  /* a GNU statement expression */
};

static enum ctrl ctrl_of(const struct ecg_cfg_builder *b, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(b->fir, node);
    enum ecg_op op;

    if (kind == CXCursor_ConditionalOperator)
        return ecg_fir_child_count(b->fir, node) == 3 ? CTRL_COND : CTRL_NONE;
    if (kind == CXCursor_StmtExpr)
        return CTRL_STMT;
    if (kind != CXCursor_BinaryOperator)
        return CTRL_NONE;
    op = ecg_cfg_op(b, node);
    return op == ECG_OP_LAND || op == ECG_OP_LOR ? CTRL_LOGIC : CTRL_NONE;
}

/* `a && b` or `a || b` as a value: b is evaluated only on one outcome of a. */
static void build_logic(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t lhs = ecg_fir_first_child(b->fir, node);
    uint32_t rhs = ecg_fir_next_sibling(b->fir, lhs);
    uint32_t more = ecg_cfg_new_block(b);
    uint32_t join = ecg_cfg_new_block(b);

    if (ecg_cfg_op(b, node) == ECG_OP_LAND)
        ecg_cfg_expr_cond(b, lhs, more, join);
    else
        ecg_cfg_expr_cond(b, lhs, join, more);
    ecg_cfg_set_cur(b, more);
    ecg_cfg_expr_build(b, rhs);
    ecg_cfg_goto_block(b, join);
    ecg_cfg_set_cur(b, join);
    ecg_cfg_emit(b, node, ECG_CFG_EVAL, ECG_FIR_NONE);
}

/* One arm of `c ? x : y`: evaluated, then recorded as the ?:'s value. */
static void build_arm(struct ecg_cfg_builder *b, uint32_t arm, uint32_t node, uint32_t block,
                      uint32_t join)
{
    ecg_cfg_set_cur(b, block);
    ecg_cfg_expr_build(b, arm);
    ecg_cfg_emit(b, arm, ECG_CFG_ARM, node);
    ecg_cfg_goto_block(b, join);
}

static void build_conditional(struct ecg_cfg_builder *b, uint32_t node)
{
    uint32_t cond = ecg_fir_first_child(b->fir, node);
    uint32_t yes = ecg_fir_next_sibling(b->fir, cond);
    uint32_t no = ecg_fir_next_sibling(b->fir, yes);
    uint32_t t = ecg_cfg_new_block(b);
    uint32_t f = ecg_cfg_new_block(b);
    uint32_t join = ecg_cfg_new_block(b);

    ecg_cfg_expr_cond(b, cond, t, f);
    build_arm(b, yes, node, t, join);
    build_arm(b, no, node, f, join);
    ecg_cfg_set_cur(b, join);
    ecg_cfg_emit(b, node, ECG_CFG_EVAL, ECG_FIR_NONE);
}

static void build_ctrl(struct ecg_cfg_builder *b, uint32_t node, enum ctrl ctrl)
{
    if (b->depth >= ECG_CFG_DEPTH_MAX) {
        ecg_cfg_expr_flat(b, node);
        return;
    }
    b->depth++;
    if (ctrl == CTRL_LOGIC) {
        build_logic(b, node);
    } else if (ctrl == CTRL_COND) {
        build_conditional(b, node);
    } else {
        uint32_t body = ecg_fir_first_child(b->fir, node);
        if (body != ECG_FIR_NONE)
            ecg_cfg_build_stmt(b, body);
        ecg_cfg_emit(b, node, ECG_CFG_EVAL, ECG_FIR_NONE);
    }
    b->depth--;
}

/* Nonzero when the walk descends into node's children: not for sizeof and alignof, whose
 * operand is not evaluated, nor for anything that is not an expression. */
static int descends(const struct ecg_cfg_builder *b, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(b->fir, node);

    return clang_isExpression(kind) && kind != CXCursor_UnaryExpr;
}

/* Enters an operand: a node that branches is built at once, others are walked. */
static void visit(struct ecg_cfg_builder *b, uint32_t node)
{
    enum ctrl ctrl;

    if (!clang_isExpression(ecg_fir_kind(b->fir, node)))
        return;
    ctrl = ctrl_of(b, node);
    if (ctrl != CTRL_NONE)
        build_ctrl(b, node, ctrl);
    else
        push_frame(b, node);
}

void ecg_cfg_expr_build(struct ecg_cfg_builder *b, uint32_t node)
{
    size_t base = b->n_frames;

    visit(b, node);
    while (b->n_frames > base && !b->failed) {
        struct ecg_cfg_frame *top = &b->frames[b->n_frames - 1];
        uint32_t child = top->next;

        if (child != ECG_FIR_NONE && descends(b, top->node)) {
            top->next = ecg_fir_next_sibling(b->fir, child);
            visit(b, child);
        } else {
            b->n_frames--;
            ecg_cfg_emit(b, top->node, ECG_CFG_EVAL, ECG_FIR_NONE);
        }
    }
    b->n_frames = base;
}

/* Ends the current block with a branch on node's value. */
static void end_branch(struct ecg_cfg_builder *b, uint32_t node, uint32_t t, uint32_t f)
{
    if (b->cur == ECG_FIR_NONE)
        return;
    b->g->blocks[b->cur].cond = node;
    b->g->blocks[b->cur].terminator = ECG_CFG_BRANCH;
    ecg_cfg_add_edge(b, b->cur, t, ECG_CFG_TRUE, ECG_FIR_NONE);
    ecg_cfg_add_edge(b, b->cur, f, ECG_CFG_FALSE, ECG_FIR_NONE);
    b->cur = ECG_FIR_NONE;
}

/* The operator of a binary operator node with two operands, else ECG_OP_UNKNOWN. */
static enum ecg_op binary_op(const struct ecg_cfg_builder *b, uint32_t node, uint32_t *lhs,
                             uint32_t *rhs)
{
    *lhs = ecg_fir_first_child(b->fir, node);
    *rhs = *lhs != ECG_FIR_NONE ? ecg_fir_next_sibling(b->fir, *lhs) : ECG_FIR_NONE;
    if (ecg_fir_kind(b->fir, node) != CXCursor_BinaryOperator || *rhs == ECG_FIR_NONE)
        return ECG_OP_UNKNOWN;
    return ecg_cfg_op(b, node);
}

/* `a && b`, `a || b` and `a, b` as conditions: short-circuit edges, no value. */
static int build_cond_op(struct ecg_cfg_builder *b, uint32_t node, uint32_t t, uint32_t f)
{
    uint32_t lhs, rhs, more;
    enum ecg_op op = binary_op(b, node, &lhs, &rhs);

    if (op == ECG_OP_COMMA) {
        ecg_cfg_expr_build(b, lhs);
        ecg_cfg_expr_cond(b, rhs, t, f);
        return 1;
    }
    if (op != ECG_OP_LAND && op != ECG_OP_LOR)
        return 0;
    more = ecg_cfg_new_block(b);
    if (op == ECG_OP_LAND)
        ecg_cfg_expr_cond(b, lhs, more, f);
    else
        ecg_cfg_expr_cond(b, lhs, t, more);
    ecg_cfg_set_cur(b, more);
    ecg_cfg_expr_cond(b, rhs, t, f);
    return 1;
}

/* `!x` as a condition: x with the edges swapped. */
static int build_cond_not(struct ecg_cfg_builder *b, uint32_t node, uint32_t t, uint32_t f)
{
    uint32_t operand = ecg_fir_first_child(b->fir, node);

    if (ecg_fir_kind(b->fir, node) != CXCursor_UnaryOperator || operand == ECG_FIR_NONE ||
        ecg_cfg_op(b, node) != ECG_OP_NOT)
        return 0;
    ecg_cfg_expr_cond(b, operand, f, t);
    return 1;
}

void ecg_cfg_expr_cond(struct ecg_cfg_builder *b, uint32_t node, uint32_t t, uint32_t f)
{
    node = ecg_fir_strip(b->fir, node);
    if (b->depth >= ECG_CFG_DEPTH_MAX) {
        ecg_cfg_expr_flat(b, node);
        ecg_cfg_add_edge(b, b->cur, t, ECG_CFG_ALWAYS, ECG_FIR_NONE);
        ecg_cfg_add_edge(b, b->cur, f, ECG_CFG_ALWAYS, ECG_FIR_NONE);
        b->cur = ECG_FIR_NONE;
        return;
    }
    b->depth++;
    if (!build_cond_op(b, node, t, f) && !build_cond_not(b, node, t, f)) {
        ecg_cfg_expr_build(b, node);
        end_branch(b, node, t, f);
    }
    b->depth--;
}

/* In the straight layout, what becomes an element: expressions, variables, returns. */
static void emit_flat(struct ecg_cfg_builder *b, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(b->fir, node);

    if (kind == CXCursor_ReturnStmt)
        ecg_cfg_emit(b, node, ECG_CFG_RETURN, ECG_FIR_NONE);
    else if (kind == CXCursor_VarDecl || clang_isExpression(kind))
        ecg_cfg_emit(b, node, ECG_CFG_EVAL, ECG_FIR_NONE);
}

void ecg_cfg_expr_flat(struct ecg_cfg_builder *b, uint32_t node)
{
    size_t base = b->n_frames;

    b->g->flattened = 1;
    if (push_frame(b, node) != 0)
        return;
    while (b->n_frames > base && !b->failed) {
        struct ecg_cfg_frame *top = &b->frames[b->n_frames - 1];
        uint32_t child = top->next;

        if (child != ECG_FIR_NONE && ecg_fir_kind(b->fir, top->node) != CXCursor_UnaryExpr) {
            top->next = ecg_fir_next_sibling(b->fir, child);
            push_frame(b, child);
        } else {
            b->n_frames--;
            emit_flat(b, top->node);
        }
    }
    b->n_frames = base;
}
