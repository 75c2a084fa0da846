/* Operator kinds; see opkind.h. The operator itself comes from analyzer/opcode.h. */
#include "rules/support/opkind.h"

#include "analyzer/cursors.h"
#include "analyzer/opcode.h"

int rule_opkind_operands(CXCursor op, CXCursor out[2])
{
    CXCursor operands[2];

    if (ecg_cursor_children(operands, 2, op) != 2)
        return 0;
    out[0] = operands[0];
    out[1] = operands[1];
    return 1;
}

/* The kind of each operator; operators not listed are the "other" kind of their arity. */
static const enum rule_opkind ok_kinds[] = {
    [ECG_OP_UNKNOWN] = RULE_OPKIND_UNKNOWN, [ECG_OP_ASSIGN] = RULE_OPKIND_ASSIGN,
    [ECG_OP_EQ] = RULE_OPKIND_EQ,           [ECG_OP_NE] = RULE_OPKIND_NE,
    [ECG_OP_LAND] = RULE_OPKIND_LAND,       [ECG_OP_LOR] = RULE_OPKIND_LOR,
    [ECG_OP_COMMA] = RULE_OPKIND_COMMA,     [ECG_OP_DEREF] = RULE_OPKIND_DEREF,
    [ECG_OP_ADDROF] = RULE_OPKIND_ADDR,     [ECG_OP_NOT] = RULE_OPKIND_NOT,
};

enum rule_opkind rule_opkind_of(enum ecg_op op, enum rule_opkind other_kind)
{
    enum rule_opkind kind = RULE_OPKIND_UNKNOWN;

    if ((size_t)op < sizeof(ok_kinds) / sizeof(ok_kinds[0]))
        kind = ok_kinds[op];
    if (kind == RULE_OPKIND_UNKNOWN && op != ECG_OP_UNKNOWN)
        return other_kind;
    return kind;
}

enum rule_opkind rule_opkind_binary(CXTranslationUnit tu, CXCursor op)
{
    CXCursor operands[2];

    (void)tu;
    if (clang_getCursorKind(op) != CXCursor_BinaryOperator || !rule_opkind_operands(op, operands))
        return RULE_OPKIND_UNKNOWN;
    return rule_opkind_of(ecg_opcode_binary(op, operands[0], operands[1]),
                          RULE_OPKIND_OTHER_BINARY);
}

enum rule_opkind rule_opkind_unary(CXTranslationUnit tu, CXCursor op)
{
    (void)tu;
    if (clang_getCursorKind(op) != CXCursor_UnaryOperator)
        return RULE_OPKIND_UNKNOWN;
    return rule_opkind_of(ecg_opcode_of(op), RULE_OPKIND_OTHER_UNARY);
}
