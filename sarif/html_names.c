/* A string-to-index table for the HTML report (rules, files and source paths by name), so a
 * log with tens of thousands of results is indexed in linear time. Open addressing with
 * linear probing over a power-of-two table kept at most half full; keys are borrowed. */
#include "sarif/html_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

static uint64_t name_hash(const char *s)
{
    uint64_t h = UINT64_C(1469598103934665603);

    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        h ^= *p;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

void sarif_html_names_fini(struct sarif_html_names *names)
{
    free(names->slots);
    names->slots = NULL;
    names->cap = 0;
    names->count = 0;
}

static struct sarif_html_name *probe(const struct sarif_html_names *names, const char *key)
{
    size_t mask = names->cap - 1;
    size_t i = (size_t)name_hash(key) & mask;

    while (names->slots[i].key != NULL && strcmp(names->slots[i].key, key) != 0)
        i = (i + 1) & mask;
    return &names->slots[i];
}

long sarif_html_names_find(const struct sarif_html_names *names, const char *key)
{
    const struct sarif_html_name *slot;

    if (names->cap == 0)
        return -1;
    slot = probe(names, key);
    return slot->key != NULL ? slot->index : -1;
}

static int rehash(struct sarif_html_names *names)
{
    struct sarif_html_names bigger = { .cap = names->cap != 0 ? names->cap * 2 : 64 };

    if (bigger.cap < names->cap)
        return ECG_ENOMEM;
    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (bigger.slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < names->cap; i++) {
        if (names->slots[i].key != NULL)
            *probe(&bigger, names->slots[i].key) = names->slots[i];
    }
    bigger.count = names->count;
    free(names->slots);
    *names = bigger;
    return 0;
}

int sarif_html_names_add(struct sarif_html_names *names, const char *key, long index)
{
    struct sarif_html_name *slot;

    if ((names->count + 1) * 2 > names->cap && rehash(names) != 0)
        return ECG_ENOMEM;
    slot = probe(names, key);
    if (slot->key == NULL)
        names->count++;
    slot->key = key;
    slot->index = index;
    return 0;
}
