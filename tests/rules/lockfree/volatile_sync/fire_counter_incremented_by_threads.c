/* A statistics counter incremented by every worker and read by the reporter. */
#include <pthread.h>
#include <stdio.h>

static volatile unsigned long requests_served; // expect: lockfree-volatile-sync {{'requests_served' is a volatile counter, incremented in 'handle_request'}}
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void handle_request(int fd)
{
    (void)fd;
    requests_served++;
}

void report(FILE *out)
{
    pthread_mutex_lock(&log_lock);
    fprintf(out, "served %lu\n", requests_served);
    pthread_mutex_unlock(&log_lock);
}
