/* The per-run configuration cache (see config.h): which .ecg.json governs each directory,
 * each file read once and merged over the files it inherits, and each effective
 * configuration (file chain, then the command line) built once. Both maps are sorted arrays
 * of owned paths; file entries live on the heap so the directory map can point at them. */
#include "analyzer/config.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/path.h"

struct cache_file {
    struct ecg_config *chain;     /* owned; the file merged over those it inherits; NULL
                                   * for the no-file entry */
    struct ecg_config *effective; /* owned; defaults, chain, then cli; NULL until asked for */
};

struct cache_slot {
    char *key;               /* owned; absolute, normalised path */
    struct cache_file *file; /* owned in the files map, borrowed in the dirs map, where
                              * NULL means no configuration file governs the directory */
};

/* Slots sorted by key (strcmp). */
struct slot_map {
    struct cache_slot *slots;
    size_t len;
    size_t cap;
};

struct ecg_config_cache {
    char *explicit_path;             /* owned; --config-file, or NULL for discovery */
    const struct ecg_config *cli;    /* borrowed; may be NULL */
    struct slot_map files;           /* .ecg.json path -> its entry */
    struct slot_map dirs;            /* directory -> the entry of the file that governs it */
    struct cache_file explicit_file; /* chain loaded on first use */
    struct cache_file none;          /* used where no file applies: defaults + cli */
};

/* Whether key is in the map; *index is its slot, or where it would be inserted. */
static int map_find(const struct slot_map *m, const char *key, size_t *index)
{
    size_t lo = 0;
    size_t hi = m->len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(m->slots[mid].key, key);

        if (cmp == 0) {
            *index = mid;
            return 1;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *index = lo;
    return 0;
}

/* Inserts a copy of key (absent from the map) mapping to file. Returns 0 or ECG_ENOMEM;
 * file is not adopted on failure. */
static int map_insert(struct slot_map *m, const char *key, struct cache_file *file)
{
    size_t at;
    char *copy = strdup(key);

    if (copy == NULL)
        return ECG_ENOMEM;
    if (m->len == m->cap) {
        size_t cap = m->cap != 0 ? m->cap * 2 : 16;
        struct cache_slot *grown = realloc(m->slots, cap * sizeof(*grown));

        if (grown == NULL) {
            free(copy);
            return ECG_ENOMEM;
        }
        m->slots = grown;
        m->cap = cap;
    }
    map_find(m, key, &at);
    memmove(&m->slots[at + 1], &m->slots[at], (m->len - at) * sizeof(m->slots[0]));
    m->slots[at].key = copy;
    m->slots[at].file = file;
    m->len++;
    return 0;
}

static void cache_file_fini(struct cache_file *file)
{
    ecg_config_free(file->chain);
    ecg_config_free(file->effective);
}

static void map_fini(struct slot_map *m, int owns_files)
{
    for (size_t i = 0; i < m->len; i++) {
        free(m->slots[i].key);
        if (owns_files && m->slots[i].file != NULL) {
            cache_file_fini(m->slots[i].file);
            free(m->slots[i].file);
        }
    }
    free(m->slots);
}

struct ecg_config_cache *ecg_config_cache_new(const char *explicit_file,
                                              const struct ecg_config *cli)
{
    struct ecg_config_cache *cache = calloc(1, sizeof(*cache));

    if (cache == NULL)
        return NULL;
    cache->cli = cli;
    if (explicit_file != NULL) {
        cache->explicit_path = strdup(explicit_file);
        if (cache->explicit_path == NULL) {
            free(cache);
            return NULL;
        }
    }
    return cache;
}

void ecg_config_cache_free(struct ecg_config_cache *cache)
{
    if (cache == NULL)
        return;
    map_fini(&cache->files, 1);
    map_fini(&cache->dirs, 0);
    cache_file_fini(&cache->explicit_file);
    cache_file_fini(&cache->none);
    free(cache->explicit_path);
    free(cache);
}

static int copy_identity(struct ecg_config *cfg, const struct ecg_config *identity)
{
    if (identity->origin != NULL) {
        cfg->origin = strdup(identity->origin);
        if (cfg->origin == NULL)
            return ECG_ENOMEM;
    }
    if (identity->dir != NULL) {
        cfg->dir = strdup(identity->dir);
        if (cfg->dir == NULL)
            return ECG_ENOMEM;
    }
    return 0;
}

/* A new configuration named after identity (its origin and dir), holding lower merged
 * under upper. Any of the three may be NULL. */
static int stack_configs(struct ecg_config **out, const struct ecg_config *identity,
                         const struct ecg_config *lower, const struct ecg_config *upper)
{
    struct ecg_config *cfg = ecg_config_new();
    int rc = cfg == NULL ? ECG_ENOMEM : 0;

    if (rc == 0 && identity != NULL)
        rc = copy_identity(cfg, identity);
    if (rc == 0 && lower != NULL)
        rc = ecg_config_merge(cfg, lower);
    if (rc == 0 && upper != NULL)
        rc = ecg_config_merge(cfg, upper);
    if (rc != 0) {
        ecg_config_free(cfg);
        return rc;
    }
    *out = cfg;
    return 0;
}

static int resolve_dir(struct cache_file **out, struct ecg_config_cache *cache, const char *dir,
                       struct ecg_diag *diag);

/* Replaces *cfg, which asked to inherit, by its parent directory's chain merged under it. */
static int inherit_parent(struct ecg_config **cfg, struct ecg_config_cache *cache,
                          struct ecg_diag *diag)
{
    struct cache_file *parent = NULL;
    struct ecg_config *stacked = NULL;
    char *dir = strdup((*cfg)->dir);
    int rc = dir == NULL ? ECG_ENOMEM : 0;

    if (rc == 0 && ecg_path_parent(dir))
        rc = resolve_dir(&parent, cache, dir, diag);
    free(dir);
    if (rc != 0 || parent == NULL)
        return rc;
    rc = stack_configs(&stacked, *cfg, parent->chain, *cfg);
    if (rc != 0)
        return rc;
    ecg_config_free(*cfg);
    *cfg = stacked;
    return 0;
}

/* The entry of the configuration file at path, loaded (with its inherit chain) once. */
static int load_file(struct cache_file **out, struct ecg_config_cache *cache, const char *path,
                     struct ecg_diag *diag)
{
    struct ecg_config *cfg = NULL;
    struct cache_file *file = NULL;
    size_t at;
    int rc;

    if (map_find(&cache->files, path, &at)) {
        *out = cache->files.slots[at].file;
        return 0;
    }
    rc = ecg_config_load(&cfg, path, diag);
    if (rc == 0 && cfg->inherit)
        rc = inherit_parent(&cfg, cache, diag);
    if (rc == 0) {
        file = calloc(1, sizeof(*file));
        rc = file == NULL ? ECG_ENOMEM : 0;
    }
    if (rc == 0) {
        file->chain = cfg;
        rc = map_insert(&cache->files, path, file);
    }
    if (rc != 0) {
        ecg_config_free(cfg);
        free(file);
        return rc;
    }
    *out = file;
    return 0;
}

/* Sets *out to the entry of dir's own .ecg.json when it has one; leaves it alone if not. */
static int probe_dir(struct cache_file **out, struct ecg_config_cache *cache, const char *dir,
                     struct ecg_diag *diag)
{
    char *candidate = ecg_path_join(dir, ECG_CONFIG_FILE_NAME);
    int rc = 0;

    if (candidate == NULL)
        return ECG_ENOMEM;
    if (ecg_path_is_file(candidate))
        rc = load_file(out, cache, candidate, diag);
    free(candidate);
    return rc;
}

/* Records that every directory from dir up to stop (an ancestor, inclusive) is governed
 * by file, so later lookups need no walk. */
static int remember_dirs(struct ecg_config_cache *cache, const char *dir, const char *stop,
                         struct cache_file *file)
{
    char *cur = strdup(dir);
    int rc = cur == NULL ? ECG_ENOMEM : 0;

    while (rc == 0) {
        size_t at;

        if (!map_find(&cache->dirs, cur, &at))
            rc = map_insert(&cache->dirs, cur, file);
        if (strcmp(cur, stop) == 0 || !ecg_path_parent(cur))
            break;
    }
    free(cur);
    return rc;
}

/* The entry of the file nearest to dir (absolute, normalised), or NULL when none is. */
static int resolve_dir(struct cache_file **out, struct ecg_config_cache *cache, const char *dir,
                       struct ecg_diag *diag)
{
    struct cache_file *file = NULL;
    char *cur = strdup(dir);
    int rc = cur == NULL ? ECG_ENOMEM : 0;

    while (rc == 0) {
        size_t at;

        if (map_find(&cache->dirs, cur, &at)) {
            file = cache->dirs.slots[at].file;
            break;
        }
        rc = probe_dir(&file, cache, cur, diag);
        if (rc != 0 || file != NULL || !ecg_path_parent(cur))
            break;
    }
    if (rc == 0)
        rc = remember_dirs(cache, dir, cur, file);
    free(cur);
    if (rc == 0)
        *out = file;
    return rc;
}

static int explicit_entry(struct cache_file **out, struct ecg_config_cache *cache,
                          struct ecg_diag *diag)
{
    int rc = 0;

    /* --config-file replaces discovery, so its "inherit" has nothing to inherit from. */
    if (cache->explicit_file.chain == NULL)
        rc = ecg_config_load(&cache->explicit_file.chain, cache->explicit_path, diag);
    if (rc == 0)
        *out = &cache->explicit_file;
    return rc;
}

int ecg_config_cache_get(struct ecg_config_cache *cache, const char *source_path,
                         const struct ecg_config **out, struct ecg_diag *diag)
{
    struct cache_file *file = NULL;
    char *dir = NULL;
    int rc;

    if (cache->explicit_path != NULL) {
        rc = explicit_entry(&file, cache, diag);
    } else {
        dir = ecg_path_dirname(source_path);
        rc = dir == NULL ? ECG_ENOMEM : resolve_dir(&file, cache, dir, diag);
        free(dir);
    }
    if (rc != 0)
        return rc;
    if (file == NULL)
        file = &cache->none;
    if (file->effective == NULL)
        rc = stack_configs(&file->effective, file->chain, file->chain, cache->cli);
    if (rc == 0)
        *out = file->effective;
    return rc;
}
