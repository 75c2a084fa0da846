// Input that reaches the statement of a helper, a client library or a struct field: errors,
// with the steps of the flow from the source to the call that runs the statement.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

/* The client libraries' declarations, as their headers give them. */
typedef struct st_mysql MYSQL;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
int mysql_query(MYSQL *mysql, const char *q);
PGresult *PQexec(PGconn *conn, const char *query);

static int run_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err); // expect: security-sql-injection {{'recv'}}
    if (rc != SQLITE_OK) {
        fprintf(stderr, "sql error: %s\n", err);
        sqlite3_free(err);
    }
    return rc;
}

int delete_session(sqlite3 *db, int sock)
{
    char token[64];
    char sql[160];
    ssize_t n = recv(sock, token, sizeof token - 1, 0);
    if (n <= 0)
        return -1;
    token[n] = '\0';
    snprintf(sql, sizeof sql, "DELETE FROM sessions WHERE token = '%s'", token);
    return run_sql(db, sql);
}

struct lookup {
    char name[64];
    char query[200];
};

int find_customer(MYSQL *conn, FILE *requests)
{
    struct lookup req;
    if (fgets(req.name, sizeof req.name, requests) == NULL)
        return -1;
    req.name[strcspn(req.name, "\n")] = '\0';
    snprintf(req.query, sizeof req.query, "SELECT id FROM customers WHERE name = '%s'", req.name);
    return mysql_query(conn, req.query); // expect: security-sql-injection {{'fgets'}}
}

PGresult *rows_for_region(PGconn *pg)
{
    char query[256] = "SELECT * FROM stores WHERE region = '";
    const char *region = getenv("REGION");
    if (region == NULL)
        return NULL;
    strncat(query, region, sizeof query - strlen(query) - 2);
    strcat(query, "'");
    return PQexec(pg, query); // expect: security-sql-injection {{'getenv'}}
}

int main(int argc, char **argv)
{
    sqlite3 *db;
    char sql[128];
    if (argc < 2 || sqlite3_open("shop.db", &db) != SQLITE_OK)
        return 1;
    snprintf(sql, sizeof sql, "SELECT * FROM orders WHERE id = %s", argv[1]);
    sqlite3_exec(db, sql, NULL, NULL, NULL); // expect: security-sql-injection {{'argv'}}
    sqlite3_close(db);
    return 0;
}
