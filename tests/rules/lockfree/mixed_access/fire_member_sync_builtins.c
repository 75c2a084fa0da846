// ecg-options: {"match_members_across_functions": true}
/* A pool reached only through parameters: its counter is updated with __sync builtins in
 * two functions and read plainly in two others. By default the rule does not match members
 * across functions through parameters (another call may pass a private copy); the option
 * asks for it. */
#include <stddef.h>

struct job {
    struct job *next;
    int state;
};

struct pool {
    struct job *free_list;
    unsigned in_flight;
};

void pool_submit(struct pool *p, struct job *j)
{
    __sync_fetch_and_add(&p->in_flight, 1);
    j->state = 1;
}

void pool_complete(struct pool *p, struct job *j)
{
    j->state = 2;
    __sync_fetch_and_sub(&p->in_flight, 1);
}

int pool_idle(const struct pool *p)
{
    return p->in_flight == 0; // expect: lockfree-mixed-access {{in_flight}}
}

void pool_drain(struct pool *p)
{
    // expect@+1: lockfree-mixed-access {{_Atomic}}
    while (p->in_flight > 0)
        __sync_synchronize();
    p->in_flight = 0;
}
