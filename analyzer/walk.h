/* The one traversal of a translation unit. libclang's own iterative visitor drives it
 * (CXChildVisit_Recurse), and an ancestor stack turns its pre-order visits into enter and
 * leave events, so a 10,000-deep expression costs no native stack. Each cursor is
 * dispatched to the rules subscribed to its kind. */
#ifndef ECG_ANALYZER_WALK_H
#define ECG_ANALYZER_WALK_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/filefilter.h"
#include "analyzer/finding.h"
#include "analyzer/taint_xunit.h"

struct ecg_config;
struct ecg_fir;
struct ecg_fn_metrics;
struct ecg_fnmetrics;
struct ecg_taint;
struct rule_desc;

/* Per-unit data the rules' support modules share (rule_unit_shared in rules/rule.h). */
struct ecg_walk_shared {
    const void *key; /* the module's static descriptor */
    void *data;      /* owned: released with release after the walk */
    void (*release)(void *data);
};

/* One enabled rule during a walk. */
struct ecg_walk_rule {
    const struct rule_desc *desc;
    void *state; /* desc->state_size zeroed bytes, or NULL when the size is 0 */
};

struct ecg_walk {
    CXTranslationUnit tu;
    const struct ecg_config *config; /* borrowed; rule options come from here */
    struct ecg_filefilter *filter;   /* borrowed; which files' findings are kept */
    struct ecg_findings *out;        /* borrowed; findings are appended here */
    struct ecg_walk_rule *rules;     /* owned */
    size_t n_rules;
    size_t **by_kind;             /* owned; by_kind[kind] lists rule indices, SIZE_MAX-terminated */
    size_t **leave_by_kind;       /* owned; as by_kind, only the rules with on_cursor_leave */
    size_t n_kinds;               /* by_kind and leave_by_kind cover kinds below n_kinds */
    size_t *function_subscribers; /* owned; rules with function callbacks, SIZE_MAX-terminated */
    CXCursor *stack;              /* owned; ancestors of the cursor being visited, root first */
    size_t depth;
    size_t cap;
    CXCursor function;            /* the enclosing function definition, or null */
    int in_function;              /* function is a definition being walked (cheaper than isNull) */
    size_t function_depth;        /* stack depth at which function was entered */
    int failed;                   /* memory ran out during the walk */
    enum CXLanguageKind language; /* the unit's, from its first declaration; Invalid before */
    /* Per-function metrics (analyzer/fnmetrics.h), computed only when a rule has
     * needs_metrics or metrics_sink is set (set it between ecg_walk_init and ecg_walk_run).
     * The sink gets every function definition walked, before the rules' on_function_leave. */
    void (*metrics_sink)(void *arg, const struct ecg_fn_metrics *m);
    void *metrics_arg;
    struct ecg_fnmetrics *metrics;                 /* owned; NULL when nothing needs them */
    const struct ecg_fn_metrics *function_metrics; /* during on_function_leave, else NULL */
    size_t *children; /* owned, with metrics only: children[d] = children of stack[d] so far */
    /* The function IR (analyzer/fir.h), captured only when a rule has needs_flow, and the
     * taint engine (analyzer/taint.h) built from it on the first rule_taint_flows(). */
    unsigned flow_categories; /* the enabled rules' needs_flow, joined */
    struct ecg_fir *fir;      /* owned; NULL when no rule needs flows */
    struct ecg_taint *taint;  /* owned; NULL until asked for */
    /* Source data from other units for the taint engine (analyzer/taint_xunit.h), set
     * between ecg_walk_init and ecg_walk_run; borrowed, NULL for none. */
    const struct ecg_xfacts *taint_seeds;
    /* Pointer-state facts from other units (value other than ECG_XV_TAINT), sorted; set with
     * taint_seeds, borrowed, NULL for none. */
    const struct ecg_xfacts *value_seeds;
    /* Pointer-state facts the rules hand to other units (rules/support/xvalue.h); owned. */
    struct ecg_xfacts value_exports;
    /* The want keys of the pointer states the rules asked about (ecg_taint_xunit_want_key);
     * owned. Other units' facts reach the unit only where it asked. */
    struct ecg_xnames value_wants;
    /* Data shared by the rules through a support module, created on first use; owned. */
    struct ecg_walk_shared *shared;
    size_t n_shared;
    /* Given each top-level cursor (even those the walk skips) before the rules see it, until
     * it returns 0: a support module reads the preprocessing record this way instead of
     * visiting it again (rule_top_level_sink). NULL for none. */
    int (*top_sink)(void *arg, CXCursor cursor);
    void *top_sink_arg; /* borrowed */
};

/* What a walk is given. All of it is borrowed: tu, config, filter and out must outlive the
 * walk; the rules array is read only by ecg_walk_init (the descriptors are static). */
struct ecg_walk_inputs {
    CXTranslationUnit tu;
    const struct ecg_config *config;      /* rule options; NULL: every option's default */
    struct ecg_filefilter *filter;        /* which files' findings are kept */
    struct ecg_findings *out;             /* findings are appended here */
    const struct rule_desc *const *rules; /* the enabled rules, registry order */
    size_t n_rules;
};

/* Prepares a walk over in->tu with in->rules. Allocates rule states, the dispatch table
 * and, when a rule reads taint flows, the function IR. Returns 0 or ECG_ENOMEM; call
 * ecg_walk_fini either way. */
int ecg_walk_init(struct ecg_walk *w, const struct ecg_walk_inputs *in);

/* Runs on_unit_begin, walks the unit once, then runs on_unit_end. Returns 0 or ECG_ENOMEM. */
int ecg_walk_run(struct ecg_walk *w);

/* Releases rule states (through state_fini) and the tables. */
void ecg_walk_fini(struct ecg_walk *w);

#endif
