// ecg-options: {"any_call_is_backoff": false}
#include <stdatomic.h>
#include <stdbool.h>

static atomic_bool go;
static long polls;

static void count_poll(void)
{
    polls++;
}

void wait_go(void)
{
    while (!atomic_load(&go)) // expect: lockfree-spin-no-backoff {{'go'}}
        count_poll();
}
