#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int authenticate(const char *user, const char *password);

/* The correct version: the password comes from the operator or the environment. */
int connect_as_operator(void)
{
    char *password;
    char passwordBuffer[100] = "";

    password = passwordBuffer;
    if (fgets(password, 100, stdin) == NULL) {
        password[0] = '\0';
    }
    password[strcspn(password, "\r\n")] = '\0';
    return authenticate("operator", password);
}

int connect_service(void)
{
    const char *db_password = getenv("APP_DB_PASSWORD");

    if (db_password == NULL)
        db_password = "";
    return authenticate("svc", db_password);
}
