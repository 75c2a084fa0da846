/* The incremental cache table of the results database (see db.h): entries per manifest key,
 * newest first, at most ECG_DB_CACHE_KEEP of them per key. "Newest" is created_at, then
 * rowid: INSERT OR REPLACE gives a replaced entry a new rowid, so it counts as new. */
#include "analyzer/db.h"

#include <stdlib.h>
#include <time.h>

#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"

struct entry_list {
    struct ecg_db_cache_entry *items;
    size_t len;
    size_t cap;
};

/* Appends the current row (deps, findings) to list. */
static int list_push_row(struct entry_list *list, struct ecg_db *db, sqlite3_stmt *stmt,
                         struct ecg_diag *diag)
{
    struct ecg_db_cache_entry entry = { NULL, NULL };
    int rc;

    if (list->len == list->cap) {
        size_t cap = list->cap != 0 ? list->cap * 2 : ECG_DB_CACHE_KEEP;
        struct ecg_db_cache_entry *grown = realloc(list->items, cap * sizeof(*grown));

        if (grown == NULL) {
            ecg_diag_set(diag, db->path, 0, 0, "cannot read the cache: out of memory");
            return ECG_ENOMEM;
        }
        list->items = grown;
        list->cap = cap;
    }
    rc = ecg_db_column_dup(&entry.deps, db, stmt, 0, diag);
    if (rc == 0)
        rc = ecg_db_column_dup(&entry.findings, db, stmt, 1, diag);
    if (rc != 0) {
        free(entry.deps);
        return rc;
    }
    list->items[list->len++] = entry;
    return 0;
}

int ecg_db_cache_find(struct ecg_db *db, const char *manifest_key, struct ecg_db_cache_entry **out,
                      size_t *out_n, struct ecg_diag *diag)
{
    struct entry_list list = { NULL, 0, 0 };
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db,
                            "SELECT deps, findings FROM cache WHERE manifest_key = ?1"
                            " ORDER BY created_at DESC, rowid DESC",
                            diag);
    int step = SQLITE_ROW;

    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 1, manifest_key, diag);
    while (rc == 0 && step == SQLITE_ROW) {
        step = sqlite3_step(stmt);
        if (step == SQLITE_ROW)
            rc = list_push_row(&list, db, stmt, diag);
        else if (step != SQLITE_DONE)
            rc = ecg_db_fail(db, step, "cannot read the cache", diag);
    }
    sqlite3_finalize(stmt);
    if (rc != 0) {
        ecg_db_cache_entries_free(list.items, list.len);
        return rc;
    }
    *out = list.items;
    *out_n = list.len;
    return 0;
}

void ecg_db_cache_entries_free(struct ecg_db_cache_entry *entries, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(entries[i].deps);
        free(entries[i].findings);
    }
    free(entries);
}

/* The values bound to a statement: texts[i] to ?(i + 1), then number to ?(n_texts + 1). */
struct bound_values {
    const char *const *texts;
    int n_texts;
    int64_t number;
};

/* Runs sql, one statement that returns no rows, with values bound; what names it in errors. */
static int run_bound(struct ecg_db *db, const char *sql, const struct bound_values *values,
                     const char *what, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db, sql, diag);

    for (int i = 0; rc == 0 && i < values->n_texts; i++)
        rc = ecg_db_bind_text(db, stmt, i + 1, values->texts[i], diag);
    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, values->n_texts + 1, values->number, diag);
    if (rc == 0)
        rc = ecg_db_step_done(db, stmt, what, diag);
    sqlite3_finalize(stmt);
    return rc;
}

/* Inserts or replaces one entry, stamped with the current time. */
static int insert_entry(struct ecg_db *db, const char *manifest_key, const char *deps_key,
                        const char *deps, const char *findings, struct ecg_diag *diag)
{
    const char *const texts[] = { manifest_key, deps_key, deps, findings };
    const struct bound_values values = { texts, 4, (int64_t)time(NULL) };

    return run_bound(db,
                     "INSERT OR REPLACE INTO cache"
                     " (manifest_key, deps_key, deps, findings, created_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
                     &values, "cannot store a cache entry", diag);
}

/* Deletes all but the ECG_DB_CACHE_KEEP newest entries of manifest_key. */
static int prune_entries(struct ecg_db *db, const char *manifest_key, struct ecg_diag *diag)
{
    const char *const texts[] = { manifest_key };
    const struct bound_values values = { texts, 1, ECG_DB_CACHE_KEEP };

    return run_bound(db,
                     "DELETE FROM cache WHERE manifest_key = ?1 AND rowid NOT IN"
                     " (SELECT rowid FROM cache WHERE manifest_key = ?1"
                     " ORDER BY created_at DESC, rowid DESC LIMIT ?2)",
                     &values, "cannot prune the cache", diag);
}

int ecg_db_cache_store(struct ecg_db *db, const char *manifest_key, const char *deps_key,
                       const char *deps, const char *findings, struct ecg_diag *diag)
{
    struct ecg_db_tx tx;
    int rc = ecg_db_tx_begin(&tx, db, diag);

    if (rc != 0)
        return rc;
    rc = insert_entry(db, manifest_key, deps_key, deps, findings, diag);
    if (rc == 0)
        rc = prune_entries(db, manifest_key, diag);
    return ecg_db_tx_end(&tx, db, rc, diag);
}

int ecg_db_cache_clear(struct ecg_db *db, struct ecg_diag *diag)
{
    return ecg_db_exec(db, "DELETE FROM cache", diag);
}
