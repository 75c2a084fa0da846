// ecg-options: {"allowed": ["hash_bytes", "pthread_mutex_unlock"]}
// The project vouches for its hash function defined in another unit.
#include <stddef.h>
#include <stdint.h>

#include "../../../../runtime/include/ecg/annotate.h"

uint64_t hash_bytes(const void *p, size_t n);

ECG_NONBLOCKING size_t bucket_of(const char *key, size_t len, size_t n_buckets)
{
    return (size_t)(hash_bytes(key, len) % n_buckets);
}
