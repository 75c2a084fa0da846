// Every use sits behind a test that rules NULL out on its path: an early return, a call that
// does not return, the guard of &&, || or ?:, or the branch of the test itself.
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

struct session {
    int id;
    char *user;
};

struct session *session_lookup(int id);
_Noreturn void fatal(const char *what);

int session_id_or_zero(int key)
{
    struct session *s = NULL;
    s = session_lookup(key);
    if (s == NULL)
        return 0;
    return s->id;
}

int session_id_or_die(int key)
{
    struct session *s = session_lookup(key);
    if (!s)
        fatal("no session");
    return s->id;
}

int session_id_asserted(int key)
{
    struct session *s = session_lookup(key);
    assert(s != NULL);
    return s->id;
}

int session_guards(struct session *s)
{
    int n = 0;
    if (s != NULL && s->id > 0)
        n++;
    if (s == NULL || s->user == NULL)
        return n;
    return s ? s->id + n : n;
}

int session_else_branch(struct session *s)
{
    s = NULL;
    if (s == NULL) {
        s = calloc(1, sizeof(*s));
        if (s == NULL)
            return -1;
    }
    s->id = 1;
    free(s);
    return 0;
}

size_t session_size(void)
{
    struct session *s = NULL;
    return sizeof(*s) + sizeof(s->user);
}
