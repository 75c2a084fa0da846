#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) top;

/* Hazard pointers: the node is announced before it is read. */
void hazard_set(unsigned slot, void *p);
void hazard_clear(unsigned slot);

struct node *pop_with_hazard(void)
{
    struct node *old;
    struct node *next;

    do {
        old = atomic_load_explicit(&top, memory_order_acquire);
        if (old == NULL)
            return NULL;
        hazard_set(0, old);
        if (atomic_load_explicit(&top, memory_order_acquire) != old)
            continue;
        next = old->next;
        if (atomic_compare_exchange_strong(&top, &old, next))
            break;
    } while (1);
    hazard_clear(0);
    return old;
}

/* Epoch-based reclamation: removed nodes are freed only after every reader left. */
struct epoch_record;
void ck_epoch_begin(struct epoch_record *r, void *section);
void ck_epoch_end(struct epoch_record *r, void *section);

struct node *pop_in_epoch(struct epoch_record *r)
{
    struct node *old;

    ck_epoch_begin(r, NULL);
    old = atomic_load_explicit(&top, memory_order_acquire);
    while (old != NULL && !atomic_compare_exchange_weak(&top, &old, old->next))
        ;
    ck_epoch_end(r, NULL);
    return old;
}

/* Pops serialized by a mutex: only pushes run concurrently, which cannot cause ABA. */
static pthread_mutex_t pop_lock = PTHREAD_MUTEX_INITIALIZER;

struct node *pop_serialized(void)
{
    struct node *old;

    pthread_mutex_lock(&pop_lock);
    old = atomic_load(&top);
    while (old != NULL && !atomic_compare_exchange_weak(&top, &old, old->next))
        ;
    pthread_mutex_unlock(&pop_lock);
    return old;
}
