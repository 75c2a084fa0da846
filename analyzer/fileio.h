/* File helpers: whole-file reads, JSON files with positioned errors, and atomic writes
 * (temporary file + rename) so an output file is never left half-written. */
#ifndef ECG_ANALYZER_FILEIO_H
#define ECG_ANALYZER_FILEIO_H

#include <stddef.h>
#include <stdio.h>

struct cJSON;
struct ecg_diag;

/* Reads the whole file at path into a NUL-terminated buffer the caller frees.
 * Errors: ECG_EIO (missing, a directory, unreadable), ECG_ENOMEM; detail in diag. */
int ecg_fileio_read(char **out, size_t *out_len, const char *path, struct ecg_diag *diag);

/* Parses text as JSON. On a syntax error returns ECG_EPARSE with the line and column of
 * the offending character in diag, attributed to origin (a path or a label). */
int ecg_fileio_parse_json(struct cJSON **out, const char *text, size_t len, const char *origin,
                          struct ecg_diag *diag);

/* Reads and parses the JSON file at path; errors as the two functions above. */
int ecg_fileio_read_json(struct cJSON **out, const char *path, struct ecg_diag *diag);

/* Computes the 1-based line and byte column of offset within text. */
void ecg_fileio_position(unsigned *out_line, unsigned *out_col, const char *text, size_t offset);

/* Returns nonzero when the buffer looks binary (a NUL byte in its first 8 KiB). */
int ecg_fileio_is_binary(const char *text, size_t len);

/* A file being written atomically: write to .stream, then commit or abort. A regular file
 * (through symbolic links) is written to a temporary file beside it and renamed over it;
 * a device, FIFO or socket (/dev/null, /dev/stdout) is written in place, since renaming
 * over it would replace the device node. */
struct ecg_atomic_file {
    FILE *stream;
    char *final_path;
    char *temp_path;
};

/* Opens a temporary file beside path (or path itself when it is not a regular file).
 * Errors: ECG_EIO, ECG_ENOMEM; detail in diag. */
int ecg_fileio_atomic_open(struct ecg_atomic_file *file, const char *path, struct ecg_diag *diag);

/* Flushes, closes and renames the temporary file over the final path. On failure the
 * temporary file is removed and the final path is untouched. */
int ecg_fileio_atomic_commit(struct ecg_atomic_file *file, struct ecg_diag *diag);

/* Closes and removes the temporary file; the final path is untouched. */
void ecg_fileio_atomic_abort(struct ecg_atomic_file *file);

#endif
