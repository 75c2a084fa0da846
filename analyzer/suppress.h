/* Suppression comments as clang-tidy reads them: NOLINT, NOLINT(list), NOLINTNEXTLINE,
 * NOLINTNEXTLINE(list), NOLINTBEGIN(list) ... NOLINTEND(list). A list holds rule ids or
 * globs ("security-*"); no list means every rule. The marker counts only inside a comment
 * ("//" or "/ *" earlier on the same line). A NOLINTEND closes the innermost open
 * NOLINTBEGIN with the same list (items trimmed, compared in order), so regions nest. */
#ifndef ECG_ANALYZER_SUPPRESS_H
#define ECG_ANALYZER_SUPPRESS_H

#include <stddef.h>

struct ecg_nolint;

/* A misuse of the markers, reported to the user: NOLINTBEGIN with no NOLINTEND, a
 * NOLINTEND with no NOLINTBEGIN, an unclosed '('. */
struct ecg_nolint_problem {
    unsigned line;
    unsigned col;
    const char *message; /* static text */
};

/* Scans a whole file's text for markers. NULL when memory runs out. */
struct ecg_nolint *ecg_suppress_scan(const char *text, size_t len);

/* Releases the index; NULL is a no-op. */
void ecg_suppress_free(struct ecg_nolint *index);

/* Nonzero when a finding of rule_id starting on line is suppressed; *out_comment then
 * points at the suppressing comment's text from the marker to the end of the comment
 * (borrowed from the index). A NOLINTBEGIN that is never closed suppresses nothing. */
int ecg_suppress_match(const struct ecg_nolint *index, unsigned line, const char *rule_id,
                       const char **out_comment);

/* The misuses found while scanning; *out_n is their number. Borrowed from the index. */
const struct ecg_nolint_problem *ecg_suppress_problems(const struct ecg_nolint *index,
                                                       size_t *out_n);

#endif
