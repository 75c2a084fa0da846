/* What the null-state rules need beyond one variable: local arrays and structs followed as
 * one value per last-stored member, whether the conditions around a use could be correlated
 * with the value (they read a variable), and the pointer states handed to and received from
 * other units (rules/support/xvalue.h). */
#ifndef ECG_RULES_SUPPORT_NULLFLOW_XUNIT_H
#define ECG_RULES_SUPPORT_NULLFLOW_XUNIT_H

#include <clang-c/Index.h>
#include <stdint.h>

#include "rules/support/xvalue.h"

struct rule_ctx;
struct rule_nullflow;

/* When lhs, as written, is var[k] or var.f of a local array, struct or union variable,
 * records that member as var's last stored one, stores var in *out and returns 1 (the
 * caller then gives var the stored value); otherwise returns 0. When memory runs out the
 * flow is lost (rule_nullflow_lost). */
int rule_nullflow_agg_store(struct rule_nullflow *nf, CXCursor lhs, CXCursor *out);

/* When expr, as written, reads the member of a local aggregate var that the last store into
 * var wrote (the same member or element, or any member of a union), stores var in *out and
 * returns 1: the value read is var's value in the flow. Otherwise returns 0. */
int rule_nullflow_agg_read(const struct rule_nullflow *nf, CXCursor expr, CXCursor *out);

/* Nonzero when decl is a local array, struct or union variable the flow followed a store
 * into. */
int rule_nullflow_is_agg(const struct rule_nullflow *nf, CXCursor decl);

/* Nonzero when no condition around the point the walk is at reads a variable other than
 * decl (a call's result, a constant, a loop's own test do not count), and the point runs on
 * every evaluation of its statement: a value NULL on some path reaches it whatever the
 * program's variables say, so the conditions cannot rule that path out. */
int rule_nullflow_opaque_at(struct rule_ctx *rc, CXCursor decl);

/* The seed of kind value (enum ecg_xvalue) other units gave for parameter index of fn, a
 * function with external linkage; NULL when there is none. */
const struct ecg_xfact *rule_nullflow_param_seed(const struct rule_ctx *rc, CXCursor fn,
                                                 unsigned index, uint8_t value);

/* The seed of kind value for what expr reads (see rule_xvalue_place_of) in the function the
 * walk is in; NULL when there is none. */
const struct ecg_xfact *rule_nullflow_read_seed(const struct rule_ctx *rc, CXCursor expr,
                                                uint8_t value);

/* What a rule knows of the variable var at the current point: fills *out and returns 1 when
 * there is something to hand on. var may not be followed yet (its declaration's value). */
typedef int (*rule_nullflow_xout_fn)(struct rule_ctx *rc, void *arg, CXCursor var,
                                     struct rule_xout *out);

/* Entering call: when it calls a function of another unit, exports for each argument that is
 * a local pointer variable (v, &v) or an aggregate whose last stored member is followed
 * what state_of says of it, unless a condition around the call tests it or a loop around
 * the call assigns it. */
void rule_nullflow_export_call(struct rule_ctx *rc, struct rule_nullflow *nf, CXCursor call,
                               rule_nullflow_xout_fn state_of, void *arg);

#endif
