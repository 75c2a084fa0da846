/* The `ecg check` command line, spelled as clang-tidy spells it: options take "--name=V",
 * "--name V" or LLVM's single-dash "-name=V"; "--" starts compiler arguments, either bare
 * flags or a whole compiler command line whose first word is the compiler. */
#ifndef ECG_ANALYZER_CLI_H
#define ECG_ANALYZER_CLI_H

#include <stdio.h>

#include "analyzer/strvec.h"

struct ecg_diag;

enum ecg_format {
    ECG_FORMAT_TEXT,
    ECG_FORMAT_SARIF,
    ECG_FORMAT_GITHUB,
};

enum ecg_color {
    ECG_COLOR_AUTO,
    ECG_COLOR_ALWAYS,
    ECG_COLOR_NEVER,
};

struct ecg_check_options {
    struct ecg_strvec files;  /* FILE arguments as given */
    char *build_path;         /* -p: directory holding compile_commands.json */
    char *checks;             /* --checks globs, or NULL */
    char *warnings_as_errors; /* --warnings-as-errors globs, or NULL */
    char *header_filter;      /* --header-filter regex, or NULL */
    char *config_file;        /* --config-file: replaces .ecg.json discovery */
    char *config_text;        /* --config: inline JSON configuration */
    char *output;             /* -o FILE, or NULL for stdout */
    char *resource_dir;       /* --resource-dir, or NULL for the built-in one */
    char *project_root;       /* --project-root, or NULL to detect */
    char *sarif_category;     /* --sarif-category */
    char *sarif_profile;      /* --sarif-profile full|github, or NULL (full) */
    char *sarif_help_uri;     /* --sarif-help-uri BASE, or NULL (the project's docs) */
    char *db_path;            /* --db PATH, or NULL for .ecg/ecg.db under the root */
    char *changed_since;      /* --changed-since REV, or NULL */
    enum ecg_format format;
    enum ecg_color color;
    unsigned jobs; /* -j; 0 = number of online cores */
    int quiet;
    int list_checks;
    int dump_config;
    int show_suppressed;
    int no_timestamps;
    int no_db;         /* --no-db: no cache, baseline or history */
    int no_cache;      /* --no-cache: analyse every unit, still record history */
    int reset_db;      /* --reset-db: start the database over */
    int baseline;      /* --baseline: only findings not in the saved baseline fail the gate */
    int save_baseline; /* set by 'ecg baseline save': the run's findings become the baseline */
    /* Set by 'ecg metrics' (no 'ecg check' option spells them): the run fills the result's
     * metrics rows, one per function, and replays no unit from the incremental cache. */
    int collect_metrics;
    int metrics_expanded; /* with collect_metrics: counts include macro expansions */
    int help;
    int version;
    struct ecg_strvec extra_args;        /* --extra-arg, appended to the flags */
    struct ecg_strvec extra_args_before; /* --extra-arg-before, prepended */
    struct ecg_strvec compiler_args;     /* after "--" */
    int has_compiler_args;               /* "--" was given */
    char *command_line;                  /* the words as invoked, joined by blanks */
};

/* Parses the arguments of `ecg check` (argv[0] is "check" or the program). Errors:
 * ECG_EUSAGE with the message in diag (unknown option, missing value, bad -j or format),
 * ECG_ENOMEM. On failure opts is still safe to pass to ecg_cli_fini. */
int ecg_cli_parse_check(struct ecg_check_options *opts, int argc, char **argv,
                        struct ecg_diag *diag);

/* Releases what the options own. */
void ecg_cli_fini(struct ecg_check_options *opts);

/* Prints the help of `ecg check`, exit codes included. */
void ecg_cli_print_check_help(FILE *out);

#endif
