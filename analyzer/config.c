/* Configuration: .ecg.json parsing validated against the rule registry, and discovery; see
 * config.h (merging is in config_merge.c, --dump-config in config_dump.c, the cache in
 * config_cache.c). cJSON keeps no positions, so an error re-scans the accepted text to the
 * offending member (by child index, exact even for duplicate keys) to report its line and column.
 */
#include "analyzer/config.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/jsonpos.h"
#include "analyzer/path.h"
#include "analyzer/suggest.h"
#include "analyzer/taint.h"
#include "rules/registry.h"
#include "rules/rule.h"

/* The root member, then rule, option, list element, or taint list, entry, key, argument. */
#define PATH_DEPTH_MAX 5
#define SUGGEST_DISTANCE_MAX 2

/* A parse in progress: the text cJSON accepted and the child-index path of the member
 * being validated, so a failure can be located in the text. */
struct parse_ctx {
    const char *text;
    size_t len;
    const char *origin;
    struct ecg_diag *diag;
    size_t path[PATH_DEPTH_MAX];
    size_t depth;
};

struct ecg_config *ecg_config_new(void)
{
    struct ecg_config *cfg = calloc(1, sizeof(*cfg));

    if (cfg == NULL)
        return NULL;
    ecg_strvec_init(&cfg->exclude);
    cfg->rules = cJSON_CreateObject();
    if (cfg->rules == NULL) {
        free(cfg);
        return NULL;
    }
    return cfg;
}

void ecg_config_free(struct ecg_config *cfg)
{
    if (cfg == NULL)
        return;
    free(cfg->origin);
    free(cfg->dir);
    free(cfg->checks);
    free(cfg->warnings_as_errors);
    free(cfg->header_filter);
    ecg_strvec_fini(&cfg->exclude);
    cJSON_Delete(cfg->rules);
    cJSON_Delete(cfg->taint);
    free(cfg);
}

static int fail_at(const struct parse_ctx *pc, int want_key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records an ECG_ECONFIG failure at the key (want_key) or value of the current path. */
static int fail_at(const struct parse_ctx *pc, int want_key, const char *fmt, ...)
{
    char message[ECG_DIAG_MESSAGE_MAX];
    size_t at = ecg_jsonpos_locate(pc->text, pc->len, pc->path, pc->depth, want_key);
    unsigned line;
    unsigned col;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    ecg_fileio_position(&line, &col, pc->text, at);
    ecg_diag_set(pc->diag, pc->origin, line, col, "%s", message);
    return ECG_ECONFIG;
}

static void at_child(struct parse_ctx *pc, size_t level, size_t index)
{
    pc->path[level] = index;
    pc->depth = level + 1;
}

static int is_duplicate(const cJSON *parent, const cJSON *item)
{
    for (const cJSON *c = parent->child; c != item; c = c->next) {
        if (strcmp(c->string, item->string) == 0)
            return 1;
    }
    return 0;
}

/* "a,b" from ["a", "b"]; the array's entries must be strings. */
static int join_entries(char **out, struct parse_ctx *pc, const cJSON *array)
{
    size_t total = 1;
    size_t j = 0;
    size_t at = 0;
    char *buf;

    for (const cJSON *e = array->child; e != NULL; e = e->next, j++) {
        if (!cJSON_IsString(e)) {
            at_child(pc, 1, j);
            return fail_at(pc, 0, "entries of '%s' must be strings", array->string);
        }
        total += strlen(e->valuestring) + 1;
    }
    buf = malloc(total);
    if (buf == NULL)
        return ECG_ENOMEM;
    for (const cJSON *e = array->child; e != NULL; e = e->next) {
        size_t n = strlen(e->valuestring);

        if (at > 0)
            buf[at++] = ',';
        memcpy(buf + at, e->valuestring, n);
        at += n;
    }
    buf[at] = '\0';
    *out = buf;
    return 0;
}

/* A glob list given as "a,-b", as ["a", "-b"], or null (unset). */
static int parse_glob_list(char **dst, struct parse_ctx *pc, const cJSON *item)
{
    char *value = NULL;
    int rc = 0;

    if (cJSON_IsString(item)) {
        value = strdup(item->valuestring);
        rc = value == NULL ? ECG_ENOMEM : 0;
    } else if (cJSON_IsArray(item)) {
        rc = join_entries(&value, pc, item);
    } else if (!cJSON_IsNull(item)) {
        rc = fail_at(pc, 0, "'%s' must be a string or an array of strings", item->string);
    }
    if (rc != 0)
        return rc;
    free(*dst);
    *dst = value;
    return 0;
}

static int parse_checks(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    return parse_glob_list(&cfg->checks, pc, item);
}

static int parse_warnings_as_errors(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    return parse_glob_list(&cfg->warnings_as_errors, pc, item);
}

static int parse_header_filter(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    char why[256];
    char *value = NULL;
    regex_t re;
    int err;

    if (!cJSON_IsString(item) && !cJSON_IsNull(item))
        return fail_at(pc, 0, "'header_filter' must be a string (a POSIX extended regex)");
    if (cJSON_IsString(item)) {
        err = regcomp(&re, item->valuestring, REG_EXTENDED | REG_NOSUB);
        if (err == REG_ESPACE)
            return ECG_ENOMEM;
        if (err != 0) {
            regerror(err, &re, why, sizeof(why));
            return fail_at(pc, 0, "'header_filter' is not a valid regular expression: %s", why);
        }
        regfree(&re);
        value = strdup(item->valuestring);
        if (value == NULL)
            return ECG_ENOMEM;
    }
    free(cfg->header_filter);
    cfg->header_filter = value;
    return 0;
}

/* An exclude glob made absolute against dir. A trailing '/' means everything below. */
static char *exclude_glob(const char *dir, const char *pattern)
{
    size_t n = strlen(pattern);
    char *glob;
    char *full;

    if (dir == NULL && pattern[0] != '/')
        return strdup(pattern);
    glob = ecg_path_absolute(dir, pattern);
    if (glob == NULL || pattern[n - 1] != '/')
        return glob;
    full = ecg_path_join(glob, "**");
    free(glob);
    return full;
}

static int parse_exclude(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    struct ecg_strvec globs;
    size_t j = 0;
    int rc = 0;

    if (!cJSON_IsArray(item))
        return fail_at(pc, 0, "'exclude' must be an array of path globs");
    ecg_strvec_init(&globs);
    for (const cJSON *e = item->child; e != NULL && rc == 0; e = e->next, j++) {
        at_child(pc, 1, j);
        if (!cJSON_IsString(e) || e->valuestring[0] == '\0')
            rc = fail_at(pc, 0, "entries of 'exclude' must be non-empty strings");
        else
            rc = ecg_strvec_push_take(&globs, exclude_glob(cfg->dir, e->valuestring));
    }
    if (rc == 0)
        rc = ecg_strvec_extend(&cfg->exclude, &globs);
    ecg_strvec_fini(&globs);
    return rc;
}

static int parse_inherit(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    if (!cJSON_IsBool(item))
        return fail_at(pc, 0, "'inherit' must be true or false");
    cfg->inherit = cJSON_IsTrue(item);
    return 0;
}

static int is_integer(const cJSON *item)
{
    double d = item->valuedouble;

    /* (double)LONG_MAX rounds up to 2^63, so the strict bounds keep the cast defined. */
    return cJSON_IsNumber(item) && d > -(double)LONG_MAX && d < (double)LONG_MAX &&
           d == (double)(long)d;
}

/* Nonzero when value has the JSON type of option o (entries and choices are not checked). */
static int option_type_matches(const struct rule_option *o, const cJSON *value)
{
    switch (o->type) {
    case RULE_OPT_BOOL:
        return cJSON_IsBool(value);
    case RULE_OPT_INT:
        return is_integer(value);
    case RULE_OPT_STRING:
        return cJSON_IsString(value);
    case RULE_OPT_STRING_LIST:
        return cJSON_IsArray(value);
    }
    return 0;
}

/* Every entry of a string-list option value (an array) must be a string. */
static int check_list_entries(struct parse_ctx *pc, const struct rule_desc *desc,
                              const struct rule_option *o, const cJSON *value)
{
    size_t j = 0;

    for (const cJSON *e = value->child; e != NULL; e = e->next, j++) {
        if (!cJSON_IsString(e)) {
            at_child(pc, 3, j);
            return fail_at(pc, 0, "entries of option '%s' of rule '%s' must be strings", o->name,
                           desc->id);
        }
    }
    return 0;
}

static int check_option_type(struct parse_ctx *pc, const struct rule_desc *desc,
                             const struct rule_option *o, const cJSON *value)
{
    if (!option_type_matches(o, value))
        return fail_at(pc, 0, "option '%s' of rule '%s' must be %s", o->name, desc->id,
                       rule_option_expects(o->type));
    if (o->type == RULE_OPT_STRING && o->choices != NULL &&
        !rule_option_allows(o, value->valuestring))
        return fail_at(pc, 0, "option '%s' of rule '%s' must be one of: %s", o->name, desc->id,
                       o->choices);
    if (o->type == RULE_OPT_STRING_LIST)
        return check_list_entries(pc, desc, o, value);
    return 0;
}

static int fail_unknown_option(struct parse_ctx *pc, const struct rule_desc *desc, const char *name)
{
    struct ecg_suggest s;
    char known[512] = "";
    size_t used = 0;

    ecg_suggest_init(&s, name, SUGGEST_DISTANCE_MAX);
    for (size_t i = 0; i < desc->n_options; i++) {
        ecg_suggest_consider(&s, desc->options[i].name);
        if (used < sizeof(known))
            used += (size_t)snprintf(known + used, sizeof(known) - used, "%s%s", i > 0 ? ", " : "",
                                     desc->options[i].name);
    }
    if (s.best != NULL)
        return fail_at(pc, 1, "rule '%s' has no option '%s'; did you mean '%s'?", desc->id, name,
                       s.best);
    if (desc->n_options == 0)
        return fail_at(pc, 1, "rule '%s' has no options", desc->id);
    return fail_at(pc, 1, "rule '%s' has no option '%s' (options: %s)", desc->id, name, known);
}

static int fail_unknown_rule(struct parse_ctx *pc, const char *id)
{
    struct ecg_suggest s;

    ecg_suggest_init(&s, id, SUGGEST_DISTANCE_MAX);
    for (size_t i = 0; i < rule_registry_count(); i++)
        ecg_suggest_consider(&s, rule_registry_at(i)->id);
    if (s.best != NULL)
        return fail_at(pc, 1, "unknown rule '%s'; did you mean '%s'?", id, s.best);
    return fail_at(pc, 1, "unknown rule '%s'", id);
}

static const struct rule_option *find_option(const struct rule_desc *desc, const char *name)
{
    for (size_t i = 0; i < desc->n_options; i++) {
        if (strcmp(desc->options[i].name, name) == 0)
            return &desc->options[i];
    }
    return NULL;
}

static int parse_rule(struct parse_ctx *pc, const cJSON *rules, const cJSON *rule)
{
    const struct rule_desc *desc = rule_registry_find(rule->string);
    size_t k = 0;

    if (desc == NULL)
        return fail_unknown_rule(pc, rule->string);
    if (is_duplicate(rules, rule))
        return fail_at(pc, 1, "rule '%s' is configured twice", rule->string);
    if (!cJSON_IsObject(rule))
        return fail_at(pc, 0, "options of rule '%s' must be an object", rule->string);
    for (const cJSON *opt = rule->child; opt != NULL; opt = opt->next, k++) {
        const struct rule_option *o = find_option(desc, opt->string);
        int rc;

        at_child(pc, 2, k);
        if (o == NULL)
            return fail_unknown_option(pc, desc, opt->string);
        if (is_duplicate(rule, opt))
            return fail_at(pc, 1, "option '%s' of rule '%s' is set twice", o->name, desc->id);
        rc = check_option_type(pc, desc, o, opt);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int parse_rules(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    size_t j = 0;

    (void)cfg; /* the validated object is adopted whole by ecg_config_parse */
    if (!cJSON_IsObject(item))
        return fail_at(pc, 0, "'rules' must be an object mapping rule ids to their options");
    for (const cJSON *rule = item->child; rule != NULL; rule = rule->next, j++) {
        int rc;

        at_child(pc, 1, j);
        rc = parse_rule(pc, item, rule);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The taint object is checked by analyzer/taint_config.c, which names the bad member by its
 * path below "taint"; the path continues the one that leads here. */
static int parse_taint(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item)
{
    struct ecg_taint_config_error e;
    cJSON *copy;

    if (ecg_taint_config_check(&e, item) != 0) {
        memcpy(pc->path + pc->depth, e.where, e.depth * sizeof(*e.where));
        pc->depth += e.depth;
        return fail_at(pc, e.want_key, "%s", e.message);
    }
    copy = cJSON_IsNull(item) ? NULL : cJSON_Duplicate(item, 1);
    if (!cJSON_IsNull(item) && copy == NULL)
        return ECG_ENOMEM;
    cJSON_Delete(cfg->taint);
    cfg->taint = copy;
    return 0;
}

typedef int (*key_parse_fn)(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *item);

struct key_handler {
    const char *name;
    key_parse_fn parse;
};

static const struct key_handler key_handlers[] = {
    { "checks", parse_checks },
    { "warnings_as_errors", parse_warnings_as_errors },
    { "header_filter", parse_header_filter },
    { "exclude", parse_exclude },
    { "inherit", parse_inherit },
    { "rules", parse_rules },
    { "taint", parse_taint },
};

#define N_KEY_HANDLERS (sizeof(key_handlers) / sizeof(key_handlers[0]))

static int parse_key(struct ecg_config *cfg, struct parse_ctx *pc, const cJSON *root,
                     const cJSON *item)
{
    struct ecg_suggest s;

    ecg_suggest_init(&s, item->string, SUGGEST_DISTANCE_MAX);
    for (size_t i = 0; i < N_KEY_HANDLERS; i++) {
        if (strcmp(key_handlers[i].name, item->string) != 0)
            continue;
        if (is_duplicate(root, item))
            return fail_at(pc, 1, "key '%s' appears twice", item->string);
        return key_handlers[i].parse(cfg, pc, item);
    }
    for (size_t i = 0; i < N_KEY_HANDLERS; i++)
        ecg_suggest_consider(&s, key_handlers[i].name);
    if (s.best != NULL)
        return fail_at(pc, 1, "unknown key '%s'; did you mean '%s'?", item->string, s.best);
    return fail_at(pc, 1,
                   "unknown key '%s' (expected checks, warnings_as_errors, header_filter, "
                   "exclude, inherit, rules or taint)",
                   item->string);
}

static int parse_root(struct ecg_config *cfg, struct parse_ctx *pc, cJSON *root)
{
    size_t i = 0;
    cJSON *rules;

    pc->depth = 0;
    if (!cJSON_IsObject(root))
        return fail_at(pc, 0, "a configuration must be a JSON object");
    for (const cJSON *item = root->child; item != NULL; item = item->next, i++) {
        int rc;

        at_child(pc, 0, i);
        rc = parse_key(cfg, pc, root, item);
        if (rc != 0)
            return rc;
    }
    rules = cJSON_DetachItemFromObjectCaseSensitive(root, "rules");
    if (rules != NULL) {
        cJSON_Delete(cfg->rules);
        cfg->rules = rules;
    }
    return 0;
}

static int config_identity(struct ecg_config *cfg, const char *origin, const char *dir)
{
    cfg->origin = origin != NULL ? strdup(origin) : NULL;
    cfg->dir = dir != NULL ? ecg_path_absolute(NULL, dir) : NULL;
    if ((origin != NULL && cfg->origin == NULL) || (dir != NULL && cfg->dir == NULL))
        return ECG_ENOMEM;
    return 0;
}

int ecg_config_parse(struct ecg_config **out, const char *text, size_t len, const char *origin,
                     const char *dir, struct ecg_diag *diag)
{
    struct parse_ctx pc = { .origin = origin, .diag = diag };
    struct ecg_config *cfg = NULL;
    cJSON *root = NULL;
    int rc;

    /* A UTF-8 byte order mark is invisible in editors, so columns are counted after it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    pc.text = text;
    pc.len = len;
    rc = ecg_fileio_parse_json(&root, text, len, origin, diag);
    if (rc != 0)
        return rc;
    cfg = ecg_config_new();
    rc = cfg == NULL ? ECG_ENOMEM : config_identity(cfg, origin, dir);
    if (rc == 0)
        rc = parse_root(cfg, &pc, root);
    cJSON_Delete(root);
    if (rc != 0) {
        ecg_config_free(cfg);
        return rc;
    }
    *out = cfg;
    return 0;
}

int ecg_config_load(struct ecg_config **out, const char *path, struct ecg_diag *diag)
{
    char *text = NULL;
    char *dir = NULL;
    size_t len = 0;
    int rc = ecg_fileio_read(&text, &len, path, diag);

    if (rc != 0)
        return rc;
    dir = ecg_path_dirname(path);
    rc = dir == NULL ? ECG_ENOMEM : ecg_config_parse(out, text, len, path, dir, diag);
    free(dir);
    free(text);
    return rc;
}

int ecg_config_find(char **out, const char *start_dir)
{
    char *dir = ecg_path_absolute(NULL, start_dir);
    char *found = NULL;
    int rc = dir == NULL ? ECG_ENOMEM : 0;

    while (rc == 0) {
        char *candidate = ecg_path_join(dir, ECG_CONFIG_FILE_NAME);

        if (candidate == NULL) {
            rc = ECG_ENOMEM;
        } else if (ecg_path_is_file(candidate)) {
            found = candidate;
            break;
        } else {
            free(candidate);
            if (!ecg_path_parent(dir))
                break;
        }
    }
    free(dir);
    if (rc == 0)
        *out = found;
    return rc;
}

const struct cJSON *ecg_config_rule_option(const struct ecg_config *cfg, const char *rule_id,
                                           const char *option)
{
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(cfg->rules, rule_id);

    return rule != NULL ? cJSON_GetObjectItemCaseSensitive(rule, option) : NULL;
}
