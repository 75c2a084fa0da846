/* A load macro that casts its result to typeof(*(p)), as ConcurrencyKit's does, where the
 * compare-exchange installs NULL, read through nothing: taking the whole list is ABA-safe. */
#include <stdbool.h>
#include <stddef.h>

static inline void *rq_md_load_ptr(const void *target)
{
    return __atomic_load_n((void *const *)target, __ATOMIC_ACQUIRE);
}

/* Returns whether *target was compare and now is set. */
static inline bool rq_cas_ptr(void *target, void *compare, void *set)
{
    return __atomic_compare_exchange_n((void **)target, &compare, set, false, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

#define rq_load_ptr(SRC) ((__typeof__(*(SRC)))rq_md_load_ptr((SRC)))

struct request {
    struct request *link;
    unsigned opcode;
};

struct request_queue {
    struct request *pending;
    unsigned drained;
};

/* Detaches every pending request at once; the caller walks the list it gets. */
struct request *request_queue_drain(struct request_queue *q)
{
    struct request *first = rq_load_ptr(&q->pending);

    while (first != NULL && !rq_cas_ptr(&q->pending, first, NULL))
        first = rq_load_ptr(&q->pending);
    if (first != NULL)
        q->drained++;
    return first;
}
