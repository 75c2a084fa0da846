/* The operators of a unit's operator cursors, read once per unit and shared by the lock-free
 * rules: before libclang 17 an operator is read from the file's text (analyzer/opcode.h),
 * which costs a file lookup each time, and several rules ask about the same operators. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_OPCODE_H
#define ECG_RULES_SUPPORT_ATOMICS_OPCODE_H

#include <clang-c/Index.h>

#include "analyzer/opcode.h"
#include "rules/support/opkind.h"

struct rule_ctx;

/* ecg_opcode_of(op), cached per unit by the expression node: ECG_OP_UNKNOWN for cursors
 * that are not operators. When memory runs out the operator is read again each time. */
enum ecg_op rule_atomics_opcode(struct rule_ctx *rc, CXCursor op);

/* rule_opkind_binary(tu, op) for a BinaryOperator, rule_opkind_unary(tu, op) for a
 * UnaryOperator (RULE_OPKIND_UNKNOWN for other cursors), from the cached operator. */
enum rule_opkind rule_atomics_opkind(struct rule_ctx *rc, CXCursor op);

/* Nonzero when op is a BinaryOperator '=' (rule_atomics_opkind gives RULE_OPKIND_ASSIGN).
 * An operator whose left operand is converted to a value (an implicit conversion, one child)
 * is no assignment, which settles most operators without reading the operator. */
int rule_atomics_is_assign(struct rule_ctx *rc, CXCursor op);

/* Nonzero when op is a unary '*' (rule_atomics_opkind gives RULE_OPKIND_DEREF). Only a
 * pointer operand can be dereferenced, which settles most operators from the type. */
int rule_atomics_is_deref(struct rule_ctx *rc, CXCursor op);

/* Nonzero when op is a unary '++' or '--', prefix or postfix. Their operand is an lvalue as
 * written, never converted to a value, which settles most operators without the text. */
int rule_atomics_is_increment(struct rule_ctx *rc, CXCursor op);

/* The unit's copy of file (clang_getFileContents), kept with the texts the operators are read
 * from, so a rule reading the files of the unit's functions and the operator reader ask
 * libclang once per file; NULL when libclang has no text for it. */
const char *rule_atomics_file_text(struct rule_ctx *rc, CXFile file, size_t *size);

#endif
