/* Configuration merging (see config.h): a configuration laid over another, key by key, built
 * aside so that the base is untouched when memory runs out. Also the option value and taint
 * list copies that --dump-config (config_dump.c) shares. */
#include "analyzer/config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config_int.h"
#include "analyzer/error.h"

/* The merged glob list: "base,over", or a copy of over; *out is left alone when over is
 * unset. */
static int merge_globs(char **out, const char *base, const char *over)
{
    char *joined;
    size_t n;

    if (over == NULL)
        return 0;
    if (base == NULL) {
        joined = strdup(over);
    } else {
        n = strlen(base) + strlen(over) + 2;
        joined = malloc(n);
        if (joined != NULL)
            snprintf(joined, n, "%s,%s", base, over);
    }
    if (joined == NULL)
        return ECG_ENOMEM;
    *out = joined;
    return 0;
}

static cJSON *add_string_array(cJSON *obj, const char *name, const cJSON *array)
{
    cJSON *copy = cJSON_AddArrayToObject(obj, name);

    for (const cJSON *e = array->child; copy != NULL && e != NULL; e = e->next) {
        if (!cJSON_AddItemToArray(copy, cJSON_CreateString(cJSON_GetStringValue(e))))
            return NULL;
    }
    return copy;
}

/* Adds a copy of an option value (the types options validate to) as obj[name]. */
cJSON *ecg_config_add_value(cJSON *obj, const char *name, const cJSON *value)
{
    if (cJSON_IsBool(value))
        return cJSON_AddBoolToObject(obj, name, cJSON_IsTrue(value));
    if (cJSON_IsNumber(value))
        return cJSON_AddNumberToObject(obj, name, value->valuedouble);
    if (cJSON_IsString(value))
        return cJSON_AddStringToObject(obj, name, value->valuestring);
    if (cJSON_IsArray(value))
        return add_string_array(obj, name, value);
    return cJSON_AddNullToObject(obj, name);
}

/* Copies every option of over into dst, replacing options dst already has. */
static int merge_rules(cJSON *dst, const cJSON *over)
{
    for (const cJSON *rule = over->child; rule != NULL; rule = rule->next) {
        cJSON *target = cJSON_GetObjectItemCaseSensitive(dst, rule->string);

        if (target == NULL)
            target = cJSON_AddObjectToObject(dst, rule->string);
        if (target == NULL)
            return ECG_ENOMEM;
        for (const cJSON *opt = rule->child; opt != NULL; opt = opt->next) {
            int had = cJSON_HasObjectItem(target, opt->string);

            /* Added first, so the first item of that name is the one to drop. */
            if (ecg_config_add_value(target, opt->string, opt) == NULL)
                return ECG_ENOMEM;
            if (had)
                cJSON_DeleteItemFromObjectCaseSensitive(target, opt->string);
        }
    }
    return 0;
}

/* Everything a merge replaces, built aside so that base is untouched on failure. */
struct merged {
    char *origin;
    char *dir;
    char *checks;
    char *warnings_as_errors;
    char *header_filter;
    struct ecg_strvec exclude;
    cJSON *rules;
    cJSON *taint;
};

/* A copy of theirs when mine is unset; *out is left alone otherwise. */
static int dup_unless_set(char **out, const char *mine, const char *theirs)
{
    char *copy;

    if (mine != NULL || theirs == NULL)
        return 0;
    copy = strdup(theirs);
    if (copy == NULL)
        return ECG_ENOMEM;
    *out = copy;
    return 0;
}

static int merge_prepare(struct merged *m, const struct ecg_config *base,
                         const struct ecg_config *over)
{
    int rc = dup_unless_set(&m->origin, base->origin, over->origin);

    if (rc == 0)
        rc = dup_unless_set(&m->dir, base->dir, over->dir);
    if (rc == 0)
        rc = merge_globs(&m->checks, base->checks, over->checks);
    if (rc == 0)
        rc =
            merge_globs(&m->warnings_as_errors, base->warnings_as_errors, over->warnings_as_errors);
    if (rc == 0)
        rc = dup_unless_set(&m->header_filter, NULL, over->header_filter);
    if (rc == 0)
        rc = ecg_strvec_extend(&m->exclude, &base->exclude);
    if (rc == 0)
        rc = ecg_strvec_extend(&m->exclude, &over->exclude);
    if (rc == 0) {
        m->rules = cJSON_Duplicate(base->rules, 1);
        rc = m->rules == NULL ? ECG_ENOMEM : merge_rules(m->rules, over->rules);
    }
    return rc;
}

/* Moves a prepared value into place when it was set; frees what it replaces. */
static void replace_string(char **dst, char *value)
{
    if (value == NULL)
        return;
    free(*dst);
    *dst = value;
}

/* Appends copies of every entry of over's taint lists to dst's lists. */
int ecg_config_append_taint(cJSON *dst, const cJSON *over)
{
    for (const cJSON *list = over->child; list != NULL; list = list->next) {
        cJSON *target = cJSON_GetObjectItemCaseSensitive(dst, list->string);

        if (target == NULL)
            target = cJSON_AddArrayToObject(dst, list->string);
        if (target == NULL)
            return ECG_ENOMEM;
        for (const cJSON *e = list->child; e != NULL; e = e->next) {
            cJSON *copy = cJSON_Duplicate(e, 1);
            if (copy == NULL || !cJSON_AddItemToArray(target, copy)) {
                cJSON_Delete(copy);
                return ECG_ENOMEM;
            }
        }
    }
    return 0;
}

/* base's taint entries followed by over's into *out; *out stays NULL when over has none. */
static int merge_taint(cJSON **out, const cJSON *base, const cJSON *over)
{
    cJSON *merged;

    if (over == NULL)
        return 0;
    merged = cJSON_Duplicate(base != NULL ? base : over, 1);
    if (merged == NULL || (base != NULL && ecg_config_append_taint(merged, over) != 0)) {
        cJSON_Delete(merged);
        return ECG_ENOMEM;
    }
    *out = merged;
    return 0;
}

int ecg_config_merge(struct ecg_config *base, const struct ecg_config *over)
{
    struct merged m = { 0 };
    int rc;

    ecg_strvec_init(&m.exclude);
    rc = merge_prepare(&m, base, over);
    if (rc == 0)
        rc = merge_taint(&m.taint, base->taint, over->taint);
    if (rc != 0) {
        free(m.origin);
        free(m.dir);
        free(m.checks);
        free(m.warnings_as_errors);
        free(m.header_filter);
        ecg_strvec_fini(&m.exclude);
        cJSON_Delete(m.rules);
        cJSON_Delete(m.taint);
        return rc;
    }
    replace_string(&base->origin, m.origin);
    replace_string(&base->dir, m.dir);
    replace_string(&base->checks, m.checks);
    replace_string(&base->warnings_as_errors, m.warnings_as_errors);
    replace_string(&base->header_filter, m.header_filter);
    ecg_strvec_fini(&base->exclude);
    base->exclude = m.exclude;
    cJSON_Delete(base->rules);
    base->rules = m.rules;
    if (m.taint != NULL) {
        cJSON_Delete(base->taint);
        base->taint = m.taint;
    }
    base->inherit = base->inherit || over->inherit;
    return 0;
}
