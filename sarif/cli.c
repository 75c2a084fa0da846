/* `ecg sarif merge` and `ecg sarif diff`: options, loading the logs, writing the result;
 * see cli.h. Every failure is printed once, as "file:line:col: error: message". */
#include "sarif/cli.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "sarif/diff.h"
#include "sarif/merge.h"
#include "sarif/read.h"

enum sarif_exit {
    SARIF_EXIT_OK = 0,
    SARIF_EXIT_NEW_ERRORS = 1,
    SARIF_EXIT_USAGE = 2,
};

static const char sarif_help[] =
    "USAGE: ecg sarif <command> [options]\n"
    "\n"
    "Commands:\n"
    "  merge     merge the SARIF logs of shards of one analysis into one log with one run\n"
    "  diff      compare two SARIF logs: new, fixed and unchanged results\n"
    "\n"
    "Run 'ecg sarif <command> --help' for a command's options.\n";

static const char merge_help[] =
    "USAGE: ecg sarif merge [options] LOG.sarif...\n"
    "\n"
    "Merges SARIF 2.1.0 logs of runs of the same tool (the shards of one analysis) into one\n"
    "log with one run: rules united by id and sorted, results concatenated in input order\n"
    "and de-duplicated by rule and ecg fingerprint (without one: by rule, location and\n"
    "message), one invocation.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write to FILE (replaced atomically) instead of stdout\n"
    "  --category ID         automationDetails.id of the merged run (default: the first\n"
    "                        input's)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status:\n"
    "  0  merged\n"
    "  2  usage error, or a log that cannot be read or merged\n";

static const char diff_help[] =
    "USAGE: ecg sarif diff [options] BASE.sarif HEAD.sarif\n"
    "\n"
    "Compares two SARIF 2.1.0 logs: results of HEAD missing from BASE are new, results of\n"
    "BASE missing from HEAD are fixed. Results match by rule and ecg fingerprint (without\n"
    "one: by rule, location and message). Suppressed results are not compared, so a result\n"
    "suppressed in HEAD is never new.\n"
    "\n"
    "Options:\n"
    "  --format text|json    'path:line:col: level: message [rule] (new|fixed)' lines and a\n"
    "                        summary (default), or a JSON object\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status:\n"
    "  0  no new result is an error\n"
    "  1  a new, unsuppressed result has level error: the change fails the gate\n"
    "  2  usage error, or a log that cannot be read\n";

/* The arguments being parsed; i is the current one. */
struct cursor {
    int argc;
    char **argv;
    int i;
};

struct merge_cmd {
    const char *output;   /* NULL or "-": standard output */
    const char *category; /* NULL: the first input's */
    const char **inputs;  /* owned array; the strings are argv's */
    size_t n_inputs;
    int help;
};

struct diff_cmd {
    const char *format; /* "text" or "json" */
    const char *paths[2];
    size_t n_paths;
    int help;
};

static int usage(struct ecg_diag *diag, const char *command, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a usage error, pointing at the command's help. */
static int usage(struct ecg_diag *diag, const char *command, const char *fmt, ...)
{
    char message[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    ecg_diag_set(diag, NULL, 0, 0, "%s (try 'ecg sarif %s --help')", message, command);
    return ECG_EUSAGE;
}

/* What an argument is, once "--" has (files_only) or has not been seen. */
enum arg_kind {
    ARG_END_OF_OPTIONS,
    ARG_OPTION,
    ARG_OPERAND,
};

static enum arg_kind arg_kind(const char *arg, int files_only)
{
    if (files_only)
        return ARG_OPERAND;
    if (strcmp(arg, "--") == 0)
        return ARG_END_OF_OPTIONS;
    return arg[0] == '-' && arg[1] != '\0' ? ARG_OPTION : ARG_OPERAND;
}

static int is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* When the current argument is option long_name (or short_name, which may be NULL), sets
 * *out to its value: after '=', glued to the short name, or the next argument.
 * Returns 1 when it is the option, 0 when it is not, ECG_EUSAGE when the value is missing. */
static int option_value(const char **out, struct cursor *c, const char *short_name,
                        const char *long_name, struct ecg_diag *diag)
{
    const char *arg = c->argv[c->i];
    size_t n = strlen(long_name);
    int is_short = short_name != NULL && strncmp(arg, short_name, 2) == 0;

    if (strncmp(arg, long_name, n) == 0 && arg[n] == '=') {
        *out = arg + n + 1;
        return 1;
    }
    if (is_short && arg[2] != '\0') {
        *out = arg + 2;
        return 1;
    }
    if (!is_short && strcmp(arg, long_name) != 0)
        return 0;
    if (c->i + 1 >= c->argc) {
        ecg_diag_set(diag, NULL, 0, 0, "option '%s' needs a value", arg);
        return ECG_EUSAGE;
    }
    c->i++;
    *out = c->argv[c->i];
    return 1;
}

/* What a command does with each argument: an option (the cursor on it, which it may advance
 * past the option's value) or an operand. Each returns 0 or ECG_EUSAGE. */
struct arg_handlers {
    int (*option)(void *cmd, struct cursor *c, struct ecg_diag *diag);
    int (*operand)(void *cmd, const char *arg, struct ecg_diag *diag);
};

/* Hands argv[1..argc) to h in order, every argument after "--" as an operand; stops at the
 * first error and returns it. */
static int parse_args(void *cmd, const struct arg_handlers *h, int argc, char **argv,
                      struct ecg_diag *diag)
{
    struct cursor c = { argc, argv, 1 };
    int files_only = 0;
    int rc = 0;

    for (; c.i < argc && rc == 0; c.i++) {
        switch (arg_kind(argv[c.i], files_only)) {
        case ARG_END_OF_OPTIONS:
            files_only = 1;
            break;
        case ARG_OPTION:
            rc = h->option(cmd, &c, diag);
            break;
        case ARG_OPERAND:
            rc = h->operand(cmd, argv[c.i], diag);
            break;
        }
    }
    return rc;
}

/* --- merge ------------------------------------------------------------------------------ */

static int merge_option(void *ctx, struct cursor *c, struct ecg_diag *diag)
{
    struct merge_cmd *cmd = ctx;
    const char *arg = c->argv[c->i];
    int rc;

    if (is_help(arg)) {
        cmd->help = 1;
        return 0;
    }
    rc = option_value(&cmd->output, c, "-o", "--output", diag);
    if (rc == 0)
        rc = option_value(&cmd->category, c, NULL, "--category", diag);
    if (rc == 0)
        return usage(diag, "merge", "unknown option '%s'", arg);
    return rc < 0 ? rc : 0;
}

static int merge_operand(void *ctx, const char *arg, struct ecg_diag *diag)
{
    struct merge_cmd *cmd = ctx;

    (void)diag;
    cmd->inputs[cmd->n_inputs++] = arg;
    return 0;
}

/* Fills cmd from argv; cmd->inputs has room for argc operands. */
static int merge_parse(struct merge_cmd *cmd, int argc, char **argv, struct ecg_diag *diag)
{
    static const struct arg_handlers handlers = { merge_option, merge_operand };
    int rc = parse_args(cmd, &handlers, argc, argv, diag);

    if (rc == 0 && cmd->n_inputs == 0 && !cmd->help)
        rc = usage(diag, "merge", "no SARIF log to merge");
    return rc;
}

static int write_json(FILE *out, const cJSON *json)
{
    char *text = cJSON_Print(json);
    size_t n;
    int rc = 0;

    if (text == NULL)
        return ECG_ENOMEM;
    n = strlen(text);
    if (fwrite(text, 1, n, out) != n || fputc('\n', out) == EOF)
        rc = ECG_EIO;
    if (fflush(out) != 0 || ferror(out))
        rc = ECG_EIO;
    cJSON_free(text);
    return rc;
}

/* Writes json to stdout (out), or atomically to path. */
static int write_output(const cJSON *json, const char *path, FILE *out, struct ecg_diag *diag)
{
    struct ecg_atomic_file file;
    int rc;

    if (path == NULL || strcmp(path, "-") == 0) {
        rc = write_json(out, json);
        if (rc == ECG_EIO)
            ecg_diag_set(diag, NULL, 0, 0, "cannot write to standard output");
        return rc;
    }
    rc = ecg_fileio_atomic_open(&file, path, diag);
    if (rc != 0)
        return rc;
    rc = write_json(file.stream, json);
    if (rc != 0) {
        if (rc == ECG_EIO)
            ecg_diag_set(diag, path, 0, 0, "cannot write the merged log");
        ecg_fileio_atomic_abort(&file);
        return rc;
    }
    return ecg_fileio_atomic_commit(&file, diag);
}

static void free_docs(struct sarif_doc **docs, size_t n)
{
    for (size_t i = 0; docs != NULL && i < n; i++)
        sarif_read_free(docs[i]);
    free(docs);
}

static int merge_inputs(const struct merge_cmd *cmd, FILE *out, struct ecg_diag *diag)
{
    struct sarif_merge_options opts = { cmd->category };
    struct sarif_doc **docs = calloc(cmd->n_inputs, sizeof(*docs));
    cJSON *log = NULL;
    int rc = docs != NULL ? 0 : ECG_ENOMEM;

    for (size_t i = 0; i < cmd->n_inputs && rc == 0; i++)
        rc = sarif_read_file(&docs[i], cmd->inputs[i], diag);
    if (rc == 0)
        rc = sarif_merge(&log, (const struct sarif_doc *const *)docs, cmd->n_inputs, &opts, diag);
    free_docs(docs, cmd->n_inputs);
    if (rc == 0)
        rc = write_output(log, cmd->output, out, diag);
    cJSON_Delete(log);
    return rc;
}

static int cmd_merge(int argc, char **argv, FILE *out, struct ecg_diag *diag)
{
    struct merge_cmd cmd;
    int rc;

    memset(&cmd, 0, sizeof(cmd));
    cmd.inputs = calloc((size_t)argc, sizeof(*cmd.inputs));
    if (cmd.inputs == NULL)
        return ECG_ENOMEM;
    rc = merge_parse(&cmd, argc, argv, diag);
    if (rc == 0 && cmd.help)
        fputs(merge_help, out);
    else if (rc == 0)
        rc = merge_inputs(&cmd, out, diag);
    free(cmd.inputs);
    return rc != 0 ? rc : SARIF_EXIT_OK;
}

/* --- diff ------------------------------------------------------------------------------- */

static int diff_option(void *ctx, struct cursor *c, struct ecg_diag *diag)
{
    struct diff_cmd *cmd = ctx;
    const char *arg = c->argv[c->i];
    int rc;

    if (is_help(arg)) {
        cmd->help = 1;
        return 0;
    }
    rc = option_value(&cmd->format, c, NULL, "--format", diag);
    if (rc == 0)
        return usage(diag, "diff", "unknown option '%s'", arg);
    if (rc > 0 && strcmp(cmd->format, "text") != 0 && strcmp(cmd->format, "json") != 0)
        return usage(diag, "diff", "unknown format '%s' (text or json)", cmd->format);
    return rc < 0 ? rc : 0;
}

static int diff_operand(void *ctx, const char *arg, struct ecg_diag *diag)
{
    struct diff_cmd *cmd = ctx;

    if (cmd->n_paths == 2)
        return usage(diag, "diff", "unexpected argument '%s': give BASE and HEAD", arg);
    cmd->paths[cmd->n_paths++] = arg;
    return 0;
}

static int diff_parse(struct diff_cmd *cmd, int argc, char **argv, struct ecg_diag *diag)
{
    static const struct arg_handlers handlers = { diff_option, diff_operand };
    int rc = parse_args(cmd, &handlers, argc, argv, diag);

    if (rc == 0 && cmd->n_paths != 2 && !cmd->help)
        rc = usage(diag, "diff", "expected two SARIF logs, BASE and HEAD");
    return rc;
}

static int diff_print(const struct sarif_diff *d, const char *format, FILE *out,
                      struct ecg_diag *diag)
{
    cJSON *json = NULL;
    int rc;

    if (strcmp(format, "json") != 0) {
        rc = sarif_diff_print_text(out, d);
    } else {
        rc = sarif_diff_to_json(&json, d);
        if (rc == 0)
            rc = write_json(out, json);
        cJSON_Delete(json);
    }
    if (rc == ECG_EIO)
        ecg_diag_set(diag, NULL, 0, 0, "cannot write to standard output");
    return rc;
}

static int diff_logs(const struct diff_cmd *cmd, FILE *out, struct ecg_diag *diag)
{
    struct sarif_doc *base = NULL;
    struct sarif_doc *head = NULL;
    struct sarif_diff d;
    int code = SARIF_EXIT_OK;
    int rc = sarif_read_file(&base, cmd->paths[0], diag);

    memset(&d, 0, sizeof(d));
    if (rc == 0)
        rc = sarif_read_file(&head, cmd->paths[1], diag);
    if (rc == 0)
        rc = sarif_diff_compute(&d, base, head);
    if (rc == 0)
        rc = diff_print(&d, cmd->format, out, diag);
    if (rc == 0 && sarif_diff_fails_gate(&d))
        code = SARIF_EXIT_NEW_ERRORS;
    sarif_diff_fini(&d);
    sarif_read_free(head);
    sarif_read_free(base);
    return rc != 0 ? rc : code;
}

static int cmd_diff(int argc, char **argv, FILE *out, struct ecg_diag *diag)
{
    struct diff_cmd cmd;
    int rc;

    memset(&cmd, 0, sizeof(cmd));
    cmd.format = "text";
    rc = diff_parse(&cmd, argc, argv, diag);
    if (rc == 0 && cmd.help) {
        fputs(diff_help, out);
        return SARIF_EXIT_OK;
    }
    if (rc != 0)
        return rc;
    return diff_logs(&cmd, out, diag);
}

/* --- dispatch --------------------------------------------------------------------------- */

/* A negative error code as the exit code, its diagnostic printed; else code itself. */
static int finish(int code, struct ecg_diag *diag, FILE *err)
{
    if (code >= 0)
        return code;
    if (code == ECG_ENOMEM && diag->message[0] == '\0')
        ecg_diag_set(diag, NULL, 0, 0, "out of memory");
    ecg_diag_print(diag, err, "error");
    return SARIF_EXIT_USAGE;
}

int sarif_cli_run(int argc, char **argv, FILE *out, FILE *err)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    if (cmd == NULL) {
        fputs(sarif_help, err);
        return SARIF_EXIT_USAGE;
    }
    if (strcmp(cmd, "merge") == 0)
        return finish(cmd_merge(argc - 1, argv + 1, out, &diag), &diag, err);
    if (strcmp(cmd, "diff") == 0)
        return finish(cmd_diff(argc - 1, argv + 1, out, &diag), &diag, err);
    if (is_help(cmd) || strcmp(cmd, "help") == 0) {
        fputs(sarif_help, out);
        return SARIF_EXIT_OK;
    }
    fprintf(err, "ecg: error: unknown command 'sarif %s' (try 'ecg sarif --help')\n", cmd);
    return SARIF_EXIT_USAGE;
}

int sarif_cli_main(int argc, char **argv)
{
    return sarif_cli_run(argc, argv, stdout, stderr);
}
