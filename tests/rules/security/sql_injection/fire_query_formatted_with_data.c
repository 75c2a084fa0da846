// Statements formatted or concatenated from data, then run: the classic injection shapes.
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int delete_user(sqlite3 *db, const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM users WHERE name = '%s'", name);
    return sqlite3_exec(db, sql, NULL, NULL, NULL); // expect: security-sql-injection {{built from non-constant data}}
}

int find_user(sqlite3 *db, const char *name, sqlite3_stmt **stmt)
{
    char query[512] = "SELECT id FROM users WHERE name = '";
    strcat(query, name);
    strcat(query, "'");
    return sqlite3_prepare_v2(db, query, -1, stmt, NULL); // expect: security-sql-injection {{sqlite3_bind_text}}
}

int rename_table(sqlite3 *db, const char *from, const char *to)
{
    char *sql = sqlite3_mprintf("ALTER TABLE %s RENAME TO %s", from, to);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL); // expect: security-sql-injection
    sqlite3_free(sql);
    return rc;
}

int count_rows(sqlite3 *db, const char *table)
{
    return sqlite3_exec(db, sqlite3_mprintf("SELECT count(*) FROM %s", table), NULL, NULL, // expect: security-sql-injection
                        NULL);
}
