/* `ecg sarif merge`: the logs of shards of one analysis (runs of the same tool) become one
 * log with one run. Rules are united by id and sorted; results are concatenated in input
 * order and de-duplicated by their key (sarif/key.h), so a finding in a header that several
 * shards analysed appears once; invocations become one. */
#ifndef ECG_SARIF_MERGE_H
#define ECG_SARIF_MERGE_H

#include <stddef.h>

struct cJSON;
struct ecg_diag;
struct sarif_doc;

struct sarif_merge_options {
    const char *category; /* automationDetails.id (a '/' is appended when missing); NULL:
                           * the first automationDetails of the inputs */
};

/* Merges every run of docs[0..n) into a new log (the caller cJSON_Deletes it); docs are
 * only read. The run takes the first run's tool with the united rules (ruleIndex and
 * rule.index of the results renumbered), the union of originalUriBaseIds, one invocation
 * (executionSuccessful only if all were; notifications concatenated; the earliest start,
 * the latest end; commandLine only when all agree) and the columnKind they agree on. Of
 * results with the same key the first is kept. When only some results have suppressions,
 * the others get an empty array. Other run members are left out.
 * Errors: ECG_EPARSE with the file, line and column in diag when the logs cannot be merged
 * (no run at all, another tool's name, a %SRCROOT%-style base id or columnKind that differs,
 * a time that is not UTC ISO 8601, a run with tool.extensions, artifacts or another table
 * that results refer into by index); ECG_ENOMEM. */
int sarif_merge(struct cJSON **out, const struct sarif_doc *const *docs, size_t n,
                const struct sarif_merge_options *opts, struct ecg_diag *diag);

#endif
