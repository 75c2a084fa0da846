/* A hash map from libclang cursors to dense indices given in insertion order: the taint
 * engine's tables of variables, fields and functions. Keys are compared with
 * clang_equalCursors, so two cursors for one declaration share an index. */
#ifndef ECG_ANALYZER_CURSORMAP_H
#define ECG_ANALYZER_CURSORMAP_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

struct ecg_cursormap {
    CXCursor *keys; /* owned; keys[i] is the cursor of index i */
    size_t len;
    size_t cap;
    uint32_t *slots; /* owned; open addressing: index + 1, 0 for an empty slot */
    size_t n_slots;  /* a power of two, at least twice len */
};

/* Prepares an empty map in the caller's storage. */
void ecg_cursormap_init(struct ecg_cursormap *m);

/* Releases the map's arrays; the map is empty and reusable afterwards. */
void ecg_cursormap_fini(struct ecg_cursormap *m);

/* The index of cursor, or -1 when it is not in the map. */
long ecg_cursormap_find(const struct ecg_cursormap *m, CXCursor cursor);

/* The index of cursor, adding it when it is new (*added is then set). Returns 0 or
 * ECG_ENOMEM (the map is unchanged). */
int ecg_cursormap_intern(uint32_t *out, int *added, struct ecg_cursormap *m, CXCursor cursor);

#endif
