#include <stddef.h>

/* As declared by <mysql.h>, <libpq-fe.h>, <curl/curl.h> and <openssl/evp.h>. */
typedef struct st_mysql MYSQL;
typedef struct pg_conn PGconn;
MYSQL *mysql_real_connect(MYSQL *mysql, const char *host, const char *user, const char *passwd,
                          const char *db, unsigned int port, const char *unix_socket,
                          unsigned long clientflag);
PGconn *PQconnectdb(const char *conninfo);
typedef void CURL;
typedef enum {
    CURLOPT_USERPWD = 10005,
    CURLOPT_USERAGENT = 10018,
} CURLoption;
int curl_easy_setopt(CURL *curl, CURLoption option, ...);
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct engine_st ENGINE;
const EVP_CIPHER *EVP_aes_256_gcm(void);
int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);

struct secrets {
    const char *db_user;
    const char *db_password;
    const char *userpwd;
    unsigned char key[32];
};

MYSQL *open_orders(MYSQL *m, const struct secrets *s)
{
    return mysql_real_connect(m, "db.internal", s->db_user, s->db_password, "orders", 3306,
                              NULL, 0);
}

PGconn *open_reports(void)
{
    /* libpq reads the password from ~/.pgpass or PGPASSWORD. */
    return PQconnectdb("host=reports.internal user=report dbname=r");
}

PGconn *open_socket_db(void)
{
    return PQconnectdb("postgresql:///local?user=app");
}

void configure(CURL *h, const struct secrets *s)
{
    curl_easy_setopt(h, CURLOPT_USERAGENT, "uploader/1.0");
    curl_easy_setopt(h, CURLOPT_USERPWD, s->userpwd);
}

int seal(EVP_CIPHER_CTX *ctx, const struct secrets *s, const unsigned char *iv)
{
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, s->key, iv);
}
