/* Unit tests for the metrics rows and their outputs: order and de-duplication, per-file and
 * project totals with the nearest-rank p90, the text, CSV and JSON layouts byte for byte,
 * quoting and escaping of odd names, write errors, and snapshots in the results database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/db.h"
#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/metrics.h"
#include "analyzer/metrics_int.h"
#include "tests/support/db_fixture.h"
#include "tests/support/testkit.h"

#define ROOT "/proj"

/* Appends a copy of tmpl (its strings duplicated) to rows. */
static void push(struct ecg_metrics_rows *rows, const struct ecg_metrics_row *tmpl)
{
    struct ecg_metrics_row *row;

    if (rows->len == rows->cap) {
        size_t cap = rows->cap != 0 ? rows->cap * 2 : 4;
        struct ecg_metrics_row *grown = realloc(rows->items, cap * sizeof(*grown));

        assert_non_null(grown);
        rows->items = grown;
        rows->cap = cap;
    }
    row = &rows->items[rows->len++];
    *row = *tmpl;
    row->path = strdup(tmpl->path);
    row->function = strdup(tmpl->function);
    assert_non_null(row->path);
    assert_non_null(row->function);
}

static void rows_free(struct ecg_metrics_rows *rows)
{
    for (size_t i = 0; i < rows->len; i++) {
        free(rows->items[i].path);
        free(rows->items[i].function);
    }
    free(rows->items);
    memset(rows, 0, sizeof(*rows));
}

/* A row with only its identity and cyclomatic complexity set. */
static struct ecg_metrics_row simple_row(const char *path, const char *function, unsigned line,
                                         unsigned cyclomatic)
{
    struct ecg_metrics_row row = { 0 };

    row.path = (char *)path;
    row.function = (char *)function;
    row.line = line;
    row.cyclomatic = cyclomatic;
    return row;
}

/* Three functions in two files, pushed out of order. */
static void sample_rows(struct ecg_metrics_rows *rows)
{
    const struct ecg_metrics_row beta = { ROOT "/src/b.c", "beta", 10, 3, 2, 55.56,
                                          120.26,          12,     6,  2, 2 };
    const struct ecg_metrics_row alpha = {
        ROOT "/src/a.c", "alpha", 20, 1, 0, 80.0, 10.1, 3, 1, 0, 0
    };
    const struct ecg_metrics_row gamma = { ROOT "/src/a.c", "gamma", 5, 5, 4, 60.04,
                                           200.5,           20,      9, 3, 1 };

    memset(rows, 0, sizeof(*rows));
    push(rows, &beta);
    push(rows, &alpha);
    push(rows, &gamma);
    ecg_metrics_rows_sort_unique(rows);
}

/* What ecg_metrics_write prints for rows in format; the caller frees it. */
static char *written(const struct ecg_metrics_rows *rows, const char *root,
                     enum ecg_metrics_format format)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);

    assert_non_null(f);
    assert_int_equal(ecg_metrics_write(f, rows, root, format), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_metrics_sort_orders_by_path_line_function(void **state)
{
    struct ecg_metrics_rows rows = { 0 };
    struct ecg_metrics_row r;
    static const char *const want[][2] = {
        { "/a.c", "f" }, { "/a.c", "g" }, { "/a.c", "a" }, { "/b.c", "z" }, { "/b.h", "b" },
    };
    static const unsigned want_line[] = { 3, 3, 9, 1, 2 };

    (void)state;
    r = simple_row("/b.h", "b", 2, 1);
    push(&rows, &r);
    r = simple_row("/a.c", "a", 9, 1);
    push(&rows, &r);
    r = simple_row("/a.c", "g", 3, 1);
    push(&rows, &r);
    r = simple_row("/b.c", "z", 1, 1);
    push(&rows, &r);
    r = simple_row("/a.c", "f", 3, 1);
    push(&rows, &r);
    ecg_metrics_rows_sort_unique(&rows);
    assert_int_equal(rows.len, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(rows.items[i].path, want[i][0]);
        assert_string_equal(rows.items[i].function, want[i][1]);
        assert_int_equal(rows.items[i].line, want_line[i]);
    }
    rows_free(&rows);
}

static void test_metrics_sort_drops_exact_duplicates_only(void **state)
{
    struct ecg_metrics_rows rows = { 0 };
    struct ecg_metrics_row header = simple_row("/p/inc/h.h", "helper", 4, 2);
    struct ecg_metrics_row expanded = simple_row("/p/inc/h.h", "helper", 4, 7);
    struct ecg_metrics_row other = simple_row("/p/a.c", "main", 1, 1);

    (void)state;
    /* The header function seen by three units, once with other macros. */
    push(&rows, &header);
    push(&rows, &other);
    push(&rows, &expanded);
    push(&rows, &header);
    push(&rows, &header);
    ecg_metrics_rows_sort_unique(&rows);
    assert_int_equal(rows.len, 3);
    assert_string_equal(rows.items[0].function, "main");
    /* Same path, line and function: ordered by the values, so every -j gives one order. */
    assert_int_equal(rows.items[1].cyclomatic, 2);
    assert_int_equal(rows.items[2].cyclomatic, 7);
    rows_free(&rows);

    ecg_metrics_rows_sort_unique(&rows); /* empty: nothing to do */
    assert_int_equal(rows.len, 0);
    push(&rows, &header);
    ecg_metrics_rows_sort_unique(&rows);
    assert_int_equal(rows.len, 1);
    rows_free(&rows);
}

/* The summary of n rows of one file whose cyclomatic values are values[0..n). */
static struct ecg_metrics_stat summarise(const unsigned *values, size_t n)
{
    struct ecg_metrics_rows rows = { 0 };
    struct ecg_metrics_summary sum;
    struct ecg_metrics_stat st;

    for (size_t i = 0; i < n; i++) {
        struct ecg_metrics_row r = simple_row("/x.c", "f", (unsigned)i + 1, values[i]);
        push(&rows, &r);
    }
    assert_int_equal(ecg_metrics_summary_build(&sum, &rows), 0);
    assert_int_equal(sum.n_files, 1);
    assert_int_equal(sum.files[0].count, n);
    assert_int_equal(sum.project.count, n);
    st = sum.files[0].stats[ECG_METRICS_CYCLOMATIC];
    assert_true(st.mean == sum.project.stats[ECG_METRICS_CYCLOMATIC].mean);
    ecg_metrics_summary_fini(&sum);
    rows_free(&rows);
    return st;
}

/* Asserts st's p90, max and mean; all are exact in a double here. */
static void expect_stat(struct ecg_metrics_stat st, double p90, double max, double mean)
{
    assert_true(st.p90 == p90);
    assert_true(st.max == max);
    assert_true(st.mean == mean);
}

static void test_metrics_p90_is_nearest_rank(void **state)
{
    static const unsigned ten[] = { 7, 1, 3, 10, 2, 9, 4, 8, 6, 5 };
    static const unsigned eleven[] = { 11, 1, 3, 10, 2, 9, 4, 8, 6, 5, 7 };
    static const unsigned one[] = { 4 };
    static const unsigned two[] = { 9, 1 };
    unsigned twenty[20];
    struct ecg_metrics_stat st;

    (void)state;
    expect_stat(summarise(ten, 10), 9, 10, 5.5);   /* rank ceil(9) = 9 */
    expect_stat(summarise(eleven, 11), 10, 11, 6); /* rank ceil(9.9) = 10 */
    expect_stat(summarise(one, 1), 4, 4, 4);
    expect_stat(summarise(two, 2), 9, 9, 5); /* rank ceil(1.8) = 2 */
    for (unsigned i = 0; i < 20; i++)
        twenty[i] = 100 - i; /* 81..100; rank 18 is 98 */
    st = summarise(twenty, 20);
    assert_true(st.p90 == 98);
    assert_true(st.max == 100);
}

static void test_metrics_summary_groups_files(void **state)
{
    struct ecg_metrics_rows rows;
    struct ecg_metrics_summary sum;

    (void)state;
    sample_rows(&rows);
    assert_int_equal(ecg_metrics_summary_build(&sum, &rows), 0);
    assert_int_equal(sum.n_files, 2);
    assert_string_equal(sum.files[0].path, ROOT "/src/a.c");
    assert_int_equal(sum.files[0].count, 2);
    assert_true(sum.files[0].stats[ECG_METRICS_LINES].mean == 11.5);
    assert_true(sum.files[0].stats[ECG_METRICS_MAINTAINABILITY].max == 80.0);
    assert_string_equal(sum.files[1].path, ROOT "/src/b.c");
    assert_int_equal(sum.files[1].count, 1);
    assert_null(sum.project.path);
    assert_int_equal(sum.project.count, 3);
    assert_true(sum.project.stats[ECG_METRICS_CYCLOMATIC].mean == 3);
    assert_true(sum.project.stats[ECG_METRICS_MAX_NESTING].max == 2);
    ecg_metrics_summary_fini(&sum);
    rows_free(&rows);
}

static void test_metrics_relative_paths(void **state)
{
    (void)state;
    assert_string_equal(ecg_metrics_summary_relative("/proj/src/a.c", "/proj"), "src/a.c");
    assert_string_equal(ecg_metrics_summary_relative("/proj/src/a.c", "/proj/"), "src/a.c");
    assert_string_equal(ecg_metrics_summary_relative("/project/a.c", "/proj"), "/project/a.c");
    assert_string_equal(ecg_metrics_summary_relative("/usr/include/x.h", "/proj"),
                        "/usr/include/x.h");
    assert_string_equal(ecg_metrics_summary_relative("/proj", "/proj"), "/proj");
    assert_string_equal(ecg_metrics_summary_relative("/a.c", "/"), "a.c");
    assert_string_equal(ecg_metrics_summary_relative("/a.c", NULL), "/a.c");
    assert_string_equal(ecg_metrics_summary_relative("/a.c", ""), "/a.c");
}

static const char sample_text[] =
    "file     function  line  cyclomatic  cognitive    MI  volume  lines  statements  params"
    "  nesting\n"
    "src/a.c  gamma        5           5          4  60.0   200.5     20           9       3"
    "        1\n"
    "src/a.c  alpha       20           1          0  80.0    10.1      3           1       0"
    "        0\n"
    "src/b.c  beta        10           3          2  55.6   120.3     12           6       2"
    "        2\n"
    "\n"
    "file       functions  statistic  cyclomatic  cognitive    MI  volume  lines  statements"
    "  params  nesting\n"
    "src/a.c            2  mean              3.0        2.0  70.0   105.3   11.5         5.0"
    "     1.5      0.5\n"
    "src/a.c            2  p90                 5          4  80.0   200.5     20           9"
    "       3        1\n"
    "src/a.c            2  max                 5          4  80.0   200.5     20           9"
    "       3        1\n"
    "src/b.c            1  mean              3.0        2.0  55.6   120.3   12.0         6.0"
    "     2.0      2.0\n"
    "src/b.c            1  p90                 3          2  55.6   120.3     12           6"
    "       2        2\n"
    "src/b.c            1  max                 3          2  55.6   120.3     12           6"
    "       2        2\n"
    "(project)          3  mean              3.0        2.0  65.2   110.3   11.7         5.3"
    "     1.7      1.0\n"
    "(project)          3  p90                 5          4  80.0   200.5     20           9"
    "       3        2\n"
    "(project)          3  max                 5          4  80.0   200.5     20           9"
    "       3        2\n";

static void test_metrics_text_layout(void **state)
{
    struct ecg_metrics_rows rows;
    char *text;

    (void)state;
    sample_rows(&rows);
    text = written(&rows, ROOT, ECG_METRICS_TEXT);
    assert_string_equal(text, sample_text);
    free(text);
    rows_free(&rows);
}

#define CSV_HEADER                                                                                 \
    "kind,path,function,line,cyclomatic,cognitive,maintainability,volume,lines,statements,"        \
    "parameters,max_nesting,count,cyclomatic_mean,cyclomatic_p90,cyclomatic_max,cognitive_mean,"   \
    "cognitive_p90,cognitive_max,maintainability_mean,maintainability_p90,maintainability_max,"    \
    "volume_mean,volume_p90,volume_max,lines_mean,lines_p90,lines_max,statements_mean,"            \
    "statements_p90,statements_max,parameters_mean,parameters_p90,parameters_max,"                 \
    "max_nesting_mean,max_nesting_p90,max_nesting_max\n"

#define CSV_NO_STATS ",,,,,,,,,,,,,,,,,,,,,,,,,"

static const char sample_csv[] =
    CSV_HEADER "function,src/a.c,gamma,5,5,4,60.04,200.50,20,9,3,1" CSV_NO_STATS "\n"
               "function,src/a.c,alpha,20,1,0,80.00,10.10,3,1,0,0" CSV_NO_STATS "\n"
               "function,src/b.c,beta,10,3,2,55.56,120.26,12,6,2,2" CSV_NO_STATS "\n"
               "file,src/a.c,,,,,,,,,,,2,3.00,5,5,2.00,4,4,70.02,80.00,80.00,105.30,200.50,"
               "200.50,11.50,20,20,5.00,9,9,1.50,3,3,0.50,1,1\n"
               "file,src/b.c,,,,,,,,,,,1,3.00,3,3,2.00,2,2,55.56,55.56,55.56,120.26,120.26,"
               "120.26,12.00,12,12,6.00,6,6,2.00,2,2,2.00,2,2\n"
               "project,,,,,,,,,,,,3,3.00,5,5,2.00,4,4,65.20,80.00,80.00,110.29,200.50,200.50,"
               "11.67,20,20,5.33,9,9,1.67,3,3,1.00,2,2\n";

/* The number of fields of a CSV line without quotes. */
static size_t count_fields(const char *line, size_t len)
{
    size_t n = 1;

    for (size_t i = 0; i < len; i++)
        n += line[i] == ',';
    return n;
}

static void test_metrics_csv_layout(void **state)
{
    struct ecg_metrics_rows rows;
    char *text;

    (void)state;
    sample_rows(&rows);
    text = written(&rows, ROOT, ECG_METRICS_CSV);
    assert_string_equal(text, sample_csv);
    /* Every record has as many fields as the header. */
    for (const char *line = text; *line != '\0';) {
        const char *end = strchr(line, '\n');

        assert_non_null(end);
        assert_int_equal(count_fields(line, (size_t)(end - line)), 37);
        line = end + 1;
    }
    free(text);
    rows_free(&rows);
}

static void test_metrics_csv_quotes_fields(void **state)
{
    struct ecg_metrics_rows rows = { 0 };
    struct ecg_metrics_row r = simple_row(ROOT "/odd,dir/say \"hi\".c", "f", 1, 1);
    char *text;

    (void)state;
    push(&rows, &r);
    text = written(&rows, ROOT, ECG_METRICS_CSV);
    assert_non_null(strstr(text, "\nfunction,\"odd,dir/say \"\"hi\"\".c\",f,1,1,0,"));
    assert_non_null(strstr(text, "\nfile,\"odd,dir/say \"\"hi\"\".c\",,"));
    free(text);
    rows_free(&rows);
}

static const char sample_json[] =
    "{\n"
    "  \"functions\": [\n"
    "    {\"path\": \"src/a.c\", \"function\": \"gamma\", \"line\": 5, \"cyclomatic\": 5,"
    " \"cognitive\": 4, \"maintainability\": 60.04, \"volume\": 200.50, \"lines\": 20,"
    " \"statements\": 9, \"parameters\": 3, \"max_nesting\": 1},\n"
    "    {\"path\": \"src/a.c\", \"function\": \"alpha\", \"line\": 20, \"cyclomatic\": 1,"
    " \"cognitive\": 0, \"maintainability\": 80.00, \"volume\": 10.10, \"lines\": 3,"
    " \"statements\": 1, \"parameters\": 0, \"max_nesting\": 0},\n"
    "    {\"path\": \"src/b.c\", \"function\": \"beta\", \"line\": 10, \"cyclomatic\": 3,"
    " \"cognitive\": 2, \"maintainability\": 55.56, \"volume\": 120.26, \"lines\": 12,"
    " \"statements\": 6, \"parameters\": 2, \"max_nesting\": 2}\n"
    "  ],\n"
    "  \"files\": [\n"
    "    {\"path\": \"src/a.c\", \"count\": 2,"
    " \"cyclomatic\": {\"mean\": 3.00, \"p90\": 5, \"max\": 5},"
    " \"cognitive\": {\"mean\": 2.00, \"p90\": 4, \"max\": 4},"
    " \"maintainability\": {\"mean\": 70.02, \"p90\": 80.00, \"max\": 80.00},"
    " \"volume\": {\"mean\": 105.30, \"p90\": 200.50, \"max\": 200.50},"
    " \"lines\": {\"mean\": 11.50, \"p90\": 20, \"max\": 20},"
    " \"statements\": {\"mean\": 5.00, \"p90\": 9, \"max\": 9},"
    " \"parameters\": {\"mean\": 1.50, \"p90\": 3, \"max\": 3},"
    " \"max_nesting\": {\"mean\": 0.50, \"p90\": 1, \"max\": 1}},\n"
    "    {\"path\": \"src/b.c\", \"count\": 1,"
    " \"cyclomatic\": {\"mean\": 3.00, \"p90\": 3, \"max\": 3},"
    " \"cognitive\": {\"mean\": 2.00, \"p90\": 2, \"max\": 2},"
    " \"maintainability\": {\"mean\": 55.56, \"p90\": 55.56, \"max\": 55.56},"
    " \"volume\": {\"mean\": 120.26, \"p90\": 120.26, \"max\": 120.26},"
    " \"lines\": {\"mean\": 12.00, \"p90\": 12, \"max\": 12},"
    " \"statements\": {\"mean\": 6.00, \"p90\": 6, \"max\": 6},"
    " \"parameters\": {\"mean\": 2.00, \"p90\": 2, \"max\": 2},"
    " \"max_nesting\": {\"mean\": 2.00, \"p90\": 2, \"max\": 2}}\n"
    "  ],\n"
    "  \"project\": {\"count\": 3,"
    " \"cyclomatic\": {\"mean\": 3.00, \"p90\": 5, \"max\": 5},"
    " \"cognitive\": {\"mean\": 2.00, \"p90\": 4, \"max\": 4},"
    " \"maintainability\": {\"mean\": 65.20, \"p90\": 80.00, \"max\": 80.00},"
    " \"volume\": {\"mean\": 110.29, \"p90\": 200.50, \"max\": 200.50},"
    " \"lines\": {\"mean\": 11.67, \"p90\": 20, \"max\": 20},"
    " \"statements\": {\"mean\": 5.33, \"p90\": 9, \"max\": 9},"
    " \"parameters\": {\"mean\": 1.67, \"p90\": 3, \"max\": 3},"
    " \"max_nesting\": {\"mean\": 1.00, \"p90\": 2, \"max\": 2}}\n"
    "}\n";

static void test_metrics_json_layout(void **state)
{
    struct ecg_metrics_rows rows;
    char *text;
    cJSON *doc;

    (void)state;
    sample_rows(&rows);
    text = written(&rows, ROOT, ECG_METRICS_JSON);
    assert_string_equal(text, sample_json);
    doc = cJSON_Parse(text);
    assert_non_null(doc);
    assert_int_equal(testkit_size_at(doc, "functions"), 3);
    testkit_assert_str_at(doc, "functions.0.function", "gamma");
    testkit_assert_num_at(doc, "functions.0.cyclomatic", 5);
    testkit_assert_num_at(doc, "functions.2.maintainability", 55.56);
    assert_int_equal(testkit_size_at(doc, "files"), 2);
    testkit_assert_str_at(doc, "files.1.path", "src/b.c");
    testkit_assert_num_at(doc, "files.0.lines.mean", 11.5);
    testkit_assert_num_at(doc, "files.0.cyclomatic.p90", 5);
    testkit_assert_num_at(doc, "project.count", 3);
    testkit_assert_num_at(doc, "project.max_nesting.max", 2);
    testkit_assert_absent(doc, "project.path");
    cJSON_Delete(doc);
    free(text);
    rows_free(&rows);
}

static void test_metrics_json_escapes_names(void **state)
{
    struct ecg_metrics_rows rows = { 0 };
    struct ecg_metrics_row r = simple_row("/elsewhere/q\"b\\s\tc\xff\xc3\xa9.c", "f", 1, 1);
    char *text;
    cJSON *doc;

    (void)state;
    r.maintainability = NAN;
    r.halstead_volume = INFINITY;
    push(&rows, &r);
    text = written(&rows, ROOT, ECG_METRICS_JSON);
    assert_non_null(strstr(text, "\"/elsewhere/q\\\"b\\\\s\\u0009c\\ufffd\xc3\xa9.c\""));
    assert_non_null(strstr(text, "\"maintainability\": null, \"volume\": null"));
    doc = cJSON_Parse(text);
    assert_non_null(doc);
    testkit_assert_str_at(doc, "functions.0.path", "/elsewhere/q\"b\\s\tc\xef\xbf\xbd\xc3\xa9.c");
    assert_true(cJSON_IsNull(testkit_json_at(doc, "files.0.maintainability.mean")));
    cJSON_Delete(doc);
    free(text);
    rows_free(&rows);
}

static void test_metrics_empty_outputs(void **state)
{
    struct ecg_metrics_rows rows = { 0 };
    char *text;
    cJSON *doc;

    (void)state;
    text = written(&rows, ROOT, ECG_METRICS_TEXT);
    assert_string_equal(text, "file  function  line  cyclomatic  cognitive  MI  volume  lines"
                              "  statements  params  nesting\n"
                              "\n"
                              "file       functions  statistic  cyclomatic  cognitive  MI"
                              "  volume  lines  statements  params  nesting\n"
                              "(project)          0  mean                -          -   -"
                              "       -      -           -       -        -\n"
                              "(project)          0  p90                 -          -   -"
                              "       -      -           -       -        -\n"
                              "(project)          0  max                 -          -   -"
                              "       -      -           -       -        -\n");
    free(text);
    text = written(&rows, ROOT, ECG_METRICS_CSV);
    assert_string_equal(text, CSV_HEADER "project,,,,,,,,,,,,0,,,,,,,,,,,,,,,,,,,,,,,,\n");
    free(text);
    text = written(&rows, ROOT, ECG_METRICS_JSON);
    doc = cJSON_Parse(text);
    assert_non_null(doc);
    assert_int_equal(testkit_size_at(doc, "functions"), 0);
    assert_int_equal(testkit_size_at(doc, "files"), 0);
    testkit_assert_num_at(doc, "project.count", 0);
    assert_true(cJSON_IsNull(testkit_json_at(doc, "project.volume.p90")));
    assert_non_null(strstr(text, "\"functions\": [],\n  \"files\": [],\n"));
    cJSON_Delete(doc);
    free(text);
}

static void test_metrics_write_error_is_reported(void **state)
{
    struct ecg_metrics_rows rows;
    FILE *full = fopen("/dev/full", "w");

    (void)state;
    if (full == NULL)
        skip();
    sample_rows(&rows);
    assert_int_equal(ecg_metrics_write(full, &rows, ROOT, ECG_METRICS_CSV), ECG_EIO);
    fclose(full);
    rows_free(&rows);
}

/* --- the results database --------------------------------------------------------------- */

static void add_run_ok(struct ecg_db *db, int64_t started, const char *command_line)
{
    struct ecg_db_run run = db_fixture_make_run(started, NULL, NULL, 0);
    struct ecg_diag diag;

    run.command_line = command_line;
    ecg_diag_clear(&diag);
    if (ecg_db_history_add(db, &run, &diag) != 0)
        fail_msg("cannot add a run: %s", diag.message);
}

/* The metrics rows of the database at path, one line each, "run path function line ...". */
static char *read_back(const char *path)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *stmt = NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);

    assert_non_null(f);
    assert_int_equal(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(conn,
                                        "SELECT run_id, path, function, line, cyclomatic,"
                                        " cognitive, maintainability, volume, lines, statements,"
                                        " parameters, max_nesting FROM metrics ORDER BY rowid",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        for (int col = 0; col < 12; col++) {
            const unsigned char *v = sqlite3_column_text(stmt, col);
            fprintf(f, "%s%s", col > 0 ? " " : "", v != NULL ? (const char *)v : "NULL");
        }
        fputc('\n', f);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_metrics_store_snapshot_of_newest_run(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_metrics_rows rows;
    struct ecg_diag diag;
    char *text;

    sample_rows(&rows);
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_metrics_store(db, &rows, ROOT, &diag), ECG_EDB);
    assert_non_null(strstr(diag.message, "no run"));
    add_run_ok(db, 1700000000, "ecg metrics a");
    add_run_ok(db, 1700000100, "ecg metrics b");
    assert_int_equal(ecg_metrics_store(db, &rows, ROOT, &diag), 0);
    /* Stored again: the run's snapshot is replaced, not doubled. */
    assert_int_equal(ecg_metrics_store(db, &rows, ROOT, &diag), 0);
    ecg_db_close(db);
    text = read_back(fx->db);
    assert_string_equal(text, "2 src/a.c gamma 5 5 4 60.04 200.5 20 9 3 1\n"
                              "2 src/a.c alpha 20 1 0 80.0 10.1 3 1 0 0\n"
                              "2 src/b.c beta 10 3 2 55.56 120.26 12 6 2 2\n");
    free(text);
    /* Deleting the run deletes its snapshot. */
    db_fixture_raw_exec(fx->db, "PRAGMA foreign_keys = ON; DELETE FROM runs WHERE id = 2");
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM metrics"), 0);
    rows_free(&rows);
}

static void test_metrics_store_run_finds_its_run(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_metrics_rows rows = { 0 };
    struct ecg_metrics_row r = simple_row("/elsewhere/x.c", "odd", 7, 2);
    struct ecg_diag diag;
    char *text;

    r.maintainability = NAN;
    push(&rows, &r);
    add_run_ok(db, 1700000000, "ecg metrics mine");
    add_run_ok(db, 1700000000, "ecg check other"); /* another process, since */
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_metrics_store_run(db, &rows, ROOT, 1700000000, "ecg metrics lost", &diag),
                     ECG_EDB);
    assert_non_null(strstr(diag.message, "not in the history"));
    assert_string_equal(diag.path, fx->db);
    assert_int_equal(ecg_metrics_store_run(db, &rows, ROOT, 1700000000, "ecg metrics mine", &diag),
                     0);
    ecg_db_close(db);
    text = read_back(fx->db);
    /* Paths outside the root stay absolute; a value that is not a number is NULL. */
    assert_string_equal(text, "1 /elsewhere/x.c odd 7 2 0 NULL 0.0 0 0 0 0\n");
    free(text);
    rows_free(&rows);
}

/* A database made before metrics existed (schema version 1) gains the table on open, and
 * keeps its history. */
static void test_metrics_store_upgrades_a_v1_database(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_metrics_rows rows;
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    size_t n = 0;
    const char *const *migrations = ecg_db_migrations(&n);

    assert_true(n >= 2);
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_db_open_schema(&db, fx->db, 0, migrations, 1, &diag), 0);
    add_run_ok(db, 1700000000, "ecg check old");
    ecg_db_close(db);
    assert_int_equal(
        db_fixture_raw_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE name = 'metrics'"), 0);

    db = db_fixture_open_ok(fx->db, 0);
    assert_int_equal(ecg_db_schema_version(db), (int)n);
    sample_rows(&rows);
    assert_int_equal(ecg_metrics_store(db, &rows, ROOT, &diag), 0);
    ecg_db_close(db);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM metrics WHERE run_id = 1"),
                     3);
    rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_sort_orders_by_path_line_function),
        cmocka_unit_test(test_metrics_sort_drops_exact_duplicates_only),
        cmocka_unit_test(test_metrics_p90_is_nearest_rank),
        cmocka_unit_test(test_metrics_summary_groups_files),
        cmocka_unit_test(test_metrics_relative_paths),
        cmocka_unit_test(test_metrics_text_layout),
        cmocka_unit_test(test_metrics_csv_layout),
        cmocka_unit_test(test_metrics_csv_quotes_fields),
        cmocka_unit_test(test_metrics_json_layout),
        cmocka_unit_test(test_metrics_json_escapes_names),
        cmocka_unit_test(test_metrics_empty_outputs),
        cmocka_unit_test(test_metrics_write_error_is_reported),
        cmocka_unit_test_setup_teardown(test_metrics_store_snapshot_of_newest_run, db_fixture_setup,
                                        db_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_metrics_store_run_finds_its_run, db_fixture_setup,
                                        db_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_metrics_store_upgrades_a_v1_database, db_fixture_setup,
                                        db_fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
