/* `ecg sarif diff`; see diff.h. BASE's active results are counted by key; each active
 * result of HEAD takes one of its key's BASE occurrences (unchanged) or none is left (new);
 * BASE's occurrences of a key beyond those taken are fixed. */
#include "sarif/diff.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "sarif/json.h"
#include "sarif/key.h"

/* Counters of a key entry. */
enum {
    IN_BASE = 0, /* BASE's active results with the key */
    TAKEN = 1,   /* of those, matched by HEAD's */
    WALKED = 2,  /* of those, visited by the pass that finds the fixed ones */
};

typedef int (*view_fn)(struct sarif_diff *d, struct sarif_keys *keys,
                       const struct sarif_result_view *view);

static int is_active(const struct sarif_result_view *v)
{
    return !v->suppressed && !v->absent;
}

static int each_result(struct sarif_diff *d, struct sarif_keys *keys, const struct sarif_doc *doc,
                       view_fn fn)
{
    const cJSON *run;

    cJSON_ArrayForEach(run, cJSON_GetObjectItemCaseSensitive(doc->root, "runs"))
    {
        const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
        const cJSON *result;
        if (!cJSON_IsArray(results))
            continue;
        cJSON_ArrayForEach(result, results)
        {
            struct sarif_result_view view;
            int rc;
            sarif_read_view(&view, run, result);
            rc = fn(d, keys, &view);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

static int push(struct sarif_diff *d, enum sarif_diff_state state,
                const struct sarif_result_view *view)
{
    if (d->len == d->cap) {
        size_t cap = d->cap != 0 ? d->cap * 2 : 64;
        struct sarif_diff_item *grown = realloc(d->items, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        d->items = grown;
        d->cap = cap;
    }
    d->items[d->len].state = state;
    d->items[d->len].view = *view;
    d->len++;
    return 0;
}

static int count_base(struct sarif_diff *d, struct sarif_keys *keys,
                      const struct sarif_result_view *view)
{
    struct sarif_key_entry *entry;
    char *key = NULL;
    int rc;

    (void)d;
    if (!is_active(view))
        return 0;
    rc = sarif_key_make(&key, view);
    if (rc == 0)
        rc = sarif_key_take(&entry, keys, key);
    if (rc == 0)
        entry->count[IN_BASE]++;
    return rc;
}

/* The entry of view's key in keys, into *out (NULL when the key is not there). */
static int find_entry(struct sarif_key_entry **out, const struct sarif_keys *keys,
                      const struct sarif_result_view *view)
{
    char *key = NULL;
    int rc = sarif_key_make(&key, view);

    if (rc != 0)
        return rc;
    *out = sarif_key_find(keys, key);
    free(key);
    return 0;
}

static int match_head(struct sarif_diff *d, struct sarif_keys *keys,
                      const struct sarif_result_view *view)
{
    struct sarif_key_entry *entry = NULL;
    int rc;

    if (view->suppressed)
        d->n_suppressed++;
    if (!is_active(view))
        return 0;
    rc = find_entry(&entry, keys, view);
    if (rc != 0)
        return rc;
    if (entry != NULL && entry->count[TAKEN] < entry->count[IN_BASE]) {
        entry->count[TAKEN]++;
        d->n_unchanged++;
        return push(d, SARIF_DIFF_UNCHANGED, view);
    }
    d->n_new++;
    return push(d, SARIF_DIFF_NEW, view);
}

static int find_fixed(struct sarif_diff *d, struct sarif_keys *keys,
                      const struct sarif_result_view *view)
{
    struct sarif_key_entry *entry = NULL;
    int rc;

    if (!is_active(view))
        return 0;
    rc = find_entry(&entry, keys, view);
    if (rc != 0)
        return rc;
    if (entry == NULL)
        return 0; /* cannot happen: the first pass added every active BASE key */
    entry->count[WALKED]++;
    if (entry->count[WALKED] <= entry->count[TAKEN])
        return 0;
    d->n_fixed++;
    return push(d, SARIF_DIFF_FIXED, view);
}

int sarif_diff_compute(struct sarif_diff *out, const struct sarif_doc *base,
                       const struct sarif_doc *head)
{
    struct sarif_diff d;
    struct sarif_keys keys;
    int rc;

    memset(&d, 0, sizeof(d));
    sarif_key_init(&keys);
    rc = each_result(&d, &keys, base, count_base);
    if (rc == 0)
        rc = each_result(&d, &keys, head, match_head);
    if (rc == 0)
        rc = each_result(&d, &keys, base, find_fixed);
    sarif_key_fini(&keys);
    if (rc != 0) {
        sarif_diff_fini(&d);
        return rc;
    }
    *out = d;
    return 0;
}

void sarif_diff_fini(struct sarif_diff *diff)
{
    free(diff->items);
    memset(diff, 0, sizeof(*diff));
}

int sarif_diff_fails_gate(const struct sarif_diff *diff)
{
    for (size_t i = 0; i < diff->len; i++) {
        const struct sarif_diff_item *it = &diff->items[i];
        if (it->state == SARIF_DIFF_NEW && strcmp(it->view.level, "error") == 0)
            return 1;
    }
    return 0;
}

/* --- text ------------------------------------------------------------------------------- */

static void print_item(FILE *out, const struct sarif_result_view *v, const char *tag)
{
    if (v->uri != NULL) {
        fputs(v->uri, out);
        if (v->line > 0)
            fprintf(out, ":%ld", v->line);
        if (v->line > 0 && v->col > 0)
            fprintf(out, ":%ld", v->col);
        fputs(": ", out);
    }
    fprintf(out, "%s: %s", v->level, v->message);
    if (v->rule_id[0] != '\0')
        fprintf(out, " [%s]", v->rule_id);
    fprintf(out, " (%s)\n", tag);
}

int sarif_diff_print_text(FILE *out, const struct sarif_diff *diff)
{
    for (size_t i = 0; i < diff->len; i++) {
        if (diff->items[i].state == SARIF_DIFF_NEW)
            print_item(out, &diff->items[i].view, "new");
    }
    for (size_t i = 0; i < diff->len; i++) {
        if (diff->items[i].state == SARIF_DIFF_FIXED)
            print_item(out, &diff->items[i].view, "fixed");
    }
    fprintf(out, "%zu new, %zu fixed, %zu unchanged", diff->n_new, diff->n_fixed,
            diff->n_unchanged);
    if (diff->n_suppressed > 0)
        fprintf(out, ", %zu suppressed", diff->n_suppressed);
    fputc('\n', out);
    if (fflush(out) != 0 || ferror(out))
        return ECG_EIO;
    return 0;
}

/* --- JSON ------------------------------------------------------------------------------- */

static cJSON *string_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *number_or_null(long n)
{
    return n > 0 ? cJSON_CreateNumber((double)n) : cJSON_CreateNull();
}

static void put_item(int *rc, cJSON *list, const struct sarif_result_view *v)
{
    cJSON *obj = sarif_json_adopt(rc, list, NULL, cJSON_CreateObject());

    sarif_json_adopt(rc, obj, "ruleId", cJSON_CreateString(v->rule_id));
    sarif_json_adopt(rc, obj, "level", cJSON_CreateString(v->level));
    sarif_json_adopt(rc, obj, "uri", string_or_null(v->uri));
    sarif_json_adopt(rc, obj, "startLine", number_or_null(v->line));
    sarif_json_adopt(rc, obj, "startColumn", number_or_null(v->col));
    sarif_json_adopt(rc, obj, "message", cJSON_CreateString(v->message));
    sarif_json_adopt(rc, obj, "fingerprint", string_or_null(v->fingerprint));
}

static void put_list(int *rc, cJSON *obj, const char *key, const struct sarif_diff *diff,
                     enum sarif_diff_state state)
{
    cJSON *list = sarif_json_adopt(rc, obj, key, cJSON_CreateArray());

    for (size_t i = 0; i < diff->len; i++) {
        if (diff->items[i].state == state)
            put_item(rc, list, &diff->items[i].view);
    }
}

int sarif_diff_to_json(cJSON **out, const struct sarif_diff *diff)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *counts;
    int rc = obj != NULL ? 0 : ECG_ENOMEM;

    put_list(&rc, obj, "new", diff, SARIF_DIFF_NEW);
    put_list(&rc, obj, "fixed", diff, SARIF_DIFF_FIXED);
    put_list(&rc, obj, "unchanged", diff, SARIF_DIFF_UNCHANGED);
    counts = sarif_json_adopt(&rc, obj, "counts", cJSON_CreateObject());
    sarif_json_adopt(&rc, counts, "new", cJSON_CreateNumber((double)diff->n_new));
    sarif_json_adopt(&rc, counts, "fixed", cJSON_CreateNumber((double)diff->n_fixed));
    sarif_json_adopt(&rc, counts, "unchanged", cJSON_CreateNumber((double)diff->n_unchanged));
    sarif_json_adopt(&rc, counts, "suppressed", cJSON_CreateNumber((double)diff->n_suppressed));
    if (rc != 0) {
        cJSON_Delete(obj);
        return rc;
    }
    *out = obj;
    return 0;
}
