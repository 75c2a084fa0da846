// ecg-options: {"infer_own_functions": true}
// With infer_own_functions, a project's own function returning an error code is treated
// like an output call: checked at three of its four calls here, discarded at the fourth.
#include <stddef.h>

enum journal_status { JOURNAL_OK, JOURNAL_FULL, JOURNAL_IO };

struct journal;

enum journal_status journal_append(struct journal *j, const void *rec, size_t len);
int journal_sync(struct journal *j);
void journal_note(struct journal *j, const char *text);

int commit_record(struct journal *j, const void *rec, size_t len)
{
    if (journal_append(j, rec, len) != JOURNAL_OK)
        return -1;
    return journal_sync(j);
}

int commit_batch(struct journal *j, const void *const *recs, const size_t *lens, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        enum journal_status rc = journal_append(j, recs[i], lens[i]);
        if (rc != JOURNAL_OK)
            return -1;
    }
    if (journal_sync(j) != 0)
        return -1;
    return 0;
}

void commit_marker(struct journal *j, const char *text)
{
    journal_note(j, text);
    journal_append(j, text, 1); // expect: security-unchecked-allocation {{checked at 2 of 3}}
}
