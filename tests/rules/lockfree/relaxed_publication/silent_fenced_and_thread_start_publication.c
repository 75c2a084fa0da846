/* Correct publications through wrappers: ck_pr_fence_store() before the unordered store,
 * liburcu's rcu_assign_pointer (a release store), and a start flag stored after
 * pthread_create, which already orders the earlier writes for the new threads; a signal
 * flag that only main reads is not data the start flag guards. */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

static inline void ck_pr_md_store_ptr(void *target, const void *value)
{
    *(const void *volatile *)target = value;
}

static inline void ck_pr_md_store_int(int *target, int value)
{
    *(volatile int *)target = value;
}

static inline int ck_pr_md_load_int(const int *target)
{
    return *(const volatile int *)target;
}

static inline void ck_pr_fence_store(void)
{
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

#define ck_pr_store_ptr(dst, value) ck_pr_md_store_ptr((dst), (value))
#define ck_pr_store_int(dst, value) ck_pr_md_store_int((dst), (value))
#define ck_pr_load_int(src) ck_pr_md_load_int((src))
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

struct config {
    int port;
    int backlog;
};

static struct config *live_config;
static struct config *rcu_config;
static int phase;
static int n_workers;
static bool next_stage;

void config_publish(struct config *c, int port)
{
    c->port = port;
    c->backlog = 128;
    ck_pr_fence_store();
    ck_pr_store_ptr(&live_config, c);
}

void config_publish_rcu(struct config *c, int port)
{
    c->port = port;
    c->backlog = 64;
    rcu_assign_pointer(rcu_config, c);
}

static void on_alarm(int sig)
{
    (void)sig;
    next_stage = true;
}

static void *worker(void *arg)
{
    while (ck_pr_load_int(&phase) == 0)
        sched_yield();
    return arg;
}

int run(pthread_t *threads)
{
    n_workers = 2;
    signal(SIGALRM, on_alarm);
    for (int i = 0; i < 2; i++)
        pthread_create(&threads[i], NULL, worker, NULL);
    next_stage = false;
    ck_pr_store_int(&phase, 1);
    return n_workers;
}
