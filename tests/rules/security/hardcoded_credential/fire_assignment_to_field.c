#include <string.h>

struct client_conf {
    const char *endpoint;
    const char *auth_token;
    const char *api_key;
};

void conf_defaults(struct client_conf *conf)
{
    conf->endpoint = "https://api.example.com";
    conf->auth_token = "abcd1234efgh"; // expect: security-hardcoded-credential {{'auth_token' is assigned a hard-coded credential}}
    (*conf).api_key = "AKIAIOSFODNN7EXAMPLE"; // expect: security-hardcoded-credential {{'api_key'}}
}

void conf_pick(struct client_conf *conf, int test)
{
    conf->api_key = test ? "test-key-0001" : "prod-key-9f9f"; // expect: security-hardcoded-credential
    // expect@-1: security-hardcoded-credential
}

struct session_conf {
    char *password;
};

int session_defaults(struct session_conf *c)
{
    c->password = strdup("guest-2024"); // expect: security-hardcoded-credential {{'password' is assigned}}
    return c->password != NULL ? 0 : -1;
}
