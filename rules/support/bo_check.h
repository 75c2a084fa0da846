/* The checks of the buffer overflow rule at a call (a library function writing a counted
 * or string amount into a destination of known size) and at an indexed write (a constant
 * index, or a for loop's bound, past the array), and the updates a call makes to what is
 * known of the strings it writes. The rule's per-unit state is declared here. */
#ifndef ECG_RULES_SUPPORT_BO_CHECK_H
#define ECG_RULES_SUPPORT_BO_CHECK_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/opcode.h"
#include "rules/support/bo_facts.h"
#include "rules/support/bo_summary.h"

struct rule_ctx;

#define RULE_BO_SUBSCRIPT 0xffffffffu /* rule_bo_site.count of an indexed write */

/* A write whose destination size is known, kept for the taint flows read at the unit's end. */
struct rule_bo_site {
    CXCursor at;     /* the ArraySubscriptExpr or the call */
    long long bytes; /* the destination's size */
    unsigned count;  /* a call's count argument, or RULE_BO_SUBSCRIPT */
    int reported;    /* a finding was already reported here */
};

/* The rule's state for one unit (zeroed by the engine; rule_bo_check_unit_fini releases it). */
struct rule_bo_unit {
    struct rule_bo_facts facts;    /* of the function being walked */
    struct rule_bo_summaries sums; /* of the functions walked so far */
    struct rule_bo_site *sites;    /* owned */
    size_t n_sites;
    size_t sites_cap;
};

/* The event being handled: the rule, its state and where the walk is. */
struct rule_bo_use {
    struct rule_ctx *rc;
    struct rule_bo_unit *st;
    struct rule_bo_path path;
};

/* Fills u for self, the cursor the walk of rc is at. */
void rule_bo_check_use_init(struct rule_bo_use *u, struct rule_ctx *rc, CXCursor self);

/* Releases what the unit state owns. */
void rule_bo_check_unit_fini(struct rule_bo_unit *st);

/* Checks a call to a writing library function and records what it leaves in its
 * destination. */
void rule_bo_check_call(struct rule_bo_use *u, CXCursor call);

/* The variable the value of the call the walk is at (u's cursor) is stored into: 'v = f(..)'
 * or 'T v = f(..)', through casts and parentheses; a null cursor for anything else. The walk
 * meets such a store before the call. */
CXCursor rule_bo_check_result_var(const struct rule_bo_use *u);

/* Checks an ArraySubscriptExpr that is written to. */
void rule_bo_check_subscript(struct rule_bo_use *u, CXCursor sub);

/* The n-th child of c (0-based), or a null cursor. */
CXCursor rule_bo_check_child(CXCursor c, unsigned n);

/* Nonzero for ++ and -- in either position. */
int rule_bo_check_is_incdec(enum ecg_op op);

/* The name written for an expression (its variable or member) into buf, for messages. */
const char *rule_bo_check_name(CXCursor expr, char *buf, size_t size);

#endif
