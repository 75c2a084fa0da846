/* `ecg check` argument parsing, table-driven; see cli.h. */
#include "analyzer/cli.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "sarif/sarif.h"

enum opt_action {
    OPT_STRING, /* stores the value in a char * field */
    OPT_APPEND, /* appends the value to a strvec field */
    OPT_FLAG,   /* sets an int field to 1 */
    OPT_FORMAT,
    OPT_COLOR,
    OPT_JOBS,
};

struct opt_spec {
    const char *name;  /* long name without dashes */
    const char *alias; /* short form ("p", "o", "j") or NULL */
    enum opt_action action;
    size_t offset;
};

#define FIELD(f) offsetof(struct ecg_check_options, f)

static const struct opt_spec opt_table[] = {
    { "build-path", "p", OPT_STRING, FIELD(build_path) },
    { "checks", NULL, OPT_STRING, FIELD(checks) },
    { "warnings-as-errors", NULL, OPT_STRING, FIELD(warnings_as_errors) },
    { "header-filter", NULL, OPT_STRING, FIELD(header_filter) },
    { "config-file", NULL, OPT_STRING, FIELD(config_file) },
    { "config", NULL, OPT_STRING, FIELD(config_text) },
    { "output", "o", OPT_STRING, FIELD(output) },
    { "resource-dir", NULL, OPT_STRING, FIELD(resource_dir) },
    { "project-root", NULL, OPT_STRING, FIELD(project_root) },
    { "sarif-category", NULL, OPT_STRING, FIELD(sarif_category) },
    { "sarif-profile", NULL, OPT_STRING, FIELD(sarif_profile) },
    { "sarif-help-uri", NULL, OPT_STRING, FIELD(sarif_help_uri) },
    { "db", NULL, OPT_STRING, FIELD(db_path) },
    { "changed-since", NULL, OPT_STRING, FIELD(changed_since) },
    { "no-db", NULL, OPT_FLAG, FIELD(no_db) },
    { "no-cache", NULL, OPT_FLAG, FIELD(no_cache) },
    { "reset-db", NULL, OPT_FLAG, FIELD(reset_db) },
    { "baseline", NULL, OPT_FLAG, FIELD(baseline) },
    { "format", NULL, OPT_FORMAT, FIELD(format) },
    { "color", NULL, OPT_COLOR, FIELD(color) },
    { "jobs", "j", OPT_JOBS, FIELD(jobs) },
    { "extra-arg", NULL, OPT_APPEND, FIELD(extra_args) },
    { "extra-arg-before", NULL, OPT_APPEND, FIELD(extra_args_before) },
    { "quiet", NULL, OPT_FLAG, FIELD(quiet) },
    { "list-checks", NULL, OPT_FLAG, FIELD(list_checks) },
    { "dump-config", NULL, OPT_FLAG, FIELD(dump_config) },
    { "show-suppressed", NULL, OPT_FLAG, FIELD(show_suppressed) },
    { "no-timestamps", NULL, OPT_FLAG, FIELD(no_timestamps) },
    { "help", "h", OPT_FLAG, FIELD(help) },
    { "version", NULL, OPT_FLAG, FIELD(version) },
};

static const struct opt_spec *find_spec(const char *name, size_t len, int short_form)
{
    for (size_t i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++) {
        const char *candidate = short_form ? opt_table[i].alias : opt_table[i].name;
        if (candidate != NULL && strlen(candidate) == len && strncmp(candidate, name, len) == 0)
            return &opt_table[i];
    }
    return NULL;
}

static int set_format(struct ecg_check_options *opts, const char *v, struct ecg_diag *diag)
{
    static const char *const names[] = { "text", "sarif", "github" };
    static const enum ecg_format values[] = { ECG_FORMAT_TEXT, ECG_FORMAT_SARIF,
                                              ECG_FORMAT_GITHUB };

    for (size_t i = 0; i < 3; i++) {
        if (strcmp(v, names[i]) == 0) {
            opts->format = values[i];
            return 0;
        }
    }
    ecg_diag_set(diag, NULL, 0, 0, "unknown format '%s' (expected text, sarif or github)", v);
    return ECG_EUSAGE;
}

static int set_color(struct ecg_check_options *opts, const char *v, struct ecg_diag *diag)
{
    if (strcmp(v, "auto") == 0)
        opts->color = ECG_COLOR_AUTO;
    else if (strcmp(v, "always") == 0)
        opts->color = ECG_COLOR_ALWAYS;
    else if (strcmp(v, "never") == 0)
        opts->color = ECG_COLOR_NEVER;
    else {
        ecg_diag_set(diag, NULL, 0, 0, "unknown color mode '%s' (expected auto, always, never)", v);
        return ECG_EUSAGE;
    }
    return 0;
}

static int set_jobs(struct ecg_check_options *opts, const char *v, struct ecg_diag *diag)
{
    char *end = NULL;
    long n = strtol(v, &end, 10);

    if (end == v || *end != '\0' || n < 0 || n > 1024) {
        ecg_diag_set(diag, NULL, 0, 0, "-j expects a number of jobs from 0 to 1024, not '%s'", v);
        return ECG_EUSAGE;
    }
    opts->jobs = (unsigned)n;
    return 0;
}

static int apply(struct ecg_check_options *opts, const struct opt_spec *spec, const char *v,
                 struct ecg_diag *diag)
{
    char *base = (char *)opts + spec->offset;
    char **field = (char **)(void *)base;

    switch (spec->action) {
    case OPT_STRING:
        free(*field);
        *field = strdup(v);
        return *field != NULL ? 0 : ECG_ENOMEM;
    case OPT_APPEND:
        return ecg_strvec_push((struct ecg_strvec *)(void *)base, v);
    case OPT_FLAG:
        *(int *)(void *)base = 1;
        return 0;
    case OPT_FORMAT:
        return set_format(opts, v, diag);
    case OPT_COLOR:
        return set_color(opts, v, diag);
    case OPT_JOBS:
        return set_jobs(opts, v, diag);
    }
    return ECG_EUSAGE;
}

/* Splits "--name=value", LLVM's "-name=value", "-p DIR", "-j4" into a spec and an inline
 * value. */
static const struct opt_spec *lookup_option(const char *arg, const char **out_inline)
{
    int double_dash = arg[1] == '-';
    const char *name = arg + (double_dash ? 2 : 1);
    const char *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
    const struct opt_spec *spec = find_spec(name, len, 0);

    *out_inline = eq != NULL ? eq + 1 : NULL;
    if (spec != NULL || double_dash)
        return spec;
    spec = find_spec(name, 1, 1);
    if (spec != NULL && name[1] != '\0')
        *out_inline = name[1] == '=' ? name + 2 : name + 1;
    return spec;
}

static int parse_option(struct ecg_check_options *opts, int argc, char **argv, int *i,
                        struct ecg_diag *diag)
{
    const char *inline_value;
    const struct opt_spec *spec = lookup_option(argv[*i], &inline_value);

    if (spec == NULL) {
        ecg_diag_set(diag, NULL, 0, 0, "unknown option '%s' (see 'ecg check --help')", argv[*i]);
        return ECG_EUSAGE;
    }
    if (spec->action == OPT_FLAG) {
        if (inline_value != NULL) {
            ecg_diag_set(diag, NULL, 0, 0, "option '%s' takes no value", argv[*i]);
            return ECG_EUSAGE;
        }
        return apply(opts, spec, "", diag);
    }
    if (inline_value == NULL) {
        if (*i + 1 >= argc) {
            ecg_diag_set(diag, NULL, 0, 0, "option '%s' needs a value", argv[*i]);
            return ECG_EUSAGE;
        }
        (*i)++;
        inline_value = argv[*i];
    }
    return apply(opts, spec, inline_value, diag);
}

static int join_command_line(struct ecg_check_options *opts, int argc, char **argv)
{
    size_t len = sizeof("ecg");

    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    opts->command_line = malloc(len);
    if (opts->command_line == NULL)
        return ECG_ENOMEM;
    snprintf(opts->command_line, len, "ecg");
    for (int i = 0; i < argc; i++) {
        size_t used = strlen(opts->command_line);
        snprintf(opts->command_line + used, len - used, " %s", argv[i]);
    }
    return 0;
}

static int check_sarif_values(const struct ecg_check_options *opts, struct ecg_diag *diag)
{
    const char *p = opts->sarif_profile;

    if (p != NULL && strcmp(p, "full") != 0 && strcmp(p, "github") != 0) {
        ecg_diag_set(diag, NULL, 0, 0, "unknown SARIF profile '%s' (expected full or github)", p);
        return ECG_EUSAGE;
    }
    if (opts->sarif_help_uri != NULL && !sarif_help_uri_valid(opts->sarif_help_uri)) {
        ecg_diag_set(diag, NULL, 0, 0,
                     "--sarif-help-uri '%s' is not an absolute URI such as "
                     "https://example.com/docs/rules/",
                     opts->sarif_help_uri);
        return ECG_EUSAGE;
    }
    return 0;
}

static int check_db_values(const struct ecg_check_options *opts, struct ecg_diag *diag)
{
    if (opts->no_db && (opts->baseline || opts->reset_db)) {
        ecg_diag_set(diag, NULL, 0, 0, "--%s needs the results database; drop --no-db",
                     opts->baseline ? "baseline" : "reset-db");
        return ECG_EUSAGE;
    }
    return 0;
}

/* Checks what a single option cannot: the values of some, and combinations. */
static int check_values(const struct ecg_check_options *opts, struct ecg_diag *diag)
{
    int rc = check_sarif_values(opts, diag);

    return rc != 0 ? rc : check_db_values(opts, diag);
}

int ecg_cli_parse_check(struct ecg_check_options *opts, int argc, char **argv,
                        struct ecg_diag *diag)
{
    int rc;

    memset(opts, 0, sizeof(*opts));
    rc = join_command_line(opts, argc, argv);
    for (int i = 1; rc == 0 && i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            opts->has_compiler_args = 1;
            for (i++; rc == 0 && i < argc; i++)
                rc = ecg_strvec_push(&opts->compiler_args, argv[i]);
            break;
        }
        if (arg[0] == '-' && arg[1] != '\0')
            rc = parse_option(opts, argc, argv, &i, diag);
        else
            rc = ecg_strvec_push(&opts->files, arg);
    }
    return rc != 0 ? rc : check_values(opts, diag);
}

void ecg_cli_fini(struct ecg_check_options *opts)
{
    char **strings[] = { &opts->build_path,     &opts->checks,        &opts->warnings_as_errors,
                         &opts->header_filter,  &opts->config_file,   &opts->config_text,
                         &opts->output,         &opts->resource_dir,  &opts->project_root,
                         &opts->sarif_category, &opts->sarif_profile, &opts->sarif_help_uri,
                         &opts->db_path,        &opts->changed_since, &opts->command_line };

    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
        free(*strings[i]);
    ecg_strvec_fini(&opts->files);
    ecg_strvec_fini(&opts->extra_args);
    ecg_strvec_fini(&opts->extra_args_before);
    ecg_strvec_fini(&opts->compiler_args);
    memset(opts, 0, sizeof(*opts));
}

static const char check_help[] =
    "USAGE: ecg check [options] [FILE...] [-- COMPILER-ARGS...]\n"
    "\n"
    "Analyzes C translation units with libclang and reports findings in clang's format.\n"
    "\n"
    "Inputs:\n"
    "  -p, --build-path DIR        read DIR/compile_commands.json; with no FILE, analyze\n"
    "                              every translation unit in it\n"
    "  -- COMPILER-ARGS            compiler flags, or a whole compiler command line whose\n"
    "                              first word is the compiler (gcc, cc, /usr/bin/clang ...)\n"
    "  --extra-arg=ARG             append ARG to the compiler flags (repeatable)\n"
    "  --extra-arg-before=ARG      prepend ARG to the compiler flags (repeatable)\n"
    "  --resource-dir DIR          clang resource directory (default: found at build time)\n"
    "\n"
    "Rules and configuration:\n"
    "  --checks GLOBS              enable/disable rules: '-*,security-*,-security-weak-crypto'\n"
    "                              (later entries win)\n"
    "  --warnings-as-errors GLOBS  rules whose warnings fail the run as errors\n"
    "  --header-filter REGEX       headers whose findings are shown (default: headers under\n"
    "                              the project root; system headers never)\n"
    "  --config-file FILE          use FILE instead of discovering .ecg.json files\n"
    "  --config JSON               inline configuration, applied over any .ecg.json\n"
    "  --project-root DIR          root for relative paths and the default header filter\n"
    "                              (default: the enclosing git checkout)\n"
    "  --list-checks               list the enabled rules and exit\n"
    "  --dump-config               print the effective configuration and exit\n"
    "\n"
    "Output:\n"
    "  --format text|sarif|github  clang diagnostics (default), SARIF 2.1.0, or GitHub\n"
    "                              Actions workflow commands\n"
    "  -o, --output FILE           write to FILE (replaced atomically) instead of stdout\n"
    "  --color auto|always|never   colour text output (auto: on a terminal, unless NO_COLOR)\n"
    "  --show-suppressed           also print findings suppressed by NOLINT comments\n"
    "  --sarif-category ID         SARIF automationDetails.id, for several uploads per commit\n"
    "  --sarif-profile full|github full log for IDEs (default), or for code scanning uploads:\n"
    "                              no suppressed results or fixes, GitHub's limits enforced\n"
    "  --sarif-help-uri BASE       rule help links are BASE<rule-id>.md\n"
    "  --no-timestamps             leave times out of SARIF (also when SOURCE_DATE_EPOCH is set)\n"
    "  --quiet                     no progress line and no summary on stderr\n"
    "  -j, --jobs N                worker threads (default: number of cores)\n"
    "\n"
    "Results database (cache, baseline, history):\n"
    "  --db PATH                   the database (default: .ecg/ecg.db under the project root)\n"
    "  --no-db                     use no database: no cache, baseline or history\n"
    "  --no-cache                  analyze every unit again (history is still recorded)\n"
    "  --reset-db                  delete the database and start over\n"
    "  --baseline                  only findings missing from the saved baseline ('ecg\n"
    "                              baseline save') fail the gate\n"
    "  --changed-since REV         report only findings on lines changed since REV (git)\n"
    "  --version                   print ecg's version and the libclang it uses\n"
    "  --help                      show this help\n"
    "\n"
    "Exit status:\n"
    "  0  no finding fails the gate\n"
    "  1  findings fail the gate (errors, or warnings matched by --warnings-as-errors)\n"
    "  2  usage or configuration error: nothing was analyzed\n"
    "  3  some translation unit could not be analyzed (its errors are printed; the other\n"
    "     units were analyzed and reported)\n";

void ecg_cli_print_check_help(FILE *out)
{
    fputs(check_help, out);
}
