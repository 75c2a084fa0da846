/* Positions of members in JSON text. cJSON keeps none, so a diagnostic about an accepted
 * document re-scans its text to the member, named by child indices (exact even when an
 * object repeats a key, since cJSON keeps children in text order). */
#ifndef ECG_ANALYZER_JSONPOS_H
#define ECG_ANALYZER_JSONPOS_H

#include <stddef.h>

/* Byte offset in text of the value reached by following path from the root: path[d] is a
 * child index (object member or array element) at depth d. With want_key, the offset of
 * that member's key instead (of the element itself in an array). text must be JSON that
 * cJSON accepted (a leading UTF-8 byte-order mark is skipped, as cJSON does); should the
 * path not fit it, the offset of the deepest value reached is returned. Never fails. */
size_t ecg_jsonpos_locate(const char *text, size_t len, const size_t *path, size_t depth,
                          int want_key);

#endif
