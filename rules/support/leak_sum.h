/* Summaries of the unit's own functions for security-realloc-leak: which pointer parameters
 * each one releases, keeps, returns or passes on (directly, or through the unit's other
 * functions, solved to a fixed point), which ones return a fresh allocation, and the leaks
 * that wait on those answers until the unit ends. */
#ifndef ECG_RULES_SUPPORT_LEAK_SUM_H
#define ECG_RULES_SUPPORT_LEAK_SUM_H

#include <clang-c/Index.h>

#include "rules/support/leak_state.h"

/* Records what the function fn just walked (its variables in st) does with its parameters;
 * returns_owned says whether it returns only NULL or fresh allocations. On memory
 * exhaustion the unit's summaries are marked incomplete. */
void rule_leak_sum_function(struct rule_leak_state *st, CXCursor fn, int returns_owned);

/* The summary of the function decl names (any declaration of it), or NULL. */
const struct rule_leak_fn *rule_leak_sum_find(const struct rule_leak_state *st, CXCursor decl);

/* Keeps a leak that holds unless one of cand's edges reaches a parameter that is consumed. */
void rule_leak_sum_add_candidate(struct rule_leak_state *st, const struct rule_leak_cand *cand);

/* Solves which parameters are consumed, then calls report for each candidate that leaks. */
typedef void (*rule_leak_report_fn)(void *arg, const struct rule_leak_cand *cand);
void rule_leak_sum_resolve(struct rule_leak_state *st, rule_leak_report_fn report, void *arg);

#endif
