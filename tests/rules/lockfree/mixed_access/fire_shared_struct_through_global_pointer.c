/* A shared descriptor reached through a global pointer: a worker claims it with a
 * compare-exchange on its state, but the reset path writes the state plainly through the
 * same global pointer, and a status function reads the member counter that the workers
 * bump atomically. A thread's own counter read through a pointer parameter in another
 * function is not matched by default (see silent_private_copies_and_unshared_nodes.c). */
#include <stdbool.h>
#include <stddef.h>

struct job_slot {
    int state; /* 0 free, 1 claimed, 2 done */
    unsigned long completed;
    void *payload;
};

static struct job_slot slots[16];
static struct job_slot *current = &slots[0];

int current_is_idle(void)
{
    return current->state == 0; // expect: lockfree-mixed-access {{'state' is accessed atomically}}
}

bool claim_current(void)
{
    int expected = 0;

    return __atomic_compare_exchange_n(&current->state, &expected, 1, 0, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

void finish_current(void)
{
    __atomic_fetch_add(&current->completed, 1, __ATOMIC_RELAXED);
    __atomic_store_n(&current->state, 2, __ATOMIC_RELEASE);
}

void reset_current(void)
{
    current->payload = NULL;
    current->state = 0; // expect: lockfree-mixed-access {{'state' is accessed atomically}}
}

unsigned long completed_so_far(void)
{
    return current->completed; // expect: lockfree-mixed-access {{read by a plain access}}
}

void force_state(struct job_slot *slot, int state)
{
    if (__atomic_load_n(&slot->state, __ATOMIC_RELAXED) != 2)
        slot->state = state; // expect: lockfree-mixed-access {{'state'}}
}
