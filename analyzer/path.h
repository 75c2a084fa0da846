/* Lexical path helpers for configuration discovery and exclude globs: joining, making
 * absolute and normalised (no ".", ".." or empty components; symlinks are not followed),
 * and walking up to the root. */
#ifndef ECG_ANALYZER_PATH_H
#define ECG_ANALYZER_PATH_H

/* dir + "/" + name (no doubled '/'). The caller frees it; NULL when memory runs out. */
char *ecg_path_join(const char *dir, const char *name);

/* The absolute, normalised form of path; a relative path is taken against base, or the
 * working directory when base is NULL. The caller frees it; NULL when memory runs out or
 * the working directory cannot be determined. */
char *ecg_path_absolute(const char *base, const char *path);

/* Replaces an absolute, normalised path by its parent, in place. Returns 0 (leaving the
 * path alone) when it is already "/". */
int ecg_path_parent(char *path);

/* The absolute, normalised directory that holds path. The caller frees it; NULL as
 * ecg_path_absolute. */
char *ecg_path_dirname(const char *path);

/* The part of path below dir (dir's trailing slashes ignored): "src/a.c" for "/p/src/a.c"
 * under "/p". NULL when dir is NULL or empty, or path is not strictly below it. */
const char *ecg_path_under(const char *path, const char *dir);

/* Nonzero when path names a regular file (following symlinks). */
int ecg_path_is_file(const char *path);

#endif
