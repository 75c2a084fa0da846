/* Unit-test scaffolding; see testkit.h. Everything lives below ECG_TEST_TMPDIR, which the
 * build defines, so a test never writes outside its own scratch directory. */
#include "tests/support/testkit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/result.h"
#include "analyzer/srcfile.h"

#ifndef ECG_TEST_TMPDIR
#error "ECG_TEST_TMPDIR must name a scratch directory"
#endif

int testkit_tmpdir(char *out, size_t size, const char *prefix)
{
    int n;

    if (mkdir(ECG_TEST_TMPDIR, 0777) != 0 && errno != EEXIST)
        return -1;
    n = snprintf(out, size, "%s/%s-XXXXXX", ECG_TEST_TMPDIR, prefix);
    if (n < 0 || (size_t)n >= size)
        return -1;
    return mkdtemp(out) != NULL ? 0 : -1;
}

const char *testkit_path(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < size);
    return buf;
}

void testkit_make_dirs(const char *path)
{
    char *copy = strdup(path);

    assert_non_null(copy);
    /* Each '/' after the first character ends a parent; the path itself comes last. */
    for (char *slash = strchr(copy + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        assert_true(mkdir(copy, 0777) == 0 || errno == EEXIST);
        *slash = '/';
    }
    assert_true(mkdir(copy, 0777) == 0 || errno == EEXIST);
    free(copy);
}

void testkit_write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL)
        fail_msg("cannot create %s: %s", path, strerror(errno));
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

void testkit_write_file(const char *path, const char *text)
{
    testkit_write_bytes(path, text, strlen(text));
}

const char *testkit_write_in(char *buf, size_t size, const char *dir, const char *name,
                             const char *text)
{
    testkit_write_file(testkit_path(buf, size, "%s/%s", dir, name), text);
    return buf;
}

static int remove_entries(const char *dir);

int testkit_remove_tree(const char *path)
{
    struct stat st;
    int rc;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0 ? 0 : -1;
    rc = remove_entries(path);
    if (rmdir(path) != 0)
        rc = -1;
    return rc;
}

/* Removes everything in dir (but not dir). */
static int remove_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;

    if (d == NULL)
        return -1;
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        size_t size = strlen(dir) + strlen(e->d_name) + 2;
        char *child;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        child = malloc(size);
        if (child == NULL) {
            rc = -1;
            continue;
        }
        testkit_path(child, size, "%s/%s", dir, e->d_name);
        if (testkit_remove_tree(child) != 0)
            rc = -1;
        free(child);
    }
    closedir(d);
    return rc;
}

int testkit_result_init(struct ecg_result *r, const char *root, int with_sources)
{
    ecg_result_init(r);
    r->root = strdup(root);
    if (with_sources)
        r->sources = ecg_srccache_new();
    if (r->root == NULL || (with_sources && r->sources == NULL))
        return -1;
    return 0;
}

struct ecg_range testkit_range(const char *path, unsigned line, unsigned col, unsigned end_line,
                               unsigned end_col)
{
    struct ecg_range range = { (char *)path, line, col, end_line, end_col };

    return range;
}

struct ecg_finding *testkit_add_finding(struct ecg_result *r, const char *rule_id,
                                        enum ecg_level level, const struct ecg_range *range,
                                        const char *message)
{
    struct ecg_finding f;

    memset(&f, 0, sizeof(f));
    f.rule_id = rule_id;
    f.level = level;
    assert_int_equal(ecg_range_set(&f.range, range->path, range->line, range->col, range->end_line,
                                   range->end_col),
                     0);
    f.message = strdup(message);
    assert_non_null(f.message);
    assert_int_equal(ecg_findings_take(&r->findings, &f), 0);
    return &r->findings.items[r->findings.len - 1];
}

const cJSON *testkit_json_at(const cJSON *node, const char *path)
{
    char key[128];

    while (node != NULL && *path != '\0') {
        size_t n = strcspn(path, ".");
        char *end;
        long index;
        assert_true(n < sizeof(key));
        memcpy(key, path, n);
        key[n] = '\0';
        index = strtol(key, &end, 10);
        if (cJSON_IsArray(node) && *end == '\0' && end != key)
            node = cJSON_GetArrayItem(node, (int)index);
        else
            node = cJSON_GetObjectItemCaseSensitive(node, key);
        path += path[n] == '.' ? n + 1 : n;
    }
    return node;
}

void testkit_assert_str_at(const cJSON *root, const char *path, const char *want)
{
    const cJSON *item = testkit_json_at(root, path);

    if (item == NULL || !cJSON_IsString(item))
        fail_msg("%s: missing or not a string", path);
    assert_string_equal(item->valuestring, want);
}

void testkit_assert_num_at(const cJSON *root, const char *path, double want)
{
    const cJSON *item = testkit_json_at(root, path);

    if (item == NULL || !cJSON_IsNumber(item))
        fail_msg("%s: missing or not a number", path);
    if (item->valuedouble != want)
        fail_msg("%s: %g, want %g", path, item->valuedouble, want);
}

void testkit_assert_absent(const cJSON *root, const char *path)
{
    if (testkit_json_at(root, path) != NULL)
        fail_msg("%s: present but should not be", path);
}

void testkit_assert_no_empty_strings(const cJSON *node)
{
    const cJSON *child;

    if (cJSON_IsString(node))
        assert_true(node->valuestring[0] != '\0');
    cJSON_ArrayForEach(child, node)
    {
        testkit_assert_no_empty_strings(child);
    }
}

int testkit_size_at(const cJSON *root, const char *path)
{
    const cJSON *item = testkit_json_at(root, path);

    if (item == NULL || !cJSON_IsArray(item))
        fail_msg("%s: missing or not an array", path);
    return cJSON_GetArraySize(item);
}

void testkit_parse_source(CXIndex *index, CXTranslationUnit *tu, const char *source)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=c11" };
    struct CXUnsavedFile unsaved = { "/virtual/t.c", source, (unsigned long)strlen(source) };

    *index = clang_createIndex(0, 0);
    *tu = NULL;
    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(*index, "/virtual/t.c", argv, 4, &unsaved, 1, 0, tu),
        CXError_Success);
}

void testkit_dispose_source(CXIndex index, CXTranslationUnit tu)
{
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

void testkit_visit_source(const char *source, CXCursorVisitor visit, void *data)
{
    CXIndex index;
    CXTranslationUnit tu;

    testkit_parse_source(&index, &tu, source);
    clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, data);
    testkit_dispose_source(index, tu);
}
