/* "Did you mean ...?": picks, among known words, the one closest to a misspelt word by
 * Levenshtein distance, for diagnostics about unknown keys, rules and options. */
#ifndef ECG_ANALYZER_SUGGEST_H
#define ECG_ANALYZER_SUGGEST_H

#include <stddef.h>

#define ECG_SUGGEST_LENGTH_MAX 64 /* longer words are never considered close */

/* The best candidate so far; the caller's storage, no resources. */
struct ecg_suggest {
    const char *word;    /* borrowed: the misspelt word */
    const char *best;    /* borrowed from a candidate; NULL until one is close enough */
    size_t distance;     /* edits from word to best */
    size_t max_distance; /* candidates further away are ignored */
};

/* Starts a search for the candidate closest to word within max_distance edits. */
void ecg_suggest_init(struct ecg_suggest *s, const char *word, size_t max_distance);

/* Considers one candidate; the first of equally close candidates is kept. */
void ecg_suggest_consider(struct ecg_suggest *s, const char *candidate);

/* Levenshtein distance (insertions, deletions, substitutions of bytes) between a and b;
 * SIZE_MAX when either is longer than ECG_SUGGEST_LENGTH_MAX. */
size_t ecg_suggest_distance(const char *a, const char *b);

#endif
