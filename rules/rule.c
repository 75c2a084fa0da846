/* The rule API: reporting findings with locations taken from libclang, options resolved
 * from the unit's configuration, and small cursor helpers; see rule.h. */
#include "rules/rule.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/error.h"
#include "analyzer/fir.h"
#include "rules/rule_int.h"

#define RULE_MESSAGE_MAX 2048

void *rule_state(struct rule_ctx *rc)
{
    return rc->state;
}

const struct rule_desc *rule_current(const struct rule_ctx *rc)
{
    return rc->desc;
}

CXTranslationUnit rule_unit(const struct rule_ctx *rc)
{
    return rc->walk->tu;
}

CXCursor rule_function(const struct rule_ctx *rc)
{
    return rc->walk->function;
}

CXCursor rule_ancestor(const struct rule_ctx *rc, size_t up)
{
    const struct ecg_walk *w = rc->walk;

    if (up + 1 >= w->depth)
        return clang_getNullCursor();
    return w->stack[w->depth - 2 - up];
}

const struct ecg_fn_metrics *rule_function_metrics(const struct rule_ctx *rc)
{
    return rc->desc->needs_metrics ? rc->walk->function_metrics : NULL;
}

const struct ecg_taint_flows *rule_taint_flows(struct rule_ctx *rc)
{
    struct ecg_walk *w = rc->walk;
    struct ecg_taint_inputs in;

    if (rc->desc->needs_flow == 0 || w->fir == NULL)
        return NULL;
    if (w->taint == NULL) {
        in.tu = w->tu;
        in.fir = w->fir;
        in.config = w->config != NULL ? w->config->taint : NULL;
        in.categories = w->flow_categories;
        if (w->fir->failed || ecg_taint_new_seeded(&w->taint, &in, w->taint_seeds) != 0) {
            w->failed = 1;
            return NULL;
        }
    }
    return ecg_taint_flows(w->taint);
}

void *rule_unit_shared(struct rule_ctx *rc, const struct rule_shared_desc *desc)
{
    struct ecg_walk *w = rc->walk;
    struct ecg_walk_shared *grown;
    void *data;

    for (size_t i = 0; i < w->n_shared; i++) {
        if (w->shared[i].key == desc)
            return w->shared[i].data;
    }
    grown = realloc(w->shared, (w->n_shared + 1) * sizeof(*grown));
    if (grown == NULL) {
        w->failed = 1;
        return NULL;
    }
    w->shared = grown;
    data = desc->create(rc);
    if (data == NULL) {
        w->failed = 1;
        return NULL;
    }
    w->shared[w->n_shared].key = desc;
    w->shared[w->n_shared].data = data;
    w->shared[w->n_shared].release = desc->release;
    w->n_shared++;
    return data;
}

int rule_top_level_sink(struct rule_ctx *rc, int (*sink)(void *arg, CXCursor cursor), void *arg)
{
    struct ecg_walk *w = rc->walk;

    if (w->top_sink != NULL && (w->top_sink != sink || w->top_sink_arg != arg))
        return ECG_ECONFIG;
    w->top_sink = sink;
    w->top_sink_arg = arg;
    return 0;
}

const struct ecg_fir *rule_unit_ir(const struct rule_ctx *rc)
{
    const struct ecg_fir *fir = rc->walk->fir;

    if ((!rc->desc->needs_ir && rc->desc->needs_flow == 0) || fir == NULL || fir->failed)
        return NULL;
    return fir;
}

int rule_location_analyzed(const struct rule_ctx *rc, CXSourceLocation loc)
{
    return ecg_filefilter_keep(rc->walk->filter, loc, NULL);
}

/* Converts a libclang range to an ecg range at the macro expansion site, so a finding
 * inside a macro is reported where the macro is used. Returns 0 when the range's file is
 * filtered out. */
static int range_convert(struct rule_ctx *rc, CXSourceRange range, struct ecg_range *out)
{
    CXSourceLocation begin = clang_getRangeStart(range);
    CXSourceLocation end = clang_getRangeEnd(range);
    CXFile file, end_file;
    unsigned line, col, end_line, end_col;
    const char *path = NULL;

    if (!ecg_filefilter_keep(rc->walk->filter, begin, &path))
        return 0;
    clang_getExpansionLocation(begin, &file, &line, &col, NULL);
    clang_getExpansionLocation(end, &end_file, &end_line, &end_col, NULL);
    if (!clang_File_isEqual(file, end_file) || end_line < line ||
        (end_line == line && end_col < col)) {
        end_line = line;
        end_col = col;
    }
    if (ecg_range_set(out, path, line, col, end_line, end_col) != 0) {
        rc->walk->failed = 1;
        return 0;
    }
    return 1;
}

static struct ecg_finding *report_valist(struct rule_ctx *rc, CXSourceRange range, const char *fmt,
                                         va_list ap) __attribute__((format(printf, 3, 0)));

static struct ecg_finding *report_valist(struct rule_ctx *rc, CXSourceRange range, const char *fmt,
                                         va_list ap)
{
    struct ecg_finding f;
    char message[RULE_MESSAGE_MAX];
    struct ecg_findings *out = rc->walk->out;

    memset(&f, 0, sizeof(f));
    rc->last = NULL;
    if (!range_convert(rc, range, &f.range))
        return NULL;
    vsnprintf(message, sizeof(message), fmt, ap);
    f.rule_id = rc->desc->id;
    f.level = rc->desc->level;
    f.message = strdup(message);
    if (f.message == NULL || ecg_findings_take(out, &f) != 0) {
        ecg_finding_fini(&f);
        rc->walk->failed = 1;
        return NULL;
    }
    rc->last = &out->items[out->len - 1];
    return rc->last;
}

struct ecg_finding *rule_report(struct rule_ctx *rc, CXCursor at, const char *fmt, ...)
{
    va_list ap;
    struct ecg_finding *f;

    va_start(ap, fmt);
    f = report_valist(rc, clang_getCursorExtent(at), fmt, ap);
    va_end(ap);
    return f;
}

struct ecg_finding *rule_report_range(struct rule_ctx *rc, CXSourceRange range, const char *fmt,
                                      ...)
{
    va_list ap;
    struct ecg_finding *f;

    va_start(ap, fmt);
    f = report_valist(rc, range, fmt, ap);
    va_end(ap);
    return f;
}

/* Converts a range for a secondary location; those are kept even in filtered files
 * (a note may point into a library header), so only the path is resolved here. */
static int note_range(struct rule_ctx *rc, CXSourceRange range, struct ecg_range *out)
{
    CXSourceLocation begin = clang_getRangeStart(range);
    CXSourceLocation end = clang_getRangeEnd(range);
    CXFile file, end_file;
    unsigned line, col, end_line, end_col;
    const char *path;

    clang_getExpansionLocation(begin, &file, &line, &col, NULL);
    clang_getExpansionLocation(end, &end_file, &end_line, &end_col, NULL);
    if (file == NULL)
        return 0;
    path = ecg_filefilter_path(rc->walk->filter, file);
    if (path == NULL)
        return 0;
    if (!clang_File_isEqual(file, end_file) || end_line < line) {
        end_line = line;
        end_col = col;
    }
    out->path = (char *)path;
    out->line = line;
    out->col = col;
    out->end_line = end_line;
    out->end_col = end_col;
    return 1;
}

static void add_note(struct rule_ctx *rc, struct ecg_note **notes, size_t *n, CXSourceRange range,
                     const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void add_note(struct rule_ctx *rc, struct ecg_note **notes, size_t *n, CXSourceRange range,
                     const char *fmt, va_list ap)
{
    struct ecg_range r;
    char message[RULE_MESSAGE_MAX];

    if (!note_range(rc, range, &r))
        return;
    vsnprintf(message, sizeof(message), fmt, ap);
    if (ecg_finding_add_note(notes, n, &r, message) != 0)
        rc->walk->failed = 1;
}

void rule_add_related(struct rule_ctx *rc, struct ecg_finding *f, CXSourceRange range,
                      const char *fmt, ...)
{
    va_list ap;

    if (f == NULL)
        return;
    va_start(ap, fmt);
    add_note(rc, &f->related, &f->n_related, range, fmt, ap);
    va_end(ap);
}

void rule_add_step(struct rule_ctx *rc, struct ecg_finding *f, CXSourceRange range, const char *fmt,
                   ...)
{
    va_list ap;

    if (f == NULL)
        return;
    va_start(ap, fmt);
    add_note(rc, &f->flow, &f->n_flow, range, fmt, ap);
    va_end(ap);
}

/* A step in another translation unit: its place is given as a path and a position. */
static void add_external_step(struct rule_ctx *rc, struct ecg_finding *f,
                              const struct ecg_taint_step *s)
{
    struct ecg_range r = { (char *)s->path, s->line, s->col, s->end_line, s->end_col };

    if (ecg_finding_add_note(&f->flow, &f->n_flow, &r, s->text) != 0)
        rc->walk->failed = 1;
}

void rule_add_flow_steps(struct rule_ctx *rc, struct ecg_finding *f,
                         const struct ecg_taint_flow *flow)
{
    for (size_t i = 0; f != NULL && i < flow->n_steps; i++) {
        const struct ecg_taint_step *s = &flow->steps[i];
        if (s->path != NULL && clang_Range_isNull(s->range))
            add_external_step(rc, f, s);
        else
            rule_add_step(rc, f, s->range, "%s", s->text);
    }
}

const struct ecg_xfacts *rule_xvalue_seeds(const struct rule_ctx *rc)
{
    return rc->desc->needs_xvalue ? rc->walk->value_seeds : NULL;
}

void rule_xvalue_export(struct rule_ctx *rc, const struct ecg_xfact *fact)
{
    if (!rc->desc->needs_xvalue || fact->value == ECG_XV_TAINT)
        return;
    if (ecg_taint_xunit_fact_add(&rc->walk->value_exports, fact) != 0)
        rc->walk->failed = 1;
}

void rule_xvalue_want(const struct rule_ctx *rc, const struct ecg_xfact *question)
{
    char key[600];

    if (!rc->desc->needs_xvalue || question->value == ECG_XV_TAINT)
        return;
    ecg_taint_xunit_want_key(key, sizeof(key), question);
    if (ecg_taint_xunit_name_add(&rc->walk->value_wants, key) != 0)
        rc->walk->failed = 1;
}

void rule_add_xsteps(struct rule_ctx *rc, struct ecg_finding *f, const struct ecg_xorigin *origin)
{
    for (size_t i = 0; f != NULL && i < origin->n_steps; i++) {
        const struct ecg_xstep *s = &origin->steps[i];
        struct ecg_range r = { s->path, s->line, s->col, s->end_line, s->end_col };
        if (ecg_finding_add_note(&f->flow, &f->n_flow, &r, s->text) != 0)
            rc->walk->failed = 1;
    }
}

const char *rule_location_path(const struct rule_ctx *rc, CXSourceLocation loc)
{
    CXFile file;

    clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
    return file != NULL ? ecg_filefilter_path(rc->walk->filter, file) : NULL;
}

/* A fix is offered only where the text is written in the file, not produced by a macro. */
static int range_is_spelled(CXSourceRange range)
{
    CXSourceLocation locs[2] = { clang_getRangeStart(range), clang_getRangeEnd(range) };

    for (size_t i = 0; i < 2; i++) {
        CXFile ef, sf;
        unsigned eo, so;
        clang_getExpansionLocation(locs[i], &ef, NULL, NULL, &eo);
        clang_getSpellingLocation(locs[i], &sf, NULL, NULL, &so);
        if (ef == NULL || !clang_File_isEqual(ef, sf) || eo != so)
            return 0;
    }
    return 1;
}

void rule_add_fix(struct rule_ctx *rc, struct ecg_finding *f, CXSourceRange range, const char *text,
                  const char *description)
{
    struct ecg_range r;

    if (f == NULL || !range_is_spelled(range) || !note_range(rc, range, &r))
        return;
    if (f->fix_description == NULL) {
        f->fix_description = strdup(description);
        if (f->fix_description == NULL) {
            rc->walk->failed = 1;
            return;
        }
    }
    if (ecg_finding_add_edit(f, &r, text) != 0)
        rc->walk->failed = 1;
}

static const struct rule_option *option_find(const struct rule_desc *desc, const char *name)
{
    for (size_t i = 0; i < desc->n_options; i++) {
        if (strcmp(desc->options[i].name, name) == 0)
            return &desc->options[i];
    }
    return NULL;
}

static const cJSON *option_value(const struct rule_ctx *rc, const char *name,
                                 const struct rule_option **out_decl)
{
    *out_decl = option_find(rc->desc, name);
    if (rc->walk->config == NULL)
        return NULL;
    return ecg_config_rule_option(rc->walk->config, rc->desc->id, name);
}

int rule_option_bool(const struct rule_ctx *rc, const char *name)
{
    const struct rule_option *decl;
    const cJSON *v = option_value(rc, name, &decl);

    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v);
    return decl != NULL && strcmp(decl->default_value, "true") == 0;
}

long rule_option_int(const struct rule_ctx *rc, const char *name)
{
    const struct rule_option *decl;
    const cJSON *v = option_value(rc, name, &decl);

    if (cJSON_IsNumber(v))
        return (long)cJSON_GetNumberValue(v);
    return decl != NULL ? strtol(decl->default_value, NULL, 10) : 0;
}

const char *rule_option_string(const struct rule_ctx *rc, const char *name)
{
    const struct rule_option *decl;
    const cJSON *v = option_value(rc, name, &decl);

    if (cJSON_IsString(v))
        return cJSON_GetStringValue(v);
    return decl != NULL ? decl->default_value : "";
}

/* Nonzero when word is one of the comma-separated items of list. */
static int csv_has(const char *list, const char *word)
{
    size_t n = strlen(word);
    const char *p = list;

    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return 1;
        p = comma != NULL ? comma + 1 : NULL;
    }
    return 0;
}

const char *rule_option_list_item(const struct rule_ctx *rc, const char *name, size_t index)
{
    const struct rule_option *decl;
    const cJSON *v = option_value(rc, name, &decl);
    const cJSON *item;

    if (!cJSON_IsArray(v) || index >= (size_t)cJSON_GetArraySize(v))
        return NULL;
    item = cJSON_GetArrayItem(v, (int)index);
    return cJSON_IsString(item) ? cJSON_GetStringValue(item) : NULL;
}

int rule_option_list_has(const struct rule_ctx *rc, const char *name, const char *word)
{
    const struct rule_option *decl;
    const cJSON *v = option_value(rc, name, &decl);
    const cJSON *item;

    if (!cJSON_IsArray(v))
        return decl != NULL && csv_has(decl->default_value, word);
    cJSON_ArrayForEach(item, v)
    {
        if (cJSON_IsString(item) && strcmp(cJSON_GetStringValue(item), word) == 0)
            return 1;
    }
    return 0;
}

const char *rule_cursor_name(CXCursor cursor, char *buf, size_t size)
{
    CXString s = clang_getCursorSpelling(cursor);
    const char *text = clang_getCString(s);

    snprintf(buf, size, "%s", text != NULL ? text : "");
    clang_disposeString(s);
    return buf;
}

const char *rule_callee_name(CXCursor call, char *buf, size_t size)
{
    CXCursor callee = clang_getCursorReferenced(call);
    enum CXCursorKind kind = clang_getCursorKind(callee);

    if (kind != CXCursor_FunctionDecl) {
        if (size > 0)
            buf[0] = '\0';
        return buf;
    }
    return rule_cursor_name(callee, buf, size);
}

int rule_option_allows(const struct rule_option *option, const char *value)
{
    return option->choices == NULL || csv_has(option->choices, value);
}

const char *rule_option_expects(enum rule_opt_type type)
{
    switch (type) {
    case RULE_OPT_BOOL:
        return "true or false";
    case RULE_OPT_INT:
        return "an integer";
    case RULE_OPT_STRING:
        return "a string";
    case RULE_OPT_STRING_LIST:
        return "an array of strings";
    }
    return "a value";
}
