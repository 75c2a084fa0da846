/* `ecg report html`: one self-contained HTML page (no network, scripts, fonts or styles from
 * elsewhere) that presents a SARIF log: summaries by rule, level and file, filters and a
 * search box, each finding with its source lines, related locations and flow steps, and
 * suppressed or baseline-unchanged results apart; with a metrics file from `ecg metrics
 * --format json`, a complexity overview drawn as inline SVG. */
#ifndef ECG_SARIF_HTML_H
#define ECG_SARIF_HTML_H

#include <stdio.h>

struct cJSON;
struct ecg_diag;
struct sarif_doc;

struct sarif_html_input {
    const struct sarif_doc *sarif; /* the log to present; required */
    const struct cJSON *metrics;   /* the output of `ecg metrics --format json`, or NULL */
    const char *metrics_path;      /* names the metrics file in errors */
    const char *source_root;       /* where relative artifact paths are looked up when the log's
                                    * base ids do not lead to the file; NULL: the working dir */
};

/* Writes the page to out. Source lines come from the files the log names when they can be
 * read, else from the log's snippets. Errors: ECG_EPARSE (the metrics are not the shape
 * `ecg metrics` writes), ECG_ENOMEM, ECG_EIO (writing failed); detail in diag. */
int sarif_html_write(FILE *out, const struct sarif_html_input *in, struct ecg_diag *diag);

/* Runs `ecg report` (argv[0] is "report") and returns the exit code: 0 written, 2 for a
 * usage error or an input that cannot be read (no output file is left behind). */
int sarif_html_main(int argc, char **argv);

#endif
