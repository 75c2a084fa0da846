/* The ecg command: subcommand dispatch and the only place exit codes are decided
 * (0 pass, 1 findings fail the gate, 2 usage/configuration/output error, 3 a unit could
 * not be analysed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/build_config.h"
#include "analyzer/catalog.h"
#include "analyzer/cli.h"
#include "analyzer/config.h"
#include "analyzer/db.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/match_cmd.h"
#include "analyzer/metrics_cmd.h"
#include "analyzer/report.h"
#include "analyzer/result.h"
#include "analyzer/run.h"
#include "codegen/cli.h"
#include "sarif/cli.h"
#include "sarif/html.h"
#include "sarif/sarif.h"

enum exit_code {
    EXIT_PASS = 0,
    EXIT_FINDINGS = 1,
    EXIT_USAGE = 2,
    EXIT_UNANALYZED = 3,
};

static const char main_help[] =
    "USAGE: ecg <command> [options]\n"
    "\n"
    "Commands:\n"
    "  check     analyze C translation units (see 'ecg check --help')\n"
    "  rules     list every rule ('ecg rules --json' for the full catalog)\n"
    "  sarif     merge SARIF logs of shards, or diff two ('ecg sarif --help')\n"
    "  baseline  'ecg baseline save [check options]': the current findings become the\n"
    "            baseline that 'ecg check --baseline' compares against\n"
    "  history   'ecg history [--db PATH] [--limit N]': the runs recorded in the database\n"
    "  metrics   complexity and size of every function, with totals ('ecg metrics --help')\n"
    "  gen       structs, pools and rings from annotated headers ('ecg gen --help')\n"
    "  report    'ecg report html IN.sarif -o OUT.html': a self-contained HTML report\n"
    "  match     replay orders through the reference matching engine ('ecg match --help')\n"
    "  version   print the version\n"
    "  help      show this help\n";

static void print_version(FILE *out)
{
    fprintf(out, "ecg %s (libclang %s; clang resource dir %s)\n", ECG_VERSION, ECG_LLVM_VERSION,
            ECG_DEFAULT_RESOURCE_DIR);
}

static int fail(const struct ecg_diag *diag, int code)
{
    ecg_diag_print(diag, stderr, "error");
    return code;
}

static int use_color(const struct ecg_check_options *opts)
{
    const char *no_color = getenv("NO_COLOR");

    if (opts->color != ECG_COLOR_AUTO)
        return opts->color == ECG_COLOR_ALWAYS;
    if (opts->output != NULL || (no_color != NULL && no_color[0] != '\0'))
        return 0;
    return isatty(fileno(stdout));
}

static int write_format(FILE *out, const struct ecg_result *result,
                        const struct ecg_check_options *opts)
{
    char cwd[4096];
    struct ecg_report_style style = { use_color(opts), opts->show_suppressed,
                                      getcwd(cwd, sizeof(cwd)) };
    struct sarif_options sarif = { opts->sarif_category, SARIF_PROFILE_FULL, opts->sarif_help_uri,
                                   0 };

    if (opts->sarif_profile != NULL && strcmp(opts->sarif_profile, "github") == 0)
        sarif.profile = SARIF_PROFILE_GITHUB;

    switch (opts->format) {
    case ECG_FORMAT_TEXT:
        return ecg_report_text(out, result, &style);
    case ECG_FORMAT_SARIF:
        return sarif_write(out, result, &sarif);
    case ECG_FORMAT_GITHUB:
        return ecg_report_github(out, result);
    }
    return ECG_EUSAGE;
}

/* Writes the report to stdout, or atomically to -o FILE (never half-written). */
static int write_output(const struct ecg_result *result, const struct ecg_check_options *opts,
                        struct ecg_diag *diag)
{
    struct ecg_atomic_file file;
    int rc;

    if (opts->output == NULL) {
        rc = write_format(stdout, result, opts);
        if (rc == 0 && fflush(stdout) != 0)
            rc = ECG_EIO;
        if (rc != 0)
            ecg_diag_set(diag, NULL, 0, 0, "cannot write the report to standard output");
        return rc;
    }
    rc = ecg_fileio_atomic_open(&file, opts->output, diag);
    if (rc != 0)
        return rc;
    rc = write_format(file.stream, result, opts);
    if (rc != 0) {
        ecg_diag_set(diag, opts->output, 0, 0, "cannot write the report");
        ecg_fileio_atomic_abort(&file);
        return rc;
    }
    return ecg_fileio_atomic_commit(&file, diag);
}

static int check_info(const struct ecg_check_options *opts)
{
    struct ecg_config *cfg = NULL;
    struct ecg_diag diag;
    char *text;
    int rc;

    ecg_diag_clear(&diag);
    ecg_run_warn_unknown_checks(opts, stderr);
    rc = ecg_run_effective_config(&cfg, opts, &diag);
    if (rc != 0)
        return fail(&diag, EXIT_USAGE);
    if (opts->list_checks) {
        ecg_catalog_print_enabled(stdout, cfg);
        ecg_config_free(cfg);
        return EXIT_PASS;
    }
    text = ecg_config_dump(cfg);
    ecg_config_free(cfg);
    if (text == NULL)
        return EXIT_USAGE;
    puts(text);
    free(text);
    return EXIT_PASS;
}

static int check_exit_code(const struct ecg_result *result)
{
    if (result->units_failed > 0)
        return EXIT_UNANALYZED;
    return result->n_failing > 0 ? EXIT_FINDINGS : EXIT_PASS;
}

static int check_run(const struct ecg_check_options *opts)
{
    struct ecg_result result;
    struct ecg_diag diag;
    int rc, code;

    ecg_diag_clear(&diag);
    ecg_result_init(&result);
    rc = ecg_run_check(&result, opts, stderr, &diag);
    if (rc != 0) {
        code = rc == ECG_ENOMEM ? EXIT_UNANALYZED : EXIT_USAGE;
        if (rc == ECG_ENOMEM)
            ecg_diag_set(&diag, NULL, 0, 0, "out of memory");
        ecg_result_fini(&result);
        return fail(&diag, code);
    }
    ecg_result_print_unit_errors(&result, stderr, "findings");
    rc = write_output(&result, opts, &diag);
    if (rc == 0 && !opts->quiet)
        ecg_report_summary(stderr, &result);
    code = rc != 0 ? fail(&diag, EXIT_USAGE) : check_exit_code(&result);
    ecg_result_fini(&result);
    return code;
}

static int cmd_check(int argc, char **argv)
{
    struct ecg_check_options opts;
    struct ecg_diag diag;
    int code;

    ecg_diag_clear(&diag);
    if (ecg_cli_parse_check(&opts, argc, argv, &diag) != 0) {
        ecg_cli_fini(&opts);
        return fail(&diag, EXIT_USAGE);
    }
    if (opts.help) {
        ecg_cli_print_check_help(stdout);
        code = EXIT_PASS;
    } else if (opts.version) {
        print_version(stdout);
        code = EXIT_PASS;
    } else if (opts.list_checks || opts.dump_config) {
        code = check_info(&opts);
    } else {
        code = check_run(&opts);
    }
    ecg_cli_fini(&opts);
    return code;
}

/* ecg baseline save [check options]: analyses as check would and saves the findings. */
static int cmd_baseline(int argc, char **argv)
{
    struct ecg_check_options opts;
    struct ecg_result result;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    if (argc < 2 || strcmp(argv[1], "save") != 0) {
        fprintf(stderr, "ecg: error: usage: ecg baseline save [check options] [FILE...]\n");
        return EXIT_USAGE;
    }
    if (ecg_cli_parse_check(&opts, argc - 1, argv + 1, &diag) != 0) {
        ecg_cli_fini(&opts);
        return fail(&diag, EXIT_USAGE);
    }
    opts.save_baseline = 1;
    ecg_result_init(&result);
    rc = ecg_run_check(&result, &opts, stderr, &diag);
    if (rc == 0) {
        ecg_result_print_unit_errors(&result, stderr, "findings");
        printf("ecg: baseline saved: %zu finding(s) from %zu translation unit(s)\n",
               result.baseline_saved, result.units_total);
    }
    ecg_result_fini(&result);
    ecg_cli_fini(&opts);
    if (rc != 0)
        return fail(&diag, rc == ECG_ENOMEM ? EXIT_UNANALYZED : EXIT_USAGE);
    return EXIT_PASS;
}

/* The value of --limit: a count. Returns 0, or EXIT_USAGE after saying why. */
static int parse_limit(long *out, const char *text)
{
    char *end = NULL;
    long limit = strtol(text, &end, 10);

    if (*end != '\0' || limit < 0) {
        fprintf(stderr, "ecg: error: --limit expects a count, not '%s'\n", text);
        return EXIT_USAGE;
    }
    *out = limit;
    return 0;
}

struct history_args {
    const char *db_path;
    long limit; /* runs shown, newest first */
};

/* Parses [--db PATH] [--limit N] over defaults already in args. Returns 0, or EXIT_USAGE
 * after saying why. */
static int parse_history_args(struct history_args *args, int argc, char **argv)
{
    int rc = 0;

    for (int i = 1; rc == 0 && i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            args->db_path = argv[++i];
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            rc = parse_limit(&args->limit, argv[++i]);
        } else {
            fprintf(stderr, "ecg: error: usage: ecg history [--db PATH] [--limit N]\n");
            rc = EXIT_USAGE;
        }
    }
    return rc;
}

/* ecg history [--db PATH] [--limit N] */
static int cmd_history(int argc, char **argv)
{
    struct history_args args = { ECG_DB_DEFAULT_PATH, 20 };
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    if (parse_history_args(&args, argc, argv) != 0)
        return EXIT_USAGE;
    rc = ecg_db_open(&db, args.db_path, 0, &diag);
    if (rc == 0)
        rc = ecg_db_history_print(db, stdout, (size_t)args.limit, &diag);
    ecg_db_close(db);
    return rc == 0 ? EXIT_PASS : fail(&diag, EXIT_USAGE);
}

static int cmd_rules(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--json") == 0)
        return ecg_catalog_print_json(stdout) == 0 ? EXIT_PASS : EXIT_USAGE;
    if (argc == 1) {
        ecg_catalog_print_table(stdout);
        return EXIT_PASS;
    }
    fprintf(stderr, "ecg: error: usage: ecg rules [--json]\n");
    return EXIT_USAGE;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    print_version(stdout);
    return EXIT_PASS;
}

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(main_help, stdout);
    return EXIT_PASS;
}

/* A subcommand; it gets the arguments from its own name on and returns the exit code. */
typedef int (*command_fn)(int argc, char **argv);

struct command {
    const char *name;
    command_fn run;
};

static const struct command commands[] = {
    { "check", cmd_check },       { "rules", cmd_rules },
    { "sarif", sarif_cli_main },  { "baseline", cmd_baseline },
    { "history", cmd_history },   { "metrics", ecg_metrics_main },
    { "gen", gen_cli_main },      { "report", sarif_html_main },
    { "match", ecg_match_main },  { "version", cmd_version },
    { "--version", cmd_version }, { "help", cmd_help },
    { "--help", cmd_help },       { "-h", cmd_help },
};

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

    if (cmd == NULL) {
        fputs(main_help, stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "ecg: error: unknown command '%s' (try 'ecg help')\n", cmd);
    return EXIT_USAGE;
}
