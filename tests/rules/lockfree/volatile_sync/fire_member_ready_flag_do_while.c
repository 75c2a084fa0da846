/* A handshake through a volatile struct member, polled in a do-while by the consumer. */
#include <pthread.h>
#include <sched.h>

struct mailbox {
    int payload;
    volatile int ready; // expect: lockfree-volatile-sync {{'ready' is a volatile flag, written in 'mailbox_post'}}
};

void mailbox_post(struct mailbox *m, int value)
{
    m->payload = value;
    m->ready = 1;
}

int mailbox_wait(struct mailbox *m)
{
    do {
        sched_yield();
    } while (m->ready == 0);
    return m->payload;
}

int mailbox_spawn(pthread_t *t, void *(*fn)(void *), struct mailbox *m)
{
    return pthread_create(t, NULL, fn, m);
}
