#include <pthread.h>
#include <stdio.h>

static long hits;
static unsigned long dropped;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&hits, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&dropped, 1, __ATOMIC_RELAXED);
    return NULL;
}

void stats_reset(void)
{
    pthread_mutex_lock(&stats_lock);
    dropped = 0;
    pthread_mutex_unlock(&stats_lock);
}

int main(void)
{
    pthread_t t[2];

    hits = 0;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("total %ld\n", hits);
    return 0;
}

/* A test harness starts its threads through its own helper, as liburcu's torture test does:
 * the plain reset before the first start cannot race. */
static pthread_t harness_threads[4];
static int n_harness_threads;

static void create_thread(void *(*fn)(void *), void *arg)
{
    if (n_harness_threads < 4 &&
        pthread_create(&harness_threads[n_harness_threads], NULL, fn, arg) == 0)
        n_harness_threads++;
}

void stress_run(void)
{
    hits = 0;
    for (int i = 0; i < 2; i++)
        create_thread(worker, NULL);
}
