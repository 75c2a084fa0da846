// A try-lock fails fast instead of waiting, and a callee defined in another unit is marked
// non-blocking there (its own definition is checked where it lives).
#include <pthread.h>

#include "../../../../runtime/include/ecg/annotate.h"

ECG_NONBLOCKING void ring_publish(int value);

struct mixer {
    pthread_mutex_t lock;
    int gain;
};

ECG_NONBLOCKING int mixer_try_update(struct mixer *m, int gain)
{
    if (pthread_mutex_trylock(&m->lock) != 0) {
        ring_publish(gain);
        return 0;
    }
    m->gain = gain;
    pthread_mutex_unlock(&m->lock);
    return 1;
}
