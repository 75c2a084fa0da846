#include <stdio.h>
#include <stdlib.h>

struct response;
void response_set_cookie(struct response *r, long cookie);
void session_start(void *s, unsigned nonce, int flags);

void issue_csrf(char csrf_token[17])
{
    snprintf(csrf_token, 17, "%08x%08x", rand(), rand()); // expect: security-insecure-random {{formatted into 'csrf_token'}}
    // expect@-1: security-insecure-random {{'csrf_token'}}
}

void login_ok(struct response *r, void *s)
{
    response_set_cookie(r, random()); // expect: security-insecure-random {{passed as the parameter 'cookie'}}
    session_start(s, (unsigned)rand() % 100000u, 0); // expect: security-insecure-random {{passed as the parameter 'nonce'}}
}
