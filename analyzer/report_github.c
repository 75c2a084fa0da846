/* GitHub Actions workflow commands ("::warning file=...::message"), one per unsuppressed
 * finding, which the runner turns into annotations on the pull request. Values are escaped
 * as the runner's parser expects, so a message can never start a command of its own. */
#include "analyzer/report.h"

#include <string.h>

#include "analyzer/error.h"
#include "analyzer/path.h"
#include "analyzer/result.h"

/* Writes s escaped as workflow command data: '%', CR and LF percent-encoded; property
 * values (is_property) additionally encode ':' and ','. */
static void put_escaped(FILE *out, const char *s, int is_property)
{
    for (const char *p = s; *p != '\0'; p++) {
        switch (*p) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(is_property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(is_property ? "%2C" : ",", out);
            break;
        default:
            fputc(*p, out);
            break;
        }
    }
}

/* The path relative to root when it lies under it, else the path itself. */
static const char *root_relative(const char *root, const char *path)
{
    const char *rel = ecg_path_under(path, root);

    return rel != NULL ? rel : path;
}

/* The command: error for errors and for warnings that fail the gate, notice for notes. */
static const char *command_name(const struct ecg_finding *f)
{
    switch (f->level) {
    case ECG_LEVEL_NOTE:
        return "notice";
    case ECG_LEVEL_WARNING:
        return f->fails_gate ? "error" : "warning";
    case ECG_LEVEL_ERROR:
        return "error";
    }
    return "warning";
}

/* Columns are sent only for one-line ranges: the runner rejects them otherwise. */
static void put_position(FILE *out, const struct ecg_range *r)
{
    int one_line = r->end_line == r->line;

    if (r->line == 0)
        return;
    fprintf(out, ",line=%u", r->line);
    if (r->col > 0 && one_line)
        fprintf(out, ",col=%u", r->col);
    if (r->end_line >= r->line)
        fprintf(out, ",endLine=%u", r->end_line);
    if (one_line && r->end_col >= r->col && r->col > 0)
        fprintf(out, ",endColumn=%u", r->end_col);
}

static void put_finding(FILE *out, const struct ecg_result *result, const struct ecg_finding *f)
{
    const char *path = f->range.path != NULL ? f->range.path : "";

    fprintf(out, "::%s ", command_name(f));
    if (path[0] != '\0') {
        fputs("file=", out);
        put_escaped(out, root_relative(result->root, path), 1);
        put_position(out, &f->range);
        fputc(',', out);
    }
    fputs("title=", out);
    put_escaped(out, f->rule_id, 1);
    fputs("::", out);
    put_escaped(out, f->message != NULL ? f->message : "", 0);
    fputc('\n', out);
}

int ecg_report_github(FILE *out, const struct ecg_result *result)
{
    for (size_t i = 0; i < result->findings.len; i++) {
        const struct ecg_finding *f = &result->findings.items[i];
        if (!f->suppressed && f->baseline_state != ECG_BASELINE_UNCHANGED)
            put_finding(out, result, f);
    }
    if (fflush(out) != 0 || ferror(out))
        return ECG_EIO;
    return 0;
}
