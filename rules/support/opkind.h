/* What an operator cursor does: assignment, comparison, logical and/or, dereference,
 * address-of, negation. libclang 17 names operators; before that the token between the
 * operands (or, for pointers, the types) tells, so an operator from a macro body can be
 * RULE_OPKIND_UNKNOWN, which callers must read as "any operator". */
#ifndef ECG_RULES_SUPPORT_OPKIND_H
#define ECG_RULES_SUPPORT_OPKIND_H

#include <clang-c/Index.h>

#include "analyzer/opcode.h"

enum rule_opkind {
    RULE_OPKIND_UNKNOWN,      /* could not be determined */
    RULE_OPKIND_ASSIGN,       /* = (compound assignments have their own cursor kind) */
    RULE_OPKIND_EQ,           /* == */
    RULE_OPKIND_NE,           /* != */
    RULE_OPKIND_LAND,         /* && */
    RULE_OPKIND_LOR,          /* || */
    RULE_OPKIND_COMMA,        /* , */
    RULE_OPKIND_OTHER_BINARY, /* any other binary operator */
    RULE_OPKIND_DEREF,        /* unary * */
    RULE_OPKIND_ADDR,         /* unary & */
    RULE_OPKIND_NOT,          /* ! */
    RULE_OPKIND_OTHER_UNARY,  /* - ~ + ++ -- and the rest */
};

/* The kind of op; an operator without a kind of its own is other (RULE_OPKIND_OTHER_BINARY or
 * RULE_OPKIND_OTHER_UNARY, by the cursor it came from). */
enum rule_opkind rule_opkind_of(enum ecg_op op, enum rule_opkind other);

/* The operands of a binary operator cursor: out[0] left, out[1] right. Returns 1, or 0 when
 * op does not have exactly two children. */
int rule_opkind_operands(CXCursor op, CXCursor out[2]);

/* The operator of a CXCursor_BinaryOperator of tu; UNKNOWN for any other cursor. */
enum rule_opkind rule_opkind_binary(CXTranslationUnit tu, CXCursor op);

/* The operator of a CXCursor_UnaryOperator of tu; UNKNOWN for any other cursor. */
enum rule_opkind rule_opkind_unary(CXTranslationUnit tu, CXCursor op);

#endif
