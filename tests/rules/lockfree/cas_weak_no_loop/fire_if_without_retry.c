#include <stdatomic.h>
#include <stdbool.h>

struct slot {
    atomic_int owner;
    int uses;
};

/* Claims a free slot once; a spurious failure skips a slot that was free. */
void slot_claim_and_count(struct slot *s, int self)
{
    int expected = 0;
    if (atomic_compare_exchange_weak(&s->owner, &expected, self)) // expect: lockfree-cas-weak-no-loop {{'owner'}}
        s->uses++;
}

void slots_claim_all(struct slot *slots, int n, int self)
{
    for (int i = 0; i < n; i++) {
        int expected = 0;
        /* the loop walks the slots; it never retries the failed one */
        if (atomic_compare_exchange_weak_explicit(&slots[i].owner, &expected, self, // expect: lockfree-cas-weak-no-loop
                                                  memory_order_acquire, memory_order_relaxed))
            slots[i].uses++;
    }
}
