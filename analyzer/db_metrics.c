/* Metrics snapshots in the results database: ecg_metrics_store and ecg_metrics_store_run
 * (declared in metrics.h with the rest of the metrics API; here because their SQL uses the
 * database's private helpers). A snapshot replaces whatever its run held, in one
 * transaction, with paths relative to the project root as the baseline keeps them. */
#include "analyzer/metrics.h"

#include <math.h>

#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/metrics_int.h"

/* Which history run a snapshot belongs to: the newest, or the newest with this start time
 * and command line (command_line NULL: any run). */
struct run_key {
    int64_t started_at;
    const char *command_line;
};

/* Steps the run query: *out_id is the run's id, or 0 when there is none (ids start at 1). */
static int step_run(int64_t *out_id, struct ecg_db *db, sqlite3_stmt *stmt, struct ecg_diag *diag)
{
    int step = sqlite3_step(stmt);

    if (step != SQLITE_ROW)
        return ecg_db_fail(db, step, "cannot find the run to record the metrics for", diag);
    *out_id = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(stmt, 0);
    return 0;
}

static int find_run(int64_t *out, struct ecg_db *db, const struct run_key *key,
                    struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int64_t id = 0;
    int rc = ecg_db_prepare(&stmt, db,
                            "SELECT max(id) FROM runs WHERE ?1 IS NULL"
                            " OR (started_at = ?2 AND command_line = ?1)",
                            diag);

    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 1, key->command_line, diag);
    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, 2, key->started_at, diag);
    if (rc == 0)
        rc = step_run(&id, db, stmt, diag);
    sqlite3_finalize(stmt);
    if (rc == 0 && id == 0) {
        ecg_diag_set(diag, db->path, 0, 0, "cannot record the metrics: %s",
                     key->command_line == NULL ? "the history holds no run to attach them to"
                                               : "the run is not in the history");
        rc = ECG_EDB;
    }
    if (rc == 0)
        *out = id;
    return rc;
}

static int clear_run(struct ecg_db *db, int64_t run_id, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db, "DELETE FROM metrics WHERE run_id = ?1", diag);

    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, 1, run_id, diag);
    if (rc == 0)
        rc = ecg_db_step_done(db, stmt, "cannot replace the run's metrics", diag);
    sqlite3_finalize(stmt);
    return rc;
}

/* A real, or SQL NULL when it is not a finite number. */
static int bind_real(struct ecg_db *db, sqlite3_stmt *stmt, int index, double v,
                     struct ecg_diag *diag)
{
    int rc = isfinite(v) ? sqlite3_bind_double(stmt, index, v) : sqlite3_bind_null(stmt, index);

    if (rc != SQLITE_OK)
        return ecg_db_fail(db, rc, "cannot bind a value", diag);
    return 0;
}

/* Binds and inserts one row; the parameters are the metrics columns in order. */
static int insert_row(struct ecg_db *db, sqlite3_stmt *stmt, int64_t run_id,
                      const struct ecg_metrics_row *row, const char *root, struct ecg_diag *diag)
{
    int rc = ecg_db_bind_int64(db, stmt, 1, run_id, diag);

    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 2, ecg_metrics_summary_relative(row->path, root), diag);
    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 3, row->function, diag);
    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, 4, row->line, diag);
    for (int col = 0; rc == 0 && col < ECG_METRICS_N_COLS; col++) {
        double v = ecg_metrics_summary_value(row, (enum ecg_metrics_col)col);

        if (ecg_metrics_summary_col((enum ecg_metrics_col)col)->real)
            rc = bind_real(db, stmt, 5 + col, v, diag);
        else
            rc = ecg_db_bind_int64(db, stmt, 5 + col, (int64_t)v, diag);
    }
    if (rc == 0)
        rc = ecg_db_step_done(db, stmt, "cannot record the metrics", diag);
    sqlite3_reset(stmt);
    return rc;
}

static int insert_rows(struct ecg_db *db, int64_t run_id, const struct ecg_metrics_rows *rows,
                       const char *root, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db,
                            "INSERT INTO metrics (run_id, path, function, line, cyclomatic,"
                            " cognitive, maintainability, volume, lines, statements, parameters,"
                            " max_nesting) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                            " ?12)",
                            diag);

    for (size_t i = 0; rc == 0 && i < rows->len; i++)
        rc = insert_row(db, stmt, run_id, &rows->items[i], root, diag);
    sqlite3_finalize(stmt);
    return rc;
}

static int store(struct ecg_db *db, const struct ecg_metrics_rows *rows, const char *root,
                 const struct run_key *key, struct ecg_diag *diag)
{
    struct ecg_db_tx tx;
    int64_t run_id = 0;
    int rc = ecg_db_tx_begin(&tx, db, diag);

    if (rc != 0)
        return rc;
    rc = find_run(&run_id, db, key, diag);
    if (rc == 0)
        rc = clear_run(db, run_id, diag);
    if (rc == 0)
        rc = insert_rows(db, run_id, rows, root, diag);
    return ecg_db_tx_end(&tx, db, rc, diag);
}

int ecg_metrics_store(struct ecg_db *db, const struct ecg_metrics_rows *rows, const char *root,
                      struct ecg_diag *diag)
{
    const struct run_key newest = { 0, NULL };

    return store(db, rows, root, &newest, diag);
}

int ecg_metrics_store_run(struct ecg_db *db, const struct ecg_metrics_rows *rows, const char *root,
                          int64_t started_at, const char *command_line, struct ecg_diag *diag)
{
    const struct run_key key = { started_at, command_line };

    return store(db, rows, root, &key, diag);
}
