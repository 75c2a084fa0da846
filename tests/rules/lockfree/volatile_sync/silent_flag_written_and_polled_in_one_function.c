/* Written and polled by the same function: no second thread is in sight. */
#include <pthread.h>

static volatile int retries_left;

int retry_connect(int (*try_once)(void), pthread_mutex_t *lock)
{
    int rc = -1;

    pthread_mutex_lock(lock);
    retries_left = 5;
    while (retries_left > 0 && rc != 0) {
        rc = try_once();
        retries_left = retries_left - 1;
    }
    pthread_mutex_unlock(lock);
    return rc;
}
