/* The operations of a generated pool. Local: a stack of free objects' byte offsets in front of
 * the objects never acquired yet, its length and the acquire count in one state word, no
 * atomics. Shared: a Treiber
 * stack of indices whose 64-bit head packs the top index with a tag that every acquire bumps,
 * so a head that returns to the same index after an acquire compares unequal and ABA cannot
 * happen (short of 2^(64 - index bits) >= 2^32 acquires between one thread's load and its
 * compare-exchange). The tag doubles as the acquire counter of instrument(counters). */
#include "codegen/emit_pool_ops.h"

#include "codegen/emit_pool_tpl.h"

#include <stdint.h>

/* Shared by both kinds: the checked index of a released pointer. */
static const char index_of[] =
    "\n"
    "/* The index of obj in p; debug builds assert that obj is one of p's objects. The pointer\n"
    " * difference is exact, so the compiler divides by the object size with a multiplication. */\n"
    "static inline uint32_t $n_pool_index(const struct $n_pool *p, const struct $n *obj)\n"
    "{\n"
    "    assert((uintptr_t)obj >= (uintptr_t)p->objects &&\n"
    "           (uintptr_t)obj - (uintptr_t)p->objects < sizeof p->objects &&\n"
    "           ((uintptr_t)obj - (uintptr_t)p->objects) % sizeof *obj == 0);\n"
    "    return (uint32_t)(obj - p->objects);\n"
    "}\n";

/* Local pools: a stack of free objects (free_list, the one released last on top) in front of the
 * objects never acquired, which fresh counts off in address order: init is O(1) in the objects,
 * and fresh is the high-water mark (the stack is empty whenever a fresh object is taken, so
 * every object taken before it is in use at that moment). The stack's length sits in the low 32
 * bits of a state word whose high 32 bits count the acquires served from the stack: an acquire
 * adds 2^32 - 1 where an uncounted pool subtracts 1, so counting costs no load or store. */
static const char local_claim[] =
    "\n"
    "/* Debug builds: asserts that obj is one of p's objects and free, and marks it acquired. */\n"
    "static inline void $n_pool_claim(struct $n_pool *p, const struct $n *obj)\n"
    "{\n"
    "#ifdef NDEBUG\n"
    "    (void)p;\n"
    "    (void)obj;\n"
    "#else\n"
    "    uint32_t index = $n_pool_index(p, obj);\n"
    "\n"
    "    assert(p->owned[index] == 0);\n"
    "    p->owned[index] = 1;\n"
    "#endif\n"
    "}\n"
    "\n"
    "/* Debug builds: asserts that obj is one of p's objects and acquired (not released twice,\n"
    " * not foreign), and marks it free. */\n"
    "static inline void $n_pool_unclaim(struct $n_pool *p, const struct $n *obj)\n"
    "{\n"
    "#ifdef NDEBUG\n"
    "    (void)p;\n"
    "    (void)obj;\n"
    "#else\n"
    "    uint32_t index = $n_pool_index(p, obj);\n"
    "\n"
    "    assert(p->owned[index] == 1);\n"
    "    p->owned[index] = 0;\n"
    "#endif\n"
    "}\n"
    "\n"
    "/* The slow path of $n_pool_acquire, when no released object is free: the first object never\n"
    " * acquired, or NULL when there is none. */\n"
    "static inline struct $n *$n_pool_take_fresh(struct $n_pool *p)\n"
    "{\n"
    "    struct $n *obj;\n"
    "\n"
    "    if (p->fresh == $N_POOL_CAPACITY)\n"
    "        return NULL;\n"
    "    obj = &p->objects[p->fresh];\n"
    "    p->fresh++;\n"
    "    return obj;\n"
    "}\n";

/* The free stack's entries as byte offsets: using one is an add, making one a subtraction. */
static const char local_offsets[] =
    "\n"
    "/* The object whose entry in p's free list is entry: its byte offset in objects (all $c\n"
    " * objects lie within 4 GiB of the first), so taking it costs an add, not a multiply. */\n"
    "static inline struct $n *$n_pool_at(struct $n_pool *p, uint32_t entry)\n"
    "{\n"
    "    return (struct $n *)(void *)((char *)p->objects + entry);\n"
    "}\n"
    "\n"
    "/* The entry in p's free list of obj, one of p's objects: its byte offset in objects. */\n"
    "static inline uint32_t $n_pool_entry(const struct $n_pool *p, const struct $n *obj)\n"
    "{\n"
    "    return (uint32_t)((const char *)obj - (const char *)p->objects);\n"
    "}\n";

/* Pools whose objects span more than 4 GiB: the entries are indices. */
static const char local_indices[] =
    "\n"
    "/* The object whose entry in p's free list is entry: its index (the objects span more than\n"
    " * 4 GiB, more than a 32-bit byte offset reaches). */\n"
    "static inline struct $n *$n_pool_at(struct $n_pool *p, uint32_t entry)\n"
    "{\n"
    "    return &p->objects[entry];\n"
    "}\n"
    "\n"
    "/* The entry in p's free list of obj, one of p's objects: its index. */\n"
    "static inline uint32_t $n_pool_entry(const struct $n_pool *p, const struct $n *obj)\n"
    "{\n"
    "    return $n_pool_index(p, obj);\n"
    "}\n";

static const char local_ops[] =
    "\n"
    "/* Takes a free object of p in O(1): the one released last, else the first never acquired.\n"
    " * Returns NULL when all $c are in use (a failure, counted with instrument(counters)). The\n"
    " * object holds what its last user left there. A local pool serves one thread: no call may\n"
    " * race with another on p. */\n"
    "ECG_NONBLOCKING static inline struct $n *$n_pool_acquire(struct $n_pool *p)\n"
    "{\n"
    "    uint64_t state = p->state;\n"
    "    uint32_t stacked = (uint32_t)state;\n"
    "    struct $n *obj;\n"
    "\n"
    "    if (stacked != 0) {\n"
    "        obj = $n_pool_at(p, p->free_list[stacked - 1]);\n"
    "?c        p->state = $n_pool_count_pop(&p->counters, state);\n"
    "?u        p->state = state - 1;\n"
    "    } else {\n"
    "        obj = $n_pool_take_fresh(p);\n"
    "        if (obj == NULL) {\n"
    "?c            $n_pool_count_failure(&p->counters);\n"
    "            return NULL;\n"
    "        }\n"
    "    }\n"
    "    $n_pool_claim(p, obj);\n"
    "?l    $n_pool_hold_begin(&p->latency, $n_pool_index(p, obj));\n"
    "    return obj;\n"
    "}\n"
    "\n"
    "/* Gives obj, which $n_pool_acquire returned, back to p in O(1). obj must not be used after.\n"
    " * Debug builds assert that obj is p's and acquired (not released twice, not foreign). */\n"
    "ECG_NONBLOCKING static inline void $n_pool_release(struct $n_pool *p, struct $n *obj)\n"
    "{\n"
    "    uint64_t state = p->state;\n"
    "\n"
    "    $n_pool_unclaim(p, obj);\n"
    "    assert((uint32_t)state < p->fresh);\n"
    "?l    $n_pool_hold_end(&p->latency, $n_pool_index(p, obj));\n"
    "    p->free_list[(uint32_t)state] = $n_pool_entry(p, obj);\n"
    "    p->state = state + 1;\n"
    "}\n";

static const char local_init[] = "\n"
                                 "void $n_pool_init(struct $n_pool *p)\n"
                                 "{\n"
                                 "    p->state = 0;\n"
                                 "    p->fresh = 0;\n"
                                 "    for (uint32_t i = 0; i < $N_POOL_CAPACITY; i++) {\n"
                                 "#ifndef NDEBUG\n"
                                 "        p->owned[i] = 0;\n"
                                 "#endif\n"
                                 "?l        p->latency.since[i] = 0;\n"
                                 "    }\n"
                                 "?l    p->latency.round = 0;\n"
                                 "?c    p->counters.failures = 0;\n"
                                 "?c    p->counters.pops_wrapped = 0;\n"
                                 "?l    ecgrt_hist_init(&p->latency.hold.hist);\n"
                                 "}\n";

static const char local_stats[] =
    "\n"
    "void $n_pool_stats(struct $n_pool_stats *out, const struct $n_pool *p)\n"
    "{\n"
    "    uint32_t stacked = (uint32_t)p->state;\n"
    "    struct $n_pool_stats st = { $N_POOL_CAPACITY, p->fresh - stacked, 0, 0, 0, 0, 0, 0, 0 };\n"
    "\n"
    "?c#ifndef ECG_NO_INSTRUMENT\n"
    "?c    /* every fresh object was acquired once; the state's high half and pops_wrapped count\n"
    "?c     * the acquires served from the free list */\n"
    "?c    st.acquires = p->fresh + (p->counters.pops_wrapped << 32) + (p->state >> 32);\n"
    "?c    st.releases = st.acquires - st.in_use;\n"
    "?c    st.high_water = p->fresh;\n"
    "?c    st.failures = p->counters.failures;\n"
    "?c    st.counting = 1;\n"
    "?c#endif\n"
    "    *out = st;\n"
    "}\n";

static const char shared_acquire[] =
    "\n"
    "/* Takes a free object of p in O(1) (lock-free: a compare-exchange retried only when another\n"
    " * thread changed the free stack meanwhile): the one released last. Returns NULL when all $c\n"
    " * are in use (a failure, counted with instrument(counters)). Any thread may call it. */\n"
    "ECG_NONBLOCKING static inline struct $n *$n_pool_acquire(struct $n_pool *p)\n"
    "{\n"
    "    /* acquire: pairs with the release compare-exchanges in $n_pool_release and\n"
    "     * $n_pool_push_chain, so next[] and the objects' contents written before are visible */\n"
    "    uint64_t head = atomic_load_explicit(&p->head, memory_order_acquire);\n"
    "?c    uint64_t high_water = $n_pool_high_water_seen(&p->counters);\n"
    "    uint64_t desired;\n"
    "    uint32_t index;\n"
    "\n"
    "    do {\n"
    "        index = (uint32_t)(head & $N_POOL_INDEX_MASK);\n"
    "        if (index == $N_POOL_CAPACITY) {\n"
    "?c            $n_pool_count_failure(&p->counters);\n"
    "            return NULL;\n"
    "        }\n"
    "        /* relaxed: ordered by the acquire load of head, which pairs with the release that\n"
    "         * pushed index; a value changed since makes the compare-exchange fail (new tag) */\n"
    "        desired = atomic_load_explicit(&p->next[index], memory_order_relaxed);\n"
    "        desired |= ((head >> $N_POOL_INDEX_BITS) + 1) << $N_POOL_INDEX_BITS;\n"
    "        /* acquire (success and failure): pairs with the release compare-exchanges in\n"
    "         * $n_pool_release and $n_pool_push_chain, as for the load of head above */\n"
    "    } while (!atomic_compare_exchange_weak_explicit(&p->head, &head, desired,\n"
    "                                                    memory_order_acquire, "
    "memory_order_acquire));\n"
    "    $n_pool_mark(p, index, $N_POOL_FREE, $N_POOL_ACQUIRED);\n"
    "?c    $n_pool_count_acquire(&p->counters, index, high_water);\n"
    "?l    $n_pool_hold_begin(&p->latency, index, desired >> $N_POOL_INDEX_BITS);\n"
    "    return &p->objects[index];\n"
    "}\n";

static const char shared_owned[] =
    "\n"
    "/* Debug builds: where objects[i] is, in owned[i]: on the free stack, acquired by a user, or\n"
    " * held by a thread's $n_pool_cache. */\n"
    "#define $N_POOL_FREE 0u\n"
    "#define $N_POOL_ACQUIRED 1u\n"
    "#define $N_POOL_CACHED 2u\n"
    "\n"
    "/* Debug builds: moves objects[index] from the state from to the state to, and asserts that\n"
    " * it was in from: releasing an object twice, or one still in a cache, fails here. */\n"
    "static inline void $n_pool_mark(struct $n_pool *p, uint32_t index, unsigned from,\n"
    "                                unsigned to)\n"
    "{\n"
    "#ifdef NDEBUG\n"
    "    (void)p;\n"
    "    (void)index;\n"
    "    (void)from;\n"
    "    (void)to;\n"
    "#else\n"
    "    /* relaxed: a debug flag with no pair; the head's compare-exchanges order the handover "
    "*/\n"
    "    unsigned was = atomic_exchange_explicit(&p->owned[index], (unsigned char)to,\n"
    "                                            memory_order_relaxed);\n"
    "\n"
    "    assert(was == from);\n"
    "    (void)was;\n"
    "    (void)from;\n"
    "#endif\n"
    "}\n";

static const char shared_release[] =
    "\n"
    "/* Gives obj, which $n_pool_acquire returned, back to p in O(1) (lock-free). obj must not be\n"
    " * used after. Any thread may call it. Debug builds assert that obj is p's and acquired. */\n"
    "ECG_NONBLOCKING static inline void $n_pool_release(struct $n_pool *p, struct $n *obj)\n"
    "{\n"
    "    uint32_t index = $n_pool_index(p, obj);\n"
    "    /* relaxed: no pair; only the top index is read, and the compare-exchange checks it */\n"
    "    uint64_t head = atomic_load_explicit(&p->head, memory_order_relaxed);\n"
    "\n"
    "    $n_pool_mark(p, index, $N_POOL_ACQUIRED, $N_POOL_FREE);\n"
    "?l    $n_pool_hold_end(&p->latency, index);\n"
    "    do {\n"
    "        /* relaxed: no pair of its own; the release compare-exchange below publishes it */\n"
    "        atomic_store_explicit(&p->next[index], (uint32_t)(head & $N_POOL_INDEX_MASK),\n"
    "                              memory_order_relaxed);\n"
    "        /* release: pairs with the acquire load and compare-exchange in $n_pool_acquire\n"
    "         * and $n_pool_pop_chain.\n"
    "         * Relaxed on failure, no pair: the reloaded head only goes into next[index] */\n"
    "    } while (!atomic_compare_exchange_weak_explicit(&p->head, &head,\n"
    "                                                    (head & ~$N_POOL_INDEX_MASK) | index,\n"
    "                                                    memory_order_release, "
    "memory_order_relaxed));\n"
    "}\n";

static const char shared_init[] = "\n"
                                  "void $n_pool_init(struct $n_pool *p)\n"
                                  "{\n"
                                  "    for (uint32_t i = 0; i < $N_POOL_CAPACITY; i++) {\n"
                                  "        atomic_init(&p->next[i], i + 1);\n"
                                  "#ifndef NDEBUG\n"
                                  "        atomic_init(&p->owned[i], 0);\n"
                                  "#endif\n"
                                  "?l        p->latency.since[i] = 0;\n"
                                  "    }\n"
                                  "    atomic_init(&p->head, 0);\n"
                                  "?c    atomic_init(&p->counters.failures, 0);\n"
                                  "?c    atomic_init(&p->counters.high_water, 0);\n"
                                  "?l    atomic_init(&p->latency.busy, 0);\n"
                                  "?l    atomic_init(&p->latency.dropped, 0);\n"
                                  "?l    ecgrt_hist_init(&p->latency.hold.hist);\n"
                                  "}\n";

/* Only written when something is counted or timed; static inline in the header, so a build
 * where -DECG_NO_INSTRUMENT leaves it unused stays warning-free under clang too. */
static const char shared_peek[] =
    "\n"
    "/* One statistic of a shared pool, read on its own. */\n"
    "static inline uint64_t $n_pool_peek(const _Atomic uint64_t *counter)\n"
    "{\n"
    "    /* relaxed: a statistic with no pair; a snapshot of several is only approximate */\n"
    "    return atomic_load_explicit(counter, memory_order_relaxed);\n"
    "}\n";

/* Only written with instrument(counters): the in-use count of a shared pool is the capacity
 * less the free stack's length, so no operation pays for counting it. */
static const char shared_free_count[] =
    "\n"
    "#ifndef ECG_NO_INSTRUMENT\n"
    "/* Objects on p's free stack whose top is the index in head, counted along next[] (at most\n"
    " * $c links). Exact at rest; while other threads use p, only approximate. */\n"
    "static uint64_t $n_pool_free_count(const struct $n_pool *p, uint64_t head)\n"
    "{\n"
    "    uint32_t index = (uint32_t)(head & $N_POOL_INDEX_MASK);\n"
    "    uint64_t n = 0;\n"
    "\n"
    "    while (index < $N_POOL_CAPACITY && n < $N_POOL_CAPACITY) {\n"
    "        /* relaxed: a statistic with no pair; a stale link makes the count approximate */\n"
    "        index = atomic_load_explicit(&p->next[index], memory_order_relaxed);\n"
    "        n++;\n"
    "    }\n"
    "    return n;\n"
    "}\n"
    "#endif\n";

static const char shared_stats[] =
    "\n"
    "void $n_pool_stats(struct $n_pool_stats *out, const struct $n_pool *p)\n"
    "{\n"
    "    struct $n_pool_stats st = { $N_POOL_CAPACITY, 0, 0, 0, 0, 0, 0, 0, 1 };\n"
    "\n"
    "?c#ifndef ECG_NO_INSTRUMENT\n"
    "?c    uint64_t head = $n_pool_peek(&p->head);\n"
    "?c    uint64_t flow = $n_pool_peek(&p->counters.cache_flow);\n"
    "?c    uint64_t idle = $n_pool_free_count(p, head) + (flow & $N_POOL_INDEX_MASK);\n"
    "?c    uint64_t tag = head >> $N_POOL_INDEX_BITS;\n"
    "?c\n"
    "?c    /* the head's tag counts the objects popped from the free stack, the caches' reports\n"
    "?c     * turn the ones popped into caches into the acquires the caches served */\n"
    "?c    st.acquires = (tag + (flow >> $N_POOL_INDEX_BITS)) & $N_POOL_COUNT_MASK;\n"
    "?c    st.in_use = idle < $N_POOL_CAPACITY ? $N_POOL_CAPACITY - idle : 0;\n"
    "?c    st.releases = (st.acquires - st.in_use) & $N_POOL_COUNT_MASK;\n"
    "?c    st.high_water = $n_pool_peek(&p->counters.high_water);\n"
    "?c    st.failures = $n_pool_peek(&p->counters.failures);\n"
    "?c    st.counting = 1;\n"
    "?c#else\n"
    "?c    (void)p;\n"
    "?c#endif\n"
    "?l    st.latency_dropped = $n_pool_peek(&p->latency.dropped);\n"
    "?0    (void)p;\n"
    "    *out = st;\n"
    "}\n";

static void write_local(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                        const struct gen_layout *layout)
{
    gen_emit_pool_tpl_write(h, local_claim, s);
    if (gen_emit_pool_ops_offsets(s, layout))
        gen_emit_pool_tpl_write(h, local_offsets, s);
    else
        gen_emit_pool_tpl_write(h, local_indices, s);
    gen_emit_pool_tpl_write(h, local_ops, s);
    gen_emit_pool_tpl_write(c, local_init, s);
    gen_emit_pool_tpl_write(c, local_stats, s);
}

int gen_emit_pool_ops_offsets(const struct gen_struct *s, const struct gen_layout *layout)
{
    uint64_t capacity = s->options.pool_capacity;

    return capacity == 0 || (capacity - 1) * (uint64_t)layout->size <= UINT32_MAX;
}

void gen_emit_pool_ops_write(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                             const struct gen_layout *layout)
{
    gen_emit_pool_tpl_write(h, index_of, s);
    if (s->options.pool_sharing == GEN_POOL_SHARED) {
        gen_emit_pool_tpl_write(h, shared_owned, s);
        gen_emit_pool_tpl_write(h, shared_acquire, s);
        gen_emit_pool_tpl_write(h, shared_release, s);
        gen_emit_pool_tpl_write(c, shared_init, s);
        if (s->options.counters || s->options.latency)
            gen_emit_pool_tpl_write(h, shared_peek, s);
        if (s->options.counters)
            gen_emit_pool_tpl_write(c, shared_free_count, s);
        gen_emit_pool_tpl_write(c, shared_stats, s);
    } else {
        write_local(h, c, s, layout);
    }
}
