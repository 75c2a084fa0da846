/* The walk through a function for the rules that follow null states on rules/support/nullflow:
 * the driver keeps the flow's frames (if, while, for, switch), case and goto labels, the
 * point before a call's arguments (and what the call hands to other units), and the end of
 * a path at a return or a goto; a rule's hooks do what is its own at references, calls,
 * binary operators and jumps. */
#ifndef ECG_RULES_SUPPORT_NULLFLOW_DRIVE_H
#define ECG_RULES_SUPPORT_NULLFLOW_DRIVE_H

#include <clang-c/Index.h>

#include "rules/rule.h"
#include "rules/support/nullflow.h"
#include "rules/support/nullflow_xunit.h"

/* A rule's part; arg is the rule's state, passed back to each hook. */
struct rule_nullflow_hooks {
    void (*ref)(struct rule_ctx *rc, void *arg, CXCursor ref);         /* entering a name */
    rule_nullflow_xout_fn xout;                                        /* what a call hands on */
    void (*call_leave)(struct rule_ctx *rc, void *arg, CXCursor call); /* after its arguments */
    void (*binop_leave)(struct rule_ctx *rc, void *arg, CXCursor op);  /* after its operands */
    /* leaving a return or a goto, at its point in the flow: before the path ends there or
     * goes on at the goto's label */
    void (*jump)(struct rule_ctx *rc, void *arg, CXCursor jump);
};

/* The walk enters cursor inside a function the flow still follows. */
void rule_nullflow_drive_enter(struct rule_nullflow *flow, struct rule_ctx *rc, CXCursor cursor,
                               const struct rule_nullflow_hooks *hooks, void *arg);

/* The walk leaves cursor inside a function the flow still follows. */
void rule_nullflow_drive_leave(struct rule_nullflow *flow, struct rule_ctx *rc, CXCursor cursor,
                               const struct rule_nullflow_hooks *hooks, void *arg);

#endif
