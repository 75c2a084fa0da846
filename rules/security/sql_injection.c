/* security-sql-injection: SQL text built in the function from non-constant data (%s,
 * strcat, input) and run by sqlite3_exec, sqlite3_prepare*, mysql_query, PQexec,
 * SQLExecDirect ... (CWE-89); SQLite's %q, %Q and %w quote and are safe.
 * Known gaps: a statement that is a parameter, a field or a call's result is left to the
 * taint engine (si_taint_of); text through fields or globals is not followed; flow-insensitive
 * within a function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct si_state {
    struct rule_strorigin *so; /* owned */
    CXCursor *pending;         /* owned; the sink calls of the function being walked */
    size_t n_pending;
    size_t cap_pending;
    int oom;
};

static void si_fini(void *state)
{
    struct si_state *st = state;

    rule_strorigin_free(st->so);
    free(st->pending);
}

static const struct si_sink *si_find(CXCursor call)
{
    char name[SI_NAME_MAX];

    rule_callee_name(call, name, sizeof(name));
    for (size_t i = 0; i < ARRAY_LEN(si_sinks); i++) {
        if (strcmp(si_sinks[i].name, name) == 0)
            return &si_sinks[i];
    }
    return NULL;
}

/* The taint hook for statements this rule cannot judge: a parameter, a field, a call's
 * result (RULE_STRORIGIN_PARAM or UNKNOWN only). Today it says nothing. To wire the taint
 * engine (analyzer/taint.h), look up here the ECG_TAINT_SQL flow whose sink is call and whose
 * arg is the query argument: when there is one, return nonzero with its source's name in
 * *source, and si_check reports it as an error like a statement read from input here. */
static int si_taint_of(const struct rule_strorigin_result *r, CXCursor call, unsigned arg,
                       const char **source)
{
    (void)r;
    (void)call;
    (void)arg;
    (void)source;
    return 0;
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

static void si_report(struct rule_ctx *rc, CXCursor call, const struct si_sink *sink,
                      const struct rule_strorigin_result *r, const char *source)
{
    struct ecg_finding *f;
    CXCursor where = si_where(r, source != NULL ? RULE_STRORIGIN_TAINT : RULE_STRORIGIN_BUILT);

    if (source != NULL)
        f = rule_report(rc, call,
                        "the SQL text run by '%s' comes from untrusted input ('%s'): a quote "
                        "in it rewrites the statement (SQL injection); keep the statement "
                        "constant and %s",
                        sink->name, source, si_binding[sink->api]);
    else
        f = rule_report(rc, call,
                        "the SQL text run by '%s' is built from non-constant data: a quote in "
                        "that data rewrites the statement (SQL injection); keep the statement "
                        "constant and %s",
                        sink->name, si_binding[sink->api]);
    if (f == NULL)
        return;
    if (source != NULL)
        f->level = ECG_LEVEL_ERROR;
    if (!clang_Cursor_isNull(where) && source != NULL)
        rule_add_step(rc, f, clang_getCursorExtent(where), "'%s' reads the text", source);
    else if (!clang_Cursor_isNull(where))
        rule_add_step(rc, f, clang_getCursorExtent(where), "non-constant text enters it here");
    rule_add_step(rc, f, clang_getCursorExtent(clang_Cursor_getArgument(call, sink->query)),
                  "the statement reaches '%s'", sink->name);
}

static void si_check(struct rule_ctx *rc, struct si_state *st, CXCursor call)
{
    const struct si_sink *sink = si_find(call);
    struct rule_strorigin_result r;
    const char *source = NULL;

    if (sink == NULL || (int)sink->query >= clang_Cursor_getNumArguments(call))
        return;
    rule_strorigin_classify(st->so, clang_Cursor_getArgument(call, sink->query), call, &r);
    if (r.flags & RULE_STRORIGIN_TAINT)
        source = r.source[0] != '\0' ? r.source : "input";
    else if (!(r.flags & RULE_STRORIGIN_BUILT) && !si_taint_of(&r, call, sink->query, &source))
        return;
    si_report(rc, call, sink, &r, source);
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
    if (st->n_pending == st->cap_pending) {
        size_t cap = st->cap_pending != 0 ? st->cap_pending * 2 : 8;
        CXCursor *grown = realloc(st->pending, cap * sizeof(*grown));
        if (grown == NULL) {
            st->oom = 1;
            return;
        }
        st->pending = grown;
        st->cap_pending = cap;
    }
    st->pending[st->n_pending++] = call;
}

static void si_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct si_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    if (st->oom || st->so == NULL || clang_Cursor_isNull(rule_function(rc)))
        return;
    if (kind == CXCursor_VarDecl) {
        rule_strorigin_on_decl(st->so, cursor);
    } else if (kind == CXCursor_BinaryOperator) {
        rule_strorigin_on_assign(st->so, cursor);
    } else if (kind == CXCursor_ReturnStmt) {
        rule_strorigin_on_return(st->so, cursor);
    } else if (kind == CXCursor_CallExpr) {
        rule_strorigin_on_call(st->so, cursor);
        if (si_find(cursor) != NULL)
            si_remember(st, cursor);
    }
}

static void si_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct si_state *st = rule_state(rc);

    (void)fn;
    if (st->oom || st->so == NULL)
        return;
    rule_strorigin_finish(st->so);
    for (size_t i = 0; i < st->n_pending && !rule_strorigin_lost(st->so); i++)
        si_check(rc, st, st->pending[i]);
    st->n_pending = 0;
}

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
    .state_size = sizeof(struct si_state),
    .kinds = { CXCursor_CallExpr, CXCursor_VarDecl, CXCursor_BinaryOperator, CXCursor_ReturnStmt },
    .on_cursor = si_on_cursor,
    .on_function_enter = si_on_function_enter,
    .on_function_leave = si_on_function_leave,
    .state_fini = si_fini,
};
