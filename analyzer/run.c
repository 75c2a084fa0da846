/* The check run; see run.h. */
#include "analyzer/path.h"
#include "analyzer/run.h"

#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/build_config.h"
#include "analyzer/cli.h"
#include "analyzer/compdb.h"
#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fingerprint.h"
#include "analyzer/globs.h"
#include "analyzer/job.h"
#include "analyzer/plan.h"
#include "analyzer/result.h"
#include "analyzer/srcfile.h"
#include "analyzer/suppress.h"
#include "analyzer/workers.h"
#include "rules/registry.h"
#include "rules/rule.h"

static int set_string(char **field, const char *value)
{
    char *copy;

    if (value == NULL)
        return 0;
    copy = strdup(value);
    if (copy == NULL)
        return ECG_ENOMEM;
    free(*field);
    *field = copy;
    return 0;
}

/* The command line's --header-filter must compile, like the configuration key. */
static int check_header_filter(const char *pattern, struct ecg_diag *diag)
{
    regex_t regex;
    char why[256];
    int rc;

    if (pattern == NULL)
        return 0;
    rc = regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB);
    if (rc == 0) {
        regfree(&regex);
        return 0;
    }
    regerror(rc, &regex, why, sizeof(why));
    ecg_diag_set(diag, NULL, 0, 0, "--header-filter '%s' is not a valid extended regular "
                                   "expression: %s", pattern, why);
    return ECG_EUSAGE;
}

int ecg_run_cli_config(struct ecg_config **out, const struct ecg_check_options *opts,
                       struct ecg_diag *diag)
{
    struct ecg_config *cfg = NULL, *flags = ecg_config_new();
    char cwd[PATH_MAX];
    int rc = flags != NULL ? 0 : ECG_ENOMEM;

    if (rc == 0)
        rc = check_header_filter(opts->header_filter, diag);
    if (rc == 0)
        rc = set_string(&flags->checks, opts->checks);
    if (rc == 0)
        rc = set_string(&flags->warnings_as_errors, opts->warnings_as_errors);
    if (rc == 0)
        rc = set_string(&flags->header_filter, opts->header_filter);
    if (rc == 0 && opts->config_text != NULL) {
        const char *dir = getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "/";
        rc = ecg_config_parse(&cfg, opts->config_text, strlen(opts->config_text), "<--config>",
                              dir, diag);
    }
    if (rc == 0 && cfg == NULL) {
        cfg = flags;
        flags = NULL;
    } else if (rc == 0) {
        rc = ecg_config_merge(cfg, flags);
    }
    ecg_config_free(flags);
    if (rc != 0) {
        ecg_config_free(cfg);
        return rc;
    }
    *out = cfg;
    return 0;
}

static int has_git(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;

    snprintf(path, sizeof(path), "%s/.git", dir);
    return stat(path, &st) == 0;
}

/* The nearest ancestor of start (inclusive) holding .git, or NULL. */
static char *git_toplevel(const char *start)
{
    char *dir = strdup(start);

    while (dir != NULL) {
        char *slash;
        if (has_git(dir))
            return dir;
        slash = strrchr(dir, '/');
        if (slash == NULL || slash == dir) {
            free(dir);
            return NULL;
        }
        *slash = '\0';
    }
    return NULL;
}

static char *first_input_dir(const struct ecg_check_options *opts, const char *cwd)
{
    char *path, *slash;

    if (opts->files.len == 0)
        return ecg_path_absolute(cwd, opts->build_path != NULL ? opts->build_path : ".");
    path = ecg_path_absolute(cwd, opts->files.items[0]);
    slash = path != NULL ? strrchr(path, '/') : NULL;
    if (slash != NULL && slash != path)
        *slash = '\0';
    return path;
}

char *ecg_run_project_root(const struct ecg_check_options *opts)
{
    char cwd[PATH_MAX];
    char *start, *root;

    if (getcwd(cwd, sizeof(cwd)) == NULL)
        snprintf(cwd, sizeof(cwd), "/");
    if (opts->project_root != NULL)
        return ecg_path_absolute(cwd, opts->project_root);
    start = first_input_dir(opts, cwd);
    root = start != NULL ? git_toplevel(start) : NULL;
    if (root == NULL)
        root = git_toplevel(cwd);
    free(start);
    return root != NULL ? root : strdup(cwd);
}

int ecg_run_effective_config(struct ecg_config **out, const struct ecg_check_options *opts,
                             struct ecg_diag *diag)
{
    struct ecg_config *cli = NULL, *copy = NULL;
    struct ecg_config_cache *cache = NULL;
    const struct ecg_config *cfg;
    char cwd[PATH_MAX], probe[PATH_MAX + 16];
    int rc = ecg_run_cli_config(&cli, opts, diag);

    if (rc == 0) {
        cache = ecg_config_cache_new(opts->config_file, cli);
        copy = ecg_config_new();
        rc = cache != NULL && copy != NULL ? 0 : ECG_ENOMEM;
    }
    if (rc == 0 && opts->files.len > 0)
        snprintf(probe, sizeof(probe), "%s", opts->files.items[0]);
    else if (rc == 0)
        snprintf(probe, sizeof(probe), "%s/-", getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "");
    if (rc == 0)
        rc = ecg_config_cache_get(cache, probe, &cfg, diag);
    if (rc == 0)
        rc = ecg_config_merge(copy, cfg);
    ecg_config_cache_free(cache);
    ecg_config_free(cli);
    if (rc != 0) {
        ecg_config_free(copy);
        return rc;
    }
    *out = copy;
    return 0;
}

static void warn_unmatched_check(void *arg, const char *entry)
{
    fprintf((FILE *)arg, "ecg: warning: check glob '%s' matches no rule "
                         "(see 'ecg check --list-checks' or 'ecg rules')\n", entry);
}

void ecg_run_warn_unknown_checks(const struct ecg_check_options *opts, FILE *err)
{
    size_t n = rule_registry_count();
    const char *names[512];

    if (opts->checks == NULL || opts->quiet)
        return;
    for (size_t i = 0; i < n && i < 512; i++)
        names[i] = rule_registry_at(i)->id;
    ecg_globs_each_unmatched(opts->checks, names, n < 512 ? n : 512, warn_unmatched_check, err);
}

/* Moves every job's findings and errors into the result, in job order. */
static int merge_jobs(struct ecg_result *r, struct ecg_plan *plan, unsigned char *enabled)
{
    int rc = 0;

    for (size_t j = 0; j < plan->n_jobs; j++) {
        struct ecg_job *job = &plan->jobs[j];
        for (size_t e = 0; rc == 0 && e < job->errors.len; e++) {
            const struct ecg_parse_error *pe = &job->errors.items[e];
            rc = ecg_result_add_unit_error(r, job->file, pe->path, pe->line, pe->col,
                                           pe->message);
        }
        r->units_failed += job->failed ? 1 : 0;
        if (rc == 0 && job->rc != 0)
            rc = job->rc;
        if (rc == 0)
            rc = ecg_findings_move_all(&r->findings, &job->findings);
        for (size_t k = 0; k < job->n_rules; k++)
            enabled[rule_registry_index(job->rules[k]->id)] = 1;
    }
    r->units_total = plan->n_jobs;
    return rc;
}

static int collect_rules(struct ecg_result *r, const unsigned char *enabled)
{
    size_t n = rule_registry_count();

    r->rules = calloc(n != 0 ? n : 1, sizeof(*r->rules));
    if (r->rules == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (enabled[i])
            r->rules[r->n_rules++] = rule_registry_at(i);
    }
    return 0;
}

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

static int finish_findings(struct ecg_result *r, FILE *err)
{
    ecg_findings_sort_unique(&r->findings);
    for (size_t i = 0; i < r->findings.len; i++) {
        struct ecg_finding *f = &r->findings.items[i];
        int rc = suppress_one(r, f, err);
        if (rc != 0)
            return rc;
        if (f->fails_gate && !f->suppressed)
            r->n_failing++;
    }
    return ecg_fingerprint_assign(r);
}

static int analyze(struct ecg_result *r, const struct ecg_check_options *opts,
                   struct ecg_plan *plan, FILE *err)
{
    unsigned char *enabled = calloc(rule_registry_count() + 1, 1);
    struct ecg_unit_env env;
    struct ecg_progress progress = { NULL, NULL };
    char cwd[PATH_MAX];
    int rc;

    if (enabled == NULL)
        return ECG_ENOMEM;
    env.resource_dir = opts->resource_dir != NULL ? opts->resource_dir : ECG_DEFAULT_RESOURCE_DIR;
    env.root = r->root;
    if (!opts->quiet && isatty(fileno(err))) {
        progress.stream = err;
        progress.cwd = getcwd(cwd, sizeof(cwd));
    }
    rc = ecg_workers_run(plan->jobs, plan->n_jobs, opts->jobs, &env, &progress);
    if (rc == 0)
        rc = merge_jobs(r, plan, enabled);
    if (rc == 0)
        rc = collect_rules(r, enabled);
    free(enabled);
    return rc;
}

int ecg_run_check(struct ecg_result *result, const struct ecg_check_options *opts, FILE *err,
                  struct ecg_diag *diag)
{
    struct ecg_config *cli = NULL;
    struct ecg_config_cache *configs = NULL;
    struct ecg_plan plan = { NULL, 0, 0 };
    int rc;

    clock_gettime(CLOCK_REALTIME, &result->start_time);
    result->timestamps = !opts->no_timestamps && getenv("SOURCE_DATE_EPOCH") == NULL;
    result->root = ecg_run_project_root(opts);
    result->sources = ecg_srccache_new();
    result->command_line = strdup(opts->command_line != NULL ? opts->command_line : "ecg check");
    rc = result->root && result->sources && result->command_line ? 0 : ECG_ENOMEM;
    if (rc == 0)
        rc = ecg_run_cli_config(&cli, opts, diag);
    if (rc == 0) {
        configs = ecg_config_cache_new(opts->config_file, cli);
        rc = configs != NULL ? 0 : ECG_ENOMEM;
    }
    if (rc == 0) {
        ecg_run_warn_unknown_checks(opts, err);
        rc = ecg_plan_build(&plan, opts, configs, err, diag);
    }
    if (rc == 0)
        rc = analyze(result, opts, &plan, err);
    if (rc == 0)
        rc = finish_findings(result, err);
    clock_gettime(CLOCK_REALTIME, &result->end_time);
    ecg_plan_fini(&plan);
    ecg_config_cache_free(configs);
    ecg_config_free(cli);
    return rc;
}
