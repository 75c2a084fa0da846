/* Interfaces and seeds as JSON; see taint_xunit_json.h. Short keys and arrays keep a cache
 * entry small: an interface is mostly the names a unit defines and calls. */
#include "analyzer/taint_xunit_json.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "sarif/json.h"

/* Appends item to arr (consumed). Returns 0 or ECG_ENOMEM. */
static int push(cJSON *arr, cJSON *item)
{
    int rc = 0;

    sarif_json_adopt(&rc, arr, NULL, item);
    return rc;
}

static cJSON *names_json(const struct ecg_xnames *names)
{
    cJSON *arr = cJSON_CreateArray();

    for (size_t i = 0; arr != NULL && i < names->len; i++) {
        if (push(arr, cJSON_CreateString(names->items[i])) != 0) {
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

static cJSON *step_json(const struct ecg_xstep *s)
{
    cJSON *arr = cJSON_CreateArray();
    int rc = arr != NULL ? 0 : ECG_ENOMEM;

    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateString(s->path));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(s->line));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(s->col));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(s->end_line));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(s->end_col));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateString(s->text));
    if (rc != 0) {
        cJSON_Delete(arr);
        return NULL;
    }
    return arr;
}

static cJSON *steps_json(const struct ecg_xorigin *o)
{
    cJSON *arr = cJSON_CreateArray();
    int rc = arr != NULL ? 0 : ECG_ENOMEM;

    for (size_t i = 0; rc == 0 && i < o->n_steps; i++)
        sarif_json_adopt(&rc, arr, NULL, step_json(&o->steps[i]));
    if (rc != 0) {
        cJSON_Delete(arr);
        return NULL;
    }
    return arr;
}

static cJSON *fact_json(const struct ecg_xfact *f)
{
    cJSON *arr = cJSON_CreateArray();
    int rc = arr != NULL ? 0 : ECG_ENOMEM;

    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(f->what));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(f->pointee));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(f->index));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateString(f->name));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(f->origin.kind));
    sarif_json_adopt(&rc, arr, NULL, steps_json(&f->origin));
    sarif_json_adopt(&rc, arr, NULL, cJSON_CreateString(f->field != NULL ? f->field : ""));
    if (f->value != ECG_XV_TAINT) {
        sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber(f->value));
        sarif_json_adopt(&rc, arr, NULL, cJSON_CreateNumber((double)f->size));
    }
    if (rc != 0) {
        cJSON_Delete(arr);
        return NULL;
    }
    return arr;
}

cJSON *ecg_taint_xunit_json_facts(const struct ecg_xfacts *facts)
{
    cJSON *arr = cJSON_CreateArray();

    for (size_t i = 0; arr != NULL && i < facts->len; i++) {
        if (push(arr, fact_json(&facts->items[i])) != 0) {
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

cJSON *ecg_taint_xunit_json_iface(const struct ecg_xiface *x)
{
    cJSON *obj = cJSON_CreateObject();
    int rc = obj != NULL ? 0 : ECG_ENOMEM;

    sarif_json_adopt(&rc, obj, "d", names_json(&x->defines));
    sarif_json_adopt(&rc, obj, "c", names_json(&x->calls));
    sarif_json_adopt(&rc, obj, "r", names_json(&x->reads));
    sarif_json_adopt(&rc, obj, "f", ecg_taint_xunit_json_facts(&x->facts));
    /* "w2": want keys may carry conditions (ecg_taint_xunit_want_key); a reader that knows
     * only "w" sees no wants and analyses the unit again rather than misread them */
    if (x->wants.len > 0)
        sarif_json_adopt(&rc, obj, "w2", names_json(&x->wants));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* --- reading --------------------------------------------------------------------------- */

static int read_names(struct ecg_xnames *out, const cJSON *arr)
{
    const cJSON *item;

    if (!cJSON_IsArray(arr))
        return ECG_EPARSE;
    cJSON_ArrayForEach(item, arr)
    {
        int rc;
        if (!cJSON_IsString(item))
            return ECG_EPARSE;
        rc = ecg_taint_xunit_name_add(out, item->valuestring);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int number_at(unsigned *out, const cJSON *arr, int i)
{
    const cJSON *n = cJSON_GetArrayItem(arr, i);

    if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > 4294967295.0)
        return ECG_EPARSE;
    *out = (unsigned)n->valuedouble;
    return 0;
}

static const char *string_at(const cJSON *arr, int i)
{
    const cJSON *s = cJSON_GetArrayItem(arr, i);

    return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* Reads one step; its strings are borrowed from the JSON. */
static int read_step(struct ecg_xstep *step, const cJSON *s)
{
    step->path = (char *)string_at(s, 0);
    step->text = (char *)string_at(s, 5);
    if (step->path == NULL || step->text == NULL)
        return ECG_EPARSE;
    if (number_at(&step->line, s, 1) != 0 || number_at(&step->col, s, 2) != 0)
        return ECG_EPARSE;
    if (number_at(&step->end_line, s, 3) != 0 || number_at(&step->end_col, s, 4) != 0)
        return ECG_EPARSE;
    return 0;
}

/* Reads the steps array into o (already zeroed); steps are borrowed from the JSON. */
static int read_steps(struct ecg_xorigin *o, const cJSON *arr)
{
    int n = cJSON_GetArraySize(arr);

    if (!cJSON_IsArray(arr))
        return ECG_EPARSE;
    o->steps = calloc(n > 0 ? (size_t)n : 1, sizeof(*o->steps));
    if (o->steps == NULL)
        return ECG_ENOMEM;
    for (int i = 0; i < n; i++) {
        if (read_step(&o->steps[o->n_steps], cJSON_GetArrayItem(arr, i)) != 0)
            return ECG_EPARSE;
        o->n_steps++;
    }
    return 0;
}

/* A pointer-state fact's value and size (items 7 and 8), absent for a taint fact. */
static int read_value(struct ecg_xfact *f, const cJSON *arr)
{
    const cJSON *size = cJSON_GetArrayItem(arr, 8);
    unsigned value = ECG_XV_TAINT;

    if (cJSON_GetArraySize(arr) <= 7)
        return 0;
    if (number_at(&value, arr, 7) != 0 || value == ECG_XV_TAINT || value >= ECG_XV_KINDS ||
        !cJSON_IsNumber(size) || size->valuedouble < -1 || size->valuedouble > 9.0e15)
        return ECG_EPARSE;
    f->value = (uint8_t)value;
    f->size = (int64_t)size->valuedouble;
    return 0;
}

/* The fact's key numbers and strings (items 0 to 4 and 6); strings borrowed from the JSON. */
static int read_key(struct ecg_xfact *f, const cJSON *arr)
{
    unsigned what = 0, pointee = 0, index = 0, kind = 0;

    f->name = (char *)string_at(arr, 3);
    f->field = (char *)string_at(arr, 6);
    if (f->name == NULL || f->field == NULL || number_at(&what, arr, 0) != 0 ||
        number_at(&pointee, arr, 1) != 0 || number_at(&index, arr, 2) != 0 ||
        number_at(&kind, arr, 4) != 0 || what > ECG_XF_GLOBAL)
        return ECG_EPARSE;
    f->what = (uint8_t)what;
    f->pointee = pointee != 0;
    f->index = index;
    f->origin.kind = (uint8_t)kind;
    return read_value(f, arr);
}

/* Reads one fact and adds a copy of it to out. */
static int read_fact(struct ecg_xfacts *out, const cJSON *arr)
{
    struct ecg_xfact f;
    int rc;

    memset(&f, 0, sizeof(f));
    rc = read_key(&f, arr);
    if (rc == 0)
        rc = read_steps(&f.origin, cJSON_GetArrayItem(arr, 5));
    if (rc == 0)
        rc = ecg_taint_xunit_fact_add(out, &f);
    free(f.origin.steps);
    return rc;
}

int ecg_taint_xunit_json_read_facts(struct ecg_xfacts *out, const cJSON *json)
{
    const cJSON *item;
    int rc = cJSON_IsArray(json) ? 0 : ECG_EPARSE;

    memset(out, 0, sizeof(*out));
    for (item = json != NULL ? json->child : NULL; rc == 0 && item != NULL; item = item->next)
        rc = read_fact(out, item);
    if (rc != 0)
        ecg_xfacts_fini(out);
    return rc;
}

/* The wants: "w2", or the plain keys of "w" an older entry holds (wants without
 * conditions, which mean the same to this reader). */
static int read_wants(struct ecg_xnames *out, const cJSON *json)
{
    const cJSON *wants = cJSON_GetObjectItemCaseSensitive(json, "w2");

    if (wants == NULL)
        wants = cJSON_GetObjectItemCaseSensitive(json, "w");
    return wants != NULL ? read_names(out, wants) : 0;
}

int ecg_taint_xunit_json_read_iface(struct ecg_xiface *out, const cJSON *json)
{
    int rc = cJSON_IsObject(json) ? 0 : ECG_EPARSE;

    ecg_xiface_init(out);
    if (rc == 0)
        rc = read_names(&out->defines, cJSON_GetObjectItemCaseSensitive(json, "d"));
    if (rc == 0)
        rc = read_names(&out->calls, cJSON_GetObjectItemCaseSensitive(json, "c"));
    if (rc == 0)
        rc = read_names(&out->reads, cJSON_GetObjectItemCaseSensitive(json, "r"));
    if (rc == 0)
        rc = ecg_taint_xunit_json_read_facts(&out->facts,
                                             cJSON_GetObjectItemCaseSensitive(json, "f"));
    if (rc == 0)
        rc = read_wants(&out->wants, json);
    if (rc != 0)
        ecg_xiface_fini(out);
    return rc;
}
