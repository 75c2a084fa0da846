#include <stdlib.h>
#include <time.h>

static const char charset[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* Session tokens drawn from a time-seeded libc generator can be replayed by anyone who
 * knows roughly when the server started. */
void new_session_token(char token[33])
{
    srand((unsigned)time(NULL));
    for (int i = 0; i < 32; i++)
        token[i] = charset[rand() % (sizeof(charset) - 1)]; // expect: security-insecure-random {{'rand' is a predictable generator, and its result is stored in 'token'}}
    token[32] = '\0';
}

struct session {
    unsigned long id;
    unsigned long session_id;
    char csrf[17];
};

void session_init(struct session *s)
{
    s->id = 0;
    s->session_id = (unsigned long)random() << 16 | (unsigned long)random(); // expect: security-insecure-random {{'session_id'}}
    // expect@-1: security-insecure-random {{getrandom(), arc4random_buf() or RAND_bytes()}}
    for (int i = 0; i < 16; i++)
        s->csrf[i] = "0123456789abcdef"[rand() & 15]; // expect: security-insecure-random {{'csrf'}}
}
