/* Judging security-realloc-leak's variables when a function ends: blocks no one releases
 * become candidates (reported when the unit ends, once the unit's functions they were passed
 * to are known not to release them), blocks handed to another unit's function or returned
 * from a function with external linkage are exported as owned (rules/support/xvalue.h). */
#ifndef ECG_RULES_SUPPORT_LEAK_REPORT_H
#define ECG_RULES_SUPPORT_LEAK_REPORT_H

#include <clang-c/Index.h>

#include "rules/support/leak_state.h"

struct rule_ctx;

/* The walk leaves fn: summarises it, keeps its candidates and exports what leaves the unit. */
void rule_leak_report_function(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor fn);

/* The walk ended: reports the candidates that leak. */
void rule_leak_report_unit(struct rule_ctx *rc, struct rule_leak_state *st);

#endif
