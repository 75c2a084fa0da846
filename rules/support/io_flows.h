/* Taint flows of the arithmetic category (analyzer/taint.h), judged and reported for the
 * overflow rule (rules/security/integer_overflow.c). */
#ifndef ECG_RULES_SUPPORT_IO_FLOWS_H
#define ECG_RULES_SUPPORT_IO_FLOWS_H

#include <stddef.h>

#include "analyzer/opcode.h"
#include "analyzer/taint.h"
#include "rules/support/io_context.h"

struct rule_ctx;

/* "addition", "subtraction", "multiplication", "increment" or "decrement". */
const char *rule_io_flows_op_noun(enum ecg_op op);

/* The RULE_INTRANGE_* bounds the flow's operand lacks for its operator, or 0 when the
 * operator cannot overflow. guards: the checks enclosing the operator on each operand (two
 * entries) or NULL; stored: bytes of the type its result is stored into (0: none); accum:
 * wrapping is intended there. */
unsigned rule_io_flows_missing(const struct ecg_taint_flow *flow, const unsigned char *guards,
                               unsigned stored, int accum);

/* The function whose allocation or copy size holds the flow's operator (from the flows of
 * those categories), or NULL. Borrowed from the flows. */
const char *rule_io_flows_feeds(const struct ecg_taint_flows *flows, CXCursor sink);

/* Nonzero when the flow has at most max_steps steps and none through the fields of a
 * struct passed around (`p->len`, written into an object by a callee). */
int rule_io_flows_plain(const struct ecg_taint_flow *flow, size_t max_steps);

/* Nonzero when the flow reads as a number taken in directly: a variable operand and a
 * plain flow of at most max_steps steps. */
int rule_io_flows_direct(const struct ecg_taint_flow *flow, size_t max_steps);

/* Reports the flow at its operator with its steps; feeds names the sized call or is NULL. */
void rule_io_flows_report(struct rule_ctx *rc, const struct ecg_taint_flow *flow, unsigned missing,
                          const char *feeds);

/* Nonzero when the flow's random number spans its type: its source lies in one of the n_wide
 * spans (`(rand() << 15) ^ rand()`) or the operand is a variable narrower than int; rand() % n
 * and rand() + 1 stay within the generator's range. A source in another unit counts. */
int rule_io_flows_random_widened(const struct ecg_taint_flow *flow, const struct rule_io_span *wide,
                                 size_t n_wide);

/* Nonzero for the sources whose numbers count when an operator's result is only printed or
 * compared: standard input, the network, a random generator, configured sources. */
int rule_io_flows_runtime_source(enum ecg_taint_source_kind kind);

#endif
