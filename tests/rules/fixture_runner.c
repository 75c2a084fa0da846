/* Rule fixture runner: analyses one fixture with only its rule enabled and compares the
 * findings with the file's inline expectations, in both directions. The rule comes from
 * the path, tests/rules/<family>/<stem>/<fire|silent>_<behaviour>.c.
 *
 * Directives, in comments:
 *   expect: ID                 a finding of ID starts on this line
 *   expect@+N: ID, expect@-N: ID   ... N lines below / above
 *   expect:COL: ID             ... at this column as well
 *   expect: ID {{text}}        ... whose message contains text
 *   ecg-options: {JSON}        the rule's options for this file
 *   ecg-flags: FLAGS           compiler flags for this file (blank-separated) */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cli.h"
#include "analyzer/diag.h"
#include "analyzer/fileio.h"
#include "analyzer/result.h"
#include "analyzer/run.h"
#include "rules/registry.h"

struct expectation {
    unsigned line;
    unsigned col; /* 0: any */
    char id[128];
    char text[512]; /* "" : any message */
    unsigned directive_line;
    int matched;
};

struct fixture {
    const char *path;
    char rule_id[128];
    int is_fire;
    struct expectation items[256];
    size_t n;
    char options[4096]; /* JSON object text, or "" */
    char flags[1024];
    int errors;
};

static int rule_from_path(struct fixture *fx)
{
    char copy[PATH_MAX];
    char *parts[3] = { NULL, NULL, NULL };
    char *slash;
    const char *base;

    snprintf(copy, sizeof(copy), "%s", fx->path);
    for (int i = 2; i >= 0; i--) {
        slash = strrchr(copy, '/');
        if (slash == NULL)
            return -1;
        parts[i] = slash + 1;
        *slash = '\0';
    }
    base = parts[2];
    fx->is_fire = strncmp(base, "fire_", 5) == 0;
    if (!fx->is_fire && strncmp(base, "silent_", 7) != 0)
        return -1;
    snprintf(fx->rule_id, sizeof(fx->rule_id), "%s-%s", parts[0], parts[1]);
    for (char *p = fx->rule_id + strlen(parts[0]) + 1; *p != '\0'; p++) {
        if (*p == '_')
            *p = '-';
    }
    return 0;
}

static void directive_error(struct fixture *fx, unsigned line, const char *what)
{
    fprintf(stderr, "%s:%u: error: %s\n", fx->path, line, what);
    fx->errors++;
}

/* Parses the optional "@+N" or "@-N" and ":COL" that open an expect directive; *p ends
 * past them. */
static void parse_position(long *shift, long *col, const char **p)
{
    char *end;

    if (**p == '@') {
        *shift = strtol(*p + 1, &end, 10);
        *p = end;
    }
    if (**p == ':' && (*p)[1] >= '0' && (*p)[1] <= '9') {
        *col = strtol(*p + 1, &end, 10);
        *p = end;
    }
}

/* Copies the text of the first "{{text}}" in p, if any, into e->text. Returns -1 for a
 * '{{' without '}}'. */
static int parse_message(struct expectation *e, const char *p)
{
    const char *start = strstr(p, "{{");
    const char *close;

    if (start == NULL)
        return 0;
    close = strstr(start + 2, "}}");
    if (close == NULL)
        return -1;
    snprintf(e->text, sizeof(e->text), "%.*s", (int)(close - start - 2), start + 2);
    return 0;
}

/* Parses "[@+N|@-N][:COL]: ID [{{text}}]" after "expect". */
static void parse_expect(struct fixture *fx, const char *p, unsigned line)
{
    struct expectation *e;
    long shift = 0, col = 0;

    if (fx->n == sizeof(fx->items) / sizeof(fx->items[0])) {
        directive_error(fx, line, "too many expectations in one file");
        return;
    }
    e = &fx->items[fx->n];
    memset(e, 0, sizeof(*e));
    parse_position(&shift, &col, &p);
    if (*p != ':' || (long)line + shift < 1) {
        directive_error(fx, line, "malformed expect directive");
        return;
    }
    p++;
    if (sscanf(p, " %127[A-Za-z0-9_-]", e->id) != 1) {
        directive_error(fx, line, "expect directive names no rule");
        return;
    }
    if (parse_message(e, p) != 0) {
        directive_error(fx, line, "'{{' without '}}'");
        return;
    }
    e->line = (unsigned)((long)line + shift);
    e->col = (unsigned)col;
    e->directive_line = line;
    fx->n++;
}

static void parse_line(struct fixture *fx, const char *text, size_t len, unsigned line)
{
    char buf[8192];
    const char *p;

    snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) ? len : sizeof(buf) - 1), text);
    p = strstr(buf, "//");
    if (p == NULL)
        p = strstr(buf, "/*");
    if (p == NULL)
        return;
    if ((p = strstr(p, "expect")) != NULL && (p[6] == ':' || p[6] == '@'))
        parse_expect(fx, p + 6, line);
    else if ((p = strstr(buf, "ecg-options:")) != NULL)
        snprintf(fx->options, sizeof(fx->options), "%s", p + 12);
    else if ((p = strstr(buf, "ecg-flags:")) != NULL)
        snprintf(fx->flags, sizeof(fx->flags), "%s", p + 10);
}

static int parse_fixture(struct fixture *fx)
{
    struct ecg_diag diag;
    char *text = NULL;
    size_t len = 0;
    unsigned line = 1;

    ecg_diag_clear(&diag);
    if (ecg_fileio_read(&text, &len, fx->path, &diag) != 0) {
        ecg_diag_print(&diag, stderr, "error");
        return -1;
    }
    for (size_t start = 0; start < len; line++) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl != NULL ? (size_t)(nl - text) : len;
        parse_line(fx, text + start, end - start, line);
        start = end + 1;
    }
    free(text);
    return 0;
}

/* Splits the ecg-flags text into compiler arguments. */
static int push_flags(struct ecg_check_options *opts, const char *flags)
{
    char buf[1024];
    char *save = NULL;

    snprintf(buf, sizeof(buf), "%s", flags);
    for (char *w = strtok_r(buf, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
        if (ecg_strvec_push(&opts->compiler_args, w) != 0)
            return -1;
    }
    return 0;
}

static int build_options(struct ecg_check_options *opts, const struct fixture *fx)
{
    char checks[256], config[8192], root[PATH_MAX];
    char *slash;

    memset(opts, 0, sizeof(*opts));
    snprintf(checks, sizeof(checks), "-*,%s", fx->rule_id);
    snprintf(root, sizeof(root), "%s", fx->path);
    slash = strrchr(root, '/');
    if (slash != NULL)
        *slash = '\0';
    opts->checks = strdup(checks);
    opts->project_root = strdup(root);
    if (fx->options[0] != '\0') {
        snprintf(config, sizeof(config), "{\"rules\": {\"%s\": %s}}", fx->rule_id, fx->options);
        opts->config_text = strdup(config);
    }
    opts->jobs = 1;
    opts->quiet = 1;
    opts->no_db = 1; /* fixtures live in the source tree: no database beside them */
    opts->has_compiler_args = 1;
    if (ecg_strvec_push(&opts->files, fx->path) != 0 || push_flags(opts, fx->flags) != 0)
        return -1;
    return opts->checks != NULL && opts->project_root != NULL ? 0 : -1;
}

static struct expectation *match(struct fixture *fx, const struct ecg_finding *f)
{
    for (size_t i = 0; i < fx->n; i++) {
        struct expectation *e = &fx->items[i];
        if (e->matched || e->line != f->range.line || strcmp(e->id, f->rule_id) != 0)
            continue;
        if (e->col != 0 && e->col != f->range.col)
            continue;
        if (e->text[0] != '\0' && strstr(f->message, e->text) == NULL)
            continue;
        return e;
    }
    return NULL;
}

static int compare(struct fixture *fx, const struct ecg_result *r)
{
    int failures = 0;

    for (size_t i = 0; i < r->findings.len; i++) {
        const struct ecg_finding *f = &r->findings.items[i];
        struct expectation *e = f->suppressed ? NULL : match(fx, f);
        if (f->suppressed)
            continue;
        if (e != NULL) {
            e->matched = 1;
            continue;
        }
        fprintf(stderr, "%s:%u:%u: unexpected finding: %s [%s]\n", f->range.path, f->range.line,
                f->range.col, f->message, f->rule_id);
        failures++;
    }
    for (size_t i = 0; i < fx->n; i++) {
        const struct expectation *e = &fx->items[i];
        if (e->matched)
            continue;
        fprintf(stderr, "%s:%u: missing finding: %s at line %u%s%s%s (directive on line %u)\n",
                fx->path, e->line, e->id, e->line, e->text[0] ? " with message containing '" : "",
                e->text, e->text[0] ? "'" : "", e->directive_line);
        failures++;
    }
    return failures;
}

static int check_shape(struct fixture *fx)
{
    if (rule_registry_find(fx->rule_id) == NULL) {
        fprintf(stderr, "%s: error: no rule '%s' (the path names it)\n", fx->path, fx->rule_id);
        return -1;
    }
    if (fx->is_fire && fx->n == 0) {
        fprintf(stderr, "%s: error: a fire_ fixture needs at least one expect directive\n",
                fx->path);
        return -1;
    }
    if (!fx->is_fire && fx->n > 0) {
        fprintf(stderr, "%s: error: a silent_ fixture must not have expect directives\n", fx->path);
        return -1;
    }
    return fx->errors > 0 ? -1 : 0;
}

static int run_fixture(struct fixture *fx)
{
    struct ecg_check_options opts;
    struct ecg_result result;
    struct ecg_diag diag;
    int failures = -1;

    ecg_diag_clear(&diag);
    ecg_result_init(&result);
    if (build_options(&opts, fx) != 0) {
        fprintf(stderr, "out of memory\n");
    } else if (ecg_run_check(&result, &opts, stderr, &diag) != 0) {
        ecg_diag_print(&diag, stderr, "error");
    } else if (result.units_failed > 0) {
        for (size_t i = 0; i < result.n_unit_errors; i++)
            fprintf(stderr, "%s:%u:%u: error: %s\n", result.unit_errors[i].path,
                    result.unit_errors[i].line, result.unit_errors[i].col,
                    result.unit_errors[i].message);
    } else {
        failures = compare(fx, &result);
    }
    ecg_result_fini(&result);
    ecg_cli_fini(&opts);
    return failures;
}

int main(int argc, char **argv)
{
    static struct fixture fx;
    char path[PATH_MAX];
    int failures;

    if (argc != 2 || realpath(argv[1], path) == NULL) {
        fprintf(stderr, "usage: ecg_fixture_runner tests/rules/<family>/<rule>/<fixture>.c\n");
        return 2;
    }
    fx.path = path;
    if (rule_from_path(&fx) != 0) {
        fprintf(stderr,
                "%s: error: fixture names must be fire_*.c or silent_*.c under "
                "tests/rules/<family>/<rule>/\n",
                path);
        return 2;
    }
    if (parse_fixture(&fx) != 0 || check_shape(&fx) != 0)
        return 2;
    failures = run_fixture(&fx);
    if (failures < 0)
        return 2;
    printf("%s: %zu expectation(s), %d mismatch(es)\n", fx.rule_id, fx.n, failures);
    return failures == 0 ? 0 : 1;
}
