/* Internals shared by git.c, which runs git, and git_changes.c, which keeps the changed
 * lines it reports; not for use outside these two files. */
#ifndef ECG_ANALYZER_GIT_INT_H
#define ECG_ANALYZER_GIT_INT_H

struct ecg_changes;

/* Records every line of path (relative to the top of the work tree, copied) as changed.
 * Call ecg_git_changes_finish before the next lookup. Errors: ECG_ENOMEM. */
int ecg_git_changes_add_file(struct ecg_changes *changes, const char *path);

/* Sorts and merges what was added since the last call, so lookups work again. Errors:
 * ECG_ENOMEM (changes can still be freed). */
int ecg_git_changes_finish(struct ecg_changes *changes);

/* Makes absolute paths below top (another spelling of the top, copied) count as well.
 * Errors: ECG_ENOMEM. */
int ecg_git_changes_add_top(struct ecg_changes *changes, const char *top);

#endif
