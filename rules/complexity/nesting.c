/* complexity-nesting: function definitions whose control structures (if, loops, switch, ?:)
 * nest deeper than a threshold, reported at the deepest one. else-if chains add no level.
 * Known gaps: plain { } blocks and GNU statement expressions add no level, and only the
 * first construct at the maximum depth is reported. */
#include "rules/rule.h"

static void nest_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);
    long threshold = rule_option_int(rc, "threshold");
    int expanded = rule_option_bool(rc, "count_macro_expansions");
    CXSourceRange at;
    unsigned depth;

    if (m == NULL)
        return;
    depth = expanded ? m->expanded.max_nesting : m->written.max_nesting;
    if ((long)depth <= threshold)
        return;
    at = ecg_fn_metrics_range(m, expanded ? &m->deepest_expanded : &m->deepest_written);
    if (clang_Range_isNull(at))
        at = clang_Cursor_getSpellingNameRange(fn, 0, 0);
    rule_report_range(rc, at,
                      "control structures in function '%s' nest %u levels deep here "
                      "(threshold %ld)",
                      m->name, depth, threshold);
}

static const struct rule_option nest_options[] = {
    { "threshold", RULE_OPT_INT, "4",
      "report a function whose control structures nest deeper than this", NULL },
    { "count_macro_expansions", RULE_OPT_BOOL, "false",
      "count the structures inside macro expansions too (false: a macro invocation counts as "
      "written)",
      NULL },
};

const struct rule_desc rule_complexity_nesting = {
    .id = "complexity-nesting",
    .title = "Control structures nested too deeply",
    .summary = "Flags functions whose if, loop, switch and ?: structures nest too deeply.",
    .description = "Each if, for, while, do, switch or ?: inside another adds a level a reader "
                   "has to keep in mind; past four levels the conditions under which a line "
                   "runs are hard to state. The finding points at the deepest structure. "
                   "Return early for error cases, invert conditions, and move inner loops into "
                   "functions of their own.",
    .tags = "maintainability",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .needs_metrics = 1,
    .options = nest_options,
    .n_options = sizeof(nest_options) / sizeof(nest_options[0]),
    .on_function_leave = nest_on_function_leave,
};
