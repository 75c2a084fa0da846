/* Recording a run in the history; see history.h. */
#include "analyzer/history.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/db.h"
#include "analyzer/error.h"
#include "analyzer/git.h"
#include "analyzer/result.h"

/* Counts unsuppressed findings per (rule, level); the list is sorted by path first, so
 * the counts are gathered with a linear search over the few distinct pairs. */
static int count_rules(struct ecg_db_rule_count **out, size_t *out_n, const struct ecg_result *r)
{
    struct ecg_db_rule_count *counts = calloc(r->findings.len + 1, sizeof(*counts));
    size_t n = 0;

    if (counts == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < r->findings.len; i++) {
        const struct ecg_finding *f = &r->findings.items[i];
        size_t k = 0;
        if (f->suppressed)
            continue;
        while (k < n &&
               (strcmp(counts[k].rule_id, f->rule_id) != 0 || counts[k].level != (int)f->level))
            k++;
        if (k == n) {
            counts[n].rule_id = f->rule_id;
            counts[n].level = (int)f->level;
            n++;
        }
        counts[k].count++;
    }
    *out = counts;
    *out_n = n;
    return 0;
}

static size_t count_new(const struct ecg_result *r)
{
    size_t n = 0;

    for (size_t i = 0; i < r->findings.len; i++) {
        const struct ecg_finding *f = &r->findings.items[i];
        n += !f->suppressed && f->baseline_state == ECG_BASELINE_NEW ? 1 : 0;
    }
    return n;
}

int ecg_history_record(struct ecg_db *db, const struct ecg_result *r, struct ecg_diag *diag)
{
    struct ecg_db_run run;
    struct ecg_db_rule_count *counts = NULL;
    char *commit = NULL;
    int rc = count_rules(&counts, &run.n_counts, r);

    if (rc != 0)
        return rc;
    ecg_git_head(&commit, r->root);
    run.started_at = (int64_t)r->start_time.tv_sec;
    run.finished_at = (int64_t)r->end_time.tv_sec;
    run.git_commit = commit;
    run.command_line = r->command_line;
    run.units = r->units_total;
    run.units_failed = r->units_failed;
    run.units_cached = r->units_cached;
    run.findings = r->findings.len - r->n_suppressed;
    run.suppressed = r->n_suppressed;
    run.failing = r->n_failing;
    run.new_findings = count_new(r);
    run.counts = counts;
    rc = ecg_db_history_add(db, &run, diag);
    free(counts);
    free(commit);
    return rc;
}
