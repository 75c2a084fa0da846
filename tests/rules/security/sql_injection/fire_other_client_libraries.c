// The same flaw through MySQL, libpq and ODBC; their own declarations are given here.
#include <stdio.h>

typedef struct st_mysql MYSQL;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef void *SQLHSTMT;
typedef unsigned char SQLCHAR;
typedef int SQLINTEGER;
typedef short SQLRETURN;

int mysql_query(MYSQL *mysql, const char *q);
PGresult *PQexec(PGconn *conn, const char *query);
SQLRETURN SQLExecDirect(SQLHSTMT stmt, SQLCHAR *text, SQLINTEGER length);

void by_id(MYSQL *db, PGconn *pg, SQLHSTMT stmt, const char *id)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE id = %s", id);
    mysql_query(db, q);                     // expect: security-sql-injection {{mysql_stmt_bind_param}}
    PQexec(pg, q);                          // expect: security-sql-injection {{PQexecParams}}
    SQLExecDirect(stmt, (SQLCHAR *)q, -3);  // expect: security-sql-injection {{SQLBindParameter}}
}
