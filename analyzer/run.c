/* The check run; see run.h. */
#include "analyzer/run.h"

#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/build_config.h"
#include "analyzer/cache.h"
#include "analyzer/cli.h"
#include "analyzer/compdb.h"
#include "analyzer/config.h"
#include "analyzer/db.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/git.h"
#include "analyzer/globs.h"
#include "analyzer/history.h"
#include "analyzer/job.h"
#include "analyzer/metrics.h"
#include "analyzer/passes.h"
#include "analyzer/path.h"
#include "analyzer/plan.h"
#include "analyzer/result.h"
#include "analyzer/rundb.h"
#include "analyzer/srcfile.h"
#include "analyzer/taint_xunit_run.h"
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
    ecg_diag_set(diag, NULL, 0, 0,
                 "--header-filter '%s' is not a valid extended regular "
                 "expression: %s",
                 pattern, why);
    return ECG_EUSAGE;
}

/* The configuration the flags spell: --checks, --warnings-as-errors, --header-filter. */
static int flag_config(struct ecg_config **out, const struct ecg_check_options *opts,
                       struct ecg_diag *diag)
{
    struct ecg_config *flags = ecg_config_new();
    int rc = flags != NULL ? 0 : ECG_ENOMEM;

    if (rc == 0)
        rc = check_header_filter(opts->header_filter, diag);
    if (rc == 0)
        rc = set_string(&flags->checks, opts->checks);
    if (rc == 0)
        rc = set_string(&flags->warnings_as_errors, opts->warnings_as_errors);
    if (rc == 0)
        rc = set_string(&flags->header_filter, opts->header_filter);
    if (rc != 0) {
        ecg_config_free(flags);
        return rc;
    }
    *out = flags;
    return 0;
}

/* --config TEXT, read as a file in the current directory would be; *out is NULL without it. */
static int text_config(struct ecg_config **out, const struct ecg_check_options *opts,
                       struct ecg_diag *diag)
{
    char cwd[PATH_MAX];
    const char *dir;

    if (opts->config_text == NULL) {
        *out = NULL;
        return 0;
    }
    dir = getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "/";
    return ecg_config_parse(out, opts->config_text, strlen(opts->config_text), "<--config>", dir,
                            diag);
}

int ecg_run_cli_config(struct ecg_config **out, const struct ecg_check_options *opts,
                       struct ecg_diag *diag)
{
    struct ecg_config *cfg = NULL, *flags = NULL;
    int rc = flag_config(&flags, opts, diag);

    if (rc == 0)
        rc = text_config(&cfg, opts, diag);
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

    if (dir == NULL)
        return NULL;
    do {
        if (has_git(dir))
            return dir;
    } while (ecg_path_parent(dir));
    free(dir);
    return NULL;
}

static char *first_input_dir(const struct ecg_check_options *opts, const char *cwd)
{
    char *path, *dir;

    if (opts->files.len == 0)
        return ecg_path_absolute(cwd, opts->build_path != NULL ? opts->build_path : ".");
    path = ecg_path_absolute(cwd, opts->files.items[0]);
    dir = path != NULL ? ecg_path_dirname(path) : NULL;
    free(path);
    return dir;
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

/* A path whose directory decides the configuration: the first input file, else a name in
 * the current directory. */
static void config_probe(char *buf, size_t size, const struct ecg_check_options *opts)
{
    char cwd[PATH_MAX];

    if (opts->files.len > 0)
        snprintf(buf, size, "%s", opts->files.items[0]);
    else
        snprintf(buf, size, "%s/-", getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "");
}

int ecg_run_effective_config(struct ecg_config **out, const struct ecg_check_options *opts,
                             struct ecg_diag *diag)
{
    struct ecg_config *cli = NULL, *copy = NULL;
    struct ecg_config_cache *cache = NULL;
    const struct ecg_config *cfg;
    char probe[PATH_MAX + 16];
    int rc = ecg_run_cli_config(&cli, opts, diag);

    if (rc == 0) {
        cache = ecg_config_cache_new(opts->config_file, cli);
        copy = ecg_config_new();
        rc = cache != NULL && copy != NULL ? 0 : ECG_ENOMEM;
    }
    if (rc == 0) {
        config_probe(probe, sizeof(probe), opts);
        rc = ecg_config_cache_get(cache, probe, &cfg, diag);
    }
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
    fprintf((FILE *)arg,
            "ecg: warning: check glob '%s' matches no rule "
            "(see 'ecg check --list-checks' or 'ecg rules')\n",
            entry);
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

/* Moves a job's findings and metrics rows into the result. */
static int move_outputs(struct ecg_result *r, struct ecg_job *job)
{
    int rc = ecg_findings_move_all(&r->findings, &job->findings);

    if (rc == 0)
        rc = ecg_metrics_rows_move_all(&r->metrics, &job->metrics);
    return rc;
}

/* Moves every job's findings, metrics rows and errors into the result, in job order; the
 * rows are then sorted and made unique (a header's functions are seen by many units). */
static int merge_jobs(struct ecg_result *r, struct ecg_plan *plan, unsigned char *enabled)
{
    int rc = 0;

    for (size_t j = 0; j < plan->n_jobs; j++) {
        struct ecg_job *job = &plan->jobs[j];
        for (size_t e = 0; rc == 0 && e < job->errors.len; e++) {
            const struct ecg_parse_error *pe = &job->errors.items[e];
            rc = ecg_result_add_unit_error(r, job->file, pe->path, pe->line, pe->col, pe->message);
        }
        r->units_failed += job->failed ? 1 : 0;
        if (rc == 0 && job->rc != 0)
            rc = job->rc;
        if (rc == 0)
            rc = move_outputs(r, job);
        for (size_t k = 0; k < job->n_rules; k++)
            enabled[rule_registry_index(job->rules[k]->id)] = 1;
    }
    r->units_total = plan->n_jobs;
    ecg_metrics_rows_sort_unique(&r->metrics);
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

/* Everything one check run holds between its steps. */
struct run_state {
    const struct ecg_check_options *opts;
    struct ecg_result *result;
    FILE *err;
    struct ecg_diag *diag;
    struct ecg_config *cli;
    struct ecg_config_cache *configs;
    struct ecg_plan plan;
    struct ecg_db *db;           /* NULL: no results database */
    struct ecg_cache *cache;     /* NULL: every unit is analysed */
    struct ecg_changes *changes; /* --changed-since, or NULL */
    struct ecg_db_baseline_entry *baseline;
    size_t n_baseline;
    const char *resource_dir;
};

static void warn_db(const struct run_state *st, const char *what)
{
    if (st->opts->quiet)
        return;
    ecg_diag_print(st->diag, st->err, "warning");
    fprintf(st->err, "ecg: warning: %s; continuing without it\n", what);
    ecg_diag_clear(st->diag);
}

/* Replays unchanged units from the cache; a database error only costs the cache. Metrics
 * are not cached, so a run collecting them analyses every unit (and leaves the cache as
 * it was). */
static int lookup_cache(struct run_state *st)
{
    size_t hits = 0;
    int rc;

    if (st->db == NULL || st->opts->no_cache || st->opts->collect_metrics)
        return 0;
    st->cache = ecg_cache_new(st->db, st->resource_dir, st->result->root);
    if (st->cache == NULL)
        return ECG_ENOMEM;
    rc = ecg_cache_lookup_all(st->cache, st->plan.jobs, st->plan.n_jobs, &hits, st->diag);
    if (rc == ECG_EDB) {
        warn_db(st, "the incremental cache could not be read");
        for (size_t i = 0; i < st->plan.n_jobs; i++)
            st->plan.jobs[i].cached = 0;
        ecg_cache_free(st->cache);
        st->cache = NULL;
        return 0;
    }
    st->result->units_cached = hits;
    return rc;
}

/* Cross-unit taint rounds, when the jobs take part; a unit replayed from the cache and
 * analysed again no longer counts as cached. */
static int run_rounds(struct run_state *st, const struct ecg_unit_env *env)
{
    struct ecg_xunit_stats stats = { 0, 0 };
    size_t cached = 0;
    int rc;

    if (st->plan.n_jobs == 0 || !st->plan.jobs[0].xunit)
        return 0;
    rc = ecg_taint_xunit_run_rounds(&stats, st->plan.jobs, st->plan.n_jobs, st->opts->jobs, env);
    st->result->units_reanalysed = stats.reanalysed;
    st->result->xunit_rounds = stats.rounds;

    for (size_t i = 0; i < st->plan.n_jobs; i++)
        cached += st->plan.jobs[i].cached ? 1 : 0;
    st->result->units_cached = cached;
    return rc;
}

static int run_workers(struct run_state *st)
{
    struct ecg_unit_env env;
    struct ecg_progress progress = { NULL, NULL };
    char cwd[PATH_MAX];
    int rc;

    env.resource_dir = st->resource_dir;
    env.root = st->result->root;
    env.collect_deps = st->cache != NULL || st->opts->baseline;
    env.collect_metrics = st->opts->collect_metrics;
    env.metrics_expanded = st->opts->metrics_expanded;
    if (!st->opts->quiet && isatty(fileno(st->err))) {
        progress.stream = st->err;
        progress.cwd = getcwd(cwd, sizeof(cwd));
    }
    rc = ecg_workers_run(st->plan.jobs, st->plan.n_jobs, st->opts->jobs, &env, &progress);
    if (rc == 0)
        rc = run_rounds(st, &env);
    if (rc == 0 && st->cache != NULL &&
        ecg_cache_store_all(st->cache, st->plan.jobs, st->plan.n_jobs, st->diag) != 0)
        warn_db(st, "the incremental cache could not be updated");
    return rc;
}

/* Cross-unit taint is on for every job or for none. */
static void mark_xunit(struct ecg_plan *plan)
{
    int xunit = ecg_taint_xunit_run_wanted(plan->jobs, plan->n_jobs);

    for (size_t i = 0; i < plan->n_jobs; i++)
        plan->jobs[i].xunit = xunit;
}

static int analyze(struct run_state *st)
{
    unsigned char *enabled = calloc(rule_registry_count() + 1, 1);
    int rc = enabled != NULL ? 0 : ECG_ENOMEM;

    if (rc == 0)
        mark_xunit(&st->plan);
    if (rc == 0)
        rc = lookup_cache(st);
    if (rc == 0)
        rc = run_workers(st);
    if (rc == 0)
        rc = merge_jobs(st->result, &st->plan, enabled);
    if (rc == 0)
        rc = collect_rules(st->result, enabled);
    free(enabled);
    return rc;
}

static int finish(struct run_state *st)
{
    struct ecg_passes passes = { st->changes,   st->opts->baseline, st->baseline, st->n_baseline,
                                 st->plan.jobs, st->plan.n_jobs,    st->err };
    int rc = ecg_passes_run(st->result, &passes);

    if (rc == 0 && st->opts->save_baseline) {
        if (st->result->units_failed > 0) {
            ecg_diag_set(st->diag, NULL, 0, 0,
                         "baseline not saved: %zu translation unit(s) "
                         "could not be analyzed",
                         st->result->units_failed);
            return ECG_EUSAGE;
        }
        rc = ecg_rundb_save_baseline(st->db, st->result, &st->result->baseline_saved, st->diag);
    }
    clock_gettime(CLOCK_REALTIME, &st->result->end_time);
    if (rc == 0 && st->db != NULL && ecg_history_record(st->db, st->result, st->diag) != 0)
        warn_db(st, "the run could not be recorded in the history");
    return rc;
}

/* Configuration, plan, database, baseline and changed lines: all that may fail before any
 * unit is parsed, so a usage error costs nothing. */
static int prepare(struct run_state *st)
{
    const struct ecg_check_options *opts = st->opts;
    int rc = ecg_run_cli_config(&st->cli, opts, st->diag);

    if (rc == 0) {
        st->configs = ecg_config_cache_new(opts->config_file, st->cli);
        rc = st->configs != NULL ? 0 : ECG_ENOMEM;
    }
    if (rc == 0) {
        ecg_run_warn_unknown_checks(opts, st->err);
        rc = ecg_plan_build(&st->plan, opts, st->configs, st->err, st->diag);
    }
    if (rc == 0)
        rc = ecg_rundb_open(&st->db, opts, st->result->root, st->err, st->diag);
    if (rc == 0 && opts->baseline)
        rc = ecg_rundb_load_baseline(&st->baseline, &st->n_baseline, st->db, st->diag);
    if (rc == 0 && opts->changed_since != NULL)
        rc = ecg_git_changes(&st->changes, st->result->root, opts->changed_since, st->diag);
    return rc;
}

static void release(struct run_state *st)
{
    ecg_db_baseline_free(st->baseline, st->n_baseline);
    ecg_git_changes_free(st->changes);
    ecg_cache_free(st->cache);
    ecg_db_close(st->db);
    ecg_plan_fini(&st->plan);
    ecg_config_cache_free(st->configs);
    ecg_config_free(st->cli);
}

/* Sets what the result records about the run itself; its root names the project. */
static int start_result(struct ecg_result *result, const struct ecg_check_options *opts)
{
    clock_gettime(CLOCK_REALTIME, &result->start_time);
    result->timestamps = !opts->no_timestamps && getenv("SOURCE_DATE_EPOCH") == NULL;
    result->root = ecg_run_project_root(opts);
    result->sources = ecg_srccache_new();
    result->command_line = strdup(opts->command_line != NULL ? opts->command_line : "ecg check");
    return result->root && result->sources && result->command_line ? 0 : ECG_ENOMEM;
}

int ecg_run_check(struct ecg_result *result, const struct ecg_check_options *opts, FILE *err,
                  struct ecg_diag *diag)
{
    struct run_state st;
    int rc;

    memset(&st, 0, sizeof(st));
    st.opts = opts;
    st.result = result;
    st.err = err;
    st.diag = diag;
    st.resource_dir = opts->resource_dir != NULL ? opts->resource_dir : ECG_DEFAULT_RESOURCE_DIR;
    rc = start_result(result, opts);
    if (rc == 0)
        rc = prepare(&st);
    if (rc == 0)
        rc = analyze(&st);
    if (rc == 0)
        rc = finish(&st);
    release(&st);
    return rc;
}
