/* Unit tests for the run history in the results database: runs and their per-rule counts
 * recorded together, printed newest first as an aligned table, limited on demand, and the
 * counts removed with their run. */
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
#include "analyzer/finding.h"
#include "tests/support/db_fixture.h"
#include "tests/support/testkit.h"

static void add_run_ok(struct ecg_db *db, const struct ecg_db_run *run)
{
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    if (ecg_db_history_add(db, run, &diag) != 0)
        fail_msg("cannot add a run: %s", diag.message);
}

/* Prints the history of db with limit and returns the text (the caller frees it). */
static char *print_history(struct ecg_db *db, size_t limit)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    struct ecg_diag diag;

    assert_non_null(f);
    ecg_diag_clear(&diag);
    if (ecg_db_history_print(db, f, limit, &diag) != 0)
        fail_msg("cannot print: %s", diag.message);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_db_history_add_and_print(void **state)
{
    struct db_fixture *fx = *state;
    static const struct ecg_db_rule_count counts[] = {
        { "rule-b", ECG_LEVEL_WARNING, 2 },
        { "rule-a", ECG_LEVEL_ERROR, 1 },
        { "rule-b", ECG_LEVEL_ERROR, 1 },
    };
    struct ecg_db_run first = db_fixture_make_run(1700000000, "0123456789abcdef0123", counts, 3);
    struct ecg_db_run second = db_fixture_make_run(1700001000, NULL, NULL, 0);
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    char *text = print_history(db, 0);

    assert_string_equal(text, "no runs recorded\n");
    free(text);
    first.units = 10;
    first.units_cached = 4;
    first.findings = 3;
    first.suppressed = 1;
    first.failing = 2;
    second.units = 120;
    second.units_cached = 120;
    add_run_ok(db, &first);
    add_run_ok(db, &second);
    assert_int_equal(db_fixture_conn_int(db, "SELECT count(*) FROM run_counts WHERE run_id = 1"),
                     3);

    text = print_history(db, 0);
    assert_string_equal(text, "id  time (UTC)            commit        units (cached)  findings  "
                              "suppressed  failing  rules\n"
                              " 2  2023-11-14T22:30:00Z  -                  120 (120)         0  "
                              "         0        0\n"
                              " 1  2023-11-14T22:13:20Z  0123456789ab          10 (4)         3  "
                              "         1        2  rule-b: 3, rule-a: 1\n");
    free(text);
    text = print_history(db, 1);
    assert_non_null(strstr(text, " 2  2023-11-14T22:30:00Z"));
    assert_null(strstr(text, "2023-11-14T22:13:20Z"));
    free(text);
    /* A run's counts go with it. */
    assert_int_equal(sqlite3_exec(db->conn, "DELETE FROM runs WHERE id = 1", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(db_fixture_conn_int(db, "SELECT count(*) FROM run_counts"), 0);
    ecg_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DB_TEST(name) cmocka_unit_test_setup_teardown(name, db_fixture_setup, db_fixture_teardown)
        DB_TEST(test_db_history_add_and_print),
#undef DB_TEST
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
