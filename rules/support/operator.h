/* The spelling of an operator cursor ("==", "&&", "!", "+=" ...). libclang 17 and later
 * name the operator; before that, the single punctuation token between the operands (or
 * before or after the one operand) is read, so an operator produced by a macro may not be
 * known. */
#ifndef ECG_RULES_SUPPORT_OPERATOR_H
#define ECG_RULES_SUPPORT_OPERATOR_H

#include <clang-c/Index.h>
#include <stddef.h>

/* Copies the spelling of op (a binary, compound-assignment or unary operator of tu) into out
 * (size bytes) and returns 1; returns 0, leaving out unspecified, when op is not an operator
 * cursor or its operator cannot be read. */
int rule_operator_spelling(char *out, size_t size, CXTranslationUnit tu, CXCursor op);

/* Nonzero when op's operator is spelled text. */
int rule_operator_is(CXTranslationUnit tu, CXCursor op, const char *text);

#endif
