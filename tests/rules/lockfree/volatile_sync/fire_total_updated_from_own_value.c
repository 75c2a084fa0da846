/* Running totals kept by the request threads and read by the statistics reporter: the
 * stores are computed from the volatile's own value, so two threads lose updates. */
#include <pthread.h>
#include <stdio.h>

static volatile double bytes_in_flight; // expect: lockfree-volatile-sync {{'bytes_in_flight' is a volatile object, updated from its own value in 'request_done'}}
static volatile unsigned long error_mask; // expect: lockfree-volatile-sync {{updated from its own value in 'request_failed'}}

void request_done(double bytes)
{
    bytes_in_flight = bytes_in_flight - bytes;
}

void request_failed(unsigned code)
{
    error_mask |= 1ul << (code & 63u);
}

void *stats_reporter(void *arg)
{
    FILE *out = arg;

    fprintf(out, "in flight %.0f, errors %#lx\n", bytes_in_flight, error_mask);
    return NULL;
}

int start_reporter(pthread_t *thread, FILE *out)
{
    return pthread_create(thread, NULL, stats_reporter, out);
}
