/* The run history of the results database (see db.h): one row per ecg check run with its
 * per-rule counts, added in one transaction, and printed newest first (by id, the order
 * runs were recorded in) as a table whose columns are as wide as their widest cell. */
#include "analyzer/db.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"

enum hist_col {
    COL_ID,
    COL_TIME,
    COL_COMMIT,
    COL_UNITS,
    COL_FINDINGS,
    COL_SUPPRESSED,
    COL_FAILING,
    N_COLS
};

static const char *const col_titles[N_COLS] = {
    "id", "time (UTC)", "commit", "units (cached)", "findings", "suppressed", "failing",
};

/* Numbers align right, text left. */
static const int col_right[N_COLS] = { 1, 0, 0, 1, 1, 1, 1 };

/* One printed run. */
struct hist_row {
    char cells[N_COLS][48];
    char *rules; /* owned; "rule: count, ..." or "" */
};

struct hist_rows {
    struct hist_row *items;
    size_t len;
    size_t cap;
};

/* Binds run's fields to the parameters of the runs INSERT. */
static int bind_run(struct ecg_db *db, sqlite3_stmt *stmt, const struct ecg_db_run *run,
                    struct ecg_diag *diag)
{
    const size_t counts[] = { run->units,      run->units_failed, run->units_cached, run->findings,
                              run->suppressed, run->failing,      run->new_findings };
    int rc = ecg_db_bind_int64(db, stmt, 1, run->started_at, diag);

    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, 2, run->finished_at, diag);
    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 3, run->git_commit, diag);
    if (rc == 0)
        rc =
            ecg_db_bind_text(db, stmt, 4, run->command_line != NULL ? run->command_line : "", diag);
    for (int i = 0; rc == 0 && i < (int)(sizeof(counts) / sizeof(counts[0])); i++)
        rc = ecg_db_bind_int64(db, stmt, 5 + i, (int64_t)counts[i], diag);
    return rc;
}

static int insert_run(int64_t *out_id, struct ecg_db *db, const struct ecg_db_run *run,
                      struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db,
                            "INSERT INTO runs (started_at, finished_at, git_commit, command_line,"
                            " units, units_failed, units_cached, findings, suppressed, failing,"
                            " new_findings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                            diag);

    if (rc == 0)
        rc = bind_run(db, stmt, run, diag);
    if (rc == 0)
        rc = ecg_db_step_done(db, stmt, "cannot record the run", diag);
    if (rc == 0)
        *out_id = (int64_t)sqlite3_last_insert_rowid(db->conn);
    sqlite3_finalize(stmt);
    return rc;
}

static int insert_count(struct ecg_db *db, sqlite3_stmt *stmt, int64_t run_id,
                        const struct ecg_db_rule_count *c, struct ecg_diag *diag)
{
    int rc = ecg_db_bind_int64(db, stmt, 1, run_id, diag);

    if (rc == 0)
        rc = ecg_db_bind_text(db, stmt, 2, c->rule_id, diag);
    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, 3, c->level, diag);
    if (rc == 0)
        rc = ecg_db_bind_int64(db, stmt, 4, (int64_t)c->count, diag);
    if (rc == 0)
        rc = ecg_db_step_done(db, stmt, "cannot record the run's counts", diag);
    sqlite3_reset(stmt);
    return rc;
}

static int insert_counts(struct ecg_db *db, int64_t run_id, const struct ecg_db_run *run,
                         struct ecg_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    int rc = ecg_db_prepare(&stmt, db,
                            "INSERT INTO run_counts (run_id, rule_id, level, count)"
                            " VALUES (?1, ?2, ?3, ?4)",
                            diag);

    for (size_t i = 0; rc == 0 && i < run->n_counts; i++)
        rc = insert_count(db, stmt, run_id, &run->counts[i], diag);
    sqlite3_finalize(stmt);
    return rc;
}

int ecg_db_history_add(struct ecg_db *db, const struct ecg_db_run *run, struct ecg_diag *diag)
{
    struct ecg_db_tx tx;
    int64_t run_id = 0;
    int rc = ecg_db_tx_begin(&tx, db, diag);

    if (rc != 0)
        return rc;
    rc = insert_run(&run_id, db, run, diag);
    if (rc == 0)
        rc = insert_counts(db, run_id, run, diag);
    return ecg_db_tx_end(&tx, db, rc, diag);
}

/* Appends "rule: count" of the current row of counts to *text, which holds len bytes. */
static int append_rule(char **text, size_t *len, struct ecg_db *db, sqlite3_stmt *counts,
                       struct ecg_diag *diag)
{
    const unsigned char *col = sqlite3_column_text(counts, 0);
    const char *rule = col != NULL ? (const char *)col : "?";
    const char *sep = *len > 0 ? ", " : "";
    long long n = (long long)sqlite3_column_int64(counts, 1);
    int need = snprintf(NULL, 0, "%s%s: %lld", sep, rule, n);
    char *grown = need >= 0 ? realloc(*text, *len + (size_t)need + 1) : NULL;

    if (grown == NULL) {
        ecg_diag_set(diag, db->path, 0, 0, "cannot read the history: out of memory");
        return ECG_ENOMEM;
    }
    snprintf(grown + *len, (size_t)need + 1, "%s%s: %lld", sep, rule, n);
    *text = grown;
    *len += (size_t)need;
    return 0;
}

/* Builds the rules cell of run_id with counts, a prepared per-run count query. */
static int rules_cell(char **out, struct ecg_db *db, sqlite3_stmt *counts, int64_t run_id,
                      struct ecg_diag *diag)
{
    char *text = calloc(1, 1);
    size_t len = 0;
    int rc = ecg_db_bind_int64(db, counts, 1, run_id, diag);
    int step = SQLITE_ROW;

    if (text == NULL) {
        ecg_diag_set(diag, db->path, 0, 0, "cannot read the history: out of memory");
        rc = ECG_ENOMEM;
    }
    while (rc == 0 && step == SQLITE_ROW) {
        step = sqlite3_step(counts);
        if (step == SQLITE_ROW)
            rc = append_rule(&text, &len, db, counts, diag);
        else if (step != SQLITE_DONE)
            rc = ecg_db_fail(db, step, "cannot read the history", diag);
    }
    sqlite3_reset(counts);
    if (rc != 0) {
        free(text);
        return rc;
    }
    *out = text;
    return 0;
}

/* Formats the cells of the current row of runs (id, started_at, git_commit, units,
 * units_cached, findings, suppressed, failing). */
static void fill_cells(struct hist_row *row, sqlite3_stmt *runs)
{
    time_t started = (time_t)sqlite3_column_int64(runs, 1);
    const unsigned char *commit = sqlite3_column_text(runs, 2);
    struct tm tm;

    snprintf(row->cells[COL_ID], sizeof(row->cells[0]), "%lld",
             (long long)sqlite3_column_int64(runs, 0));
    if (gmtime_r(&started, &tm) == NULL ||
        strftime(row->cells[COL_TIME], sizeof(row->cells[0]), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(row->cells[COL_TIME], sizeof(row->cells[0]), "?");
    snprintf(row->cells[COL_COMMIT], sizeof(row->cells[0]), "%.12s",
             commit != NULL ? (const char *)commit : "-");
    snprintf(row->cells[COL_UNITS], sizeof(row->cells[0]), "%lld (%lld)",
             (long long)sqlite3_column_int64(runs, 3), (long long)sqlite3_column_int64(runs, 4));
    for (int col = COL_FINDINGS; col <= COL_FAILING; col++)
        snprintf(row->cells[col], sizeof(row->cells[0]), "%lld",
                 (long long)sqlite3_column_int64(runs, col + 1));
}

/* Appends the current row of runs to rows. */
static int push_row(struct hist_rows *rows, struct ecg_db *db, sqlite3_stmt *runs,
                    sqlite3_stmt *counts, struct ecg_diag *diag)
{
    struct hist_row *row;
    int rc;

    if (rows->len == rows->cap) {
        size_t cap = rows->cap != 0 ? rows->cap * 2 : 16;
        struct hist_row *grown = realloc(rows->items, cap * sizeof(*grown));

        if (grown == NULL) {
            ecg_diag_set(diag, db->path, 0, 0, "cannot read the history: out of memory");
            return ECG_ENOMEM;
        }
        rows->items = grown;
        rows->cap = cap;
    }
    row = &rows->items[rows->len];
    fill_cells(row, runs);
    rc = rules_cell(&row->rules, db, counts, sqlite3_column_int64(runs, 0), diag);
    if (rc == 0)
        rows->len++;
    return rc;
}

static void rows_free(struct hist_rows *rows)
{
    for (size_t i = 0; i < rows->len; i++)
        free(rows->items[i].rules);
    free(rows->items);
}

/* Reads the newest limit runs (0: all) into rows. */
static int load_rows(struct hist_rows *rows, struct ecg_db *db, size_t limit, struct ecg_diag *diag)
{
    sqlite3_stmt *runs = NULL;
    sqlite3_stmt *counts = NULL;
    int rc = ecg_db_prepare(&runs, db,
                            "SELECT id, started_at, git_commit, units, units_cached, findings,"
                            " suppressed, failing FROM runs ORDER BY id DESC LIMIT ?1",
                            diag);
    int step = SQLITE_ROW;

    if (rc == 0)
        rc = ecg_db_prepare(&counts, db,
                            "SELECT rule_id, sum(count) AS n FROM run_counts WHERE run_id = ?1"
                            " GROUP BY rule_id ORDER BY n DESC, rule_id",
                            diag);
    if (rc == 0)
        rc = ecg_db_bind_int64(db, runs, 1, limit == 0 ? -1 : (int64_t)limit, diag);
    while (rc == 0 && step == SQLITE_ROW) {
        step = sqlite3_step(runs);
        if (step == SQLITE_ROW)
            rc = push_row(rows, db, runs, counts, diag);
        else if (step != SQLITE_DONE)
            rc = ecg_db_fail(db, step, "cannot read the history", diag);
    }
    sqlite3_finalize(counts);
    sqlite3_finalize(runs);
    return rc;
}

static void print_cell(FILE *out, const char *text, size_t width, int right)
{
    if (right)
        fprintf(out, "%*s", (int)width, text);
    else
        fprintf(out, "%-*s", (int)width, text);
}

static void print_table(FILE *out, const struct hist_rows *rows)
{
    size_t width[N_COLS];

    for (int col = 0; col < N_COLS; col++) {
        width[col] = strlen(col_titles[col]);
        for (size_t i = 0; i < rows->len; i++) {
            size_t len = strlen(rows->items[i].cells[col]);

            width[col] = len > width[col] ? len : width[col];
        }
    }
    for (int col = 0; col < N_COLS; col++) {
        print_cell(out, col_titles[col], width[col], col_right[col]);
        fputs("  ", out);
    }
    fputs("rules\n", out);
    for (size_t i = 0; i < rows->len; i++) {
        const struct hist_row *row = &rows->items[i];

        for (int col = 0; col < N_COLS; col++) {
            print_cell(out, row->cells[col], width[col], col_right[col]);
            fputs(col + 1 < N_COLS || row->rules[0] != '\0' ? "  " : "", out);
        }
        fprintf(out, "%s\n", row->rules);
    }
}

int ecg_db_history_print(struct ecg_db *db, FILE *out, size_t limit, struct ecg_diag *diag)
{
    struct hist_rows rows = { NULL, 0, 0 };
    int rc = load_rows(&rows, db, limit, diag);

    if (rc == 0 && rows.len == 0)
        fputs("no runs recorded\n", out);
    else if (rc == 0)
        print_table(out, &rows);
    rows_free(&rows);
    if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
        ecg_diag_set(diag, NULL, 0, 0, "cannot print the run history: %s", strerror(errno));
        rc = ECG_EIO;
    }
    return rc;
}
