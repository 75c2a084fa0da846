#include <stdio.h>
#include <stdlib.h>

struct session {
    char *user;
    int id;
};

static void session_release(struct session *s)
{
    if (s == NULL)
        return;
    free(s->user);
    free(s);
}

/* The unit's own release function frees its argument on every path. */
void session_end(struct session *s)
{
    session_release(s);
    printf("session %d ended\n", s->id); // expect: security-use-after-free {{freed by 'session_release()'}}
}

void session_abort(struct session *s)
{
    session_release(s);
    session_release(s); // expect: security-use-after-free {{'s' is freed again after it was freed by 'session_release()'}}
}
