/* Rule catalog output; see catalog.h. */
#include "analyzer/catalog.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/error.h"
#include "analyzer/globs.h"
#include "rules/registry.h"
#include "rules/rule.h"

static const char *option_type_name(enum rule_opt_type type)
{
    switch (type) {
    case RULE_OPT_BOOL:
        return "bool";
    case RULE_OPT_INT:
        return "int";
    case RULE_OPT_STRING:
        return "string";
    case RULE_OPT_STRING_LIST:
        return "string-list";
    }
    return "string";
}

/* Adds a string member; cJSON keeps ownership inside the tree. Returns 0 or ECG_ENOMEM. */
static int add_text(cJSON *obj, const char *key, const char *value)
{
    if (value == NULL)
        return 0;
    return cJSON_AddStringToObject(obj, key, value) != NULL ? 0 : ECG_ENOMEM;
}

static cJSON *options_json(const struct rule_desc *d)
{
    cJSON *list = cJSON_CreateArray();

    for (size_t i = 0; list != NULL && i < d->n_options; i++) {
        cJSON *o = cJSON_CreateObject();
        if (o == NULL || !cJSON_AddItemToArray(list, o)) {
            cJSON_Delete(o);
            cJSON_Delete(list);
            return NULL;
        }
        if (add_text(o, "name", d->options[i].name) != 0 ||
            add_text(o, "type", option_type_name(d->options[i].type)) != 0 ||
            add_text(o, "default", d->options[i].default_value) != 0 ||
            add_text(o, "doc", d->options[i].doc) != 0) {
            cJSON_Delete(list);
            return NULL;
        }
    }
    return list;
}

static cJSON *cwe_json(const struct rule_desc *d)
{
    cJSON *list = cJSON_CreateArray();

    for (size_t i = 0; list != NULL && i < RULE_MAX_CWE && d->cwe[i] != 0; i++) {
        cJSON *n = cJSON_CreateNumber(d->cwe[i]);
        if (n == NULL || !cJSON_AddItemToArray(list, n)) {
            cJSON_Delete(n);
            cJSON_Delete(list);
            return NULL;
        }
    }
    return list;
}

static int add_child(cJSON *obj, const char *key, cJSON *child)
{
    if (child == NULL)
        return ECG_ENOMEM;
    if (!cJSON_AddItemToObject(obj, key, child)) {
        cJSON_Delete(child);
        return ECG_ENOMEM;
    }
    return 0;
}

static cJSON *rule_json(const struct rule_desc *d)
{
    cJSON *o = cJSON_CreateObject();
    char docs[256];
    int rc = o != NULL ? 0 : ECG_ENOMEM;

    snprintf(docs, sizeof(docs), "docs/rules/%s.md", d->id);
    if (rc == 0)
        rc = add_text(o, "id", d->id);
    if (rc == 0)
        rc = add_text(o, "title", d->title);
    if (rc == 0)
        rc = add_text(o, "summary", d->summary);
    if (rc == 0)
        rc = add_text(o, "description", d->description);
    if (rc == 0)
        rc = add_text(o, "level", ecg_level_name(d->level));
    if (rc == 0)
        rc = cJSON_AddBoolToObject(o, "opt_in", d->opt_in) != NULL ? 0 : ECG_ENOMEM;
    if (rc == 0)
        rc = add_text(o, "tags", d->tags);
    if (rc == 0)
        rc = add_text(o, "precision", d->precision);
    if (rc == 0)
        rc = add_text(o, "security_severity", d->security_severity);
    if (rc == 0)
        rc = add_child(o, "cwe", cwe_json(d));
    if (rc == 0)
        rc = add_child(o, "options", options_json(d));
    if (rc == 0)
        rc = add_text(o, "docs", docs);
    if (rc != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

int ecg_catalog_print_json(FILE *out)
{
    cJSON *list = cJSON_CreateArray();
    char *text;
    int rc = list != NULL ? 0 : ECG_ENOMEM;

    for (size_t i = 0; rc == 0 && i < rule_registry_count(); i++) {
        cJSON *r = rule_json(rule_registry_at(i));
        if (r == NULL || !cJSON_AddItemToArray(list, r)) {
            cJSON_Delete(r);
            rc = ECG_ENOMEM;
        }
    }
    text = rc == 0 ? cJSON_Print(list) : NULL;
    cJSON_Delete(list);
    if (text == NULL)
        return ECG_ENOMEM;
    rc = fputs(text, out) < 0 || fputc('\n', out) == EOF ? ECG_EIO : 0;
    free(text);
    return rc;
}

void ecg_catalog_print_table(FILE *out)
{
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *d = rule_registry_at(i);
        fprintf(out, "%-36s %-8s %-7s %s\n", d->id, ecg_level_name(d->level),
                d->opt_in ? "opt-in" : "default", d->summary);
    }
}

void ecg_catalog_print_enabled(FILE *out, const struct ecg_config *cfg)
{
    fputs("Enabled checks:\n", out);
    for (size_t i = 0; i < rule_registry_count(); i++) {
        const struct rule_desc *d = rule_registry_at(i);
        if (ecg_globs_decide(cfg->checks, d->id, !d->opt_in))
            fprintf(out, "    %s\n", d->id);
    }
    fputs("\n", out);
}
