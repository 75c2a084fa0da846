/* Legacy code that declares its shared counters volatile but updates and reads them only
 * under one mutex: the lock orders every access, the volatile is merely redundant. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile unsigned long requests;
static volatile double busy_seconds;

static void *handler(void *arg)
{
    double spent = *(const double *)arg;

    pthread_mutex_lock(&stats_lock);
    requests++;
    busy_seconds = busy_seconds + spent;
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

void report_stats(FILE *out)
{
    unsigned long n;
    double busy;

    pthread_mutex_lock(&stats_lock);
    n = requests;
    busy = busy_seconds;
    pthread_mutex_unlock(&stats_lock);
    fprintf(out, "%lu requests, %.3f s busy\n", n, busy);
}

int start_handlers(pthread_t *threads, int n, double *spent)
{
    for (int i = 0; i < n; i++) {
        if (pthread_create(&threads[i], NULL, handler, &spent[i]) != 0)
            return -1;
    }
    return 0;
}
