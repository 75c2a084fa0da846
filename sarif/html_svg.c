/* The complexity overview of the HTML report, drawn as inline SVG from `ecg metrics --format
 * json`: the functions with the highest cyclomatic and cognitive complexity against the rules'
 * default limits, the distribution of both, and a per-file table. */
#include "sarif/html_int.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"

#define TOP_FUNCTIONS 15
#define TOP_FILES 50
#define BAR_HEIGHT 18
#define CHART_WIDTH 760
#define LABEL_WIDTH 330

/* The limits the complexity rules report at by default. */
#define CYCLOMATIC_LIMIT 10
#define COGNITIVE_LIMIT 25

struct metric_fn {
    const char *path;
    const char *name;
    long line;
    long value;
};

struct bucket {
    long low;  /* inclusive */
    long high; /* inclusive; -1: no upper bound */
};

static const struct bucket cyclomatic_buckets[] = {
    { 1, 2 }, { 3, 4 }, { 5, 9 }, { 10, 14 }, { 15, 19 }, { 20, 29 }, { 30, 49 }, { 50, -1 },
};

static const struct bucket cognitive_buckets[] = {
    { 0, 0 }, { 1, 4 }, { 5, 9 }, { 10, 14 }, { 15, 24 }, { 25, 49 }, { 50, 99 }, { 100, -1 },
};

void sarif_html_escape(FILE *out, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static long number_of(const cJSON *obj, const char *key)
{
    const cJSON *n = member(obj, key);

    return cJSON_IsNumber(n) ? (long)n->valuedouble : 0;
}

static double real_of(const cJSON *obj, const char *key)
{
    const cJSON *n = member(obj, key);

    return cJSON_IsNumber(n) ? n->valuedouble : 0.0;
}

/* Highest value first; ties by path, then line, so the chart is deterministic. */
static int by_value(const void *a, const void *b)
{
    const struct metric_fn *x = a;
    const struct metric_fn *y = b;
    int by_path;

    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    by_path = strcmp(x->path, y->path);
    if (by_path != 0)
        return by_path;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int collect(struct metric_fn **out, size_t *n_out, const cJSON *functions, const char *key)
{
    size_t n = (size_t)cJSON_GetArraySize(functions);
    struct metric_fn *fns = calloc(n != 0 ? n : 1, sizeof *fns);
    const cJSON *fn;
    size_t i = 0;

    if (fns == NULL)
        return ECG_ENOMEM;
    cJSON_ArrayForEach(fn, functions)
    {
        fns[i].path = cJSON_GetStringValue(member(fn, "path"));
        fns[i].name = cJSON_GetStringValue(member(fn, "function"));
        fns[i].line = number_of(fn, "line");
        fns[i].value = number_of(fn, key);
        i++;
    }
    qsort(fns, n, sizeof *fns, by_value);
    *out = fns;
    *n_out = n;
    return 0;
}

static void bar_row(FILE *out, const struct metric_fn *fn, size_t row, long max, long limit)
{
    long y = (long)row * (BAR_HEIGHT + 6) + 24;
    long span = CHART_WIDTH - LABEL_WIDTH - 50;
    long width = max > 0 ? fn->value * span / max : 0;

    fprintf(out, "<g class=\"bar%s\"><title>", fn->value >= limit ? " over" : "");
    sarif_html_escape(out, fn->path);
    fprintf(out, ":%ld ", fn->line);
    sarif_html_escape(out, fn->name);
    fprintf(out, ": %ld</title><text x=\"%d\" y=\"%ld\" text-anchor=\"end\">", fn->value,
            LABEL_WIDTH - 8, y + 13);
    sarif_html_escape(out, fn->name);
    fprintf(out, "</text><rect x=\"%d\" y=\"%ld\" width=\"%ld\" height=\"%d\"/>", LABEL_WIDTH, y,
            width > 0 ? width : 1, BAR_HEIGHT);
    fprintf(out, "<text x=\"%ld\" y=\"%ld\">%ld</text></g>\n", LABEL_WIDTH + width + 6, y + 13,
            fn->value);
}

static void limit_line(FILE *out, long limit, long max, size_t rows)
{
    long span = CHART_WIDTH - LABEL_WIDTH - 50;
    long x = LABEL_WIDTH + (max > 0 ? limit * span / max : 0);
    long bottom = (long)rows * (BAR_HEIGHT + 6) + 24;

    if (limit > max)
        return;
    fprintf(out, "<line class=\"limit\" x1=\"%ld\" y1=\"16\" x2=\"%ld\" y2=\"%ld\"/>", x, x,
            bottom);
    fprintf(out, "<text class=\"limit-label\" x=\"%ld\" y=\"12\">limit %ld</text>\n", x, limit);
}

/* A horizontal bar chart of the functions with the highest value of key. */
static int top_chart(FILE *out, const cJSON *functions, const char *key, const char *title,
                     long limit)
{
    struct metric_fn *fns = NULL;
    size_t n = 0;
    size_t rows;
    long max;

    if (collect(&fns, &n, functions, key) != 0)
        return ECG_ENOMEM;
    rows = n < TOP_FUNCTIONS ? n : TOP_FUNCTIONS;
    max = rows > 0 ? fns[0].value : 0;
    if (max < limit && max > 0)
        max = limit;
    fprintf(out, "<figure class=\"chart\"><figcaption>%s</figcaption>\n", title);
    fprintf(out, "<svg role=\"img\" width=\"%d\" height=\"%ld\" viewBox=\"0 0 %d %ld\">\n",
            CHART_WIDTH, (long)rows * (BAR_HEIGHT + 6) + 32, CHART_WIDTH,
            (long)rows * (BAR_HEIGHT + 6) + 32);
    for (size_t i = 0; i < rows; i++)
        bar_row(out, &fns[i], i, max, limit);
    limit_line(out, limit, max, rows);
    fputs("</svg></figure>\n", out);
    free(fns);
    return 0;
}

static int in_bucket(const struct bucket *b, long v)
{
    return v >= b->low && (b->high < 0 || v <= b->high);
}

static void bucket_label(char *buf, size_t size, const struct bucket *b)
{
    if (b->high < 0)
        snprintf(buf, size, "%ld+", b->low);
    else if (b->high == b->low)
        snprintf(buf, size, "%ld", b->low);
    else
        snprintf(buf, size, "%ld-%ld", b->low, b->high);
}

/* A column chart of how many functions fall into each bucket of key. */
static void histogram(FILE *out, const cJSON *functions, const char *key, const char *title,
                      const struct bucket *buckets, size_t n_buckets)
{
    long counts[8] = { 0 };
    long max = 1;
    const cJSON *fn;
    char label[32];

    cJSON_ArrayForEach(fn, functions)
    {
        for (size_t i = 0; i < n_buckets && i < 8; i++)
            counts[i] += in_bucket(&buckets[i], number_of(fn, key));
    }
    for (size_t i = 0; i < n_buckets && i < 8; i++)
        max = counts[i] > max ? counts[i] : max;
    fprintf(out, "<figure class=\"chart\"><figcaption>%s</figcaption>\n", title);
    fputs("<svg role=\"img\" width=\"370\" height=\"190\" viewBox=\"0 0 370 190\">\n", out);
    for (size_t i = 0; i < n_buckets && i < 8; i++) {
        long h = counts[i] * 140 / max;
        long x = 10 + (long)i * 44;
        bucket_label(label, sizeof label, &buckets[i]);
        fprintf(out, "<g class=\"col\"><title>%s: %ld functions</title>", label, counts[i]);
        fprintf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"36\" height=\"%ld\"/>", x, 160 - h, h);
        fprintf(out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\">%ld</text>", x + 18, 154 - h,
                counts[i]);
        fprintf(out, "<text x=\"%ld\" y=\"178\" text-anchor=\"middle\">%s</text></g>\n", x + 18,
                label);
    }
    fputs("</svg></figure>\n", out);
}

static double stat_of(const cJSON *file, const char *metric, const char *stat)
{
    return real_of(member(file, metric), stat);
}

/* Files by their worst function (highest maximum cyclomatic complexity first). */
static int by_worst(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a;
    const cJSON *y = *(const cJSON *const *)b;
    double dx = stat_of(x, "cyclomatic", "max");
    double dy = stat_of(y, "cyclomatic", "max");

    if (dx != dy)
        return dx > dy ? -1 : 1;
    return strcmp(cJSON_GetStringValue(member(x, "path")), cJSON_GetStringValue(member(y, "path")));
}

static void file_row(FILE *out, const cJSON *file, double project_max)
{
    double worst = stat_of(file, "cyclomatic", "max");
    long width = project_max > 0 ? (long)(worst * 120 / project_max) : 0;

    fputs("<tr><td class=\"path\">", out);
    sarif_html_escape(out, cJSON_GetStringValue(member(file, "path")));
    fprintf(out, "</td><td>%ld</td><td>%.2f</td><td>%.0f</td><td>%.2f</td><td>%.0f</td>",
            number_of(file, "count"), stat_of(file, "cyclomatic", "mean"), worst,
            stat_of(file, "cognitive", "mean"), stat_of(file, "cognitive", "max"));
    fprintf(out,
            "<td><svg width=\"124\" height=\"12\"><rect class=\"%s\" width=\"%ld\" "
            "height=\"12\"/></svg></td></tr>\n",
            worst >= CYCLOMATIC_LIMIT ? "over" : "ok", width > 0 ? width : 1);
}

static int file_table(FILE *out, const cJSON *files)
{
    size_t n = (size_t)cJSON_GetArraySize(files);
    const cJSON **rows = calloc(n != 0 ? n : 1, sizeof *rows);
    const cJSON *file;
    size_t i = 0;

    if (rows == NULL)
        return ECG_ENOMEM;
    cJSON_ArrayForEach(file, files) rows[i++] = file;
    qsort(rows, n, sizeof *rows, by_worst);
    fputs("<table class=\"files\"><thead><tr><th>file</th><th>functions</th><th>mean "
          "cyclomatic</th><th>max</th><th>mean cognitive</th><th>max</th><th>worst "
          "function</th></tr></thead><tbody>\n",
          out);
    for (i = 0; i < n && i < TOP_FILES; i++)
        file_row(out, rows[i], n > 0 ? stat_of(rows[0], "cyclomatic", "max") : 0);
    fputs("</tbody></table>\n", out);
    if (n > TOP_FILES)
        fprintf(out, "<p class=\"more\">%zu more files are not listed.</p>\n", n - TOP_FILES);
    free(rows);
    return 0;
}

int sarif_html_metrics_write(FILE *out, const cJSON *metrics)
{
    const cJSON *functions = member(metrics, "functions");
    const cJSON *project = member(metrics, "project");

    fprintf(out,
            "<p class=\"totals\">%d functions in %d files; cyclomatic mean %.2f, p90 %.0f, "
            "max %.0f; cognitive mean %.2f, p90 %.0f, max %.0f.</p>\n",
            cJSON_GetArraySize(functions), cJSON_GetArraySize(member(metrics, "files")),
            stat_of(project, "cyclomatic", "mean"), stat_of(project, "cyclomatic", "p90"),
            stat_of(project, "cyclomatic", "max"), stat_of(project, "cognitive", "mean"),
            stat_of(project, "cognitive", "p90"), stat_of(project, "cognitive", "max"));
    fputs("<div class=\"charts\">\n", out);
    if (top_chart(out, functions, "cyclomatic", "Highest cyclomatic complexity",
                  CYCLOMATIC_LIMIT) != 0 ||
        top_chart(out, functions, "cognitive", "Highest cognitive complexity", COGNITIVE_LIMIT) !=
            0)
        return ECG_ENOMEM;
    histogram(out, functions, "cyclomatic", "Functions by cyclomatic complexity",
              cyclomatic_buckets, sizeof cyclomatic_buckets / sizeof cyclomatic_buckets[0]);
    histogram(out, functions, "cognitive", "Functions by cognitive complexity", cognitive_buckets,
              sizeof cognitive_buckets / sizeof cognitive_buckets[0]);
    fputs("</div>\n", out);
    return file_table(out, member(metrics, "files"));
}

/* The first member of an entry that is not the type the charts read, or NULL. */
static const char *bad_member(const cJSON *entry, const char *const *strings, size_t n_strings,
                              const char *const *numbers, size_t n_numbers)
{
    if (!cJSON_IsObject(entry))
        return "(the entry itself)";
    for (size_t i = 0; i < n_strings; i++) {
        if (!cJSON_IsString(member(entry, strings[i])))
            return strings[i];
    }
    for (size_t i = 0; i < n_numbers; i++) {
        if (!cJSON_IsNumber(member(entry, numbers[i])) &&
            !cJSON_IsObject(member(entry, numbers[i])))
            return numbers[i];
    }
    return NULL;
}

static int check_entries(const cJSON *metrics, const char *key, const char *path,
                         struct ecg_diag *diag)
{
    static const char *const strings[] = { "path", "function" };
    static const char *const numbers[] = { "line", "cyclomatic", "cognitive" };
    static const char *const file_numbers[] = { "count", "cyclomatic", "cognitive" };
    int is_functions = strcmp(key, "functions") == 0;
    const cJSON *entry;
    int i = 0;

    if (!cJSON_IsArray(member(metrics, key))) {
        ecg_diag_set(diag, path, 0, 0,
                     "no '%s' array: expected the output of 'ecg metrics "
                     "--format json'",
                     key);
        return ECG_EPARSE;
    }
    cJSON_ArrayForEach(entry, member(metrics, key))
    {
        const char *bad = bad_member(entry, strings, is_functions ? 2 : 1,
                                     is_functions ? numbers : file_numbers, 3);
        if (bad != NULL) {
            ecg_diag_set(diag, path, 0, 0, "%s[%d]: '%s' is missing or of the wrong type", key, i,
                         bad);
            return ECG_EPARSE;
        }
        i++;
    }
    return 0;
}

int sarif_html_metrics_check(const cJSON *metrics, const char *path, struct ecg_diag *diag)
{
    int rc;

    if (!cJSON_IsObject(metrics)) {
        ecg_diag_set(diag, path, 1, 1,
                     "expected a JSON object (the output of 'ecg metrics "
                     "--format json')");
        return ECG_EPARSE;
    }
    rc = check_entries(metrics, "functions", path, diag);
    if (rc == 0)
        rc = check_entries(metrics, "files", path, diag);
    return rc;
}
