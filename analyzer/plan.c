/* Run planning; see plan.h. */
#include "analyzer/plan.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/args.h"
#include "analyzer/cli.h"
#include "analyzer/compdb.h"
#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/globs.h"
#include "analyzer/job.h"
#include "analyzer/path.h"
#include "rules/registry.h"
#include "rules/rule.h"

/* Everything planning needs while it walks the inputs. */
struct planner {
    struct ecg_plan *plan;
    const struct ecg_check_options *opts;
    struct ecg_config_cache *configs;
    FILE *err;
    struct ecg_diag *diag;
    char cwd[PATH_MAX];
    struct ecg_compdb *db; /* -p's database, or the one found above the current FILE */
    char *db_dir;          /* directory db was found in (for discovery), owned */
    int warned_no_database;
    size_t cap;
};

void ecg_plan_fini(struct ecg_plan *plan)
{
    for (size_t i = 0; i < plan->n_jobs; i++)
        ecg_job_fini(&plan->jobs[i]);
    free(plan->jobs);
    memset(plan, 0, sizeof(*plan));
}

static int check_input_file(const char *path, struct ecg_diag *diag)
{
    struct stat st;
    FILE *f;

    if (stat(path, &st) != 0) {
        ecg_diag_set(diag, path, 0, 0, "no such file: %s", strerror(errno));
        return ECG_EUSAGE;
    }
    if (S_ISDIR(st.st_mode)) {
        ecg_diag_set(diag, path, 0, 0,
                     "is a directory; give source files, or -p BUILD_DIR "
                     "to analyze a whole compilation database");
        return ECG_EUSAGE;
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        ecg_diag_set(diag, path, 0, 0, "cannot read: %s", strerror(errno));
        return ECG_EUSAGE;
    }
    fclose(f);
    return 0;
}

static int enabled_rules(struct ecg_job *job)
{
    size_t n = rule_registry_count();
    const char *checks = job->config != NULL ? job->config->checks : NULL;

    job->rules = calloc(n != 0 ? n : 1, sizeof(*job->rules));
    if (job->rules == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const struct rule_desc *d = rule_registry_at(i);
        if (ecg_globs_decide(checks, d->id, !d->opt_in))
            job->rules[job->n_rules++] = d;
    }
    return 0;
}

static int is_excluded(const struct ecg_config *cfg, const char *file)
{
    for (size_t i = 0; i < cfg->exclude.len; i++) {
        if (ecg_globs_match_path(cfg->exclude.items[i], file))
            return 1;
    }
    return 0;
}

static struct ecg_job *new_job(struct planner *p)
{
    struct ecg_plan *plan = p->plan;

    if (plan->n_jobs == p->cap) {
        size_t cap = p->cap != 0 ? p->cap * 2 : 16;
        struct ecg_job *grown = realloc(plan->jobs, cap * sizeof(*grown));
        if (grown == NULL)
            return NULL;
        plan->jobs = grown;
        p->cap = cap;
    }
    memset(&plan->jobs[plan->n_jobs], 0, sizeof(struct ecg_job));
    return &plan->jobs[plan->n_jobs];
}

/* flags = extra-arg-before + normalised command + extra-arg */
static int job_flags(struct ecg_job *job, const struct ecg_check_options *opts,
                     const struct ecg_strvec *command, const char *source)
{
    int rc = ecg_strvec_extend(&job->flags, &opts->extra_args_before);

    if (rc == 0 && command != NULL)
        rc = ecg_args_normalize(&job->flags, (const char *const *)command->items, command->len,
                                source, job->directory);
    if (rc == 0)
        rc = ecg_strvec_extend(&job->flags, &opts->extra_args);
    if (rc == 0)
        rc = ecg_args_absolute_paths(&job->flags, job->directory);
    return rc;
}

/* Adds a job for file compiled as command (NULL: no flags) in directory. */
static int add_job(struct planner *p, const char *file, const char *directory,
                   const struct ecg_strvec *command, const char *command_source)
{
    struct ecg_job *job = new_job(p);
    const struct ecg_config *cfg;
    int rc;

    if (job == NULL)
        return ECG_ENOMEM;
    rc = ecg_config_cache_get(p->configs, file, &cfg, p->diag);
    if (rc != 0)
        return rc;
    if (is_excluded(cfg, file)) {
        p->plan->n_excluded++;
        return 0;
    }
    job->config = cfg;
    job->file = strdup(file);
    job->directory = strdup(directory);
    rc = job->file != NULL && job->directory != NULL ? 0 : ECG_ENOMEM;
    if (rc == 0)
        rc = job_flags(job, p->opts, command, command_source);
    if (rc == 0)
        rc = enabled_rules(job);
    if (rc != 0) {
        ecg_job_fini(job);
        return rc;
    }
    p->plan->n_jobs++;
    return 0;
}

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0, last_slash = 0;

    while (a[n] != '\0' && a[n] == b[n]) {
        if (a[n] == '/')
            last_slash = n;
        n++;
    }
    return last_slash;
}

/* The command for file: its own entries, or else the entry whose file shares the longest
 * directory prefix (a header or a new file borrows a neighbour's flags). */
static int add_from_database(struct planner *p, const struct ecg_compdb *db, const char *file)
{
    size_t best = 0, best_len = 0;
    int found = 0;

    for (size_t i = 0; i < db->n_commands; i++) {
        const struct ecg_compile_command *c = &db->commands[i];
        size_t len;
        if (strcmp(c->file, file) == 0) {
            int rc = add_job(p, file, c->directory, &c->argv, c->file);
            if (rc != 0)
                return rc;
            found = 1;
            continue;
        }
        len = common_prefix(c->file, file);
        if (len > best_len) {
            best = i;
            best_len = len;
        }
    }
    if (found)
        return 0;
    if (db->n_commands == 0)
        return add_job(p, file, p->cwd, NULL, NULL);
    return add_job(p, file, db->commands[best].directory, &db->commands[best].argv,
                   db->commands[best].file);
}

static int add_all_from_database(struct planner *p)
{
    for (size_t i = 0; i < p->db->n_commands; i++) {
        const struct ecg_compile_command *c = &p->db->commands[i];
        int rc = add_job(p, c->file, c->directory, &c->argv, c->file);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Makes the database at json, found in probe, the current one (loaded once). Takes
 * probe. */
static int use_database(struct planner *p, char *probe, const char *json)
{
    if (p->db_dir != NULL && strcmp(p->db_dir, probe) == 0) {
        free(probe);
        return 0;
    }
    ecg_compdb_free(p->db);
    p->db = NULL;
    free(p->db_dir);
    p->db_dir = probe;
    return ecg_compdb_load_file(&p->db, json, p->diag);
}

/* Looks for compile_commands.json in dir and its ancestors, "/" included, as clang-tidy
 * does. */
static int discover_database(struct planner *p, const char *dir)
{
    char *probe = strdup(dir);
    int rc = probe != NULL ? 0 : ECG_ENOMEM;

    while (rc == 0) {
        char *json = ecg_path_join(probe, "compile_commands.json");
        if (json == NULL) {
            rc = ECG_ENOMEM;
            break;
        }
        if (access(json, F_OK) == 0) {
            rc = use_database(p, probe, json);
            probe = NULL; /* taken by use_database */
            free(json);
            break;
        }
        free(json);
        if (!ecg_path_parent(probe))
            break;
    }
    free(probe);
    return rc;
}

static int add_discovered(struct planner *p, const char *file)
{
    char *dir = ecg_path_dirname(file);
    int rc;

    if (dir == NULL)
        return ECG_ENOMEM;
    rc = discover_database(p, dir);
    free(dir);
    if (rc != 0)
        return rc;
    if (p->db != NULL && p->db_dir != NULL && ecg_path_under(file, p->db_dir) != NULL)
        return add_from_database(p, p->db, file);
    if (!p->warned_no_database && !p->opts->quiet)
        fprintf(p->err,
                "ecg: warning: no compilation database found for '%s'; analyzing "
                "with no compiler flags (pass -p BUILD_DIR, or flags after --)\n",
                file);
    p->warned_no_database = 1;
    return add_job(p, file, p->cwd, NULL, NULL);
}

static int add_file(struct planner *p, const char *arg)
{
    char *file;
    int rc = check_input_file(arg, p->diag);

    if (rc != 0)
        return rc;
    file = ecg_path_absolute(p->cwd, arg);
    if (file == NULL)
        return ECG_ENOMEM;
    if (p->opts->has_compiler_args)
        rc = add_job(p, file, p->cwd, &p->opts->compiler_args, arg);
    else if (p->opts->build_path != NULL)
        rc = add_from_database(p, p->db, file);
    else
        rc = add_discovered(p, file);
    free(file);
    return rc;
}

static int plan_inputs(struct planner *p)
{
    const struct ecg_check_options *opts = p->opts;
    int rc = 0;

    if (opts->build_path != NULL && !opts->has_compiler_args) {
        rc = ecg_compdb_load(&p->db, opts->build_path, p->diag);
        if (rc != 0)
            return rc;
        if (opts->files.len == 0)
            return add_all_from_database(p);
    }
    if (opts->files.len == 0) {
        ecg_diag_set(p->diag, NULL, 0, 0,
                     "no input files: give source files, or -p BUILD_DIR "
                     "with a compile_commands.json");
        return ECG_EUSAGE;
    }
    for (size_t i = 0; rc == 0 && i < opts->files.len; i++)
        rc = add_file(p, opts->files.items[i]);
    return rc;
}

int ecg_plan_build(struct ecg_plan *plan, const struct ecg_check_options *opts,
                   struct ecg_config_cache *configs, FILE *err, struct ecg_diag *diag)
{
    struct planner p;
    int rc;

    memset(plan, 0, sizeof(*plan));
    memset(&p, 0, sizeof(p));
    p.plan = plan;
    p.opts = opts;
    p.configs = configs;
    p.err = err;
    p.diag = diag;
    if (getcwd(p.cwd, sizeof(p.cwd)) == NULL) {
        ecg_diag_set(diag, NULL, 0, 0, "cannot determine the current directory: %s",
                     strerror(errno));
        return ECG_EIO;
    }
    rc = plan_inputs(&p);
    ecg_compdb_free(p.db);
    free(p.db_dir);
    if (rc != 0)
        ecg_plan_fini(plan);
    return rc;
}
