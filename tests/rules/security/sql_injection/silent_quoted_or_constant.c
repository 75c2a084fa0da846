// Statements that are constant, built only from constants and numbers, or whose data goes
// through SQLite's quoting conversions (%q, %Q, %w).
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static const char *const tables[] = { "users", "groups" };

int setup(sqlite3 *db, int which, int limit, const char *name)
{
    char sql[128];
    char *quoted;
    int rc;
    const char *pragma = which ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF";
    rc = sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS users(name TEXT)", NULL, NULL, NULL);
    rc = sqlite3_exec(db, pragma, NULL, NULL, NULL);
    snprintf(sql, sizeof sql, "DELETE FROM log WHERE id > %d", limit);
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[which & 1]);
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    strcpy(sql, "VACUUM");
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    quoted = sqlite3_mprintf("INSERT INTO users VALUES(%Q)", name);
    rc = sqlite3_exec(db, quoted, NULL, NULL, NULL);
    sqlite3_free(quoted);
    quoted = sqlite3_mprintf("DROP TABLE \"%w\"", name);
    rc = sqlite3_exec(db, quoted, NULL, NULL, NULL);
    sqlite3_free(quoted);
    return rc;
}
