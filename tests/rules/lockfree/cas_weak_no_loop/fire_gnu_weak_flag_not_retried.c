#include <stdbool.h>

struct lock {
    int held;
};

static bool log_enabled;

/* the result lands in a flag nothing retries on */
void lock_note_attempt(struct lock *l)
{
    int expected = 0;
    bool got = __atomic_compare_exchange_n(&l->held, &expected, 1, true, __ATOMIC_ACQUIRE, // expect: lockfree-cas-weak-no-loop {{'__atomic_compare_exchange_n' on 'held'}}
                                           __ATOMIC_RELAXED);
    log_enabled = got;
}
