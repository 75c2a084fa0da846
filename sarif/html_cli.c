/* `ecg report html IN.sarif [--metrics METRICS.json] [--source-root DIR] -o OUT.html`:
 * options, loading the inputs, and writing the page atomically (an error leaves no file). */
#include "sarif/html.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "sarif/read.h"

enum report_exit {
    REPORT_EXIT_OK = 0,
    REPORT_EXIT_USAGE = 2,
};

static const char report_help[] =
    "USAGE: ecg report html IN.sarif [--metrics METRICS.json] [--source-root DIR] -o OUT.html\n"
    "\n"
    "Writes one self-contained HTML page (nothing is loaded from elsewhere) presenting a\n"
    "SARIF log: counts by rule, level and file; filters and a search box; each finding with\n"
    "its source lines, related locations and flow steps; suppressed, baseline-unchanged and\n"
    "fixed results on their own tabs. With --metrics (the output of 'ecg metrics --format\n"
    "json'), a complexity overview drawn as SVG.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     the page to write (replaced atomically); required\n"
    "  --metrics FILE        add the complexity overview from this metrics file\n"
    "  --source-root DIR     look up relative source paths here when the log's base\n"
    "                        directories do not hold them (default: the working directory)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status:\n"
    "  0  written\n"
    "  2  usage error, or an input that cannot be read (no output is left behind)\n";

struct report_args {
    const char *input;
    const char *output;
    const char *metrics;
    const char *source_root;
    int help;
};

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage(const char *fmt, ...)
{
    va_list ap;

    fputs("ecg: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (try 'ecg report html --help')\n", stderr);
    return ECG_EUSAGE;
}

/* Stores the value of option argv[*i] (which needs one) into *slot. */
static int take_value(const char **slot, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        return usage("option '%s' needs a value", argv[*i]);
    *slot = argv[++*i];
    return 0;
}

static int is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

static const char **option_slot(struct report_args *a, const char *opt)
{
    if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0)
        return &a->output;
    if (strcmp(opt, "--metrics") == 0)
        return &a->metrics;
    if (strcmp(opt, "--source-root") == 0)
        return &a->source_root;
    return NULL;
}

static int parse_one(struct report_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char **slot = option_slot(a, arg);

    if (is_help(arg)) {
        a->help = 1;
        return 0;
    }
    if (slot != NULL)
        return take_value(slot, argc, argv, i);
    if (arg[0] == '-' && arg[1] != '\0')
        return usage("unknown option '%s'", arg);
    if (a->input != NULL)
        return usage("more than one input log ('%s'); merge them first with 'ecg sarif merge'",
                     arg);
    a->input = arg;
    return 0;
}

/* Checks that the required arguments were given (help needs none). */
static int check_required(const struct report_args *a)
{
    if (a->help)
        return 0;
    if (a->input == NULL)
        return usage("no input log given");
    if (a->output == NULL)
        return usage("no output given (-o OUT.html)");
    return 0;
}

static int parse_args(struct report_args *a, int argc, char **argv)
{
    if (argc >= 2 && is_help(argv[1])) {
        a->help = 1;
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "html") != 0)
        return usage("usage: ecg report html IN.sarif -o OUT.html");
    for (int i = 2; i < argc; i++) {
        int rc = parse_one(a, argc, argv, &i);
        if (rc != 0)
            return rc;
    }
    return check_required(a);
}

static int write_page(const struct sarif_html_input *in, const char *output, struct ecg_diag *diag)
{
    struct ecg_atomic_file file;
    int rc = ecg_fileio_atomic_open(&file, output, diag);

    if (rc != 0)
        return rc;
    rc = sarif_html_write(file.stream, in, diag);
    if (rc != 0) {
        ecg_fileio_atomic_abort(&file);
        return rc;
    }
    return ecg_fileio_atomic_commit(&file, diag);
}

static int run_report(const struct report_args *a, struct ecg_diag *diag)
{
    struct sarif_doc *doc = NULL;
    cJSON *metrics = NULL;
    struct sarif_html_input in = { .metrics_path = a->metrics, .source_root = a->source_root };
    int rc = sarif_read_file(&doc, a->input, diag);

    if (rc == 0 && a->metrics != NULL)
        rc = ecg_fileio_read_json(&metrics, a->metrics, diag);
    if (rc == 0) {
        in.sarif = doc;
        in.metrics = metrics;
        rc = write_page(&in, a->output, diag);
    }
    cJSON_Delete(metrics);
    sarif_read_free(doc);
    return rc;
}

int sarif_html_main(int argc, char **argv)
{
    struct report_args args = { 0 };
    struct ecg_diag diag;

    if (parse_args(&args, argc, argv) != 0)
        return REPORT_EXIT_USAGE;
    if (args.help) {
        fputs(report_help, stdout);
        return REPORT_EXIT_OK;
    }
    ecg_diag_clear(&diag);
    if (run_report(&args, &diag) != 0) {
        ecg_diag_print(&diag, stderr, "error");
        return REPORT_EXIT_USAGE;
    }
    return REPORT_EXIT_OK;
}
