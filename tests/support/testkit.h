/* Scaffolding shared by the unit tests: scratch directories under ECG_TEST_TMPDIR, files
 * written into them and removed with them, results filled with findings by hand, and
 * assertions on JSON items found by dotted path. Helpers that may run in a cmocka setup
 * return -1 on failure; the others fail the test. */
#ifndef ECG_TESTS_SUPPORT_TESTKIT_H
#define ECG_TESTS_SUPPORT_TESTKIT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/finding.h"

struct cJSON;
struct ecg_result;

/* Creates a fresh directory ECG_TEST_TMPDIR/<prefix>-XXXXXX (and ECG_TEST_TMPDIR itself
 * when missing) and writes its path to out. Returns 0, or -1 when it cannot be created or
 * its path does not fit in size bytes. */
int testkit_tmpdir(char *out, size_t size, const char *prefix);

/* Formats a path into buf as snprintf does and returns buf; fails the test when the path
 * does not fit. */
const char *testkit_path(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Creates path and every missing directory above it (as mkdir -p); fails the test when one
 * cannot be created. */
void testkit_make_dirs(const char *path);

/* Writes len bytes of data to path, replacing what was there; fails the test on error. */
void testkit_write_bytes(const char *path, const void *data, size_t len);

/* Writes the string text to path, as testkit_write_bytes. */
void testkit_write_file(const char *path, const char *text);

/* Writes the string text to dir/name and returns that path, formatted into buf; fails the
 * test as testkit_path and testkit_write_bytes do. */
const char *testkit_write_in(char *buf, size_t size, const char *dir, const char *name,
                             const char *text);

/* Removes path and, for a directory, everything below it; symbolic links are removed, not
 * followed. Returns 0, or -1 when something could not be removed (the rest still is). */
int testkit_remove_tree(const char *path);

/* Prepares r as ecg_result_init does, with root copied from root and, when with_sources is
 * nonzero, an empty source cache. Returns 0, or -1 when memory runs out (release r with
 * ecg_result_fini either way). */
int testkit_result_init(struct ecg_result *r, const char *root, int with_sources);

/* The range path:line:col-end_line:end_col; path is borrowed, not copied. */
struct ecg_range testkit_range(const char *path, unsigned line, unsigned col, unsigned end_line,
                               unsigned end_col);

/* Appends to r a finding of rule_id (borrowed, as findings hold it) at a copy of range, with a
 * copy of message, and returns it (valid until the next finding is added). Fails the test when
 * memory runs out. */
struct ecg_finding *testkit_add_finding(struct ecg_result *r, const char *rule_id,
                                        enum ecg_level level, const struct ecg_range *range,
                                        const char *message);

/* The item of node at a dotted path such as "runs.0.results.1.level", where a number indexes
 * an array and anything else names an object member; node itself for "", NULL when a step
 * is missing. Borrowed from node. Fails the test when one step is 128 bytes or longer. */
const struct cJSON *testkit_json_at(const struct cJSON *node, const char *path);

/* Fails the test unless the item at path is the string want. */
void testkit_assert_str_at(const struct cJSON *root, const char *path, const char *want);

/* Fails the test unless the item at path is a number equal to want. */
void testkit_assert_num_at(const struct cJSON *root, const char *path, double want);

/* Fails the test when there is an item at path. */
void testkit_assert_absent(const struct cJSON *root, const char *path);

/* Parses source as the C11 file /virtual/t.c (no file on disk) into a new index and unit;
 * fails the test when it cannot be parsed. Release both with testkit_dispose_source. */
void testkit_parse_source(CXIndex *index, CXTranslationUnit *tu, const char *source);

void testkit_dispose_source(CXIndex index, CXTranslationUnit tu);

/* Parses source as testkit_parse_source does and visits every cursor of
 * the unit with visit and data, recursing where visit says; fails the test when the source
 * cannot be parsed. The cursors are valid only during the visit. */
void testkit_visit_source(const char *source, CXCursorVisitor visit, void *data);

/* Fails the test when any string in the tree below node (node included) is empty. */
void testkit_assert_no_empty_strings(const struct cJSON *node);

/* The number of items of the array at path; fails the test when there is no array there. */
int testkit_size_at(const struct cJSON *root, const char *path);

#endif
