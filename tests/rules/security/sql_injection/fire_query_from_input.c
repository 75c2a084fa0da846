// A statement read from standard input or built from the environment: an error.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int run_typed_statement(sqlite3 *db)
{
    char line[1024];
    if (fgets(line, sizeof line, stdin) == NULL)
        return -1;
    return sqlite3_exec(db, line, NULL, NULL, NULL); // expect: security-sql-injection {{untrusted input ('fgets')}}
}

int open_home_table(sqlite3 *db)
{
    char sql[256];
    const char *user = getenv("USER");
    if (user == NULL)
        return -1;
    snprintf(sql, sizeof sql, "SELECT * FROM notes WHERE owner = '%s'", user);
    return sqlite3_exec(db, sql, NULL, NULL, NULL); // expect: security-sql-injection {{'getenv'}}
}
