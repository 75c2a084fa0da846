/* SARIF 2.1.0 writer: one run per invocation, built with cJSON, deterministic output.
 * Two profiles: the full log for IDEs (suppressed results kept as suppressed, fixes kept),
 * and GitHub code scanning's (suppressed results and fixes left out, GitHub's upload
 * limits enforced); both carry primaryLocationLineHash and ecg's own fingerprint. */
#ifndef ECG_SARIF_SARIF_H
#define ECG_SARIF_SARIF_H

#include <stddef.h>
#include <stdio.h>

struct ecg_result;

enum sarif_profile {
    SARIF_PROFILE_FULL,   /* for IDEs: everything */
    SARIF_PROFILE_GITHUB, /* for code scanning uploads */
};

/* GitHub code scanning's limits on one uploaded run (documented in docs/sarif.md). */
#define SARIF_GITHUB_MAX_RESULTS 25000
#define SARIF_GITHUB_MAX_RULES 25000
#define SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT 1000
#define SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS 10000
#define SARIF_GITHUB_MAX_TAGS_PER_RULE 20

struct sarif_options {
    const char *category; /* automationDetails.id; NULL for none */
    enum sarif_profile profile;
    const char *help_uri_base; /* helpUri = base + "<rule-id>.md"; NULL: the project's docs */
    size_t max_results;        /* 0: the profile's default (GitHub: SARIF_GITHUB_MAX_RESULTS) */
};

/* Writes result as a SARIF 2.1.0 log to out. Returns 0, ECG_ENOMEM or ECG_EIO. */
int sarif_write(FILE *out, const struct ecg_result *result, const struct sarif_options *opts);

/* Nonzero when base can start a rule's helpUri: an absolute URI (RFC 3986: a scheme, ':'
 * and more) of printable ASCII without blanks, quotes, <>\^`{|} or a malformed '%'
 * escape. sarif_write falls back to the project's docs for a base that is not. */
int sarif_help_uri_valid(const char *base);

#endif
