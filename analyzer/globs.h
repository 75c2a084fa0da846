/* Check globs as clang-tidy writes them ("-*,security-*,-security-weak-crypto": comma
 * separated, '-' negates, '*' matches any run of characters, later entries win) and path
 * globs for `exclude` ('*' and '?' stay within one path component, '**' spans any). */
#ifndef ECG_ANALYZER_GLOBS_H
#define ECG_ANALYZER_GLOBS_H

#include <stddef.h>

/* Nonzero when the single pattern (no commas, no leading '-') matches name. '*' matches
 * any run of characters, including none. */
int ecg_globs_match_one(const char *pattern, const char *name);

/* Decides whether name is enabled by a glob list. The last entry that matches decides:
 * positive enables, negative disables. When none matches, returns fallback. A NULL or
 * empty list returns fallback. Blanks around entries are ignored. */
int ecg_globs_decide(const char *list, const char *name, int fallback);

/* Calls report(arg, entry) for each positive entry of list that matches none of the n
 * names (a likely typo such as "securty-*"). Entries are passed trimmed, NUL-terminated. */
void ecg_globs_each_unmatched(const char *list, const char *const *names, size_t n,
                              void (*report)(void *arg, const char *entry), void *arg);

/* Nonzero when path matches the path glob. '*' and '?' do not cross '/'; "**" matches any
 * run of components (including none); a pattern without '/' matches the last component. */
int ecg_globs_match_path(const char *pattern, const char *path);

#endif
