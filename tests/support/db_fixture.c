/* Fixture of the results database's unit tests; see db_fixture.h. The raw_ helpers open their
 * own SQLite connection, so they see only what ecg has committed. */
#include "tests/support/db_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "tests/support/testkit.h"

int db_fixture_setup(void **state)
{
    struct db_fixture *fx = calloc(1, sizeof(*fx));
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

int db_fixture_teardown(void **state)
{
    struct db_fixture *fx = *state;
    int rc = testkit_remove_tree(fx->dir);

    free(fx);
    return rc;
}

struct ecg_db *db_fixture_open_ok(const char *path, int reset)
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

void db_fixture_raw_exec(const char *path, const char *sql)
{
    sqlite3 *conn = NULL;
    char msg[512] = "";
    char *err = NULL;
    int rc = sqlite3_open(path, &conn);

    if (rc == SQLITE_OK)
        rc = sqlite3_exec(conn, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        snprintf(msg, sizeof(msg), "%s", err != NULL ? err : sqlite3_errmsg(conn));
    sqlite3_free(err);
    sqlite3_close(conn);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

void db_fixture_raw_text(char *buf, size_t size, const char *path, const char *sql)
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

long long db_fixture_raw_int(const char *path, const char *sql)
{
    char text[64];

    db_fixture_raw_text(text, sizeof(text), path, sql);
    return strtoll(text, NULL, 10);
}

long long db_fixture_conn_int(struct ecg_db *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    long long v;

    assert_int_equal(sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    v = sqlite3_column_int64(stmt, 0);
    assert_int_equal(sqlite3_finalize(stmt), SQLITE_OK);
    return v;
}

void db_fixture_store_ok(struct ecg_db *db, const char *key, const char *deps_key, const char *deps,
                         const char *findings)
{
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    if (ecg_db_cache_store(db, key, deps_key, deps, findings, &diag) != 0)
        fail_msg("cannot store: %s", diag.message);
}

void db_fixture_expect_entries(struct ecg_db *db, const char *key, const char *const *expect)
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

struct ecg_db_run db_fixture_make_run(int64_t started, const char *commit,
                                      const struct ecg_db_rule_count *counts, size_t n_counts)
{
    struct ecg_db_run run;

    memset(&run, 0, sizeof(run));
    run.started_at = started;
    run.finished_at = started + 5;
    run.git_commit = commit;
    run.command_line = "ecg check src";
    run.counts = counts;
    run.n_counts = n_counts;
    return run;
}
