/* The rule interface: a rule is one file with a const struct rule_desc and callbacks. The
 * engine walks each translation unit once and calls a rule for the cursor kinds it lists,
 * so rules never re-walk the tree. Rules report through rule_report*, which drop findings
 * outside the analysed files (system headers, --header-filter) before any work is done. */
#ifndef ECG_RULES_RULE_H
#define ECG_RULES_RULE_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/finding.h"
#include "analyzer/fnmetrics.h"
#include "analyzer/taint.h"
#include "analyzer/taint_xunit.h"

#define RULE_MAX_KINDS 12
#define RULE_MAX_CWE 6

struct rule_ctx;

enum rule_opt_type {
    RULE_OPT_BOOL,
    RULE_OPT_INT,
    RULE_OPT_STRING,
    RULE_OPT_STRING_LIST, /* a JSON array of strings; the default is comma-separated */
};

struct rule_option {
    const char *name;
    enum rule_opt_type type;
    const char *default_value; /* as text: "true", "10", "foo", "a,b" */
    const char *doc;
    const char *choices; /* RULE_OPT_STRING: the allowed values, comma-separated; NULL: any */
};

typedef void (*rule_cursor_fn)(struct rule_ctx *rc, CXCursor cursor);
typedef void (*rule_unit_fn)(struct rule_ctx *rc);

struct rule_desc {
    const char *id;                /* family-name */
    const char *title;             /* a few words, SARIF name */
    const char *summary;           /* one sentence, SARIF shortDescription */
    const char *description;       /* a paragraph, SARIF fullDescription */
    const char *tags;              /* comma-separated: security, maintainability, concurrency ... */
    const char *precision;         /* very-high, high, medium, low */
    const char *security_severity; /* "0.1".."10.0" for security rules, else NULL */
    int cwe[RULE_MAX_CWE];         /* 0-terminated */
    enum ecg_level level;
    int opt_in;          /* not enabled unless a checks glob names it; the docs page says why */
    int needs_metrics;   /* the walk computes struct ecg_fn_metrics for on_function_leave */
    unsigned needs_flow; /* ECG_TAINT_MASK bits of the taint flows read in on_unit_end */
    int needs_ir;        /* the walk keeps every function's IR for on_unit_end (rule_unit_ir) */
    int needs_xvalue;    /* exchanges pointer-state facts with other units (support/xvalue.h) */
    const struct rule_option *options;
    size_t n_options;
    size_t state_size; /* per translation unit; allocated and zeroed by the engine */
    enum CXCursorKind kinds[RULE_MAX_KINDS]; /* kinds on_cursor wants; 0-terminated */
    rule_cursor_fn on_cursor;                /* entering a cursor of a listed kind */
    rule_cursor_fn on_cursor_leave;          /* leaving it (after its children) */
    rule_cursor_fn on_function_enter;        /* entering a function definition */
    rule_cursor_fn on_function_leave;        /* leaving it */
    rule_unit_fn on_unit_begin;              /* before the walk */
    rule_unit_fn on_unit_end;                /* after the walk: report whole-unit findings */
    void (*state_fini)(void *state);         /* releases what the state owns, if anything */
};

/* The rule's per-unit state (state_size bytes, zeroed before on_unit_begin). */
void *rule_state(struct rule_ctx *rc);

/* The descriptor of the rule being called. */
const struct rule_desc *rule_current(const struct rule_ctx *rc);

/* The translation unit being walked. */
CXTranslationUnit rule_unit(const struct rule_ctx *rc);

/* The function definition the walk is inside, or a null cursor at file scope. */
CXCursor rule_function(const struct rule_ctx *rc);

/* The ancestors of the current cursor: 0 is its parent, 1 its grandparent... Returns a
 * null cursor past the translation unit. */
CXCursor rule_ancestor(const struct rule_ctx *rc, size_t up);

/* In on_function_leave of a rule with needs_metrics: the function's metrics (see
 * analyzer/fnmetrics.h). NULL elsewhere, or when memory ran out. */
const struct ecg_fn_metrics *rule_function_metrics(const struct rule_ctx *rc);

/* In on_unit_end of a rule with needs_flow: the unit's taint flows (analyzer/taint.h) of
 * every category an enabled rule asked for; read those of your categories. Computed on
 * the first call and shared by the rules. NULL for other rules, or when memory ran out. */
const struct ecg_taint_flows *rule_taint_flows(struct rule_ctx *rc);

/* In on_unit_end of a rule with needs_ir (or needs_flow): the IR of every function definition
 * of the unit, recorded by the one walk (analyzer/fir.h). NULL for other rules, or when
 * memory ran out. */
const struct ecg_fir *rule_unit_ir(const struct rule_ctx *rc);

/* Data a support module shares between the rules of one unit (the lock-free rules' atomic
 * operation readings). The address of the module's static descriptor is the key. */
struct rule_shared_desc {
    void *(*create)(struct rule_ctx *rc); /* NULL when memory runs out */
    void (*release)(void *data);
};

/* The unit's data for desc: created by desc->create on the first call of the walk, then
 * returned to every rule; the engine releases it after the walk. NULL when memory ran out. */
void *rule_unit_shared(struct rule_ctx *rc, const struct rule_shared_desc *desc);

/* Hands sink every top-level cursor of the unit, in order (preprocessing cursors first, those
 * of files whose findings are not kept too), before the rules see it, until it returns 0: a
 * support module reads the preprocessing record from the walk instead of visiting it again.
 * Call in on_unit_begin; arg is borrowed for the walk. One sink per walk: returns 0, or
 * ECG_ECONFIG when another is set (the caller then visits what it needs itself). */
int rule_top_level_sink(struct rule_ctx *rc, int (*sink)(void *arg, CXCursor cursor), void *arg);

/* Nonzero when loc lies in a file whose findings are kept (main file or a header that
 * passes the header filter; never a system header). */
int rule_location_analyzed(const struct rule_ctx *rc, CXSourceLocation loc);

/* Reports a finding at the cursor's extent with the rule's level. Returns the finding so
 * related locations, flow steps and fixes can be attached, or NULL when the location is
 * filtered out (or memory ran out): then there is nothing to attach to. The pointer is
 * valid until the next rule_report* call. */
struct ecg_finding *rule_report(struct rule_ctx *rc, CXCursor at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As rule_report, at an explicit range. */
struct ecg_finding *rule_report_range(struct rule_ctx *rc, CXSourceRange range, const char *fmt,
                                      ...) __attribute__((format(printf, 3, 4)));

/* Attaches a related location to f. */
void rule_add_related(struct rule_ctx *rc, struct ecg_finding *f, CXSourceRange range,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Appends a step to f's flow (source first, sink last). */
void rule_add_step(struct rule_ctx *rc, struct ecg_finding *f, CXSourceRange range, const char *fmt,
                   ...) __attribute__((format(printf, 4, 5)));

/* Appends the steps of a taint flow (source first, sink last) to f's flow. */
void rule_add_flow_steps(struct rule_ctx *rc, struct ecg_finding *f,
                         const struct ecg_taint_flow *flow);

/* Pointer-state facts other units handed this one (struct ecg_xfact whose value is not
 * ECG_XV_TAINT), sorted; NULL for none, or when the rule does not set needs_xvalue.
 * rules/support/xvalue.h reads them. */
const struct ecg_xfacts *rule_xvalue_seeds(const struct rule_ctx *rc);

/* Hands a pointer-state fact to the units that use its name (a deep copy is kept; the
 * first fact of a key stays). Ignored unless the rule sets needs_xvalue. */
void rule_xvalue_export(struct rule_ctx *rc, const struct ecg_xfact *fact);

/* Records that the rule asked what other units say of question's place and state (its
 * value, what, name, index, pointee, field): other units' facts reach this unit only where
 * it asked, so units that would not use a fact are not analysed again for it. */
void rule_xvalue_want(const struct rule_ctx *rc, const struct ecg_xfact *question);

/* Appends the steps of an origin from other units (places given as paths) to f's flow. */
void rule_add_xsteps(struct rule_ctx *rc, struct ecg_finding *f, const struct ecg_xorigin *origin);

/* The normalised path of the file loc's expansion lies in, or NULL (no file, or memory ran
 * out). Valid as long as the walk. */
const char *rule_location_path(const struct rule_ctx *rc, CXSourceLocation loc);

/* Adds a replacement of range by text to f's fix, described by description (first call). */
void rule_add_fix(struct rule_ctx *rc, struct ecg_finding *f, CXSourceRange range, const char *text,
                  const char *description);

/* The effective value of an option declared in the descriptor (configuration or default). */
int rule_option_bool(const struct rule_ctx *rc, const char *name);
long rule_option_int(const struct rule_ctx *rc, const char *name);
const char *rule_option_string(const struct rule_ctx *rc, const char *name);

/* Nonzero when value is allowed for the option (any value when it lists no choices). */
int rule_option_allows(const struct rule_option *option, const char *value);

/* What a value of the type looks like, for messages: "an integer", "true or false" ... */
const char *rule_option_expects(enum rule_opt_type type);

/* Nonzero when word is one of the items of a RULE_OPT_STRING_LIST option. */
int rule_option_list_has(const struct rule_ctx *rc, const char *name, const char *word);

/* The index-th string of a RULE_OPT_STRING_LIST option set in the configuration, or NULL past
 * its end (and when the option is not configured: the default is not split). Borrowed from
 * the configuration. */
const char *rule_option_list_item(const struct rule_ctx *rc, const char *name, size_t index);

/* Copies the cursor's spelling (name) into buf; returns buf ("" when it has none). */
const char *rule_cursor_name(CXCursor cursor, char *buf, size_t size);

/* The called function's name for a CallExpr, into buf; returns buf ("" when indirect). */
const char *rule_callee_name(CXCursor call, char *buf, size_t size);

#endif
