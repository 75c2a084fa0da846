/* Per-function metrics computed during the one walk: cyclomatic complexity (McCabe),
 * cognitive complexity (SonarSource), Halstead counts from libclang tokens, the
 * maintainability index, lines, statements, parameters and maximum nesting. The walk feeds
 * every cursor inside a function definition to the collector and asks for the metrics
 * when it leaves the function, before the rules' on_function_leave callbacks run.
 *
 * Code that comes from macro expansion is counted both ways at once: `written` counts only
 * what is spelled in the source file (a macro invocation counts as written, not what it
 * expands to, which is how text-based tools such as pmccabe see it), `expanded` counts
 * everything in the AST. Halstead counts are always taken from the tokens as written. */
#ifndef ECG_ANALYZER_FNMETRICS_H
#define ECG_ANALYZER_FNMETRICS_H

#include <clang-c/Index.h>
#include <stddef.h>

/* A place in the function: the token of a construct as written in the file, or, for a
 * construct with no written token, the construct's cursor. Turned into a source range only
 * when a finding needs it (ecg_fn_metrics_range), which keeps the walk cheap. */
struct ecg_fn_place {
    CXCursor cursor; /* the construct; a null cursor for no place */
    unsigned offset; /* with has_token: the token's byte offset in the function's file */
    unsigned length; /* with has_token: the token's length */
    int has_token;
};

/* Where cognitive complexity points came from, for related locations in findings. */
struct ecg_cognitive_step {
    struct ecg_fn_place at; /* valid while the unit is walked */
    unsigned points;        /* 1 + nesting for nested structures, 1 for the rest */
    unsigned nesting;       /* the nesting increment included in points */
    const char *construct;  /* static text: "if", "else if", "else", "for", "while", "do",
                               "switch", "?:", "&&", "||", "goto", "recursion" */
    int written;            /* spelled in the file, not produced by a macro */
};

/* Counts that depend on whether macro expansions count. */
struct ecg_fn_counts {
    unsigned cyclomatic; /* 1 + if + for + while + do + case + && + || + ?: (written: the
                            tokens if, for, while, case, &&, ||, ? of the function's code) */
    unsigned cognitive;
    unsigned statements;  /* statements in the body, compound statements excluded */
    unsigned max_nesting; /* deepest nesting of if/loops/switch/?: (else if adds none) */
};

struct ecg_fn_metrics {
    CXCursor function;
    const char *name; /* borrowed; valid until the next function */
    unsigned line;    /* line of the function's name */
    struct ecg_fn_counts written;
    struct ecg_fn_counts expanded;
    const struct ecg_cognitive_step *steps; /* every increment, in source order */
    size_t n_steps;
    struct ecg_fn_place deepest_written;  /* the construct at written.max_nesting */
    struct ecg_fn_place deepest_expanded; /* the construct at expanded.max_nesting */
    unsigned halstead_distinct_operators; /* n1: punctuation and keywords */
    unsigned halstead_distinct_operands;  /* n2: identifiers and literals */
    unsigned halstead_operators;          /* N1 */
    unsigned halstead_operands;           /* N2 */
    double halstead_volume;               /* (N1 + N2) * log2(n1 + n2); 0 when n1 + n2 < 2 */
    unsigned lines;                       /* physical lines from the first to the last line */
    unsigned code_lines; /* lines holding at least one token: the LOC of the index */
    unsigned parameters;
    double mi_original;   /* 171 - 5.2 ln(V) - 0.23 CC - 16.2 ln(LOC); CC = written */
    double mi_normalized; /* max(0, mi_original) * 100 / 171 */
    CXTranslationUnit tu; /* for ecg_fn_metrics_range */
    CXFile file;          /* the file the function's tokens were read from, or NULL */
};

/* The source range of a place of m (the null range for no place); valid while the unit is
 * walked. */
CXSourceRange ecg_fn_metrics_range(const struct ecg_fn_metrics *m, const struct ecg_fn_place *at);

struct ecg_fnmetrics;

/* A collector for one unit; NULL when memory runs out. */
struct ecg_fnmetrics *ecg_fnmetrics_new(CXTranslationUnit tu);

void ecg_fnmetrics_free(struct ecg_fnmetrics *m);

/* Starts a function definition (the walk calls this as it enters fn). */
void ecg_fnmetrics_begin(struct ecg_fnmetrics *m, CXCursor fn);

/* Every cursor inside the function, in walk order: entering it (child_index is its
 * position among its parent's children, 0-based), then leaving it. */
void ecg_fnmetrics_enter(struct ecg_fnmetrics *m, CXCursor cursor, size_t child_index);
void ecg_fnmetrics_leave(struct ecg_fnmetrics *m);

/* Finishes the function: tokens, Halstead, the index. The result is borrowed and valid
 * until the next ecg_fnmetrics_begin. NULL when memory ran out during the function. */
const struct ecg_fn_metrics *ecg_fnmetrics_end(struct ecg_fnmetrics *m);

#endif
