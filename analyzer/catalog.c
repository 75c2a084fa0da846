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

/* A string member of the catalog entry; a NULL value is left out. */
struct named_text {
    const char *key;
    const char *value;
};

static int add_texts(cJSON *obj, const struct named_text *fields, size_t n)
{
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = add_text(obj, fields[i].key, fields[i].value);
    return rc;
}

/* The scalar members of a catalog entry, from "id" to "security_severity". */
static int add_scalars(cJSON *o, const struct rule_desc *d)
{
    const struct named_text head[] = {
        { "id", d->id },
        { "title", d->title },
        { "summary", d->summary },
        { "description", d->description },
        { "level", ecg_level_name(d->level) },
    };
    const struct named_text tail[] = {
        { "tags", d->tags },
        { "precision", d->precision },
        { "security_severity", d->security_severity },
    };
    int rc = add_texts(o, head, sizeof(head) / sizeof(head[0]));

    if (rc == 0)
        rc = cJSON_AddBoolToObject(o, "opt_in", d->opt_in) != NULL ? 0 : ECG_ENOMEM;
    if (rc == 0)
        rc = add_texts(o, tail, sizeof(tail) / sizeof(tail[0]));
    return rc;
}

/* Fills o with the members of one catalog entry; the key order is the output format. */
static int fill_rule(cJSON *o, const struct rule_desc *d)
{
    char docs[256];
    int rc = add_scalars(o, d);

    snprintf(docs, sizeof(docs), "docs/rules/%s.md", d->id);
    if (rc == 0)
        rc = add_child(o, "cwe", cwe_json(d));
    if (rc == 0)
        rc = add_child(o, "options", options_json(d));
    if (rc == 0)
        rc = add_text(o, "docs", docs);
    return rc;
}

static cJSON *rule_json(const struct rule_desc *d)
{
    cJSON *o = cJSON_CreateObject();

    if (o != NULL && fill_rule(o, d) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The catalog of every registered rule, or NULL when memory ran out. */
static cJSON *catalog_json(void)
{
    cJSON *list = cJSON_CreateArray();

    for (size_t i = 0; list != NULL && i < rule_registry_count(); i++) {
        cJSON *r = rule_json(rule_registry_at(i));
        if (r == NULL || !cJSON_AddItemToArray(list, r)) {
            cJSON_Delete(r);
            cJSON_Delete(list);
            return NULL;
        }
    }
    return list;
}

int ecg_catalog_print_json(FILE *out)
{
    cJSON *list = catalog_json();
    char *text = list != NULL ? cJSON_Print(list) : NULL;
    int rc;

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
