/* A finding is what a rule reports: rule, level, primary range, message, and optionally
 * related locations, a flow, fixes, a fingerprint and a suppression. Findings own every
 * string they hold, so they outlive the translation unit they came from. */
#ifndef ECG_ANALYZER_FINDING_H
#define ECG_ANALYZER_FINDING_H

#include <stddef.h>

enum ecg_level {
    ECG_LEVEL_NOTE,
    ECG_LEVEL_WARNING,
    ECG_LEVEL_ERROR,
};

/* A source range. Lines and columns are 1-based; columns count bytes (clang's columns).
 * The end is exclusive: end_col is the column just past the last character. */
struct ecg_range {
    char *path; /* owned; absolute and normalised */
    unsigned line;
    unsigned col;
    unsigned end_line;
    unsigned end_col;
};

/* A secondary location: a related place or one step of a flow. */
struct ecg_note {
    struct ecg_range range;
    char *message; /* owned */
};

/* One text replacement of a fix: replace range with replacement. */
struct ecg_edit {
    struct ecg_range range;
    char *replacement; /* owned; may be empty (a deletion) */
};

/* Where a finding stands against the saved baseline (ecg check --baseline). */
enum ecg_baseline_state {
    ECG_BASELINE_NONE,      /* no baseline in use */
    ECG_BASELINE_NEW,       /* not in the baseline: may fail the gate */
    ECG_BASELINE_UNCHANGED, /* in the baseline: reported, never fails the gate */
    ECG_BASELINE_ABSENT,    /* in the baseline, no longer found (result->absent only) */
};

struct ecg_finding {
    const char *rule_id; /* borrowed from the rule's static descriptor */
    enum ecg_level level;
    struct ecg_range range;
    char *message; /* owned */
    struct ecg_note *related;
    size_t n_related;
    struct ecg_note *flow; /* ordered steps, source first */
    size_t n_flow;
    struct ecg_edit *edits; /* one fix, as a set of replacements */
    size_t n_edits;
    char *fix_description; /* owned; NULL when there is no fix */
    char fingerprint[17];  /* hex, stable across line shifts; see fingerprint.h */
    int suppressed;        /* set by the suppression pass */
    char *justification;   /* owned; the suppressing comment's text */
    int fails_gate;        /* error level, or matched by warnings_as_errors */
    enum ecg_baseline_state baseline_state;
};

struct ecg_findings {
    struct ecg_finding *items;
    size_t len;
    size_t cap;
};

/* Returns "note", "warning" or "error". */
const char *ecg_level_name(enum ecg_level level);

/* Parses "note", "warning" or "error"; returns 0 or ECG_ECONFIG. */
int ecg_level_parse(enum ecg_level *out, const char *name);

/* Sets a range, copying path. Returns 0 or ECG_ENOMEM. */
int ecg_range_set(struct ecg_range *range, const char *path, unsigned line, unsigned col,
                  unsigned end_line, unsigned end_col);

/* Releases what a finding owns (not the finding itself). */
void ecg_finding_fini(struct ecg_finding *f);

/* Appends a note to an array (related or flow). Returns 0 or ECG_ENOMEM. */
int ecg_finding_add_note(struct ecg_note **notes, size_t *n, const struct ecg_range *range,
                         const char *message);

/* Appends one replacement to the finding's fix. Returns 0 or ECG_ENOMEM. */
int ecg_finding_add_edit(struct ecg_finding *f, const struct ecg_range *range,
                         const char *replacement);

void ecg_findings_init(struct ecg_findings *list);
void ecg_findings_fini(struct ecg_findings *list);

/* Moves *f into the list (f is zeroed). On failure f is released. Returns 0 or ECG_ENOMEM. */
int ecg_findings_take(struct ecg_findings *list, struct ecg_finding *f);

/* Moves every finding of from into list; from is left empty. Returns 0 or ECG_ENOMEM. */
int ecg_findings_move_all(struct ecg_findings *list, struct ecg_findings *from);

/* Total order used for output: path, line, column, end, rule id, message. */
int ecg_finding_compare(const struct ecg_finding *a, const struct ecg_finding *b);

/* Sorts the list and drops exact duplicates (same rule, range and message), which arise
 * when a header is reached from several translation units. */
void ecg_findings_sort_unique(struct ecg_findings *list);

#endif
