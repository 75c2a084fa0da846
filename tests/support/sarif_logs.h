/* Helpers shared by the SARIF read, merge and diff tests: logs written as C literals with ' for "
 * (loaded, or written to files), diagnostics checked, cJSON's allocations made to fail, and
 * `ecg sarif` run with its output captured. They fail the test rather than return an error,
 * except where a code is returned. */
#ifndef ECG_TESTS_SUPPORT_SARIF_LOGS_H
#define ECG_TESTS_SUPPORT_SARIF_LOGS_H

#include <stddef.h>

struct ecg_diag;
struct sarif_doc;

/* Loads text (with ' for ") as a log named origin with sarif_read_text, after clearing diag.
 * Returns its code; the doc, the caller's, is in *out on success. */
int sarif_logs_read(struct sarif_doc **out, const char *text, const char *origin,
                    struct ecg_diag *diag);

/* As sarif_logs_read, returning the doc; fails the test with the diagnostic when it does not
 * load. */
struct sarif_doc *sarif_logs_read_ok(const char *text, const char *origin);

/* Writes text (with ' for ") to dir/name and formats that path into path. */
void sarif_logs_write(char *path, size_t size, const char *dir, const char *name, const char *text);

/* Fails the test unless diag names path at line and col and its message contains needle. */
void sarif_logs_expect_diag(const struct ecg_diag *diag, const char *path, unsigned line,
                            unsigned col, const char *needle);

/* Makes cJSON's allocation number n (from 0) and every later one fail, until
 * sarif_logs_restore_allocator. The count is process-wide state, as cJSON's hooks are. */
void sarif_logs_fail_allocations_after(long n);

/* Gives cJSON back the C library's allocator. */
void sarif_logs_restore_allocator(void);

/* Runs `ecg sarif ARGS...` (argv is NULL-terminated) with stdout and stderr captured into *out
 * and *err, which the caller frees. Returns sarif_cli_run's exit code. */
int sarif_logs_run_cli(char **out, char **err, char **argv);

#endif
