/* What one SARIF log holds under its options: which findings become results and in what
 * order, the rules[] they refer to, and the caps on locations, flow steps and tags.
 * GitHub's profile leaves out suppressed and absent results and keeps at most max_results,
 * the most severe first; both profiles keep the findings' order. */
#ifndef ECG_SARIF_LIMITS_H
#define ECG_SARIF_LIMITS_H

#include <stddef.h>

#include "analyzer/finding.h"

struct ecg_result;
struct rule_desc;
struct sarif_options;

/* One result to write. */
struct sarif_item {
    const struct ecg_finding *finding; /* borrowed from the result */
    int absent;                        /* from result->absent: in the baseline, gone now */
};

struct sarif_limits {
    struct sarif_item *items; /* owned; the results to write, in output order */
    size_t n_items;
    size_t n_candidates;                  /* results before max_results applied */
    size_t max_results;                   /* the limit applied; 0: none */
    size_t max_related;                   /* relatedLocations per result; 0: no cap */
    size_t max_flow;                      /* thread flow locations per result; 0: no cap */
    size_t max_tags;                      /* tags per rule; 0: no cap */
    size_t n_related_capped;              /* results written whose relatedLocations are cut */
    size_t n_flow_capped;                 /* results written whose flow is cut */
    const struct rule_desc **extra_rules; /* owned array; id order; see sarif_limits_init */
    size_t n_extra_rules;
    int with_suppressions; /* every result carries a suppressions array */
    int with_fixes;        /* fixes are written (never on absent results) */
    int with_baseline;     /* every result carries baselineState */
};

/* n, or max when max is nonzero and n exceeds it. */
static inline size_t sarif_limits_capped(size_t n, size_t max)
{
    return max > 0 && n > max ? max : n;
}

/* Plans the log of result under opts (NULL: the full profile, no limit). extra_rules are
 * the registered rules of absent results that result->rules lacks, so that every ruleId
 * but an unregistered one is in rules[]. Release with sarif_limits_fini. Returns 0 or
 * ECG_ENOMEM (then nothing is held). */
int sarif_limits_init(struct sarif_limits *out, const struct ecg_result *result,
                      const struct sarif_options *opts);

/* Releases what the plan holds. */
void sarif_limits_fini(struct sarif_limits *limits);

/* The index of the rule in the log's rules[]: the run's rules, then the plan's extra ones.
 * -1 when the rule is in neither (then the result has no ruleIndex). */
long sarif_limits_rule_index(const struct sarif_limits *limits, const struct ecg_result *result,
                             const char *rule_id);

/* The item's baselineState: "new", "unchanged" or "absent". */
const char *sarif_limits_baseline_state(const struct sarif_item *item);

/* The level a result is written with: a warning that fails the gate is an error, as the
 * text output shows it. Also the severity by which max_results keeps results. */
enum ecg_level sarif_limits_level(const struct sarif_item *item);

#endif
