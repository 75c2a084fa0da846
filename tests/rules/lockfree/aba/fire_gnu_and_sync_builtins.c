#include <stddef.h>

struct job {
    struct job *next;
    void (*run)(void *);
    void *arg;
};

static struct job *pending;

struct job *job_take(void)
{
    struct job *first = __atomic_load_n(&pending, __ATOMIC_ACQUIRE);
    while (first != NULL) {
        struct job *rest = first->next;
        if (__atomic_compare_exchange_n(&pending, &first, rest, 0, __ATOMIC_ACQ_REL, // expect: lockfree-aba {{'pending'}}
                                        __ATOMIC_ACQUIRE))
            break;
    }
    return first;
}

static struct job *legacy_queue;

struct job *legacy_take(void)
{
    for (;;) {
        struct job *first = __atomic_load_n(&legacy_queue, __ATOMIC_ACQUIRE);
        if (first == NULL)
            return NULL;
        if (__sync_bool_compare_and_swap(&legacy_queue, first, first->next)) // expect: lockfree-aba {{version tag}}
            return first;
    }
}
