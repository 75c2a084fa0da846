/* Unit tests for the saved baseline in the results database: replaced whole, loaded sorted
 * by fingerprint with all its fields, "never saved" apart from "saved empty", and rows
 * that were tampered with reported, not trusted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/db.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/finding.h"
#include "tests/support/db_fixture.h"
#include "tests/support/testkit.h"

static struct ecg_db_baseline_entry baseline_entry(const char *fp, const char *rule, unsigned line,
                                                   int level)
{
    struct ecg_db_baseline_entry e;

    memset(&e, 0, sizeof(e));
    snprintf(e.fingerprint, sizeof(e.fingerprint), "%s", fp);
    e.rule_id = (char *)rule;
    e.path = (char *)"src/a.c";
    e.line = line;
    e.col = 3;
    e.end_line = line + 1;
    e.end_col = 9;
    e.level = level;
    e.message = (char *)"msg";
    return e;
}

/* Saves three entries, out of fingerprint order, as db's baseline; in receives them. */
static void replace_three(struct ecg_db *db, struct ecg_db_baseline_entry in[3])
{
    in[0] = baseline_entry("ffff000000000000", "rule-c", 30, ECG_LEVEL_ERROR);
    in[1] = baseline_entry("0000000000000001", "rule-a", 10, ECG_LEVEL_NOTE);
    in[2] = baseline_entry("8000000000000000", "rule-b", 4000000000u, ECG_LEVEL_WARNING);
    assert_int_equal(ecg_db_baseline_replace(db, in, 3, NULL), 0);
}

static void test_db_baseline_replace_and_load(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db_baseline_entry in[3];
    struct ecg_db_baseline_entry *out = NULL;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    size_t n = 99;
    int saved = -1;

    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, NULL), 0);
    assert_int_equal(saved, 0);
    assert_null(out);
    assert_int_equal(n, 0);

    replace_three(db, in);
    ecg_db_close(db);
    db = db_fixture_open_ok(fx->db, 0);
    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, NULL), 0);
    assert_int_equal(saved, 1);
    assert_int_equal(n, 3);
    assert_string_equal(out[0].fingerprint, "0000000000000001");
    assert_string_equal(out[0].rule_id, "rule-a");
    assert_int_equal(out[0].level, ECG_LEVEL_NOTE);
    assert_string_equal(out[1].fingerprint, "8000000000000000");
    assert_int_equal(out[1].line, 4000000000u);
    assert_int_equal(out[1].end_line, 4000000001u);
    assert_int_equal(out[1].col, 3);
    assert_int_equal(out[1].end_col, 9);
    assert_string_equal(out[1].path, "src/a.c");
    assert_string_equal(out[1].message, "msg");
    assert_string_equal(out[2].fingerprint, "ffff000000000000");
    assert_int_equal(out[2].level, ECG_LEVEL_ERROR);
    ecg_db_baseline_free(out, n);
    ecg_db_close(db);
}

static void test_db_baseline_replace_dedups_and_saves_empty(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db_baseline_entry in[3];
    struct ecg_db_baseline_entry *out = NULL;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    size_t n = 99;
    int saved = -1;

    /* Replacing drops the earlier three; a repeated fingerprint is kept once. */
    replace_three(db, in);
    in[1] = baseline_entry("ffff000000000000", "rule-a", 10, ECG_LEVEL_NOTE);
    assert_int_equal(ecg_db_baseline_replace(db, in, 2, NULL), 0);
    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, NULL), 0);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].rule_id, "rule-c");
    ecg_db_baseline_free(out, n);

    /* Saved empty differs from never saved. */
    assert_int_equal(ecg_db_baseline_replace(db, NULL, 0, NULL), 0);
    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, NULL), 0);
    assert_int_equal(saved, 1);
    assert_int_equal(n, 0);
    ecg_db_baseline_free(out, n);
    ecg_db_close(db);
}

static void test_db_baseline_rejects_malformed_rows(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db_baseline_entry in = baseline_entry("0123456789abcdef", "r", 1, 0);
    struct ecg_db_baseline_entry *out = NULL;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_diag diag;
    size_t n = 0;
    int saved = 0;

    assert_int_equal(ecg_db_baseline_replace(db, &in, 1, NULL), 0);
    db_fixture_raw_exec(fx->db, "UPDATE baseline SET level = 7");
    ecg_diag_clear(&diag);
    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, &diag), ECG_EDB);
    assert_null(out);
    assert_string_equal(diag.path, fx->db);
    assert_non_null(strstr(diag.message, "unknown level"));

    db_fixture_raw_exec(fx->db, "UPDATE baseline SET level = 1, fingerprint = 'short'");
    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, &diag), ECG_EDB);
    assert_non_null(strstr(diag.message, "fingerprint"));

    db_fixture_raw_exec(fx->db, "UPDATE baseline SET fingerprint = '0123456789abcdef', line = -4");
    assert_int_equal(ecg_db_baseline_load(db, &out, &n, &saved, &diag), ECG_EDB);
    assert_non_null(strstr(diag.message, "line or column"));
    ecg_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DB_TEST(name) cmocka_unit_test_setup_teardown(name, db_fixture_setup, db_fixture_teardown)
        DB_TEST(test_db_baseline_replace_and_load),
        DB_TEST(test_db_baseline_replace_dedups_and_saves_empty),
        DB_TEST(test_db_baseline_rejects_malformed_rows),
#undef DB_TEST
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
