/* Buffer sizes and string lengths across translation units for the buffer overflow rule
 * (rules/support/xvalue.h): where a pointer whose buffer size or string length the rule knows
 * leaves the unit it is exported; where a value enters (a parameter, *p, p[k], s.f, a global,
 * another unit's result) the seeds other units gave are taken. Sizes travel as ECG_XV_BUFFER
 * facts (bytes), string lengths as ECG_XV_STRING facts (characters, terminator excluded). */
#ifndef ECG_RULES_SUPPORT_BO_CROSS_H
#define ECG_RULES_SUPPORT_BO_CROSS_H

#include <clang-c/Index.h>

#include "rules/support/bo_check.h"

struct ecg_finding;

/* Completes val, the facts rhs gives, with what rhs carries from other units: the seeds of
 * the variable it names, or rhs itself when it is a read at the unit's edge (asked about
 * only where a sink needs it: rule_bo_cross_resolve). */
void rule_bo_cross_import(struct rule_bo_var *val, struct rule_bo_use *u, CXCursor rhs);

/* Before a sink (a sized write, or a value leaving the unit) is judged: for each variable
 * expr names whose size or string length is not known and whose value came from the unit's
 * edge (a parameter or global on entry, a variable holding such a read), asks what other
 * units said (the smallest buffer, the longest string) and records it in the facts. */
void rule_bo_cross_resolve(struct rule_bo_use *u, CXCursor expr);

/* rule_bo_cross_resolve for a sink that overflows only with a buffer of fewer than bytes bytes
 * (0: any) or a string of at least chars characters (0: any; -1: string lengths do not matter). */
void rule_bo_cross_resolve_sink(struct rule_bo_use *u, CXCursor expr, long long bytes,
                                long long chars);

/* At a call of a function of another unit: exports what its arguments (their values, what
 * &v points to, the elements and members stored in an aggregate argument) are known to be. */
void rule_bo_cross_export_call(struct rule_bo_use *u, CXCursor call);

/* At var = rhs (the cursor at): exports rhs when var is a global with external linkage. */
void rule_bo_cross_export_global(struct rule_bo_use *u, CXCursor var, CXCursor at, CXCursor rhs);

/* At 'return value;' (ret) of a function with external linkage: exports value. */
void rule_bo_cross_export_return(struct rule_bo_use *u, CXCursor ret, CXCursor value);

/* Adds to f the steps, in other units, of the size of dst (an expression) and of the string
 * length of src_var (a canonical variable declaration), when they came from there. Either may
 * be a null cursor. */
void rule_bo_cross_notes(struct rule_bo_use *u, struct ecg_finding *f, CXCursor dst,
                         CXCursor src_var);

#endif
