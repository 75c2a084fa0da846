/* gen_emit_instrument: a pool's counters and hold-time histogram, emitted before the pool that
 * embeds them. The fields exist in every build (one layout for every unit); only the hooks'
 * bodies vanish under -DECG_NO_INSTRUMENT. Hook names (<name>_pool_count_*, _hold_begin/end) are
 * a contract with emit_pool_ops.c. Without a pool nothing is emitted (rings count their own). */
#include "codegen/emit.h"

#include "codegen/emit_pool_tpl.h"

#include <stdio.h>

/* A local pool serves one thread: plain integers. It counts the acquires it serves from its
 * free list in the high half of its state word, in the add that already takes one entry off the
 * list, so no operation stores a counter of its own; fresh is the high-water mark and in_use is
 * fresh less the list's length. Only a failure, or that count's wrap, writes here. */
static const char counters_local[] =
    "\n"
    "/* $n_pool_counters: what instrument(counters) keeps for $n_pool beyond its state word\n"
    " * (whose high 32 bits count the acquires served from the free list). The fields exist in\n"
    " * every build; the hooks update them only when ECG_NO_INSTRUMENT is not defined. A local\n"
    " * pool serves one thread, so they are plain integers. */\n"
    "struct $n_pool_counters {\n"
    "    uint64_t failures;     /* acquires that found every object in use */\n"
    "    uint64_t pops_wrapped; /* times that count of acquires wrapped past 2^32 - 1 */\n"
    "};\n"
    "\n"
    "/* The pool's state word after an acquire from the free list: one entry fewer in the low 32\n"
    " * bits and, counting, one acquire more in the high 32 bits, in one add; the count's carry\n"
    " * (once in 2^32 acquires) goes to k->pops_wrapped. */\n"
    "static inline uint64_t $n_pool_count_pop(struct $n_pool_counters *k, uint64_t state)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)k;\n"
    "    return state - 1;\n"
    "#else\n"
    "    uint64_t next = state + UINT32_MAX;\n"
    "\n"
    "    if (next < state)\n"
    "        k->pops_wrapped++;\n"
    "    return next;\n"
    "#endif\n"
    "}\n"
    "\n"
    "static inline void $n_pool_count_failure(struct $n_pool_counters *k)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)k;\n"
    "#else\n"
    "    k->failures++;\n"
    "#endif\n"
    "}\n";

/* A shared pool counts nothing an operation would pay for: acquires are the tag of the head
 * that every acquire already moves, in_use the capacity less the free stack's length (walked
 * by the stats), releases their difference. Only failures (a slow path) and a new high-water
 * mark (at most capacity times in all) write a counter; each has its own cache line. */
static const char counters_shared_struct[] =
    "\n"
    "/* $n_pool_counters: what instrument(counters) keeps for $n_pool beyond what its free stack\n"
    " * tells (acquires are counted by the head's tag, objects in use by the stack's length). The\n"
    " * fields exist in every build; the hooks update them only when ECG_NO_INSTRUMENT is not\n"
    " * defined. Every thread may write them: relaxed atomics, each on its own cache line. */\n"
    "struct $n_pool_counters {\n"
    "    _Alignas(64) _Atomic uint64_t failures; /* acquires that found every object in use */\n"
    "    char pad_failures[56];\n"
    "    _Atomic uint64_t high_water; /* the most objects off the free stack at once */\n"
    "    char pad_high_water[56];\n"
    "    /* What the thread caches reported at their refills and flushes: the objects\n"
    "     * they held in the low $b bits, above them the acquires they served less the objects\n"
    "     * they popped from the free stack (which the head's tag counted), modulo 2^(64 - $b) */\n"
    "    _Atomic uint64_t cache_flow;\n"
    "    char pad_cache_flow[56];\n"
    "};\n";

/* The free stack starts as 0, 1, ... capacity - 1 and released objects go on top, so objects
 * never acquired stay at its bottom in index order: index i is first acquired when every object
 * below it is in use, and the high-water mark is one more than the highest index acquired. */
static const char counters_shared_hooks[] =
    "\n"
    "/* The high-water mark as it stands, for $n_pool_count_acquire (0 under\n"
    " * -DECG_NO_INSTRUMENT). An acquire reads it before its compare-exchange, where the load\n"
    " * overlaps the rest (after a locked instruction it would wait for it), and then checks it\n"
    " * with no load at all. */\n"
    "static inline uint64_t $n_pool_high_water_seen(struct $n_pool_counters *k)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)k;\n"
    "    return 0;\n"
    "#else\n"
    "    /* relaxed: no pair; high_water only grows, and a stale value only sends\n"
    "     * $n_pool_count_acquire to its compare-exchange, which reloads it */\n"
    "    return atomic_load_explicit(&k->high_water, memory_order_relaxed);\n"
    "#endif\n"
    "}\n"
    "\n"
    "/* Counts the acquire of objects[index], given seen, the high-water mark read before it: a\n"
    " * new mark when index is the highest acquired yet (objects never acquired sit at the free\n"
    " * stack's bottom in index order, so index is first acquired when the index objects below\n"
    " * it are all in use). The mark only grows, so seen > index means nothing to do. */\n"
    "static inline void $n_pool_count_acquire(struct $n_pool_counters *k, uint32_t index,\n"
    "                                         uint64_t seen)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)k;\n"
    "    (void)index;\n"
    "    (void)seen;\n"
    "#else\n"
    "    /* relaxed (both): no pair; high_water only grows, through this compare-exchange */\n"
    "    while (seen <= index &&\n"
    "           !atomic_compare_exchange_weak_explicit(&k->high_water, &seen, (uint64_t)index + "
    "1,\n"
    "                                                  memory_order_relaxed, "
    "memory_order_relaxed))\n"
    "        continue;\n"
    "#endif\n"
    "}\n"
    "\n"
    "static inline void $n_pool_count_failure(struct $n_pool_counters *k)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)k;\n"
    "#else\n"
    "    /* relaxed: a statistic with no pair */\n"
    "    atomic_fetch_add_explicit(&k->failures, 1, memory_order_relaxed);\n"
    "#endif\n"
    "}\n"
    "\n"
    "/* Counts what a thread cache did since it last reported: flow, the acquires it served less\n"
    " * the objects it popped from the free stack, and moved_in, how many more objects it holds\n"
    " * (both modulo 2^64). One add per refill or flush (a spill leaves its report to the next\n"
    " * of them); cached acquires and releases themselves count nothing. */\n"
    "static inline void $n_pool_count_cache(struct $n_pool_counters *k, uint64_t flow,\n"
    "                                       uint64_t moved_in)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)k;\n"
    "    (void)flow;\n"
    "    (void)moved_in;\n"
    "#else\n"
    "    uint64_t add = (flow << $b) + moved_in;\n"
    "\n"
    "    /* relaxed: a statistic with no pair */\n"
    "    atomic_fetch_add_explicit(&k->cache_flow, add, memory_order_relaxed);\n"
    "#endif\n"
    "}\n";

static const char latency_intro[] =
    "\n"
    "/* One hold in $N_POOL_HOLD_EVERY is timed (1 times them all; define it before including\n"
    " * this header to change it; a power of two costs a mask). */\n"
    "#ifndef $N_POOL_HOLD_EVERY\n"
    "#define $N_POOL_HOLD_EVERY 64u\n"
    "#endif\n"
    "\n"
    "/* $n_pool_latency: what instrument(latency) keeps for $n_pool: how long objects are held,\n"
    " * from the acquire that returns one to its release, in ecgrt_clock_ticks() units (convert\n"
    " * with ecgrt_clock_ticks_to_ns). A timed hold costs two clock reads and one histogram\n"
    " * record; the others a store and a test. The fields exist in every build; the hooks\n"
    " * record only when ECG_NO_INSTRUMENT is not defined. */\n"
    "struct $n_pool_latency {\n";

static const char latency_shared_fields[] =
    "    _Atomic uint32_t busy; /* 1 while a release records into hold or a reader copies it */\n"
    "    char pad_busy[60];\n"
    "    _Atomic uint64_t dropped; /* samples not recorded because hold was busy */\n";

static const char latency_hold_begin_local[] =
    "\n"
    "static inline void $n_pool_hold_begin(struct $n_pool_latency *l, uint32_t index)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)l;\n"
    "    (void)index;\n"
    "#else\n"
    "    l->since[index] = l->round % $N_POOL_HOLD_EVERY == 0 ? ecgrt_clock_ticks() : 0;\n"
    "    l->round++;\n"
    "#endif\n"
    "}\n";

/* A shared pool has no cheap counter of its own to sample by: the head's tag counts acquires. */
static const char latency_hold_begin_shared[] =
    "\n"
    "static inline void $n_pool_hold_begin(struct $n_pool_latency *l, uint32_t index, uint64_t "
    "seq)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)l;\n"
    "    (void)index;\n"
    "    (void)seq;\n"
    "#else\n"
    "    l->since[index] = seq % $N_POOL_HOLD_EVERY == 0 ? ecgrt_clock_ticks() : 0;\n"
    "#endif\n"
    "}\n";

static const char latency_hold_end_local[] =
    "\n"
    "static inline void $n_pool_hold_end(struct $n_pool_latency *l, uint32_t index)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)l;\n"
    "    (void)index;\n"
    "#else\n"
    "    uint64_t since = l->since[index];\n"
    "    uint64_t now;\n"
    "\n"
    "    if (since == 0)\n"
    "        return;\n"
    "    now = ecgrt_clock_ticks();\n"
    "    ecgrt_hist_record(&l->hold.hist, now > since ? now - since : 0);\n"
    "#endif\n"
    "}\n";

/* The histogram has one writer at a time: a release that finds it busy drops its sample
 * rather than wait, so release never blocks. */
static const char latency_hold_end_shared[] =
    "\n"
    "static inline void $n_pool_hold_end(struct $n_pool_latency *l, uint32_t index)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)l;\n"
    "    (void)index;\n"
    "#else\n"
    "    uint64_t since = l->since[index];\n"
    "    uint64_t now;\n"
    "\n"
    "    if (since == 0)\n"
    "        return;\n"
    "    now = ecgrt_clock_ticks();\n"
    "    /* acquire: pairs with the release that ends the previous record or copy of hold */\n"
    "    if (atomic_exchange_explicit(&l->busy, 1, memory_order_acquire) != 0) {\n"
    "        /* relaxed: a statistic with no pair */\n"
    "        atomic_fetch_add_explicit(&l->dropped, 1, memory_order_relaxed);\n"
    "        return;\n"
    "    }\n"
    "    ecgrt_hist_record(&l->hold.hist, now > since ? now - since : 0);\n"
    "    /* release: pairs with the acquire exchange of the next writer or reader of hold */\n"
    "    atomic_store_explicit(&l->busy, 0, memory_order_release);\n"
    "#endif\n"
    "}\n";

static const char latency_copy_decl[] =
    "\n"
    "struct $n_pool;\n"
    "\n"
    "/* Copies the hold-time histogram of p (ecgrt_clock_ticks() units) into out. Returns 0, or\n"
    " * -1 when a release of a shared pool was recording at that moment (out is untouched; try\n"
    " * again). Under -DECG_NO_INSTRUMENT the histogram stays empty. */\n"
    "int $n_pool_latency(struct ecgrt_hist *out, struct $n_pool *p);\n";

static const char latency_copy_local[] =
    "\n"
    "int $n_pool_latency(struct ecgrt_hist *out, struct $n_pool *p)\n"
    "{\n"
    "    *out = p->latency.hold.hist;\n"
    "    return 0;\n"
    "}\n";

static const char latency_copy_shared[] =
    "\n"
    "int $n_pool_latency(struct ecgrt_hist *out, struct $n_pool *p)\n"
    "{\n"
    "    /* acquire: pairs with the release at the end of $n_pool_hold_end */\n"
    "    if (atomic_exchange_explicit(&p->latency.busy, 1, memory_order_acquire) != 0)\n"
    "        return -1;\n"
    "    *out = p->latency.hold.hist;\n"
    "    /* release: pairs with the acquire exchange in $n_pool_hold_end */\n"
    "    atomic_store_explicit(&p->latency.busy, 0, memory_order_release);\n"
    "    return 0;\n"
    "}\n";

static int is_shared(const struct gen_struct *s)
{
    return s->options.pool_sharing == GEN_POOL_SHARED;
}

static size_t round_up(size_t n, size_t align)
{
    return (n + align - 1) / align * align;
}

/* Each region starts at a multiple of the pool's alignment and the histogram sits in a union
 * with a char array rounded up to it, so neither this struct nor the pool that ends with it
 * needs implicit padding, whatever sizeof(struct ecgrt_hist) is (-Wpadded). */
static void emit_latency_struct(struct gen_text *h, const struct gen_struct *s, size_t align)
{
    size_t since = (size_t)s->options.pool_capacity * 8;
    size_t shared = GEN_CACHE_LINE + 8; /* busy's line, then dropped */
    unsigned long capacity = (unsigned long)s->options.pool_capacity;
    const char *since_note = "/* ticks at the acquire of objects[i]; 0: not timed */";

    gen_emit_pool_tpl_write(h, latency_intro, s);
    if (is_shared(s)) {
        gen_text_printf(h, "    _Alignas(%zu) uint64_t since[%lu]; %s\n", align, capacity,
                        since_note);
    } else {
        gen_text_printf(h, "    _Alignas(%zu) uint64_t round; /* acquires seen */\n", align);
        gen_text_printf(h, "    uint64_t since[%lu]; %s\n", capacity, since_note);
        since += 8;
    }
    if (round_up(since, align) != since)
        gen_text_printf(h, "    char pad_since[%zu];\n", round_up(since, align) - since);
    if (is_shared(s)) {
        gen_text_puts(h, latency_shared_fields);
        gen_text_printf(h, "    char pad_dropped[%zu];\n", round_up(shared, align) - shared);
    }
    gen_text_printf(h,
                    "    union {\n"
                    "        struct ecgrt_hist hist; /* hold times in ticks */\n"
                    "        char lines[(sizeof(struct ecgrt_hist) + %zu) / %zu * %zu];\n"
                    "    } hold;\n"
                    "};\n"
                    "\n",
                    align - 1, align, align);
    gen_text_printf(
        h,
        "_Static_assert(_Alignof(struct ecgrt_hist) <= %zu, \"hold starts at a multiple "
        "of its alignment\");\n",
        align);
}

static void emit_latency(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                         const struct gen_layout *layout)
{
    emit_latency_struct(h, s, gen_emit_pool_tpl_align(s, layout));
    gen_emit_pool_tpl_write(h, is_shared(s) ? latency_hold_begin_shared : latency_hold_begin_local,
                            s);
    gen_emit_pool_tpl_write(h, is_shared(s) ? latency_hold_end_shared : latency_hold_end_local, s);
    gen_emit_pool_tpl_write(h, latency_copy_decl, s);
    gen_emit_pool_tpl_write(c, is_shared(s) ? latency_copy_shared : latency_copy_local, s);
}

int gen_emit_instrument(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                        const struct gen_layout *layout)
{
    const struct gen_options *o = &s->options;

    if (o->pool_capacity != 0 && o->counters) {
        if (is_shared(s)) {
            gen_emit_pool_tpl_write(h, counters_shared_struct, s);
            gen_emit_pool_tpl_write(h, counters_shared_hooks, s);
        } else {
            gen_emit_pool_tpl_write(h, counters_local, s);
        }
    }
    if (o->pool_capacity != 0 && o->latency)
        emit_latency(h, c, s, layout);
    if (gen_text_status(h) != 0)
        return gen_text_status(h);
    return gen_text_status(c);
}
