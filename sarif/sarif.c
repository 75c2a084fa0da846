/* SARIF 2.1.0 writer: one run, built as a cJSON tree in a fixed key order so that the same
 * result always gives the same bytes. Columns are Unicode code points (clang's byte
 * columns converted with the line's text); every string is valid UTF-8 and none is empty.
 * What goes in under each profile is planned in limits.c. Building errors are sticky: the
 * first failure is kept and later puts on the missing parent are no-ops. */
#include "sarif/sarif.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer/build_config.h"
#include "analyzer/error.h"
#include "analyzer/path.h"
#include "analyzer/result.h"
#include "analyzer/srcfile.h"
#include "analyzer/utf8.h"
#include "rules/rule.h"
#include "sarif/json.h"
#include "sarif/limits.h"
#include "sarif/linehash.h"

#define SARIF_SCHEMA_URI "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"
#define SARIF_SRCROOT "%SRCROOT%"
#define SARIF_FINGERPRINT_KEY "ecg/v1"
#define SARIF_RULE_DOC ECG_HOMEPAGE "/blob/main/docs/rules/"

/* Bytes kept as they are in a URI path; everything else is percent-encoded. */
static const char uri_plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789-._~/";

struct sarif_ctx {
    const struct ecg_result *result;
    const struct sarif_options *opts;
    struct sarif_limits lim;             /* what the log holds */
    struct sarif_linehash_cache *hashes; /* primaryLocationLineHash, per file */
    size_t n_tags_capped;                /* rules whose tags were cut to lim.max_tags */
    int rc;                              /* first error; 0 while building succeeds */
};

/* --- JSON building (the only place that adds items to cJSON containers) --------------- */

static void fail(struct sarif_ctx *c)
{
    c->rc = ECG_ENOMEM;
}

/* sarif_json_adopt (key a string literal or NULL; item consumed), recording a failure in c. A
 * NULL parent is the trace of an earlier failure. */
static cJSON *attach(struct sarif_ctx *c, cJSON *parent, const char *key, cJSON *item)
{
    return sarif_json_adopt(&c->rc, parent, key, item);
}

static cJSON *put_object(struct sarif_ctx *c, cJSON *parent, const char *key)
{
    return attach(c, parent, key, cJSON_CreateObject());
}

static cJSON *put_array(struct sarif_ctx *c, cJSON *parent, const char *key)
{
    return attach(c, parent, key, cJSON_CreateArray());
}

static void put_number(struct sarif_ctx *c, cJSON *obj, const char *key, double value)
{
    attach(c, obj, key, cJSON_CreateNumber(value));
}

/* Adds s[0..n) as a string, made valid UTF-8; an empty string is left out. */
static void put_string_n(struct sarif_ctx *c, cJSON *obj, const char *key, const char *s, size_t n)
{
    char *copy;

    if (s == NULL || n == 0)
        return;
    copy = ecg_utf8_sanitize(s, n);
    if (copy == NULL) {
        fail(c);
        return;
    }
    attach(c, obj, key, cJSON_CreateString(copy));
    free(copy);
}

static void put_string(struct sarif_ctx *c, cJSON *obj, const char *key, const char *s)
{
    if (s != NULL)
        put_string_n(c, obj, key, s, strlen(s));
}

/* Adds {key: {"text": s[0..n)}}, or nothing when s is empty (message, snippet...). */
static void put_text_n(struct sarif_ctx *c, cJSON *obj, const char *key, const char *s, size_t n)
{
    if (s != NULL && n > 0)
        put_string_n(c, put_object(c, obj, key), "text", s, n);
}

static void put_text(struct sarif_ctx *c, cJSON *obj, const char *key, const char *s)
{
    if (s != NULL)
        put_text_n(c, obj, key, s, strlen(s));
}

static char *vfmt_alloc(struct sarif_ctx *c, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static char *fmt_alloc(struct sarif_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A new formatted string, or NULL (the error recorded). */
static char *vfmt_alloc(struct sarif_ctx *c, const char *fmt, va_list ap)
{
    va_list again;
    int n;
    char *s;

    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s != NULL)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    if (s == NULL)
        fail(c);
    return s;
}

static char *fmt_alloc(struct sarif_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = vfmt_alloc(c, fmt, ap);
    va_end(ap);
    return s;
}

static int has_text(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* --- paths and URIs -------------------------------------------------------------------- */

/* Length of root without trailing slashes; 0 when there is no root. */
static size_t root_length(const char *root)
{
    size_t n = root != NULL ? strlen(root) : 0;

    while (n > 0 && root[n - 1] == '/')
        n--;
    return n;
}

/* The part of path under the root, or NULL when path is not under it. */
static const char *root_relative(const struct ecg_result *result, const char *path)
{
    if (result->root == NULL || result->root[0] != '/')
        return NULL;
    return ecg_path_under(path, result->root);
}

/* prefix, then path[0..n) percent-encoded (RFC 3986), then suffix, as a new string. */
static char *uri_encode(struct sarif_ctx *c, const char *prefix, const char *path, size_t n,
                        const char *suffix)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t plen = strlen(prefix);
    char *uri = malloc(plen + n * 3 + strlen(suffix) + 1);
    char *o;

    if (uri == NULL) {
        fail(c);
        return NULL;
    }
    memcpy(uri, prefix, plen);
    o = uri + plen;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)path[i];
        if (b != 0 && strchr(uri_plain, b) != NULL) {
            *o++ = (char)b;
            continue;
        }
        *o++ = '%';
        *o++ = hex[b >> 4];
        *o++ = hex[b & 0xf];
    }
    memcpy(o, suffix, strlen(suffix) + 1);
    return uri;
}

/* artifactLocation: relative to %SRCROOT% under the root, else an absolute file URI. */
static void put_artifact(struct sarif_ctx *c, cJSON *parent, const char *path)
{
    const char *p = path != NULL ? path : "";
    const char *rel = root_relative(c->result, p);
    cJSON *loc = put_object(c, parent, "artifactLocation");
    char *uri;

    if (rel != NULL)
        uri = uri_encode(c, "", rel, strlen(rel), "");
    else
        uri = uri_encode(c, p[0] == '/' ? "file://" : "", p, strlen(p), "");
    put_string(c, loc, "uri", uri);
    if (rel != NULL)
        put_string(c, loc, "uriBaseId", SARIF_SRCROOT);
    free(uri);
}

/* --- regions and locations ------------------------------------------------------------- */

/* Line `line` of path from the result's sources; NULL when unknown. */
static const char *line_text(struct sarif_ctx *c, const char *path, unsigned line, size_t *out_len)
{
    struct ecg_srcfile *file;

    *out_len = 0; /* ecg_srcfile_line leaves it alone when the line is missing */
    if (c->result->sources == NULL || path == NULL || path[0] == '\0' || line == 0)
        return NULL;
    file = ecg_srccache_get(c->result->sources, path);
    if (file == NULL) {
        fail(c);
        return NULL;
    }
    return ecg_srcfile_line(file, line, out_len);
}

/* endLine and endColumn (exclusive); a reversed range becomes empty at its start. No end
 * at all when end_line is 0. */
static void put_region_end(struct sarif_ctx *c, cJSON *region, const struct ecg_range *r,
                           const char *first, size_t first_len)
{
    unsigned end_line = r->end_line;
    unsigned end_col = r->end_col;
    const char *text = first;
    size_t len = first_len;

    if (end_line == 0)
        return;
    if (end_line < r->line || (end_line == r->line && end_col < r->col)) {
        end_line = r->line;
        end_col = r->col;
    }
    if (end_line != r->line)
        text = line_text(c, r->path, end_line, &len);
    put_number(c, region, "endLine", end_line);
    if (end_col > 0)
        put_number(c, region, "endColumn", ecg_utf8_code_point_col(text, len, end_col));
}

/* region (under key) of r in code point columns; with_snippet adds the first line. */
static void put_region(struct sarif_ctx *c, cJSON *parent, const char *key,
                       const struct ecg_range *r, int with_snippet)
{
    size_t len = 0;
    const char *text;
    cJSON *region;

    if (r->line == 0)
        return;
    text = line_text(c, r->path, r->line, &len);
    region = put_object(c, parent, key);
    put_number(c, region, "startLine", r->line);
    if (r->col > 0)
        put_number(c, region, "startColumn", ecg_utf8_code_point_col(text, len, r->col));
    put_region_end(c, region, r, text, len);
    if (with_snippet)
        put_text_n(c, region, "snippet", text, len);
}

static void put_physical(struct sarif_ctx *c, cJSON *location, const struct ecg_range *r,
                         int with_snippet)
{
    cJSON *phys = put_object(c, location, "physicalLocation");

    put_artifact(c, phys, r->path);
    put_region(c, phys, "region", r, with_snippet);
}

/* --- results --------------------------------------------------------------------------- */

static void put_related(struct sarif_ctx *c, cJSON *res, const struct sarif_item *it)
{
    const struct ecg_finding *f = it->finding;
    size_t n = sarif_limits_capped(f->n_related, c->lim.max_related);
    cJSON *list;

    if (n == 0)
        return;
    list = put_array(c, res, "relatedLocations");
    for (size_t i = 0; i < n; i++) {
        cJSON *loc = put_object(c, list, NULL);
        put_number(c, loc, "id", (double)(i + 1));
        put_physical(c, loc, &f->related[i].range, !it->absent);
        put_text(c, loc, "message", f->related[i].message);
    }
}

static void put_code_flows(struct sarif_ctx *c, cJSON *res, const struct sarif_item *it)
{
    const struct ecg_finding *f = it->finding;
    size_t n = sarif_limits_capped(f->n_flow, c->lim.max_flow);
    cJSON *flow;
    cJSON *steps;

    if (n == 0)
        return;
    flow = put_object(c, put_array(c, res, "codeFlows"), NULL);
    steps = put_array(c, put_object(c, put_array(c, flow, "threadFlows"), NULL), "locations");
    for (size_t i = 0; i < n; i++) {
        cJSON *loc = put_object(c, put_object(c, steps, NULL), "location");
        put_physical(c, loc, &f->flow[i].range, !it->absent);
        put_text(c, loc, "message", f->flow[i].message);
    }
}

static void put_replacement(struct sarif_ctx *c, cJSON *list, const struct ecg_edit *e)
{
    cJSON *rep = put_object(c, list, NULL);

    put_region(c, rep, "deletedRegion", &e->range, 0);
    put_text(c, rep, "insertedContent", e->replacement);
}

/* One artifactChanges entry for the file of edit `first` with every edit of that file. */
static void put_artifact_change(struct sarif_ctx *c, cJSON *changes, const struct ecg_finding *f,
                                size_t first)
{
    const char *path = f->edits[first].range.path;
    cJSON *change = put_object(c, changes, NULL);
    cJSON *reps;

    put_artifact(c, change, path);
    reps = put_array(c, change, "replacements");
    for (size_t i = first; i < f->n_edits; i++) {
        if (strcmp(f->edits[i].range.path, path) == 0)
            put_replacement(c, reps, &f->edits[i]);
    }
}

static int path_seen_before(const struct ecg_finding *f, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (strcmp(f->edits[j].range.path, f->edits[i].range.path) == 0)
            return 1;
    }
    return 0;
}

/* A fix applies to the code as it is now, so an absent result never carries one. */
static void put_fixes(struct sarif_ctx *c, cJSON *res, const struct sarif_item *it)
{
    const struct ecg_finding *f = it->finding;
    cJSON *fix;
    cJSON *changes;

    if (f->n_edits == 0 || !c->lim.with_fixes || it->absent)
        return;
    fix = put_object(c, put_array(c, res, "fixes"), NULL);
    put_text(c, fix, "description", f->fix_description);
    changes = put_array(c, fix, "artifactChanges");
    for (size_t i = 0; i < f->n_edits; i++) {
        if (!path_seen_before(f, i))
            put_artifact_change(c, changes, f, i);
    }
}

/* Viewers want suppressions on every result or on none: when any result of the log is
 * suppressed, the others get an empty array. Absent results are never suppressed. */
static void put_suppressions(struct sarif_ctx *c, cJSON *res, const struct sarif_item *it)
{
    cJSON *list;
    cJSON *s;

    if (!c->lim.with_suppressions)
        return;
    list = put_array(c, res, "suppressions");
    if (!it->finding->suppressed || it->absent)
        return;
    s = put_object(c, list, NULL);
    put_string(c, s, "kind", "inSource");
    put_string(c, s, "justification", it->finding->justification);
}

/* GitHub's hash of the line r starts on, formatted into buf; NULL when the file cannot be
 * read or has no such line. */
static const char *line_hash(struct sarif_ctx *c, const struct ecg_range *r, char *buf, size_t size)
{
    const struct sarif_linehash *lh;
    struct ecg_srcfile *file;

    if (c->result->sources == NULL || r->path == NULL || r->path[0] == '\0' || r->line == 0)
        return NULL;
    file = ecg_srccache_get(c->result->sources, r->path);
    if (file == NULL) {
        fail(c);
        return NULL;
    }
    if (file->text == NULL)
        return NULL;
    if (sarif_linehash_cache_get(&lh, c->hashes, r->path, file->text, file->len) != 0) {
        fail(c);
        return NULL;
    }
    return sarif_linehash_format(buf, size, lh, r->line);
}

/* ecg's own fingerprint, and GitHub's line hash, which the upload action would otherwise
 * compute. An absent result's line is gone: hashing what is there now would mislead. */
static void put_fingerprints(struct sarif_ctx *c, cJSON *res, const struct sarif_item *it)
{
    const struct ecg_finding *f = it->finding;
    char buf[SARIF_LINEHASH_SIZE];
    const char *hash = it->absent ? NULL : line_hash(c, &f->range, buf, sizeof(buf));
    cJSON *prints;

    if (f->fingerprint[0] == '\0' && hash == NULL)
        return;
    prints = put_object(c, res, "partialFingerprints");
    put_string(c, prints, SARIF_FINGERPRINT_KEY, f->fingerprint);
    put_string(c, prints, "primaryLocationLineHash", hash);
}

static void put_result(struct sarif_ctx *c, cJSON *results, const struct sarif_item *it)
{
    const struct ecg_finding *f = it->finding;
    cJSON *res = put_object(c, results, NULL);
    long index = sarif_limits_rule_index(&c->lim, c->result, f->rule_id);
    const char *message = has_text(f->message) ? f->message : f->rule_id;

    put_string(c, res, "ruleId", f->rule_id);
    if (index >= 0)
        put_number(c, res, "ruleIndex", (double)index);
    put_string(c, res, "level", ecg_level_name(sarif_limits_level(it)));
    put_text(c, res, "message", message);
    put_physical(c, put_object(c, put_array(c, res, "locations"), NULL), &f->range, !it->absent);
    put_fingerprints(c, res, it);
    put_related(c, res, it);
    put_code_flows(c, res, it);
    put_fixes(c, res, it);
    put_suppressions(c, res, it);
    if (c->lim.with_baseline)
        put_string(c, res, "baselineState", sarif_limits_baseline_state(it));
}

/* --- rules ----------------------------------------------------------------------------- */

/* The non-empty parts joined by blank lines, as a new string. */
static char *join_paragraphs(struct sarif_ctx *c, const char *const *parts, size_t n)
{
    size_t total = 1;
    size_t o = 0;
    char *s;

    for (size_t i = 0; i < n; i++)
        total += parts[i] != NULL ? strlen(parts[i]) + 2 : 0;
    s = malloc(total);
    if (s == NULL) {
        fail(c);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i] != NULL ? strlen(parts[i]) : 0;
        if (len == 0)
            continue;
        if (o > 0) {
            memcpy(s + o, "\n\n", 2);
            o += 2;
        }
        memcpy(s + o, parts[i], len);
        o += len;
    }
    s[o] = '\0';
    return s;
}

static void put_help(struct sarif_ctx *c, cJSON *rule, const struct rule_desc *d,
                     const char *help_uri)
{
    char *see = fmt_alloc(c, "See %s", help_uri);
    char *link = fmt_alloc(c, "[Documentation](%s)", help_uri);
    const char *text_parts[3] = { d->summary, d->description, see };
    const char *md_parts[3] = { d->summary, d->description, link };
    char *text = see != NULL ? join_paragraphs(c, text_parts, 3) : NULL;
    char *markdown = link != NULL ? join_paragraphs(c, md_parts, 3) : NULL;
    cJSON *help = put_object(c, rule, "help");

    put_string(c, help, "text", text);
    put_string(c, help, "markdown", markdown);
    free(markdown);
    free(text);
    free(link);
    free(see);
}

/* Nonzero when the array already holds the string s[0..n) (tags must be unique). */
static int array_has(const cJSON *arr, const char *s, size_t n)
{
    const cJSON *item;

    cJSON_ArrayForEach(item, arr)
    {
        const char *v = cJSON_GetStringValue(item);
        if (v != NULL && strlen(v) == n && memcmp(v, s, n) == 0)
            return 1;
    }
    return 0;
}

/* Adds a tag unless it is empty or already there; returns 1 when the cap drops it. */
static int put_tag(struct sarif_ctx *c, cJSON *tags, const char *s, size_t n)
{
    if (n == 0 || array_has(tags, s, n))
        return 0;
    if (c->lim.max_tags > 0 && (size_t)cJSON_GetArraySize(tags) >= c->lim.max_tags)
        return 1;
    put_string_n(c, tags, NULL, s, n);
    return 0;
}

/* tags: the rule's comma-separated tags, trimmed, then external/cwe/cwe-N for each CWE;
 * the first ones when there are more than the cap. */
static void put_tags(struct sarif_ctx *c, cJSON *props, const struct rule_desc *d)
{
    cJSON *tags = put_array(c, props, "tags");
    const char *p = d->tags != NULL ? d->tags : "";
    char cwe[40];
    int dropped = 0;

    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        size_t skip = strspn(p, " \t");
        size_t len = n - skip;
        while (len > 0 && strchr(" \t", p[skip + len - 1]) != NULL)
            len--;
        dropped |= put_tag(c, tags, p + skip, len);
        p += p[n] == ',' ? n + 1 : n;
    }
    for (size_t i = 0; i < RULE_MAX_CWE && d->cwe[i] != 0; i++) {
        snprintf(cwe, sizeof(cwe), "external/cwe/cwe-%d", d->cwe[i]);
        dropped |= put_tag(c, tags, cwe, strlen(cwe));
    }
    c->n_tags_capped += (size_t)dropped;
}

static void put_rule_properties(struct sarif_ctx *c, cJSON *rule, const struct rule_desc *d)
{
    int any_tags = has_text(d->tags) || d->cwe[0] != 0;
    cJSON *props;

    if (!any_tags && !has_text(d->precision) && !has_text(d->security_severity))
        return;
    props = put_object(c, rule, "properties");
    if (any_tags)
        put_tags(c, props, d);
    put_string(c, props, "precision", d->precision);
    put_string(c, props, "security-severity", d->security_severity);
}

static void put_rule(struct sarif_ctx *c, cJSON *rules, const struct rule_desc *d)
{
    const char *base = c->opts != NULL ? c->opts->help_uri_base : NULL;
    char *help_uri =
        fmt_alloc(c, "%s%s.md", sarif_help_uri_valid(base) ? base : SARIF_RULE_DOC, d->id);
    cJSON *rule = put_object(c, rules, NULL);

    put_string(c, rule, "id", d->id);
    put_string(c, rule, "name", d->title);
    put_text(c, rule, "shortDescription", d->summary);
    put_text(c, rule, "fullDescription", d->description);
    if (help_uri != NULL)
        put_help(c, rule, d, help_uri);
    put_string(c, rule, "helpUri", help_uri);
    put_string(c, put_object(c, rule, "defaultConfiguration"), "level", ecg_level_name(d->level));
    put_rule_properties(c, rule, d);
    free(help_uri);
}

/* --- run ------------------------------------------------------------------------------- */

static void put_driver(struct sarif_ctx *c, cJSON *run)
{
    cJSON *driver = put_object(c, put_object(c, run, "tool"), "driver");
    cJSON *rules;

    put_string(c, driver, "name", "ecg");
    put_string(c, driver, "semanticVersion", ECG_VERSION);
    put_string(c, driver, "informationUri", ECG_HOMEPAGE);
    rules = put_array(c, driver, "rules");
    for (size_t i = 0; i < c->result->n_rules; i++)
        put_rule(c, rules, c->result->rules[i]);
    for (size_t i = 0; i < c->lim.n_extra_rules; i++)
        put_rule(c, rules, c->lim.extra_rules[i]);
}

/* automationDetails.id; a trailing '/' marks the whole id as the category, as GitHub's
 * upload action does. */
static void put_automation(struct sarif_ctx *c, cJSON *run)
{
    const char *category = c->opts != NULL ? c->opts->category : NULL;
    size_t n = category != NULL ? strlen(category) : 0;
    char *id;

    if (n == 0)
        return;
    id = fmt_alloc(c, "%s%s", category, category[n - 1] == '/' ? "" : "/");
    put_string(c, put_object(c, run, "automationDetails"), "id", id);
    free(id);
}

/* originalUriBaseIds: %SRCROOT% is the root as a file URI ending with '/'. */
static void put_base_ids(struct sarif_ctx *c, cJSON *run)
{
    const char *root = c->result->root;
    char *uri;

    if (root == NULL || root[0] != '/')
        return;
    uri = uri_encode(c, "file://", root, root_length(root), "/");
    put_string(c, put_object(c, put_object(c, run, "originalUriBaseIds"), SARIF_SRCROOT), "uri",
               uri);
    free(uri);
}

/* ISO 8601 UTC with milliseconds; left out when the time cannot be represented. */
static void put_time(struct sarif_ctx *c, cJSON *obj, const char *key, const struct timespec *ts)
{
    time_t t = ts->tv_sec;
    struct tm tm;
    char buf[64];

    if (gmtime_r(&t, &tm) == NULL)
        return;
    snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             (long)(ts->tv_nsec / 1000000));
    put_string(c, obj, key, buf);
}

static void put_unit_error(struct sarif_ctx *c, cJSON *list, const struct ecg_unit_error *e)
{
    struct ecg_range at = { e->path, e->line, e->col, 0, 0 };
    const char *message = has_text(e->message) ? e->message : "could not be analyzed";
    cJSON *n = put_object(c, list, NULL);

    put_string(c, n, "level", "error");
    put_text(c, n, "message", message);
    if (has_text(e->path))
        put_physical(c, put_object(c, put_array(c, n, "locations"), NULL), &at, 0);
}

static void put_limit_note(struct sarif_ctx *c, cJSON *list, size_t count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A warning notification, when count > 0, that a limit left something out. */
static void put_limit_note(struct sarif_ctx *c, cJSON *list, size_t count, const char *fmt, ...)
{
    va_list ap;
    char *text;
    cJSON *n;

    if (count == 0)
        return;
    va_start(ap, fmt);
    text = vfmt_alloc(c, fmt, ap);
    va_end(ap);
    n = put_object(c, list, NULL);
    put_string(c, n, "level", "warning");
    put_text(c, n, "message", text);
    free(text);
}

static void put_limit_notes(struct sarif_ctx *c, cJSON *list)
{
    const struct sarif_limits *l = &c->lim;
    size_t left_out = l->n_candidates - l->n_items;

    put_limit_note(c, list, left_out,
                   "%zu of %zu results left out: at most %zu are written per run, the most "
                   "severe first (error, then warning, then note)",
                   left_out, l->n_candidates, l->max_results);
    put_limit_note(c, list, l->n_related_capped,
                   "relatedLocations cut to the first %zu in %zu result(s): GitHub accepts at "
                   "most %d locations per result",
                   l->max_related, l->n_related_capped, SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT);
    put_limit_note(c, list, l->n_flow_capped,
                   "code flows cut to the first %zu steps in %zu result(s): GitHub accepts at "
                   "most %d thread flow locations per result",
                   l->max_flow, l->n_flow_capped, SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS);
    put_limit_note(c, list, c->n_tags_capped,
                   "tags cut to the first %zu in %zu rule(s): GitHub accepts at most %d tags "
                   "per rule",
                   l->max_tags, c->n_tags_capped, SARIF_GITHUB_MAX_TAGS_PER_RULE);
}

static void put_invocation(struct sarif_ctx *c, cJSON *run)
{
    const struct ecg_result *r = c->result;
    const struct sarif_limits *l = &c->lim;
    cJSON *inv = put_object(c, put_array(c, run, "invocations"), NULL);
    cJSON *list;

    attach(c, inv, "executionSuccessful", cJSON_CreateBool(r->units_failed == 0));
    put_string(c, inv, "commandLine", r->command_line);
    if (r->timestamps) {
        put_time(c, inv, "startTimeUtc", &r->start_time);
        put_time(c, inv, "endTimeUtc", &r->end_time);
    }
    if (r->n_unit_errors == 0 && l->n_items == l->n_candidates && l->n_related_capped == 0 &&
        l->n_flow_capped == 0 && c->n_tags_capped == 0)
        return;
    list = put_array(c, inv, "toolExecutionNotifications");
    for (size_t i = 0; i < r->n_unit_errors; i++)
        put_unit_error(c, list, &r->unit_errors[i]);
    put_limit_notes(c, list);
}

static void put_run(struct sarif_ctx *c, cJSON *runs)
{
    cJSON *run = put_object(c, runs, NULL);
    cJSON *results;

    put_driver(c, run);
    put_automation(c, run);
    put_base_ids(c, run);
    put_invocation(c, run);
    results = put_array(c, run, "results");
    for (size_t i = 0; i < c->lim.n_items; i++)
        put_result(c, results, &c->lim.items[i]);
    put_string(c, run, "columnKind", "unicodeCodePoints");
}

static int write_text(FILE *out, const char *text)
{
    size_t n = strlen(text);

    if (fwrite(text, 1, n, out) != n || fputc('\n', out) == EOF)
        return ECG_EIO;
    if (fflush(out) != 0 || ferror(out))
        return ECG_EIO;
    return 0;
}

/* Builds the log and prints it to out; 0, ECG_ENOMEM or ECG_EIO. A log that could not be
 * created is a NULL parent: the first put records the error. */
static int print_log(FILE *out, struct sarif_ctx *c)
{
    cJSON *log = cJSON_CreateObject();
    char *text = NULL;
    int rc;

    put_string(c, log, "$schema", SARIF_SCHEMA_URI);
    put_string(c, log, "version", SARIF_VERSION);
    put_run(c, put_array(c, log, "runs"));
    if (c->rc == 0)
        text = cJSON_Print(log);
    cJSON_Delete(log);
    rc = c->rc;
    if (rc == 0 && text == NULL)
        rc = ECG_ENOMEM;
    if (rc == 0)
        rc = write_text(out, text);
    cJSON_free(text);
    return rc;
}

int sarif_write(FILE *out, const struct ecg_result *result, const struct sarif_options *opts)
{
    struct sarif_ctx c = { result, opts, { 0 }, sarif_linehash_cache_new(), 0, 0 };
    int rc;

    if (c.hashes == NULL)
        return ECG_ENOMEM;
    rc = sarif_limits_init(&c.lim, result, opts);
    if (rc == 0) {
        rc = print_log(out, &c);
        sarif_limits_fini(&c.lim);
    }
    sarif_linehash_cache_free(c.hashes);
    return rc;
}
