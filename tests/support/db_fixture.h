/* Fixture shared by the results database's unit tests (test_db.c and test_db_cache.c,
 * test_db_baseline.c, test_db_history.c): a scratch directory with the database path inside
 * it, and helpers that open, fill and read the database, by ecg or by a plain SQLite
 * connection. Setup and teardown return -1 on failure; the other helpers fail the test. */
#ifndef ECG_TESTS_SUPPORT_DB_FIXTURE_H
#define ECG_TESTS_SUPPORT_DB_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer/db.h"

struct db_fixture {
    char dir[512]; /* scratch directory; removed by teardown */
    char db[600];  /* dir/.ecg/ecg.db; not created by setup */
};

/* cmocka setup: allocates a fixture into *state with a fresh scratch directory. Returns 0, or
 * -1 when the directory or memory cannot be had (nothing is left behind then). */
int db_fixture_setup(void **state);

/* cmocka teardown: removes the fixture's directory and releases it. Returns 0, or -1 when
 * something in the directory could not be removed. */
int db_fixture_teardown(void **state);

/* Opens the database at path with ecg_db_open (reset as there) and returns it, the caller's
 * to close; on failure fails the test with the diagnostic. */
struct ecg_db *db_fixture_open_ok(const char *path, int reset);

/* Runs sql on path with a plain SQLite connection, outside ecg. */
void db_fixture_raw_exec(const char *path, const char *sql);

/* The first column of the first row of sql, as text ("(null)" for NULL) formatted into buf,
 * via a plain SQLite connection; fails the test when there is no row. */
void db_fixture_raw_text(char *buf, size_t size, const char *path, const char *sql);

/* As db_fixture_raw_text, read as an integer. */
long long db_fixture_raw_int(const char *path, const char *sql);

/* The first column of sql's first row, on db's own connection (per-connection pragmas). */
long long db_fixture_conn_int(struct ecg_db *db, const char *sql);

/* Stores a cache entry with ecg_db_cache_store; fails the test with the diagnostic on error. */
void db_fixture_store_ok(struct ecg_db *db, const char *key, const char *deps_key, const char *deps,
                         const char *findings);

/* Finds key's cache entries and checks their deps, newest first, against the NULL-terminated
 * list expect. */
void db_fixture_expect_entries(struct ecg_db *db, const char *key, const char *const *expect);

/* A run that started at started and took 5 seconds, with commit (borrowed, may be NULL), the
 * command line "ecg check src" and the n_counts counts (borrowed). */
struct ecg_db_run db_fixture_make_run(int64_t started, const char *commit,
                                      const struct ecg_db_rule_count *counts, size_t n_counts);

#endif
