/* `ecg sarif merge`; see merge.h. A first pass over every run checks that the runs can be
 * merged and gathers rules and invocations; a second copies the results, renumbering their
 * rule indices into the united, sorted rules. Inputs are only read; the new log is built
 * with sticky errors (the first failure is kept and later puts are no-ops). */
#include "sarif/merge.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "sarif/json.h"
#include "sarif/key.h"
#include "sarif/read.h"

#define MERGE_SCHEMA_URI "https://json.schemastore.org/sarif-2.1.0.json"

/* Run members that results refer into by index: runs holding them cannot be concatenated
 * without renumbering those references, which merge does not do. */
static const char *const index_tables[] = {
    "artifacts",   "logicalLocations", "addresses",  "graphs",       "threadFlowLocations",
    "webRequests", "webResponses",     "taxonomies", "translations", "policies",
};

struct rule_ref {
    const char *id;    /* borrowed from the rule */
    const cJSON *rule; /* borrowed from an input */
    size_t order;      /* position among all rules of all inputs: the first one wins */
};

/* A UTC time as a number that orders as the time does. */
struct stamp {
    long long seconds; /* the digits YYYYMMDDhhmmss */
    long nanos;
};

/* The earliest or the latest of some times. */
struct best_time {
    const cJSON *node; /* borrowed; NULL until a time is seen */
    struct stamp at;
};

struct invocations {
    size_t count;
    int all_ok;
    struct best_time start;    /* the earliest startTimeUtc */
    struct best_time end;      /* the latest endTimeUtc */
    const cJSON *command_line; /* the first invocation's; NULL when it has none */
    int command_differs;
    cJSON *exec_notes;   /* owned; NULL until one is seen */
    cJSON *config_notes; /* owned; NULL until one is seen */
};

struct merge {
    const struct sarif_doc *const *docs;
    size_t n_docs;
    const struct sarif_merge_options *opts;
    struct ecg_diag *diag;
    int rc; /* first building error; 0 while building succeeds */
    const struct sarif_doc *first_doc;
    const cJSON *first_run; /* gives the tool */
    const struct sarif_doc *kind_doc;
    const cJSON *column_kind; /* the first columnKind seen */
    const cJSON *automation;  /* the first automationDetails seen */
    struct rule_ref *rules;   /* owned; sorted by id and unique after the first pass */
    size_t n_rules;
    size_t cap_rules;
    struct invocations inv;
    struct sarif_keys keys; /* results taken so far */
    cJSON *results;         /* owned until it joins the log */
    cJSON *base_ids;        /* owned until it joins the log */
    size_t n_results;
    size_t n_suppressions; /* results that have a suppressions array */
};

typedef int (*run_fn)(struct merge *m, const struct sarif_doc *doc, const cJSON *run);

/* --- building (the only place that adds items to cJSON containers) -------------------- */

/* sarif_json_adopt (key a string literal or NULL; item consumed), recording a failure in m. */
static cJSON *attach(struct merge *m, cJSON *parent, const char *key, cJSON *item)
{
    return sarif_json_adopt(&m->rc, parent, key, item);
}

/* As attach, with a key that is copied (one read from an input). */
static void attach_copy(struct merge *m, cJSON *parent, const char *key, cJSON *item)
{
    if (parent == NULL || item == NULL || !cJSON_AddItemToObject(parent, key, item)) {
        cJSON_Delete(item);
        m->rc = ECG_ENOMEM;
    }
}

/* Appends copies of the elements of the array src[key] to *list, created when needed. */
static void append_copies(struct merge *m, cJSON **list, const cJSON *src, const char *key)
{
    const cJSON *item;

    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(src, key))
    {
        if (*list == NULL)
            *list = cJSON_CreateArray();
        if (*list == NULL) {
            m->rc = ECG_ENOMEM;
            return;
        }
        attach(m, *list, NULL, cJSON_Duplicate(item, 1));
    }
}

static const cJSON *runs_of(const struct sarif_doc *doc)
{
    return cJSON_GetObjectItemCaseSensitive(doc->root, "runs");
}

static const char *driver_name(const cJSON *run)
{
    const cJSON *driver =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(run, "tool"), "driver");
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(driver, "name"));
}

static int each_run(struct merge *m, run_fn fn)
{
    for (size_t i = 0; i < m->n_docs; i++) {
        const cJSON *run;
        cJSON_ArrayForEach(run, runs_of(m->docs[i]))
        {
            int rc = fn(m, m->docs[i], run);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

/* --- first pass: can the runs be merged? --------------------------------------------- */

static int check_tool(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(run, "tool");
    const cJSON *driver = cJSON_GetObjectItemCaseSensitive(tool, "driver");
    const cJSON *ext = cJSON_GetObjectItemCaseSensitive(tool, "extensions");

    if (m->first_run == NULL) {
        m->first_run = run;
        m->first_doc = doc;
    }
    if (strcmp(driver_name(run), driver_name(m->first_run)) != 0) {
        sarif_read_error(m->diag, doc, cJSON_GetObjectItemCaseSensitive(driver, "name"),
                         "the tool is '%s', but '%s' in %s: only runs of one tool can be "
                         "merged",
                         driver_name(run), driver_name(m->first_run), m->first_doc->path);
        return ECG_EPARSE;
    }
    if (cJSON_GetArraySize(ext) > 0) {
        sarif_read_error(m->diag, doc, ext, "cannot merge runs whose tool has extensions");
        return ECG_EPARSE;
    }
    return 0;
}

static int check_tables(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    for (size_t i = 0; i < sizeof(index_tables) / sizeof(index_tables[0]); i++) {
        const cJSON *table = cJSON_GetObjectItemCaseSensitive(run, index_tables[i]);
        if (cJSON_IsArray(table) && cJSON_GetArraySize(table) > 0) {
            sarif_read_error(m->diag, doc, table,
                             "cannot merge runs that have '%s' (results "
                             "refer into it by index)",
                             index_tables[i]);
            return ECG_EPARSE;
        }
    }
    return 0;
}

static int check_column_kind(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(run, "columnKind");

    if (kind == NULL)
        return 0;
    if (m->column_kind == NULL) {
        m->column_kind = kind;
        m->kind_doc = doc;
        return 0;
    }
    if (strcmp(kind->valuestring, m->column_kind->valuestring) == 0)
        return 0;
    sarif_read_error(m->diag, doc, kind,
                     "columnKind is '%s', but '%s' in %s: columns "
                     "counted differently cannot be merged",
                     kind->valuestring, m->column_kind->valuestring, m->kind_doc->path);
    return ECG_EPARSE;
}

/* The first entry named key among the originalUriBaseIds of the runs before `until`. */
static const cJSON *earlier_base(const struct sarif_doc **out_doc, const struct merge *m,
                                 const cJSON *until, const char *key)
{
    for (size_t i = 0; i < m->n_docs; i++) {
        const cJSON *run;
        cJSON_ArrayForEach(run, runs_of(m->docs[i]))
        {
            const cJSON *bases = cJSON_GetObjectItemCaseSensitive(run, "originalUriBaseIds");
            const cJSON *entry = cJSON_GetObjectItemCaseSensitive(bases, key);
            if (run == until)
                return NULL;
            if (entry != NULL) {
                *out_doc = m->docs[i];
                return entry;
            }
        }
    }
    return NULL;
}

static int same_string(const cJSON *a, const cJSON *b)
{
    const char *sa = cJSON_GetStringValue(a);
    const char *sb = cJSON_GetStringValue(b);

    return sa == sb || (sa != NULL && sb != NULL && strcmp(sa, sb) == 0);
}

static int same_member(const cJSON *a, const cJSON *b, const char *key)
{
    return same_string(cJSON_GetObjectItemCaseSensitive(a, key),
                       cJSON_GetObjectItemCaseSensitive(b, key));
}

/* A base id must mean the same directory in every run: results are relative to it. */
static int check_base_ids(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    const cJSON *entry;

    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(run, "originalUriBaseIds"))
    {
        const struct sarif_doc *other_doc = NULL;
        const cJSON *other = earlier_base(&other_doc, m, run, entry->string);
        const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(entry, "uri"));
        const char *was = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(other, "uri"));
        if (other == NULL ||
            (same_member(entry, other, "uri") && same_member(entry, other, "uriBaseId")))
            continue;
        sarif_read_error(m->diag, doc, entry,
                         "originalUriBaseIds '%s' is '%s', but '%s' in "
                         "%s: results relative to different roots cannot be merged",
                         entry->string, uri != NULL ? uri : "", was != NULL ? was : "",
                         other_doc->path);
        return ECG_EPARSE;
    }
    return 0;
}

static int rule_push(struct merge *m, const cJSON *rule)
{
    if (m->n_rules == m->cap_rules) {
        size_t cap = m->cap_rules != 0 ? m->cap_rules * 2 : 16;
        struct rule_ref *grown = realloc(m->rules, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        m->rules = grown;
        m->cap_rules = cap;
    }
    m->rules[m->n_rules].id = cJSON_GetObjectItemCaseSensitive(rule, "id")->valuestring;
    m->rules[m->n_rules].rule = rule;
    m->rules[m->n_rules].order = m->n_rules;
    m->n_rules++;
    return 0;
}

static int take_rules(const cJSON *run, struct merge *m)
{
    const cJSON *driver =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(run, "tool"), "driver");
    const cJSON *rule;

    cJSON_ArrayForEach(rule, cJSON_GetObjectItemCaseSensitive(driver, "rules"))
    {
        if (rule_push(m, rule) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

/* --- invocations ----------------------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads "YYYY-MM-DDThh:mm:ss" as the number YYYYMMDDhhmmss; returns the bytes read, or 0. */
static size_t parse_seconds(long long *out, const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    long long v = 0;
    size_t i;

    for (i = 0; shape[i] != '\0'; i++) {
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
            return 0;
        if (shape[i] == 'd')
            v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return i;
}

/* Reads "[.fraction]Z" and nothing after it (digits past nanoseconds are ignored). */
static int parse_fraction(long *out, const char *s)
{
    long nanos = 0;
    long scale = 100000000;
    size_t i = 0;

    if (s[0] == '.' && !is_digit(s[1]))
        return -1;
    for (i += s[0] == '.'; is_digit(s[i]); i++) {
        nanos += (s[i] - '0') * scale;
        scale /= 10;
    }
    if (s[i] != 'Z' || s[i + 1] != '\0')
        return -1;
    *out = nanos;
    return 0;
}

/* Reads "YYYY-MM-DDThh:mm:ss[.fraction]Z". Returns 0, or -1 when s has another shape. */
static int parse_stamp(struct stamp *out, const char *s)
{
    struct stamp t = { 0, 0 };
    size_t n = parse_seconds(&t.seconds, s);

    if (n == 0 || parse_fraction(&t.nanos, s + n) != 0)
        return -1;
    *out = t;
    return 0;
}

static int stamp_cmp(const struct stamp *a, const struct stamp *b)
{
    if (a->seconds != b->seconds)
        return a->seconds < b->seconds ? -1 : 1;
    if (a->nanos != b->nanos)
        return a->nanos < b->nanos ? -1 : 1;
    return 0;
}

/* Keeps inv[key] in *best when it is earlier (sign -1) or later (sign 1) than *best. */
static int take_time(struct merge *m, const struct sarif_doc *doc, const cJSON *inv,
                     const char *key, struct best_time *best, int sign)
{
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(inv, key);
    struct stamp at;

    if (node == NULL)
        return 0;
    if (parse_stamp(&at, node->valuestring) != 0) {
        sarif_read_error(m->diag, doc, node,
                         "%s '%s' is not a UTC time "
                         "(YYYY-MM-DDThh:mm:ss.sssZ)",
                         key, node->valuestring);
        return ECG_EPARSE;
    }
    if (best->node == NULL || stamp_cmp(&at, &best->at) * sign > 0) {
        best->node = node;
        best->at = at;
    }
    return 0;
}

static int take_invocation(struct merge *m, const struct sarif_doc *doc, const cJSON *inv)
{
    struct invocations *a = &m->inv;
    const cJSON *command = cJSON_GetObjectItemCaseSensitive(inv, "commandLine");
    int rc;

    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(inv, "executionSuccessful")))
        a->all_ok = 0;
    if (a->count == 0)
        a->command_line = command;
    else if (!same_string(a->command_line, command))
        a->command_differs = 1;
    a->count++;
    rc = take_time(m, doc, inv, "startTimeUtc", &a->start, -1);
    if (rc == 0)
        rc = take_time(m, doc, inv, "endTimeUtc", &a->end, 1);
    append_copies(m, &a->exec_notes, inv, "toolExecutionNotifications");
    append_copies(m, &a->config_notes, inv, "toolConfigurationNotifications");
    return rc != 0 ? rc : m->rc;
}

/* The first pass, for one run. */
static int check_run(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    const cJSON *inv;
    int rc = check_tool(m, doc, run);

    if (rc == 0)
        rc = check_tables(m, doc, run);
    if (rc == 0)
        rc = check_column_kind(m, doc, run);
    if (rc == 0)
        rc = check_base_ids(m, doc, run);
    if (rc == 0)
        rc = take_rules(run, m);
    cJSON_ArrayForEach(inv, cJSON_GetObjectItemCaseSensitive(run, "invocations"))
    {
        if (rc == 0)
            rc = take_invocation(m, doc, inv);
    }
    if (m->automation == NULL)
        m->automation = cJSON_GetObjectItemCaseSensitive(run, "automationDetails");
    return rc;
}

/* --- rules ----------------------------------------------------------------------------- */

static int rule_cmp(const void *a, const void *b)
{
    const struct rule_ref *ra = a;
    const struct rule_ref *rb = b;
    int c = strcmp(ra->id, rb->id);

    if (c != 0)
        return c;
    return ra->order < rb->order ? -1 : ra->order > rb->order;
}

/* Sorts the rules by id and keeps the first of each id. */
static void unite_rules(struct merge *m)
{
    size_t kept = 0;

    if (m->n_rules == 0)
        return;
    qsort(m->rules, m->n_rules, sizeof(m->rules[0]), rule_cmp);
    for (size_t i = 1; i < m->n_rules; i++) {
        if (strcmp(m->rules[i].id, m->rules[kept].id) != 0)
            m->rules[++kept] = m->rules[i];
    }
    m->n_rules = kept + 1;
}

/* The united index of the rule with this id, or -1. */
static long rule_position(const struct merge *m, const char *id)
{
    size_t lo = 0;
    size_t hi = m->n_rules;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->rules[mid].id, id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* --- second pass: results ---------------------------------------------------------------- */

static void set_index(cJSON *node, long index)
{
    if (cJSON_IsNumber(node) && node->valuedouble >= 0)
        cJSON_SetNumberHelper(node, (double)index);
}

/* Points copy's ruleIndex and rule.index (read against run's rules) into the united rules. */
static void renumber(const struct merge *m, const cJSON *run, cJSON *copy)
{
    const cJSON *rule = sarif_read_result_rule(run, copy);
    cJSON *ref = cJSON_GetObjectItemCaseSensitive(copy, "rule");
    long index;

    if (rule == NULL)
        return;
    index = rule_position(m, cJSON_GetObjectItemCaseSensitive(rule, "id")->valuestring);
    set_index(cJSON_GetObjectItemCaseSensitive(copy, "ruleIndex"), index);
    if (cJSON_GetObjectItemCaseSensitive(ref, "toolComponent") == NULL)
        set_index(cJSON_GetObjectItemCaseSensitive(ref, "index"), index);
}

static int take_result(struct merge *m, const cJSON *run, const cJSON *result)
{
    struct sarif_result_view view;
    struct sarif_key_entry *entry;
    char *key = NULL;
    cJSON *copy;
    int rc;

    sarif_read_view(&view, run, result);
    rc = sarif_key_make(&key, &view);
    if (rc == 0)
        rc = sarif_key_take(&entry, &m->keys, key);
    if (rc != 0)
        return rc;
    if (entry->count[0] > 0)
        return 0;
    entry->count[0] = 1;
    copy = cJSON_Duplicate(result, 1);
    if (copy == NULL)
        return ECG_ENOMEM;
    renumber(m, run, copy);
    if (cJSON_GetObjectItemCaseSensitive(copy, "suppressions") != NULL)
        m->n_suppressions++;
    m->n_results++;
    attach(m, m->results, NULL, copy);
    return m->rc;
}

static int take_results(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
    const cJSON *result;

    (void)doc;
    if (!cJSON_IsArray(results))
        return 0;
    cJSON_ArrayForEach(result, results)
    {
        int rc = take_result(m, run, result);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Viewers want suppressions on every result or on none. */
static void complete_suppressions(struct merge *m)
{
    cJSON *result;

    if (m->n_suppressions == 0 || m->n_suppressions == m->n_results)
        return;
    cJSON_ArrayForEach(result, m->results)
    {
        if (cJSON_GetObjectItemCaseSensitive(result, "suppressions") == NULL)
            attach(m, result, "suppressions", cJSON_CreateArray());
    }
}

static int add_base_ids(struct merge *m, const struct sarif_doc *doc, const cJSON *run)
{
    const cJSON *entry;

    (void)doc;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(run, "originalUriBaseIds"))
    {
        if (cJSON_GetObjectItemCaseSensitive(m->base_ids, entry->string) == NULL)
            attach_copy(m, m->base_ids, entry->string, cJSON_Duplicate(entry, 1));
    }
    return m->rc;
}

/* --- the merged log ---------------------------------------------------------------------- */

static cJSON *build_tool(struct merge *m)
{
    cJSON *tool = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(m->first_run, "tool"), 1);
    cJSON *driver = cJSON_GetObjectItemCaseSensitive(tool, "driver");
    cJSON *rules;

    if (driver == NULL) {
        m->rc = ECG_ENOMEM;
        cJSON_Delete(tool);
        return NULL;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(driver, "rules");
    if (m->n_rules == 0)
        return tool;
    rules = attach(m, driver, "rules", cJSON_CreateArray());
    for (size_t i = 0; i < m->n_rules; i++)
        attach(m, rules, NULL, cJSON_Duplicate(m->rules[i].rule, 1));
    return tool;
}

static void put_automation(struct merge *m, cJSON *run)
{
    const char *category = m->opts != NULL ? m->opts->category : NULL;
    size_t n = category != NULL ? strlen(category) : 0;
    cJSON *details;
    char *id;

    if (n == 0) {
        if (m->automation != NULL)
            attach(m, run, "automationDetails", cJSON_Duplicate(m->automation, 1));
        return;
    }
    id = malloc(n + 2);
    details = attach(m, run, "automationDetails", cJSON_CreateObject());
    if (id == NULL) {
        m->rc = ECG_ENOMEM;
        return;
    }
    snprintf(id, n + 2, "%s%s", category, category[n - 1] == '/' ? "" : "/");
    attach(m, details, "id", cJSON_CreateString(id));
    free(id);
}

static void put_invocation(struct merge *m, cJSON *run)
{
    struct invocations *a = &m->inv;
    cJSON *inv;

    if (a->count == 0)
        return;
    inv = attach(m, attach(m, run, "invocations", cJSON_CreateArray()), NULL, cJSON_CreateObject());
    attach(m, inv, "executionSuccessful", cJSON_CreateBool(a->all_ok));
    if (a->command_line != NULL && !a->command_differs)
        attach(m, inv, "commandLine", cJSON_Duplicate(a->command_line, 0));
    if (a->start.node != NULL)
        attach(m, inv, "startTimeUtc", cJSON_Duplicate(a->start.node, 0));
    if (a->end.node != NULL)
        attach(m, inv, "endTimeUtc", cJSON_Duplicate(a->end.node, 0));
    if (a->exec_notes != NULL)
        attach(m, inv, "toolExecutionNotifications", a->exec_notes);
    a->exec_notes = NULL;
    if (a->config_notes != NULL)
        attach(m, inv, "toolConfigurationNotifications", a->config_notes);
    a->config_notes = NULL;
}

static cJSON *build_log(struct merge *m)
{
    cJSON *log = cJSON_CreateObject();
    cJSON *run;

    attach(m, log, "$schema", cJSON_CreateString(MERGE_SCHEMA_URI));
    attach(m, log, "version", cJSON_CreateString("2.1.0"));
    run = attach(m, attach(m, log, "runs", cJSON_CreateArray()), NULL, cJSON_CreateObject());
    attach(m, run, "tool", build_tool(m));
    put_automation(m, run);
    if (cJSON_GetArraySize(m->base_ids) > 0)
        attach(m, run, "originalUriBaseIds", m->base_ids);
    else
        cJSON_Delete(m->base_ids);
    m->base_ids = NULL;
    put_invocation(m, run);
    attach(m, run, "results", m->results);
    m->results = NULL;
    if (m->column_kind != NULL)
        attach(m, run, "columnKind", cJSON_Duplicate(m->column_kind, 0));
    if (log == NULL)
        m->rc = ECG_ENOMEM;
    if (m->rc != 0) {
        cJSON_Delete(log);
        return NULL;
    }
    return log;
}

static void merge_fini(struct merge *m)
{
    cJSON_Delete(m->inv.config_notes);
    cJSON_Delete(m->inv.exec_notes);
    cJSON_Delete(m->base_ids);
    cJSON_Delete(m->results);
    sarif_key_fini(&m->keys);
    free(m->rules);
}

static int merge_runs(struct merge *m)
{
    int rc = each_run(m, check_run);

    if (rc != 0)
        return rc;
    if (m->first_run == NULL) {
        ecg_diag_set(m->diag, m->n_docs > 0 ? m->docs[0]->path : NULL, 0, 0,
                     "nothing to merge: the logs have no runs");
        return ECG_EPARSE;
    }
    unite_rules(m);
    m->results = cJSON_CreateArray();
    m->base_ids = cJSON_CreateObject();
    if (m->results == NULL || m->base_ids == NULL)
        return ECG_ENOMEM;
    rc = each_run(m, take_results);
    if (rc == 0)
        rc = each_run(m, add_base_ids);
    complete_suppressions(m);
    return rc != 0 ? rc : m->rc;
}

int sarif_merge(cJSON **out, const struct sarif_doc *const *docs, size_t n,
                const struct sarif_merge_options *opts, struct ecg_diag *diag)
{
    struct merge m;
    cJSON *log = NULL;
    int rc;

    memset(&m, 0, sizeof(m));
    m.docs = docs;
    m.n_docs = n;
    m.opts = opts;
    m.diag = diag;
    m.inv.all_ok = 1;
    sarif_key_init(&m.keys);
    rc = merge_runs(&m);
    if (rc == 0)
        log = build_log(&m);
    if (rc == 0 && log == NULL)
        rc = m.rc != 0 ? m.rc : ECG_ENOMEM;
    merge_fini(&m);
    if (rc != 0)
        return rc;
    *out = log;
    return 0;
}
