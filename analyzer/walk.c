/* The single traversal and rule dispatch; see walk.h. Top-level declarations in files
 * whose findings are not kept (system headers, filtered headers) are skipped whole, which
 * is most of a typical unit; with no rule subscribed to a cursor kind (metrics, function
 * rules), so are the declarations that cannot hold a function definition. */
#include "analyzer/walk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/fir.h"
#include "analyzer/fnmetrics.h"
#include "analyzer/taint.h"
#include "rules/rule.h"
#include "rules/rule_int.h"

static size_t kinds_bound(const struct rule_desc *const *rules, size_t n_rules)
{
    size_t bound = 0;

    for (size_t r = 0; r < n_rules; r++) {
        for (size_t k = 0; k < RULE_MAX_KINDS && rules[r]->kinds[k] != 0; k++) {
            if ((size_t)rules[r]->kinds[k] + 1 > bound)
                bound = (size_t)rules[r]->kinds[k] + 1;
        }
    }
    return bound;
}

static int rule_wants_kind(const struct rule_desc *desc, size_t kind)
{
    for (size_t k = 0; k < RULE_MAX_KINDS && desc->kinds[k] != 0; k++) {
        if ((size_t)desc->kinds[k] == kind)
            return 1;
    }
    return 0;
}

/* Which callbacks a subscriber list is for. */
enum subscribers {
    SUB_ENTER,     /* rules listing the kind */
    SUB_LEAVE,     /* those of them with on_cursor_leave */
    SUB_FUNCTIONS, /* rules with function callbacks */
};

static int subscribes(const struct rule_desc *d, size_t kind, enum subscribers which)
{
    switch (which) {
    case SUB_ENTER:
        return rule_wants_kind(d, kind);
    case SUB_LEAVE:
        return d->on_cursor_leave != NULL && rule_wants_kind(d, kind);
    case SUB_FUNCTIONS:
        return d->on_function_enter != NULL || d->on_function_leave != NULL;
    }
    return 0;
}

/* Builds the SIZE_MAX-terminated list of rules subscribed; NULL when none is. */
static int subscriber_list(size_t **out, const struct ecg_walk *w, size_t kind,
                           enum subscribers which)
{
    size_t n = 0;
    size_t *list;

    list = malloc((w->n_rules + 1) * sizeof(*list));
    if (list == NULL)
        return ECG_ENOMEM;
    for (size_t r = 0; r < w->n_rules; r++) {
        if (subscribes(w->rules[r].desc, kind, which))
            list[n++] = r;
    }
    list[n] = SIZE_MAX;
    if (n == 0) {
        free(list);
        list = NULL;
    }
    *out = list;
    return 0;
}

/* The enter and leave lists of the kinds desc lists, those not built yet. */
static int add_rule_kinds(struct ecg_walk *w, const struct rule_desc *desc)
{
    for (size_t k = 0; k < RULE_MAX_KINDS && desc->kinds[k] != 0; k++) {
        size_t kind = (size_t)desc->kinds[k];
        if (w->by_kind[kind] != NULL)
            continue;
        if (subscriber_list(&w->by_kind[kind], w, kind, SUB_ENTER) != 0 ||
            subscriber_list(&w->leave_by_kind[kind], w, kind, SUB_LEAVE) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

static int build_dispatch(struct ecg_walk *w, const struct rule_desc *const *rules, size_t n)
{
    w->n_kinds = kinds_bound(rules, n);
    w->by_kind = calloc(w->n_kinds != 0 ? w->n_kinds : 1, sizeof(*w->by_kind));
    w->leave_by_kind = calloc(w->n_kinds != 0 ? w->n_kinds : 1, sizeof(*w->leave_by_kind));
    if (w->by_kind == NULL || w->leave_by_kind == NULL)
        return ECG_ENOMEM;
    /* only the kinds some rule lists: most of the table stays empty */
    for (size_t r = 0; r < n; r++) {
        if (add_rule_kinds(w, rules[r]) != 0)
            return ECG_ENOMEM;
    }
    return subscriber_list(&w->function_subscribers, w, 0, SUB_FUNCTIONS);
}

/* Gives each rule its zeroed state, when it has one. */
static int alloc_states(struct ecg_walk *w)
{
    for (size_t r = 0; r < w->n_rules; r++) {
        size_t size = w->rules[r].desc->state_size;
        if (size == 0)
            continue;
        w->rules[r].state = calloc(1, size);
        if (w->rules[r].state == NULL)
            return ECG_ENOMEM;
    }
    return 0;
}

/* Starts the function IR when an enabled rule reads taint flows or the IR itself. */
static int start_flows(struct ecg_walk *w)
{
    int needs_ir = 0;

    for (size_t r = 0; r < w->n_rules; r++) {
        w->flow_categories |= w->rules[r].desc->needs_flow;
        /* pointer-state facts cross units through the interface, which needs the IR */
        needs_ir |= w->rules[r].desc->needs_ir | w->rules[r].desc->needs_xvalue;
    }
    if ((w->flow_categories == 0 && !needs_ir) || w->fir != NULL)
        return 0;
    w->fir = ecg_fir_new();
    return w->fir != NULL ? 0 : ECG_ENOMEM;
}

int ecg_walk_init(struct ecg_walk *w, const struct ecg_walk_inputs *in)
{
    memset(w, 0, sizeof(*w));
    w->tu = in->tu;
    w->config = in->config;
    w->filter = in->filter;
    w->out = in->out;
    w->function = clang_getNullCursor();
    w->rules = calloc(in->n_rules != 0 ? in->n_rules : 1, sizeof(*w->rules));
    if (w->rules == NULL)
        return ECG_ENOMEM;
    w->n_rules = in->n_rules;
    for (size_t r = 0; r < in->n_rules; r++)
        w->rules[r].desc = in->rules[r];
    if (alloc_states(w) != 0 || start_flows(w) != 0)
        return ECG_ENOMEM;
    return build_dispatch(w, in->rules, in->n_rules);
}

void ecg_walk_fini(struct ecg_walk *w)
{
    for (size_t r = 0; r < w->n_rules; r++) {
        if (w->rules[r].state != NULL && w->rules[r].desc->state_fini != NULL)
            w->rules[r].desc->state_fini(w->rules[r].state);
        free(w->rules[r].state);
    }
    free(w->rules);
    for (size_t k = 0; k < w->n_kinds; k++) {
        free(w->by_kind != NULL ? w->by_kind[k] : NULL);
        free(w->leave_by_kind != NULL ? w->leave_by_kind[k] : NULL);
    }
    free(w->by_kind);
    free(w->leave_by_kind);
    free(w->function_subscribers);
    free(w->stack);
    free(w->children);
    ecg_fnmetrics_free(w->metrics);
    ecg_taint_free(w->taint);
    ecg_fir_free(w->fir);
    ecg_xfacts_fini(&w->value_exports);
    ecg_xnames_fini(&w->value_wants);
    for (size_t i = 0; i < w->n_shared; i++)
        w->shared[i].release(w->shared[i].data);
    free(w->shared);
    memset(w, 0, sizeof(*w));
}

static void call_rule(struct ecg_walk *w, size_t r, rule_cursor_fn fn, CXCursor cursor)
{
    struct rule_ctx rc = { w, w->rules[r].desc, w->rules[r].state, NULL };

    if (fn != NULL)
        fn(&rc, cursor);
}

static inline void dispatch_cursor(struct ecg_walk *w, const CXCursor *cursor, int leaving)
{
    size_t kind = (size_t)cursor->kind; /* clang_getCursorKind, without a call per cursor */
    const size_t *list;

    if (kind >= w->n_kinds)
        return;
    /* leaving, only the few rules with a leave callback are called */
    list = leaving ? w->leave_by_kind[kind] : w->by_kind[kind];
    if (list == NULL)
        return;
    for (size_t i = 0; list[i] != SIZE_MAX; i++) {
        const struct rule_desc *d = w->rules[list[i]].desc;
        call_rule(w, list[i], leaving ? d->on_cursor_leave : d->on_cursor, *cursor);
    }
}

static void dispatch_function(struct ecg_walk *w, CXCursor fn, int leaving)
{
    const size_t *list = w->function_subscribers;

    for (size_t i = 0; list != NULL && list[i] != SIZE_MAX; i++) {
        const struct rule_desc *d = w->rules[list[i]].desc;
        call_rule(w, list[i], leaving ? d->on_function_leave : d->on_function_enter, fn);
    }
}

/* Grows the stack (and the child counts, with metrics) to hold at least cap cursors. */
static int stack_reserve(struct ecg_walk *w, size_t cap)
{
    CXCursor *grown;

    if (cap <= w->cap && (w->metrics == NULL || w->children != NULL))
        return 0;
    grown = realloc(w->stack, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    w->stack = grown;
    if (w->metrics != NULL) {
        size_t *counts = realloc(w->children, cap * sizeof(*counts));
        if (counts == NULL)
            return ECG_ENOMEM;
        w->children = counts;
    }
    w->cap = cap;
    return 0;
}

static inline int stack_push(struct ecg_walk *w, const CXCursor *cursor)
{
    if (w->depth == w->cap && stack_reserve(w, w->cap != 0 ? w->cap * 2 : 256) != 0)
        return ECG_ENOMEM;
    if (w->metrics != NULL)
        w->children[w->depth] = 0;
    w->stack[w->depth++] = *cursor;
    return 0;
}

/* Leaves the function definition fn: its metrics go to the sink, then to the rules. */
static void leave_function(struct ecg_walk *w, CXCursor fn)
{
    if (w->metrics != NULL) {
        w->function_metrics = ecg_fnmetrics_end(w->metrics);
        if (w->function_metrics == NULL)
            w->failed = 1;
        else if (w->metrics_sink != NULL)
            w->metrics_sink(w->metrics_arg, w->function_metrics);
    }
    dispatch_function(w, fn, 1);
    w->function_metrics = NULL;
    w->function = clang_getNullCursor();
    w->in_function = 0;
    w->function_depth = 0;
}

/* Leaves the cursor on top of the stack: leave callbacks, then the pop. */
static void stack_pop(struct ecg_walk *w)
{
    dispatch_cursor(w, &w->stack[w->depth - 1], 1);
    if (w->in_function) {
        if (w->fir != NULL)
            ecg_fir_leave(w->fir);
        if (w->depth - 1 == w->function_depth)
            leave_function(w, w->stack[w->depth - 1]);
        else if (w->metrics != NULL)
            ecg_fnmetrics_leave(w->metrics);
    }
    w->depth--;
}

static void enter(struct ecg_walk *w, CXCursor cursor)
{
    enum CXCursorKind kind = cursor.kind;

    if (kind == CXCursor_FunctionDecl && !w->in_function && clang_isCursorDefinition(cursor)) {
        w->function = cursor;
        w->in_function = 1;
        w->function_depth = w->depth - 1;
        if (w->metrics != NULL)
            ecg_fnmetrics_begin(w->metrics, cursor);
        dispatch_function(w, cursor, 0);
    } else if (w->metrics != NULL && w->in_function) {
        ecg_fnmetrics_enter(w->metrics, cursor, w->children[w->depth - 2]++);
    }
    if (w->fir != NULL && w->in_function)
        ecg_fir_enter(w->fir, cursor);
    dispatch_cursor(w, &w->stack[w->depth - 1], 0);
}

/* Kinds of top-level declaration that hold no function definition in C. */
static int holds_no_function(CXCursor cursor)
{
    switch (cursor.kind) {
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
    case CXCursor_EnumDecl:
    case CXCursor_TypedefDecl:
    case CXCursor_VarDecl:
        return 1;
    case CXCursor_FunctionDecl:
        return !clang_isCursorDefinition(cursor);
    default:
        return 0;
    }
}

/* Nonzero for a preprocessing cursor (a macro definition or expansion, an #include) no rule
 * subscribes to. They have no children, sit only at the top level, and are most of a unit's
 * top-level cursors (those of the system headers' macros), so they are passed over without
 * asking for their file. */
static int unwatched_preprocessing(const struct ecg_walk *w, enum CXCursorKind kind)
{
    if (kind < CXCursor_FirstPreprocessing || kind > CXCursor_LastPreprocessing)
        return 0;
    return (size_t)kind >= w->n_kinds || w->by_kind[kind] == NULL;
}

/* Nonzero when the top-level cursor is not walked: its file's findings are not kept, or
 * nothing would see its cursors (no rule subscribes to a kind, and it holds no function). */
static int skip_top_level(struct ecg_walk *w, CXCursor cursor)
{
    if (unwatched_preprocessing(w, cursor.kind))
        return 1;
    if (w->n_kinds == 0 && holds_no_function(cursor))
        return 1;
    return !ecg_filefilter_keep(w->filter, clang_getCursorLocation(cursor), NULL);
}

/* clang_equalCursors, without its call for the two cases a walk meets most: the parent is
 * the very cursor pushed (same bits), or a cursor of another kind (never equal). */
static inline int same_cursor(const CXCursor *a, const CXCursor *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->data[0] == b->data[0] && a->data[1] == b->data[1] && a->data[2] == b->data[2])
        return 1;
    return clang_equalCursors(*a, *b) != 0;
}

/* Cursor kinds libclang gives no children: 1 always, 2 in C and Objective-C (a name in C++
 * may have a qualifier). Recursing into one costs a round of libclang's work list for
 * nothing, so the walk goes on to the next sibling instead; its leave events come as they
 * would have. */
static const unsigned char childless[CXCursor_LastStmt + 1] = {
    [CXCursor_DeclRefExpr] = 2,   [CXCursor_IntegerLiteral] = 1,   [CXCursor_FloatingLiteral] = 1,
    [CXCursor_StringLiteral] = 1, [CXCursor_CharacterLiteral] = 1, [CXCursor_TypeRef] = 1,
    [CXCursor_MemberRef] = 1,     [CXCursor_LabelRef] = 1,         [CXCursor_BreakStmt] = 1,
    [CXCursor_ContinueStmt] = 1,  [CXCursor_NullStmt] = 1,
};

static int has_no_children(const struct ecg_walk *w, enum CXCursorKind kind)
{
    unsigned char what = (size_t)kind < sizeof(childless) ? childless[kind] : 0;

    if (what == 2)
        return w->language == CXLanguage_C || w->language == CXLanguage_ObjC;
    return what;
}

/* The unit's language, from its first top-level declaration (all of a unit's share it). */
static void note_language(struct ecg_walk *w, CXCursor cursor)
{
    if (w->language == CXLanguage_Invalid && clang_isDeclaration(cursor.kind))
        w->language = clang_getCursorLanguage(cursor);
}

static enum CXChildVisitResult visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct ecg_walk *w = data;

    /* libclang visits in pre-order; every cursor not an ancestor of this one is done. */
    while (w->depth > 1 && !same_cursor(&w->stack[w->depth - 1], &parent))
        stack_pop(w);
    if (w->depth == 1) {
        if (w->top_sink != NULL && !w->top_sink(w->top_sink_arg, cursor))
            w->top_sink = NULL;
        note_language(w, cursor);
        if (skip_top_level(w, cursor))
            return CXChildVisit_Continue;
    }
    if (stack_push(w, &cursor) != 0) {
        w->failed = 1;
        return CXChildVisit_Break;
    }
    enter(w, cursor);
    return has_no_children(w, cursor.kind) ? CXChildVisit_Continue : CXChildVisit_Recurse;
}

static void call_unit_hooks(struct ecg_walk *w, int end)
{
    for (size_t r = 0; r < w->n_rules; r++) {
        const struct rule_desc *d = w->rules[r].desc;
        rule_unit_fn fn = end ? d->on_unit_end : d->on_unit_begin;
        struct rule_ctx rc = { w, d, w->rules[r].state, NULL };
        if (fn != NULL)
            fn(&rc);
    }
}

static int metrics_needed(const struct ecg_walk *w)
{
    if (w->metrics_sink != NULL)
        return 1;
    for (size_t r = 0; r < w->n_rules; r++) {
        if (w->rules[r].desc->needs_metrics)
            return 1;
    }
    return 0;
}

int ecg_walk_run(struct ecg_walk *w)
{
    CXCursor root = clang_getTranslationUnitCursor(w->tu);

    if (w->metrics == NULL && metrics_needed(w)) {
        w->metrics = ecg_fnmetrics_new(w->tu);
        if (w->metrics == NULL || (w->cap != 0 && stack_reserve(w, w->cap) != 0))
            return ECG_ENOMEM;
    }
    call_unit_hooks(w, 0);
    if (stack_push(w, &root) != 0)
        return ECG_ENOMEM;
    clang_visitChildren(root, visit, w);
    while (w->depth > 1)
        stack_pop(w);
    w->depth = 0;
    call_unit_hooks(w, 1);
    return w->failed ? ECG_ENOMEM : 0;
}
