/* The results database (SQLite; default .ecg/ecg.db): the incremental cache, the baseline
 * and the run history. Versioned schema with migrations, WAL journal and a busy timeout,
 * so several ecg processes can share one file. Used from one thread at a time. */
#ifndef ECG_ANALYZER_DB_H
#define ECG_ANALYZER_DB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ecg_diag;
struct ecg_db;

#define ECG_DB_DEFAULT_PATH ".ecg/ecg.db"

/* Opens the database at path, creating it (and its directory) when missing, and brings
 * its schema up to date. With reset, an existing file at path (and its -wal and -shm
 * files) is removed first. Errors, with the detail in diag:
 *  - ECG_EDB: the file is not an SQLite database, is another program's database (its
 *    application_id or tables are not ecg's), is corrupt, or has a schema newer than
 *    this ecg knows; the message says to use --reset-db;
 *  - ECG_EIO: the database cannot be created or written (a read-only directory, no
 *    permission): callers warn and run without it;
 *  - ECG_ENOMEM. */
int ecg_db_open(struct ecg_db **out, const char *path, int reset, struct ecg_diag *diag);

/* Closes the database; NULL is a no-op. */
void ecg_db_close(struct ecg_db *db);

/* The schema version the database is at (PRAGMA user_version); ECG_EDB when it cannot be
 * read. */
int ecg_db_schema_version(struct ecg_db *db);

/* Runs PRAGMA integrity_check; returns 0 when it reports "ok", ECG_EDB otherwise. */
int ecg_db_check_integrity(struct ecg_db *db, struct ecg_diag *diag);

/* Groups writes in one transaction (BEGIN IMMEDIATE ... COMMIT). Errors: ECG_EDB; a commit
 * that fails rolls the transaction back. The write functions below join a transaction that
 * is open, and otherwise run in one of their own. */
int ecg_db_begin(struct ecg_db *db, struct ecg_diag *diag);
int ecg_db_commit(struct ecg_db *db, struct ecg_diag *diag);
void ecg_db_rollback(struct ecg_db *db);

/* --- incremental cache ---------------------------------------------------------------
 * An entry belongs to a manifest key (hash of ecg version, rule configuration, compile
 * arguments and the unit's path) and records the files the unit read with their content
 * hashes (deps) and the unit's findings, both as JSON text the caller defines. A lookup
 * returns every entry of the key, newest first; the caller checks the deps. */
struct ecg_db_cache_entry {
    char *deps;     /* owned JSON text */
    char *findings; /* owned JSON text */
};

int ecg_db_cache_find(struct ecg_db *db, const char *manifest_key, struct ecg_db_cache_entry **out,
                      size_t *out_n, struct ecg_diag *diag);

void ecg_db_cache_entries_free(struct ecg_db_cache_entry *entries, size_t n);

/* Stores an entry; an entry with the same manifest and deps key is replaced, and only the
 * ECG_DB_CACHE_KEEP newest entries of a manifest key are kept. */
#define ECG_DB_CACHE_KEEP 4
int ecg_db_cache_store(struct ecg_db *db, const char *manifest_key, const char *deps_key,
                       const char *deps, const char *findings, struct ecg_diag *diag);

/* Removes every cache entry (ecg check --no-cache keeps the database but not the cache). */
int ecg_db_cache_clear(struct ecg_db *db, struct ecg_diag *diag);

/* --- baseline ------------------------------------------------------------------------ */
struct ecg_db_baseline_entry {
    char fingerprint[17];
    char *rule_id; /* owned */
    char *path;    /* owned; relative to the project root */
    unsigned line, col, end_line, end_col;
    int level;     /* enum ecg_level */
    char *message; /* owned */
};

/* Replaces the saved baseline by entries (in one transaction). A fingerprint that repeats
 * is saved once, as the baseline matches findings by fingerprint. */
int ecg_db_baseline_replace(struct ecg_db *db, const struct ecg_db_baseline_entry *entries,
                            size_t n, struct ecg_diag *diag);

/* Loads the saved baseline, sorted by fingerprint. *out_saved is 0 when no baseline was
 * ever saved (then *out is NULL and *out_n 0). */
int ecg_db_baseline_load(struct ecg_db *db, struct ecg_db_baseline_entry **out, size_t *out_n,
                         int *out_saved, struct ecg_diag *diag);

void ecg_db_baseline_free(struct ecg_db_baseline_entry *entries, size_t n);

/* --- history ------------------------------------------------------------------------- */
struct ecg_db_rule_count {
    const char *rule_id;
    int level; /* enum ecg_level */
    size_t count;
};

struct ecg_db_run {
    int64_t started_at; /* Unix seconds, UTC */
    int64_t finished_at;
    const char *git_commit; /* NULL outside a git repository */
    const char *command_line;
    size_t units, units_failed, units_cached;
    size_t findings, suppressed, failing, new_findings;
    const struct ecg_db_rule_count *counts; /* per rule and level */
    size_t n_counts;
};

/* Records a run and its per-rule counts. */
int ecg_db_history_add(struct ecg_db *db, const struct ecg_db_run *run, struct ecg_diag *diag);

/* Prints the last limit runs (0: all), newest first, as an aligned table: id, time (UTC,
 * ISO 8601), commit (12 characters), units (cached), findings, suppressed, failing, and the
 * counts per rule. */
int ecg_db_history_print(struct ecg_db *db, FILE *out, size_t limit, struct ecg_diag *diag);

#endif
