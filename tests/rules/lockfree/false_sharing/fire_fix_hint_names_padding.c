/* The message says how much padding moves the second counter to the next line. */
#include <stdatomic.h>

struct conn_stats {
    _Atomic unsigned int opened;
    _Atomic unsigned int closed; // expect: lockfree-false-sharing {{start 'closed' on its own line: declare it '_Alignas(64)' or insert 'char pad[60];' before it}}
};

void conn_opened(struct conn_stats *s)
{
    atomic_fetch_add_explicit(&s->opened, 1, memory_order_relaxed);
}

void conn_closed(struct conn_stats *s)
{
    atomic_fetch_add_explicit(&s->closed, 1, memory_order_relaxed);
}
