/* Findings of the null-state rules (see nullflow_report.h). Every message names the
 * variable, where its state arose and what the use does, so one line says the whole defect. */
#include "rules/support/nullflow_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/macro.h"
#include "rules/support/nullflow.h"
#include "rules/support/unchecked_stats.h"
#include "rules/support/xvalue.h"

#define NR_NAME_MAX 64

static unsigned nr_line(CXCursor c)
{
    unsigned line = 0;

    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    return line;
}

void rule_nullflow_report_null(struct rule_ctx *rc, CXCursor ref, CXCursor decl, CXCursor set_at,
                               const char *what)
{
    char name[NR_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    if (!clang_Cursor_isNull(set_at)) {
        f = rule_report(rc, ref, "'%s' is NULL here (set to NULL on line %u) and is %s", name,
                        nr_line(set_at), what);
        rule_add_related(rc, f, clang_getCursorExtent(set_at), "'%s' is set to NULL here", name);
        return;
    }
    rule_report(rc, ref, "'%s' is NULL on every path here (a test above found it NULL) and is %s",
                name, what);
}

void rule_nullflow_report_some_path(struct rule_ctx *rc, CXCursor ref, CXCursor decl,
                                    CXCursor set_at, const char *what)
{
    char name[NR_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    f = rule_report(rc, ref,
                    "'%s' may be NULL here: it is set to NULL on line %u on a path that reaches "
                    "this point, no test in between, and it is %s",
                    name, nr_line(set_at), what);
    rule_add_related(rc, f, clang_getCursorExtent(set_at), "'%s' is set to NULL here", name);
}

void rule_nullflow_report_maybe(struct rule_ctx *rc, CXCursor ref, CXCursor decl, CXCursor call,
                                const char *what)
{
    char name[NR_NAME_MAX], callee[NR_NAME_MAX];
    const char *when = "it finds nothing";
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    rule_callee_name(call, callee, sizeof(callee));
    if (rule_nullflow_null_when(callee) != NULL)
        when = rule_nullflow_null_when(callee);
    f = rule_report(rc, ref,
                    "'%s' may be NULL here: '%s' returns NULL when %s, and its result is %s "
                    "before any test",
                    name, callee, when, what);
    rule_add_related(rc, f, clang_getCursorExtent(call), "'%s' may return NULL here", callee);
}

void rule_nullflow_report_late_test(struct rule_ctx *rc, CXCursor test, CXCursor decl,
                                    CXCursor deref)
{
    char name[NR_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    f = rule_report(rc, test,
                    "'%s' is tested against NULL after it was dereferenced on line %u: either "
                    "the test is dead or the dereference can crash; test before the first use",
                    name, nr_line(deref));
    rule_add_related(rc, f, clang_getCursorExtent(deref), "'%s' is dereferenced here", name);
}

void rule_nullflow_report_seed(struct rule_ctx *rc, CXCursor ref, CXCursor decl,
                               const struct ecg_xfact *seed, const char *what)
{
    char name[NR_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    if (seed->value == ECG_XV_NULL)
        f = rule_report(rc, ref,
                        "'%s' is NULL here: another file hands this function NULL (see the "
                        "flow), nothing tests it on the way, and it is %s",
                        name, what);
    else
        f = rule_report(rc, ref,
                        "'%s' may be NULL here: it holds an allocation another file did not "
                        "check against NULL (see the flow), and it is %s before any check",
                        name, what);
    rule_xvalue_add_steps(rc, f, seed);
}

void rule_nullflow_report_unchecked(struct rule_ctx *rc, CXCursor ref, CXCursor decl, CXCursor call,
                                    int fresh, const char *what)
{
    char name[NR_NAME_MAX], callee[NR_NAME_MAX];
    struct ecg_finding *f;

    rule_cursor_name(decl, name, sizeof(name));
    rule_callee_name(call, callee, sizeof(callee));
    if (fresh)
        f = rule_report(rc, ref,
                        "'%s' may be NULL here: the result of '%s' is %s before any check "
                        "against NULL; test it right after the call",
                        name, callee, what);
    else
        f = rule_report(rc, ref, "'%s' is NULL on this path (tested above) and is %s", name, what);
    rule_add_related(rc, f, clang_getCursorExtent(call), "'%s' returns NULL when it fails", callee);
}

/* ---- one finding per macro --------------------------------------------------------------- */

void rule_nullflow_spots_fini(struct rule_nullflow_spots *spots)
{
    free(spots->items);
    spots->items = NULL;
    spots->n = 0;
    spots->cap = 0;
}

/* Nonzero when the macro name was reported already; otherwise records it (when memory runs
 * out it is not recorded, and a later expansion is reported again). */
static int nr_spot_seen(struct rule_nullflow_spots *spots, const char *name)
{
    for (size_t i = 0; i < spots->n; i++) {
        if (strcmp(spots->items[i].macro, name) == 0)
            return 1;
    }
    if (spots->n == spots->cap) {
        size_t cap = spots->cap != 0 ? spots->cap * 2 : 8;
        struct rule_nullflow_spot *grown = realloc(spots->items, cap * sizeof(*grown));
        if (grown == NULL)
            return 0;
        spots->items = grown;
        spots->cap = cap;
    }
    snprintf(spots->items[spots->n++].macro, sizeof(spots->items[0].macro), "%s", name);
    return 0;
}

static unsigned nr_expansion_offset(CXCursor c)
{
    unsigned offset = 0;

    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &offset);
    return offset;
}

int rule_nullflow_macro_reported(struct rule_nullflow_spots *spots, struct rule_ctx *rc,
                                 CXCursor call, CXCursor ref)
{
    CXTranslationUnit tu = rule_unit(rc);
    char name[NR_NAME_MAX];

    if (!rule_nullflow_in_macro(tu, call, NULL) || !rule_nullflow_in_macro(tu, ref, NULL) ||
        nr_expansion_offset(call) != nr_expansion_offset(ref) ||
        !rule_macro_name_at(name, sizeof(name), tu, call))
        return 0;
    return nr_spot_seen(spots, name);
}

/* ---- CWE-252: results that must be looked at --------------------------------------------- */

static const char *nr_must_why(struct rule_ctx *rc, const char *name)
{
    const char *why = rule_libc_must_check(name, rule_option_bool(rc, "check_output"));

    if (why == NULL && rule_option_list_has(rc, "must_check", name))
        why = "it reports failure only through its result";
    return why;
}

static int nr_is_first_child(CXCursor parent, CXCursor child)
{
    return rule_nullflow_same(rule_expr_first_child(parent), child);
}

/* Nonzero when call is a statement of its own, its value discarded. */
static int nr_result_discarded(struct rule_ctx *rc, CXCursor call)
{
    CXCursor parent = rule_ancestor(rc, 0);

    switch (clang_getCursorKind(parent)) {
    case CXCursor_CompoundStmt:
    case CXCursor_LabelStmt:
    case CXCursor_DefaultStmt:
        return 1;
    case CXCursor_CaseStmt:
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
        return !nr_is_first_child(parent, call);
    case CXCursor_DoStmt:
        return nr_is_first_child(parent, call);
    default:
        return 0;
    }
}

void rule_nullflow_check_discarded(struct rule_ctx *rc, CXCursor call)
{
    char callee[NR_NAME_MAX];
    const char *why;

    rule_callee_name(call, callee, sizeof(callee));
    if (callee[0] == '\0')
        return;
    why = nr_must_why(rc, callee);
    if (why == NULL || !nr_result_discarded(rc, call))
        return;
    rule_report(rc, call,
                "the result of '%s' is ignored: %s (cast the call to (void) if failure does "
                "not matter here)",
                callee, why);
}

void rule_nullflow_report_maybe_result(struct rule_ctx *rc, CXCursor call, const char *callee,
                                       const char *when, const char *what)
{
    rule_report(rc, call,
                "the result of '%s' may be NULL (it returns NULL when %s) and is %s "
                "without a test",
                callee, when, what);
}

void rule_nullflow_report_deviant(struct rule_ctx *rc, const struct rule_unchecked_callee *c,
                                  const char *why)
{
    if (why == NULL)
        why = "it reports failure through its result";
    for (size_t i = 0; i < c->n_discarded; i++) {
        struct ecg_finding *f =
            rule_report(rc, c->discarded[i],
                        "the result of '%s' is checked at %u of %u calls in this file; here it is "
                        "discarded: %s (cast the call to (void) if failure does not matter here)",
                        c->name, c->checked, c->calls, why);
        for (unsigned k = 0; f != NULL && k < c->n_checked_at; k++)
            rule_add_related(rc, f, clang_getCursorExtent(c->checked_at[k]),
                             "the result of '%s' is checked here", c->name);
    }
}
