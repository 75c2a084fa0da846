/* Private to analyzer/db*.c and the database's unit test: the connection, the migration
 * runner (which takes its table as a parameter, so tests can add a version), and the
 * helpers that record an SQLite failure once, naming the database path. */
#ifndef ECG_ANALYZER_DB_INT_H
#define ECG_ANALYZER_DB_INT_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "analyzer/db.h"

struct ecg_diag;

/* PRAGMA application_id of every ecg database: "ECG1". */
#define ECG_DB_APPLICATION_ID 0x45434731

struct ecg_db {
    sqlite3 *conn; /* owned */
    char *path;    /* owned; as given to ecg_db_open, for diagnostics */
};

/* The migrations this ecg knows: entry i brings the schema from version i to i + 1, in
 * one transaction. Migration 1 creates the meta table the runner records versions in. */
const char *const *ecg_db_migrations(size_t *out_n);

/* ecg_db_open with an explicit migration table (n entries, schema versions 1..n). */
int ecg_db_open_schema(struct ecg_db **out, const char *path, int reset,
                       const char *const *migrations, size_t n, struct ecg_diag *diag);

/* Records "what: sqlite3_errmsg" for rc against the database path. Returns ECG_ENOMEM for
 * SQLITE_NOMEM, ECG_EDB otherwise. */
int ecg_db_fail(struct ecg_db *db, int rc, const char *what, struct ecg_diag *diag);

/* Prepares sql (one statement, static text). Returns 0 or as ecg_db_fail. */
int ecg_db_prepare(sqlite3_stmt **out, struct ecg_db *db, const char *sql, struct ecg_diag *diag);

/* Runs static sql (one or more statements, no rows wanted). Returns 0 or as ecg_db_fail. */
int ecg_db_exec(struct ecg_db *db, const char *sql, struct ecg_diag *diag);

/* Steps a statement that returns no rows. Returns 0 or as ecg_db_fail. */
int ecg_db_step_done(struct ecg_db *db, sqlite3_stmt *stmt, const char *what,
                     struct ecg_diag *diag);

/* Binds text (NULL binds SQL NULL), copied by SQLite. Returns 0 or as ecg_db_fail. */
int ecg_db_bind_text(struct ecg_db *db, sqlite3_stmt *stmt, int index, const char *text,
                     struct ecg_diag *diag);

/* Binds a 64-bit integer. Returns 0 or as ecg_db_fail. */
int ecg_db_bind_int64(struct ecg_db *db, sqlite3_stmt *stmt, int index, int64_t value,
                      struct ecg_diag *diag);

/* Copies text column col of the current row to *out (a NULL column reads as ""). Returns 0
 * or ECG_ENOMEM (recorded in diag). */
int ecg_db_column_dup(char **out, struct ecg_db *db, sqlite3_stmt *stmt, int col,
                      struct ecg_diag *diag);

/* An atomic unit of work that nests in a caller's ecg_db_begin: outside a transaction it
 * is BEGIN IMMEDIATE ... COMMIT, inside one a savepoint. */
struct ecg_db_tx {
    int nested; /* 1 when running as a savepoint inside the caller's transaction */
};

/* Starts the unit. Returns 0 or as ecg_db_fail. */
int ecg_db_tx_begin(struct ecg_db_tx *tx, struct ecg_db *db, struct ecg_diag *diag);

/* Ends the unit: commits when rc is 0, rolls back otherwise. Returns rc, or the commit's
 * error when rc was 0 and the commit failed (the work is then rolled back). */
int ecg_db_tx_end(struct ecg_db_tx *tx, struct ecg_db *db, int rc, struct ecg_diag *diag);

#endif
