/* Single-threaded checks of a generated shared pool's thread cache (struct order_pool_cache),
 * built by tests/unit/test_gen_pool.c with the generated order.gen.c: every object comes out
 * once, the cache is LIFO, refills and spills keep the count, flush returns everything, and the
 * stats are exact after a flush. With an argument it misuses the cache and must die on a debug
 * assertion. WANT_COUNTERS says whether the pool was generated with instrument(counters). */
#include "order.gen.h"

#include "driver_check.h"

#include <stdio.h>
#include <string.h>

#ifndef WANT_COUNTERS
#define WANT_COUNTERS 0
#endif

#if WANT_COUNTERS && !defined(ECG_NO_INSTRUMENT)
#define COUNTING 1
#else
#define COUNTING 0
#endif

#define CAP ORDER_POOL_CAPACITY

static struct order_pool pool;
static struct order *held[CAP];

static void check_stats(struct tally *t, uint64_t in_use, uint64_t acquires, uint64_t failures)
{
    struct order_pool_stats st;

    memset(&st, 0xff, sizeof st);
    order_pool_stats(&st, &pool);
    CHECK(t, st.capacity == CAP && st.shared == 1 && st.counting == COUNTING);
    if (!COUNTING)
        return;
    CHECK(t, st.in_use == in_use);
    CHECK(t, st.acquires == acquires);
    CHECK(t, st.releases == acquires - in_use);
    CHECK(t, st.failures == failures);
    CHECK(t, st.high_water == (acquires > 0 ? CAP : 0));
}

/* Every object comes out of the cache once, then the cache and the pool are empty. */
static void take_all(struct tally *t, struct order_pool_cache *cache)
{
    for (uint32_t i = 0; i < CAP; i++) {
        held[i] = order_pool_acquire_cached(cache);
        CHECK(t, held[i] != NULL);
        if (held[i] == NULL)
            return;
        CHECK(t, held[i]->owner == 0);
        held[i]->owner = i + 1;
        CHECK(t, order_pool_cache_count(cache) <= ORDER_POOL_CACHE);
    }
    CHECK(t, order_pool_acquire_cached(cache) == NULL);
    CHECK(t, order_pool_acquire(&pool) == NULL);
    for (uint32_t i = 0; i < CAP; i++)
        CHECK(t, held[i]->owner == i + 1);
}

static void give_all(struct tally *t, struct order_pool_cache *cache)
{
    for (uint32_t i = 0; i < CAP; i++) {
        held[i]->owner = 0;
        order_pool_release_cached(cache, held[i]);
        CHECK(t, order_pool_cache_count(cache) >= 1);
        CHECK(t, order_pool_cache_count(cache) <= ORDER_POOL_CACHE);
    }
}

/* The object released into a cache last comes out first, across a plain acquire too. */
static void check_lifo(struct tally *t, struct order_pool_cache *cache)
{
    struct order *a = order_pool_acquire(&pool);
    struct order *b = order_pool_acquire_cached(cache);

    CHECK(t, a != NULL && b != NULL && a != b);
    if (a == NULL || b == NULL)
        return;
    order_pool_release_cached(cache, a);
    order_pool_release_cached(cache, b);
    CHECK(t, order_pool_acquire_cached(cache) == b);
    CHECK(t, order_pool_acquire_cached(cache) == a);
    order_pool_release(&pool, a);
    order_pool_release_cached(cache, b);
}

static int run_checks(void)
{
    static struct order_pool_cache cache;
    struct tally t = { 0, 0 };

    order_pool_init(&pool);
    order_pool_cache_init(&cache, &pool);
    CHECK(&t, order_pool_cache_count(&cache) == 0);
    check_stats(&t, 0, 0, 0);
    take_all(&t, &cache);
    CHECK(&t, order_pool_cache_flush(&cache) == 0);
    /* the failing cached acquire and the failing plain one */
    check_stats(&t, CAP, CAP, 2);
    give_all(&t, &cache);
    CHECK(&t, order_pool_cache_flush(&cache) > 0);
    CHECK(&t, order_pool_cache_count(&cache) == 0);
    check_stats(&t, 0, CAP, 2);
    check_lifo(&t, &cache);
    order_pool_cache_flush(&cache);
    check_stats(&t, 0, CAP + 4, 2);
    /* After the flushes every object is on the free stack again, each once. */
    for (uint32_t i = 0; i < CAP; i++)
        CHECK(&t, order_pool_acquire(&pool) != NULL);
    CHECK(&t, order_pool_acquire(&pool) == NULL);
    printf("%u checks, %u failed\n", t.checks, t.failed);
    return t.failed == 0 ? 0 : 1;
}

/* Misuse that debug builds must stop: an object released twice through a cache, or one
 * released through a cache and then directly. */
static int misuse(const char *how)
{
    static struct order_pool_cache cache;
    struct order *obj;

    order_pool_init(&pool);
    order_pool_cache_init(&cache, &pool);
    obj = order_pool_acquire_cached(&cache);
    if (strcmp(how, "double-release") == 0) {
        order_pool_release_cached(&cache, obj);
        order_pool_release_cached(&cache, obj);
    } else if (strcmp(how, "cached-then-direct") == 0) {
        order_pool_release_cached(&cache, obj);
        order_pool_release(&pool, obj);
    }
    fprintf(stderr, "misuse '%s' was not caught\n", how);
    return 3;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return misuse(argv[1]);
    return run_checks();
}
