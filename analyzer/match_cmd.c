/* `ecg match replay FILE|-` and `ecg match convert IN -o OUT`: options, reading commands line
 * by line (or binary records), running them through the engine, printing each event. A
 * malformed line is reported as FILE:LINE and skipped; the run goes on and exits 2. */
#include "analyzer/match_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/fileio.h"
#include "ecg/match.h"
#include "ecg/match_replay.h"

enum match_exit {
    MATCH_EXIT_OK = 0,
    MATCH_EXIT_USAGE = 2,
};

static const char match_help[] =
    "USAGE: ecg match replay [options] FILE|-\n"
    "       ecg match convert IN -o OUT\n"
    "\n"
    "replay runs order commands through the reference matching engine and prints one event\n"
    "a line (accepted, rejected, trade, cancelled, modified, book). FILE holds text commands,\n"
    "or binary records written by 'convert' (recognised by their header); '-' reads stdin.\n"
    "  A <id> <owner> <instrument> <B|S> <LIMIT|IOC|FOK|MARKET|POST> <price> <qty>\n"
    "  C <id>\n"
    "  M <id> <price> <qty>\n"
    "'#' starts a comment. convert writes the text commands of IN as binary records to OUT.\n"
    "\n"
    "Options of replay:\n"
    "  --instruments N        books for instruments 0..N-1 (default 16)\n"
    "  --min-price P          the lowest price of every book, in ticks (default 1)\n"
    "  --max-price P          the highest price (default 65536; at most 2^24 ticks above min)\n"
    "  --max-orders N         resting orders at once over all books (default 1048576)\n"
    "  --stp cancel-resting|cancel-incoming\n"
    "                         self-trade prevention (default cancel-resting)\n"
    "  --quiet                print no events, only the summary on stderr\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status:\n"
    "  0  every command was run\n"
    "  2  usage error, unreadable input, or malformed commands (each reported as\n"
    "     FILE:LINE: error: ..., skipped, leaving the book untouched)\n";

struct replay_args {
    struct ecgrt_match_config cfg;
    const char *input;
    const char *output; /* convert */
    int quiet;
};

struct replay_out {
    FILE *out;
    int quiet;
    unsigned long long events;
};

static int usage(const char *what, const char *arg)
{
    fprintf(stderr, "ecg: error: %s%s (see 'ecg match --help')\n", what, arg);
    return -1;
}

static int number(long long *out, const char *text, long long min, long long max)
{
    char *end = NULL;
    long long v;

    errno = 0;
    v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static void set_instruments(struct replay_args *a, long long v)
{
    a->cfg.instruments = (uint32_t)v;
}

static void set_min_price(struct replay_args *a, long long v)
{
    a->cfg.min_price = v;
}

static void set_max_price(struct replay_args *a, long long v)
{
    a->cfg.max_price = v;
}

static void set_max_orders(struct replay_args *a, long long v)
{
    a->cfg.max_orders = (uint32_t)v;
}

struct numeric_option {
    const char *name;
    long long min;
    long long max;
    void (*set)(struct replay_args *a, long long v);
};

static const struct numeric_option numeric_options[] = {
    { "--instruments", 1, 1 << 20, set_instruments },
    { "--min-price", -(1LL << 62), 1LL << 62, set_min_price },
    { "--max-price", -(1LL << 62), 1LL << 62, set_max_price },
    { "--max-orders", 1, (1LL << 32) - 2, set_max_orders },
};

static int set_stp(struct replay_args *a, const char *value)
{
    if (strcmp(value, "cancel-resting") == 0)
        a->cfg.stp = ECGRT_STP_CANCEL_RESTING;
    else if (strcmp(value, "cancel-incoming") == 0)
        a->cfg.stp = ECGRT_STP_CANCEL_INCOMING;
    else
        return usage("--stp takes cancel-resting or cancel-incoming, not ", value);
    return 0;
}

/* Applies option opt with its value. */
static int set_option(struct replay_args *a, const char *opt, const char *value)
{
    long long v;

    if (strcmp(opt, "--stp") == 0)
        return set_stp(a, value);
    for (size_t i = 0; i < sizeof numeric_options / sizeof numeric_options[0]; i++) {
        const struct numeric_option *n = &numeric_options[i];
        if (strcmp(opt, n->name) != 0)
            continue;
        if (number(&v, value, n->min, n->max) != 0)
            return usage("bad value for an option: ", value);
        n->set(a, v);
        return 0;
    }
    return usage("unknown option ", opt);
}

static int takes_value(const char *opt)
{
    return strcmp(opt, "--stp") == 0 || strcmp(opt, "-o") == 0 || strncmp(opt, "--m", 3) == 0 ||
           strcmp(opt, "--instruments") == 0;
}

static int parse_one(struct replay_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];

    if (strcmp(arg, "--quiet") == 0) {
        a->quiet = 1;
        return 0;
    }
    if (arg[0] != '-' || strcmp(arg, "-") == 0) {
        if (a->input != NULL)
            return usage("more than one input: ", arg);
        a->input = arg;
        return 0;
    }
    if (!takes_value(arg))
        return usage("unknown option ", arg);
    if (*i + 1 >= argc)
        return usage("a value is missing after ", arg);
    *i += 1;
    if (strcmp(arg, "-o") == 0) {
        a->output = argv[*i];
        return 0;
    }
    return set_option(a, arg, argv[*i]);
}

static int parse_args(struct replay_args *a, int argc, char **argv)
{
    *a = (struct replay_args){ .cfg = { .instruments = 16,
                                        .min_price = 1,
                                        .max_price = 65536,
                                        .max_orders = 1 << 20,
                                        .stp = ECGRT_STP_CANCEL_RESTING } };
    for (int i = 2; i < argc; i++) {
        if (parse_one(a, argc, argv, &i) != 0)
            return -1;
    }
    if (a->input == NULL)
        return usage("no input given (a file, or - for stdin)", "");
    return 0;
}

static void print_event(void *ctx, const struct ecgrt_match_event *event)
{
    struct replay_out *o = ctx;
    char line[256];
    int n;

    o->events++;
    if (o->quiet)
        return;
    n = ecgrt_match_format_event(line, sizeof line, event);
    if (n > 0)
        fwrite(line, 1, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1, o->out);
}

struct reader {
    FILE *in;
    const char *name;
    char head[sizeof ECGRT_MATCH_BINARY_MAGIC]; /* bytes read to recognise the format */
    size_t head_len;
    unsigned long long bad; /* malformed lines or records */
    unsigned long long commands;
};

/* Reads the first bytes: the binary header, or the start of the first text line. */
static int is_binary(struct reader *r)
{
    int c = getc(r->in);

    if (c == EOF)
        return 0;
    if (c != ECGRT_MATCH_BINARY_MAGIC[0]) {
        ungetc(c, r->in);
        return 0;
    }
    r->head[0] = (char)c;
    r->head_len = 1 + fread(r->head + 1, 1, sizeof r->head - 2, r->in);
    return r->head_len == sizeof r->head - 1 &&
           memcmp(r->head, ECGRT_MATCH_BINARY_MAGIC, r->head_len) == 0;
}

static void run_line(struct reader *r, struct ecgrt_match *m, const char *line, size_t len,
                     unsigned long long number)
{
    struct ecgrt_match_command cmd;
    char err[160];
    int rc = ecgrt_match_parse_line(&cmd, line, len, err, sizeof err);

    if (rc == 1) {
        ecgrt_match_apply(m, &cmd);
        r->commands++;
    } else if (rc < 0) {
        fprintf(stderr, "%s:%llu: error: %s\n", r->name, number, err);
        r->bad++;
    }
}

/* The first line, when bytes of it were read to recognise the format. */
static int first_line(struct reader *r, struct ecgrt_match *m, char **buf, size_t *cap)
{
    ssize_t n = getline(buf, cap, r->in);
    size_t rest = n > 0 ? (size_t)n : 0;
    char *joined = malloc(r->head_len + rest + 1);

    if (joined == NULL)
        return -1;
    memcpy(joined, r->head, r->head_len);
    if (rest > 0)
        memcpy(joined + r->head_len, *buf, rest);
    run_line(r, m, joined, r->head_len + rest, 1);
    free(joined);
    return 0;
}

static int replay_text(struct reader *r, struct ecgrt_match *m)
{
    char *buf = NULL;
    size_t cap = 0;
    unsigned long long number = 0;
    ssize_t n;

    if (r->head_len > 0) {
        number = 1;
        if (first_line(r, m, &buf, &cap) != 0) {
            free(buf);
            return -1;
        }
    }
    for (n = getline(&buf, &cap, r->in); n >= 0; n = getline(&buf, &cap, r->in))
        run_line(r, m, buf, (size_t)n, ++number);
    free(buf);
    return ferror(r->in) ? -1 : 0;
}

static int replay_binary(struct reader *r, struct ecgrt_match *m)
{
    unsigned char rec[ECGRT_MATCH_RECORD_SIZE];
    struct ecgrt_match_command cmd;
    unsigned long long number = 0;
    size_t got;

    for (got = fread(rec, 1, sizeof rec, r->in); got == sizeof rec;
         got = fread(rec, 1, sizeof rec, r->in)) {
        number++;
        if (ecgrt_match_decode(&cmd, rec) != 0) {
            fprintf(stderr, "%s: record %llu: error: unknown command, side or type\n", r->name,
                    number);
            r->bad++;
            continue;
        }
        ecgrt_match_apply(m, &cmd);
        r->commands++;
    }
    if (got != 0) {
        fprintf(stderr, "%s: record %llu: error: truncated (%zu of %d bytes)\n", r->name,
                number + 1, got, ECGRT_MATCH_RECORD_SIZE);
        r->bad++;
    }
    return ferror(r->in) ? -1 : 0;
}

static int open_input(struct reader *r, const char *path)
{
    r->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    r->in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (r->in == NULL) {
        fprintf(stderr, "ecg: error: cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static void close_input(struct reader *r)
{
    if (r->in != NULL && r->in != stdin)
        fclose(r->in);
}

/* Reads and runs every command of the input; r keeps the counts. */
static int run_input(struct reader *r, struct ecgrt_match *m, const char *input)
{
    int rc = open_input(r, input);

    if (rc != 0)
        return rc;
    rc = is_binary(r) ? replay_binary(r, m) : replay_text(r, m);
    if (rc != 0)
        fprintf(stderr, "ecg: error: reading '%s' failed\n", r->name);
    close_input(r);
    return rc;
}

static int replay(const struct replay_args *a)
{
    struct replay_out out = { .out = stdout, .quiet = a->quiet };
    struct ecgrt_match_config cfg = a->cfg;
    struct reader r = { 0 };
    struct ecgrt_match *m = NULL;
    int rc;

    cfg.on_event = print_event;
    cfg.ctx = &out;
    if (ecgrt_match_new(&m, &cfg) != 0) {
        fprintf(stderr, "ecg: error: cannot create the engine: check --instruments, --min-price, "
                        "--max-price and --max-orders (or memory)\n");
        return MATCH_EXIT_USAGE;
    }
    rc = run_input(&r, m, a->input);
    ecgrt_match_free(m);
    if (fflush(stdout) != 0)
        rc = -1;
    if (rc == 0)
        fprintf(stderr, "ecg: %llu commands, %llu events, %llu malformed\n", r.commands, out.events,
                r.bad);
    return rc == 0 && r.bad == 0 ? MATCH_EXIT_OK : MATCH_EXIT_USAGE;
}

static void write_record(FILE *out, const struct ecgrt_match_command *cmd)
{
    unsigned char rec[ECGRT_MATCH_RECORD_SIZE];

    ecgrt_match_encode(rec, cmd);
    fwrite(rec, 1, sizeof rec, out);
}

/* Converts the text commands of r to binary records in out; counts malformed lines in r. */
static int convert_lines(struct reader *r, FILE *out)
{
    char *buf = NULL;
    size_t cap = 0;
    unsigned long long number = 0;
    struct ecgrt_match_command cmd;
    char err[160];

    fwrite(ECGRT_MATCH_BINARY_MAGIC, 1, sizeof ECGRT_MATCH_BINARY_MAGIC - 1, out);
    for (ssize_t n = getline(&buf, &cap, r->in); n >= 0; n = getline(&buf, &cap, r->in)) {
        int rc = ecgrt_match_parse_line(&cmd, buf, (size_t)n, err, sizeof err);
        number++;
        if (rc == 1)
            write_record(out, &cmd);
        if (rc < 0) {
            fprintf(stderr, "%s:%llu: error: %s\n", r->name, number, err);
            r->bad++;
        }
    }
    free(buf);
    return ferror(r->in) || ferror(out) ? -1 : 0;
}

/* Writes the binary records atomically: a failed conversion leaves no output file. */
static int convert(const struct replay_args *a)
{
    struct reader r = { 0 };
    struct ecg_atomic_file file;
    struct ecg_diag diag;
    int rc;

    if (a->output == NULL) {
        usage("convert needs -o OUT", "");
        return MATCH_EXIT_USAGE;
    }
    if (open_input(&r, a->input) != 0)
        return MATCH_EXIT_USAGE;
    ecg_diag_clear(&diag);
    rc = ecg_fileio_atomic_open(&file, a->output, &diag);
    if (rc == 0) {
        rc = convert_lines(&r, file.stream);
        if (rc != 0 || r.bad != 0)
            ecg_fileio_atomic_abort(&file);
        else
            rc = ecg_fileio_atomic_commit(&file, &diag);
    }
    close_input(&r);
    if (diag.message[0] != '\0')
        ecg_diag_print(&diag, stderr, "error");
    if (rc != 0 || r.bad != 0) {
        fprintf(stderr, "ecg: error: '%s' not written\n", a->output);
        return MATCH_EXIT_USAGE;
    }
    return MATCH_EXIT_OK;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc && i <= 2; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

int ecg_match_main(int argc, char **argv)
{
    struct replay_args args;
    const char *sub = argc > 1 ? argv[1] : "";

    if (wants_help(argc, argv)) {
        fputs(match_help, stdout);
        return MATCH_EXIT_OK;
    }
    if (strcmp(sub, "replay") != 0 && strcmp(sub, "convert") != 0) {
        usage("usage: ecg match replay FILE|- or ecg match convert IN -o OUT", "");
        return MATCH_EXIT_USAGE;
    }
    if (parse_args(&args, argc, argv) != 0)
        return MATCH_EXIT_USAGE;
    return strcmp(sub, "replay") == 0 ? replay(&args) : convert(&args);
}
