/* The saved baseline of the results database (see db.h): replaced whole in one transaction,
 * with a marker in meta so "never saved" differs from "saved empty". Rows are input: a
 * malformed one is reported, not trusted. Fingerprints are unique; a repeated one is kept
 * once, as the baseline matches findings by fingerprint alone. */
#include "analyzer/db.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/finding.h"

struct baseline_list {
    struct ecg_db_baseline_entry *items;
    size_t len;
    size_t cap;
};

/* Binds and inserts one entry; the parameters are the baseline columns in order. */
static int insert_entry(struct ecg_db *db, sqlite3_stmt *stmt,
                        const struct ecg_db_baseline_entry *e, struct ecg_diag *diag)
{
    const char *const texts[] = { e->fingerprint, e->rule_id, e->path };
    const int64_t numbers[] = { e->line, e->col, e->end_line, e->end_col, e->level };
    int rc = 0;

    for (int i = 0; rc == 0 && i < 3; i++)
        rc = ecg_db_bind_text(db, stmt, 1 + i, texts[i], diag);
    for (int i = 0; rc == 0 && i < 5; i++)
        rc = ecg_db_bind_int64(db, stmt, 4 + i, numbers[i], diag);
    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 9, e->message, diag);
    if (rc == 0)
        rc = ecg_db_step_done(db, stmt, "cannot save the baseline", diag);
    sqlite3_reset(stmt);
    return rc;
}

static int insert_entries(struct ecg_db *db, const struct ecg_db_baseline_entry *entries, size_t n,
                          struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db,
                            "INSERT OR IGNORE INTO baseline (fingerprint, rule_id, path, line,"
                            " col, end_line, end_col, level, message)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            diag);

    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = insert_entry(db, stmt, &entries[i], diag);
    sqlite3_finalize(stmt);
    return rc;
}

int ecg_db_baseline_replace(struct ecg_db *db, const struct ecg_db_baseline_entry *entries,
                            size_t n, struct ecg_diag *diag)
{
    struct ecg_db_tx tx;
    int rc = ecg_db_tx_begin(&tx, db, diag);

    if (rc != 0)
        return rc;
    rc = ecg_db_exec(db, "DELETE FROM baseline", diag);
    if (rc == 0)
        rc = insert_entries(db, entries, n, diag);
    if (rc == 0)
        rc = ecg_db_exec(db,
                         "INSERT OR REPLACE INTO meta (key, value)"
                         " VALUES ('baseline_saved', '1')",
                         diag);
    return ecg_db_tx_end(&tx, db, rc, diag);
}

/* Whether a baseline was ever saved. */
static int baseline_saved(int *out, struct ecg_db *db, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db, "SELECT 1 FROM meta WHERE key = 'baseline_saved'", diag);
    int step;

    if (rc != 0)
        return rc;
    step = sqlite3_step(stmt);
    if (step == SQLITE_ROW || step == SQLITE_DONE)
        *out = step == SQLITE_ROW;
    else
        rc = ecg_db_fail(db, step, "cannot read the baseline", diag);
    sqlite3_finalize(stmt);
    return rc;
}

/* Reads column col as a line or column number; anything else is a malformed row. */
static int read_unsigned(unsigned *out, struct ecg_db *db, sqlite3_stmt *stmt, int col,
                         struct ecg_diag *diag)
{
    sqlite3_int64 v = sqlite3_column_int64(stmt, col);

    if (sqlite3_column_type(stmt, col) != SQLITE_INTEGER || v < 0 || v > UINT_MAX) {
        ecg_diag_set(diag, db->path, 0, 0,
                     "malformed baseline row: column %d is not a line or column number; "
                     "save the baseline again",
                     col + 1);
        return ECG_EDB;
    }
    *out = (unsigned)v;
    return 0;
}

/* Reads the fingerprint and level of the current row, which must be well formed. */
static int read_key(struct ecg_db_baseline_entry *e, struct ecg_db *db, sqlite3_stmt *stmt,
                    struct ecg_diag *diag)
{
    const unsigned char *fp = sqlite3_column_text(stmt, 0);
    size_t len = (size_t)sqlite3_column_bytes(stmt, 0);
    sqlite3_int64 level = sqlite3_column_int64(stmt, 7);

    if (fp == NULL || len != sizeof(e->fingerprint) - 1) {
        ecg_diag_set(diag, db->path, 0, 0,
                     "malformed baseline row: the fingerprint is not %zu characters; "
                     "save the baseline again",
                     sizeof(e->fingerprint) - 1);
        return ECG_EDB;
    }
    if (sqlite3_column_type(stmt, 7) != SQLITE_INTEGER || level < ECG_LEVEL_NOTE ||
        level > ECG_LEVEL_ERROR) {
        ecg_diag_set(diag, db->path, 0, 0,
                     "malformed baseline row %s: unknown level; save the baseline again",
                     (const char *)fp);
        return ECG_EDB;
    }
    memcpy(e->fingerprint, fp, len + 1);
    e->level = (int)level;
    return 0;
}

static int read_row(struct ecg_db_baseline_entry *e, struct ecg_db *db, sqlite3_stmt *stmt,
                    struct ecg_diag *diag)
{
    int rc = read_key(e, db, stmt, diag);

    if (rc == 0)
        rc = read_unsigned(&e->line, db, stmt, 3, diag);
    if (rc == 0)
        rc = read_unsigned(&e->col, db, stmt, 4, diag);
    if (rc == 0)
        rc = read_unsigned(&e->end_line, db, stmt, 5, diag);
    if (rc == 0)
        rc = read_unsigned(&e->end_col, db, stmt, 6, diag);
    if (rc == 0)
        rc = ecg_db_column_dup(&e->rule_id, db, stmt, 1, diag);
    if (rc == 0)
        rc = ecg_db_column_dup(&e->path, db, stmt, 2, diag);
    if (rc == 0)
        rc = ecg_db_column_dup(&e->message, db, stmt, 8, diag);
    return rc;
}

/* Appends the current row to list; on failure the list is unchanged. */
static int list_push_row(struct baseline_list *list, struct ecg_db *db, sqlite3_stmt *stmt,
                         struct ecg_diag *diag)
{
    struct ecg_db_baseline_entry *e;
    int rc;

    if (list->len == list->cap) {
        size_t cap = list->cap != 0 ? list->cap * 2 : 64;
        struct ecg_db_baseline_entry *grown = realloc(list->items, cap * sizeof(*grown));

        if (grown == NULL) {
            ecg_diag_set(diag, db->path, 0, 0, "cannot read the baseline: out of memory");
            return ECG_ENOMEM;
        }
        list->items = grown;
        list->cap = cap;
    }
    e = &list->items[list->len];
    memset(e, 0, sizeof(*e));
    rc = read_row(e, db, stmt, diag);
    if (rc != 0) {
        free(e->rule_id);
        free(e->path);
        free(e->message);
        return rc;
    }
    list->len++;
    return 0;
}

static int load_rows(struct baseline_list *list, struct ecg_db *db, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db,
                            "SELECT fingerprint, rule_id, path, line, col, end_line, end_col,"
                            " level, message FROM baseline ORDER BY fingerprint",
                            diag);
    int step = SQLITE_ROW;

    while (rc == 0 && step == SQLITE_ROW) {
        step = sqlite3_step(stmt);
        if (step == SQLITE_ROW)
            rc = list_push_row(list, db, stmt, diag);
        else if (step != SQLITE_DONE)
            rc = ecg_db_fail(db, step, "cannot read the baseline", diag);
    }
    sqlite3_finalize(stmt);
    return rc;
}

int ecg_db_baseline_load(struct ecg_db *db, struct ecg_db_baseline_entry **out, size_t *out_n,
                         int *out_saved, struct ecg_diag *diag)
{
    struct baseline_list list = { NULL, 0, 0 };
    int saved = 0;
    int rc = baseline_saved(&saved, db, diag);

    if (rc == 0 && saved)
        rc = load_rows(&list, db, diag);
    if (rc != 0) {
        ecg_db_baseline_free(list.items, list.len);
        return rc;
    }
    *out = list.items;
    *out_n = list.len;
    *out_saved = saved;
    return 0;
}

void ecg_db_baseline_free(struct ecg_db_baseline_entry *entries, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(entries[i].rule_id);
        free(entries[i].path);
        free(entries[i].message);
    }
    free(entries);
}
