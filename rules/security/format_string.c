/* security-format-string: printf-family calls whose format is not a constant (CWE-134),
 * an error when the taint engine finds input (recv, fgets, getenv, argv ...) reaching it. A
 * parameter used as a format is judged at the callers: of a wrapper (format attribute, or
 * va_list passed on) anywhere, of another function in this file. Known gaps: text stored
 * through fields, globals or results of other files' functions is left to the taint engine
 * (no warning unless input reaches it); the constness analysis is flow-insensitive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/nullflow.h"
#include "rules/support/printf_family.h"
#include "rules/support/strorigin.h"

#define FS_NAME_MAX 64
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* What a format is, once classified. */
struct fs_origin {
    unsigned flags; /* rule_strorigin flags */
    CXCursor where; /* where the most serious flag came in */
    char source[32];
};

/* A call whose format is not constant, reported at the end of the unit. */
struct fs_finding {
    CXCursor call;
    CXCursor fmt;
    char callee[FS_NAME_MAX];
    struct rule_printf_fn fn; /* name borrowed from the printf family table or unused */
    int wrapper;              /* the callee is a format wrapper of this file */
    struct fs_origin origin;
    CXCursor sink_fn;                  /* deferred: the function whose parameter the format is */
    int sink_param;                    /* its index; -1: not deferred */
    const struct ecg_taint_flow *flow; /* input that reaches the format; NULL: none */
};

/* A function of this file that passes a parameter on as a format: its callers give it. */
struct fs_wrapper {
    CXCursor fn; /* canonical */
    int param;
};

/* A string argument of a call to a function defined in this file. */
struct fs_call {
    CXCursor call;
    CXCursor callee; /* canonical */
    CXCursor caller; /* canonical */
    unsigned arg;
    struct fs_origin origin;
    int param; /* the argument is only this parameter of the caller; -1 otherwise */
};

struct fs_state {
    struct rule_strorigin *so;              /* owned */
    struct rule_printf_family_memo callees; /* owned */
    CXCursor fn;                            /* the function being walked */
    CXCursor *pending;                      /* owned; its calls, classified when it ends */
    size_t n_pending, cap_pending;
    struct fs_finding *found; /* owned */
    size_t n_found, cap_found;
    struct fs_wrapper *wrappers; /* owned */
    size_t n_wrappers, cap_wrappers;
    struct fs_call *calls; /* owned */
    size_t n_calls, cap_calls;
    CXCursor *inner; /* owned; printf-family calls inside wrappers, judged at their callers */
    size_t n_inner, cap_inner;
    int oom;
};

static void fs_fini(void *state)
{
    struct fs_state *st = state;

    rule_strorigin_free(st->so);
    rule_printf_family_memo_fini(&st->callees);
    free(st->pending);
    free(st->found);
    free(st->wrappers);
    free(st->calls);
    free(st->inner);
}

/* ---- what a callee is -------------------------------------------------------------------- */

/* The printf-family entry of the function call calls, when it is one. */
static int fs_lookup(struct rule_ctx *rc, struct fs_state *st, CXCursor call,
                     struct rule_printf_fn *out, char *name, size_t size)
{
    CXCursor decl = clang_getCursorReferenced(call);
    int found;

    rule_callee_name(call, name, size);
    if (name[0] == '\0' || clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return 0;
    found = rule_printf_family_memo_lookup(out, &st->callees, rule_unit(rc), decl, name);
    if (found < 0) {
        st->oom = 1;
        return 0;
    }
    return found;
}

/* The parameter index of a format that is only a parameter of fn (or a copy of one). */
static int fs_param_only(const struct rule_strorigin_result *r)
{
    return r->flags == RULE_STRORIGIN_PARAM ? r->param : -1;
}

static void fs_origin_from(struct fs_origin *out, const struct rule_strorigin_result *r)
{
    static const int order[] = { 2, 3, 5, 1, 4, 0 }; /* TAINT BUILT ADDED UNKNOWN QUOTED PARAM */

    out->flags = r->flags;
    out->where = clang_getNullCursor();
    snprintf(out->source, sizeof(out->source), "%s", r->source);
    for (size_t i = 0; i < ARRAY_LEN(order) && clang_Cursor_isNull(out->where); i++) {
        if (r->flags & (1u << order[i]))
            out->where = r->where[order[i]];
    }
}

/* ---- collecting, per function ------------------------------------------------------------ */

static void fs_add_wrapper(struct fs_state *st, CXCursor fn, int param)
{
    for (size_t i = 0; i < st->n_wrappers; i++) {
        if (st->wrappers[i].param == param && clang_equalCursors(st->wrappers[i].fn, fn))
            return;
    }
    if (ecg_grow((void **)&st->wrappers, &st->cap_wrappers, st->n_wrappers + 1,
                 sizeof(*st->wrappers)) != 0) {
        st->oom = 1;
        return;
    }
    st->wrappers[st->n_wrappers].fn = fn;
    st->wrappers[st->n_wrappers].param = param;
    st->n_wrappers++;
}

static void fs_add_inner(struct fs_state *st, CXCursor call)
{
    if (ecg_grow((void **)&st->inner, &st->cap_inner, st->n_inner + 1, sizeof(*st->inner)) != 0) {
        st->oom = 1;
        return;
    }
    st->inner[st->n_inner++] = call;
}

static struct fs_finding *fs_add_finding(struct fs_state *st, CXCursor call, CXCursor fmt,
                                         const struct rule_printf_fn *fn, const char *callee)
{
    struct fs_finding *f;

    if (ecg_grow((void **)&st->found, &st->cap_found, st->n_found + 1, sizeof(*st->found)) != 0) {
        st->oom = 1;
        return NULL;
    }
    f = &st->found[st->n_found++];
    memset(f, 0, sizeof(*f));
    f->call = call;
    f->fmt = fmt;
    f->fn = *fn;
    f->fn.name = NULL;
    snprintf(f->callee, sizeof(f->callee), "%s", callee);
    f->sink_fn = clang_getNullCursor();
    f->sink_param = -1;
    return f;
}

/* A printf-family call: its format classified now that the function is complete. */
static void fs_check_format(struct rule_ctx *rc, struct fs_state *st, CXCursor call,
                            const struct rule_printf_fn *fn, const char *callee)
{
    struct rule_strorigin_result r;
    struct fs_finding *f;
    CXCursor fmt;
    int param;

    if ((int)fn->fmt >= clang_Cursor_getNumArguments(call))
        return;
    fmt = clang_Cursor_getArgument(call, fn->fmt);
    rule_strorigin_classify(st->so, fmt, call, &r);
    if (r.flags == 0)
        return;
    param = fs_param_only(&r);
    if (param >= 0 && rule_printf_family_is_wrapper(rule_unit(rc), st->fn, param, fn)) {
        fs_add_wrapper(st, clang_getCanonicalCursor(st->fn), param);
        fs_add_inner(st, call);
        return;
    }
    f = fs_add_finding(st, call, fmt, fn, callee);
    if (f == NULL)
        return;
    fs_origin_from(&f->origin, &r);
    if (param >= 0) {
        f->sink_fn = clang_getCanonicalCursor(st->fn);
        f->sink_param = param;
    }
}

/* A pointer to characters: char, or wchar_t (an int on most targets, so its name is read). */
static int fs_is_string_type(CXType t)
{
    CXType pointee = clang_getPointeeType(t);
    CXString name;
    int wide;

    if (rule_strorigin_is_char_type(pointee))
        return 1;
    name = clang_getTypeSpelling(pointee);
    wide = strstr(clang_getCString(name), "wchar_t") != NULL;
    clang_disposeString(name);
    return wide;
}

/* A call to a function defined in this file: its string arguments are kept, for when the
 * callee turns out to be a wrapper or a static function using a parameter as a format. */
static void fs_record_call(struct fs_state *st, CXCursor call, CXCursor callee)
{
    int n = clang_Cursor_getNumArguments(call);

    for (int k = 0; k < n && !st->oom; k++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)k);
        struct rule_strorigin_result r;
        struct fs_call *c;
        if (!fs_is_string_type(clang_getCursorType(arg)))
            continue;
        if (ecg_grow((void **)&st->calls, &st->cap_calls, st->n_calls + 1, sizeof(*st->calls)) !=
            0) {
            st->oom = 1;
            return;
        }
        rule_strorigin_classify(st->so, arg, call, &r);
        c = &st->calls[st->n_calls++];
        c->call = call;
        c->callee = clang_getCanonicalCursor(callee);
        c->caller = clang_getCanonicalCursor(st->fn);
        c->arg = (unsigned)k;
        fs_origin_from(&c->origin, &r);
        c->param = fs_param_only(&r);
    }
}

static void fs_check_call(struct rule_ctx *rc, struct fs_state *st, CXCursor call)
{
    char callee[FS_NAME_MAX];
    struct rule_printf_fn fn;
    CXCursor decl = rule_calltarget_of(call);

    if (fs_lookup(rc, st, call, &fn, callee, sizeof(callee))) {
        fs_check_format(rc, st, call, &fn, callee);
        return;
    }
    if (clang_getCursorKind(decl) == CXCursor_FunctionDecl &&
        !clang_Cursor_isNull(clang_getCursorDefinition(decl)))
        fs_record_call(st, call, decl);
}

/* ---- resolving and reporting, at the end of the unit ------------------------------------- */

static int fs_wrapper_at(const struct fs_state *st, CXCursor fn, unsigned arg)
{
    for (size_t i = 0; i < st->n_wrappers; i++) {
        if ((unsigned)st->wrappers[i].param == arg && clang_equalCursors(st->wrappers[i].fn, fn))
            return 1;
    }
    return 0;
}

/* A caller that hands its own parameter on to a wrapper is a wrapper too when it looks like
 * one; otherwise that call is where its parameter becomes a format. To a fixed point. */
static void fs_close_wrappers(struct rule_ctx *rc, struct fs_state *st)
{
    static const struct rule_printf_fn passed_on = { NULL, 0, 1, 0 };
    int changed = 1;

    while (changed && !st->oom) {
        changed = 0;
        for (size_t i = 0; i < st->n_calls; i++) {
            struct fs_call *c = &st->calls[i];
            struct fs_finding *f;
            char name[FS_NAME_MAX];
            if (c->param < 0 || !fs_wrapper_at(st, c->callee, c->arg) ||
                fs_wrapper_at(st, c->caller, (unsigned)c->param))
                continue;
            changed = 1;
            if (rule_printf_family_is_wrapper(rule_unit(rc), c->caller, c->param, &passed_on)) {
                fs_add_wrapper(st, c->caller, c->param);
                continue;
            }
            f = fs_add_finding(st, c->call, clang_Cursor_getArgument(c->call, c->arg), &passed_on,
                               rule_callee_name(c->call, name, sizeof(name)));
            if (f == NULL)
                return;
            f->wrapper = 1;
            f->fn.fmt = c->arg;
            f->origin = c->origin;
            f->sink_fn = c->caller;
            f->sink_param = c->param;
            c->param = -2; /* reported through f */
        }
    }
}

/* Keeps in merged the most serious origin of the calls (input first, then any other) and
 * the flags of all of them. */
static void fs_merge_origin(struct fs_origin *merged, const struct fs_origin *o)
{
    unsigned all = merged->flags | o->flags;
    int tainted = (o->flags & RULE_STRORIGIN_TAINT) != 0;

    if (tainted && !(merged->flags & RULE_STRORIGIN_TAINT))
        *merged = *o;
    else if (o->flags != 0 && merged->flags == 0)
        *merged = *o;
    merged->flags = all;
}

/* Nonzero when text of this origin is worth a warning: built, input or a parameter. Text
 * the rule cannot follow (a field, a global, another file's function) only with the option
 * unknown_text: the taint engine follows those, and reports them when input reaches them. */
static int fs_reportable(const struct rule_ctx *rc, unsigned flags)
{
    if (flags & ~(unsigned)RULE_STRORIGIN_UNKNOWN)
        return 1;
    return flags != 0 && rule_option_bool(rc, "unknown_text");
}

#define FS_CALLER_DEPTH 4 /* callers passing their own parameter on, followed this far */

static unsigned fs_passed(const struct rule_ctx *rc, const struct fs_state *st, CXCursor fn,
                          int param, int depth, struct fs_origin *merged);

/* What call c passes: its origin, or when that is its caller's own parameter, what the
 * caller's calls pass. */
static unsigned fs_passed_by(const struct rule_ctx *rc, const struct fs_state *st,
                             const struct fs_call *c, int depth, struct fs_origin *merged)
{
    if (c->param >= 0 && c->origin.flags == RULE_STRORIGIN_PARAM && depth < FS_CALLER_DEPTH)
        return fs_passed(rc, st, c->caller, c->param, depth + 1, merged);
    fs_merge_origin(merged, &c->origin);
    return c->origin.flags;
}

/* What the calls in this file pass as parameter param of fn, as rule_strorigin flags; a
 * caller's own parameter is followed to that caller's calls. A function other files may
 * call and that is not called here passes nothing (PARAM with the option parameters); a
 * static one is then only called through pointers: PARAM. merged keeps the worst origin. */
static unsigned fs_passed(const struct rule_ctx *rc, const struct fs_state *st, CXCursor fn,
                          int param, int depth, struct fs_origin *merged)
{
    int exported = clang_getCursorLinkage(fn) != CXLinkage_Internal;
    unsigned flags = 0;
    size_t n = 0;

    for (size_t i = 0; i < st->n_calls; i++) {
        const struct fs_call *c = &st->calls[i];
        if (c->arg != (unsigned)param || !clang_equalCursors(c->callee, fn))
            continue;
        n++;
        flags |= fs_passed_by(rc, st, c, depth, merged);
    }
    if (n == 0 && (!exported || rule_option_bool(rc, "parameters")))
        flags |= RULE_STRORIGIN_PARAM;
    return flags;
}

/* A format that is a parameter of sink_fn: judged by the calls of sink_fn in this file,
 * where constants keep it silent (fs_passed). With the option parameters, a function
 * other files may call is reported whatever its calls here pass. Returns nonzero when it
 * must be reported, f's origin then merged from the callers. */
static int fs_resolve_sink(struct rule_ctx *rc, const struct fs_state *st, struct fs_finding *f)
{
    struct fs_origin merged = { 0, clang_getNullCursor(), "" };
    unsigned flags;

    if (clang_getCursorLinkage(f->sink_fn) != CXLinkage_Internal &&
        rule_option_bool(rc, "parameters"))
        return 1;
    flags = fs_passed(rc, st, f->sink_fn, f->sink_param, 0, &merged);
    if (!fs_reportable(rc, flags))
        return 0;
    if (merged.flags & RULE_STRORIGIN_TAINT)
        f->origin = merged;
    return 1;
}

/* Nonzero when a step of the flow is the expression at (the argument a wrapper was given). */
static int fs_flow_passes(const struct ecg_taint_flow *flow, CXCursor at)
{
    CXSourceLocation loc = clang_getRangeStart(clang_getCursorExtent(at));

    for (size_t s = 0; s < flow->n_steps; s++) {
        if (!clang_Range_isNull(flow->steps[s].range) &&
            clang_equalLocations(clang_getRangeStart(flow->steps[s].range), loc))
            return 1;
    }
    return 0;
}

/* The taint engine's flow of untrusted input into the format of f: the flow whose sink is
 * the call and whose argument is the format, or for a wrapper's call one that passes
 * through the format argument. NULL when none. */
static const struct ecg_taint_flow *fs_flow_of(const struct ecg_taint_flows *flows,
                                               const struct fs_finding *f)
{
    for (size_t i = 0; flows != NULL && i < flows->len; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        if (flow->category != ECG_TAINT_FORMAT || flow->source == ECG_TAINT_FROM_RANDOM)
            continue;
        if (clang_equalCursors(flow->sink, f->call) && flow->arg == f->fn.fmt)
            return flow;
        if (f->wrapper && fs_flow_passes(flow, f->fmt))
            return flow;
    }
    return NULL;
}

/* The name of the input a flow starts from: "recv" of "recv() reads ...", "argv" of
 * "'argv' holds ...", into buf; "input" when the text says neither. */
static const char *fs_flow_source(const struct ecg_taint_flow *flow, char *buf, size_t size)
{
    const char *text = flow->n_steps > 0 && flow->steps[0].text != NULL ? flow->steps[0].text : "";
    const char *end = strpbrk(text, "(' ");
    size_t skip = text[0] == '\'' ? 1 : 0;

    if (skip)
        end = strchr(text + 1, '\'');
    if (end == NULL || end <= text + skip || (size_t)(end - text - skip) >= size)
        return "input";
    memcpy(buf, text + skip, (size_t)(end - text - skip));
    buf[end - text - skip] = '\0';
    return buf;
}

/* What the message says about where the format comes from. */
static const char *fs_detail(const struct fs_finding *f)
{
    if (f->origin.flags & (RULE_STRORIGIN_BUILT | RULE_STRORIGIN_ADDED))
        return " (it is built from non-constant text)";
    if (f->origin.flags == RULE_STRORIGIN_PARAM)
        return " (it is a parameter: callers can pass any text)";
    return "";
}

/* printf("%s", data), fprintf(..., "%s", data): how the call should read. */
static void fs_suggestion(const struct fs_finding *f, char *buf, size_t size)
{
    char arg[FS_NAME_MAX] = "s";
    CXCursor e = rule_nullflow_strip(f->fmt);

    if (clang_getCursorKind(e) == CXCursor_DeclRefExpr)
        rule_cursor_name(e, arg, sizeof(arg));
    snprintf(buf, size, "%s(%s%s\"%s\", %s)", f->callee, f->fn.fmt > 0 ? "..., " : "",
             f->fn.wide ? "L" : "", f->fn.wide ? "%ls" : "%s", arg);
}

/* Inserts "%s", before the format of a variadic call that passes nothing after it. */
static void fs_add_fix(struct rule_ctx *rc, struct ecg_finding *out, const struct fs_finding *f)
{
    CXSourceLocation at;

    if (f->wrapper || f->fn.takes_list ||
        clang_Cursor_getNumArguments(f->call) != (int)f->fn.fmt + 1)
        return;
    at = clang_getRangeStart(clang_getCursorExtent(f->fmt));
    rule_add_fix(rc, out, clang_getRange(at, at), f->fn.wide ? "L\"%ls\", " : "\"%s\", ",
                 "print the string through a \"%s\" format");
}

/* The error: input reaches the format. Its steps come from the taint engine's flow, or
 * when the engine could not run (memory), from what the function itself showed. */
static struct ecg_finding *fs_report_tainted(struct rule_ctx *rc, const struct fs_finding *f,
                                             const char *how)
{
    char name[FS_NAME_MAX];
    const char *source = f->origin.source[0] != '\0' ? f->origin.source : "input";
    struct ecg_finding *out;

    if (f->flow != NULL)
        source = fs_flow_source(f->flow, name, sizeof(name));
    out = rule_report(rc, f->call,
                      "the format string of '%s' comes from untrusted input ('%s'): its '%%' "
                      "directives read and write memory through arguments that were never "
                      "passed; print it as data: %s",
                      f->callee, source, how);
    if (out == NULL)
        return NULL;
    out->level = ECG_LEVEL_ERROR;
    if (f->flow != NULL) {
        rule_add_flow_steps(rc, out, f->flow);
        return out;
    }
    if (!clang_Cursor_isNull(f->origin.where))
        rule_add_step(rc, out, clang_getCursorExtent(f->origin.where), "'%s' reads the text",
                      source);
    rule_add_step(rc, out, clang_getCursorExtent(f->fmt), "it reaches '%s' as the format",
                  f->callee);
    return out;
}

static void fs_report(struct rule_ctx *rc, const struct fs_finding *f, int engine)
{
    char how[2 * FS_NAME_MAX + 16];
    struct ecg_finding *out;
    int tainted = f->flow != NULL || (!engine && (f->origin.flags & RULE_STRORIGIN_TAINT));

    fs_suggestion(f, how, sizeof(how));
    if (tainted) {
        out = fs_report_tainted(rc, f, how);
    } else {
        out = rule_report(rc, f->call,
                          "the format string of '%s' is not a constant%s: any '%%' in it reads "
                          "arguments that were never passed; print it as data: %s",
                          f->callee, fs_detail(f), how);
        if (out != NULL && !clang_Cursor_isNull(f->origin.where))
            rule_add_related(rc, out, clang_getCursorExtent(f->origin.where),
                             "the format's text comes from here");
    }
    if (out != NULL)
        fs_add_fix(rc, out, f);
}

/* A flow of input into a format no finding took: the rule's own reading of the call found
 * it constant or could not read it. Calls inside wrappers are judged at their callers. */
static void fs_report_flow(struct rule_ctx *rc, const struct fs_state *st,
                           const struct ecg_taint_flow *flow)
{
    char name[FS_NAME_MAX];
    struct ecg_finding *out;

    for (size_t i = 0; i < st->n_inner; i++) {
        if (clang_equalCursors(st->inner[i], flow->sink))
            return;
    }
    for (size_t i = 0; i < st->n_found; i++) {
        if (st->found[i].flow == flow || clang_equalCursors(st->found[i].call, flow->sink))
            return;
    }
    if (!rule_location_analyzed(rc, clang_getCursorLocation(flow->sink)))
        return;
    out = rule_report(rc, flow->sink,
                      "the format string of '%s' comes from untrusted input ('%s'): its '%%' "
                      "directives read and write memory through arguments that were never "
                      "passed; print it as data with a \"%%s\" format",
                      flow->sink_name, fs_flow_source(flow, name, sizeof(name)));
    if (out == NULL)
        return;
    out->level = ECG_LEVEL_ERROR;
    rule_add_flow_steps(rc, out, flow);
}

/* Calls of the file's wrappers whose format is not constant become findings. */
static void fs_check_wrapper_calls(struct fs_state *st)
{
    for (size_t i = 0; i < st->n_calls && !st->oom; i++) {
        const struct fs_call *c = &st->calls[i];
        struct fs_finding *f;
        char name[FS_NAME_MAX];
        if (c->param != -1 || c->origin.flags == 0 || !fs_wrapper_at(st, c->callee, c->arg))
            continue;
        f = fs_add_finding(st, c->call, clang_Cursor_getArgument(c->call, c->arg),
                           rule_printf_family_printf(),
                           rule_callee_name(c->call, name, sizeof(name)));
        if (f == NULL)
            return;
        f->wrapper = 1;
        f->fn.fmt = c->arg;
        f->origin = c->origin;
    }
}

/* A call whose format is not constant: an error when input reaches it, a warning when its
 * text is worth one, else silent. */
static void fs_judge(struct rule_ctx *rc, const struct fs_state *st, struct fs_finding *f,
                     const struct ecg_taint_flows *flows)
{
    int report;

    f->flow = fs_flow_of(flows, f);
    if (f->flow != NULL)
        report = 1;
    else if (f->sink_param < 0)
        report = fs_reportable(rc, f->origin.flags);
    else
        report = fs_resolve_sink(rc, st, f);
    if (report)
        fs_report(rc, f, flows != NULL);
}

static void fs_on_unit_end(struct rule_ctx *rc)
{
    struct fs_state *st = rule_state(rc);
    const struct ecg_taint_flows *flows = rule_taint_flows(rc);

    if (st->oom)
        return;
    fs_close_wrappers(rc, st);
    fs_check_wrapper_calls(st);
    for (size_t i = 0; i < st->n_found && !st->oom; i++)
        fs_judge(rc, st, &st->found[i], flows);
    for (size_t i = 0; flows != NULL && i < flows->len && !st->oom; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        if (flow->category == ECG_TAINT_FORMAT && flow->source != ECG_TAINT_FROM_RANDOM)
            fs_report_flow(rc, st, flow);
    }
}

/* ---- the walk ---------------------------------------------------------------------------- */

static void fs_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct fs_state *st = rule_state(rc);

    if (st->oom)
        return;
    if (st->so == NULL) {
        st->so = rule_strorigin_new();
        if (st->so == NULL) {
            st->oom = 1;
            return;
        }
    }
    rule_strorigin_begin(st->so, rule_unit(rc), fn);
    st->fn = fn;
    st->n_pending = 0;
}

static void fs_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct fs_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    if (st->oom || st->so == NULL || clang_Cursor_isNull(rule_function(rc)))
        return;
    rule_strorigin_on_cursor(st->so, cursor);
    if (kind == CXCursor_CallExpr) {
        if (ecg_grow((void **)&st->pending, &st->cap_pending, st->n_pending + 1,
                     sizeof(*st->pending)) != 0) {
            st->oom = 1;
            return;
        }
        st->pending[st->n_pending++] = cursor;
    }
}

static void fs_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct fs_state *st = rule_state(rc);

    (void)fn;
    if (st->oom || st->so == NULL)
        return;
    rule_strorigin_finish(st->so);
    for (size_t i = 0; i < st->n_pending && !rule_strorigin_lost(st->so); i++)
        fs_check_call(rc, st, st->pending[i]);
    st->n_pending = 0;
}

static const struct rule_option fs_options[] = {
    { "parameters", RULE_OPT_BOOL, "false",
      "report a format that is a parameter of a function that is neither static nor a format "
      "wrapper whatever its callers in this file pass (its callers in other files are not "
      "seen); off, such a format is judged by the calls in this file",
      NULL },
    { "unknown_text", RULE_OPT_BOOL, "false",
      "report a format whose text the rule cannot follow (a field, a global, the result of a "
      "function of another file) when no input reaches it",
      NULL },
};

const struct rule_desc rule_security_format_string = {
    .id = "security-format-string",
    .title = "Non-constant format string",
    .summary = "Flags printf-family calls whose format string is not a constant.",
    .description = "A format string that is not a literal can carry '%' directives: each one "
                   "reads an argument that was never passed, '%s' dereferences it and '%n' "
                   "writes through it, so text from outside can leak or overwrite memory "
                   "(CWE-134). Pass the text as an argument of a literal format: "
                   "printf(\"%s\", text). A format read from input is an error.",
    .tags = "security",
    .precision = "high",
    .security_severity = "7.3",
    .cwe = { 134 },
    .level = ECG_LEVEL_WARNING,
    .options = fs_options,
    .n_options = ARRAY_LEN(fs_options),
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_FORMAT),
    .state_size = sizeof(struct fs_state),
    .kinds = { CXCursor_CallExpr, CXCursor_VarDecl, CXCursor_BinaryOperator, CXCursor_ReturnStmt },
    .on_cursor = fs_on_cursor,
    .on_function_enter = fs_on_function_enter,
    .on_function_leave = fs_on_function_leave,
    .on_unit_end = fs_on_unit_end,
    .state_fini = fs_fini,
};
