/* What a check run produced, as the output writers (text, github, SARIF) consume it. The
 * findings are final: sorted, unique, fingerprinted, with suppressions and the gate
 * decided. Everything here is owned by the result. */
#ifndef ECG_ANALYZER_RESULT_H
#define ECG_ANALYZER_RESULT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "analyzer/finding.h"
#include "analyzer/metrics.h"

struct rule_desc;
struct ecg_srccache;

/* A problem with one translation unit: a clang error, or why ecg could not read it. */
struct ecg_unit_error {
    char *path;    /* owned; file the error is in (may be a header), or the unit */
    unsigned line; /* 0 when the error has no position */
    unsigned col;
    char *message; /* owned */
    char *unit;    /* owned; the translation unit's main file */
};

struct ecg_result {
    struct ecg_findings findings;
    struct ecg_findings absent; /* baseline findings no longer found (baseline_state ABSENT) */
    int baseline_in_use;        /* findings carry NEW / UNCHANGED states */
    struct ecg_unit_error *unit_errors;
    size_t n_unit_errors;
    size_t units_total;
    size_t units_failed;
    size_t n_suppressed;
    size_t n_failing;        /* findings that fail the gate (not suppressed; new with a baseline) */
    size_t units_cached;     /* units whose findings were replayed from the results database */
    size_t units_reanalysed; /* analyses made again with facts from other units */
    size_t xunit_rounds;     /* the cross-unit rounds that made any */
    size_t baseline_saved;   /* ecg baseline save: how many findings the baseline now holds */
    const struct rule_desc **rules; /* enabled in at least one unit, id order; array owned */
    size_t n_rules;
    char *root; /* project root: absolute, no trailing slash; paths are shown relative to it */
    char *command_line;         /* as invoked, words joined by blanks */
    struct timespec start_time; /* wall clock, UTC */
    struct timespec end_time;
    int timestamps;               /* zero when --no-timestamps or SOURCE_DATE_EPOCH asks for none */
    struct ecg_srccache *sources; /* file texts, for snippets; owned */
    struct ecg_metrics_rows metrics; /* with collect_metrics: per function, sorted, unique */
};

/* Prepares an empty result. */
void ecg_result_init(struct ecg_result *r);

/* Releases everything the result owns. */
void ecg_result_fini(struct ecg_result *r);

/* Records a unit error (copies the strings). Returns 0 or ECG_ENOMEM. */
int ecg_result_add_unit_error(struct ecg_result *r, const char *unit, const char *path,
                              unsigned line, unsigned col, const char *message);

/* Prints each unit error as "path:line:col: error: message" (paths relative to the current
 * directory when under it), then, per unit, that its lost (findings, metrics) are missing. */
void ecg_result_print_unit_errors(const struct ecg_result *r, FILE *out, const char *lost);

/* Writes path relative to root when it lies under it, else path itself, into buf. */
const char *ecg_result_relative_path(const struct ecg_result *r, const char *path, char *buf,
                                     size_t size);

#endif
