#include <pthread.h>
#include <stdio.h>

static long hits;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        __atomic_add_fetch(&hits, 1, __ATOMIC_RELAXED);
    return NULL;
}

int main(void)
{
    pthread_t t[4];

    hits = 0;
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    printf("so far %ld\n", hits); // expect: lockfree-mixed-access {{hits}}
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("total %ld\n", hits);
    return 0;
}
