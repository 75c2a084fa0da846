/* Findings as compact JSON, for the incremental cache: what a unit reported is stored and
 * replayed without parsing. Fingerprints, suppressions and baseline states are not stored;
 * the run computes them again after replay. */
#ifndef ECG_ANALYZER_FINDINGS_JSON_H
#define ECG_ANALYZER_FINDINGS_JSON_H

#include "analyzer/finding.h"

/* Renders the list as JSON text the caller frees; NULL when memory runs out. */
char *ecg_findings_json_write(const struct ecg_findings *list);

/* Appends the findings encoded in text to list. Rule ids are resolved against the rule
 * registry. Errors: ECG_EPARSE for malformed text or an unknown rule (a stale entry),
 * ECG_ENOMEM; on error list is left as it was. */
int ecg_findings_json_read(struct ecg_findings *list, const char *text);

#endif
