/* complexity-cognitive: function definitions whose cognitive complexity (SonarSource, as
 * clang-tidy's readability-function-cognitive-complexity) exceeds a threshold, with one
 * related location per increment. Known gaps: only direct recursion counts, and as written
 * a function-like macro counts nothing (count_macro_expansions counts its expansion). */
#include "rules/rule.h"

/* Attaches one related location per increment that the chosen view counts. */
static void cog_add_steps(struct rule_ctx *rc, struct ecg_finding *f,
                          const struct ecg_fn_metrics *m, int expanded)
{
    for (size_t i = 0; i < m->n_steps; i++) {
        const struct ecg_cognitive_step *s = &m->steps[i];
        if (!expanded && !s->written)
            continue;
        if (s->nesting > 0)
            rule_add_related(rc, f, ecg_fn_metrics_range(m, &s->at),
                             "+%u (incl. %u for nesting): %s", s->points, s->nesting, s->construct);
        else
            rule_add_related(rc, f, ecg_fn_metrics_range(m, &s->at), "+%u: %s", s->points,
                             s->construct);
    }
}

static void cog_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);
    long threshold = rule_option_int(rc, "threshold");
    int expanded = rule_option_bool(rc, "count_macro_expansions");
    struct ecg_finding *f;
    unsigned cognitive;

    if (m == NULL)
        return;
    cognitive = expanded ? m->expanded.cognitive : m->written.cognitive;
    if ((long)cognitive <= threshold)
        return;
    f = rule_report_range(rc, clang_Cursor_getSpellingNameRange(fn, 0, 0),
                          "function '%s' has cognitive complexity %u (threshold %ld)", m->name,
                          cognitive, threshold);
    cog_add_steps(rc, f, m, expanded);
}

static const struct rule_option cog_options[] = {
    { "threshold", RULE_OPT_INT, "25",
      "report a function whose cognitive complexity is greater than this", NULL },
    { "count_macro_expansions", RULE_OPT_BOOL, "false",
      "count the structures inside macro expansions too (false: a macro invocation counts as "
      "written)",
      NULL },
};

const struct rule_desc rule_complexity_cognitive = {
    .id = "complexity-cognitive",
    .title = "Cognitive complexity too high",
    .summary = "Flags functions whose cognitive complexity exceeds a threshold.",
    .description = "Cognitive complexity (SonarSource) measures how hard a function is to "
                   "read: each break in the linear flow (if, else, loops, switch, ?:, goto, "
                   "each run of like && or || operators, recursion) costs 1, and structures nested "
                   "inside others cost 1 more per level. Unlike cyclomatic complexity it "
                   "punishes nesting, not size. The finding lists every increment. Reduce it by "
                   "returning early, extracting nested blocks into named functions and "
                   "simplifying conditions.",
    .tags = "maintainability",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .needs_metrics = 1,
    .options = cog_options,
    .n_options = sizeof(cog_options) / sizeof(cog_options[0]),
    .on_function_leave = cog_on_function_leave,
};
