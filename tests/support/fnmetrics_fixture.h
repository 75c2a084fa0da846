/* Helpers shared by the per-function metrics unit tests (test_fnmetrics*.c): virtual source
 * parsed, walked by the real walk with a rule that records every function's metrics, and
 * lookup of one function's record. Each fails the test rather than returning an error. */
#ifndef ECG_TESTS_SUPPORT_FNMETRICS_FIXTURE_H
#define ECG_TESTS_SUPPORT_FNMETRICS_FIXTURE_H

#include <stddef.h>

#include "analyzer/filefilter.h"
#include "analyzer/finding.h"
#include "analyzer/fnmetrics.h"
#include "analyzer/walk.h"

struct rule_desc;

#define FNMETRICS_FIXTURE_MAX_FNS 24
#define FNMETRICS_FIXTURE_MAX_STEPS 48

struct fnmetrics_fixture_step {
    struct ecg_cognitive_step s; /* its range is only read while the unit is alive */
    unsigned line, col;
};

/* What the recording rule copied from one function's metrics. */
struct fnmetrics_fixture_fn {
    char name[64];
    unsigned line;
    struct ecg_fn_counts written, expanded;
    unsigned parameters, lines;
    unsigned deepest_line, deepest_col;
    struct fnmetrics_fixture_step steps[FNMETRICS_FIXTURE_MAX_STEPS];
    size_t n_steps;
};

struct fnmetrics_fixture_run {
    struct fnmetrics_fixture_fn fns[FNMETRICS_FIXTURE_MAX_FNS];
    size_t n;
    int metrics_outside_leave; /* rule_function_metrics was not NULL in on_function_enter */
    int metrics_without_need;  /* ... nor for a rule without needs_metrics */
    size_t sunk;               /* functions the walk's sink received */
};

/* Parses source as /virtual/t.c (gnu11 with blocks; `#include "h.h"` reads header, which may be
 * NULL) with the detailed preprocessing record; fails the test on any error. The unit is the
 * caller's to dispose. */
CXTranslationUnit fnmetrics_fixture_parse(CXIndex index, const char *source, const char *header);

/* One unit parsed and a walk over it made ready, with everything the walk borrows. */
struct fnmetrics_fixture_walk {
    CXIndex index;
    CXTranslationUnit tu;
    struct ecg_filefilter filter; /* /virtual/t.c and the files beside it count */
    struct ecg_findings findings;
    struct ecg_walk walk;
};

/* Parses source (as fnmetrics_fixture_parse, with header) and initializes fw->walk with the
 * n_rules rules; the caller sets the walk's metrics sink, runs it and reads the rules' states,
 * then calls fnmetrics_fixture_walk_end. Fails the test on any error. */
void fnmetrics_fixture_walk_start(struct fnmetrics_fixture_walk *fw, const char *source,
                                  const char *header, const struct rule_desc *const *rules,
                                  size_t n_rules);

/* Releases the walk, the filter, the findings and the unit of fw. */
void fnmetrics_fixture_walk_end(struct fnmetrics_fixture_walk *fw);

/* Walks source (a file /virtual/t.c, gnu11 with blocks, which must parse without errors) with
 * the recording rule, a rule that does not ask for metrics and the walk's metrics sink, and
 * checks that metrics reach only the rule that asks, only when a function ends. The result
 * is the caller's to free. */
struct fnmetrics_fixture_run *fnmetrics_fixture_measure(const char *source);

/* The record of the function named name (borrowed from rec); fails the test when none. */
const struct fnmetrics_fixture_fn *fnmetrics_fixture_fn(const struct fnmetrics_fixture_run *rec,
                                                        const char *name);

#endif
