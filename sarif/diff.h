/* `ecg sarif diff`: which results of HEAD are new since BASE, which of BASE are fixed (gone
 * from HEAD) and which are unchanged; results match one to one by key (sarif/key.h). Only
 * active results take part: suppressed ones and those whose baselineState is "absent" are set
 * aside on both sides, so a result suppressed in HEAD is never new, one unsuppressed since is. */
#ifndef ECG_SARIF_DIFF_H
#define ECG_SARIF_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "sarif/read.h"

struct cJSON;

enum sarif_diff_state {
    SARIF_DIFF_NEW,       /* in HEAD only */
    SARIF_DIFF_FIXED,     /* in BASE only */
    SARIF_DIFF_UNCHANGED, /* in both (the item shows HEAD's result) */
};

struct sarif_diff_item {
    enum sarif_diff_state state;
    struct sarif_result_view view; /* borrowed from the doc it was read from */
};

/* The comparison. Items are HEAD's active results in HEAD's order, then the fixed ones in
 * BASE's order. */
struct sarif_diff {
    struct sarif_diff_item *items; /* owned */
    size_t len;
    size_t cap;
    size_t n_new;
    size_t n_fixed;
    size_t n_unchanged;
    size_t n_suppressed; /* HEAD's suppressed results, not compared */
};

/* Compares every run of base with every run of head into out (release it with
 * sarif_diff_fini); the views borrow from both docs, which must outlive out.
 * Returns 0 or ECG_ENOMEM (then out is untouched). */
int sarif_diff_compute(struct sarif_diff *out, const struct sarif_doc *base,
                       const struct sarif_doc *head);

/* Releases what sarif_diff_compute allocated; the diff is empty afterwards. */
void sarif_diff_fini(struct sarif_diff *diff);

/* Nonzero when a new result has level "error": the change fails the gate. */
int sarif_diff_fails_gate(const struct sarif_diff *diff);

/* Prints the new results, then the fixed ones, one a line as
 * "uri:line:col: level: message [rule] (new|fixed)", then the line
 * "N new, N fixed, N unchanged" (", N suppressed" added when HEAD has suppressed results).
 * Returns 0 or ECG_EIO. */
int sarif_diff_print_text(FILE *out, const struct sarif_diff *diff);

/* Makes the diff as a new JSON object (the caller cJSON_Deletes it): arrays "new", "fixed"
 * and "unchanged" of {ruleId, level, uri, startLine, startColumn, message, fingerprint}
 * (null for what is unknown), and "counts" {new, fixed, unchanged, suppressed}.
 * Returns 0 or ECG_ENOMEM. */
int sarif_diff_to_json(struct cJSON **out, const struct sarif_diff *diff);

#endif
