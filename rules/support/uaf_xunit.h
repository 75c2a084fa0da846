/* The use-after-free rule across translation units: the seeds other units gave (a freed
 * block passed to, stored for or returned to this unit) and the facts this unit hands on
 * where a freed block leaves it (rules/support/xvalue.h). */
#ifndef ECG_RULES_SUPPORT_UAF_XUNIT_H
#define ECG_RULES_SUPPORT_UAF_XUNIT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/taint_xunit.h"
#include "rules/rule.h"
#include "rules/support/uaf_flow.h"

/* The seed saying the place read in fn (a parameter, '*p', 'p[k]', 's.f', a global, another
 * unit's result) holds a freed block, or NULL. Borrowed from the run's seeds. Asking is what
 * makes other units' facts for the place reach this unit (rule_xvalue_want). */
const struct ecg_xfact *rule_uaf_xunit_seed(const struct rule_ctx *rc, CXCursor fn, CXCursor read);

/* Hands on the exit x of fn's run: an argument or global at a call to another unit's
 * function, or fn's result when returns_freed (every return of fn returns a freed block). */
void rule_uaf_xunit_export(struct rule_ctx *rc, CXCursor fn, const struct rule_uaf_exit *x,
                           int returns_freed);

/* "freed in another file ('a.c')": where the seed's block was freed, into buf. */
void rule_uaf_xunit_where(char *buf, size_t size, const struct ecg_xfact *seed);

#endif
