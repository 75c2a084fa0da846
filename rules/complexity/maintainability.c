/* complexity-maintainability (opt-in): function definitions whose maintainability index,
 * 171 - 5.2 ln V - 0.23 CC - 16.2 ln LOC, falls below a threshold. Known gaps: no comment
 * term; Halstead counts always come from the tokens as written. The configuration only
 * accepts "original" or "normalized" for `scale`. */
#include <string.h>

#include "rules/rule.h"

#define MI_CC_WEIGHT 0.23
#define MI_ORIGINAL_MAX 171.0

struct mi_value {
    double original;
    double normalized;
    unsigned cyclomatic;
};

/* The index from the chosen view: the engine computes it with the written cyclomatic
 * complexity, and the term is linear, so the expanded one shifts it by the difference. */
static void mi_compute(struct mi_value *out, const struct ecg_fn_metrics *m, int expanded)
{
    out->original = m->mi_original;
    out->cyclomatic = m->written.cyclomatic;
    if (expanded) {
        out->cyclomatic = m->expanded.cyclomatic;
        out->original -=
            MI_CC_WEIGHT * ((double)m->expanded.cyclomatic - (double)m->written.cyclomatic);
    }
    out->normalized = out->original > 0.0 ? out->original * 100.0 / MI_ORIGINAL_MAX : 0.0;
}

static void mi_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);
    long threshold = rule_option_int(rc, "threshold");
    int normalized = strcmp(rule_option_string(rc, "scale"), "normalized") == 0;
    struct mi_value mi;

    if (m == NULL)
        return;
    mi_compute(&mi, m, rule_option_bool(rc, "count_macro_expansions"));
    if ((normalized ? mi.normalized : mi.original) >= (double)threshold)
        return;
    rule_report_range(rc, clang_Cursor_getSpellingNameRange(fn, 0, 0),
                      "function '%s' has maintainability index %.1f (normalized %.1f), below %ld "
                      "on the %s scale: Halstead volume %.1f, cyclomatic complexity %u, %u lines "
                      "of code",
                      m->name, mi.original, mi.normalized, threshold,
                      normalized ? "normalized" : "original", m->halstead_volume, mi.cyclomatic,
                      m->code_lines);
}

static const struct rule_option mi_options[] = {
    { "threshold", RULE_OPT_INT, "80", "report a function whose index is below this", NULL },
    { "scale", RULE_OPT_STRING, "original",
      "the scale threshold applies to: \"original\" (171 at best, can be negative) or "
      "\"normalized\" (0 to 100)",
      "original,normalized" },
    { "count_macro_expansions", RULE_OPT_BOOL, "false",
      "take the cyclomatic complexity of macro expansions into the index (false: a macro "
      "invocation counts as written)",
      NULL },
};

const struct rule_desc rule_complexity_maintainability = {
    .id = "complexity-maintainability",
    .title = "Maintainability index too low",
    .summary = "Flags functions whose maintainability index is below a threshold (opt-in).",
    .description = "The maintainability index combines a function's Halstead volume, "
                   "cyclomatic complexity and lines of code into one number, 171 - 5.2 ln V - "
                   "0.23 CC - 16.2 ln LOC; lower is harder to maintain. Because it is dominated "
                   "by size, it flags most functions longer than about 30 lines, so the rule is "
                   "opt-in for projects that adopt the index as a target. Shorten the function "
                   "and reduce its branching.",
    .tags = "maintainability",
    .precision = "medium",
    .level = ECG_LEVEL_WARNING,
    .opt_in = 1,
    .needs_metrics = 1,
    .options = mi_options,
    .n_options = sizeof(mi_options) / sizeof(mi_options[0]),
    .on_function_leave = mi_on_function_leave,
};
