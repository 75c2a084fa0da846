// Calls through a function pointer table whose entries the unit binds only to functions that
// cannot block; the defined helper chain stays on atomics.
#include <stdatomic.h>

#include "../../../../runtime/include/ecg/annotate.h"

struct counter_ops {
    long (*bump)(atomic_long *c);
};

static long bump_relaxed(atomic_long *c)
{
    return atomic_fetch_add_explicit(c, 1, memory_order_relaxed) + 1;
}

static long bump_strong(atomic_long *c)
{
    return atomic_fetch_add(c, 1) + 1;
}

static const struct counter_ops relaxed_ops = { bump_relaxed };
static const struct counter_ops strong_ops = { .bump = bump_strong };

const struct counter_ops *counter_pick(int strong)
{
    return strong ? &strong_ops : &relaxed_ops;
}

ECG_NONBLOCKING long count_event(const struct counter_ops *ops, atomic_long *c)
{
    return ops->bump(c);
}
