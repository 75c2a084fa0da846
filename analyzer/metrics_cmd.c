/* `ecg metrics`: --format and --macros are taken out of the arguments here (their values
 * differ from check's), the rest are check's options; the check run collects the metrics,
 * which are written instead of findings, then recorded in the results database as a
 * snapshot of the history run that the check run just added. */
#include "analyzer/metrics_cmd.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/cli.h"
#include "analyzer/db.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/metrics.h"
#include "analyzer/result.h"
#include "analyzer/run.h"
#include "analyzer/rundb.h"

enum metrics_exit {
    METRICS_EXIT_OK = 0,
    METRICS_EXIT_USAGE = 2,
    METRICS_EXIT_UNANALYZED = 3,
};

static const char metrics_help[] =
    "USAGE: ecg metrics [options] [FILE...] [-- COMPILER-ARGS...]\n"
    "\n"
    "Measures every function defined in the analyzed translation units (and in project\n"
    "headers): cyclomatic and cognitive complexity, maintainability index (0-100), Halstead\n"
    "volume, lines, statements, parameters and deepest nesting; then the count, mean, p90\n"
    "(nearest rank) and max of each per file and for the project.\n"
    "\n"
    "Metrics options:\n"
    "  --format text|csv|json      aligned tables (default), CSV with a 'kind' column\n"
    "                              (function, file, project), or one JSON object\n"
    "  --macros as-written|expanded\n"
    "                              count only the code written in the file, a macro call\n"
    "                              being one call (default), or the code macros expand to\n"
    "  -o, --output FILE           write to FILE (replaced atomically) instead of stdout\n"
    "\n"
    "Inputs, configuration and database, as for 'ecg check':\n"
    "  -p DIR, --extra-arg, --extra-arg-before, --resource-dir, -- COMPILER-ARGS,\n"
    "  --config-file, --config, --header-filter, --project-root, -j N, --quiet,\n"
    "  --db PATH, --no-db, --reset-db. Every unit is parsed (the incremental cache is not\n"
    "  used); the run is recorded in the history with its metrics, which\n"
    "  'sqlite3 .ecg/ecg.db \"SELECT * FROM metrics\"' shows.\n"
    "\n"
    "Exit status:\n"
    "  0  the metrics were written\n"
    "  2  usage, configuration or output error: nothing was written\n"
    "  3  some translation unit could not be analyzed (its errors are printed; the metrics\n"
    "     of the other units were written)\n";

/* What is parsed here; the other arguments go to ecg_cli_parse_check. */
struct metrics_args {
    enum ecg_metrics_format format;
    int expanded;
    char **rest; /* owned array of borrowed strings: argv without --format and --macros */
    int n_rest;
};

/* Nonzero when arg is --name, -name, --name=V or -name=V; *out_value is V or NULL. */
static int is_option(const char *arg, const char *name, const char **out_value)
{
    size_t len = strlen(name);
    const char *p = arg[0] == '-' ? arg + 1 : NULL;

    if (p != NULL && p[0] == '-')
        p++;
    if (p == NULL || strncmp(p, name, len) != 0 || (p[len] != '\0' && p[len] != '='))
        return 0;
    *out_value = p[len] == '=' ? p + len + 1 : NULL;
    return 1;
}

static int set_format(struct metrics_args *ma, const char *v, struct ecg_diag *diag)
{
    static const char *const names[] = { "text", "csv", "json" };
    static const enum ecg_metrics_format values[] = { ECG_METRICS_TEXT, ECG_METRICS_CSV,
                                                      ECG_METRICS_JSON };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(v, names[i]) == 0) {
            ma->format = values[i];
            return 0;
        }
    }
    ecg_diag_set(diag, NULL, 0, 0, "unknown metrics format '%s' (expected text, csv or json)", v);
    return ECG_EUSAGE;
}

static int set_macros(struct metrics_args *ma, const char *v, struct ecg_diag *diag)
{
    if (strcmp(v, "as-written") == 0 || strcmp(v, "expanded") == 0) {
        ma->expanded = strcmp(v, "expanded") == 0;
        return 0;
    }
    ecg_diag_set(diag, NULL, 0, 0, "unknown --macros mode '%s' (expected as-written or expanded)",
                 v);
    return ECG_EUSAGE;
}

/* Takes --format or --macros at argv[*i] (and its value) when it is one; *out_taken says. */
static int take_own(int *out_taken, struct metrics_args *ma, int argc, char **argv, int *i,
                    struct ecg_diag *diag)
{
    const char *value = NULL;
    int format = is_option(argv[*i], "format", &value);
    int macros = !format && is_option(argv[*i], "macros", &value);

    *out_taken = format || macros;
    if (!*out_taken)
        return 0;
    if (value == NULL && *i + 1 >= argc) {
        ecg_diag_set(diag, NULL, 0, 0, "option '%s' needs a value", argv[*i]);
        return ECG_EUSAGE;
    }
    if (value == NULL)
        value = argv[++*i];
    return format ? set_format(ma, value, diag) : set_macros(ma, value, diag);
}

/* The index of the "--" that starts the compiler arguments, or argc. */
static int compiler_args_start(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i;
    }
    return argc;
}

/* Splits argv into this command's options and the rest, which keeps argv[0] and everything
 * from "--" on. */
static int split_args(struct metrics_args *ma, int argc, char **argv, struct ecg_diag *diag)
{
    int end = compiler_args_start(argc, argv);
    int rc = 0;

    memset(ma, 0, sizeof(*ma));
    ma->rest = calloc((size_t)argc + 1, sizeof(*ma->rest));
    if (ma->rest == NULL)
        return ECG_ENOMEM;
    ma->rest[ma->n_rest++] = argv[0];
    for (int i = 1; rc == 0 && i < end; i++) {
        int taken = 0;

        rc = take_own(&taken, ma, end, argv, &i, diag);
        if (rc == 0 && !taken)
            ma->rest[ma->n_rest++] = argv[i];
    }
    for (int i = end; rc == 0 && i < argc; i++)
        ma->rest[ma->n_rest++] = argv[i];
    return rc;
}

/* "ecg metrics ..." with every argument, for the history (the parser saw fewer). */
static int set_command_line(struct ecg_check_options *opts, int argc, char **argv)
{
    size_t len = sizeof("ecg");
    char *line;
    size_t used;

    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    line = malloc(len);
    if (line == NULL)
        return ECG_ENOMEM;
    used = (size_t)snprintf(line, len, "ecg");
    for (int i = 0; i < argc; i++)
        used += (size_t)snprintf(line + used, len - used, " %s", argv[i]);
    free(opts->command_line);
    opts->command_line = line;
    return 0;
}

/* Check's options that mean nothing for metrics are refused rather than ignored. */
static int refuse_check_only(const struct ecg_check_options *opts, struct ecg_diag *diag)
{
    const struct {
        const char *name;
        int given;
    } check_only[] = {
        { "--warnings-as-errors", opts->warnings_as_errors != NULL },
        { "--baseline", opts->baseline },
        { "--changed-since", opts->changed_since != NULL },
        { "--show-suppressed", opts->show_suppressed },
        { "--color", opts->color != ECG_COLOR_AUTO },
        { "--sarif-category", opts->sarif_category != NULL },
        { "--sarif-profile", opts->sarif_profile != NULL },
        { "--sarif-help-uri", opts->sarif_help_uri != NULL },
        { "--no-timestamps", opts->no_timestamps },
        { "--list-checks", opts->list_checks },
        { "--dump-config", opts->dump_config },
        { "--version", opts->version },
    };

    for (size_t i = 0; i < sizeof(check_only) / sizeof(check_only[0]); i++) {
        if (check_only[i].given) {
            ecg_diag_set(diag, NULL, 0, 0,
                         "%s does not apply to 'ecg metrics' (see 'ecg metrics --help')",
                         check_only[i].name);
            return ECG_EUSAGE;
        }
    }
    return 0;
}

/* Metrics come from the walk itself; no rule needs to run, and none reports. */
static int rules_off(struct ecg_check_options *opts)
{
    free(opts->checks);
    opts->checks = strdup("-*");
    return opts->checks != NULL ? 0 : ECG_ENOMEM;
}

static int parse(struct ecg_check_options *opts, struct metrics_args *ma, int argc, char **argv,
                 struct ecg_diag *diag)
{
    int rc = split_args(ma, argc, argv, diag);

    if (rc == 0)
        rc = ecg_cli_parse_check(opts, ma->n_rest, ma->rest, diag);
    else
        memset(opts, 0, sizeof(*opts));
    if (rc == 0)
        rc = refuse_check_only(opts, diag);
    if (rc == 0)
        rc = set_command_line(opts, argc, argv);
    if (rc == ECG_ENOMEM)
        ecg_diag_set(diag, NULL, 0, 0, "out of memory");
    opts->collect_metrics = 1;
    opts->metrics_expanded = ma->expanded;
    if (rc == 0)
        rc = rules_off(opts);
    return rc;
}

/* Writes the metrics to stdout, or atomically to -o FILE (never half-written). */
static int write_output(const struct ecg_result *r, const struct ecg_check_options *opts,
                        enum ecg_metrics_format format, struct ecg_diag *diag)
{
    struct ecg_atomic_file file;
    int rc;

    if (opts->output == NULL) {
        rc = ecg_metrics_write(stdout, &r->metrics, r->root, format);
        if (rc != 0)
            ecg_diag_set(diag, NULL, 0, 0, "cannot write the metrics to standard output");
        return rc;
    }
    rc = ecg_fileio_atomic_open(&file, opts->output, diag);
    if (rc != 0)
        return rc;
    rc = ecg_metrics_write(file.stream, &r->metrics, r->root, format);
    if (rc != 0) {
        ecg_diag_set(diag, opts->output, 0, 0, "cannot write the metrics");
        ecg_fileio_atomic_abort(&file);
        return rc;
    }
    return ecg_fileio_atomic_commit(&file, diag);
}

/* Records the metrics with the run the check just added to the history. The run closed its
 * database, so it is opened again as the run opened it, without --reset-db (which would
 * drop that run) and quietly (the run already warned when it could not use it). A failure
 * costs the snapshot only: a warning, as for the history. */
static void record(const struct ecg_check_options *opts, const struct ecg_result *r)
{
    struct ecg_check_options again = *opts;
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    int rc;

    again.reset_db = 0;
    again.quiet = 1;
    ecg_diag_clear(&diag);
    rc = ecg_rundb_open(&db, &again, r->root, stderr, &diag);
    if (rc == 0 && db != NULL)
        rc = ecg_metrics_store_run(db, &r->metrics, r->root, (int64_t)r->start_time.tv_sec,
                                   r->command_line, &diag);
    ecg_db_close(db);
    if (rc != 0 && !opts->quiet) {
        ecg_diag_print(&diag, stderr, "warning");
        fprintf(stderr, "ecg: warning: the metrics could not be recorded in the results "
                        "database\n");
    }
}

static void print_summary(const struct ecg_result *r)
{
    const struct ecg_metrics_rows *rows = &r->metrics;
    size_t files = 0;

    for (size_t i = 0; i < rows->len; i++)
        files += i == 0 || strcmp(rows->items[i].path, rows->items[i - 1].path) != 0;
    fprintf(stderr, "ecg: metrics of %zu function(s) in %zu file(s) from %zu translation unit(s)\n",
            rows->len, files, r->units_total);
}

static int run(const struct ecg_check_options *opts, enum ecg_metrics_format format)
{
    struct ecg_result result;
    struct ecg_diag diag;
    int rc, code;

    ecg_diag_clear(&diag);
    ecg_result_init(&result);
    rc = ecg_run_check(&result, opts, stderr, &diag);
    if (rc != 0) {
        if (rc == ECG_ENOMEM)
            ecg_diag_set(&diag, NULL, 0, 0, "out of memory");
        ecg_diag_print(&diag, stderr, "error");
        ecg_result_fini(&result);
        return rc == ECG_ENOMEM ? METRICS_EXIT_UNANALYZED : METRICS_EXIT_USAGE;
    }
    ecg_result_print_unit_errors(&result, stderr, "metrics");
    record(opts, &result);
    rc = write_output(&result, opts, format, &diag);
    if (rc != 0)
        ecg_diag_print(&diag, stderr, "error");
    else if (!opts->quiet)
        print_summary(&result);
    code = result.units_failed > 0 ? METRICS_EXIT_UNANALYZED : METRICS_EXIT_OK;
    ecg_result_fini(&result);
    return rc != 0 ? METRICS_EXIT_USAGE : code;
}

int ecg_metrics_main(int argc, char **argv)
{
    struct ecg_check_options opts;
    struct metrics_args ma;
    struct ecg_diag diag;
    int code;

    ecg_diag_clear(&diag);
    if (parse(&opts, &ma, argc, argv, &diag) != 0) {
        ecg_diag_print(&diag, stderr, "error");
        code = METRICS_EXIT_USAGE;
    } else if (opts.help) {
        fputs(metrics_help, stdout);
        code = METRICS_EXIT_OK;
    } else {
        code = run(&opts, ma.format);
    }
    ecg_cli_fini(&opts);
    free(ma.rest);
    return code;
}
