/* Unit tests for the cache table of the results database: entries newest first, replaced
 * by key, at most ECG_DB_CACHE_KEEP per manifest key, cleared on demand, joined to the
 * caller's transaction, and a clean failure when another connection holds the lock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/db.h"
#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "tests/support/testkit.h"

struct fixture {
    char dir[512];
    char db[600];
};

static int fixture_setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    int n;

    if (fx == NULL || testkit_tmpdir(fx->dir, sizeof(fx->dir), "db") != 0) {
        free(fx);
        return -1;
    }
    n = snprintf(fx->db, sizeof(fx->db), "%s/.ecg/ecg.db", fx->dir);
    if (n < 0 || (size_t)n >= sizeof(fx->db)) {
        testkit_remove_tree(fx->dir);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int fixture_teardown(void **state)
{
    struct fixture *fx = *state;
    int rc = testkit_remove_tree(fx->dir);

    free(fx);
    return rc;
}

static struct ecg_db *open_ok(const char *path, int reset)
{
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_db_open(&db, path, reset, &diag);
    if (rc != 0)
        fail_msg("cannot open %s: %s", path, diag.message);
    assert_non_null(db);
    return db;
}

/* The first column of the first row of sql, as text, via a plain SQLite connection. */
static void raw_text(char *buf, size_t size, const char *path, const char *sql)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_open(path, &conn);

    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(stmt, 0);

        snprintf(buf, size, "%s", text != NULL ? (const char *)text : "(null)");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    if (rc != SQLITE_ROW)
        fail_msg("%s: no row (%d)", sql, rc);
}

static long long raw_int(const char *path, const char *sql)
{
    char text[64];

    raw_text(text, sizeof(text), path, sql);
    return strtoll(text, NULL, 10);
}

static void store_ok(struct ecg_db *db, const char *key, const char *deps_key, const char *deps,
                     const char *findings)
{
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    if (ecg_db_cache_store(db, key, deps_key, deps, findings, &diag) != 0)
        fail_msg("cannot store: %s", diag.message);
}

/* Finds key's entries and checks their deps, newest first, against the NULL-terminated
 * list expect. */
static void expect_entries(struct ecg_db *db, const char *key, const char *const *expect)
{
    struct ecg_db_cache_entry *entries = NULL;
    size_t n = 99;
    size_t want = 0;

    while (expect[want] != NULL)
        want++;
    assert_int_equal(ecg_db_cache_find(db, key, &entries, &n, NULL), 0);
    assert_int_equal(n, want);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(entries[i].deps, expect[i]);
    if (n == 0)
        assert_null(entries);
    ecg_db_cache_entries_free(entries, n);
}

static void test_db_cache_store_find_replace(void **state)
{
    struct fixture *fx = *state;
    static const char *const none[] = { NULL };
    static const char *const two[] = { "deps-2", "deps-1", NULL };
    static const char *const replaced[] = { "deps-1b", "deps-2", NULL };
    struct ecg_db *db = open_ok(fx->db, 0);
    struct ecg_db_cache_entry *entries = NULL;
    size_t n = 0;

    expect_entries(db, "a", none);
    store_ok(db, "a", "k1", "deps-1", "[1]");
    store_ok(db, "b", "k1", "other", "[]");
    store_ok(db, "a", "k2", "deps-2", "[2]");
    expect_entries(db, "a", two);
    store_ok(db, "a", "k1", "deps-1b", "[1b]"); /* same keys: replaced, and now newest */
    expect_entries(db, "a", replaced);

    assert_int_equal(ecg_db_cache_find(db, "a", &entries, &n, NULL), 0);
    assert_string_equal(entries[0].findings, "[1b]");
    assert_string_equal(entries[1].findings, "[2]");
    ecg_db_cache_entries_free(entries, n);
    ecg_db_close(db);
}

static void test_db_cache_keeps_newest_and_clears(void **state)
{
    struct fixture *fx = *state;
    static const char *const newest[] = { "d6", "d5", "d4", "d3", NULL };
    static const char *const other[] = { "o", NULL };
    static const char *const none[] = { NULL };
    struct ecg_db *db = open_ok(fx->db, 0);
    char key[8];

    assert_int_equal(ECG_DB_CACHE_KEEP, 4);
    store_ok(db, "other", "k", "o", "[]");
    for (int i = 1; i <= 6; i++) {
        snprintf(key, sizeof(key), "d%d", i);
        store_ok(db, "m", key, key, "[]");
    }
    expect_entries(db, "m", newest);
    expect_entries(db, "other", other);
    assert_int_equal(raw_int(fx->db, "SELECT count(*) FROM cache"), 5);

    assert_int_equal(ecg_db_cache_clear(db, NULL), 0);
    expect_entries(db, "m", none);
    expect_entries(db, "other", none);
    ecg_db_close(db);
}

static void test_db_cache_store_joins_caller_transaction(void **state)
{
    struct fixture *fx = *state;
    static const char *const none[] = { NULL };
    static const char *const one[] = { "kept", NULL };
    struct ecg_db *db = open_ok(fx->db, 0);

    assert_int_equal(ecg_db_begin(db, NULL), 0);
    store_ok(db, "m", "k", "dropped", "[]");
    ecg_db_rollback(db);
    expect_entries(db, "m", none);

    assert_int_equal(ecg_db_begin(db, NULL), 0);
    store_ok(db, "m", "k", "kept", "[]");
    assert_int_equal(ecg_db_commit(db, NULL), 0);
    expect_entries(db, "m", one);
    ecg_db_close(db);
}

static void test_db_locked_database_fails_cleanly(void **state)
{
    struct fixture *fx = *state;
    static const char *const one[] = { "later", NULL };
    struct ecg_db *holder = open_ok(fx->db, 0);
    struct ecg_db *waiter = open_ok(fx->db, 0);
    struct ecg_diag diag;

    /* Waiting the full 10 s would only slow the test: the outcome is the same. */
    assert_int_equal(sqlite3_busy_timeout(waiter->conn, 1), SQLITE_OK);
    assert_int_equal(ecg_db_begin(holder, NULL), 0);
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_db_cache_store(waiter, "m", "k", "now", "[]", &diag), ECG_EDB);
    assert_string_equal(diag.path, fx->db);
    assert_non_null(strstr(diag.message, "locked"));
    assert_int_equal(ecg_db_begin(waiter, &diag), ECG_EDB);
    ecg_db_rollback(holder);

    /* The failures left no transaction behind. */
    store_ok(waiter, "m", "k", "later", "[]");
    expect_entries(holder, "m", one);
    ecg_db_close(waiter);
    ecg_db_close(holder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DB_TEST(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
        DB_TEST(test_db_cache_store_find_replace),
        DB_TEST(test_db_cache_keeps_newest_and_clears),
        DB_TEST(test_db_cache_store_joins_caller_transaction),
        DB_TEST(test_db_locked_database_fails_cleanly),
#undef DB_TEST
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
