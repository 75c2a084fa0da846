#include <stddef.h>

/* As declared by <mysql.h>, <libpq-fe.h> and SQLCipher's <sqlite3.h>. */
typedef struct st_mysql MYSQL;
typedef struct pg_conn PGconn;
typedef struct sqlite3 sqlite3;
MYSQL *mysql_real_connect(MYSQL *mysql, const char *host, const char *user, const char *passwd,
                          const char *db, unsigned int port, const char *unix_socket,
                          unsigned long clientflag);
PGconn *PQconnectdb(const char *conninfo);
int sqlite3_key(sqlite3 *db, const void *pKey, int nKey);

MYSQL *open_orders(MYSQL *m)
{
    return mysql_real_connect(m, "db.internal", "orders", "0rd3rs!", "orders", 3306, NULL, 0); // expect: security-hardcoded-credential {{hard-coded password passed to 'mysql_real_connect' (argument 4)}}
}

PGconn *open_reports(void)
{
    return PQconnectdb("host=reports.internal user=report password=Rep0rt5 dbname=r"); // expect: security-hardcoded-credential {{connection string}}
}

PGconn *open_audit(void)
{
    return PQconnectdb("postgresql://audit:aud1t-pw@audit.internal/audit"); // expect: security-hardcoded-credential {{'PQconnectdb'}}
}

int unlock_cache(sqlite3 *db)
{
    return sqlite3_key(db, "c4che-k3y", 9); // expect: security-hardcoded-credential {{hard-coded key passed to 'sqlite3_key'}}
}
