/* A stress test of a generated shared pool's thread caches, built with -fsanitize=thread by
 * tests/unit/test_gen_pool.c: several threads, each owning a cache, acquire and release through
 * it (now and then directly), and hand objects to the next thread through a mailbox, which
 * releases them into its own cache. Each object carries its holder; an object handed out twice,
 * a lost object after the flushes, counts that do not add up, or a race fails the run. */
#include "order.gen.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 4
#define HOLD 6             /* objects one thread holds at most */
#define PASSED 0x80000000u /* owner of an object in a mailbox: PASSED | receiver id */

static struct order_pool pool;
static _Atomic(struct order *) mailbox[THREADS]; /* mailbox[i]: an object for thread i */
static atomic_uint started;                      /* workers past their cache's init */

struct worker {
    pthread_t thread;
    uint32_t id; /* 1.. */
    uint32_t seed;
    uint64_t rounds;
    uint64_t acquired;
    uint64_t failed;
    uint64_t wrong;  /* objects found held by someone else */
    uint64_t passed; /* objects handed to the next thread */
    struct order_pool_cache *cache;
};

static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

static void give_back(struct worker *w, struct order *obj, uint32_t r)
{
    if (obj->owner != w->id || obj->id != w->id * 7919u)
        w->wrong++;
    obj->owner = 0;
    obj->id = 0;
    if (r % 8 == 0)
        order_pool_release(&pool, obj);
    else
        order_pool_release_cached(w->cache, obj);
}

static void take_one(struct worker *w, struct order **held, unsigned *n, uint32_t r)
{
    struct order *obj =
        r % 8 == 0 ? order_pool_acquire(&pool) : order_pool_acquire_cached(w->cache);

    if (obj == NULL) {
        w->failed++;
        return;
    }
    if (obj->owner != 0)
        w->wrong++;
    obj->owner = w->id;
    obj->id = w->id * 7919u;
    held[*n] = obj;
    (*n)++;
    w->acquired++;
}

/* Hands obj to the next thread if its mailbox is empty; returns 1 when it did. Only this
 * thread puts objects into that mailbox, so an empty one stays empty until it does. */
static int pass_on(struct worker *w, struct order *obj)
{
    uint32_t to = w->id % THREADS; /* the next thread's index */

    /* relaxed: no pair; only whether the receiver took the last object matters here */
    if (atomic_load_explicit(&mailbox[to], memory_order_relaxed) != NULL)
        return 0;
    if (obj->owner != w->id)
        w->wrong++;
    obj->owner = PASSED | (to + 1);
    /* release: pairs with the acquire exchange in receive, which then owns obj's contents */
    atomic_store_explicit(&mailbox[to], obj, memory_order_release);
    return 1;
}

/* Releases what the previous thread handed over, through this thread's cache. */
static void receive(struct worker *w)
{
    /* acquire: pairs with the release compare-exchange in pass_on */
    struct order *obj = atomic_exchange_explicit(&mailbox[w->id - 1], NULL, memory_order_acquire);

    if (obj == NULL)
        return;
    if (obj->owner != (PASSED | w->id))
        w->wrong++;
    obj->owner = 0;
    obj->id = 0;
    order_pool_release_cached(w->cache, obj);
}

static void step(struct worker *w, struct order **held, unsigned *n)
{
    uint32_t r = next_random(&w->seed);
    uint32_t k;

    receive(w);
    if (*n == 0 || (*n < HOLD && r % 2 == 0)) {
        take_one(w, held, n, r >> 4);
        return;
    }
    k = (r >> 4) % *n;
    /* one in 16 goes to the next thread instead, when its mailbox is free */
    if (r % 16 == 1 && pass_on(w, held[k]))
        w->passed++;
    else
        give_back(w, held[k], r >> 8);
    (*n)--;
    held[k] = held[*n];
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct order_pool_cache cache;
    struct order *held[HOLD];
    unsigned n = 0;

    order_pool_cache_init(&cache, &pool);
    w->cache = &cache;
    /* start together, so that the threads overlap and objects cross between them */
    atomic_fetch_add(&started, 1);
    while (atomic_load(&started) < THREADS)
        sched_yield();
    for (uint64_t i = 0; i < w->rounds; i++) {
        step(w, held, &n);
        /* on a busy machine, give the others a turn, so that the threads interleave */
        if (i % 256 == 255)
            sched_yield();
    }
    while (n > 0) {
        n--;
        give_back(w, held[n], 1);
    }
    receive(w);
    order_pool_cache_flush(&cache);
    if (order_pool_cache_count(&cache) != 0)
        w->wrong++;
    w->cache = NULL;
    return NULL;
}

/* After every thread flushed and the mailboxes are emptied: the counters agree with what the
 * workers saw (when counting), and every object is free again, each exactly once. */
static int check_pool(uint64_t acquired, uint64_t failed)
{
    struct order_pool_stats st;
    int bad = 0;

    order_pool_stats(&st, &pool);
    printf("stats: acquires %llu releases %llu failures %llu in use %llu high water %llu\n",
           (unsigned long long)st.acquires, (unsigned long long)st.releases,
           (unsigned long long)st.failures, (unsigned long long)st.in_use,
           (unsigned long long)st.high_water);
    if (st.counting) {
        bad |= st.acquires != acquired || st.releases != acquired || st.failures != failed;
        bad |= st.in_use != 0 || st.high_water > ORDER_POOL_CAPACITY;
    }
    for (uint32_t i = 0; i < ORDER_POOL_CAPACITY; i++) {
        struct order *obj = order_pool_acquire(&pool);
        bad |= obj == NULL || obj->owner != 0;
    }
    bad |= order_pool_acquire(&pool) != NULL;
    return bad;
}

static void drain_mailboxes(void)
{
    for (int i = 0; i < THREADS; i++) {
        /* acquire: pairs with the release compare-exchange in pass_on */
        struct order *obj = atomic_exchange_explicit(&mailbox[i], NULL, memory_order_acquire);
        if (obj == NULL)
            continue;
        obj->owner = 0;
        obj->id = 0;
        order_pool_release(&pool, obj);
    }
}

static int check_totals(const struct worker *workers)
{
    uint64_t acquired = 0, failed = 0, wrong = 0, passed = 0;

    for (int i = 0; i < THREADS; i++) {
        acquired += workers[i].acquired;
        failed += workers[i].failed;
        wrong += workers[i].wrong;
        passed += workers[i].passed;
    }
    printf("acquired %llu, failed %llu, handed to another thread %llu, held by two at once %llu\n",
           (unsigned long long)acquired, (unsigned long long)failed, (unsigned long long)passed,
           (unsigned long long)wrong);
    if (wrong != 0 || acquired == 0 || passed == 0)
        return 1;
    drain_mailboxes();
    return check_pool(acquired, failed);
}

int main(int argc, char **argv)
{
    struct worker workers[THREADS];
    uint64_t rounds = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000;

    order_pool_init(&pool);
    atomic_init(&started, 0);
    for (int i = 0; i < THREADS; i++)
        atomic_init(&mailbox[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){ .id = (uint32_t)i + 1,
                                      .seed = (uint32_t)i * 2654435761u + 1u,
                                      .rounds = rounds };
        if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0)
            return 2;
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(workers[i].thread, NULL);
    return check_totals(workers);
}
