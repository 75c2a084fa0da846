/* A stress test of a generated shared pool of struct order, built with -fsanitize=thread by
 * tests/unit/test_gen_pool.c: several threads acquire and release small pools many times, each
 * holding a few objects at once. A holder writes its id into each object and checks it is
 * still there at release, and finds a free object's owner cleared at acquire: two holders of
 * one object, a lost or repeated object, or a race ThreadSanitizer sees fails the run. */
#include "order.gen.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 4
#define HOLD 3 /* objects one thread holds at most */

static struct order_pool pool;

struct worker {
    pthread_t thread;
    uint32_t id; /* 1.. */
    uint32_t seed;
    uint64_t rounds;
    uint64_t acquired;
    uint64_t failed;
    uint64_t wrong; /* objects found held by someone else */
};

static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

static void give_back(struct worker *w, struct order *obj)
{
    if (obj->owner != w->id || obj->id != w->id * 7919u)
        w->wrong++;
    obj->owner = 0;
    obj->id = 0;
    order_pool_release(&pool, obj);
}

static void take_one(struct worker *w, struct order **held, unsigned *n)
{
    struct order *obj = order_pool_acquire(&pool);

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

static void *work(void *arg)
{
    struct worker *w = arg;
    struct order *held[HOLD];
    unsigned n = 0;

    for (uint64_t i = 0; i < w->rounds; i++) {
        uint32_t r = next_random(&w->seed);
        if (n == 0 || (n < HOLD && r % 2 == 0)) {
            take_one(w, held, &n);
            continue;
        }
        r %= n;
        give_back(w, held[r]);
        n--;
        held[r] = held[n];
    }
    while (n > 0) {
        n--;
        give_back(w, held[n]);
    }
    return NULL;
}

/* The pool's counters agree with what the workers saw (when counting), and every object is
 * free again, each exactly once. */
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
    for (uint32_t i = 0; i < ORDER_POOL_CAPACITY; i++)
        bad |= order_pool_acquire(&pool) == NULL;
    bad |= order_pool_acquire(&pool) != NULL;
    return bad;
}

static int check_totals(const struct worker *workers)
{
    uint64_t acquired = 0, failed = 0, wrong = 0;

    for (int i = 0; i < THREADS; i++) {
        acquired += workers[i].acquired;
        failed += workers[i].failed;
        wrong += workers[i].wrong;
    }
    printf("acquired %llu, failed %llu, held by two at once %llu\n", (unsigned long long)acquired,
           (unsigned long long)failed, (unsigned long long)wrong);
    if (wrong != 0 || acquired == 0)
        return 1;
    return check_pool(acquired, failed);
}

int main(int argc, char **argv)
{
    struct worker workers[THREADS];
    uint64_t rounds = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000;

    order_pool_init(&pool);
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){ .id = (uint32_t)i + 1,
                                      .seed = (uint32_t)i * 2654435761u,
                                      .rounds = rounds };
        if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0)
            return 2;
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(workers[i].thread, NULL);
    return check_totals(workers);
}
