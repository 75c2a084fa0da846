/* The "taint" object of .ecg.json: a project's own sources, sinks and sanitizers.
 *   {"sources":    [{"function": "my_read", "returns": true, "args": [1], "kind": "network"}],
 *    "sinks":      [{"function": "run_cmd", "category": "command", "args": [0]}],
 *    "sanitizers": [{"function": "validate_name", "args": [0], "returns": true}]}
 * Validation reports the child-index path of a bad member so that analyzer/config.c can
 * give its line and column; building merges every entry of one function. */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/taint_int.h"

#define ARGS_MAX 32 /* argument positions 0..31 */

enum list_kind { LIST_SOURCES, LIST_SINKS, LIST_SANITIZERS, LIST_KINDS };

static const char *const list_names[LIST_KINDS] = { "sources", "sinks", "sanitizers" };

/* The keys an entry of each list may have. */
static const char *const entry_keys[LIST_KINDS][5] = {
    { "function", "returns", "args", "kind", NULL },
    { "function", "category", "args", NULL, NULL },
    { "function", "returns", "args", NULL, NULL },
};

static const char *const source_names[ECG_TAINT_SOURCE_KINDS] = {
    "argv", "environment", "stdin", "file", "fd", "network", "random", "user",
};

static const char *const category_names[ECG_TAINT_CATEGORIES] = {
    "command", "format", "sql", "path", "size", "alloc-size", "index", "arithmetic",
};

const char *ecg_taint_category_name(enum ecg_taint_category category)
{
    return (unsigned)category < ECG_TAINT_CATEGORIES ? category_names[category] : "?";
}

const char *ecg_taint_source_name(enum ecg_taint_source_kind kind)
{
    return (unsigned)kind < ECG_TAINT_SOURCE_KINDS ? source_names[kind] : "?";
}

static int name_index(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], name) == 0)
            return (int)i;
    }
    return -1;
}

int ecg_taint_category_from_name(const char *name)
{
    return name_index(category_names, ECG_TAINT_CATEGORIES, name);
}

/* Where a check failed and why. */
struct check {
    struct ecg_taint_config_error e;
};

static int fail(struct check *c, int want_key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct check *c, int want_key, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->e.message, sizeof(c->e.message), fmt, ap);
    va_end(ap);
    c->e.want_key = want_key;
    return ECG_ECONFIG;
}

static void at(struct check *c, size_t level, size_t index)
{
    if (level < sizeof(c->e.where) / sizeof(c->e.where[0])) {
        c->e.where[level] = index;
        c->e.depth = level + 1;
    }
}

static int is_duplicate(const cJSON *parent, const cJSON *item)
{
    for (const cJSON *e = parent->child; e != item; e = e->next) {
        if (strcmp(e->string, item->string) == 0)
            return 1;
    }
    return 0;
}

static int check_args(struct check *c, const cJSON *args)
{
    size_t j = 0;

    if (!cJSON_IsArray(args) || cJSON_GetArraySize(args) == 0)
        return fail(c, 0, "'args' must be a non-empty array of argument positions");
    for (const cJSON *e = args->child; e != NULL; e = e->next, j++) {
        double d = e->valuedouble;
        if (!cJSON_IsNumber(e) || d < 0 || d >= ARGS_MAX || d != (double)(int)d) {
            at(c, 3, j);
            return fail(c, 0, "argument positions must be integers from 0 to 31");
        }
    }
    return 0;
}

static int check_choice(struct check *c, const cJSON *value, const char *key,
                        const char *const *names, size_t n)
{
    char choices[256] = "";
    size_t used = 0;

    if (cJSON_IsString(value) && name_index(names, n, value->valuestring) >= 0)
        return 0;
    for (size_t i = 0; i < n && used < sizeof(choices); i++)
        used += (size_t)snprintf(choices + used, sizeof(choices) - used, "%s%s", i ? ", " : "",
                                 names[i]);
    return fail(c, 0, "'%s' must be one of: %s", key, choices);
}

static int check_value(struct check *c, const cJSON *item)
{
    const char *key = item->string;

    if (strcmp(key, "function") == 0 && (!cJSON_IsString(item) || item->valuestring[0] == '\0'))
        return fail(c, 0, "'function' must be a function name");
    if (strcmp(key, "returns") == 0 && !cJSON_IsBool(item))
        return fail(c, 0, "'returns' must be true or false");
    if (strcmp(key, "args") == 0)
        return check_args(c, item);
    if (strcmp(key, "kind") == 0)
        return check_choice(c, item, key, source_names, ECG_TAINT_SOURCE_KINDS);
    if (strcmp(key, "category") == 0)
        return check_choice(c, item, key, category_names, ECG_TAINT_CATEGORIES);
    return 0;
}

static int check_keys(struct check *c, enum list_kind list, const cJSON *entry)
{
    size_t k = 0;

    for (const cJSON *item = entry->child; item != NULL; item = item->next, k++) {
        const char *const *keys = entry_keys[list];
        int rc;

        at(c, 2, k);
        while (*keys != NULL && strcmp(*keys, item->string) != 0)
            keys++;
        if (*keys == NULL)
            return fail(c, 1, "unknown key '%s' in an entry of '%s'", item->string,
                        list_names[list]);
        if (is_duplicate(entry, item))
            return fail(c, 1, "key '%s' appears twice in an entry of '%s'", item->string,
                        list_names[list]);
        rc = check_value(c, item);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* What an entry must say beyond its keys' types. */
static int check_entry_meaning(struct check *c, enum list_kind list, const cJSON *entry)
{
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(entry, "args");
    int returns = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(entry, "returns"));

    c->e.depth = 2;
    if (cJSON_GetObjectItemCaseSensitive(entry, "function") == NULL)
        return fail(c, 0, "an entry of '%s' needs a 'function'", list_names[list]);
    if (list == LIST_SINKS && cJSON_GetObjectItemCaseSensitive(entry, "category") == NULL)
        return fail(c, 0, "an entry of 'sinks' needs a 'category'");
    if (list == LIST_SINKS && args == NULL)
        return fail(c, 0, "an entry of 'sinks' needs 'args'");
    if (list != LIST_SINKS && !returns && args == NULL)
        return fail(c, 0, "an entry of '%s' needs \"returns\": true or 'args'", list_names[list]);
    return 0;
}

static int check_list(struct check *c, enum list_kind list, const cJSON *array)
{
    size_t j = 0;

    if (!cJSON_IsArray(array))
        return fail(c, 0, "'%s' must be an array of objects", list_names[list]);
    for (const cJSON *entry = array->child; entry != NULL; entry = entry->next, j++) {
        int rc;

        at(c, 1, j);
        if (!cJSON_IsObject(entry))
            return fail(c, 0, "entries of '%s' must be objects", list_names[list]);
        rc = check_keys(c, list, entry);
        if (rc == 0) {
            at(c, 1, j);
            rc = check_entry_meaning(c, list, entry);
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int check_root(struct check *c, const cJSON *taint)
{
    size_t i = 0;

    if (cJSON_IsNull(taint))
        return 0;
    if (!cJSON_IsObject(taint))
        return fail(c, 0, "'taint' must be an object with sources, sinks and sanitizers");
    for (const cJSON *item = taint->child; item != NULL; item = item->next, i++) {
        int list = name_index(list_names, LIST_KINDS, item->string);
        int rc;

        at(c, 0, i);
        if (list < 0)
            return fail(c, 1,
                        "unknown key '%s' in 'taint' (expected sources, sinks or "
                        "sanitizers)",
                        item->string);
        if (is_duplicate(taint, item))
            return fail(c, 1, "key '%s' appears twice in 'taint'", item->string);
        rc = check_list(c, (enum list_kind)list, item);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int ecg_taint_config_check(struct ecg_taint_config_error *out, const cJSON *taint)
{
    struct check c;
    int rc;

    memset(&c, 0, sizeof(c));
    rc = check_root(&c, taint);
    if (rc != 0)
        *out = c.e;
    return rc;
}

/* --- building ------------------------------------------------------------------------- */

static uint32_t args_mask(const cJSON *args)
{
    uint32_t mask = 0;

    for (const cJSON *e = args != NULL ? args->child : NULL; e != NULL; e = e->next)
        mask |= 1u << (unsigned)e->valuedouble;
    return mask;
}

/* The merged entry of name, added when new; NULL when memory runs out. */
static struct taint_conf *conf_for(struct taint_confs *c, const char *name)
{
    struct taint_conf *grown;

    for (size_t i = 0; i < c->len; i++) {
        if (strcmp(c->items[i].name, name) == 0)
            return &c->items[i];
    }
    grown = realloc(c->items, (c->len + 1) * sizeof(*grown));
    if (grown == NULL)
        return NULL;
    c->items = grown;
    memset(&c->items[c->len], 0, sizeof(c->items[c->len]));
    c->items[c->len].name = name;
    c->items[c->len].source = -1;
    return &c->items[c->len++];
}

static int add_sink(struct taint_conf *conf, const cJSON *entry)
{
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(entry, "category");
    struct taint_sink_spec *grown = realloc(conf->sinks, (conf->n_sinks + 1) * sizeof(*grown));

    if (grown == NULL)
        return ECG_ENOMEM;
    conf->sinks = grown;
    grown[conf->n_sinks].category =
        (uint8_t)(ecg_taint_category_from_name(cJSON_GetStringValue(cat)) + 1);
    grown[conf->n_sinks].args = args_mask(cJSON_GetObjectItemCaseSensitive(entry, "args"));
    grown[conf->n_sinks].from = 0;
    conf->n_sinks++;
    return 0;
}

static int add_entry(struct taint_confs *c, enum list_kind list, const cJSON *entry)
{
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(entry, "function"));
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(entry, "kind");
    int returns = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(entry, "returns"));
    uint32_t args = args_mask(cJSON_GetObjectItemCaseSensitive(entry, "args"));
    struct taint_conf *conf = name != NULL ? conf_for(c, name) : NULL;

    if (conf == NULL)
        return name != NULL ? ECG_ENOMEM : 0;
    if (list == LIST_SINKS)
        return add_sink(conf, entry);
    if (list == LIST_SANITIZERS) {
        conf->sanitize_ret |= returns;
        conf->sanitize_args |= args;
        return 0;
    }
    conf->source =
        kind != NULL ? name_index(source_names, ECG_TAINT_SOURCE_KINDS, cJSON_GetStringValue(kind))
                     : ECG_TAINT_FROM_USER;
    conf->source_ret |= returns;
    conf->source_out |= args;
    return 0;
}

int ecg_taint_config_build(struct taint_confs *out, const cJSON *taint)
{
    struct taint_confs c = { NULL, 0 };

    for (int list = 0; cJSON_IsObject(taint) && list < LIST_KINDS; list++) {
        const cJSON *array = cJSON_GetObjectItemCaseSensitive(taint, list_names[list]);
        for (const cJSON *e = array != NULL ? array->child : NULL; e != NULL; e = e->next) {
            if (add_entry(&c, (enum list_kind)list, e) != 0) {
                ecg_taint_config_fini(&c);
                return ECG_ENOMEM;
            }
        }
    }
    *out = c;
    return 0;
}

void ecg_taint_config_fini(struct taint_confs *c)
{
    for (size_t i = 0; i < c->len; i++)
        free(c->items[i].sinks);
    free(c->items);
    c->items = NULL;
    c->len = 0;
}

const struct taint_conf *ecg_taint_config_find(const struct taint_confs *c, const char *name)
{
    for (size_t i = 0; i < c->len; i++) {
        if (strcmp(c->items[i].name, name) == 0)
            return &c->items[i];
    }
    return NULL;
}
