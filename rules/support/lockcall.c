/* Lock calls by name (lockcall.h): each '_'-separated word is looked up in one small table. */
#include "rules/support/lockcall.h"

#include <string.h>

/* 1 for a word naming an exclusive lock, -1 for 'unlock', -2 for a read lock, else 0. */
static int lock_word(const char *w, size_t n)
{
    static const struct {
        const char *word;
        int cls;
    } words[] = { { "lock", 1 },    { "wrlock", 1 }, { "trylock", 1 },
                  { "unlock", -1 }, { "read", -2 },  { "rdlock", -2 } };

    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i].word) == n && memcmp(words[i].word, w, n) == 0)
            return words[i].cls;
    }
    return 0;
}

int rule_lockcall_kind(const char *name)
{
    int found = 0;

    for (const char *w = name; *w != '\0';) {
        size_t n = strcspn(w, "_");
        int cls = lock_word(w, n);
        if (cls == -2)
            return 0;
        if (cls != 0)
            found = cls;
        w += n + (w[n] == '_');
    }
    return found;
}
