/* Fingerprints: FNV-1a over (rule, relative path, blank-free source line) gives each
 * finding a key; the occurrence index among equal keys, in list order, makes identical
 * lines distinct. No line number or absolute path enters the hash. */
#include "analyzer/fingerprint.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/result.h"
#include "analyzer/srcfile.h"

#define FNV_PRIME UINT64_C(0x100000001b3)

/* A finding's key and its position in the list, sorted to count occurrences. */
struct keyed {
    uint64_t key;
    size_t pos;
};

uint64_t ecg_fingerprint_hash(uint64_t seed, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = seed;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Hashes the line without spaces, tabs and carriage returns, so re-indenting keeps it. */
static uint64_t hash_blank_free(uint64_t h, const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            h = ecg_fingerprint_hash(h, &line[i], 1);
    }
    return h;
}

/* Hashes rule, NUL, relative path, NUL, blank-free line, NUL. */
static int finding_key(uint64_t *out, struct ecg_result *result, const struct ecg_finding *f)
{
    const char *rule = f->rule_id != NULL ? f->rule_id : "";
    const char *path = f->range.path != NULL ? f->range.path : "";
    const char *line = NULL;
    size_t len = 0;
    char rel[PATH_MAX];
    uint64_t h;

    if (result->sources != NULL) {
        const struct ecg_srcfile *file = ecg_srccache_get(result->sources, path);
        if (file == NULL)
            return ECG_ENOMEM;
        line = ecg_srcfile_line(file, f->range.line, &len);
    }
    ecg_result_relative_path(result, path, rel, sizeof(rel));
    h = ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, rule, strlen(rule) + 1);
    h = ecg_fingerprint_hash(h, rel, strlen(rel) + 1);
    h = hash_blank_free(h, line, line != NULL ? len : 0);
    *out = ecg_fingerprint_hash(h, "", 1);
    return 0;
}

static int keyed_compare(const void *a, const void *b)
{
    const struct keyed *x = a;
    const struct keyed *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Appends the decimal occurrence index to the key and writes the result as hex. */
static void write_fingerprint(struct ecg_finding *f, uint64_t key, size_t occurrence)
{
    char digits[32];
    int n = snprintf(digits, sizeof(digits), "%zu", occurrence);
    uint64_t h = ecg_fingerprint_hash(key, digits, (size_t)n);

    snprintf(f->fingerprint, sizeof(f->fingerprint), "%016llx", (unsigned long long)h);
}

int ecg_fingerprint_assign(struct ecg_result *result)
{
    struct ecg_findings *list = &result->findings;
    struct keyed *keys;
    size_t occurrence = 0;

    if (list->len == 0)
        return 0;
    keys = malloc(list->len * sizeof(*keys));
    if (keys == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < list->len; i++) {
        keys[i].pos = i;
        if (finding_key(&keys[i].key, result, &list->items[i]) != 0) {
            free(keys);
            return ECG_ENOMEM;
        }
    }
    qsort(keys, list->len, sizeof(*keys), keyed_compare);
    for (size_t i = 0; i < list->len; i++) {
        occurrence = i > 0 && keys[i].key == keys[i - 1].key ? occurrence + 1 : 0;
        write_fingerprint(&list->items[keys[i].pos], keys[i].key, occurrence);
    }
    free(keys);
    return 0;
}
