/* The page of `ecg report html`: markup, the embedded style sheet and script, the data as
 * JSON inside a script element (every '<' escaped so no text can close it), and the metrics
 * overview. A Content-Security-Policy forbids every load from elsewhere. */
#include "sarif/html.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "sarif/html_assets.h"
#include "sarif/html_int.h"
#include "sarif/read.h"

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";

static const char page_controls[] =
    "<nav class=\"tabs\" id=\"tabs\" role=\"tablist\"></nav>\n"
    "<section><h2>Summary</h2><div class=\"summary\" id=\"summary\"></div></section>\n"
    "<section><h2>Findings</h2>\n<div class=\"filters\">\n"
    "<select id=\"f-rule\" aria-label=\"rule\"></select>\n"
    "<select id=\"f-level\" aria-label=\"level\"></select>\n"
    "<select id=\"f-file\" aria-label=\"file\"></select>\n"
    "<input type=\"search\" id=\"f-q\" placeholder=\"Search messages, rules, files, code\" "
    "aria-label=\"search\">\n<span id=\"shown\"></span>\n</div>\n"
    "<noscript><p>The list of findings needs JavaScript.</p></noscript>\n"
    "<div id=\"list\"></div>\n<button id=\"more\" hidden>Show more</button>\n</section>\n";

static void write_bytes(FILE *out, const unsigned char *bytes, size_t n)
{
    fwrite(bytes, 1, n, out);
}

static size_t count_state(const cJSON *data, const char *state)
{
    const cJSON *f;
    size_t n = 0;

    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(data, "findings"))
    {
        const char *k = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "k"));
        n += k != NULL && strcmp(k, state) == 0;
    }
    return n;
}

static void write_header(FILE *out, const cJSON *data)
{
    const char *tool = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(data, "tool"));
    const char *version = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(data, "version"));
    const char *log = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(data, "log"));
    size_t open = count_state(data, "open");

    fputs("<title>", out);
    sarif_html_escape(out, tool);
    fprintf(out, " report: %zu finding%s</title>\n<style>\n", open, open == 1 ? "" : "s");
    write_bytes(out, sarif_html_asset_css, sarif_html_asset_css_len);
    fputs("</style>\n</head>\n<body>\n<header><h1>", out);
    sarif_html_escape(out, tool);
    fputs(" report</h1><p class=\"meta\">", out);
    sarif_html_escape(out, log);
    if (version[0] != '\0') {
        fputs(" &middot; ", out);
        sarif_html_escape(out, tool);
        fputc(' ', out);
        sarif_html_escape(out, version);
    }
    fputs("</p></header>\n<main>\n", out);
}

/* Writes text as the content of a script element: '<' becomes \u003c, which JSON reads as
 * the same character, so "</script>" or "<!--" in a message cannot end the element. */
static void write_script_json(FILE *out, const char *text)
{
    const char *p = text;

    for (const char *lt = strchr(p, '<'); lt != NULL; lt = strchr(p, '<')) {
        fwrite(p, 1, (size_t)(lt - p), out);
        fputs("\\u003c", out);
        p = lt + 1;
    }
    fputs(p, out);
}

static int write_data(FILE *out, const cJSON *data)
{
    char *json = cJSON_PrintUnformatted(data);

    if (json == NULL)
        return ECG_ENOMEM;
    fputs("<script type=\"application/json\" id=\"ecg-data\">", out);
    write_script_json(out, json);
    fputs("</script>\n<script>\n", out);
    write_bytes(out, sarif_html_asset_js, sarif_html_asset_js_len);
    fputs("</script>\n", out);
    free(json);
    return 0;
}

static int write_metrics(FILE *out, const struct sarif_html_input *in)
{
    if (in->metrics == NULL)
        return 0;
    fputs("<section id=\"metrics\"><h2>Complexity</h2>\n", out);
    if (sarif_html_metrics_write(out, in->metrics) != 0)
        return ECG_ENOMEM;
    fputs("</section>\n", out);
    return 0;
}

static int write_page(FILE *out, const struct sarif_html_input *in, const cJSON *data)
{
    int rc;

    fputs(page_head, out);
    write_header(out, data);
    fputs(page_controls, out);
    rc = write_metrics(out, in);
    if (rc == 0)
        rc = write_data(out, data);
    if (rc == 0)
        fputs("</main>\n</body>\n</html>\n", out);
    return rc;
}

int sarif_html_write(FILE *out, const struct sarif_html_input *in, struct ecg_diag *diag)
{
    cJSON *data = NULL;
    int rc =
        in->metrics != NULL ? sarif_html_metrics_check(in->metrics, in->metrics_path, diag) : 0;

    if (rc != 0)
        return rc;
    rc = sarif_html_data(&data, in);
    if (rc == 0)
        rc = write_page(out, in, data);
    cJSON_Delete(data);
    if (rc == 0 && ferror(out))
        rc = ECG_EIO;
    if (rc == ECG_EIO)
        ecg_diag_set(diag, NULL, 0, 0, "writing the report failed");
    if (rc == ECG_ENOMEM)
        ecg_diag_set(diag, NULL, 0, 0, "out of memory while writing the report");
    return rc;
}
