/* --dump-config (see config.h): a configuration rendered as JSON with every rule's effective
 * options, defaults filled in from the registry, so that the output parses back as the same
 * configuration. */
#include "analyzer/config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config_int.h"
#include "analyzer/error.h"
#include "rules/registry.h"
#include "rules/rule.h"

/* Appends text[0..n), trimmed, to array unless it is blank. Returns 0 when memory runs out. */
static int add_list_item(cJSON *array, const char *text, size_t n)
{
    size_t start = 0;
    char *item;
    int ok;

    while (start < n && (text[start] == ' ' || text[start] == '\t'))
        start++;
    while (n > start && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n == start)
        return 1;
    item = strndup(text + start, n - start);
    ok = item != NULL && cJSON_AddItemToArray(array, cJSON_CreateString(item));
    free(item);
    return ok;
}

/* A RULE_OPT_STRING_LIST default ("a, b") as a JSON array. */
static cJSON *add_default_list(cJSON *obj, const char *name, const char *text)
{
    cJSON *array = cJSON_AddArrayToObject(obj, name);

    while (array != NULL && *text != '\0') {
        size_t n = strcspn(text, ",");

        if (!add_list_item(array, text, n))
            return NULL;
        text += n + (text[n] == ',' ? 1 : 0);
    }
    return array;
}

static cJSON *add_default(cJSON *obj, const struct rule_option *o)
{
    const char *text = o->default_value != NULL ? o->default_value : "";

    switch (o->type) {
    case RULE_OPT_BOOL:
        return cJSON_AddBoolToObject(obj, o->name, strcmp(text, "true") == 0);
    case RULE_OPT_INT:
        return cJSON_AddNumberToObject(obj, o->name, (double)strtol(text, NULL, 10));
    case RULE_OPT_STRING:
        return cJSON_AddStringToObject(obj, o->name, text);
    case RULE_OPT_STRING_LIST:
        return add_default_list(obj, o->name, text);
    }
    return NULL;
}

static int dump_rules(cJSON *root, const struct ecg_config *cfg)
{
    cJSON *rules = cJSON_AddObjectToObject(root, "rules");

    for (size_t i = 0; rules != NULL && i < rule_registry_count(); i++) {
        const struct rule_desc *desc = rule_registry_at(i);
        cJSON *obj = cJSON_AddObjectToObject(rules, desc->id);

        for (size_t k = 0; obj != NULL && k < desc->n_options; k++) {
            const struct rule_option *o = &desc->options[k];
            const cJSON *v = ecg_config_rule_option(cfg, desc->id, o->name);

            if ((v != NULL ? ecg_config_add_value(obj, o->name, v) : add_default(obj, o)) == NULL)
                obj = NULL;
        }
        if (obj == NULL)
            return ECG_ENOMEM;
    }
    return rules == NULL ? ECG_ENOMEM : 0;
}

static cJSON *add_string_or_null(cJSON *obj, const char *name, const char *value)
{
    if (value == NULL)
        return cJSON_AddNullToObject(obj, name);
    return cJSON_AddStringToObject(obj, name, value);
}

/* "taint": a copy of the configured object, or null. */
static int dump_taint(cJSON *root, const cJSON *taint)
{
    cJSON *copy;

    if (taint == NULL)
        return cJSON_AddNullToObject(root, "taint") != NULL ? 0 : ECG_ENOMEM;
    copy = cJSON_AddObjectToObject(root, "taint");
    return copy != NULL ? ecg_config_append_taint(copy, taint) : ECG_ENOMEM;
}

static int dump_keys(cJSON *root, const struct ecg_config *cfg)
{
    cJSON *exclude;

    if (add_string_or_null(root, "checks", cfg->checks) == NULL ||
        add_string_or_null(root, "warnings_as_errors", cfg->warnings_as_errors) == NULL ||
        add_string_or_null(root, "header_filter", cfg->header_filter) == NULL)
        return ECG_ENOMEM;
    exclude = cJSON_AddArrayToObject(root, "exclude");
    for (size_t i = 0; exclude != NULL && i < cfg->exclude.len; i++) {
        if (!cJSON_AddItemToArray(exclude, cJSON_CreateString(cfg->exclude.items[i])))
            return ECG_ENOMEM;
    }
    if (exclude == NULL || dump_taint(root, cfg->taint) != 0)
        return ECG_ENOMEM;
    return dump_rules(root, cfg);
}

char *ecg_config_dump(const struct ecg_config *cfg)
{
    cJSON *root = cJSON_CreateObject();
    char *text = NULL;

    if (root != NULL && dump_keys(root, cfg) == 0)
        text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
