/* A reference count beside read-only data: one written member per line. */
#include <stdatomic.h>
#include <stdlib.h>

struct buffer {
    _Atomic int refs;
    size_t len;
    unsigned char *data;
};

void buffer_put(struct buffer *b)
{
    if (atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1) {
        free(b->data);
        free(b);
    }
}
