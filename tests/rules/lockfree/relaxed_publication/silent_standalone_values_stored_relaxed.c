#include <stdatomic.h>
#include <time.h>

/* Values stored relaxed that guard nothing: a cached clock, statistics reset to zero, a
 * status code of zero. Readers use each value on its own. */
struct server_state {
    long long ustime;
    long long mstime;
    _Atomic long long unixtime;
    long long numcommands;
    long long expiredkeys;
    _Atomic long long net_input_bytes;
    int aof_state;
    _Atomic int fsync_status;
};

static struct server_state server;

void update_cached_time(void)
{
    long long now = (long long)time(NULL);
    server.ustime = now * 1000000;
    server.mstime = now * 1000;
    atomic_store_explicit(&server.unixtime, now, memory_order_relaxed);
}

void reset_stats(void)
{
    server.numcommands = 0;
    server.expiredkeys = 0;
    atomic_store_explicit(&server.net_input_bytes, 0, memory_order_relaxed);
}

void stop_append_only(void)
{
    server.aof_state = 0;
    atomic_store_explicit(&server.fsync_status, 0, memory_order_relaxed);
}

/* The index form needs a slot written with the index published. */
struct ring {
    int slots[64];
    unsigned scratch[4];
    _Atomic unsigned tail;
};

void ring_note(struct ring *r, unsigned t, unsigned k)
{
    r->scratch[k & 3] = t;
    atomic_store_explicit(&r->tail, t + 1, memory_order_relaxed);
}
