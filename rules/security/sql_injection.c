/* security-sql-injection: SQL text run by sqlite3_exec, sqlite3_prepare*, mysql_query, PQexec,
 * SQLExecDirect ... (CWE-89) that the taint engine finds input reaching (an error, with the
 * flow), or that the function builds from non-constant data (%s, strcat: a warning); SQLite's
 * %q, %Q and %w quote and are safe. Known gaps: a statement built elsewhere from data that is
 * not input (a parameter, a field) is not reported; the building is read flow-insensitively. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "rules/rule.h"
#include "rules/support/strorigin.h"

#define SI_NAME_MAX 64
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum si_api {
    SI_SQLITE,
    SI_MYSQL,
    SI_LIBPQ,
    SI_ODBC,
};

/* A function that runs or prepares SQL text. */
struct si_sink {
    const char *name;
    unsigned query; /* the SQL text argument */
    enum si_api api;
};

static const struct si_sink si_sinks[] = {
    { "sqlite3_exec", 1, SI_SQLITE },
    { "sqlite3_prepare", 1, SI_SQLITE },
    { "sqlite3_prepare_v2", 1, SI_SQLITE },
    { "sqlite3_prepare_v3", 1, SI_SQLITE },
    { "sqlite3_prepare16", 1, SI_SQLITE },
    { "sqlite3_prepare16_v2", 1, SI_SQLITE },
    { "sqlite3_prepare16_v3", 1, SI_SQLITE },
    { "mysql_query", 1, SI_MYSQL },
    { "mysql_real_query", 1, SI_MYSQL },
    { "mysql_send_query", 1, SI_MYSQL },
    { "mysql_stmt_prepare", 1, SI_MYSQL },
    { "PQexec", 1, SI_LIBPQ },
    { "PQexecParams", 1, SI_LIBPQ },
    { "PQsendQuery", 1, SI_LIBPQ },
    { "PQsendQueryParams", 1, SI_LIBPQ },
    { "PQprepare", 2, SI_LIBPQ },
    { "PQsendPrepare", 2, SI_LIBPQ },
    { "SQLExecDirect", 1, SI_ODBC },
    { "SQLExecDirectA", 1, SI_ODBC },
    { "SQLExecDirectW", 1, SI_ODBC },
    { "SQLPrepare", 1, SI_ODBC },
    { "SQLPrepareA", 1, SI_ODBC },
    { "SQLPrepareW", 1, SI_ODBC },
};

/* How each API binds values instead. */
static const char *const si_binding[] = {
    [SI_SQLITE] = "prepare it with ? placeholders (sqlite3_prepare_v2) and bind the values "
                  "with sqlite3_bind_text/sqlite3_bind_int",
    [SI_MYSQL] = "prepare it with ? placeholders (mysql_stmt_prepare) and bind the values with "
                 "mysql_stmt_bind_param",
    [SI_LIBPQ] = "use $1, $2 placeholders and pass the values to PQexecParams",
    [SI_ODBC] = "prepare it with ? placeholders (SQLPrepare) and bind the values with "
                "SQLBindParameter",
};

/* A sink call and what its statement holds, judged at the end of the unit. */
struct si_found {
    CXCursor call;
    const struct si_sink *sink;
    struct rule_strorigin_result r;
};

struct si_state {
    struct rule_strorigin *so; /* owned */
    CXCursor *pending;         /* owned; the sink calls of the function being walked */
    size_t n_pending;
    size_t cap_pending;
    struct si_found *found; /* owned; every sink call of the unit */
    size_t n_found, cap_found;
    int oom;
};

static void si_fini(void *state)
{
    struct si_state *st = state;

    rule_strorigin_free(st->so);
    free(st->pending);
    free(st->found);
}

static const struct si_sink *si_find_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(si_sinks); i++) {
        if (strcmp(si_sinks[i].name, name) == 0)
            return &si_sinks[i];
    }
    return NULL;
}

static const struct si_sink *si_find(CXCursor call)
{
    char name[SI_NAME_MAX];

    return si_find_name(rule_callee_name(call, name, sizeof(name)));
}

/* Nonzero when a flow counts: data spliced into a statement from any source but rand(); a
 * whole statement only from the kinds the option whole_statement_sources names, since a
 * program that runs the SQL its user types (an SQL console) does so by design. */
static int si_flow_counts(const struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    if (flow->category != ECG_TAINT_SQL || flow->source == ECG_TAINT_FROM_RANDOM)
        return 0;
    return rule_strorigin_flow_spliced(flow) ||
           rule_option_list_has(rc, "whole_statement_sources", ecg_taint_source_name(flow->source));
}

/* The taint engine's flow of untrusted input into the statement of call, or NULL. */
static const struct ecg_taint_flow *si_flow_of(const struct rule_ctx *rc,
                                               const struct ecg_taint_flows *flows, CXCursor call,
                                               unsigned arg)
{
    for (size_t i = 0; flows != NULL && i < flows->len; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        if (flow->arg == arg && clang_equalCursors(flow->sink, call) && si_flow_counts(rc, flow))
            return flow;
    }
    return NULL;
}

/* The name of the input a flow starts from: "recv" of "recv() reads ...", "argv" of
 * "'argv' holds ...", into buf; "input" when the text says neither. */
static const char *si_flow_source(const struct ecg_taint_flow *flow, char *buf, size_t size)
{
    const char *text = flow->n_steps > 0 && flow->steps[0].text != NULL ? flow->steps[0].text : "";
    size_t skip = text[0] == '\'' ? 1 : 0;
    const char *end = skip ? strchr(text + 1, '\'') : strpbrk(text, "(' ");

    if (end == NULL || end <= text + skip || (size_t)(end - text - skip) >= size)
        return "input";
    memcpy(buf, text + skip, (size_t)(end - text - skip));
    buf[end - text - skip] = '\0';
    return buf;
}

/* Where flag (one bit) came into the text, or a null cursor. */
static CXCursor si_where(const struct rule_strorigin_result *r, unsigned flag)
{
    for (int k = 0; k < RULE_STRORIGIN_NFLAGS; k++) {
        if (flag == 1u << k)
            return r->where[k];
    }
    return clang_getNullCursor();
}

static struct ecg_finding *si_report_tainted(struct rule_ctx *rc, CXCursor call,
                                             const struct si_sink *sink, const char *source)
{
    struct ecg_finding *f =
        rule_report(rc, call,
                    "the SQL text run by '%s' comes from untrusted input ('%s'): a quote in it "
                    "rewrites the statement (SQL injection); keep the statement constant and %s",
                    sink->name, source, si_binding[sink->api]);

    if (f != NULL)
        f->level = ECG_LEVEL_ERROR;
    return f;
}

/* The error without the engine (memory ran out): from what the function showed. */
static struct ecg_finding *si_report_local_taint(struct rule_ctx *rc, const struct si_found *x)
{
    const char *source = x->r.source[0] != '\0' ? x->r.source : "input";
    CXCursor where = si_where(&x->r, RULE_STRORIGIN_TAINT);
    struct ecg_finding *f = si_report_tainted(rc, x->call, x->sink, source);

    if (f != NULL && !clang_Cursor_isNull(where))
        rule_add_step(rc, f, clang_getCursorExtent(where), "'%s' reads the text", source);
    return f;
}

static struct ecg_finding *si_report_built(struct rule_ctx *rc, const struct si_found *x)
{
    CXCursor where = si_where(&x->r, RULE_STRORIGIN_BUILT);
    struct ecg_finding *f = rule_report(rc, x->call,
                                        "the SQL text run by '%s' is built from non-constant "
                                        "data: a quote in that data rewrites the statement "
                                        "(SQL injection); keep the statement constant and %s",
                                        x->sink->name, si_binding[x->sink->api]);

    if (f != NULL && !clang_Cursor_isNull(where))
        rule_add_step(rc, f, clang_getCursorExtent(where), "non-constant text enters it here");
    return f;
}

/* Nonzero when a token of the cursor names an SQLite formatting function (sqlite3_mprintf,
 * sqlite3_snprintf, sqlite3_str_appendf ...). */
static int si_sqlite_formats(CXTranslationUnit tu, CXCursor at)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    int found = 0;

    if (clang_Cursor_isNull(at))
        return 0;
    clang_tokenize(tu, clang_getCursorExtent(at), &toks, &n);
    for (unsigned i = 0; i < n && i < 32 && !found; i++) {
        CXString sp = clang_getTokenSpelling(tu, toks[i]);
        const char *text = clang_getCString(sp);
        found = clang_getTokenKind(toks[i]) == CXToken_Identifier &&
                strncmp(text, "sqlite3_", 8) == 0 &&
                (strstr(text, "printf") != NULL || strstr(text, "appendf") != NULL);
        clang_disposeString(sp);
    }
    clang_disposeTokens(tu, toks, n);
    return found;
}

/* Nonzero unless the statement was built by an SQLite formatting function, which the taint
 * engine does not follow: only then does the absence of a flow say the input was checked. */
static int si_engine_follows(const struct rule_ctx *rc, const struct si_found *x)
{
    return !si_sqlite_formats(rule_unit(rc), si_where(&x->r, RULE_STRORIGIN_BUILT));
}

/* A sink call of the unit: an error when the engine finds input reaching the statement (or,
 * when it could not run, when the function shows it), a warning when the function builds
 * the statement from non-constant data that is not input the engine found checked. */
static void si_judge(struct rule_ctx *rc, const struct si_found *x,
                     const struct ecg_taint_flows *flows)
{
    const struct ecg_taint_flow *flow = si_flow_of(rc, flows, x->call, x->sink->query);
    CXCursor query = clang_Cursor_getArgument(x->call, x->sink->query);
    char name[SI_NAME_MAX];
    struct ecg_finding *f;

    if (flow != NULL) {
        f = si_report_tainted(rc, x->call, x->sink, si_flow_source(flow, name, sizeof(name)));
        rule_add_flow_steps(rc, f, flow);
        return;
    }
    /* input the engine follows and finds checked (an allow-list) leaves nothing to build */
    if (flows != NULL && (x->r.flags & RULE_STRORIGIN_TAINT) && si_engine_follows(rc, x))
        return;
    if (flows == NULL && (x->r.flags & RULE_STRORIGIN_TAINT))
        f = si_report_local_taint(rc, x);
    else if (x->r.flags & RULE_STRORIGIN_BUILT)
        f = si_report_built(rc, x);
    else
        return;
    if (f != NULL)
        rule_add_step(rc, f, clang_getCursorExtent(query), "the statement reaches '%s'",
                      x->sink->name);
}

/* A flow of input into a statement no sink call of the rule holds (the statement is a
 * parameter of a helper the input is passed to, or read where the rule cannot follow). */
static void si_report_flow(struct rule_ctx *rc, const struct si_state *st,
                           const struct ecg_taint_flow *flow)
{
    const struct si_sink *sink = si_find_name(flow->sink_name);
    char name[SI_NAME_MAX];
    struct ecg_finding *f;

    for (size_t i = 0; i < st->n_found; i++) {
        if (clang_equalCursors(st->found[i].call, flow->sink))
            return;
    }
    if (sink == NULL || !rule_location_analyzed(rc, clang_getCursorLocation(flow->sink)))
        return;
    f = si_report_tainted(rc, flow->sink, sink, si_flow_source(flow, name, sizeof(name)));
    rule_add_flow_steps(rc, f, flow);
}

static void si_on_unit_end(struct rule_ctx *rc)
{
    struct si_state *st = rule_state(rc);
    const struct ecg_taint_flows *flows = rule_taint_flows(rc);

    if (st->oom)
        return;
    for (size_t i = 0; i < st->n_found; i++)
        si_judge(rc, &st->found[i], flows);
    for (size_t i = 0; flows != NULL && i < flows->len; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        if (si_flow_counts(rc, flow))
            si_report_flow(rc, st, flow);
    }
}

/* Classifies the statement of a sink call of the finished function, kept for the end. */
static void si_check(struct si_state *st, CXCursor call)
{
    const struct si_sink *sink = si_find(call);
    struct si_found *x;

    if (sink == NULL || (int)sink->query >= clang_Cursor_getNumArguments(call))
        return;
    if (st->n_found == st->cap_found) {
        size_t cap = st->cap_found != 0 ? st->cap_found * 2 : 8;
        struct si_found *grown = realloc(st->found, cap * sizeof(*grown));
        if (grown == NULL) {
            st->oom = 1;
            return;
        }
        st->found = grown;
        st->cap_found = cap;
    }
    x = &st->found[st->n_found++];
    x->call = call;
    x->sink = sink;
    rule_strorigin_classify(st->so, clang_Cursor_getArgument(call, sink->query), call, &x->r);
}

static void si_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct si_state *st = rule_state(rc);

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
    st->n_pending = 0;
}

static void si_remember(struct si_state *st, CXCursor call)
{
    if (ecg_grow((void **)&st->pending, &st->cap_pending, st->n_pending + 1,
                 sizeof(*st->pending)) != 0) {
        st->oom = 1;
        return;
    }
    st->pending[st->n_pending++] = call;
}

static void si_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct si_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    if (st->oom || st->so == NULL || clang_Cursor_isNull(rule_function(rc)))
        return;
    rule_strorigin_on_cursor(st->so, cursor);
    if (kind == CXCursor_CallExpr && si_find(cursor) != NULL)
        si_remember(st, cursor);
}

static void si_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct si_state *st = rule_state(rc);

    (void)fn;
    if (st->oom || st->so == NULL)
        return;
    rule_strorigin_finish(st->so);
    for (size_t i = 0; i < st->n_pending && !rule_strorigin_lost(st->so); i++)
        si_check(st, st->pending[i]);
    st->n_pending = 0;
}

static const struct rule_option si_options[] = {
    { "whole_statement_sources", RULE_OPT_STRING_LIST, "fd,network,user",
      "kinds of untrusted data (argv, environment, stdin, file, fd, network, user) reported when "
      "they are the whole statement; data spliced into a statement counts from every kind",
      NULL },
};

const struct rule_desc rule_security_sql_injection = {
    .id = "security-sql-injection",
    .title = "SQL statement built from non-constant data",
    .summary = "Flags SQL text built from non-constant data and passed to an SQL API.",
    .description = "When a statement is formatted or concatenated from data (snprintf with %s, "
                   "strcat, sqlite3_mprintf with %s), a quote in the data ends the string "
                   "literal and the rest runs as SQL (CWE-89). Keep the statement constant "
                   "and bind the values: sqlite3_bind_*, PQexecParams with $1, "
                   "mysql_stmt_bind_param. Statements read from input are errors.",
    .tags = "security",
    .precision = "high",
    .security_severity = "8.8",
    .cwe = { 89 },
    .level = ECG_LEVEL_WARNING,
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_SQL),
    .options = si_options,
    .n_options = ARRAY_LEN(si_options),
    .state_size = sizeof(struct si_state),
    .kinds = { CXCursor_CallExpr, CXCursor_VarDecl, CXCursor_BinaryOperator, CXCursor_ReturnStmt },
    .on_cursor = si_on_cursor,
    .on_function_enter = si_on_function_enter,
    .on_function_leave = si_on_function_leave,
    .on_unit_end = si_on_unit_end,
    .state_fini = si_fini,
};
