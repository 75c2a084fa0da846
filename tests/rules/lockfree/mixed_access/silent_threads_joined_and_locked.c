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
