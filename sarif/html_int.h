/* Shared by the parts of the HTML report: the page data built from the log, the source
 * lines, and the SVG charts of the metrics. */
#ifndef ECG_SARIF_HTML_INT_H
#define ECG_SARIF_HTML_INT_H

#include <stddef.h>
#include <stdio.h>

struct cJSON;
struct ecg_diag;
struct sarif_html_input;
struct sarif_html_sources;

/* Lines of context shown before and after a finding's region. */
#define SARIF_HTML_CONTEXT 2
/* At most this many source lines per snippet, and bytes per line. */
#define SARIF_HTML_MAX_LINES 12
#define SARIF_HTML_MAX_LINE_BYTES 400

/* Names (borrowed strings) mapped to indices. Zero-initialise; release with _fini. */
struct sarif_html_name {
    const char *key; /* NULL: an empty slot */
    long index;
};

struct sarif_html_names {
    struct sarif_html_name *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
};

/* The index stored for key, or -1. */
long sarif_html_names_find(const struct sarif_html_names *names, const char *key);

/* Maps key (which must outlive names) to index. Returns 0 or ECG_ENOMEM. */
int sarif_html_names_add(struct sarif_html_names *names, const char *key, long index);

void sarif_html_names_fini(struct sarif_html_names *names);

/* Builds the data the page's script renders (rules, files, findings with their snippets,
 * related locations and flows). Errors: ECG_ENOMEM. */
int sarif_html_data(struct cJSON **out, const struct sarif_html_input *in);

/* A cache of the source files the log names, each read once. */
struct sarif_html_sources *sarif_html_sources_new(const struct cJSON *run, const char *root);
void sarif_html_sources_free(struct sarif_html_sources *sources);

/* Adds to obj, as "sn": {"a": first line number, "t": [lines], "h": [first, last]}, the lines
 * of the region a physicalLocation names with context lines around it (0: its first line
 * only), read from the file, else the region's snippet; adds nothing when neither is there.
 * Returns 0 or ECG_ENOMEM. */
int sarif_html_snippet(struct cJSON *obj, struct sarif_html_sources *sources,
                       const struct cJSON *physical, int context);

/* Checks that metrics has the shape `ecg metrics --format json` writes (objects "functions"
 * and "files" with the fields the charts read). Errors: ECG_EPARSE, detail in diag. */
int sarif_html_metrics_check(const struct cJSON *metrics, const char *path, struct ecg_diag *diag);

/* Writes the complexity overview (charts and per-file table) as HTML with inline SVG. */
int sarif_html_metrics_write(FILE *out, const struct cJSON *metrics);

/* Writes text with &, <, >, " and ' escaped for HTML. */
void sarif_html_escape(FILE *out, const char *text);

#endif
