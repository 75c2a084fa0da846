/* Growing an array in place: the one helper the analyzer and the rules use for their
 * vectors of plain structs. */
#ifndef ECG_ANALYZER_GROW_H
#define ECG_ANALYZER_GROW_H

#include <stddef.h>

/* Makes room for at least need items of size bytes in *items, whose capacity is *cap,
 * doubling it (from 16); the new items are zeroed. Returns 0, or ECG_ENOMEM (also when the
 * size overflows) with *items and *cap unchanged. */
int ecg_grow(void **items, size_t *cap, size_t need, size_t size);

#endif
