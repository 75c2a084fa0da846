/* The generated code of examples/gen in use: fills from their pool, ticks through their
 * ring, and per-thread counters on cache lines of their own. Exits 0 when all behave. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "book_stats.gen.h"
#include "fill.gen.h"
#include "tick.gen.h"

static struct fill_pool fills;
static struct tick_ring ticks;
static struct book_stats stats;

static int use_pool(void)
{
    struct fill *f = fill_pool_acquire(&fills);

    if (f == NULL)
        return 1;
    memcpy(f->venue, "XNAS", 5);
    f->order_id = 42;
    f->price = 101250;
    f->qty = 300;
    atomic_fetch_add_explicit(&stats.fills, 1, memory_order_relaxed);
    fill_pool_release(&fills, f);
    return 0;
}

static int use_ring(void)
{
    struct tick in = { 0 };
    struct tick out = { 0 };

    in.seq = 7;
    in.price = 99;
    if (!tick_ring_push(&ticks, &in) || !tick_ring_pop(&out, &ticks))
        return 1;
    return out.seq == 7 && out.price == 99 ? 0 : 1;
}

int main(void)
{
    int failed;

    fill_pool_init(&fills);
    tick_ring_init(&ticks);
    atomic_init(&stats.orders_sent, 0);
    atomic_init(&stats.fills, 0);
    atomic_init(&stats.cancels_sent, 0);
    failed = use_pool() + use_ring();
    printf("struct fill: %zu bytes, struct tick: %zu bytes, struct book_stats: %zu bytes\n",
           sizeof(struct fill), sizeof(struct tick), sizeof(struct book_stats));
    return failed == 0 ? 0 : 1;
}
