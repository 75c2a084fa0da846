// A statement received whole from the network, or built from the environment or standard
// input: an error.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

int run_received_statement(sqlite3 *db, int sock)
{
    char line[1024];
    ssize_t n = recv(sock, line, sizeof line - 1, 0);
    if (n <= 0)
        return -1;
    line[n] = '\0';
    return sqlite3_exec(db, line, NULL, NULL, NULL); // expect: security-sql-injection {{untrusted input ('recv')}}
}

int rename_item(sqlite3 *db)
{
    char name[64];
    char *sql;
    int rc;
    if (fgets(name, sizeof name, stdin) == NULL)
        return -1;
    name[strcspn(name, "\n")] = '\0';
    sql = sqlite3_mprintf("UPDATE items SET name = '%s' WHERE id = 1", name);
    if (sql == NULL)
        return -1;
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL); // expect: security-sql-injection {{built from non-constant data}}
    sqlite3_free(sql);
    return rc;
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
