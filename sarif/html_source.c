/* Source lines for the HTML report: the files a log names, read once each and indexed by
 * line. A path is resolved through the run's originalUriBaseIds (file: URIs), else against
 * the source root; a file that cannot be read falls back to the log's one-line snippet. */
#include "sarif/html_int.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "analyzer/grow.h"

struct source_file {
    char *path;     /* resolved path; owned */
    char *text;     /* contents, NULL when unreadable; owned */
    size_t len;     /* bytes of text */
    size_t *starts; /* byte offset of each line; owned */
    size_t n_lines;
};

struct sarif_html_sources {
    const struct cJSON *run; /* borrowed: for originalUriBaseIds */
    const char *root;        /* borrowed; NULL: the working directory */
    struct source_file *files;
    size_t n_files;
    size_t cap;
    struct sarif_html_names by_path; /* resolved path -> index in files */
};

struct sarif_html_sources *sarif_html_sources_new(const struct cJSON *run, const char *root)
{
    struct sarif_html_sources *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->run = run;
    s->root = root;
    return s;
}

void sarif_html_sources_free(struct sarif_html_sources *sources)
{
    if (sources == NULL)
        return;
    for (size_t i = 0; i < sources->n_files; i++) {
        free(sources->files[i].path);
        free(sources->files[i].text);
        free(sources->files[i].starts);
    }
    free(sources->files);
    sarif_html_names_fini(&sources->by_path);
    free(sources);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes %XX escapes of a URI path in place. */
static void percent_decode(char *s)
{
    char *w = s;

    for (const char *r = s; *r != '\0'; r++) {
        int hi = *r == '%' ? hex_value(r[1]) : -1;
        int lo = hi >= 0 ? hex_value(r[2]) : -1;
        if (lo >= 0) {
            *w++ = (char)(hi * 16 + lo);
            r += 2;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* The directory a base id stands for, when it is a file: URI ("" when unknown). */
static const char *base_directory(const struct cJSON *run, const char *base_id)
{
    const cJSON *bases = cJSON_GetObjectItemCaseSensitive(run, "originalUriBaseIds");
    const cJSON *base = base_id != NULL ? cJSON_GetObjectItemCaseSensitive(bases, base_id) : NULL;
    const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(base, "uri"));

    if (uri == NULL || strncmp(uri, "file://", 7) != 0)
        return "";
    return uri + 7;
}

static char *join_path(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *path = malloc(n);
    const char *sep = dir[0] != '\0' && dir[strlen(dir) - 1] != '/' ? "/" : "";

    if (path != NULL) {
        snprintf(path, n, "%s%s%s", dir, sep, rel);
        percent_decode(path);
    }
    return path;
}

/* The path to read for an artifact: through its base id if that file exists, else
 * relative to the source root. */
static char *resolve(const struct sarif_html_sources *s, const char *uri, const char *base_id)
{
    const char *dir = base_directory(s->run, base_id);
    char *path;

    if (strncmp(uri, "file://", 7) == 0)
        return join_path("", uri + 7);
    if (dir[0] != '\0') {
        path = join_path(dir, uri);
        if (path == NULL || access(path, R_OK) == 0)
            return path;
        free(path);
    }
    return join_path(s->root != NULL ? s->root : "", uri);
}

static int index_lines(struct source_file *f, size_t len)
{
    size_t cap = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i != 0 && f->text[i - 1] != '\n')
            continue;
        if (i == len && i != 0)
            break;
        if (ecg_grow((void **)&f->starts, &cap, f->n_lines + 1, sizeof *f->starts) != 0)
            return ECG_ENOMEM;
        f->starts[f->n_lines++] = i;
    }
    return 0;
}

/* Reads the file at path into a new cache entry; an unreadable or binary file is kept with
 * no text, so it is tried once. */
static int load(struct source_file **out, struct sarif_html_sources *s, char *path)
{
    struct source_file *f;
    size_t len = 0;

    if (ecg_grow((void **)&s->files, &s->cap, s->n_files + 1, sizeof *s->files) != 0) {
        free(path);
        return ECG_ENOMEM;
    }
    f = &s->files[s->n_files++];
    f->path = path;
    if (sarif_html_names_add(&s->by_path, path, (long)(s->n_files - 1)) != 0)
        return ECG_ENOMEM;
    if (ecg_fileio_read(&f->text, &len, path, NULL) == 0 && ecg_fileio_is_binary(f->text, len)) {
        free(f->text);
        f->text = NULL;
    }
    f->len = f->text != NULL ? len : 0;
    if (f->text != NULL && index_lines(f, len) != 0)
        return ECG_ENOMEM;
    *out = f;
    return 0;
}

static int lookup(struct source_file **out, struct sarif_html_sources *s, const char *uri,
                  const char *base_id)
{
    char *path = resolve(s, uri, base_id);
    long known;

    if (path == NULL)
        return ECG_ENOMEM;
    known = sarif_html_names_find(&s->by_path, path);
    if (known >= 0) {
        free(path);
        *out = &s->files[known];
        return 0;
    }
    return load(out, s, path);
}

/* Adds text[0..n) as a string to array, cut to SARIF_HTML_MAX_LINE_BYTES on a UTF-8
 * character boundary, without the line end. */
static int add_line(cJSON *array, const char *text, size_t n)
{
    char buf[SARIF_HTML_MAX_LINE_BYTES + 1];
    cJSON *item;

    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
        n--;
    if (n > SARIF_HTML_MAX_LINE_BYTES) {
        n = SARIF_HTML_MAX_LINE_BYTES;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, text, n);
    buf[n] = '\0';
    item = cJSON_CreateString(buf);
    if (item == NULL)
        return ECG_ENOMEM;
    cJSON_AddItemToArray(array, item);
    return 0;
}

struct span {
    long first; /* 1-based line numbers */
    long last;
    long hl_first;
    long hl_last;
};

static int add_span(cJSON *obj, const struct span *sp, cJSON *lines)
{
    cJSON *sn = cJSON_AddObjectToObject(obj, "sn");
    cJSON *hl;

    if (sn == NULL) {
        cJSON_Delete(lines);
        return ECG_ENOMEM;
    }
    cJSON_AddItemToObject(sn, "t", lines);
    hl = cJSON_AddArrayToObject(sn, "h");
    if (cJSON_AddNumberToObject(sn, "a", (double)sp->first) == NULL || hl == NULL)
        return ECG_ENOMEM;
    cJSON_AddItemToArray(hl, cJSON_CreateNumber((double)sp->hl_first));
    cJSON_AddItemToArray(hl, cJSON_CreateNumber((double)sp->hl_last));
    return cJSON_GetArraySize(hl) == 2 ? 0 : ECG_ENOMEM;
}

static int file_span(cJSON *obj, const struct source_file *f, long start, long end, int context)
{
    struct span sp = { start - context, end + context, start, end };
    cJSON *lines = cJSON_CreateArray();

    if (lines == NULL)
        return ECG_ENOMEM;
    if (sp.first < 1)
        sp.first = 1;
    if (sp.last > (long)f->n_lines)
        sp.last = (long)f->n_lines;
    if (sp.last - sp.first + 1 > SARIF_HTML_MAX_LINES)
        sp.last = sp.first + SARIF_HTML_MAX_LINES - 1;
    for (long ln = sp.first; ln <= sp.last; ln++) {
        size_t from = f->starts[ln - 1];
        size_t to = (size_t)ln < f->n_lines ? f->starts[ln] : f->len;
        if (add_line(lines, f->text + from, to - from) != 0) {
            cJSON_Delete(lines);
            return ECG_ENOMEM;
        }
    }
    return add_span(obj, &sp, lines);
}

static int snippet_span(cJSON *obj, const char *snippet, long start)
{
    struct span sp = { start, start, start, start };
    cJSON *lines = cJSON_CreateArray();
    const char *nl = strchr(snippet, '\n');

    if (lines == NULL ||
        add_line(lines, snippet, nl != NULL ? (size_t)(nl - snippet) : strlen(snippet)) != 0) {
        cJSON_Delete(lines);
        return ECG_ENOMEM;
    }
    return add_span(obj, &sp, lines);
}

static long number_at(const cJSON *obj, const char *key, long fallback)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, key);

    return cJSON_IsNumber(n) && n->valuedouble >= 1 ? (long)n->valuedouble : fallback;
}

int sarif_html_snippet(cJSON *obj, struct sarif_html_sources *sources, const cJSON *physical,
                       int context)
{
    const cJSON *artifact = cJSON_GetObjectItemCaseSensitive(physical, "artifactLocation");
    const cJSON *region = cJSON_GetObjectItemCaseSensitive(physical, "region");
    const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(artifact, "uri"));
    const char *base =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(artifact, "uriBaseId"));
    const cJSON *snip = cJSON_GetObjectItemCaseSensitive(region, "snippet");
    const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(snip, "text"));
    long start = number_at(region, "startLine", 0);
    long end = number_at(region, "endLine", start);
    struct source_file *f = NULL;

    if (uri == NULL || start == 0)
        return 0;
    if (lookup(&f, sources, uri, base) != 0)
        return ECG_ENOMEM;
    if (end < start)
        end = start;
    if (f->text != NULL && start <= (long)f->n_lines)
        return file_span(obj, f, start, context == 0 ? start : end, context);
    return text != NULL ? snippet_span(obj, text, start) : 0;
}
