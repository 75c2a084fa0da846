/* How one translation unit treats the results of the calls a rule asks about: per callee, the
 * calls whose result is tested (compared, a condition, negated, returned when it is a status,
 * or stored in a local variable tested later in the function), the calls that discard it as a
 * statement, and those cast to (void). A rule reads the counts after the walk to report the
 * discarded calls of functions the unit checks consistently ("bugs as deviant behaviour"). */
#ifndef ECG_RULES_SUPPORT_UNCHECKED_STATS_H
#define ECG_RULES_SUPPORT_UNCHECKED_STATS_H

#include <clang-c/Index.h>
#include <stddef.h>

struct rule_ctx;
struct rule_unchecked_stats;

#define RULE_UNCHECKED_NAME_MAX 64
#define RULE_UNCHECKED_KEEP 3 /* checked calls kept per callee, for related locations */

/* What the unit does with the results of one callee. Cursors belong to the unit's TU. */
struct rule_unchecked_callee {
    char name[RULE_UNCHECKED_NAME_MAX];
    unsigned calls;        /* every call seen, however its result is used */
    unsigned checked;      /* result tested, returned, or stored and tested later */
    unsigned voided;       /* cast to (void): discarded on purpose, counted neither way */
    unsigned n_checked_at; /* <= RULE_UNCHECKED_KEEP */
    CXCursor checked_at[RULE_UNCHECKED_KEEP]; /* the first checked calls */
    CXCursor *discarded;                      /* owned; the calls whose result is dropped */
    size_t n_discarded;
    size_t cap_discarded;
};

/* What the statistics follow and when a discarded call is reported (the rule's options). */
struct rule_unchecked_policy {
    int check_output;  /* every discarded output call is reported anyway: infer none */
    int own_functions; /* also the project's own functions returning an int or enum */
    long min_checked;  /* a function is inferred with at least this many checked calls */
    long min_percent;  /* ... and at least this percent of checked + discarded checked */
};

/* A new, empty table following policy, or NULL when memory runs out. Free it with
 * rule_unchecked_stats_free. Every function below takes NULL as a table that follows
 * nothing. */
struct rule_unchecked_stats *rule_unchecked_stats_new(const struct rule_unchecked_policy *policy);

/* Releases st and everything it owns; NULL is a no-op. */
void rule_unchecked_stats_free(struct rule_unchecked_stats *st);

/* Entering a function definition: variables holding results of the previous one are dropped. */
void rule_unchecked_stats_begin_function(struct rule_unchecked_stats *st);

/* Entering call: when the policy follows its callee (an output call such as fclose, fputs or
 * snprintf that the rule does not report whenever it is discarded, or with own_functions a
 * project function returning an error code), classifies its result by the walk's ancestors
 * and counts it. A returned result counts as checked when it is a status (fclose's), not
 * when it is a length (snprintf's). When memory runs out the table stops counting and
 * reports nothing for the unit: counts cut short would mislead. */
void rule_unchecked_stats_call(struct rule_unchecked_stats *st, struct rule_ctx *rc, CXCursor call);

/* Entering a variable reference: when the variable holds a result stored earlier in the
 * function and is tested here, that call counts as checked. */
void rule_unchecked_stats_ref(struct rule_unchecked_stats *st, struct rule_ctx *rc, CXCursor ref);

/* After the walk: reports the discarded calls of every function the unit checks at least
 * min_checked times and at least min_percent percent of the times it checks or discards it
 * (rule_nullflow_report_deviant). */
void rule_unchecked_stats_report(const struct rule_unchecked_stats *st, struct rule_ctx *rc);

#endif
