#include <stdlib.h>

struct ring {
    unsigned head;
    unsigned tail;
    void **slot;
};

void ring_init(struct ring *r, void **storage)
{
    r->head = 0;
    r->tail = 0;
    r->slot = storage;
}

struct ring *ring_make(void **storage)
{
    struct ring *r = malloc(sizeof(*r));
    if (r == NULL)
        return NULL;
    r->head = 0;
    r->tail = 0;
    r->slot = storage;
    return r;
}

unsigned ring_snapshot_size(void)
{
    struct ring local;
    local.head = 4;
    local.tail = 1;
    return local.head - local.tail;
}

int ring_push(struct ring *r, void *item)
{
    unsigned head = __atomic_load_n(&r->head, __ATOMIC_RELAXED);
    /* acquire: pairs with the release store of tail in ring_pop */
    if (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) == 64)
        return -1;
    r->slot[head % 64] = item;
    /* release: pairs with the acquire load of head in ring_pop */
    __atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
    return 0;
}

void ring_destroy(struct ring *r)
{
    r->head = r->tail = 0;
    free(r);
}
