/* git, run through fork/exec (never a shell): the current commit for the run history, and
 * the lines changed since a revision for --changed-since. */
#ifndef ECG_ANALYZER_GIT_H
#define ECG_ANALYZER_GIT_H

#include <stddef.h>

#include "analyzer/strvec.h"

struct ecg_diag;

/* Runs "git <args...>" in dir with stdin from /dev/null and stdout captured (stderr
 * captured separately for the error message). args ends with NULL; dir NULL means the
 * working directory; out_len may be NULL. *out is the NUL-terminated stdout, owned by
 * the caller. Errors: ECG_EIO when git cannot be started or exits non-zero (diag gives
 * the command and git's first stderr line), ECG_ENOMEM. Thread-safe. */
int ecg_git_run(char **out, size_t *out_len, const char *dir, const char *const *args,
                struct ecg_diag *diag);

/* The commit HEAD names in the repository holding dir, as 40 hex digits (64 in a SHA-256
 * repository); *out is NULL (and 0 returned) when dir is not in a git repository, HEAD
 * has no commit yet or git is not installed. Errors: ECG_ENOMEM. */
int ecg_git_head(char **out, const char *dir);

/* Lines changed in the working tree since a revision, per file. */
struct ecg_changes;

/* Collects the lines that "git diff -U0 REV" shows as added or changed (new side), plus
 * every line of untracked files that git does not ignore, for the repository holding dir.
 * Errors: ECG_EIO (not a repository, unknown revision: diag has git's message),
 * ECG_EPARSE (output that cannot be read), ECG_ENOMEM. */
int ecg_git_changes(struct ecg_changes **out, const char *dir, const char *rev,
                    struct ecg_diag *diag);

void ecg_git_changes_free(struct ecg_changes *changes);

/* Nonzero when any line from line to end_line of the file at abs_path (absolute and
 * normalised; below the top as git or as dir spells it) changed. */
int ecg_git_changes_touch(const struct ecg_changes *changes, const char *abs_path, unsigned line,
                          unsigned end_line);

/* Parses the output of "git diff -U0" (paths relative to top, an absolute directory) into
 * changes; exposed for tests. Errors: ECG_EPARSE, ECG_ENOMEM. */
int ecg_git_changes_parse(struct ecg_changes **out, const char *top, const char *diff, size_t len,
                          struct ecg_diag *diag);

#endif
