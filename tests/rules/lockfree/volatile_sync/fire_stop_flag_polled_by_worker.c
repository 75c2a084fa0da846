/* The classic shutdown flag: main sets it, the worker thread polls it. */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

static volatile bool stop_requested; // expect: lockfree-volatile-sync {{'stop_requested' is a volatile flag, written in 'request_stop'}}
static unsigned long work_done;

static void *worker(void *arg)
{
    (void)arg;
    while (!stop_requested)
        work_done++;
    return NULL;
}

void request_stop(void)
{
    stop_requested = true;
}

int start_worker(pthread_t *thread)
{
    return pthread_create(thread, NULL, worker, NULL);
}
