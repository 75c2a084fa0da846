/* complexity-function-size: function definitions longer than a number of lines or
 * statements; one finding names every limit exceeded.
 * Known gaps: lines run from the definition's first line to its closing brace, comments and
 * blank lines included; a macro invocation standing as a statement counts once as written. */
#include <stdio.h>

#include "rules/rule.h"

static void size_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    const struct ecg_fn_metrics *m = rule_function_metrics(rc);
    long max_lines = rule_option_int(rc, "max_lines");
    long max_statements = rule_option_int(rc, "max_statements");
    int expanded = rule_option_bool(rc, "count_macro_expansions");
    char lines[64] = "", statements[64] = "";
    unsigned n_statements;
    int too_long, too_many;

    if (m == NULL)
        return;
    n_statements = expanded ? m->expanded.statements : m->written.statements;
    too_long = (long)m->lines > max_lines;
    too_many = (long)n_statements > max_statements;
    if (!too_long && !too_many)
        return;
    if (too_long)
        snprintf(lines, sizeof(lines), "%u lines (max %ld)", m->lines, max_lines);
    if (too_many)
        snprintf(statements, sizeof(statements), "%u statements (max %ld)", n_statements,
                 max_statements);
    rule_report_range(rc, clang_Cursor_getSpellingNameRange(fn, 0, 0), "function '%s' has %s%s%s",
                      m->name, lines, too_long && too_many ? " and " : "", statements);
}

static const struct rule_option size_options[] = {
    { "max_lines", RULE_OPT_INT, "60",
      "report a function spanning more physical lines than this, from its first line to its "
      "closing brace",
      NULL },
    { "max_statements", RULE_OPT_INT, "40",
      "report a function whose body holds more statements than this", NULL },
    { "count_macro_expansions", RULE_OPT_BOOL, "false",
      "count the statements inside macro expansions too (false: a macro invocation counts as "
      "written)",
      NULL },
};

const struct rule_desc rule_complexity_function_size = {
    .id = "complexity-function-size",
    .title = "Function too long",
    .summary = "Flags functions with more lines or statements than the limits.",
    .description = "A function that does not fit on a screen is read in pieces, and usually does "
                   "several things that could be named. The rule counts physical lines from the "
                   "first line of the definition to its closing brace, and statements in its "
                   "body (blocks excluded). Extract the steps into functions whose names say "
                   "what they do.",
    .tags = "maintainability",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .needs_metrics = 1,
    .options = size_options,
    .n_options = sizeof(size_options) / sizeof(size_options[0]),
    .on_function_leave = size_on_function_leave,
};
