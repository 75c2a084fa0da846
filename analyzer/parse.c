/* libclang parsing and error collection; see parse.h. */
#include "analyzer/parse.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

/* Words placed before the user's flags: the driver name libclang expects as argv[0]. */
static int build_argv(struct ecg_strvec *argv, const struct ecg_parse_request *req)
{
    int rc = ecg_strvec_push(argv, "clang");

    if (rc == 0 && req->resource_dir != NULL && req->resource_dir[0] != '\0') {
        rc = ecg_strvec_push(argv, "-resource-dir");
        if (rc == 0)
            rc = ecg_strvec_push(argv, req->resource_dir);
    }
    if (rc == 0)
        rc = ecg_strvec_extend(argv, req->flags);
    /* The user's -ferror-limit would hide the unit's later errors; ours shows them all. */
    if (rc == 0)
        rc = ecg_strvec_push(argv, "-ferror-limit=0");
    /* Only errors are read (collect_errors): -w spares clang the analyses behind its
     * warnings (a CFG per function for -Wreturn-type and others), 8% of the parse. The
     * syntax tree is the same, and so are the errors, except a warning raised to one by a
     * pragma: like the -Werror flags args.c drops, a warning does not stop the analysis. */
    if (rc == 0)
        rc = ecg_strvec_push(argv, "-w");
    return rc;
}

int ecg_parse_errors_add(struct ecg_parse_errors *errors, const char *path, unsigned line,
                         unsigned col, const char *message)
{
    struct ecg_parse_error *grown = realloc(errors->items, (errors->len + 1) * sizeof(*grown));
    struct ecg_parse_error *e;

    if (grown == NULL)
        return ECG_ENOMEM;
    errors->items = grown;
    e = &grown[errors->len];
    e->path = strdup(path);
    e->message = strdup(message);
    e->line = line;
    e->col = col;
    if (e->path == NULL || e->message == NULL) {
        free(e->path);
        free(e->message);
        return ECG_ENOMEM;
    }
    errors->len++;
    return 0;
}

static int collect_diagnostic(struct ecg_parse_errors *errors, CXDiagnostic diag,
                              const char *main_file)
{
    CXFile file;
    unsigned line, col;
    CXString text, name;
    const char *path;
    int rc;

    clang_getExpansionLocation(clang_getDiagnosticLocation(diag), &file, &line, &col, NULL);
    text = clang_getDiagnosticSpelling(diag);
    name = clang_getFileName(file);
    path = file != NULL ? clang_getCString(name) : NULL;
    rc = ecg_parse_errors_add(errors, path != NULL ? path : main_file, file != NULL ? line : 0,
                              file != NULL ? col : 0, clang_getCString(text));
    clang_disposeString(name);
    clang_disposeString(text);
    return rc;
}

static int collect_errors(struct ecg_parse_errors *errors, CXTranslationUnit tu,
                          const char *main_file)
{
    unsigned n = clang_getNumDiagnostics(tu);

    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic diag = clang_getDiagnostic(tu, i);
        int rc = 0;
        if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error)
            rc = collect_diagnostic(errors, diag, main_file);
        clang_disposeDiagnostic(diag);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static const char *parse_failure_text(enum CXErrorCode code)
{
    switch (code) {
    case CXError_Success:
        return "no error";
    case CXError_Failure:
        return "libclang could not parse the file";
    case CXError_Crashed:
        return "libclang crashed while parsing the file";
    case CXError_InvalidArguments:
        return "libclang rejected the compiler arguments";
    case CXError_ASTReadError:
        return "libclang could not read the unit";
    }
    return "libclang failed";
}

int ecg_parse_unit(CXTranslationUnit *out, CXIndex index, const struct ecg_parse_request *req,
                   struct ecg_parse_errors *errors)
{
    struct ecg_strvec argv;
    CXTranslationUnit tu = NULL;
    enum CXErrorCode code;
    int rc;

    ecg_strvec_init(&argv);
    rc = build_argv(&argv, req);
    if (rc != 0)
        goto out;
    /* The detailed preprocessing record gives the branches of #if the build compiles out
     * (clang_getSkippedRanges), which the metrics leave out; it costs no measurable time. */
    code = clang_parseTranslationUnit2FullArgv(
        index, req->file, (const char *const *)argv.items, (int)argv.len, NULL, 0,
        CXTranslationUnit_KeepGoing | CXTranslationUnit_DetailedPreprocessingRecord, &tu);
    if (code != CXError_Success || tu == NULL) {
        rc = ecg_parse_errors_add(errors, req->file, 0, 0, parse_failure_text(code));
        if (rc == 0)
            rc = ECG_EPARSE;
        goto out;
    }
    rc = collect_errors(errors, tu, req->file);
    if (rc != 0) {
        clang_disposeTranslationUnit(tu);
        goto out;
    }
    *out = tu;
out:
    ecg_strvec_fini(&argv);
    return rc;
}

void ecg_parse_errors_fini(struct ecg_parse_errors *errors)
{
    for (size_t i = 0; i < errors->len; i++) {
        free(errors->items[i].path);
        free(errors->items[i].message);
    }
    free(errors->items);
    errors->items = NULL;
    errors->len = 0;
}
