/* What the tree around an arithmetic operator says about whether it can overflow, for the
 * overflow rule (rules/security/integer_overflow.c). Each query reads a bounded number of
 * ancestors or children; call the ones taking a rule context from on_cursor. */
#ifndef ECG_RULES_SUPPORT_IO_CONTEXT_H
#define ECG_RULES_SUPPORT_IO_CONTEXT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/opcode.h"
#include "rules/support/intrange.h"

struct rule_ctx;

/* Expansion offsets of a stretch of a file. */
struct rule_io_span {
    CXFile file;
    unsigned start;
    unsigned end; /* inclusive */
};

/* The operands of an arithmetic operator into out: two, or one (out[1] null) for ++ and --.
 * Returns how many, 0 for a malformed operator. */
size_t rule_io_context_operands(CXCursor out[2], CXCursor op_cursor);

/* The RULE_INTRANGE_* bounds operand arg of op needs so the result stays in a type of that
 * signedness: above for + and ++, below for - (left operand) and --, both for a signed *. */
unsigned rule_io_context_needed(enum ecg_op op, unsigned arg, int is_signed);

/* Nonzero when the other operand cannot push a limit further: adding or subtracting a
 * constant of at most 0, multiplying by 0 or 1. */
int rule_io_context_harmless_other(CXCursor other, enum ecg_op op);

/* Nonzero when operand is narrower than the operator's type (node), so it was promoted and
 * the operation cannot overflow, and the result is not stored (stored == 0 bytes) into a
 * type narrower than node. */
int rule_io_context_promoted_safe(CXCursor operand, const struct rule_intrange_type *node,
                                  unsigned stored);

/* Nonzero when the unsigned operator op_cursor (the cursor the walk is at) is part of a
 * hash or checksum update, where wrapping is intended: the variable updated is named so,
 * or the update mixes with shifts, exclusive ors, or a multiplication of the variable by a
 * constant. */
int rule_io_context_accumulator(const struct rule_ctx *rc, CXCursor op_cursor);

/* Nonzero when a loop enclosing at (the operator the walk is at) but not where (the store of
 * decl's value) stores into decl elsewhere than at: through the loop's back edge, the value
 * stored at where is not the one on every path to at. at's own store does not count: its
 * first run sees the stored value. Searches the loop; call from a rule's on_cursor. */
int rule_io_context_loop_changes(const struct rule_ctx *rc, CXCursor at, CXCursor decl,
                                 CXCursor where);

/* The expansion offsets of the full expression holding at (the cursor the walk is at): its
 * outermost enclosing expression. Call from a rule's on_cursor. */
struct rule_io_span rule_io_context_full_span(const struct rule_ctx *rc, CXCursor at);

/* Nonzero when a and b cover the same offsets of the same file. */
int rule_io_context_same_span(const struct rule_io_span *a, const struct rule_io_span *b);

/* Nonzero when the decrement the walk is at (at) is the condition of an if, while or do
 * statement or a for loop's header: `while (n--)` stops at zero, and what n holds after the
 * loop is not used as a count. Call from a rule's on_cursor. */
int rule_io_context_counts_down(const struct rule_ctx *rc, CXCursor at);

#endif
