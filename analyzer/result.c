/* Run result lifecycle and path display helpers; see result.h. */
#include "analyzer/result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/srcfile.h"

void ecg_result_init(struct ecg_result *r)
{
    memset(r, 0, sizeof(*r));
    ecg_findings_init(&r->findings);
    ecg_findings_init(&r->absent);
    ecg_metrics_rows_init(&r->metrics);
    r->timestamps = 1;
}

void ecg_result_fini(struct ecg_result *r)
{
    ecg_findings_fini(&r->findings);
    ecg_findings_fini(&r->absent);
    for (size_t i = 0; i < r->n_unit_errors; i++) {
        free(r->unit_errors[i].path);
        free(r->unit_errors[i].message);
        free(r->unit_errors[i].unit);
    }
    free(r->unit_errors);
    free(r->rules);
    free(r->root);
    free(r->command_line);
    ecg_srccache_free(r->sources);
    ecg_metrics_rows_fini(&r->metrics);
    memset(r, 0, sizeof(*r));
}

int ecg_result_add_unit_error(struct ecg_result *r, const char *unit, const char *path,
                              unsigned line, unsigned col, const char *message)
{
    struct ecg_unit_error *grown = realloc(r->unit_errors, (r->n_unit_errors + 1) * sizeof(*grown));
    struct ecg_unit_error *e;

    if (grown == NULL)
        return ECG_ENOMEM;
    r->unit_errors = grown;
    e = &grown[r->n_unit_errors];
    e->unit = strdup(unit);
    e->path = strdup(path != NULL ? path : unit);
    e->message = strdup(message);
    e->line = line;
    e->col = col;
    if (e->unit == NULL || e->path == NULL || e->message == NULL) {
        free(e->unit);
        free(e->path);
        free(e->message);
        return ECG_ENOMEM;
    }
    r->n_unit_errors++;
    return 0;
}

const char *ecg_result_relative_path(const struct ecg_result *r, const char *path, char *buf,
                                     size_t size)
{
    size_t n = r->root != NULL ? strlen(r->root) : 0;

    if (n > 0 && strncmp(path, r->root, n) == 0 && path[n] == '/')
        path += n + 1;
    snprintf(buf, size, "%s", path);
    return buf;
}

/* A path as findings show it: relative to the current directory when under it. */
static const char *shown_path(const char *path, const char *cwd)
{
    size_t n = cwd != NULL ? strlen(cwd) : 0;

    if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

void ecg_result_print_unit_errors(const struct ecg_result *r, FILE *out, const char *lost)
{
    char buf[4096];
    const char *cwd = getcwd(buf, sizeof(buf));

    for (size_t i = 0; i < r->n_unit_errors; i++) {
        const struct ecg_unit_error *e = &r->unit_errors[i];
        struct ecg_diag d;
        ecg_diag_clear(&d);
        ecg_diag_set(&d, shown_path(e->path, cwd), e->line, e->col, "%s", e->message);
        ecg_diag_print(&d, out, "error");
        if (i + 1 == r->n_unit_errors || strcmp(r->unit_errors[i + 1].unit, e->unit) != 0)
            fprintf(out, "ecg: error: '%s' could not be analyzed; its %s are missing\n",
                    shown_path(e->unit, cwd), lost);
    }
}
