#include <stdatomic.h>
#include <stdbool.h>

static atomic_uint generation;

unsigned bump_with_flag(void)
{
    unsigned seen;
    bool done;
    do {
        seen = atomic_load(&generation);
        done = atomic_compare_exchange_weak(&generation, &seen, seen + 1);
    } while (!done);
    return seen + 1;
}

unsigned bump_with_goto(void)
{
    unsigned seen;
retry:
    seen = atomic_load(&generation);
    if (!atomic_compare_exchange_weak(&generation, &seen, seen + 1))
        goto retry;
    return seen + 1;
}

unsigned bump_with_break(void)
{
    unsigned seen;
    for (;;) {
        seen = atomic_load(&generation);
        bool ok = atomic_compare_exchange_weak(&generation, &seen, seen + 1);
        if (ok)
            break;
    }
    return seen + 1;
}

unsigned bump_likely(void)
{
    unsigned seen = atomic_load(&generation);
    while (__builtin_expect(!atomic_compare_exchange_weak(&generation, &seen, seen + 1), 0))
        ;
    return seen + 1;
}
