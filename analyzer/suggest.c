/* Closest-word suggestions; see suggest.h. The distance uses one row of the usual
 * dynamic-programming table, on the stack, since words are short. */
#include "analyzer/suggest.h"

#include <stdint.h>
#include <string.h>

void ecg_suggest_init(struct ecg_suggest *s, const char *word, size_t max_distance)
{
    s->word = word;
    s->best = NULL;
    s->distance = SIZE_MAX;
    s->max_distance = max_distance;
}

void ecg_suggest_consider(struct ecg_suggest *s, const char *candidate)
{
    size_t d = ecg_suggest_distance(s->word, candidate);

    if (d <= s->max_distance && d < s->distance) {
        s->best = candidate;
        s->distance = d;
    }
}

size_t ecg_suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    size_t row[ECG_SUGGEST_LENGTH_MAX + 1];

    if (la > ECG_SUGGEST_LENGTH_MAX || lb > ECG_SUGGEST_LENGTH_MAX)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t corner = row[0];

        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = corner + (a[i - 1] != b[j - 1] ? 1 : 0);

            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            corner = above;
        }
    }
    return row[lb];
}
