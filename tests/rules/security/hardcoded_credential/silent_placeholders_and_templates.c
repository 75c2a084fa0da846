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

void creds_print(const struct creds *c, char *out, size_t n)
{
    const char *password_mask = "****";
    const char *password = "%s";

    snprintf(out, n, password, c->user);
    (void)password_mask;
}
