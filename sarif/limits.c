/* Plans a SARIF log (see limits.h) and checks the help URI option (sarif_help_uri_valid).
 * Keeping the k most severe results is a counting pass, not a sort: the levels above some
 * threshold fit whole and the threshold level fills the rest in the findings' order, so
 * the kept results stay in their deterministic order whatever was dropped. */
#include "sarif/limits.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/result.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "sarif/sarif.h"

#define N_LEVELS 3 /* ECG_LEVEL_NOTE .. ECG_LEVEL_ERROR */

enum ecg_level sarif_limits_level(const struct sarif_item *item)
{
    const struct ecg_finding *f = item->finding;

    if (!item->absent && f->fails_gate && f->level == ECG_LEVEL_WARNING && !f->suppressed)
        return ECG_LEVEL_ERROR;
    return f->level;
}

static int is_github(const struct sarif_options *opts)
{
    return opts != NULL && opts->profile == SARIF_PROFILE_GITHUB;
}

/* Every result the profile writes, before max_results: findings (GitHub: unsuppressed
 * ones), then absent results (not for GitHub, which would open them as alerts). */
static int collect(struct sarif_limits *l, const struct ecg_result *r, int github)
{
    size_t n = 0;

    l->items = malloc((r->findings.len + r->absent.len + 1) * sizeof(*l->items));
    if (l->items == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < r->findings.len; i++) {
        if (github && r->findings.items[i].suppressed)
            continue;
        l->items[n].finding = &r->findings.items[i];
        l->items[n].absent = 0;
        n++;
    }
    for (size_t i = 0; i < r->absent.len && !github; i++) {
        l->items[n].finding = &r->absent.items[i];
        l->items[n].absent = 1;
        n++;
    }
    l->n_items = n;
    l->n_candidates = n;
    return 0;
}

/* Keeps the max most severe items, in their order. */
static void keep_most_severe(struct sarif_limits *l, size_t max)
{
    size_t count[N_LEVELS] = { 0 };
    size_t take[N_LEVELS] = { 0 };
    size_t left = max;
    size_t kept = 0;

    for (size_t i = 0; i < l->n_items; i++)
        count[sarif_limits_level(&l->items[i])]++;
    for (int level = N_LEVELS - 1; level >= 0; level--) {
        take[level] = count[level] < left ? count[level] : left;
        left -= take[level];
    }
    for (size_t i = 0; i < l->n_items; i++) {
        enum ecg_level level = sarif_limits_level(&l->items[i]);
        if (take[level] == 0)
            continue;
        take[level]--;
        l->items[kept++] = l->items[i];
    }
    l->n_items = kept;
}

static int has_rule(const struct rule_desc *const *rules, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rules[i]->id, id) == 0)
            return 1;
    }
    return 0;
}

static int compare_rule_ids(const void *pa, const void *pb)
{
    const struct rule_desc *const *a = pa;
    const struct rule_desc *const *b = pb;

    return strcmp((*a)->id, (*b)->id);
}

/* The registered rules of absent results that the run's rules lack, in id order. */
static int add_extra_rules(struct sarif_limits *l, const struct ecg_result *r)
{
    for (size_t i = 0; i < l->n_items; i++) {
        const char *id = l->items[i].finding->rule_id;
        const struct rule_desc *d;
        if (!l->items[i].absent || has_rule(r->rules, r->n_rules, id) ||
            has_rule(l->extra_rules, l->n_extra_rules, id))
            continue;
        d = rule_registry_find(id);
        if (d == NULL)
            continue;
        if (l->extra_rules == NULL)
            l->extra_rules = malloc(l->n_items * sizeof(*l->extra_rules));
        if (l->extra_rules == NULL)
            return ECG_ENOMEM;
        l->extra_rules[l->n_extra_rules++] = d;
    }
    if (l->n_extra_rules > 1)
        qsort(l->extra_rules, l->n_extra_rules, sizeof(*l->extra_rules), compare_rule_ids);
    return 0;
}

/* The per-result caps (GitHub's only) and how many written results they cut. */
static void set_caps(struct sarif_limits *l, int github)
{
    if (!github)
        return;
    /* The primary location counts too, so related ones get one fewer than the limit. */
    l->max_related = SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT - 1;
    l->max_flow = SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS;
    l->max_tags = SARIF_GITHUB_MAX_TAGS_PER_RULE;
    for (size_t i = 0; i < l->n_items; i++) {
        const struct ecg_finding *f = l->items[i].finding;
        l->n_related_capped += sarif_limits_capped(f->n_related, l->max_related) < f->n_related;
        l->n_flow_capped += sarif_limits_capped(f->n_flow, l->max_flow) < f->n_flow;
    }
}

static void set_flags(struct sarif_limits *l, const struct ecg_result *r, int github)
{
    l->with_fixes = !github;
    l->with_baseline = r->baseline_in_use || (r->absent.len > 0 && !github);
    for (size_t i = 0; i < l->n_items && !github; i++) {
        if (!l->items[i].absent && l->items[i].finding->suppressed)
            l->with_suppressions = 1;
    }
}

int sarif_limits_init(struct sarif_limits *out, const struct ecg_result *result,
                      const struct sarif_options *opts)
{
    struct sarif_limits l;
    int github = is_github(opts);
    int rc;

    memset(&l, 0, sizeof(l));
    l.max_results = opts != NULL ? opts->max_results : 0;
    if (l.max_results == 0 && github)
        l.max_results = SARIF_GITHUB_MAX_RESULTS;
    rc = collect(&l, result, github);
    if (rc == 0 && l.max_results > 0 && l.n_items > l.max_results)
        keep_most_severe(&l, l.max_results);
    if (rc == 0)
        rc = add_extra_rules(&l, result);
    if (rc != 0) {
        sarif_limits_fini(&l);
        return rc;
    }
    set_caps(&l, github);
    set_flags(&l, result, github);
    *out = l;
    return 0;
}

void sarif_limits_fini(struct sarif_limits *limits)
{
    free(limits->extra_rules);
    free(limits->items);
    memset(limits, 0, sizeof(*limits));
}

long sarif_limits_rule_index(const struct sarif_limits *limits, const struct ecg_result *result,
                             const char *rule_id)
{
    for (size_t i = 0; i < result->n_rules; i++) {
        if (result->rules[i]->id == rule_id || strcmp(result->rules[i]->id, rule_id) == 0)
            return (long)i;
    }
    for (size_t i = 0; i < limits->n_extra_rules; i++) {
        if (strcmp(limits->extra_rules[i]->id, rule_id) == 0)
            return (long)(result->n_rules + i);
    }
    return -1;
}

/* A finding without a state while a baseline is in use was not in it: new. */
const char *sarif_limits_baseline_state(const struct sarif_item *item)
{
    if (item->absent)
        return "absent";
    switch (item->finding->baseline_state) {
    case ECG_BASELINE_UNCHANGED:
        return "unchanged";
    case ECG_BASELINE_ABSENT:
        return "absent";
    case ECG_BASELINE_NONE:
    case ECG_BASELINE_NEW:
        return "new";
    }
    return "new";
}

/* --- options --------------------------------------------------------------------------- */

/* RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
static size_t scheme_length(const char *s)
{
    size_t n = 0;

    if (!isalpha((unsigned char)s[0]))
        return 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
        n++;
    return s[n] == ':' ? n : 0;
}

/* A byte that may appear in a URI: printable ASCII but for the excluded delimiters, and
 * '%' only as the start of a percent-encoded byte. */
static int uri_byte_ok(const char *s)
{
    unsigned char b = (unsigned char)s[0];

    if (b <= 0x20 || b >= 0x7f || strchr("\"<>\\^`{|}", b) != NULL)
        return 0;
    return b != '%' || (isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2]));
}

int sarif_help_uri_valid(const char *base)
{
    size_t scheme = base != NULL ? scheme_length(base) : 0;

    if (scheme == 0 || base[scheme + 1] == '\0')
        return 0;
    for (const char *p = base; *p != '\0'; p++) {
        if (!uri_byte_ok(p))
            return 0;
    }
    return 1;
}
