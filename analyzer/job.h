/* A job is one translation unit to analyse: its file, flags, configuration and enabled
 * rules, and (filled in by a worker) its findings and errors. */
#ifndef ECG_ANALYZER_JOB_H
#define ECG_ANALYZER_JOB_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/finding.h"
#include "analyzer/metrics.h"
#include "analyzer/parse.h"
#include "analyzer/strvec.h"
#include "analyzer/taint_xunit.h"

struct ecg_config;
struct rule_desc;

struct ecg_job {
    char *file;                      /* owned; absolute, normalised */
    char *directory;                 /* owned; the compile command's working directory */
    struct ecg_strvec flags;         /* compiler flags for libclang, extra args included */
    const struct ecg_config *config; /* borrowed from the run's configuration cache */
    const struct rule_desc **rules;  /* owned array of enabled rules, registry order */
    size_t n_rules;
    /* Written by the worker that analyses the job. */
    struct ecg_findings findings;
    struct ecg_parse_errors errors;
    int failed;             /* the unit could not be analysed; errors say why */
    int rc;                 /* 0, or ECG_ENOMEM when the analysis ran out of memory */
    int cached;             /* findings were replayed from the cache; the unit is not parsed */
    struct ecg_strvec deps; /* with env->collect_deps: path, content hash, path, hash ... of
                               every file the parse read, the main file first */
    struct ecg_metrics_rows metrics; /* with env->collect_metrics: one row per function
                                        defined in a kept file, in walk order */
    /* Cross-unit taint (with env->xunit; analyzer/taint_xunit_run.h). */
    struct ecg_xiface *xbase;         /* owned; the interface analysed without seeds, or NULL */
    struct ecg_xiface *xiface;        /* owned; the interface analysed with xseeds; NULL: xbase */
    struct ecg_xfacts xseeds;         /* the seeds the findings were computed with */
    struct ecg_xfacts xstored;        /* a cached unit: the seeds its replayed findings used */
    struct ecg_xiface *xstored_iface; /* owned; ... and the interface they gave */
    int xunit;  /* export the unit's taint interface and analyse it with xseeds */
    int xstale; /* the findings are for xstored, not for xseeds */
    int xrerun; /* analyse again in the current round */
};

/* What every unit of a run shares. */
struct ecg_unit_env {
    const char *resource_dir; /* clang's resource directory */
    const char *root;         /* project root, for the default header filter */
    int collect_deps;         /* record job->deps for the incremental cache */
    int collect_metrics;      /* fill job->metrics */
    int metrics_expanded;     /* job->metrics counts include macro expansions */
};

/* Releases what a job owns. */
void ecg_job_fini(struct ecg_job *job);

/* Drops a job's outputs (findings, errors, metrics, deps, cached state) before it is
 * analysed again. */
void ecg_job_reset(struct ecg_job *job);

/* Sets fails_gate on each finding: error level, or a warning its unit's configuration
 * lists in warnings_as_errors. */
void ecg_job_mark_gate(struct ecg_job *job);

/* Analyses one job with the worker's own index: checks the file is text, parses it,
 * walks it once with the enabled rules, and keeps the findings of kept files. Sets
 * job->failed (with errors) when the unit cannot be analysed. */
void ecg_job_analyze(struct ecg_job *job, CXIndex index, const struct ecg_unit_env *env);

#endif
