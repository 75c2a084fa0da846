/* The one place that records why an operation failed: file, line, column and message.
 * Callers pass the error code up unchanged and print the diagnostic once, at the top. */
#ifndef ECG_ANALYZER_DIAG_H
#define ECG_ANALYZER_DIAG_H

#include <stdio.h>

#define ECG_DIAG_PATH_MAX 4096
#define ECG_DIAG_MESSAGE_MAX 1024

struct ecg_diag {
    char path[ECG_DIAG_PATH_MAX];       /* empty when the failure has no file */
    unsigned line;                      /* 1-based; 0 when unknown */
    unsigned col;                       /* 1-based byte column; 0 when unknown */
    char message[ECG_DIAG_MESSAGE_MAX]; /* empty until set */
};

/* Records a failure in diag (which may be NULL: then nothing is recorded). path may be NULL. */
void ecg_diag_set(struct ecg_diag *diag, const char *path, unsigned line, unsigned col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Clears a diagnostic so it can be reused. */
void ecg_diag_clear(struct ecg_diag *diag);

/* Prints "path:line:col: error: message" (parts that are unknown are left out) to out. */
void ecg_diag_print(const struct ecg_diag *diag, FILE *out, const char *severity);

#endif
