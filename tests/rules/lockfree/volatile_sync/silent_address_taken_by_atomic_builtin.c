/* A volatile lock word used only through atomic builtins: the builtins synchronise. */
#include <pthread.h>
#include <sched.h>

static volatile int table_lock;
static int table[64];

static void lock_table(void)
{
    while (__sync_lock_test_and_set(&table_lock, 1))
        while (__atomic_load_n(&table_lock, __ATOMIC_RELAXED))
            sched_yield();
}

static void unlock_table(void)
{
    __sync_lock_release(&table_lock);
}

void table_set(int i, int v)
{
    lock_table();
    table[i & 63] = v;
    unlock_table();
}

int table_spawn(pthread_t *t, void *(*fn)(void *))
{
    return pthread_create(t, NULL, fn, NULL);
}
