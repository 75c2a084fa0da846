struct db_conf {
    const char *host;
    const char *user;
    const char *password;
    int port;
};

static const struct db_conf primary = {
    .host = "db1.internal",
    .user = "app",
    .password = "s3cr3t-db", // expect: security-hardcoded-credential {{'password' is initialized with}}
    .port = 5432,
};

static const struct db_conf replicas[] = {
    { "db2.internal", "reader", "r3ad0nly", 5432 }, // expect: security-hardcoded-credential {{'password'}}
    { "db3.internal", "reader", "", 5432 },
};

const struct db_conf *pick(int i)
{
    return i < 0 ? &primary : &replicas[i];
}
