/* The results database: opening (is the file ecg's, WAL journal, pragmas), the migration
 * runner, transactions and the helpers db_cache.c, db_baseline.c and db_history.c share.
 * Invariant: a file with ecg's application_id holds every migration up to its user_version,
 * because each migration commits together with the user_version it reaches. */
#include "analyzer/db.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/build_config.h"
#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"

/* How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
#define DB_BUSY_TIMEOUT_MS 10000

/* How long to pause between attempts where SQLite cannot wait by itself. */
#define DB_RETRY_MS 5

static const char migration_v1[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
    "CREATE TABLE cache (manifest_key TEXT NOT NULL, deps_key TEXT NOT NULL,"
    " deps TEXT NOT NULL, findings TEXT NOT NULL, created_at INTEGER NOT NULL,"
    " PRIMARY KEY (manifest_key, deps_key));"
    "CREATE INDEX cache_by_age ON cache (manifest_key, created_at);"
    "CREATE TABLE baseline (fingerprint TEXT PRIMARY KEY NOT NULL, rule_id TEXT NOT NULL,"
    " path TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,"
    " end_line INTEGER NOT NULL, end_col INTEGER NOT NULL, level INTEGER NOT NULL,"
    " message TEXT NOT NULL);"
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL,"
    " finished_at INTEGER NOT NULL, git_commit TEXT, command_line TEXT NOT NULL,"
    " units INTEGER NOT NULL, units_failed INTEGER NOT NULL, units_cached INTEGER NOT NULL,"
    " findings INTEGER NOT NULL, suppressed INTEGER NOT NULL, failing INTEGER NOT NULL,"
    " new_findings INTEGER NOT NULL);"
    "CREATE TABLE run_counts (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " rule_id TEXT NOT NULL, level INTEGER NOT NULL, count INTEGER NOT NULL);"
    "CREATE INDEX run_counts_by_run ON run_counts (run_id);";

/* Metrics snapshots (ecg metrics): one row per function, tied to the history run. */
static const char migration_v2[] =
    "CREATE TABLE metrics (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " path TEXT NOT NULL, function TEXT NOT NULL, line INTEGER NOT NULL,"
    " cyclomatic INTEGER NOT NULL, cognitive INTEGER NOT NULL, maintainability REAL,"
    " volume REAL, lines INTEGER NOT NULL, statements INTEGER NOT NULL,"
    " parameters INTEGER NOT NULL, max_nesting INTEGER NOT NULL);"
    "CREATE INDEX metrics_by_run ON metrics (run_id);"
    "CREATE INDEX metrics_by_function ON metrics (path, function, run_id);";

/* Schema versions 1..N, in order; a new version is one more line here, never an edit. */
static const char *const db_migrations[] = {
    migration_v1,
    migration_v2,
};

/* Suffixes of the files SQLite keeps beside the database; --reset-db removes them too. */
static const char *const db_side_files[] = { "", "-wal", "-shm", "-journal" };

const char *const *ecg_db_migrations(size_t *out_n)
{
    *out_n = sizeof(db_migrations) / sizeof(db_migrations[0]);
    return db_migrations;
}

int ecg_db_fail(struct ecg_db *db, int rc, const char *what, struct ecg_diag *diag)
{
    const char *detail = sqlite3_errmsg(db->conn);

    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        ecg_diag_set(diag, db->path, 0, 0, "%s: out of memory", what);
        return ECG_ENOMEM;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        ecg_diag_set(diag, db->path, 0, 0,
                     "%s: %s; the results database is damaged, use --reset-db to start over", what,
                     detail);
        return ECG_EDB;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        ecg_diag_set(diag, db->path, 0, 0,
                     "%s: another process kept the results database locked for %d s", what,
                     DB_BUSY_TIMEOUT_MS / 1000);
        return ECG_EDB;
    default:
        ecg_diag_set(diag, db->path, 0, 0, "%s: %s", what, detail);
        return ECG_EDB;
    }
}

/* As ecg_db_fail, but while opening, where a file that cannot be created or written is
 * ECG_EIO (the caller runs without a database) and a damaged one is explained. */
static int open_fail(struct ecg_db *db, int rc, const char *what, struct ecg_diag *diag)
{
    const char *detail = sqlite3_errmsg(db->conn);

    switch (rc & 0xff) {
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_AUTH:
        ecg_diag_set(diag, db->path, 0, 0, "cannot create or write the results database (%s: %s)",
                     what, detail);
        return ECG_EIO;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        ecg_diag_set(diag, db->path, 0, 0,
                     "not an ecg results database, or a damaged one (%s); "
                     "use --reset-db to start over with a new one",
                     detail);
        return ECG_EDB;
    default:
        return ecg_db_fail(db, rc, what, diag);
    }
}

int ecg_db_prepare(sqlite3_stmt **out, struct ecg_db *db, const char *sql, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);

    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return ecg_db_fail(db, rc, "cannot prepare a statement", diag);
    }
    *out = stmt;
    return 0;
}

int ecg_db_exec(struct ecg_db *db, const char *sql, struct ecg_diag *diag)
{
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);

    if (rc != SQLITE_OK)
        return ecg_db_fail(db, rc, sql, diag);
    return 0;
}

int ecg_db_step_done(struct ecg_db *db, sqlite3_stmt *stmt, const char *what, struct ecg_diag *diag)
{
    int rc = sqlite3_step(stmt);

    if (rc == SQLITE_DONE)
        return 0;
    if (rc == SQLITE_ROW) {
        ecg_diag_set(diag, db->path, 0, 0, "%s: unexpected row", what);
        return ECG_EDB;
    }
    return ecg_db_fail(db, rc, what, diag);
}

int ecg_db_bind_text(struct ecg_db *db, sqlite3_stmt *stmt, int index, const char *text,
                     struct ecg_diag *diag)
{
    int rc;

    if (text == NULL)
        rc = sqlite3_bind_null(stmt, index);
    else
        rc = sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        return ecg_db_fail(db, rc, "cannot bind a value", diag);
    return 0;
}

int ecg_db_bind_int64(struct ecg_db *db, sqlite3_stmt *stmt, int index, int64_t value,
                      struct ecg_diag *diag)
{
    int rc = sqlite3_bind_int64(stmt, index, (sqlite3_int64)value);

    if (rc != SQLITE_OK)
        return ecg_db_fail(db, rc, "cannot bind a value", diag);
    return 0;
}

int ecg_db_column_dup(char **out, struct ecg_db *db, sqlite3_stmt *stmt, int col,
                      struct ecg_diag *diag)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    size_t len = (size_t)sqlite3_column_bytes(stmt, col);
    char *copy;

    if (text == NULL && sqlite3_errcode(db->conn) == SQLITE_NOMEM)
        return ecg_db_fail(db, SQLITE_NOMEM, "cannot read a column", diag);
    copy = malloc(len + 1);
    if (copy == NULL) {
        ecg_diag_set(diag, db->path, 0, 0, "cannot read a column: out of memory");
        return ECG_ENOMEM;
    }
    if (text != NULL)
        memcpy(copy, text, len);
    copy[len] = '\0';
    *out = copy;
    return 0;
}

/* Prepares sql and steps to its first row, into *out for the caller to end with finish_row.
 * Returns SQLITE_ROW, or an SQLite result code (SQLITE_MISUSE when sql returns no row) with
 * nothing left to finalize. */
static int first_row(sqlite3_stmt **out, sqlite3 *conn, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return rc == SQLITE_DONE ? SQLITE_MISUSE : rc;
    }
    *out = stmt;
    return SQLITE_ROW;
}

/* Finalizes a statement from first_row. Returns SQLITE_OK or the finalize error. */
static int finish_row(sqlite3 *conn, sqlite3_stmt *stmt)
{
    return sqlite3_finalize(stmt) == SQLITE_OK ? SQLITE_OK : sqlite3_errcode(conn);
}

/* Runs sql, which returns one row, and reads its first column as an integer. Returns an
 * SQLite result code. */
static int query_int(int64_t *out, sqlite3 *conn, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int rc = first_row(&stmt, conn, sql);

    if (rc != SQLITE_ROW)
        return rc;
    *out = (int64_t)sqlite3_column_int64(stmt, 0);
    return finish_row(conn, stmt);
}

/* Runs sql, which returns one row, and compares its first column with expect, ignoring
 * case. *out_same is 1 when they match; the value found is copied to found. Returns an
 * SQLite result code. */
static int query_text_is(int *out_same, char *found, size_t size, sqlite3 *conn, const char *sql,
                         const char *expect)
{
    sqlite3_stmt *stmt = NULL;
    int rc = first_row(&stmt, conn, sql);
    const unsigned char *text;

    if (rc != SQLITE_ROW)
        return rc;
    text = sqlite3_column_text(stmt, 0);
    snprintf(found, size, "%s", text != NULL ? (const char *)text : "");
    *out_same = strcasecmp(found, expect) == 0;
    return finish_row(conn, stmt);
}

/* Removes the database and the files beside it, for --reset-db. Missing files are fine. */
static int remove_files(const char *path, struct ecg_diag *diag)
{
    size_t len = strlen(path);

    for (size_t i = 0; i < sizeof(db_side_files) / sizeof(db_side_files[0]); i++) {
        size_t size = len + strlen(db_side_files[i]) + 1;
        char *name = malloc(size);
        int failed;

        if (name == NULL) {
            ecg_diag_set(diag, path, 0, 0, "cannot reset the results database: out of memory");
            return ECG_ENOMEM;
        }
        snprintf(name, size, "%s%s", path, db_side_files[i]);
        failed = unlink(name) != 0 && errno != ENOENT;
        if (failed)
            ecg_diag_set(diag, name, 0, 0, "cannot remove it to reset the database: %s",
                         strerror(errno));
        free(name);
        if (failed)
            return ECG_EIO;
    }
    return 0;
}

/* Creates dir, which has no trailing '/', as mkdir -p does; dir is modified and restored. */
static int make_dirs(char *dir, struct ecg_diag *diag)
{
    struct stat st;

    if (dir[0] == '\0' || stat(dir, &st) == 0)
        return 0;
    for (char *slash = strchr(dir + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            ecg_diag_set(diag, dir, 0, 0, "cannot create the directory: %s", strerror(errno));
            *slash = '/';
            return ECG_EIO;
        }
        *slash = '/';
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        ecg_diag_set(diag, dir, 0, 0, "cannot create the directory: %s", strerror(errno));
        return ECG_EIO;
    }
    return 0;
}

/* Creates the directory that holds path when it is missing. */
static int make_parent_dirs(const char *path, struct ecg_diag *diag)
{
    char *dir = strdup(path);
    char *slash;
    int rc = 0;

    if (dir == NULL) {
        ecg_diag_set(diag, path, 0, 0, "cannot open the results database: out of memory");
        return ECG_ENOMEM;
    }
    slash = strrchr(dir, '/');
    if (slash != NULL) {
        /* A doubled slash (a//b.db) names the same directory. */
        while (slash > dir && slash[-1] == '/')
            slash--;
        *slash = '\0';
        rc = make_dirs(dir, diag);
    }
    free(dir);
    return rc;
}

/* Allocates the handle and opens the connection (which SQLite does lazily: the file's
 * contents are first read by identify). */
static int db_connect(struct ecg_db **out, const char *path, struct ecg_diag *diag)
{
    struct ecg_db *db = calloc(1, sizeof(*db));
    int rc;

    if (db != NULL)
        db->path = strdup(path);
    if (db == NULL || db->path == NULL) {
        free(db);
        ecg_diag_set(diag, path, 0, 0, "cannot open the results database: out of memory");
        return ECG_ENOMEM;
    }
    rc = sqlite3_open_v2(path, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(db->conn, DB_BUSY_TIMEOUT_MS);
    if (rc != SQLITE_OK) {
        rc = open_fail(db, rc, "cannot open", diag);
    } else if (sqlite3_db_readonly(db->conn, "main") == 1) {
        /* SQLite falls back to reading a file it may not write. */
        ecg_diag_set(diag, db->path, 0, 0,
                     "cannot write the results database: no permission to write the file");
        rc = ECG_EIO;
    }
    if (rc != 0) {
        ecg_db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

/* Judges what identify read: ecg's file with a schema this ecg knows (at most n_known), a
 * new empty file, or something to refuse. */
static int judge_identity(struct ecg_db *db, int64_t app_id, int64_t version, int64_t n_objects,
                          size_t n_known, struct ecg_diag *diag)
{
    int is_new = app_id == 0 && version == 0 && n_objects == 0;

    if (app_id == ECG_DB_APPLICATION_ID && version > (int64_t)n_known) {
        ecg_diag_set(diag, db->path, 0, 0,
                     "the results database was created by a newer ecg (schema version %lld, "
                     "this ecg knows up to %zu); upgrade ecg, or use --reset-db to start over",
                     (long long)version, n_known);
        return ECG_EDB;
    }
    if (app_id == ECG_DB_APPLICATION_ID || is_new)
        return 0;
    if (app_id != 0)
        ecg_diag_set(diag, db->path, 0, 0,
                     "not an ecg results database: another program's database (its "
                     "application_id is 0x%08llx); use --reset-db to start over with a new one",
                     (unsigned long long)(uint32_t)app_id);
    else
        ecg_diag_set(diag, db->path, 0, 0,
                     "not an ecg results database: another program's database (it has tables "
                     "but no ecg schema); use --reset-db to start over with a new one");
    return ECG_EDB;
}

/* Fails unless the file is ecg's (or new and empty) and its schema is one this ecg knows
 * (at most n_known). Nothing is written, so another program's file is left alone. */
static int identify(struct ecg_db *db, size_t n_known, struct ecg_diag *diag)
{
    /* One statement, so one snapshot: another process may be creating the schema. */
    static const char sql[] = "SELECT (SELECT application_id FROM pragma_application_id),"
                              " (SELECT user_version FROM pragma_user_version),"
                              " (SELECT count(*) FROM sqlite_master)";
    int64_t values[3] = { 0, 0, 0 };
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    for (int i = 0; rc == SQLITE_ROW && i < 3; i++)
        values[i] = (int64_t)sqlite3_column_int64(stmt, i);
    if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
    if (sqlite3_finalize(stmt) != SQLITE_OK && rc == SQLITE_OK)
        rc = sqlite3_errcode(db->conn);
    if (rc != SQLITE_OK)
        return open_fail(db, rc, "cannot read the database header", diag);
    return judge_identity(db, values[0], values[1], values[2], n_known, diag);
}

/* Sets the WAL journal; *out_is_wal says whether the file is in WAL mode then. Switching
 * upgrades the pragma's own read lock, for which SQLite does not call the busy handler (that
 * could deadlock), so a busy switch is retried here for as long as the handler would wait.
 * It only happens while another process is creating the file: later the switch is a no-op.
 * Returns an SQLite result code. */
static int switch_to_wal(int *out_is_wal, char *mode, size_t size, sqlite3 *conn)
{
    int rc = query_text_is(out_is_wal, mode, size, conn, "PRAGMA journal_mode = WAL", "wal");

    for (int waited = 0; (rc & 0xff) == SQLITE_BUSY && waited < DB_BUSY_TIMEOUT_MS;
         waited += DB_RETRY_MS) {
        sqlite3_sleep(DB_RETRY_MS);
        rc = query_text_is(out_is_wal, mode, size, conn, "PRAGMA journal_mode = WAL", "wal");
    }
    return rc;
}

/* WAL lets readers and one writer from several processes work at once; NORMAL sync is
 * durable against process crashes, which is what a cache and history need. */
static int configure(struct ecg_db *db, struct ecg_diag *diag)
{
    char mode[32];
    int is_wal = 0;
    int rc;

    rc = switch_to_wal(&is_wal, mode, sizeof(mode), db->conn);
    if (rc != SQLITE_OK)
        return open_fail(db, rc, "cannot switch to the WAL journal", diag);
    if (!is_wal) {
        ecg_diag_set(diag, db->path, 0, 0,
                     "cannot switch the results database to the WAL journal (it stays in '%s' "
                     "mode); is it on a file system without shared memory support?",
                     mode);
        return ECG_EDB;
    }
    rc = sqlite3_exec(db->conn, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", NULL,
                      NULL, NULL);
    if (rc != SQLITE_OK)
        return open_fail(db, rc, "cannot configure the connection", diag);
    return 0;
}

/* Inside the migration's transaction: the schema, the version it reaches, ecg's
 * application_id and the version of ecg that created the file. Returns an SQLite
 * result code. */
static int apply_migration(struct ecg_db *db, const char *sql, size_t version)
{
    char pragmas[96];
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);

    /* Both values are ours, not data: PRAGMA takes no bound parameters. */
    snprintf(pragmas, sizeof(pragmas), "PRAGMA user_version = %zu; PRAGMA application_id = %d;",
             version, ECG_DB_APPLICATION_ID);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db->conn, pragmas, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->conn,
                                "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', ?1)",
                                -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(stmt, 1, "ecg " ECG_VERSION, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    if (sqlite3_finalize(stmt) != SQLITE_OK && rc == SQLITE_OK)
        rc = sqlite3_errcode(db->conn);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);
    return rc;
}

/* Brings the schema to version, in one transaction. Another process may have done it since
 * this one looked, so the version is read again under the write lock. */
static int migrate_to(struct ecg_db *db, const char *sql, size_t version, struct ecg_diag *diag)
{
    char what[64];
    int64_t current = 0;
    int rc = sqlite3_exec(db->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);

    snprintf(what, sizeof(what), "cannot migrate to schema version %zu", version);
    if (rc != SQLITE_OK)
        return open_fail(db, rc, what, diag);
    rc = query_int(&current, db->conn, "PRAGMA user_version");
    if (rc == SQLITE_OK && current >= (int64_t)version)
        rc = sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);
    else if (rc == SQLITE_OK)
        rc = apply_migration(db, sql, version);
    if (rc == SQLITE_OK)
        return 0;
    rc = open_fail(db, rc, what, diag);
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Applies the migrations the file lacks, each in its own transaction. */
static int migrate(struct ecg_db *db, const char *const *migrations, size_t n,
                   struct ecg_diag *diag)
{
    int64_t version = 0;
    int rc = query_int(&version, db->conn, "PRAGMA user_version");

    if (rc != SQLITE_OK)
        return open_fail(db, rc, "cannot read the schema version", diag);
    for (size_t v = version > 0 ? (size_t)version : 0; v < n; v++) {
        int err = migrate_to(db, migrations[v], v + 1, diag);

        if (err != 0)
            return err;
    }
    return 0;
}

/* Everything before SQLite reads the file: the path, --reset-db, the directory and the
 * connection. */
static int prepare_file(struct ecg_db **out, const char *path, int reset, struct ecg_diag *diag)
{
    size_t len = strlen(path);
    int rc;

    /* SQLite would open "" as a temporary database, and "dir/" is no file name. */
    if (len == 0 || path[len - 1] == '/') {
        ecg_diag_set(diag, path, 0, 0, "the results database path must name a file");
        return ECG_EIO;
    }
    rc = reset ? remove_files(path, diag) : 0;
    if (rc == 0)
        rc = make_parent_dirs(path, diag);
    if (rc == 0)
        rc = db_connect(out, path, diag);
    return rc;
}

int ecg_db_open_schema(struct ecg_db **out, const char *path, int reset,
                       const char *const *migrations, size_t n, struct ecg_diag *diag)
{
    struct ecg_db *db = NULL;
    int rc = prepare_file(&db, path, reset, diag);

    if (rc != 0)
        return rc;
    rc = identify(db, n, diag);
    if (rc == 0)
        rc = configure(db, diag);
    if (rc == 0)
        rc = migrate(db, migrations, n, diag);
    if (rc != 0) {
        ecg_db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

int ecg_db_open(struct ecg_db **out, const char *path, int reset, struct ecg_diag *diag)
{
    size_t n = 0;
    const char *const *migrations = ecg_db_migrations(&n);

    return ecg_db_open_schema(out, path, reset, migrations, n, diag);
}

void ecg_db_close(struct ecg_db *db)
{
    int rc;

    if (db == NULL)
        return;
    /* Every statement is finalized where it is prepared, so closing cannot be busy. */
    rc = sqlite3_close(db->conn);
    assert(rc == SQLITE_OK);
    (void)rc;
    free(db->path);
    free(db);
}

int ecg_db_schema_version(struct ecg_db *db)
{
    int64_t version = 0;

    if (query_int(&version, db->conn, "PRAGMA user_version") != SQLITE_OK)
        return ECG_EDB;
    return (int)version;
}

int ecg_db_check_integrity(struct ecg_db *db, struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db, "PRAGMA integrity_check", diag);
    int step;

    if (rc != 0)
        return rc;
    step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(stmt, 0);

        if (text == NULL || strcmp((const char *)text, "ok") != 0) {
            ecg_diag_set(diag, db->path, 0, 0,
                         "the integrity check failed: %s; use --reset-db to start over",
                         text != NULL ? (const char *)text : "(no detail)");
            rc = ECG_EDB;
        }
    } else {
        rc = ecg_db_fail(db, step, "cannot check the integrity", diag);
    }
    sqlite3_finalize(stmt);
    return rc;
}

int ecg_db_begin(struct ecg_db *db, struct ecg_diag *diag)
{
    return ecg_db_exec(db, "BEGIN IMMEDIATE", diag);
}

int ecg_db_commit(struct ecg_db *db, struct ecg_diag *diag)
{
    int rc = ecg_db_exec(db, "COMMIT", diag);

    if (rc != 0)
        ecg_db_rollback(db);
    return rc;
}

void ecg_db_rollback(struct ecg_db *db)
{
    /* Some errors end the transaction themselves; there is nothing left to undo then. */
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

int ecg_db_tx_begin(struct ecg_db_tx *tx, struct ecg_db *db, struct ecg_diag *diag)
{
    tx->nested = !sqlite3_get_autocommit(db->conn);
    return ecg_db_exec(db, tx->nested ? "SAVEPOINT ecg_tx" : "BEGIN IMMEDIATE", diag);
}

int ecg_db_tx_end(struct ecg_db_tx *tx, struct ecg_db *db, int rc, struct ecg_diag *diag)
{
    if (rc == 0) {
        rc = ecg_db_exec(db, tx->nested ? "RELEASE ecg_tx" : "COMMIT", diag);
        if (rc == 0)
            return 0;
    }
    if (tx->nested)
        sqlite3_exec(db->conn, "ROLLBACK TO ecg_tx; RELEASE ecg_tx", NULL, NULL, NULL);
    else
        ecg_db_rollback(db);
    return rc;
}
