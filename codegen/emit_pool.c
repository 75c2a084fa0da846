/* gen_emit_pool: the fixed-capacity object pool of a generated struct, struct <name>_pool with
 * its objects held inline (the caller provides the storage, so nothing is ever allocated), laid
 * out with explicit padding members so -Wpadded stays clean and every offset is asserted. The
 * operations themselves are written by emit_pool_ops.c. */
#include "codegen/emit.h"

#include "codegen/emit_pool_cache.h"
#include "codegen/emit_pool_ops.h"
#include "codegen/emit_pool_tpl.h"

/* The pool struct being written: the byte offset reached and the largest alignment so far. */
struct frame {
    struct gen_text *h;
    size_t offset; /* bytes */
    size_t align;  /* bytes */
    unsigned pads; /* padding members written, to name the next one */
};

static const char pool_intro[] =
    "\n"
    "/* $n_pool: $c struct $n objects held inline. Acquire and release are O(1), never\n"
    " * allocate, lock or wait (marked ECG_NONBLOCKING, which ecg check verifies). Place the pool\n"
    " * in static storage or allocate it once, aligned (aligned_alloc(_Alignof(struct $n_pool),\n"
    " * sizeof(struct $n_pool))), then call $n_pool_init; nothing needs releasing after. The free\n"
    " * list is a stack (LIFO): the object released last is acquired next, while its cache lines\n"
    " * are warm; after init, objects come out in address order. Debug builds (no NDEBUG) assert\n"
    " * that each pointer released is one of this pool's objects and is currently acquired, which\n"
    " * catches a double release and a release to a full pool; compile every user of one pool\n"
    " * with the same NDEBUG. */\n"
    "#define $N_POOL_CAPACITY $cu\n"
    "\n"
    "/* A snapshot of $n_pool's state, filled by $n_pool_stats. Fields marked (counters) are\n"
    " * kept only with instrument(counters) and without -DECG_NO_INSTRUMENT; else they are 0. */\n"
    "struct $n_pool_stats {\n"
    "    uint64_t capacity;        /* objects */\n"
    "    uint64_t in_use;          /* objects acquired and not released (counters, if shared) */\n"
    "    uint64_t high_water;      /* the most objects in use at once (counters) */\n"
    "    uint64_t acquires;        /* acquires that returned an object (counters) */\n"
    "    uint64_t releases;        /* objects given back (counters) */\n"
    "    uint64_t failures;        /* acquires that found every object in use (counters) */\n"
    "    uint64_t latency_dropped; /* hold times a busy histogram did not record (shared) */\n"
    "    uint32_t counting;        /* 1 when the fields marked (counters) are kept */\n"
    "    uint32_t shared;          /* 1 for a pool shared by threads */\n"
    "};\n";

static const char pool_local_fields[] =
    "    uint64_t state; /* the free list's length in the low 32 bits; above them, with\n"
    "                     * instrument(counters), the acquires it served, modulo 2^32 */\n"
    "    uint32_t fresh; /* objects[fresh..] were never acquired; the high-water mark */\n";

static const char shared_head_note[] =
    "    /* The free stack's top: the index in the low $N_POOL_INDEX_BITS bits (the capacity when\n"
    "     * empty), above them a tag that counts the objects popped (acquired, or taken into a\n"
    "     * thread cache), so a reused index returns with a new tag and $n_pool_stats reads the\n"
    "     * acquires from it */\n";

/* The split of the shared pool's head: the index takes the bits that hold 0..capacity, the
 * tag all the others (at least 39: capacities go up to 2^24), as many acquires before it wraps. */
static const char shared_head_split[] =
    "\n"
    "#define $N_POOL_INDEX_BITS $b\n"
    "#define $N_POOL_INDEX_MASK (((uint64_t)1 << $N_POOL_INDEX_BITS) - 1)\n"
    "/* Acquires and releases of the pool count modulo 2^(64 - $N_POOL_INDEX_BITS) */\n"
    "#define $N_POOL_COUNT_MASK (UINT64_MAX >> $N_POOL_INDEX_BITS)\n";

static const char pool_decls[] =
    "\n"
    "/* Makes every object of p free; p's previous contents are ignored. Call it before p is\n"
    " * used, and not while another thread uses p. The objects' bytes are left as they are. */\n"
    "void $n_pool_init(struct $n_pool *p);\n"
    "\n"
    "/* Fills out with a snapshot of p's state: in O(1) for a local pool; for a shared one in\n"
    " * time proportional to the free objects (in use is counted along the free stack), and\n"
    " * approximate while other threads use p (each figure is read on its own), exact at rest. */\n"
    "void $n_pool_stats(struct $n_pool_stats *out, const struct $n_pool *p);\n";

static size_t round_up(size_t n, size_t align)
{
    return (n + align - 1) / align * align;
}

/* Moves the frame to a multiple of align with an explicit padding member. */
static void frame_pad(struct frame *f, size_t align)
{
    size_t next = round_up(f->offset, align);

    if (next != f->offset) {
        gen_text_printf(f->h, "    char pad%u[%zu];\n", f->pads, next - f->offset);
        f->pads++;
    }
    f->offset = next;
    if (align > f->align)
        f->align = align;
}

/* Accounts for a member of size bytes just written at the frame's (aligned) offset. */
static void frame_took(struct frame *f, size_t size)
{
    f->offset += size;
}

static void emit_objects(struct frame *f, const struct gen_struct *s,
                         const struct gen_layout *layout)
{
    size_t capacity = s->options.pool_capacity;

    frame_pad(f, layout->align != 0 ? layout->align : 1);
    gen_text_printf(f->h, "    struct %s objects[%zu]; /* the storage handed out */\n", s->name,
                    capacity);
    frame_took(f, capacity * layout->size);
}

/* state and fresh first: they and the free list's top entry are all of the pool's own fields
 * that an acquire or a release touches. */
static void emit_local_fields(struct frame *f, const struct gen_struct *s,
                              const struct gen_layout *layout)
{
    size_t capacity = s->options.pool_capacity;

    frame_pad(f, 8);
    gen_emit_pool_tpl_write(f->h, pool_local_fields, s);
    gen_text_printf(f->h,
                    "    /* the free objects' %s, the one released last on top */\n"
                    "    uint32_t free_list[%zu];\n",
                    gen_emit_pool_ops_offsets(s, layout) ? "byte offsets in objects" : "indices",
                    capacity);
    gen_text_printf(f->h,
                    "    unsigned char owned[%zu]; /* debug builds: 1 while objects[i] is "
                    "acquired */\n",
                    capacity);
    frame_took(f, 8 + 4 + 4 * capacity + capacity);
    if (s->options.counters) {
        frame_pad(f, 8);
        gen_text_printf(f->h, "    struct %s_pool_counters counters;\n", s->name);
        frame_took(f, 2 * 8);
    }
}

/* head, next[] and owned[] are written by every thread: each starts its own cache line. */
static void emit_shared_fields(struct frame *f, const struct gen_struct *s)
{
    size_t capacity = s->options.pool_capacity;

    frame_pad(f, GEN_CACHE_LINE);
    gen_emit_pool_tpl_write(f->h, shared_head_note, s);
    gen_text_printf(f->h, "    _Alignas(%d) _Atomic uint64_t head;\n", GEN_CACHE_LINE);
    frame_took(f, 8);
    frame_pad(f, GEN_CACHE_LINE);
    gen_text_printf(f->h,
                    "    _Atomic uint32_t next[%zu]; /* next[i]: the free object under i, "
                    "the capacity at the bottom */\n",
                    capacity);
    frame_took(f, 4 * capacity);
    frame_pad(f, GEN_CACHE_LINE);
    gen_text_printf(f->h,
                    "    _Atomic unsigned char owned[%zu]; /* debug builds: 1 while "
                    "objects[i] is acquired */\n",
                    capacity);
    frame_took(f, capacity);
    if (s->options.counters) {
        frame_pad(f, GEN_CACHE_LINE);
        gen_text_printf(f->h, "    struct %s_pool_counters counters;\n", s->name);
        frame_took(f, 3 * GEN_CACHE_LINE);
    }
}

/* The latency struct (emit_instrument.c) is a multiple of the pool's alignment in size and
 * comes last, so its symbolic size needs no padding after it. */
static void emit_pool_struct(struct gen_text *h, const struct gen_struct *s,
                             const struct gen_layout *layout)
{
    struct frame f = { h, 0, 1, 0 };
    size_t align = gen_emit_pool_tpl_align(s, layout);

    gen_text_printf(h, "\nstruct %s_pool {\n", s->name);
    emit_objects(&f, s, layout);
    if (s->options.pool_sharing == GEN_POOL_SHARED)
        emit_shared_fields(&f, s);
    else
        emit_local_fields(&f, s, layout);
    frame_pad(&f, align > f.align ? align : f.align);
    if (s->options.latency)
        gen_text_printf(h, "    struct %s_pool_latency latency;\n", s->name);
    gen_text_puts(h, "};\n\n");
    if (s->options.latency)
        gen_text_printf(h,
                        "_Static_assert(offsetof(struct %s_pool, latency) == %zu, \"%s_pool "
                        "layout\");\n",
                        s->name, f.offset, s->name);
    else
        gen_text_printf(h, "_Static_assert(sizeof(struct %s_pool) == %zu, \"%s_pool layout\");\n",
                        s->name, f.offset, s->name);
    gen_text_printf(h, "_Static_assert(_Alignof(struct %s_pool) == %zu, \"%s_pool alignment\");\n",
                    s->name, f.align, s->name);
}

static void emit_shared_asserts(struct gen_text *h, const struct gen_struct *s)
{
    gen_emit_pool_tpl_write(h, shared_head_split, s);
    gen_text_printf(h,
                    "_Static_assert(offsetof(struct %s_pool, head) %% %d == 0, \"head has its "
                    "own cache line\");\n",
                    s->name, GEN_CACHE_LINE);
    gen_text_printf(h, "_Static_assert(sizeof(_Atomic uint64_t) == 8, \"head is one word\");\n");
}

int gen_emit_pool(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                  const struct gen_layout *layout)
{
    if (s->options.pool_capacity == 0)
        return 0;
    gen_emit_pool_tpl_write(h, pool_intro, s);
    emit_pool_struct(h, s, layout);
    if (s->options.pool_sharing == GEN_POOL_SHARED)
        emit_shared_asserts(h, s);
    gen_emit_pool_tpl_write(h, pool_decls, s);
    gen_emit_pool_ops_write(h, c, s, layout);
    if (s->options.pool_sharing == GEN_POOL_SHARED)
        gen_emit_pool_cache_write(h, c, s);
    if (gen_text_status(h) != 0)
        return gen_text_status(h);
    return gen_text_status(c);
}
