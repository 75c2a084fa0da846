/* One worker routine run by a pool of threads: the volatile counter is used by that
 * function only, but every thread of the pool runs it. */
#include <pthread.h>
#include <stddef.h>

#define POOL_SIZE 8

struct job_queue;
int job_queue_take(struct job_queue *q, void (**run)(void *), void **arg);

static volatile unsigned long jobs_done; // expect: lockfree-volatile-sync {{'jobs_done' is a volatile counter, incremented in 'pool_worker'}}
static volatile int idle_workers; // expect: lockfree-volatile-sync {{'idle_workers' is a volatile object, updated from its own value in 'pool_worker'}}

static void *pool_worker(void *arg)
{
    struct job_queue *q = arg;
    void (*run)(void *);
    void *job_arg;

    while (job_queue_take(q, &run, &job_arg) == 0) {
        run(job_arg);
        jobs_done++;
    }
    idle_workers = idle_workers + 1;
    return NULL;
}

int pool_start(pthread_t threads[POOL_SIZE], struct job_queue *q)
{
    for (int i = 0; i < POOL_SIZE; i++) {
        int rc = pthread_create(&threads[i], NULL, pool_worker, q);
        if (rc != 0)
            return rc;
    }
    return 0;
}
