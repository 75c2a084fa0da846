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
#include "tests/support/db_fixture.h"
#include "tests/support/testkit.h"

static void test_db_cache_store_find_replace(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const none[] = { NULL };
    static const char *const two[] = { "deps-2", "deps-1", NULL };
    static const char *const replaced[] = { "deps-1b", "deps-2", NULL };
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_db_cache_entry *entries = NULL;
    size_t n = 0;

    db_fixture_expect_entries(db, "a", none);
    db_fixture_store_ok(db, "a", "k1", "deps-1", "[1]");
    db_fixture_store_ok(db, "b", "k1", "other", "[]");
    db_fixture_store_ok(db, "a", "k2", "deps-2", "[2]");
    db_fixture_expect_entries(db, "a", two);
    db_fixture_store_ok(db, "a", "k1", "deps-1b", "[1b]"); /* same keys: replaced, and now newest */
    db_fixture_expect_entries(db, "a", replaced);

    assert_int_equal(ecg_db_cache_find(db, "a", &entries, &n, NULL), 0);
    assert_string_equal(entries[0].findings, "[1b]");
    assert_string_equal(entries[1].findings, "[2]");
    ecg_db_cache_entries_free(entries, n);
    ecg_db_close(db);
}

static void test_db_cache_keeps_newest_and_clears(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const newest[] = { "d6", "d5", "d4", "d3", NULL };
    static const char *const other[] = { "o", NULL };
    static const char *const none[] = { NULL };
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    char key[8];

    assert_int_equal(ECG_DB_CACHE_KEEP, 4);
    db_fixture_store_ok(db, "other", "k", "o", "[]");
    for (int i = 1; i <= 6; i++) {
        snprintf(key, sizeof(key), "d%d", i);
        db_fixture_store_ok(db, "m", key, key, "[]");
    }
    db_fixture_expect_entries(db, "m", newest);
    db_fixture_expect_entries(db, "other", other);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM cache"), 5);

    assert_int_equal(ecg_db_cache_clear(db, NULL), 0);
    db_fixture_expect_entries(db, "m", none);
    db_fixture_expect_entries(db, "other", none);
    ecg_db_close(db);
}

static void test_db_cache_store_joins_caller_transaction(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const none[] = { NULL };
    static const char *const one[] = { "kept", NULL };
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);

    assert_int_equal(ecg_db_begin(db, NULL), 0);
    db_fixture_store_ok(db, "m", "k", "dropped", "[]");
    ecg_db_rollback(db);
    db_fixture_expect_entries(db, "m", none);

    assert_int_equal(ecg_db_begin(db, NULL), 0);
    db_fixture_store_ok(db, "m", "k", "kept", "[]");
    assert_int_equal(ecg_db_commit(db, NULL), 0);
    db_fixture_expect_entries(db, "m", one);
    ecg_db_close(db);
}

static void test_db_locked_database_fails_cleanly(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const one[] = { "later", NULL };
    struct ecg_db *holder = db_fixture_open_ok(fx->db, 0);
    struct ecg_db *waiter = db_fixture_open_ok(fx->db, 0);
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
    db_fixture_store_ok(waiter, "m", "k", "later", "[]");
    db_fixture_expect_entries(holder, "m", one);
    ecg_db_close(waiter);
    ecg_db_close(holder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DB_TEST(name) cmocka_unit_test_setup_teardown(name, db_fixture_setup, db_fixture_teardown)
        DB_TEST(test_db_cache_store_find_replace),
        DB_TEST(test_db_cache_keeps_newest_and_clears),
        DB_TEST(test_db_cache_store_joins_caller_transaction),
        DB_TEST(test_db_locked_database_fails_cleanly),
#undef DB_TEST
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
