#include <stdio.h>

struct creds {
    const char *user;
    const char *password;
    const char *api_key;
};

/* Sample configuration text and masks, not credentials. */
void creds_example(struct creds *c)
{
    c->password = "<password>";
    c->api_key = "YOUR_API_KEY";
    c->password = "${DB_PASSWORD}";
    c->password = "********";
    c->password = "";
    c->api_key = "xxxxxxxxxxxxxxxx";
}

/* Anonymous FTP sends an address at a documentation domain as its password. */
#define FTP_ANONYMOUS_PASSWORD "ftp@example.com"

void creds_anonymous_ftp(struct creds *c)
{
    const char *password = FTP_ANONYMOUS_PASSWORD;

    c->user = "anonymous";
    c->password = password;
    c->password = "nobody@host.invalid";
}

void creds_print(const struct creds *c, char *out, size_t n)
{
    const char *password_mask = "****";
    const char *password = "%s";

    snprintf(out, n, password, c->user);
    (void)password_mask;
}
