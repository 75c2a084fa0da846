/* One round of the pool benchmark: generated pools (fill: local, quote: shared, directly and
 * through a thread cache) against malloc+free of the same structs, one thread, in CPU time. Prints
 * "name ns_per_op" lines; bench/gen/run.sh builds it twice (instrumented, -DECG_NO_INSTRUMENT),
 * interleaves rounds and takes medians. Usage: bench_pool ROUND OPS (ROUND rotates the order). */
#define _GNU_SOURCE
#include "fill.gen.h"
#include "quote.gen.h"

#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>

#define BURST 64

struct pools {
    struct fill_pool *fills;
    struct quote_pool *quotes;
    struct quote_pool_cache *cache; /* this thread's cache of quotes */
    uint64_t ops;
};

static double per_op(uint64_t start, uint64_t ops)
{
    return (double)(bench_ns(CLOCK_THREAD_CPUTIME_ID) - start) / (double)ops;
}

static double fill_pool_pairs(struct pools *pl)
{
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i++) {
        struct fill *f = fill_pool_acquire(pl->fills);
        f->order_id = i;
        bench_escape(f);
        fill_pool_release(pl->fills, f);
    }
    return per_op(start, pl->ops);
}

static double fill_pool_bursts(struct pools *pl)
{
    struct fill *held[BURST];
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i += BURST) {
        for (int k = 0; k < BURST; k++) {
            held[k] = fill_pool_acquire(pl->fills);
            held[k]->order_id = i + (uint64_t)k;
            bench_escape(held[k]);
        }
        for (int k = 0; k < BURST; k++)
            fill_pool_release(pl->fills, held[k]);
    }
    return per_op(start, pl->ops);
}

static double quote_pool_pairs(struct pools *pl)
{
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i++) {
        struct quote *q = quote_pool_acquire(pl->quotes);
        q->seq = i;
        bench_escape(q);
        quote_pool_release(pl->quotes, q);
    }
    return per_op(start, pl->ops);
}

static double quote_cached_pairs(struct pools *pl)
{
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i++) {
        struct quote *q = quote_pool_acquire_cached(pl->cache);
        q->seq = i;
        bench_escape(q);
        quote_pool_release_cached(pl->cache, q);
    }
    return per_op(start, pl->ops);
}

/* 64 in a row through a cache of 32: every burst refills and spills the cache twice. */
static double quote_cached_bursts(struct pools *pl)
{
    struct quote *held[BURST];
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i += BURST) {
        for (int k = 0; k < BURST; k++) {
            held[k] = quote_pool_acquire_cached(pl->cache);
            held[k]->seq = i + (uint64_t)k;
            bench_escape(held[k]);
        }
        for (int k = 0; k < BURST; k++)
            quote_pool_release_cached(pl->cache, held[k]);
    }
    return per_op(start, pl->ops);
}

static double fill_malloc_pairs(struct pools *pl)
{
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i++) {
        struct fill *f = malloc(sizeof *f);
        if (f == NULL)
            abort();
        f->order_id = i;
        bench_escape(f);
        free(f);
    }
    return per_op(start, pl->ops);
}

static double fill_malloc_bursts(struct pools *pl)
{
    struct fill *held[BURST];
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i += BURST) {
        for (int k = 0; k < BURST; k++) {
            held[k] = malloc(sizeof *held[k]);
            if (held[k] == NULL)
                abort();
            held[k]->order_id = i + (uint64_t)k;
            bench_escape(held[k]);
        }
        for (int k = 0; k < BURST; k++)
            free(held[k]);
    }
    return per_op(start, pl->ops);
}

static double quote_malloc_bursts(struct pools *pl)
{
    struct quote *held[BURST];
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i += BURST) {
        for (int k = 0; k < BURST; k++) {
            held[k] = malloc(sizeof *held[k]);
            if (held[k] == NULL)
                abort();
            held[k]->seq = i + (uint64_t)k;
            bench_escape(held[k]);
        }
        for (int k = 0; k < BURST; k++)
            free(held[k]);
    }
    return per_op(start, pl->ops);
}

static double quote_malloc_pairs(struct pools *pl)
{
    uint64_t start = bench_ns(CLOCK_THREAD_CPUTIME_ID);

    for (uint64_t i = 0; i < pl->ops; i++) {
        struct quote *q = malloc(sizeof *q);
        if (q == NULL)
            abort();
        q->seq = i;
        bench_escape(q);
        free(q);
    }
    return per_op(start, pl->ops);
}

struct bench_case {
    const char *name;
    double (*run)(struct pools *pl);
};

static const struct bench_case cases[] = {
    { "pool_local_pair", fill_pool_pairs },         { "malloc_local_pair", fill_malloc_pairs },
    { "pool_local_burst", fill_pool_bursts },       { "malloc_local_burst", fill_malloc_bursts },
    { "pool_shared_pair", quote_pool_pairs },       { "malloc_shared_pair", quote_malloc_pairs },
    { "pool_cached_pair", quote_cached_pairs },     { "pool_cached_burst", quote_cached_bursts },
    { "malloc_shared_burst", quote_malloc_bursts },
};

#define N_CASES (sizeof cases / sizeof cases[0])

int main(int argc, char **argv)
{
    struct pools pl;
    struct quote_pool_cache cache;
    unsigned long round = argc > 1 ? strtoul(argv[1], NULL, 10) : 0;

    pl.ops = argc > 2 ? strtoull(argv[2], NULL, 10) / BURST * BURST : 4 << 20;
    pl.fills = aligned_alloc(_Alignof(struct fill_pool), sizeof *pl.fills);
    pl.quotes = aligned_alloc(_Alignof(struct quote_pool), sizeof *pl.quotes);
    if (pl.fills == NULL || pl.quotes == NULL || pl.ops == 0)
        return 2;
    fill_pool_init(pl.fills);
    quote_pool_init(pl.quotes);
    quote_pool_cache_init(&cache, pl.quotes);
    pl.cache = &cache;
    bench_pin(0);
    /* warm up every path once, then measure in an order that rotates with the round */
    for (size_t i = 0; i < N_CASES; i++) {
        struct pools warm = pl;
        warm.ops = BURST * 16;
        cases[i].run(&warm);
    }
    for (size_t i = 0; i < N_CASES; i++) {
        const struct bench_case *c = &cases[(i + round) % N_CASES];
        printf("%s %.3f\n", c->name, c->run(&pl));
    }
    quote_pool_cache_flush(&cache);
    free(pl.quotes);
    free(pl.fills);
    return 0;
}
