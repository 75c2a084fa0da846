#include <pthread.h>
#include <stdatomic.h>

struct registry {
    pthread_mutex_t lock;
    atomic_int generation; /* written under lock, read lock-free */
};

void registry_bump(struct registry *reg)
{
    pthread_mutex_lock(&reg->lock);
    int g = atomic_load_explicit(&reg->generation, memory_order_relaxed);
    atomic_store_explicit(&reg->generation, g + 1, memory_order_relaxed);
    pthread_mutex_unlock(&reg->lock);
}
