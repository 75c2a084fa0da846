/* Incremental cache lookups and stores; see cache.h. Current file hashes are memoised per
 * run in an open-addressing table, so a header shared by every unit is read once. */
#include "analyzer/cache.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/config.h"
#include "analyzer/db.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/findings_json.h"
#include "analyzer/hash.h"
#include "analyzer/job.h"
#include "analyzer/taint_xunit_json.h"
#include "rules/rule.h"
#include "sarif/json.h"

struct memo_slot {
    char *path;   /* owned; NULL: empty slot */
    char hex[33]; /* content hash, or "-" when the file cannot be read */
};

struct ecg_cache {
    struct ecg_db *db;
    const char *resource_dir;
    const char *root;
    const struct ecg_config *dumped; /* the configuration config_hash was computed for */
    char config_hash[33];            /* hash of its dump: units mostly share one config */
    struct memo_slot *slots;
    size_t cap; /* a power of two */
    size_t used;
};

struct ecg_cache *ecg_cache_new(struct ecg_db *db, const char *resource_dir, const char *root)
{
    struct ecg_cache *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->cap = 1024;
    c->slots = calloc(c->cap, sizeof(*c->slots));
    if (c->slots == NULL) {
        free(c);
        return NULL;
    }
    c->db = db;
    c->resource_dir = resource_dir;
    c->root = root;
    return c;
}

void ecg_cache_free(struct ecg_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->cap; i++)
        free(c->slots[i].path);
    free(c->slots);
    free(c);
}

static size_t slot_index(const struct ecg_cache *c, const char *path)
{
    size_t h = 5381;

    for (const char *p = path; *p != '\0'; p++)
        h = h * 33 + (unsigned char)*p;
    h &= c->cap - 1;
    while (c->slots[h].path != NULL && strcmp(c->slots[h].path, path) != 0)
        h = (h + 1) & (c->cap - 1);
    return h;
}

static int memo_grow(struct ecg_cache *c)
{
    struct ecg_cache bigger = *c;

    bigger.cap = c->cap * 2;
    bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
    if (bigger.slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < c->cap; i++) {
        if (c->slots[i].path != NULL)
            bigger.slots[slot_index(&bigger, c->slots[i].path)] = c->slots[i];
    }
    free(c->slots);
    *c = bigger;
    return 0;
}

/* The current content hash of path ("-" when unreadable); NULL when memory runs out. */
static const char *current_hash(struct ecg_cache *c, const char *path)
{
    struct memo_slot *slot;
    char *text = NULL;
    size_t len = 0;

    if (c->used * 2 >= c->cap && memo_grow(c) != 0)
        return NULL;
    slot = &c->slots[slot_index(c, path)];
    if (slot->path != NULL)
        return slot->hex;
    slot->path = strdup(path);
    if (slot->path == NULL)
        return NULL;
    c->used++;
    if (ecg_fileio_read(&text, &len, path, NULL) == 0)
        ecg_hash_hex(slot->hex, text, len);
    else
        snprintf(slot->hex, sizeof(slot->hex), "-");
    free(text);
    return slot->hex;
}

/* The hash of a configuration's full dump (every rule's effective options). */
static int config_hash(struct ecg_cache *c, const struct ecg_config *cfg)
{
    char *dump;

    if (c->dumped == cfg && cfg != NULL)
        return 0;
    dump = ecg_config_dump(cfg);
    if (dump == NULL)
        return ECG_ENOMEM;
    ecg_hash_hex(c->config_hash, dump, strlen(dump));
    c->dumped = cfg;
    free(dump);
    return 0;
}

/* The manifest key: everything but the contents of the files the unit reads. */
static int manifest_key(char out[33], struct ecg_cache *c, const struct ecg_job *job)
{
    struct ecg_hasher h;

    if (config_hash(c, job->config) != 0)
        return ECG_ENOMEM;
    ecg_hasher_init(&h);
    ecg_hasher_feed_str(&h, "ecg-cache-v1");
    ecg_hasher_feed_str(&h, ECG_VERSION);
    ecg_hasher_feed_str(&h, ECG_LLVM_VERSION);
    ecg_hasher_feed_str(&h, c->resource_dir);
    ecg_hasher_feed_str(&h, c->root);
    ecg_hasher_feed_str(&h, c->config_hash);
    for (size_t i = 0; i < job->n_rules; i++)
        ecg_hasher_feed_str(&h, job->rules[i]->id);
    ecg_hasher_feed_str(&h, job->file);
    ecg_hasher_feed_str(&h, job->directory);
    for (size_t i = 0; i < job->flags.len; i++)
        ecg_hasher_feed_str(&h, job->flags.items[i]);
    ecg_hasher_hex(&h, out);
    return 0;
}

/* Nonzero when deps is a non-empty array of [path, hash] pairs whose hashes all match the
 * files on disk now. */
static int deps_current(struct ecg_cache *c, const cJSON *deps, int *out_oom)
{
    const cJSON *pair;
    int current = cJSON_IsArray(deps) && cJSON_GetArraySize(deps) > 0;

    for (pair = current ? deps->child : NULL; pair != NULL && current; pair = pair->next) {
        const cJSON *path = cJSON_GetArrayItem(pair, 0);
        const cJSON *hex = cJSON_GetArrayItem(pair, 1);
        const char *now;
        if (!cJSON_IsString(path) || !cJSON_IsString(hex)) {
            current = 0;
            break;
        }
        now = current_hash(c, path->valuestring);
        *out_oom |= now == NULL;
        current = now != NULL && strcmp(now, hex->valuestring) == 0;
    }
    return current;
}

/* Copies the [path, hash] pairs deps_current accepted into job->deps. */
static int deps_into_job(struct ecg_job *job, const cJSON *deps)
{
    const cJSON *pair;
    int rc = 0;

    for (pair = deps->child; rc == 0 && pair != NULL; pair = pair->next) {
        rc = ecg_strvec_push(&job->deps, cJSON_GetArrayItem(pair, 0)->valuestring);
        if (rc == 0)
            rc = ecg_strvec_push(&job->deps, cJSON_GetArrayItem(pair, 1)->valuestring);
    }
    return rc;
}

/* The cross-unit part of an entry: the unit's interface without seeds, the seeds its
 * findings used and the interface they gave. Returns 0, or nonzero when it is unusable. */
/* Reads an interface into a new heap object. */
static int read_iface(struct ecg_xiface **out, const cJSON *json)
{
    struct ecg_xiface *x = calloc(1, sizeof(*x));
    int rc = x != NULL ? ecg_taint_xunit_json_read_iface(x, json) : ECG_ENOMEM;

    if (rc != 0) {
        free(x);
        return rc;
    }
    *out = x;
    return 0;
}

static int replay_xunit(struct ecg_job *job, const cJSON *xunit)
{
    struct ecg_xiface *base = NULL, *seeded = NULL;
    int rc = read_iface(&base, cJSON_GetObjectItemCaseSensitive(xunit, "base"));

    if (rc == 0)
        rc = ecg_taint_xunit_json_read_facts(&job->xstored,
                                             cJSON_GetObjectItemCaseSensitive(xunit, "seeds"));
    if (rc == 0 && job->xstored.len > 0)
        rc = read_iface(&seeded, cJSON_GetObjectItemCaseSensitive(xunit, "iface"));
    if (rc != 0) {
        ecg_xiface_fini(base);
        free(base);
        ecg_xfacts_fini(&job->xstored);
        return rc;
    }
    job->xbase = base;
    job->xstored_iface = seeded;
    return 0;
}

/* An entry's findings text: the array itself, or, for a unit that took part in cross-unit
 * taint, {"findings": [...], "xunit": {...}}. A unit analysed with seeds from other units
 * serves only a run that links units; a unit linking needs the interface. */
static char *entry_findings(struct ecg_job *job, const char *text)
{
    cJSON *obj = text[0] == '{' ? cJSON_Parse(text) : NULL;
    const cJSON *xunit = cJSON_GetObjectItemCaseSensitive(obj, "xunit");
    const cJSON *seeds = cJSON_GetObjectItemCaseSensitive(xunit, "seeds");
    char *findings = NULL;

    if (text[0] != '{')
        return job->xunit ? NULL : strdup(text);
    if (job->xunit && xunit != NULL && replay_xunit(job, xunit) == 0)
        findings = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(obj, "findings"));
    else if (!job->xunit && cJSON_GetArraySize(seeds) == 0)
        findings = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(obj, "findings"));
    cJSON_Delete(obj);
    return findings;
}

static void drop_xunit(struct ecg_job *job)
{
    ecg_xiface_fini(job->xbase);
    free(job->xbase);
    ecg_xiface_fini(job->xstored_iface);
    free(job->xstored_iface);
    ecg_xfacts_fini(&job->xstored);
    job->xbase = NULL;
    job->xstored_iface = NULL;
}

static int replay(struct ecg_job *job, const struct ecg_db_cache_entry *entry, const cJSON *deps)
{
    char *findings = entry_findings(job, entry->findings);

    if (findings == NULL || ecg_findings_json_read(&job->findings, findings) != 0 ||
        deps_into_job(job, deps) != 0) {
        free(findings);
        drop_xunit(job);
        ecg_findings_fini(&job->findings);
        ecg_strvec_fini(&job->deps);
        return 0;
    }
    free(findings);
    ecg_job_mark_gate(job);
    job->cached = 1;
    return 1;
}

/* Replays the entry when its deps are current; the deps text is parsed once for both. */
static void try_entry(struct ecg_cache *c, struct ecg_job *job,
                      const struct ecg_db_cache_entry *entry, int *out_oom)
{
    cJSON *deps = cJSON_Parse(entry->deps);

    if (deps_current(c, deps, out_oom))
        replay(job, entry, deps);
    cJSON_Delete(deps);
}

static int lookup_one(struct ecg_cache *c, struct ecg_job *job, struct ecg_diag *diag)
{
    struct ecg_db_cache_entry *entries = NULL;
    size_t n = 0;
    char key[33];
    int oom = 0;
    int rc = manifest_key(key, c, job);

    if (rc == 0)
        rc = ecg_db_cache_find(c->db, key, &entries, &n, diag);
    for (size_t i = 0; rc == 0 && i < n && !job->cached; i++) {
        try_entry(c, job, &entries[i], &oom);
        if (oom)
            rc = ECG_ENOMEM;
    }
    ecg_db_cache_entries_free(entries, n);
    return rc;
}

int ecg_cache_lookup_all(struct ecg_cache *c, struct ecg_job *jobs, size_t n, size_t *out_hits,
                         struct ecg_diag *diag)
{
    size_t hits = 0;

    for (size_t i = 0; i < n; i++) {
        int rc = lookup_one(c, &jobs[i], diag);
        if (rc != 0)
            return rc;
        hits += jobs[i].cached ? 1 : 0;
    }
    *out_hits = hits;
    return 0;
}

/* [[path, hash], ...] of the unit's deps, in the order clang read them, as JSON text. */
static char *deps_json(const struct ecg_job *job)
{
    cJSON *arr = cJSON_CreateArray();
    char *text;

    for (size_t i = 0; arr != NULL && i + 1 < job->deps.len; i += 2) {
        const char *pair[2] = { job->deps.items[i], job->deps.items[i + 1] };
        cJSON *item = cJSON_CreateStringArray(pair, 2);
        if (item == NULL || !cJSON_AddItemToArray(arr, item)) {
            cJSON_Delete(item);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    text = arr != NULL ? cJSON_PrintUnformatted(arr) : NULL;
    cJSON_Delete(arr);
    return text;
}

/* {"base": ..., "seeds": [...], "iface": ...} of a unit that took part in cross-unit taint. */
static cJSON *xunit_json(const struct ecg_job *job)
{
    cJSON *obj = cJSON_CreateObject();
    int rc = obj != NULL ? 0 : ECG_ENOMEM;

    sarif_json_adopt(&rc, obj, "base", ecg_taint_xunit_json_iface(job->xbase));
    sarif_json_adopt(&rc, obj, "seeds", ecg_taint_xunit_json_facts(&job->xseeds));
    if (job->xseeds.len > 0 && job->xiface != NULL)
        sarif_json_adopt(&rc, obj, "iface", ecg_taint_xunit_json_iface(job->xiface));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* The findings text stored: the array, wrapped with the cross-unit part when there is one. */
static char *findings_text(const struct ecg_job *job)
{
    char *findings = ecg_findings_json_write(&job->findings);
    cJSON *obj, *arr;
    int rc = 0;

    if (findings == NULL || !job->xunit || job->xbase == NULL)
        return findings;
    arr = cJSON_Parse(findings);
    free(findings);
    obj = cJSON_CreateObject();
    if (obj == NULL)
        rc = ECG_ENOMEM;
    sarif_json_adopt(&rc, obj, "findings", arr);
    sarif_json_adopt(&rc, obj, "xunit", xunit_json(job));
    findings = rc == 0 ? cJSON_PrintUnformatted(obj) : NULL;
    cJSON_Delete(obj);
    return findings;
}

static int store_one(struct ecg_cache *c, const struct ecg_job *job, struct ecg_diag *diag)
{
    char key[33], deps_key[33];
    char *deps = NULL, *findings = NULL;
    int rc = manifest_key(key, c, job);

    if (rc == 0) {
        deps = deps_json(job);
        findings = findings_text(job);
        rc = deps != NULL && findings != NULL ? 0 : ECG_ENOMEM;
    }
    if (rc == 0) {
        ecg_hash_hex(deps_key, deps, strlen(deps));
        rc = ecg_db_cache_store(c->db, key, deps_key, deps, findings, diag);
    }
    free(deps);
    free(findings);
    return rc;
}

int ecg_cache_store_all(struct ecg_cache *c, const struct ecg_job *jobs, size_t n,
                        struct ecg_diag *diag)
{
    int rc = ecg_db_begin(c->db, diag);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        const struct ecg_job *job = &jobs[i];
        if (!job->cached && !job->failed && job->rc == 0 && job->deps.len > 0)
            rc = store_one(c, job, diag);
    }
    if (rc == 0)
        return ecg_db_commit(c->db, diag);
    ecg_db_rollback(c->db);
    return rc;
}
