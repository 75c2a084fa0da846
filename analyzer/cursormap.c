/* Cursor to index map with linear probing over clang_hashCursor; see cursormap.h. */
#include "analyzer/cursormap.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

#define MIN_SLOTS 64u

void ecg_cursormap_init(struct ecg_cursormap *m)
{
    memset(m, 0, sizeof(*m));
}

void ecg_cursormap_fini(struct ecg_cursormap *m)
{
    free(m->keys);
    free(m->slots);
    memset(m, 0, sizeof(*m));
}

/* The slot holding cursor, or the empty slot where it would go. */
static size_t probe(const struct ecg_cursormap *m, CXCursor cursor)
{
    size_t mask = m->n_slots - 1;
    size_t at = (size_t)clang_hashCursor(cursor) & mask;

    while (m->slots[at] != 0 && !clang_equalCursors(m->keys[m->slots[at] - 1], cursor))
        at = (at + 1) & mask;
    return at;
}

long ecg_cursormap_find(const struct ecg_cursormap *m, CXCursor cursor)
{
    size_t at;

    if (m->n_slots == 0)
        return -1;
    at = probe(m, cursor);
    return m->slots[at] != 0 ? (long)m->slots[at] - 1 : -1;
}

/* Doubles the slot table (or makes the first one) and re-inserts every key. */
static int rehash(struct ecg_cursormap *m)
{
    size_t n = m->n_slots != 0 ? m->n_slots * 2 : MIN_SLOTS;
    uint32_t *slots = calloc(n, sizeof(*slots));

    if (slots == NULL)
        return ECG_ENOMEM;
    free(m->slots);
    m->slots = slots;
    m->n_slots = n;
    for (size_t i = 0; i < m->len; i++)
        m->slots[probe(m, m->keys[i])] = (uint32_t)i + 1;
    return 0;
}

static int grow_keys(struct ecg_cursormap *m)
{
    size_t cap = m->cap != 0 ? m->cap * 2 : MIN_SLOTS / 2;
    CXCursor *keys;

    if (m->len < m->cap)
        return 0;
    keys = realloc(m->keys, cap * sizeof(*keys));
    if (keys == NULL)
        return ECG_ENOMEM;
    m->keys = keys;
    m->cap = cap;
    return 0;
}

int ecg_cursormap_intern(uint32_t *out, int *added, struct ecg_cursormap *m, CXCursor cursor)
{
    size_t at;

    if (m->len >= UINT32_MAX - 1)
        return ECG_ENOMEM;
    if ((m->len + 1) * 2 > m->n_slots && rehash(m) != 0)
        return ECG_ENOMEM;
    at = probe(m, cursor);
    if (m->slots[at] != 0) {
        *out = m->slots[at] - 1;
        *added = 0;
        return 0;
    }
    if (grow_keys(m) != 0)
        return ECG_ENOMEM;
    m->keys[m->len] = cursor;
    m->slots[at] = (uint32_t)m->len + 1;
    *out = (uint32_t)m->len++;
    *added = 1;
    return 0;
}
