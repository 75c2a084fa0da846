/* The facts branch conditions give the use-after-free flow: 'p', '!p', 'p == NULL',
 * 'flag != 0', 'n < 3' against constants, and conditions that are constant. */
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/support/uaf_flow_int.h"

static uint8_t negate_rel(enum ecg_op op)
{
    switch (op) {
    case ECG_OP_LT:
        return ECG_OP_GE;
    case ECG_OP_LE:
        return ECG_OP_GT;
    case ECG_OP_GT:
        return ECG_OP_LE;
    default:
        return ECG_OP_LT;
    }
}

/* 'a == k' or 'k == a' (ne: '!='), a a location and k a constant. */
static int eq_fact(const struct rule_uaf *u, uint32_t a, uint32_t b, int ne, struct uaf_fact *out)
{
    uint16_t loc = uaf_loc_of(u, a);
    long long k;

    if (loc == UAF_NONE || !uaf_constant(&k, u->fir, b)) {
        loc = uaf_loc_of(u, b);
        if (loc == UAF_NONE || !uaf_constant(&k, u->fir, a))
            return 0;
    }
    *out = (struct uaf_fact){ .value = k, .loc = loc, .ne = (uint8_t)ne };
    return 1;
}

/* 'a rel k', a a location and k a constant. */
static int rel_fact(const struct rule_uaf *u, uint32_t a, uint32_t b, uint8_t rel,
                    struct uaf_fact *out)
{
    uint16_t loc = uaf_loc_of(u, a);
    long long k;

    if (loc == UAF_NONE || !uaf_constant(&k, u->fir, b))
        return 0;
    *out = (struct uaf_fact){ .value = k, .loc = loc, .rel = rel };
    return 1;
}

/* What a comparison 'a op b' says when it has the value truth. */
static int compare_fact(const struct rule_uaf *u, uint32_t node, int truth, struct uaf_fact *out)
{
    uint32_t a = ecg_fir_first_child(u->fir, node);
    uint32_t b = a != ECG_FIR_NONE ? ecg_fir_next_sibling(u->fir, a) : ECG_FIR_NONE;
    enum ecg_op op;

    if (b == ECG_FIR_NONE)
        return 0;
    op = ecg_opcode_binary(u->fir->nodes[node].cursor, u->fir->nodes[a].cursor,
                           u->fir->nodes[b].cursor);
    if (op == ECG_OP_EQ || op == ECG_OP_NE)
        return eq_fact(u, a, b, (op == ECG_OP_NE) == truth, out);
    if (op < ECG_OP_LT || op > ECG_OP_GE)
        return 0;
    return rel_fact(u, a, b, (uint8_t)(truth ? op : negate_rel(op)), out);
}

/* What the branch condition cond says on an edge of kind truth: a fact, or (returning 2)
 * that the edge is never taken; 0 when it says nothing followed here. */
int uaf_cond_fact(const struct rule_uaf *u, uint32_t cond, int truth, struct uaf_fact *out)
{
    uint32_t node = uaf_strip(u->fir, cond);
    uint16_t loc = uaf_loc_of(u, node);
    long long k;

    if (loc != UAF_NONE) {
        *out = (struct uaf_fact){ .value = 0, .loc = loc, .ne = (uint8_t)truth };
        return 1;
    }
    if (uaf_constant(&k, u->fir, node))
        return (k != 0) != truth ? 2 : 0;
    if (ecg_fir_kind(u->fir, node) != CXCursor_BinaryOperator)
        return 0;
    return compare_fact(u, node, truth, out);
}
