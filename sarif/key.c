/* Result identity and the key table; see key.h. Fields are length-prefixed in a key, so
 * no two different tuples give the same string. */
#include "sarif/key.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/fingerprint.h"
#include "sarif/read.h"

#define KEY_MIN_CAP 64

static char *format_key(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A new formatted string, or NULL when memory runs out. */
static char *format_key(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

int sarif_key_make(char **out, const struct sarif_result_view *v)
{
    const char *base = v->uri_base_id != NULL ? v->uri_base_id : "";
    const char *uri = v->uri != NULL ? v->uri : "";
    char *key;

    if (v->fingerprint != NULL)
        key = format_key("f%zu:%s%zu:%s", strlen(v->rule_id), v->rule_id, strlen(v->fingerprint),
                         v->fingerprint);
    else
        key = format_key("l%zu:%s%zu:%s%zu:%s%ld:%ld:%zu:%s", strlen(v->rule_id), v->rule_id,
                         strlen(base), base, strlen(uri), uri, v->line, v->col, strlen(v->message),
                         v->message);
    if (key == NULL)
        return ECG_ENOMEM;
    *out = key;
    return 0;
}

void sarif_key_init(struct sarif_keys *keys)
{
    memset(keys, 0, sizeof(*keys));
}

void sarif_key_fini(struct sarif_keys *keys)
{
    for (size_t i = 0; i < keys->cap; i++)
        free(keys->slots[i].key);
    free(keys->slots);
    memset(keys, 0, sizeof(*keys));
}

static size_t key_hash(const char *key)
{
    return (size_t)ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, key, strlen(key));
}

/* The slot holding key, or the empty slot where it would go; the table is not full. */
static struct sarif_key_entry *probe(const struct sarif_keys *keys, const char *key)
{
    size_t mask = keys->cap - 1;
    size_t i = key_hash(key) & mask;

    while (keys->slots[i].key != NULL && strcmp(keys->slots[i].key, key) != 0)
        i = (i + 1) & mask;
    return &keys->slots[i];
}

static int grow(struct sarif_keys *keys)
{
    size_t cap = keys->cap != 0 ? keys->cap * 2 : KEY_MIN_CAP;
    struct sarif_keys bigger = { calloc(cap, sizeof(struct sarif_key_entry)), cap, keys->len };

    if (bigger.slots == NULL || cap < keys->cap) {
        free(bigger.slots);
        return ECG_ENOMEM;
    }
    for (size_t i = 0; i < keys->cap; i++) {
        if (keys->slots[i].key != NULL)
            *probe(&bigger, keys->slots[i].key) = keys->slots[i];
    }
    free(keys->slots);
    *keys = bigger;
    return 0;
}

int sarif_key_take(struct sarif_key_entry **out, struct sarif_keys *keys, char *key)
{
    struct sarif_key_entry *e;

    if ((keys->len + 1) * 2 > keys->cap && grow(keys) != 0) {
        free(key);
        return ECG_ENOMEM;
    }
    e = probe(keys, key);
    if (e->key != NULL) {
        free(key);
    } else {
        e->key = key;
        keys->len++;
    }
    *out = e;
    return 0;
}

struct sarif_key_entry *sarif_key_find(const struct sarif_keys *keys, const char *key)
{
    struct sarif_key_entry *e;

    if (keys->cap == 0)
        return NULL;
    e = probe(keys, key);
    return e->key != NULL ? e : NULL;
}
