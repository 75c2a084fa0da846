/* The correct shutdown flag: an atomic_bool with a release store and an acquire load. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

static atomic_bool stop_requested;
static atomic_ulong requests_served;

static void *worker(void *arg)
{
    (void)arg;
    /* acquire: pairs with the release store in request_stop */
    while (!atomic_load_explicit(&stop_requested, memory_order_acquire))
        atomic_fetch_add_explicit(&requests_served, 1, memory_order_relaxed);
    return NULL;
}

void request_stop(void)
{
    /* release: pairs with the acquire load in worker */
    atomic_store_explicit(&stop_requested, true, memory_order_release);
}

int start_worker(pthread_t *thread)
{
    return pthread_create(thread, NULL, worker, NULL);
}
