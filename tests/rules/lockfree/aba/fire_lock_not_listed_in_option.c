// ecg-options: {"protection_words": ["hazard", "epoch", "rcu"]}
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) top;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long pops;

/* The lock guards only a counter; with "lock" not listed, it no longer silences the rule. */
struct node *pop_and_count(void)
{
    struct node *old = atomic_load(&top);
    while (old != NULL && !atomic_compare_exchange_weak(&top, &old, old->next)) // expect: lockfree-aba {{'old'}}
        ;
    pthread_mutex_lock(&stats_lock);
    pops++;
    pthread_mutex_unlock(&stats_lock);
    return old;
}
