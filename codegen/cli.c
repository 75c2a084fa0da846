/* ecg gen: argument parsing, then read every header, plan and render every struct, and only
 * then write the files, so a bad input leaves no output behind. */
#include "codegen/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer/build_config.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/strvec.h"
#include "codegen/files.h"
#include "codegen/layout.h"
#include "codegen/read.h"
#include "codegen/report.h"

enum gen_exit {
    GEN_EXIT_OK = 0,
    GEN_EXIT_USAGE = 2,
    GEN_EXIT_NOMEM = 3,
};

static const char gen_help[] =
    "USAGE: ecg gen HEADER... -o DIR [--report] [-- COMPILER-ARGS]\n"
    "       ecg gen HEADER... --report [-- COMPILER-ARGS]\n"
    "\n"
    "Reads the structs marked ECG_GENERATE(...) in each HEADER (through libclang, with\n"
    "-DECG_ANALYZING and COMPILER-ARGS, e.g. -I for <ecg/annotate.h>) and writes\n"
    "DIR/<name>.gen.h and DIR/<name>.gen.c for each: the laid-out struct, its static\n"
    "assertions and the pool, ring and instrumentation it asks for. A file is rewritten only\n"
    "when its content changes. See docs/codegen.md.\n"
    "\n"
    "Options:\n"
    "  -o DIR     write the generated files into DIR (created when missing)\n"
    "  --report   print the before/after layout table of each struct to stdout\n"
    "  -h, --help show this help\n"
    "\n"
    "Exit codes: 0 done; 2 usage error, header that does not parse, bad annotation or\n"
    "unsupported struct, output that cannot be written; 3 out of memory.\n";

struct gen_args {
    struct ecg_strvec headers;
    struct ecg_strvec compiler_args;
    const char *out_dir;
    int report;
    int help;
};

/* One struct ready to write: its model, layout and rendered files. */
struct gen_unit {
    struct gen_struct *s; /* borrowed from the read results */
    struct gen_layout layout;
    struct gen_text h;
    struct gen_text c;
};

struct gen_run {
    struct gen_args args;
    struct gen_read_result *reads; /* one per header */
    size_t n_reads;
    struct gen_unit *units;
    size_t n_units;
    struct ecg_diag diag;
};

/* Says what is wrong with the command line: what, then arg (may be ""). */
static int usage(const char *what, const char *arg)
{
    fprintf(stderr, "ecg: error: %s%s (see 'ecg gen --help')\n", what, arg);
    return GEN_EXIT_USAGE;
}

static int parse_option(struct gen_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];

    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
        a->help = 1;
    } else if (strcmp(arg, "--report") == 0) {
        a->report = 1;
    } else if (strcmp(arg, "-o") == 0) {
        if (*i + 1 >= argc)
            return usage("-o needs a directory", "");
        a->out_dir = argv[++*i];
    } else {
        return usage("unknown option ", arg);
    }
    return 0;
}

/* Reads the options and headers before "--"; *out_end is the index of "--" (or argc). */
static int parse_words(struct gen_args *a, int argc, char **argv, int *out_end)
{
    int i, rc = 0;

    for (i = 1; rc == 0 && i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            rc = parse_option(a, argc, argv, &i);
        else if (ecg_strvec_push(&a->headers, argv[i]) != 0)
            rc = GEN_EXIT_NOMEM;
    }
    *out_end = i;
    return rc;
}

static int parse_args(struct gen_args *a, int argc, char **argv)
{
    int end = argc;
    int rc = parse_words(a, argc, argv, &end);

    for (int i = end + 1; rc == 0 && i < argc; i++) {
        if (ecg_strvec_push(&a->compiler_args, argv[i]) != 0)
            rc = GEN_EXIT_NOMEM;
    }
    if (rc != 0 || a->help)
        return rc;
    if (a->headers.len == 0)
        return usage("no header given", "");
    if (a->out_dir == NULL && !a->report)
        return usage("no output directory: give -o DIR (or --report)", "");
    return 0;
}

static int exit_for(int rc, const struct ecg_diag *diag)
{
    if (rc == 0)
        return GEN_EXIT_OK;
    ecg_diag_print(diag, stderr, "error");
    return rc == ECG_ENOMEM ? GEN_EXIT_NOMEM : GEN_EXIT_USAGE;
}

/* Refuses a struct whose name another header already generates (same output files). */
static int check_unique(struct gen_run *run, const struct gen_struct *s, size_t before)
{
    for (size_t i = 0; i < before; i++) {
        const struct gen_struct *other = run->units[i].s;
        if (strcmp(other->name, s->name) != 0)
            continue;
        ecg_diag_set(&run->diag, s->input, s->line, 0,
                     "struct '%s' is also generated from %s:%u; its output files would collide",
                     s->name, other->input, other->line);
        return ECG_EPARSE;
    }
    return 0;
}

static int read_all(struct gen_run *run)
{
    const char *resource_dir = ECG_DEFAULT_RESOURCE_DIR;
    int rc = 0;

    run->reads = calloc(run->args.headers.len, sizeof(*run->reads));
    if (run->reads == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < run->args.headers.len; i++) {
        rc = gen_read_header(&run->reads[i], run->args.headers.items[i], &run->args.compiler_args,
                             resource_dir, &run->diag);
        if (rc == 0)
            run->n_reads++;
    }
    return rc;
}

static int plan_one(struct gen_run *run, struct gen_struct *s)
{
    struct gen_unit *u = &run->units[run->n_units];
    int rc = check_unique(run, s, run->n_units);

    if (rc != 0)
        return rc;
    memset(u, 0, sizeof(*u));
    u->s = s;
    run->n_units++;
    rc = gen_layout_plan(&u->layout, s);
    if (rc == 0)
        rc = gen_files_render(&u->h, &u->c, s, &u->layout);
    if (rc == ECG_ENOMEM)
        ecg_diag_set(&run->diag, s->input, s->line, 0, "out of memory");
    return rc;
}

static int plan_all(struct gen_run *run)
{
    size_t total = 0;
    int rc = 0;

    for (size_t i = 0; i < run->n_reads; i++)
        total += run->reads[i].n_structs;
    run->units = calloc(total + 1, sizeof(*run->units));
    if (run->units == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < run->n_reads; i++) {
        for (size_t j = 0; rc == 0 && j < run->reads[i].n_structs; j++)
            rc = plan_one(run, &run->reads[i].structs[j]);
    }
    return rc;
}

static int print_report(struct gen_run *run)
{
    struct gen_text text = { NULL, 0, 0, 0 };
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < run->n_units; i++) {
        if (i > 0)
            gen_text_puts(&text, "\n");
        rc = gen_report_format(&text, run->units[i].s, &run->units[i].layout);
    }
    if (rc == 0 && text.data != NULL && fputs(text.data, stdout) == EOF)
        rc = ECG_EIO;
    if (rc != 0)
        ecg_diag_set(&run->diag, NULL, 0, 0, "cannot print the report");
    gen_text_fini(&text);
    return rc;
}

static int make_dir(const char *dir, struct ecg_diag *diag)
{
    struct stat st;

    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (mkdir(dir, 0777) == 0)
        return 0;
    ecg_diag_set(diag, dir, 0, 0, "cannot create the output directory: %s", strerror(errno));
    return ECG_EIO;
}

static int write_file(struct gen_run *run, const char *name, const char *ext,
                      const struct gen_text *text)
{
    char path[ECG_DIAG_PATH_MAX];
    int written;
    int n = snprintf(path, sizeof(path), "%s/%s.gen.%s", run->args.out_dir, name, ext);

    if (n < 0 || (size_t)n >= sizeof(path)) {
        ecg_diag_set(&run->diag, run->args.out_dir, 0, 0, "output path too long");
        return ECG_EIO;
    }
    return gen_files_write(&written, path, text, &run->diag);
}

static int write_all(struct gen_run *run)
{
    int rc = make_dir(run->args.out_dir, &run->diag);

    for (size_t i = 0; rc == 0 && i < run->n_units; i++) {
        rc = write_file(run, run->units[i].s->name, "h", &run->units[i].h);
        if (rc == 0)
            rc = write_file(run, run->units[i].s->name, "c", &run->units[i].c);
    }
    return rc;
}

static void run_fini(struct gen_run *run)
{
    for (size_t i = 0; i < run->n_units; i++) {
        gen_model_layout_fini(&run->units[i].layout);
        gen_text_fini(&run->units[i].h);
        gen_text_fini(&run->units[i].c);
    }
    for (size_t i = 0; i < run->n_reads; i++)
        gen_read_fini(&run->reads[i]);
    free(run->units);
    free(run->reads);
    ecg_strvec_fini(&run->args.headers);
    ecg_strvec_fini(&run->args.compiler_args);
}

/* Reads, plans and renders everything, then reports and writes. */
static int generate(struct gen_run *run)
{
    int rc = read_all(run);

    if (rc == 0)
        rc = plan_all(run);
    if (rc == 0 && run->args.report)
        rc = print_report(run);
    if (rc == 0 && run->args.out_dir != NULL)
        rc = write_all(run);
    if (rc == ECG_ENOMEM && run->diag.message[0] == '\0')
        ecg_diag_set(&run->diag, NULL, 0, 0, "out of memory");
    return rc;
}

int gen_cli_main(int argc, char **argv)
{
    struct gen_run run;
    int code;

    memset(&run, 0, sizeof(run));
    ecg_strvec_init(&run.args.headers);
    ecg_strvec_init(&run.args.compiler_args);
    code = parse_args(&run.args, argc, argv);
    if (code == 0 && run.args.help && fputs(gen_help, stdout) == EOF)
        code = GEN_EXIT_USAGE; /* stdout closed or full: say so by the status */
    if (code == 0 && !run.args.help)
        code = exit_for(generate(&run), &run.diag);
    run_fini(&run);
    return code;
}
