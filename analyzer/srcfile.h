/* A cache of source file texts, indexed by line, shared by snippets, suppressions and
 * fingerprints. Files are read once per run, on first use. Not thread-safe: used by the
 * main thread after the workers finish. */
#ifndef ECG_ANALYZER_SRCFILE_H
#define ECG_ANALYZER_SRCFILE_H

#include <stddef.h>

struct ecg_nolint;

struct ecg_srcfile {
    char *path; /* owned; absolute */
    char *text; /* owned; NUL-terminated; NULL when the file could not be read */
    size_t len;
    size_t *line_starts; /* owned; offset of each line's first byte; n_lines entries */
    size_t n_lines;
    struct ecg_nolint *nolint; /* owned; suppression comments, parsed on first use */
};

struct ecg_srccache;

/* A new empty cache; NULL when memory runs out. */
struct ecg_srccache *ecg_srccache_new(void);

/* Releases the cache and every file in it; NULL is a no-op. */
void ecg_srccache_free(struct ecg_srccache *cache);

/* The file at path, read on first use. A file that cannot be read is still returned, with
 * text NULL, so callers degrade (no snippet) rather than fail. NULL only when memory runs
 * out. Borrowed from the cache. */
struct ecg_srcfile *ecg_srccache_get(struct ecg_srccache *cache, const char *path);

/* Line (1-based) of the file without its line terminator; *out_len is its length. Returns
 * NULL when the line does not exist or the file could not be read. Lines end at "\n",
 * "\r\n" or a lone "\r", as clang counts them; a final terminator does not start another
 * line, so an empty file has no lines and "a\n" has one. */
const char *ecg_srcfile_line(const struct ecg_srcfile *file, unsigned line, size_t *out_len);

/* Splits one line off text[start..len): *out_end is the offset of its terminator (or len)
 * and *out_next the offset where the next line starts (len after the last line). The one
 * definition of a line, shared with the suppression scanner. */
void ecg_srcfile_split_line(size_t *out_end, size_t *out_next, const char *text, size_t len,
                            size_t start);

/* The file's suppression comments, scanned on first use (a file that could not be read
 * has none). *out is borrowed from the file. Returns 0 or ECG_ENOMEM. */
int ecg_srcfile_nolint(const struct ecg_nolint **out, struct ecg_srcfile *file);

#endif
