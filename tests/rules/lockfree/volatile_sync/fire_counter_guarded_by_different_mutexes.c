/* Each side takes a lock, but not the same one: the producer's and the consumer's mutexes
 * order nothing between them, so the volatile balance is still raced on. */
#include <pthread.h>

struct account {
    pthread_mutex_t deposit_lock;
    pthread_mutex_t withdraw_lock;
};

static volatile long balance; // expect: lockfree-volatile-sync {{'balance' is a volatile object, updated from its own value in 'deposit'}}

void deposit(struct account *a, long amount)
{
    pthread_mutex_lock(&a->deposit_lock);
    balance = balance + amount;
    pthread_mutex_unlock(&a->deposit_lock);
}

int withdraw(struct account *a, long amount)
{
    int ok = 0;

    pthread_mutex_lock(&a->withdraw_lock);
    if (balance >= amount) {
        balance = balance - amount;
        ok = 1;
    }
    pthread_mutex_unlock(&a->withdraw_lock);
    return ok;
}
