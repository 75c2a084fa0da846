/* Analysis of one translation unit: text check, parse, one walk, per-unit filtering of
 * findings (exclude globs, warnings-as-errors); see job.h. */
#include "analyzer/job.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/error.h"
#include "analyzer/filefilter.h"
#include "analyzer/fir.h"
#include "analyzer/fnmetrics.h"
#include "analyzer/globs.h"
#include "analyzer/hash.h"
#include "analyzer/taint.h"
#include "analyzer/walk.h"

/* State of the walk's metrics sink: rows go to the job, for functions in kept files. */
struct metrics_sink {
    struct ecg_job *job;
    struct ecg_filefilter *filter;
    int expanded;
    int rc;
};

/* State of the inclusion visitor that records a unit's dependencies. */
struct dep_walk {
    CXTranslationUnit tu;
    struct ecg_filefilter *filter; /* resolves and caches real paths */
    struct ecg_strvec *deps;
    int rc;
};

static void free_iface(struct ecg_xiface *x)
{
    ecg_xiface_fini(x);
    free(x);
}

void ecg_job_reset(struct ecg_job *job)
{
    ecg_findings_fini(&job->findings);
    ecg_parse_errors_fini(&job->errors);
    ecg_metrics_rows_fini(&job->metrics);
    ecg_strvec_fini(&job->deps);
    job->failed = 0;
    job->cached = 0;
    job->xstale = 0;
}

void ecg_job_fini(struct ecg_job *job)
{
    free_iface(job->xbase);
    free_iface(job->xiface);
    free_iface(job->xstored_iface);
    ecg_xfacts_fini(&job->xseeds);
    ecg_xfacts_fini(&job->xstored);
    free(job->file);
    free(job->directory);
    ecg_strvec_fini(&job->flags);
    ecg_strvec_fini(&job->deps);
    free(job->rules);
    ecg_findings_fini(&job->findings);
    ecg_parse_errors_fini(&job->errors);
    ecg_metrics_rows_fini(&job->metrics);
    memset(job, 0, sizeof(*job));
}

static void job_fail(struct ecg_job *job, const char *message)
{
    job->failed = 1;
    if (ecg_parse_errors_add(&job->errors, job->file, 0, 0, message) != 0)
        job->rc = ECG_ENOMEM;
}

/* A unit must be a readable text file; libclang's errors for other files are obscure. */
static int job_check_text(struct ecg_job *job)
{
    char head[8192], message[512];
    FILE *f = fopen(job->file, "rb");
    size_t n;

    if (f == NULL) {
        snprintf(message, sizeof(message), "cannot open: %s", strerror(errno));
        job_fail(job, message);
        return 0;
    }
    n = fread(head, 1, sizeof(head), f);
    fclose(f);
    if (memchr(head, '\0', n) != NULL) {
        job_fail(job, "not a C source file: it contains NUL bytes (a binary file?)");
        return 0;
    }
    return 1;
}

void ecg_job_mark_gate(struct ecg_job *job)
{
    const char *globs = job->config != NULL ? job->config->warnings_as_errors : NULL;

    for (size_t i = 0; i < job->findings.len; i++) {
        struct ecg_finding *f = &job->findings.items[i];
        f->fails_gate = f->level == ECG_LEVEL_ERROR ||
                        (f->level == ECG_LEVEL_WARNING && ecg_globs_decide(globs, f->rule_id, 0));
    }
}

static int job_path_excluded(const struct ecg_job *job, const char *path)
{
    const struct ecg_strvec *ex = job->config != NULL ? &job->config->exclude : NULL;

    for (size_t i = 0; ex != NULL && i < ex->len; i++) {
        if (ecg_globs_match_path(ex->items[i], path))
            return 1;
    }
    return 0;
}

static void job_drop_excluded_metrics(struct ecg_job *job)
{
    struct ecg_metrics_rows *rows = &job->metrics;
    size_t kept = 0;

    for (size_t i = 0; i < rows->len; i++) {
        if (job_path_excluded(job, rows->items[i].path)) {
            free(rows->items[i].path);
            free(rows->items[i].function);
            continue;
        }
        rows->items[kept++] = rows->items[i];
    }
    rows->len = kept;
}

static void job_drop_excluded(struct ecg_job *job)
{
    size_t kept = 0;

    for (size_t i = 0; i < job->findings.len; i++) {
        struct ecg_finding *f = &job->findings.items[i];
        if (job_path_excluded(job, f->range.path)) {
            ecg_finding_fini(f);
            continue;
        }
        job->findings.items[kept++] = *f;
    }
    job->findings.len = kept;
    job_drop_excluded_metrics(job);
}

static void job_add_metrics(void *arg, const struct ecg_fn_metrics *m)
{
    struct metrics_sink *sink = arg;
    const char *path = NULL;

    if (sink->rc != 0 ||
        !ecg_filefilter_keep(sink->filter, clang_getCursorLocation(m->function), &path))
        return;
    sink->rc = ecg_metrics_rows_add(&sink->job->metrics, m, path, sink->expanded);
}

static const char *filter_path(void *arg, CXFile file)
{
    return ecg_filefilter_path(arg, file);
}

/* The engine the rules used, or one made now when none asked for flows. */
static int export_engine(struct ecg_taint **out, struct ecg_walk *walk)
{
    struct ecg_taint_inputs in = { walk->tu, walk->fir, NULL, walk->flow_categories };

    if (walk->taint != NULL) {
        *out = walk->taint;
        return 0;
    }
    if (walk->fir->failed)
        return ECG_ENOMEM;
    in.config = walk->config != NULL ? walk->config->taint : NULL;
    if (ecg_taint_new_seeded(&walk->taint, &in, walk->taint_seeds) != 0)
        return ECG_ENOMEM;
    *out = walk->taint;
    return 0;
}

/* Adds the pointer states the rules hand on, and the ones they asked about, to x. */
static int export_values(struct ecg_xiface *x, const struct ecg_walk *walk)
{
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < walk->value_exports.len; i++)
        rc = ecg_taint_xunit_fact_add(&x->facts, &walk->value_exports.items[i]);
    for (size_t i = 0; rc == 0 && i < walk->value_wants.len; i++)
        rc = ecg_taint_xunit_name_add(&x->wants, walk->value_wants.items[i]);
    return rc;
}

/* Keeps the unit's taint interface: as its base without seeds, else as the seeded one. */
static int job_export(struct ecg_job *job, struct ecg_walk *walk, struct ecg_filefilter *filter)
{
    struct ecg_xiface *x;
    struct ecg_taint *t = NULL;
    int rc;

    if (!job->xunit || walk->fir == NULL)
        return 0;
    x = calloc(1, sizeof(*x));
    if (x == NULL)
        return ECG_ENOMEM;
    rc = export_engine(&t, walk);
    if (rc == 0)
        rc = ecg_taint_export(x, t, filter_path, filter);
    /* no enabled rule reads flows: taint would only make other units run again for nothing */
    if (walk->flow_categories == 0)
        ecg_xfacts_fini(&x->facts);
    if (rc == 0)
        rc = export_values(x, walk);
    if (rc != 0) {
        free_iface(x);
        return rc;
    }
    if (job->xseeds.len == 0) {
        free_iface(job->xbase);
        job->xbase = x;
    } else {
        free_iface(job->xiface);
        job->xiface = x;
    }
    return 0;
}

/* Splits the job's sorted seeds into the taint engine's (first) and the rules' pointer-state
 * facts: two views of one list, which stays the owner. */
static void set_seeds(struct ecg_walk *walk, struct ecg_xfacts views[2], const struct ecg_job *job)
{
    size_t n_taint;

    if (!job->xunit || job->xseeds.len == 0)
        return;
    n_taint = ecg_taint_xunit_taint_count(&job->xseeds);
    views[0] = (struct ecg_xfacts){ job->xseeds.items, n_taint, n_taint };
    views[1] = (struct ecg_xfacts){ job->xseeds.items + n_taint, job->xseeds.len - n_taint,
                                    job->xseeds.len - n_taint };
    walk->taint_seeds = n_taint > 0 ? &views[0] : NULL;
    walk->value_seeds = views[1].len > 0 ? &views[1] : NULL;
}

static void job_walk(struct ecg_job *job, CXTranslationUnit tu, const struct ecg_unit_env *env,
                     const regex_t *header_regex)
{
    struct ecg_filefilter filter;
    struct ecg_walk walk;
    struct ecg_xfacts seeds[2];
    struct metrics_sink sink = { job, &filter, env->metrics_expanded, 0 };
    struct ecg_walk_inputs in = {
        tu, job->config, &filter, &job->findings, job->rules, job->n_rules
    };
    int rc;

    ecg_filefilter_init(&filter, clang_getFile(tu, job->file), env->root, header_regex);
    rc = ecg_walk_init(&walk, &in);
    if (rc == 0 && env->collect_metrics) {
        walk.metrics_sink = job_add_metrics;
        walk.metrics_arg = &sink;
    }
    set_seeds(&walk, seeds, job);
    if (rc == 0)
        rc = ecg_walk_run(&walk);
    if (rc == 0)
        rc = job_export(job, &walk, &filter);
    if (rc == 0)
        rc = sink.rc;
    ecg_walk_fini(&walk);
    ecg_filefilter_fini(&filter);
    if (rc != 0)
        job->rc = rc;
}

static void job_walk_filtered(struct ecg_job *job, CXTranslationUnit tu,
                              const struct ecg_unit_env *env)
{
    const char *pattern = job->config != NULL ? job->config->header_filter : NULL;
    regex_t regex;

    if (pattern == NULL) {
        job_walk(job, tu, env, NULL);
        return;
    }
    /* The configuration loader validated the pattern, so this compiles. */
    if (regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
        job_fail(job, "--header-filter is not a valid extended regular expression");
        return;
    }
    job_walk(job, tu, env, &regex);
    regfree(&regex);
}

/* The file's contents as clang read them (not as they are on disk now, which may have
 * changed since), hashed, with its real path. */
static void record_dep(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    struct dep_walk *dw = data;
    size_t size = 0;
    const char *text = clang_getFileContents(dw->tu, file, &size);
    const char *path = ecg_filefilter_path(dw->filter, file);
    char hex[33];

    (void)stack;
    (void)depth;
    if (dw->rc != 0 || path == NULL) {
        dw->rc = ECG_ENOMEM;
        return;
    }
    ecg_hash_hex(hex, text != NULL ? text : "", text != NULL ? size : 0);
    dw->rc = ecg_strvec_push(dw->deps, path);
    if (dw->rc == 0)
        dw->rc = ecg_strvec_push(dw->deps, text != NULL ? hex : "-");
}

static void job_collect_deps(struct ecg_job *job, CXTranslationUnit tu)
{
    struct ecg_filefilter filter;
    struct dep_walk dw = { tu, &filter, &job->deps, 0 };

    ecg_filefilter_init(&filter, clang_getFile(tu, job->file), NULL, NULL);
    clang_getInclusions(tu, record_dep, &dw);
    ecg_filefilter_fini(&filter);
    if (dw.rc != 0)
        job->rc = dw.rc;
}

void ecg_job_analyze(struct ecg_job *job, CXIndex index, const struct ecg_unit_env *env)
{
    struct ecg_parse_request req = { job->file, job->directory, &job->flags, env->resource_dir };
    CXTranslationUnit tu = NULL;
    int rc;

    if (!job_check_text(job))
        return;
    rc = ecg_parse_unit(&tu, index, &req, &job->errors);
    if (rc != 0 || job->errors.len > 0) {
        job->failed = 1;
        if (rc == ECG_ENOMEM)
            job->rc = rc;
        if (tu != NULL)
            clang_disposeTranslationUnit(tu);
        return;
    }
    if (env->collect_deps)
        job_collect_deps(job, tu);
    /* With every rule off and no metrics asked for, the walk has nothing to feed. */
    if (job->n_rules > 0 || env->collect_metrics)
        job_walk_filtered(job, tu, env);
    clang_disposeTranslationUnit(tu);
    job_drop_excluded(job);
    ecg_job_mark_gate(job);
}
