/* Loading and checking SARIF logs for merge and diff; see read.h. cJSON keeps no
 * positions, so an error about an accepted document finds the offending value's child
 * indices and re-scans the kept text to it (analyzer/jsonpos.h). */
#include "sarif/read.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/jsonpos.h"

/* Values nested deeper are reported without a line and column (SARIF needs about 8). */
#define READ_MAX_DEPTH 32
#define READ_CTX_MAX 96

enum want {
    WANT_STRING,
    WANT_OBJECT,
    WANT_ARRAY,
    WANT_BOOL,
};

/* Formats a JSON path for a diagnostic into buf; a path longer than buf is cut short,
 * which only shortens the message. */
static void path_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void path_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static const char *const want_names[] = { "a string", "an object", "an array", "true or false" };

/* An optional member (or a required one) and the type it must have. */
struct member_spec {
    const char *key;
    enum want want;
    int required;
};

static const struct member_spec run_members[] = {
    { "invocations", WANT_ARRAY, 0 },
    { "originalUriBaseIds", WANT_OBJECT, 0 },
    { "columnKind", WANT_STRING, 0 },
    { "automationDetails", WANT_OBJECT, 0 },
};

static const struct member_spec result_members[] = {
    { "ruleId", WANT_STRING, 0 },
    { "rule", WANT_OBJECT, 0 },
    { "level", WANT_STRING, 0 },
    { "kind", WANT_STRING, 0 },
    { "message", WANT_OBJECT, 0 },
    { "locations", WANT_ARRAY, 0 },
    { "partialFingerprints", WANT_OBJECT, 0 },
    { "suppressions", WANT_ARRAY, 0 },
    { "baselineState", WANT_STRING, 0 },
};

static const struct member_spec invocation_members[] = {
    { "executionSuccessful", WANT_BOOL, 1 },
    { "commandLine", WANT_STRING, 0 },
    { "startTimeUtc", WANT_STRING, 0 },
    { "endTimeUtc", WANT_STRING, 0 },
    { "toolExecutionNotifications", WANT_ARRAY, 0 },
    { "toolConfigurationNotifications", WANT_ARRAY, 0 },
};

static const char *const sarif_levels[] = { "none", "note", "warning", "error" };

/* What is being checked; prefix opens every message. */
struct check {
    const struct sarif_doc *doc;
    struct ecg_diag *diag;
    const char *prefix;
};

/* --- error positions ------------------------------------------------------------------- */

/* Writes to path[0..*depth) the child indices that lead from at to target. */
static int find_path(size_t *path, size_t *depth, const cJSON *at, const cJSON *target,
                     size_t level)
{
    const cJSON *child;
    size_t i = 0;

    if (at == target) {
        *depth = level;
        return 1;
    }
    if (level == READ_MAX_DEPTH)
        return 0;
    cJSON_ArrayForEach(child, at)
    {
        path[level] = i++;
        if (find_path(path, depth, child, target, level + 1))
            return 1;
    }
    return 0;
}

void sarif_read_error(struct ecg_diag *diag, const struct sarif_doc *doc, const cJSON *node,
                      const char *fmt, ...)
{
    size_t path[READ_MAX_DEPTH];
    size_t depth = 0;
    unsigned line = 0;
    unsigned col = 0;
    char message[ECG_DIAG_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    if (node != NULL && doc->root != NULL && find_path(path, &depth, doc->root, node, 0)) {
        size_t offset = ecg_jsonpos_locate(doc->text, doc->len, path, depth, 0);
        ecg_fileio_position(&line, &col, doc->text, offset);
    }
    ecg_diag_set(diag, doc->path, line, col, "%s", message);
}

/* --- shape checks ---------------------------------------------------------------------- */

static int has_type(const cJSON *node, enum want want)
{
    switch (want) {
    case WANT_STRING:
        return cJSON_IsString(node);
    case WANT_OBJECT:
        return cJSON_IsObject(node);
    case WANT_ARRAY:
        return cJSON_IsArray(node);
    case WANT_BOOL:
        return cJSON_IsBool(node);
    }
    return 0;
}

/* node (named ctx) must have the type wanted. */
static int check_type(struct check *k, const cJSON *node, const char *ctx, enum want want)
{
    if (has_type(node, want))
        return 0;
    sarif_read_error(k->diag, k->doc, node, "%s: %s must be %s", k->prefix, ctx, want_names[want]);
    return ECG_EPARSE;
}

/* parent[spec->key] (parent named ctx; "" for the log itself) must have its type, and
 * exist when required. */
static int check_member(struct check *k, const cJSON *parent, const char *ctx,
                        const struct member_spec *spec)
{
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(parent, spec->key);
    char at[READ_CTX_MAX];

    if (node == NULL && spec->required) {
        sarif_read_error(k->diag, k->doc, parent, "%s: %s has no \"%s\"", k->prefix,
                         ctx[0] != '\0' ? ctx : "the log", spec->key);
        return ECG_EPARSE;
    }
    if (node == NULL)
        return 0;
    path_format(at, sizeof(at), "%s%s%s", ctx, ctx[0] != '\0' ? "." : "", spec->key);
    return check_type(k, node, at, spec->want);
}

static int check_members(struct check *k, const cJSON *parent, const char *ctx,
                         const struct member_spec *specs, size_t n)
{
    int rc = 0;

    for (size_t i = 0; i < n && rc == 0; i++)
        rc = check_member(k, parent, ctx, &specs[i]);
    return rc;
}

/* Checks parent[key] as check_member does and returns it (NULL when absent). */
static int get_member(const cJSON **out, struct check *k, const cJSON *parent, const char *ctx,
                      const struct member_spec *spec)
{
    int rc = check_member(k, parent, ctx, spec);

    if (rc == 0)
        *out = cJSON_GetObjectItemCaseSensitive(parent, spec->key);
    return rc;
}

/* node, when present, must be an integer from -1 to n - 1 (an index into n rules). */
static int check_index(struct check *k, const cJSON *node, const char *ctx, int n)
{
    double v = node != NULL ? node->valuedouble : 0;

    if (node == NULL || (cJSON_IsNumber(node) && v >= -1 && v < n && (double)(int)v == v))
        return 0;
    sarif_read_error(k->diag, k->doc, node,
                     "%s: %s must be -1 or the index of one of the %d "
                     "rules of tool.driver.rules",
                     k->prefix, ctx, n);
    return ECG_EPARSE;
}

static int check_level(struct check *k, const cJSON *result, const char *ctx)
{
    const char *level = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(result, "level"));

    if (level == NULL)
        return 0;
    for (size_t i = 0; i < sizeof(sarif_levels) / sizeof(sarif_levels[0]); i++) {
        if (strcmp(level, sarif_levels[i]) == 0)
            return 0;
    }
    sarif_read_error(k->diag, k->doc, cJSON_GetObjectItemCaseSensitive(result, "level"),
                     "%s: %s.level '%s' is not one of none, note, warning, error", k->prefix, ctx,
                     level);
    return ECG_EPARSE;
}

static int check_result(struct check *k, const cJSON *result, const char *ctx, int n_rules)
{
    const cJSON *ref;
    char at[READ_CTX_MAX];
    int rc = check_type(k, result, ctx, WANT_OBJECT);

    if (rc == 0)
        rc = check_members(k, result, ctx, result_members,
                           sizeof(result_members) / sizeof(result_members[0]));
    if (rc == 0)
        rc = check_level(k, result, ctx);
    path_format(at, sizeof(at), "%s.ruleIndex", ctx);
    if (rc == 0)
        rc = check_index(k, cJSON_GetObjectItemCaseSensitive(result, "ruleIndex"), at, n_rules);
    ref = cJSON_GetObjectItemCaseSensitive(result, "rule");
    path_format(at, sizeof(at), "%s.rule.index", ctx);
    if (rc == 0 && cJSON_GetObjectItemCaseSensitive(ref, "toolComponent") == NULL)
        rc = check_index(k, cJSON_GetObjectItemCaseSensitive(ref, "index"), at, n_rules);
    return rc;
}

/* tool.driver.rules: objects with a string id. Sets *out_n to their number. */
static int check_rules(int *out_n, struct check *k, const cJSON *driver, const char *ctx)
{
    static const struct member_spec rules_spec = { "rules", WANT_ARRAY, 0 };
    static const struct member_spec id_spec = { "id", WANT_STRING, 1 };
    const cJSON *rules = NULL;
    const cJSON *rule;
    char at[READ_CTX_MAX];
    int n = 0;
    int rc = get_member(&rules, k, driver, ctx, &rules_spec);

    cJSON_ArrayForEach(rule, rules)
    {
        path_format(at, sizeof(at), "%s.rules[%d]", ctx, n++);
        if (rc == 0)
            rc = check_type(k, rule, at, WANT_OBJECT);
        if (rc == 0)
            rc = check_member(k, rule, at, &id_spec);
    }
    if (rc == 0)
        *out_n = n;
    return rc;
}

/* tool.driver.name must be a non-empty string: what makes the run a run of some tool. */
static int check_tool(const cJSON **out_driver, struct check *k, const cJSON *run, const char *ctx)
{
    static const struct member_spec tool_spec = { "tool", WANT_OBJECT, 1 };
    static const struct member_spec driver_spec = { "driver", WANT_OBJECT, 1 };
    static const struct member_spec name_spec = { "name", WANT_STRING, 1 };
    const cJSON *tool = NULL;
    const cJSON *driver = NULL;
    const cJSON *name = NULL;
    char at[READ_CTX_MAX];
    int rc = get_member(&tool, k, run, ctx, &tool_spec);

    path_format(at, sizeof(at), "%s.tool", ctx);
    if (rc == 0)
        rc = get_member(&driver, k, tool, at, &driver_spec);
    path_format(at, sizeof(at), "%s.tool.driver", ctx);
    if (rc == 0)
        rc = get_member(&name, k, driver, at, &name_spec);
    if (rc == 0 && name->valuestring[0] == '\0') {
        sarif_read_error(k->diag, k->doc, name, "%s: %s.name is empty", k->prefix, at);
        rc = ECG_EPARSE;
    }
    if (rc == 0)
        *out_driver = driver;
    return rc;
}

static int check_results(struct check *k, const cJSON *run, const char *ctx, int n_rules)
{
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
    const cJSON *result;
    char at[READ_CTX_MAX];
    size_t i = 0;
    int rc;

    if (results == NULL || cJSON_IsNull(results))
        return 0;
    path_format(at, sizeof(at), "%s.results", ctx);
    rc = check_type(k, results, at, WANT_ARRAY);
    cJSON_ArrayForEach(result, results)
    {
        path_format(at, sizeof(at), "%s.results[%zu]", ctx, i++);
        if (rc == 0)
            rc = check_result(k, result, at, n_rules);
    }
    return rc;
}

static int check_invocations(struct check *k, const cJSON *run, const char *ctx)
{
    const cJSON *inv;
    char at[READ_CTX_MAX];
    size_t i = 0;
    int rc = 0;

    cJSON_ArrayForEach(inv, cJSON_GetObjectItemCaseSensitive(run, "invocations"))
    {
        path_format(at, sizeof(at), "%s.invocations[%zu]", ctx, i++);
        if (rc == 0)
            rc = check_type(k, inv, at, WANT_OBJECT);
        if (rc == 0)
            rc = check_members(k, inv, at, invocation_members,
                               sizeof(invocation_members) / sizeof(invocation_members[0]));
    }
    return rc;
}

static int check_base_ids(struct check *k, const cJSON *run, const char *ctx)
{
    static const struct member_spec uri_spec = { "uri", WANT_STRING, 0 };
    const cJSON *base;
    char at[READ_CTX_MAX];
    int rc = 0;

    cJSON_ArrayForEach(base, cJSON_GetObjectItemCaseSensitive(run, "originalUriBaseIds"))
    {
        path_format(at, sizeof(at), "%s.originalUriBaseIds[\"%s\"]", ctx, base->string);
        if (rc == 0)
            rc = check_type(k, base, at, WANT_OBJECT);
        if (rc == 0)
            rc = check_member(k, base, at, &uri_spec);
    }
    return rc;
}

static int check_run(struct check *k, const cJSON *run, size_t index)
{
    const cJSON *driver = NULL;
    char ctx[READ_CTX_MAX];
    char at[READ_CTX_MAX];
    int n_rules = 0;
    int rc;

    path_format(ctx, sizeof(ctx), "runs[%zu]", index);
    path_format(at, sizeof(at), "runs[%zu].tool.driver", index);
    k->prefix = "not a SARIF 2.1.0 log";
    rc = check_type(k, run, ctx, WANT_OBJECT);
    if (rc == 0)
        rc = check_tool(&driver, k, run, ctx);
    k->prefix = "invalid SARIF log";
    if (rc == 0)
        rc = check_rules(&n_rules, k, driver, at);
    if (rc == 0)
        rc = check_members(k, run, ctx, run_members, sizeof(run_members) / sizeof(run_members[0]));
    if (rc == 0)
        rc = check_results(k, run, ctx, n_rules);
    if (rc == 0)
        rc = check_invocations(k, run, ctx);
    if (rc == 0)
        rc = check_base_ids(k, run, ctx);
    return rc;
}

static int check_log(struct check *k, const cJSON *root)
{
    static const struct member_spec version_spec = { "version", WANT_STRING, 1 };
    static const struct member_spec runs_spec = { "runs", WANT_ARRAY, 1 };
    const cJSON *version = NULL;
    const cJSON *runs = NULL;
    const cJSON *run;
    size_t i = 0;
    int rc = check_type(k, root, "the top-level value", WANT_OBJECT);

    if (rc == 0)
        rc = get_member(&version, k, root, "", &version_spec);
    if (rc == 0 && strcmp(version->valuestring, "2.1.0") != 0) {
        sarif_read_error(k->diag, k->doc, version, "%s: its version is '%s'", k->prefix,
                         version->valuestring);
        rc = ECG_EPARSE;
    }
    if (rc == 0)
        rc = get_member(&runs, k, root, "", &runs_spec);
    cJSON_ArrayForEach(run, runs)
    {
        if (rc == 0)
            rc = check_run(k, run, i++);
    }
    return rc;
}

/* --- loading --------------------------------------------------------------------------- */

static int load(struct sarif_doc *doc, struct ecg_diag *diag)
{
    struct check k = { doc, diag, "not a SARIF 2.1.0 log" };
    cJSON *root = NULL;
    int rc = ecg_fileio_parse_json(&root, doc->text, doc->len, doc->path, diag);

    if (rc != 0)
        return rc;
    doc->root = root;
    return check_log(&k, root);
}

static struct sarif_doc *doc_new(const char *origin)
{
    struct sarif_doc *doc = calloc(1, sizeof(*doc));

    if (doc == NULL)
        return NULL;
    doc->path = strdup(origin != NULL ? origin : "");
    if (doc->path == NULL) {
        free(doc);
        return NULL;
    }
    return doc;
}

int sarif_read_file(struct sarif_doc **out, const char *path, struct ecg_diag *diag)
{
    struct sarif_doc *doc = doc_new(path);
    int rc;

    if (doc == NULL)
        return ECG_ENOMEM;
    rc = ecg_fileio_read(&doc->text, &doc->len, path, diag);
    if (rc == 0)
        rc = load(doc, diag);
    if (rc != 0) {
        sarif_read_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}

int sarif_read_text(struct sarif_doc **out, const char *text, size_t len, const char *origin,
                    struct ecg_diag *diag)
{
    struct sarif_doc *doc = doc_new(origin);
    int rc;

    if (doc == NULL)
        return ECG_ENOMEM;
    doc->text = malloc(len + 1);
    if (doc->text == NULL) {
        sarif_read_free(doc);
        return ECG_ENOMEM;
    }
    memcpy(doc->text, text, len);
    doc->text[len] = '\0';
    doc->len = len;
    rc = load(doc, diag);
    if (rc != 0) {
        sarif_read_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}

void sarif_read_free(struct sarif_doc *doc)
{
    if (doc == NULL)
        return;
    cJSON_Delete(doc->root);
    free(doc->text);
    free(doc->path);
    free(doc);
}

/* --- views of results ------------------------------------------------------------------ */

/* obj[key] when obj is an object, else NULL. */
static const cJSON *member_of(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static const char *string_of(const cJSON *obj, const char *key)
{
    return cJSON_GetStringValue(member_of(obj, key));
}

/* obj[key] as a positive line or column; 0 when missing or out of range. */
static long position_of(const cJSON *obj, const char *key)
{
    const cJSON *n = member_of(obj, key);

    if (!cJSON_IsNumber(n) || !(n->valuedouble >= 1 && n->valuedouble <= INT_MAX))
        return 0;
    return (long)n->valuedouble;
}

const cJSON *sarif_read_result_rule(const cJSON *run, const cJSON *result)
{
    const cJSON *rules = member_of(member_of(member_of(run, "tool"), "driver"), "rules");
    const cJSON *index = member_of(result, "ruleIndex");
    const cJSON *ref = member_of(result, "rule");

    if (!cJSON_IsNumber(index) && member_of(ref, "toolComponent") == NULL)
        index = member_of(ref, "index");
    if (!cJSON_IsArray(rules) || !cJSON_IsNumber(index))
        return NULL;
    if (!(index->valuedouble >= 0 && index->valuedouble < INT_MAX))
        return NULL;
    return cJSON_GetArrayItem(rules, (int)index->valuedouble);
}

static const char *view_rule_id(const cJSON *rule, const cJSON *result)
{
    const char *id = string_of(result, "ruleId");

    if (id == NULL)
        id = string_of(member_of(result, "rule"), "id");
    if (id == NULL)
        id = string_of(rule, "id");
    return id != NULL ? id : "";
}

static const char *view_level(const cJSON *rule, const cJSON *result)
{
    const char *level = string_of(result, "level");
    const char *kind = string_of(result, "kind");

    if (level != NULL)
        return level;
    if (kind != NULL && strcmp(kind, "fail") != 0)
        return "none";
    level = string_of(member_of(rule, "defaultConfiguration"), "level");
    return level != NULL ? level : "warning";
}

static int view_suppressed(const cJSON *result)
{
    const cJSON *s;

    cJSON_ArrayForEach(s, member_of(result, "suppressions"))
    {
        const char *status = string_of(s, "status");
        if (cJSON_IsObject(s) && (status == NULL || strcmp(status, "accepted") == 0))
            return 1;
    }
    return 0;
}

static void view_location(struct sarif_result_view *v, const cJSON *result)
{
    const cJSON *locations = member_of(result, "locations");
    const cJSON *first = cJSON_IsArray(locations) ? cJSON_GetArrayItem(locations, 0) : NULL;
    const cJSON *phys = member_of(first, "physicalLocation");
    const cJSON *artifact = member_of(phys, "artifactLocation");
    const cJSON *region = member_of(phys, "region");

    v->uri = string_of(artifact, "uri");
    v->uri_base_id = string_of(artifact, "uriBaseId");
    v->line = position_of(region, "startLine");
    v->col = position_of(region, "startColumn");
}

void sarif_read_view(struct sarif_result_view *out, const cJSON *run, const cJSON *result)
{
    const cJSON *rule = sarif_read_result_rule(run, result);
    const char *baseline = string_of(result, "baselineState");

    memset(out, 0, sizeof(*out));
    out->rule_id = view_rule_id(rule, result);
    out->level = view_level(rule, result);
    view_location(out, result);
    out->message = string_of(member_of(result, "message"), "text");
    if (out->message == NULL)
        out->message = out->rule_id;
    out->fingerprint =
        string_of(member_of(result, "partialFingerprints"), SARIF_READ_FINGERPRINT_KEY);
    out->suppressed = view_suppressed(result);
    out->absent = baseline != NULL && strcmp(baseline, "absent") == 0;
}
