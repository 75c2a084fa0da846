/* Baseline marking and saving; see baseline.h. */
#include "analyzer/baseline.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/db.h"
#include "analyzer/error.h"
#include "analyzer/job.h"
#include "analyzer/result.h"
#include "rules/registry.h"
#include "rules/rule.h"

static int entry_set(struct ecg_db_baseline_entry *e, const struct ecg_result *r,
                     const struct ecg_finding *f)
{
    char rel[4096];

    memcpy(e->fingerprint, f->fingerprint, sizeof(e->fingerprint));
    e->rule_id = strdup(f->rule_id);
    e->path = strdup(ecg_result_relative_path(r, f->range.path, rel, sizeof(rel)));
    e->message = strdup(f->message);
    e->line = f->range.line;
    e->col = f->range.col;
    e->end_line = f->range.end_line;
    e->end_col = f->range.end_col;
    e->level = (int)f->level;
    return e->rule_id != NULL && e->path != NULL && e->message != NULL ? 0 : ECG_ENOMEM;
}

int ecg_baseline_from_result(struct ecg_db_baseline_entry **out, size_t *out_n,
                             const struct ecg_result *result)
{
    const struct ecg_findings *list = &result->findings;
    struct ecg_db_baseline_entry *entries = calloc(list->len + 1, sizeof(*entries));
    size_t n = 0;

    if (entries == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < list->len; i++) {
        if (list->items[i].suppressed)
            continue;
        if (entry_set(&entries[n++], result, &list->items[i]) != 0) {
            ecg_db_baseline_free(entries, n);
            return ECG_ENOMEM;
        }
    }
    *out = entries;
    *out_n = n;
    return 0;
}

static int compare_entry(const void *key, const void *item)
{
    const struct ecg_db_baseline_entry *e = item;
    return strcmp(key, e->fingerprint);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files this run read, sorted: every job's unit and deps. NULL when memory runs out. */
static char **files_read(size_t *out_n, const struct ecg_job *jobs, size_t n_jobs)
{
    size_t cap = 1, n = 0;
    char **files;

    for (size_t j = 0; j < n_jobs; j++)
        cap += 1 + jobs[j].deps.len / 2;
    files = malloc(cap * sizeof(*files));
    if (files == NULL)
        return NULL;
    for (size_t j = 0; j < n_jobs; j++) {
        files[n++] = jobs[j].file;
        for (size_t d = 0; d + 1 < jobs[j].deps.len; d += 2)
            files[n++] = jobs[j].deps.items[d];
    }
    qsort(files, n, sizeof(*files), compare_strings);
    *out_n = n;
    return files;
}

static int add_absent(struct ecg_result *r, const struct ecg_db_baseline_entry *e,
                      const char *abs_path)
{
    const struct rule_desc *desc = rule_registry_find(e->rule_id);
    struct ecg_finding f;

    if (desc == NULL)
        return 0; /* a rule this ecg no longer has: nothing to report it under */
    memset(&f, 0, sizeof(f));
    f.rule_id = desc->id;
    f.level = (enum ecg_level)e->level;
    f.baseline_state = ECG_BASELINE_ABSENT;
    memcpy(f.fingerprint, e->fingerprint, sizeof(f.fingerprint));
    f.message = strdup(e->message);
    if (f.message == NULL ||
        ecg_range_set(&f.range, abs_path, e->line, e->col, e->end_line, e->end_col) != 0) {
        ecg_finding_fini(&f);
        return ECG_ENOMEM;
    }
    return ecg_findings_take(&r->absent, &f);
}

static int collect_absent(struct ecg_result *r, const struct ecg_db_baseline_entry *entries,
                          size_t n, const unsigned char *seen, const struct ecg_job *jobs,
                          size_t n_jobs)
{
    size_t n_files = 0;
    char **files = files_read(&n_files, jobs, n_jobs);
    int rc = files != NULL ? 0 : ECG_ENOMEM;

    for (size_t i = 0; rc == 0 && i < n; i++) {
        char abs_path[8192];
        const char *key = abs_path;
        if (seen[i])
            continue;
        snprintf(abs_path, sizeof(abs_path), "%s/%s", r->root, entries[i].path);
        if (entries[i].path[0] == '/')
            snprintf(abs_path, sizeof(abs_path), "%s", entries[i].path);
        if (bsearch(&key, files, n_files, sizeof(*files), compare_strings) != NULL)
            rc = add_absent(r, &entries[i], abs_path);
    }
    free(files);
    return rc;
}

int ecg_baseline_apply(struct ecg_result *result, const struct ecg_db_baseline_entry *entries,
                       size_t n, const struct ecg_job *jobs, size_t n_jobs)
{
    unsigned char *seen = calloc(n + 1, 1);
    int rc;

    if (seen == NULL)
        return ECG_ENOMEM;
    result->baseline_in_use = 1;
    for (size_t i = 0; i < result->findings.len; i++) {
        struct ecg_finding *f = &result->findings.items[i];
        const struct ecg_db_baseline_entry *hit =
            bsearch(f->fingerprint, entries, n, sizeof(*entries), compare_entry);
        f->baseline_state = hit != NULL ? ECG_BASELINE_UNCHANGED : ECG_BASELINE_NEW;
        if (hit != NULL)
            seen[hit - entries] = 1;
    }
    rc = collect_absent(result, entries, n, seen, jobs, n_jobs);
    free(seen);
    return rc;
}
