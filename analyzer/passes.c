/* Post-analysis passes over the run's findings; see passes.h. */
#include "analyzer/passes.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/baseline.h"
#include "analyzer/error.h"
#include "analyzer/fingerprint.h"
#include "analyzer/git.h"
#include "analyzer/result.h"
#include "analyzer/srcfile.h"
#include "analyzer/suppress.h"

static void report_nolint_problems(const struct ecg_srcfile *file, FILE *err)
{
    size_t n = 0;
    const struct ecg_nolint_problem *problems = ecg_suppress_problems(file->nolint, &n);

    for (size_t i = 0; i < n; i++)
        fprintf(err, "%s:%u:%u: warning: %s [ecg-nolint]\n", file->path, problems[i].line,
                problems[i].col, problems[i].message);
}

static int suppress_one(struct ecg_result *r, struct ecg_finding *f, FILE *err)
{
    struct ecg_srcfile *file = ecg_srccache_get(r->sources, f->range.path);
    const char *comment = NULL;

    if (file == NULL)
        return ECG_ENOMEM;
    if (file->text == NULL)
        return 0;
    if (file->nolint == NULL) {
        file->nolint = ecg_suppress_scan(file->text, file->len);
        if (file->nolint == NULL)
            return ECG_ENOMEM;
        report_nolint_problems(file, err);
    }
    if (!ecg_suppress_match(file->nolint, f->range.line, f->rule_id, &comment))
        return 0;
    f->suppressed = 1;
    f->justification = strdup(comment != NULL ? comment : "NOLINT");
    r->n_suppressed++;
    return f->justification != NULL ? 0 : ECG_ENOMEM;
}

/* Drops findings that touch no line changed since the --changed-since revision. */
static void keep_changed(struct ecg_result *r, const struct ecg_changes *changes)
{
    size_t kept = 0;

    for (size_t i = 0; i < r->findings.len; i++) {
        struct ecg_finding *f = &r->findings.items[i];
        unsigned end = f->range.end_line >= f->range.line ? f->range.end_line : f->range.line;
        if (!ecg_git_changes_touch(changes, f->range.path, f->range.line, end)) {
            ecg_finding_fini(f);
            continue;
        }
        r->findings.items[kept++] = *f;
    }
    r->findings.len = kept;
}

/* With a baseline only new findings fail the gate; unchanged ones are reported. */
static void count_gate(struct ecg_result *r)
{
    r->n_failing = 0;
    for (size_t i = 0; i < r->findings.len; i++) {
        const struct ecg_finding *f = &r->findings.items[i];
        if (f->fails_gate && !f->suppressed && f->baseline_state != ECG_BASELINE_UNCHANGED)
            r->n_failing++;
    }
}

int ecg_passes_run(struct ecg_result *r, const struct ecg_passes *p)
{
    int rc;

    ecg_findings_sort_unique(&r->findings);
    rc = ecg_fingerprint_assign(r);
    if (rc == 0 && p->changes != NULL)
        keep_changed(r, p->changes);
    for (size_t i = 0; rc == 0 && i < r->findings.len; i++)
        rc = suppress_one(r, &r->findings.items[i], p->err);
    if (rc == 0 && p->use_baseline)
        rc = ecg_baseline_apply(r, p->baseline, p->n_baseline, p->jobs, p->n_jobs);
    if (rc == 0)
        count_gate(r);
    return rc;
}
