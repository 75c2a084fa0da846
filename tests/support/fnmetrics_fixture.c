/* The per-function metrics tests' fixture (see fnmetrics_fixture.h): a recording rule that
 * copies each function's metrics when the walk leaves it, and the walk that runs it. */
#include "tests/support/fnmetrics_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/filefilter.h"
#include "analyzer/walk.h"
#include "rules/rule.h"

static void location(CXSourceLocation loc, unsigned *line, unsigned *col)
{
    clang_getExpansionLocation(loc, NULL, line, col, NULL);
}

static void record(struct fnmetrics_fixture_fn *r, const struct ecg_fn_metrics *m)
{
    CXSourceRange deepest = ecg_fn_metrics_range(m, &m->deepest_written);

    snprintf(r->name, sizeof(r->name), "%s", m->name);
    r->line = m->line;
    r->written = m->written;
    r->expanded = m->expanded;
    r->parameters = m->parameters;
    r->lines = m->lines;
    if (!clang_Range_isNull(deepest))
        location(clang_getRangeStart(deepest), &r->deepest_line, &r->deepest_col);
    assert_true(m->n_steps <= FNMETRICS_FIXTURE_MAX_STEPS);
    r->n_steps = m->n_steps;
    for (size_t i = 0; i < m->n_steps; i++) {
        r->steps[i].s = m->steps[i];
        location(clang_getRangeStart(ecg_fn_metrics_range(m, &m->steps[i].at)), &r->steps[i].line,
                 &r->steps[i].col);
    }
}

static void on_fn_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct fnmetrics_fixture_run *rec = rule_state(rc);

    (void)fn;
    if (rule_function_metrics(rc) != NULL)
        rec->metrics_outside_leave = 1;
}

static void on_fn_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct fnmetrics_fixture_run *rec = rule_state(rc);
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);

    assert_non_null(m);
    assert_true(clang_equalCursors(m->function, fn));
    assert_true(rec->n < FNMETRICS_FIXTURE_MAX_FNS);
    record(&rec->fns[rec->n++], m);
}

static const struct rule_desc recording_rule = {
    .id = "test-metrics",
    .needs_metrics = 1,
    .state_size = sizeof(struct fnmetrics_fixture_run),
    .on_function_enter = on_fn_enter,
    .on_function_leave = on_fn_leave,
};

/* A rule that does not ask for metrics must not see them, even when another rule does. */
static void on_fn_leave_unasked(struct rule_ctx *rc, CXCursor fn)
{
    int *seen = rule_state(rc);

    (void)fn;
    if (rule_function_metrics(rc) != NULL)
        *seen = 1;
}

static const struct rule_desc unasked_rule = {
    .id = "test-no-metrics",
    .state_size = sizeof(int),
    .on_function_leave = on_fn_leave_unasked,
};

static void count_sunk(void *arg, const struct ecg_fn_metrics *m)
{
    (void)m;
    ((struct fnmetrics_fixture_run *)arg)->sunk++;
}

CXTranslationUnit fnmetrics_fixture_parse(CXIndex index, const char *source, const char *header)
{
    const char *argv[] = { "clang",      "-resource-dir", ECG_DEFAULT_RESOURCE_DIR,
                           "-std=gnu11", "-fblocks",      "-I/virtual" };
    struct CXUnsavedFile unsaved[2] = {
        { "/virtual/t.c", source, (unsigned long)strlen(source) },
        { "/virtual/h.h", header != NULL ? header : "", header != NULL ? strlen(header) : 0 },
    };
    CXTranslationUnit tu = NULL;

    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(index, "/virtual/t.c", argv, 6, unsaved, 2,
                                            CXTranslationUnit_DetailedPreprocessingRecord, &tu),
        CXError_Success);
    for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        clang_disposeDiagnostic(d);
        assert_true(sev < CXDiagnostic_Error);
    }
    return tu;
}

/* Walks source with the recording rule, the rule that does not ask for metrics and a sink;
 * the result is the caller's to free. */
void fnmetrics_fixture_walk_start(struct fnmetrics_fixture_walk *fw, const char *source,
                                  const char *header, const struct rule_desc *const *rules,
                                  size_t n_rules)
{
    fw->index = clang_createIndex(0, 0);
    fw->tu = fnmetrics_fixture_parse(fw->index, source, header);
    ecg_findings_init(&fw->findings);
    ecg_filefilter_init(&fw->filter, clang_getFile(fw->tu, "/virtual/t.c"), "/virtual", NULL);
    assert_int_equal(
        ecg_walk_init(&fw->walk, &(struct ecg_walk_inputs){ fw->tu, NULL, &fw->filter,
                                                            &fw->findings, rules, n_rules }),
        0);
}

void fnmetrics_fixture_walk_end(struct fnmetrics_fixture_walk *fw)
{
    ecg_walk_fini(&fw->walk);
    ecg_filefilter_fini(&fw->filter);
    ecg_findings_fini(&fw->findings);
    clang_disposeTranslationUnit(fw->tu);
    clang_disposeIndex(fw->index);
}

struct fnmetrics_fixture_run *fnmetrics_fixture_measure(const char *source)
{
    const struct rule_desc *rules[] = { &recording_rule, &unasked_rule };
    struct fnmetrics_fixture_run *out = malloc(sizeof(*out));
    struct fnmetrics_fixture_walk fw;

    assert_non_null(out);
    fnmetrics_fixture_walk_start(&fw, source, NULL, rules, 2);
    fw.walk.metrics_sink = count_sunk;
    fw.walk.metrics_arg = fw.walk.rules[0].state;
    assert_int_equal(ecg_walk_run(&fw.walk), 0);
    *out = *(struct fnmetrics_fixture_run *)fw.walk.rules[0].state;
    out->metrics_without_need = *(int *)fw.walk.rules[1].state;
    fnmetrics_fixture_walk_end(&fw);
    assert_false(out->metrics_outside_leave);
    assert_false(out->metrics_without_need);
    assert_int_equal(out->sunk, out->n);
    return out;
}

const struct fnmetrics_fixture_fn *fnmetrics_fixture_fn(const struct fnmetrics_fixture_run *rec,
                                                        const char *name)
{
    for (size_t i = 0; i < rec->n; i++) {
        if (strcmp(rec->fns[i].name, name) == 0)
            return &rec->fns[i];
    }
    fail_msg("no metrics for function %s", name);
    return NULL;
}