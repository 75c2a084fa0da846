/* complexity-parameters: function definitions with more parameters than a threshold.
 * As written (the default) the parameters one macro invocation produces count once.
 * Known gaps: only definitions are checked, not prototypes; '...' counts nothing, and the
 * members of a struct passed by value count as one parameter. */
#include "rules/rule.h"

/* Parameters as written: the parameters one macro invocation produces share its expansion
 * location and count once together; any other parameter counts once. */
static unsigned param_written(CXCursor fn)
{
    int n = clang_Cursor_getNumArguments(fn);
    unsigned count = 0;
    unsigned previous = 0;

    for (int i = 0; i < n; i++) {
        CXCursor p = clang_Cursor_getArgument(fn, (unsigned)i);
        unsigned offset;
        clang_getExpansionLocation(clang_getCursorLocation(p), NULL, NULL, NULL, &offset);
        if (i == 0 || offset != previous)
            count++;
        previous = offset;
    }
    return count;
}

static void param_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);
    long threshold = rule_option_int(rc, "threshold");
    unsigned n;

    if (m == NULL)
        return;
    n = rule_option_bool(rc, "count_macro_expansions") ? m->parameters : param_written(fn);
    if ((long)n <= threshold)
        return;
    rule_report_range(rc, clang_Cursor_getSpellingNameRange(fn, 0, 0),
                      "function '%s' has %u parameters (threshold %ld)", m->name, n, threshold);
}

static const struct rule_option param_options[] = {
    { "threshold", RULE_OPT_INT, "6", "report a function with more parameters than this", NULL },
    { "count_macro_expansions", RULE_OPT_BOOL, "false",
      "count every parameter a macro expands to (false: the parameters one macro invocation "
      "produces count once)",
      NULL },
};

const struct rule_desc rule_complexity_parameters = {
    .id = "complexity-parameters",
    .title = "Too many parameters",
    .summary = "Flags functions with more parameters than a threshold.",
    .description = "A long parameter list is easy to call with arguments in the wrong order "
                   "(two ints swapped compile silently), and usually means the function does "
                   "several things or that some parameters travel together. Group related "
                   "parameters into a struct, or split the function.",
    .tags = "maintainability",
    .precision = "very-high",
    .level = ECG_LEVEL_WARNING,
    .needs_metrics = 1,
    .options = param_options,
    .n_options = sizeof(param_options) / sizeof(param_options[0]),
    .on_function_leave = param_on_function_leave,
};
