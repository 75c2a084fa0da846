#include <stddef.h>

/* Service configuration compiled into the daemon. */
static const char *db_password = "Tr0ub4dor&3"; // expect: security-hardcoded-credential {{'db_password' is initialized with a hard-coded credential}}
static const char *const replicaPassword = "r3pl1c4!"; // expect: security-hardcoded-credential {{read it at run time}}
static const char SMTP_PASSWD[] = "mail-2019"; // expect: security-hardcoded-credential {{'SMTP_PASSWD'}}
static const char *relay_password = "relay@mx1.corp.local"; // expect: security-hardcoded-credential {{'relay_password'}}

int open_admin_session(int (*login)(const char *user, const char *pw))
{
    char adminPwd[32] = "changeme"; // expect: security-hardcoded-credential {{'adminPwd'}}
    const char *client_secret = "9f8e7d6c5b4a"; // expect: security-hardcoded-credential

    if (login("admin", adminPwd) != 0)
        return login("svc", client_secret);
    return login(NULL, db_password) + login(NULL, replicaPassword) + login(NULL, SMTP_PASSWD) +
           login(NULL, relay_password);
}
