/* complexity-cyclomatic: function definitions whose McCabe cyclomatic complexity reaches a
 * threshold, counted by the metrics engine (analyzer/fnmetrics.h) as written by default.
 * Known gaps: each case label counts, however many share a body, and as written a
 * function-like macro counts nothing, however many branches it expands to. */
#include "rules/rule.h"

static const struct ecg_fn_counts *cyclo_counts(const struct rule_ctx *rc,
                                                const struct ecg_fn_metrics *m)
{
    return rule_option_bool(rc, "count_macro_expansions") ? &m->expanded : &m->written;
}

static void cyclo_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);
    long threshold = rule_option_int(rc, "threshold");
    unsigned cyclomatic;

    if (m == NULL)
        return;
    cyclomatic = cyclo_counts(rc, m)->cyclomatic;
    if ((long)cyclomatic < threshold)
        return;
    rule_report_range(rc, clang_Cursor_getSpellingNameRange(fn, 0, 0),
                      "function '%s' has cyclomatic complexity %u (threshold %ld)", m->name,
                      cyclomatic, threshold);
}

static const struct rule_option cyclo_options[] = {
    { "threshold", RULE_OPT_INT, "10",
      "report a function whose cyclomatic complexity is at least this", NULL },
    { "count_macro_expansions", RULE_OPT_BOOL, "false",
      "count the decisions inside macro expansions too (false: a macro invocation counts as "
      "written)",
      NULL },
};

const struct rule_desc rule_complexity_cyclomatic = {
    .id = "complexity-cyclomatic",
    .title = "Cyclomatic complexity too high",
    .summary = "Flags functions whose cyclomatic complexity reaches a threshold.",
    .description = "Cyclomatic complexity (McCabe) is 1 plus the number of decisions in a "
                   "function: if, for, while, do, case, &&, || and ?:. It is the number of "
                   "independent paths through the function, so the number of tests needed to "
                   "cover them; above 10 a function is hard to test and review. Split it into "
                   "functions that each make one decision, or replace branch chains by tables.",
    .tags = "maintainability",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .needs_metrics = 1,
    .options = cyclo_options,
    .n_options = sizeof(cyclo_options) / sizeof(cyclo_options[0]),
    .on_function_leave = cyclo_on_function_leave,
};
