// The correct versions of the patterns: input bound to placeholders, a table name checked
// against an allow-list before it is formatted, a number formatted with %d, and quoting
// with SQLite's %Q.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

int delete_session(sqlite3 *db, int sock)
{
    char token[64];
    sqlite3_stmt *stmt;
    int rc;
    ssize_t n = recv(sock, token, sizeof token - 1, 0);
    if (n <= 0)
        return -1;
    token[n] = '\0';
    rc = sqlite3_prepare_v2(db, "DELETE FROM sessions WHERE token = ?1", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(stmt, 1, token, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int count_rows(sqlite3 *db)
{
    char sql[128];
    const char *table = getenv("REPORT_TABLE");
    if (table == NULL)
        return -1;
    if (strcmp(table, "orders") != 0 && strcmp(table, "customers") != 0)
        return -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int show_order(sqlite3 *db, FILE *in)
{
    char line[32];
    char sql[96];
    if (fgets(line, sizeof line, in) == NULL)
        return -1;
    snprintf(sql, sizeof sql, "SELECT * FROM orders WHERE id = %d", atoi(line));
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int find_user(sqlite3 *db)
{
    const char *user = getenv("USER");
    char *sql;
    int rc;
    if (user == NULL)
        return -1;
    sql = sqlite3_mprintf("SELECT * FROM users WHERE name = %Q", user);
    if (sql == NULL)
        return -1;
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc;
}

