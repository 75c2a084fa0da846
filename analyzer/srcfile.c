/* Source file cache: an open-addressing hash table from absolute path to file, each file
 * read once and split into lines. Slots hold pointers, so a returned file stays put when
 * the table grows; the invariant is len * 2 <= cap (cap a power of two). */
#include "analyzer/srcfile.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/fingerprint.h"
#include "analyzer/suppress.h"

#define SRCCACHE_MIN_CAP 64

struct ecg_srccache {
    struct ecg_srcfile **slots; /* owned; cap entries, NULL when free */
    size_t cap;                 /* power of two */
    size_t len;                 /* files stored */
};

struct ecg_srccache *ecg_srccache_new(void)
{
    struct ecg_srccache *cache = calloc(1, sizeof(*cache));

    if (cache == NULL)
        return NULL;
    cache->slots = calloc(SRCCACHE_MIN_CAP, sizeof(*cache->slots));
    if (cache->slots == NULL) {
        free(cache);
        return NULL;
    }
    cache->cap = SRCCACHE_MIN_CAP;
    return cache;
}

static void srcfile_free(struct ecg_srcfile *file)
{
    if (file == NULL)
        return;
    ecg_suppress_free(file->nolint);
    free(file->line_starts);
    free(file->text);
    free(file->path);
    free(file);
}

void ecg_srccache_free(struct ecg_srccache *cache)
{
    if (cache == NULL)
        return;
    for (size_t i = 0; i < cache->cap; i++)
        srcfile_free(cache->slots[i]);
    free(cache->slots);
    free(cache);
}

void ecg_srcfile_split_line(size_t *out_end, size_t *out_next, const char *text, size_t len,
                            size_t start)
{
    size_t i = start;

    while (i < len && text[i] != '\n' && text[i] != '\r')
        i++;
    *out_end = i;
    if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;
    *out_next = i < len ? i + 1 : len;
}

/* Fills line_starts; an empty text has no lines. */
static int index_lines(struct ecg_srcfile *file)
{
    size_t n = 0;
    size_t pos = 0;
    size_t end;

    while (pos < file->len) {
        ecg_srcfile_split_line(&end, &pos, file->text, file->len, pos);
        n++;
    }
    if (n == 0)
        return 0;
    file->line_starts = malloc(n * sizeof(*file->line_starts));
    if (file->line_starts == NULL)
        return ECG_ENOMEM;
    pos = 0;
    for (size_t i = 0; i < n; i++) {
        file->line_starts[i] = pos;
        ecg_srcfile_split_line(&end, &pos, file->text, file->len, pos);
    }
    file->n_lines = n;
    return 0;
}

/* Reads path into a new file record. A read failure other than memory leaves text NULL. */
static struct ecg_srcfile *srcfile_load(const char *path)
{
    struct ecg_srcfile *file = calloc(1, sizeof(*file));
    int rc;

    if (file == NULL)
        return NULL;
    file->path = strdup(path);
    rc = file->path != NULL ? ecg_fileio_read(&file->text, &file->len, path, NULL) : ECG_ENOMEM;
    if (rc == 0)
        rc = index_lines(file);
    if (rc == ECG_ENOMEM) {
        srcfile_free(file);
        return NULL;
    }
    return file;
}

static size_t path_slot(const struct ecg_srccache *cache, const char *path)
{
    uint64_t h = ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, path, strlen(path));
    size_t mask = cache->cap - 1;
    size_t i = (size_t)h & mask;

    while (cache->slots[i] != NULL && strcmp(cache->slots[i]->path, path) != 0)
        i = (i + 1) & mask;
    return i;
}

static int cache_grow(struct ecg_srccache *cache)
{
    struct ecg_srccache bigger = { NULL, cache->cap * 2, 0 };

    bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
    if (bigger.slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < cache->cap; i++) {
        struct ecg_srcfile *file = cache->slots[i];
        if (file != NULL)
            bigger.slots[path_slot(&bigger, file->path)] = file;
    }
    free(cache->slots);
    cache->slots = bigger.slots;
    cache->cap = bigger.cap;
    return 0;
}

struct ecg_srcfile *ecg_srccache_get(struct ecg_srccache *cache, const char *path)
{
    struct ecg_srcfile *file;
    size_t slot;

    assert(cache != NULL && path != NULL);
    slot = path_slot(cache, path);
    if (cache->slots[slot] != NULL)
        return cache->slots[slot];
    if ((cache->len + 1) * 2 > cache->cap) {
        if (cache_grow(cache) != 0)
            return NULL;
        slot = path_slot(cache, path);
    }
    file = srcfile_load(path);
    if (file == NULL)
        return NULL;
    cache->slots[slot] = file;
    cache->len++;
    return file;
}

const char *ecg_srcfile_line(const struct ecg_srcfile *file, unsigned line, size_t *out_len)
{
    size_t start;
    size_t end;
    size_t next;

    if (file == NULL || file->text == NULL || line == 0 || line > file->n_lines)
        return NULL;
    start = file->line_starts[line - 1];
    ecg_srcfile_split_line(&end, &next, file->text, file->len, start);
    *out_len = end - start;
    return file->text + start;
}

int ecg_srcfile_nolint(const struct ecg_nolint **out, struct ecg_srcfile *file)
{
    if (file->nolint == NULL) {
        file->nolint = ecg_suppress_scan(file->text, file->text != NULL ? file->len : 0);
        if (file->nolint == NULL)
            return ECG_ENOMEM;
    }
    *out = file->nolint;
    return 0;
}
