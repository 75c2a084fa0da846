/* The data of the HTML report: every result of every run as a compact object the page's
 * script renders (rule, level, message, place, state, source lines, related locations and
 * flow steps), with the rules and files they refer to by index. Findings are sorted by file,
 * line, column and rule, so the same log gives the same page. */
#include "sarif/html_int.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/grow.h"
#include "sarif/html.h"
#include "sarif/read.h"

struct sorted_finding {
    cJSON *item;      /* owned until added to the output */
    const char *path; /* borrowed from the log; "" when none */
    long line;
    long col;
    const char *rule;
};

struct data_build {
    const struct sarif_html_input *in;
    cJSON *root;
    cJSON *rules;                       /* array of rule objects */
    cJSON *files;                       /* array of paths */
    struct sarif_html_names rule_names; /* rule id -> index in rules; keys live in rules */
    struct sarif_html_names file_names; /* uri -> index in files; keys live in files */
    long n_rules;
    long n_files;
    struct sorted_finding *found;
    size_t n_found;
    size_t cap;
};

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const char *text_of(const cJSON *obj, const char *key)
{
    return cJSON_GetStringValue(member(member(obj, key), "text"));
}

static int put_string(cJSON *obj, const char *key, const char *value)
{
    return cJSON_AddStringToObject(obj, key, value != NULL ? value : "") != NULL ? 0 : ECG_ENOMEM;
}

static int put_number(cJSON *obj, const char *key, double value)
{
    return cJSON_AddNumberToObject(obj, key, value) != NULL ? 0 : ECG_ENOMEM;
}

static int add_rule(struct data_build *b, const char *id, const cJSON *desc, const char *level)
{
    cJSON *rule = cJSON_CreateObject();
    const char *help = cJSON_GetStringValue(member(desc, "helpUri"));
    int rc;

    if (rule == NULL)
        return ECG_ENOMEM;
    cJSON_AddItemToArray(b->rules, rule);
    rc = put_string(rule, "id", id);
    if (rc == 0)
        rc = sarif_html_names_add(&b->rule_names, cJSON_GetObjectItem(rule, "id")->valuestring,
                                  b->n_rules++);
    if (rc == 0)
        rc = put_string(rule, "name", cJSON_GetStringValue(member(desc, "name")));
    if (rc == 0)
        rc = put_string(rule, "d", text_of(desc, "shortDescription"));
    if (rc == 0)
        rc = put_string(rule, "l", level);
    if (rc == 0)
        rc = put_string(rule, "u", help);
    return rc;
}

static int add_driver_rules(struct data_build *b, const cJSON *run)
{
    const cJSON *rules = member(member(member(run, "tool"), "driver"), "rules");
    const cJSON *rule;

    cJSON_ArrayForEach(rule, rules)
    {
        const char *id = cJSON_GetStringValue(member(rule, "id"));
        const char *level =
            cJSON_GetStringValue(member(member(rule, "defaultConfiguration"), "level"));
        if (id == NULL || sarif_html_names_find(&b->rule_names, id) >= 0)
            continue;
        if (add_rule(b, id, rule, level != NULL ? level : "warning") != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

static int rule_index(long *out, struct data_build *b, const struct sarif_result_view *v)
{
    long i = sarif_html_names_find(&b->rule_names, v->rule_id);

    if (i < 0) {
        if (add_rule(b, v->rule_id, NULL, v->level) != 0)
            return ECG_ENOMEM;
        i = b->n_rules - 1;
    }
    *out = i;
    return 0;
}

static int file_index(long *out, struct data_build *b, const char *uri)
{
    long i = uri != NULL ? sarif_html_names_find(&b->file_names, uri) : -1;
    cJSON *path;

    if (uri != NULL && i < 0) {
        path = cJSON_CreateString(uri);
        if (path == NULL)
            return ECG_ENOMEM;
        cJSON_AddItemToArray(b->files, path);
        i = b->n_files++;
        if (sarif_html_names_add(&b->file_names, path->valuestring, i) != 0)
            return ECG_ENOMEM;
    }
    *out = i;
    return 0;
}

/* open: to act on; baseline: unchanged since the baseline; suppressed; absent: fixed. */
static const char *state_of(const struct sarif_result_view *v, const cJSON *result)
{
    const char *baseline = cJSON_GetStringValue(member(result, "baselineState"));

    if (v->suppressed)
        return "suppressed";
    if (v->absent)
        return "absent";
    if (baseline != NULL && strcmp(baseline, "unchanged") == 0)
        return "baseline";
    return "open";
}

/* Adds f, ln, c of a location (and its message as m, and one source line) to obj. */
static int put_place(cJSON *obj, struct data_build *b, struct sarif_html_sources *src,
                     const cJSON *location, int context)
{
    const cJSON *physical = member(location, "physicalLocation");
    const cJSON *region = member(physical, "region");
    const char *uri = cJSON_GetStringValue(member(member(physical, "artifactLocation"), "uri"));
    const cJSON *line = member(region, "startLine");
    const cJSON *col = member(region, "startColumn");
    long file = -1;
    int rc = file_index(&file, b, uri);

    if (rc == 0)
        rc = put_number(obj, "f", (double)file);
    if (rc == 0)
        rc = put_number(obj, "ln", cJSON_IsNumber(line) ? line->valuedouble : 0);
    if (rc == 0)
        rc = put_number(obj, "c", cJSON_IsNumber(col) ? col->valuedouble : 0);
    if (rc == 0 && physical != NULL)
        rc = sarif_html_snippet(obj, src, physical, context);
    return rc;
}

/* Adds locations (related locations, or a thread flow's steps) as an array under key. */
static int put_steps(cJSON *obj, const char *key, struct data_build *b,
                     struct sarif_html_sources *src, const cJSON *locations, int in_flow)
{
    cJSON *steps;
    const cJSON *entry;

    if (cJSON_GetArraySize(locations) == 0)
        return 0;
    steps = cJSON_AddArrayToObject(obj, key);
    if (steps == NULL)
        return ECG_ENOMEM;
    cJSON_ArrayForEach(entry, locations)
    {
        const cJSON *location = in_flow ? member(entry, "location") : entry;
        cJSON *step = cJSON_CreateObject();
        if (step == NULL)
            return ECG_ENOMEM;
        cJSON_AddItemToArray(steps, step);
        if (put_place(step, b, src, location, 0) != 0 ||
            put_string(step, "m", text_of(location, "message")) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

/* Adds "flow": the steps of the first thread flow of each code flow, as arrays. */
static int put_flows(cJSON *obj, struct data_build *b, struct sarif_html_sources *src,
                     const cJSON *result)
{
    const cJSON *flow;
    cJSON *flows;

    if (cJSON_GetArraySize(member(result, "codeFlows")) == 0)
        return 0;
    flows = cJSON_AddArrayToObject(obj, "flow");
    if (flows == NULL)
        return ECG_ENOMEM;
    cJSON_ArrayForEach(flow, member(result, "codeFlows"))
    {
        const cJSON *thread = cJSON_GetArrayItem(member(flow, "threadFlows"), 0);
        cJSON *holder = cJSON_CreateObject();
        if (holder == NULL)
            return ECG_ENOMEM;
        cJSON_AddItemToArray(flows, holder);
        if (put_steps(holder, "s", b, src, member(thread, "locations"), 1) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

static int put_suppression(cJSON *obj, const cJSON *result)
{
    const cJSON *first = cJSON_GetArrayItem(member(result, "suppressions"), 0);
    const char *kind = cJSON_GetStringValue(member(first, "kind"));
    const char *why = cJSON_GetStringValue(member(first, "justification"));

    if (first == NULL)
        return 0;
    if (put_string(obj, "sk", kind) != 0)
        return ECG_ENOMEM;
    return put_string(obj, "sj", why);
}

static int fill_finding(cJSON *obj, struct data_build *b, struct sarif_html_sources *src,
                        const cJSON *run, const cJSON *result)
{
    struct sarif_result_view v;
    long rule = 0;
    int rc;

    sarif_read_view(&v, run, result);
    rc = rule_index(&rule, b, &v);
    if (rc == 0)
        rc = put_number(obj, "r", (double)rule);
    if (rc == 0)
        rc = put_string(obj, "l", v.level);
    if (rc == 0)
        rc = put_string(obj, "m", v.message);
    if (rc == 0)
        rc = put_string(obj, "k", state_of(&v, result));
    if (rc == 0)
        rc = put_place(obj, b, src, cJSON_GetArrayItem(member(result, "locations"), 0),
                       SARIF_HTML_CONTEXT);
    if (rc == 0)
        rc = put_steps(obj, "rel", b, src, member(result, "relatedLocations"), 0);
    if (rc == 0)
        rc = put_flows(obj, b, src, result);
    if (rc == 0)
        rc = put_suppression(obj, result);
    return rc;
}

static int add_finding(struct data_build *b, struct sarif_html_sources *src, const cJSON *run,
                       const cJSON *result)
{
    struct sarif_result_view v;
    struct sorted_finding *f;
    cJSON *obj;

    if (ecg_grow((void **)&b->found, &b->cap, b->n_found + 1, sizeof *b->found) != 0)
        return ECG_ENOMEM;
    obj = cJSON_CreateObject();
    if (obj == NULL)
        return ECG_ENOMEM;
    sarif_read_view(&v, run, result);
    f = &b->found[b->n_found++];
    f->item = obj;
    f->path = v.uri != NULL ? v.uri : "";
    f->line = v.line;
    f->col = v.col;
    f->rule = v.rule_id;
    return fill_finding(obj, b, src, run, result);
}

static int add_run(struct data_build *b, const cJSON *run)
{
    struct sarif_html_sources *src = sarif_html_sources_new(run, b->in->source_root);
    const cJSON *result;
    int rc = src != NULL ? add_driver_rules(b, run) : ECG_ENOMEM;

    cJSON_ArrayForEach(result, member(run, "results"))
    {
        if (rc == 0)
            rc = add_finding(b, src, run, result);
    }
    sarif_html_sources_free(src);
    return rc;
}

static int compare_findings(const void *a, const void *b)
{
    const struct sorted_finding *x = a;
    const struct sorted_finding *y = b;
    int by_path = strcmp(x->path, y->path);

    if (by_path != 0)
        return by_path;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

static int put_tool(struct data_build *b)
{
    const cJSON *run = cJSON_GetArrayItem(member(b->in->sarif->root, "runs"), 0);
    const cJSON *driver = member(member(run, "tool"), "driver");
    const char *version = cJSON_GetStringValue(member(driver, "semanticVersion"));

    if (version == NULL)
        version = cJSON_GetStringValue(member(driver, "version"));
    if (put_string(b->root, "tool", cJSON_GetStringValue(member(driver, "name"))) != 0)
        return ECG_ENOMEM;
    if (put_string(b->root, "version", version) != 0)
        return ECG_ENOMEM;
    return put_string(b->root, "log", b->in->sarif->path);
}

/* Moves the sorted findings into the "findings" array; frees any left on failure. */
static int put_findings(struct data_build *b)
{
    cJSON *findings = cJSON_AddArrayToObject(b->root, "findings");
    size_t i = 0;

    if (findings != NULL) {
        qsort(b->found, b->n_found, sizeof *b->found, compare_findings);
        for (; i < b->n_found; i++)
            cJSON_AddItemToArray(findings, b->found[i].item);
    }
    for (; i < b->n_found; i++)
        cJSON_Delete(b->found[i].item);
    free(b->found);
    b->found = NULL;
    return findings != NULL ? 0 : ECG_ENOMEM;
}

int sarif_html_data(cJSON **out, const struct sarif_html_input *in)
{
    struct data_build b = { .in = in, .root = cJSON_CreateObject() };
    const cJSON *run;
    int rc = b.root != NULL ? 0 : ECG_ENOMEM;

    if (rc == 0) {
        b.rules = cJSON_AddArrayToObject(b.root, "rules");
        b.files = cJSON_AddArrayToObject(b.root, "files");
        rc = b.rules != NULL && b.files != NULL ? put_tool(&b) : ECG_ENOMEM;
    }
    cJSON_ArrayForEach(run, member(in->sarif->root, "runs"))
    {
        if (rc == 0)
            rc = add_run(&b, run);
    }
    if (b.root != NULL && put_findings(&b) != 0)
        rc = ECG_ENOMEM;
    sarif_html_names_fini(&b.rule_names);
    sarif_html_names_fini(&b.file_names);
    if (rc != 0) {
        cJSON_Delete(b.root);
        return rc;
    }
    *out = b.root;
    return 0;
}
