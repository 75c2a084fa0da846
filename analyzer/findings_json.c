/* Findings to and from JSON for the cache; see findings_json.h. Layout of one finding:
 * {"r":rule,"l":level,"g":gate,"p":path,"s":[line,col,end_line,end_col],"m":message,
 *  "rel":[note...],"flow":[note...],"fd":fix description,"fix":[edit...]}
 * where a note is [path,line,col,end_line,end_col,message] and an edit the same with the
 * replacement text last. */
#include "analyzer/findings_json.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "rules/registry.h"
#include "rules/rule.h"

static cJSON *span_json(const struct ecg_range *r)
{
    double v[4] = { r->line, r->col, r->end_line, r->end_col };
    return cJSON_CreateDoubleArray(v, 4);
}

/* [path, line, col, end_line, end_col, text] */
static cJSON *note_json(const struct ecg_range *r, const char *text)
{
    cJSON *a = cJSON_CreateArray();
    const char *strings[2] = { r->path, text };
    unsigned nums[4] = { r->line, r->col, r->end_line, r->end_col };
    int ok = a != NULL && cJSON_AddItemToArray(a, cJSON_CreateString(strings[0]));

    for (size_t i = 0; ok && i < 4; i++)
        ok = cJSON_AddItemToArray(a, cJSON_CreateNumber(nums[i]));
    if (ok)
        ok = cJSON_AddItemToArray(a, cJSON_CreateString(strings[1] != NULL ? strings[1] : ""));
    if (!ok || cJSON_GetArraySize(a) != 6) {
        cJSON_Delete(a);
        return NULL;
    }
    return a;
}

static int add_notes(cJSON *obj, const char *key, const struct ecg_note *notes, size_t n)
{
    cJSON *list;

    if (n == 0)
        return 1;
    list = cJSON_AddArrayToObject(obj, key);
    for (size_t i = 0; list != NULL && i < n; i++) {
        cJSON *note = note_json(&notes[i].range, notes[i].message);
        if (note == NULL || !cJSON_AddItemToArray(list, note)) {
            cJSON_Delete(note);
            return 0;
        }
    }
    return list != NULL;
}

static int add_fix(cJSON *obj, const struct ecg_finding *f)
{
    cJSON *list;

    if (f->n_edits == 0)
        return 1;
    if (cJSON_AddStringToObject(obj, "fd", f->fix_description != NULL ? f->fix_description : "") ==
        NULL)
        return 0;
    list = cJSON_AddArrayToObject(obj, "fix");
    for (size_t i = 0; list != NULL && i < f->n_edits; i++) {
        cJSON *edit = note_json(&f->edits[i].range, f->edits[i].replacement);
        if (edit == NULL || !cJSON_AddItemToArray(list, edit)) {
            cJSON_Delete(edit);
            return 0;
        }
    }
    return list != NULL;
}

/* Adds rule, level, gate, path and span: what locates the finding. Returns nonzero on success. */
static int add_location(cJSON *o, const struct ecg_finding *f)
{
    cJSON *span = span_json(&f->range);
    int ok = span != NULL;

    ok = ok && cJSON_AddStringToObject(o, "r", f->rule_id) != NULL;
    ok = ok && cJSON_AddNumberToObject(o, "l", f->level) != NULL;
    ok = ok && cJSON_AddBoolToObject(o, "g", f->fails_gate) != NULL;
    ok = ok && cJSON_AddStringToObject(o, "p", f->range.path) != NULL;
    ok = ok && cJSON_AddItemToObject(o, "s", span);
    if (!ok)
        cJSON_Delete(span);
    return ok;
}

static cJSON *finding_json(const struct ecg_finding *f)
{
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL && add_location(o, f);

    ok = ok && cJSON_AddStringToObject(o, "m", f->message) != NULL;
    ok = ok && add_notes(o, "rel", f->related, f->n_related);
    ok = ok && add_notes(o, "flow", f->flow, f->n_flow);
    ok = ok && add_fix(o, f);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

char *ecg_findings_json_write(const struct ecg_findings *list)
{
    cJSON *arr = cJSON_CreateArray();
    char *text;

    for (size_t i = 0; arr != NULL && i < list->len; i++) {
        cJSON *f = finding_json(&list->items[i]);
        if (f == NULL || !cJSON_AddItemToArray(arr, f)) {
            cJSON_Delete(f);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    if (arr == NULL)
        return NULL;
    text = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    return text;
}

/* Reads [path, line, col, end_line, end_col, text] into range and *out_text (borrowed). */
static int read_note(struct ecg_range *range, const char **out_text, const cJSON *a)
{
    const cJSON *item[6];

    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 6)
        return ECG_EPARSE;
    for (int i = 0; i < 6; i++)
        item[i] = cJSON_GetArrayItem(a, i);
    if (!cJSON_IsString(item[0]) || !cJSON_IsString(item[5]))
        return ECG_EPARSE;
    for (int i = 1; i < 5; i++) {
        if (!cJSON_IsNumber(item[i]) || item[i]->valuedouble < 0)
            return ECG_EPARSE;
    }
    range->path = item[0]->valuestring;
    range->line = (unsigned)item[1]->valuedouble;
    range->col = (unsigned)item[2]->valuedouble;
    range->end_line = (unsigned)item[3]->valuedouble;
    range->end_col = (unsigned)item[4]->valuedouble;
    *out_text = item[5]->valuestring;
    return 0;
}

static int read_notes(struct ecg_note **notes, size_t *n, const cJSON *list)
{
    const cJSON *item;

    if (list == NULL)
        return 0;
    if (!cJSON_IsArray(list))
        return ECG_EPARSE;
    cJSON_ArrayForEach(item, list)
    {
        struct ecg_range r;
        const char *text;
        int rc = read_note(&r, &text, item);
        if (rc == 0)
            rc = ecg_finding_add_note(notes, n, &r, text);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int read_fix(struct ecg_finding *f, const cJSON *o)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "fix");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(o, "fd");
    const cJSON *item;

    if (list == NULL)
        return 0;
    if (!cJSON_IsArray(list) || !cJSON_IsString(desc))
        return ECG_EPARSE;
    f->fix_description = strdup(desc->valuestring);
    if (f->fix_description == NULL)
        return ECG_ENOMEM;
    cJSON_ArrayForEach(item, list)
    {
        struct ecg_range r;
        const char *text;
        int rc = read_note(&r, &text, item);
        if (rc == 0)
            rc = ecg_finding_add_edit(f, &r, text);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int read_header(struct ecg_finding *f, const cJSON *o)
{
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(o, "r");
    const cJSON *level = cJSON_GetObjectItemCaseSensitive(o, "l");
    const cJSON *gate = cJSON_GetObjectItemCaseSensitive(o, "g");
    const cJSON *message = cJSON_GetObjectItemCaseSensitive(o, "m");
    const struct rule_desc *desc =
        cJSON_IsString(rule) ? rule_registry_find(rule->valuestring) : NULL;

    if (desc == NULL || !cJSON_IsNumber(level) || !cJSON_IsBool(gate) || !cJSON_IsString(message) ||
        level->valueint < ECG_LEVEL_NOTE || level->valueint > ECG_LEVEL_ERROR)
        return ECG_EPARSE;
    f->rule_id = desc->id;
    f->level = (enum ecg_level)level->valueint;
    f->fails_gate = cJSON_IsTrue(gate);
    f->message = strdup(message->valuestring);
    return f->message != NULL ? 0 : ECG_ENOMEM;
}

static int read_range(struct ecg_finding *f, const cJSON *o)
{
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(o, "p");
    const cJSON *span = cJSON_GetObjectItemCaseSensitive(o, "s");
    double v[4];

    if (!cJSON_IsString(path) || !cJSON_IsArray(span) || cJSON_GetArraySize(span) != 4)
        return ECG_EPARSE;
    for (int i = 0; i < 4; i++) {
        const cJSON *n = cJSON_GetArrayItem(span, i);
        if (!cJSON_IsNumber(n) || n->valuedouble < 0)
            return ECG_EPARSE;
        v[i] = n->valuedouble;
    }
    return ecg_range_set(&f->range, path->valuestring, (unsigned)v[0], (unsigned)v[1],
                         (unsigned)v[2], (unsigned)v[3]);
}

static int read_finding(struct ecg_finding *f, const cJSON *o)
{
    int rc = cJSON_IsObject(o) ? 0 : ECG_EPARSE;

    if (rc == 0)
        rc = read_header(f, o);
    if (rc == 0)
        rc = read_range(f, o);
    if (rc == 0)
        rc = read_notes(&f->related, &f->n_related, cJSON_GetObjectItemCaseSensitive(o, "rel"));
    if (rc == 0)
        rc = read_notes(&f->flow, &f->n_flow, cJSON_GetObjectItemCaseSensitive(o, "flow"));
    if (rc == 0)
        rc = read_fix(f, o);
    return rc;
}

int ecg_findings_json_read(struct ecg_findings *list, const char *text)
{
    cJSON *arr = cJSON_Parse(text);
    const cJSON *item;
    struct ecg_findings read;
    int rc = cJSON_IsArray(arr) ? 0 : ECG_EPARSE;

    ecg_findings_init(&read);
    for (item = rc == 0 ? arr->child : NULL; item != NULL; item = item->next) {
        struct ecg_finding f;
        memset(&f, 0, sizeof(f));
        rc = read_finding(&f, item);
        if (rc == 0)
            rc = ecg_findings_take(&read, &f);
        else
            ecg_finding_fini(&f);
        if (rc != 0)
            break;
    }
    cJSON_Delete(arr);
    if (rc == 0)
        rc = ecg_findings_move_all(list, &read);
    ecg_findings_fini(&read);
    return rc;
}
