/* gen_emit_ring: the single-producer single-consumer ring of one annotated struct
 * (<name>_ring_*), emitted when ECG_GENERATE asks for ring(capacity=N), with counters of the
 * calls that found it full or empty when it also asks for instrument(counters). Invariant of
 * the emitted code: 0 <= head - tail <= N in free-running 32-bit indices, which needs N to be a
 * power of two no larger than 2^31 (the option parser guarantees it; asserted here). */
#include "codegen/emit.h"

#include <assert.h>
#include <string.h>

/* The largest capacity whose free-running 32-bit indices still tell full from empty. */
#define RING_MAX_CAPACITY 0x80000000UL

/* The values a template's @ placeholders stand for. */
struct ring_names {
    const char *name;  /* @n: the struct tag */
    unsigned long cap; /* @c: slots, in decimal; @m: cap - 1, the index mask */
    int counters;      /* @F, @E, @I: the counting statements, or nothing without counters */
};

/* instrument(counters): counted in the slow paths only, where the other side's index was
 * reloaded and still fell short; the fast paths are the same as without counters. */
static const char ring_count_full[] = "    if (room < want)\n"
                                      "        @n_ring_count(&ring->full);\n";
static const char ring_count_empty[] = "    if (available < want)\n"
                                       "        @n_ring_count(&ring->empty);\n";
static const char ring_count_init[] = "    atomic_init(&ring->full, 0);\n"
                                      "    atomic_init(&ring->empty, 0);\n";

static void ring_put(struct gen_text *t, const char *tmpl, const struct ring_names *rn);

/* The counting statements the placeholder @what (F, E or I) stands for. */
static const char *ring_counting(char what)
{
    assert(what == 'F' || what == 'E' || what == 'I');
    if (what == 'F')
        return ring_count_full;
    if (what == 'E')
        return ring_count_empty;
    return ring_count_init;
}

/* Appends what the placeholder @what stands for. */
static void ring_put_one(struct gen_text *t, char what, const struct ring_names *rn)
{
    switch (what) {
    case 'n':
        gen_text_puts(t, rn->name);
        return;
    case 'c':
        gen_text_printf(t, "%lu", rn->cap);
        return;
    case 'm':
        gen_text_printf(t, "%lu", rn->cap - 1);
        return;
    default:
        break;
    }
    if (rn->counters)
        ring_put(t, ring_counting(what), rn);
}

/* Appends tmpl with its @ placeholders replaced (templates add the u suffix to @c and @m in
 * code); every other character is copied as is. */
static void ring_put(struct gen_text *t, const char *tmpl, const struct ring_names *rn)
{
    const char *at = strchr(tmpl, '@');

    while (at != NULL) {
        assert(at[1] != '\0');
        gen_text_printf(t, "%.*s", (int)(at - tmpl), tmpl);
        ring_put_one(t, at[1], rn);
        tmpl = at + 2;
        at = strchr(tmpl, '@');
    }
    gen_text_puts(t, tmpl);
}

static size_t round_up(size_t value, size_t align)
{
    return (value + align - 1) / align * align;
}

/* Bytes of the lines before the slots: the producer's and the consumer's index lines, then
 * with counters the producer's and the consumer's counter lines. */
static size_t ring_head_bytes(const struct ring_names *rn)
{
    return (rn->counters ? 4 : 2) * (size_t)GEN_CACHE_LINE;
}

/* Bytes between those lines and the slots: nonzero only for a struct aligned to more than
 * them. */
static size_t ring_slots_gap(const struct ring_names *rn, const struct gen_layout *layout)
{
    size_t lines = ring_head_bytes(rn);

    return round_up(lines, layout->align) - lines;
}

/* Bytes after the slots up to the ring's alignment (the larger of a line and the struct's),
 * computed modulo that alignment so that a huge ring cannot overflow. */
static size_t ring_end_gap(const struct gen_layout *layout, unsigned long cap)
{
    size_t align = layout->align > GEN_CACHE_LINE ? layout->align : GEN_CACHE_LINE;
    size_t used = (size_t)(cap % align) * (layout->size % align) % align;

    return (align - used) % align;
}

static const char ring_struct_head[] =
    "\n"
    "/* A single-producer single-consumer ring of @c struct @n values stored inline: one\n"
    " * thread pushes, one thread pops. Each side's index has a cache line of its own, shared\n"
    " * with that side's cached copy of the other index, so push reads the consumer's line only\n"
    " * when the ring looks full and pop reads the producer's only when it looks empty. The\n"
    " * caller provides the storage, aligned to _Alignof(struct @n_ring), and calls\n"
    " * @n_ring_init before the two threads start. */\n"
    "struct @n_ring {\n"
    "    _Alignas(64) _Atomic uint32_t head; /* values pushed, free-running; stored only by\n"
    "                                         * the producer */\n"
    "    uint32_t tail_seen;                 /* the producer's last load of tail */\n"
    "    unsigned char producer_pad[56];\n"
    "    _Atomic uint32_t tail; /* values popped, free-running; stored only by the consumer */\n"
    "    uint32_t head_seen;    /* the consumer's last load of head */\n"
    "    unsigned char consumer_pad[56];\n";

static const char ring_struct_counters[] =
    "    _Atomic uint64_t full; /* instrument(counters): push calls that found less room than\n"
    "                            * they needed; stored only by the producer */\n"
    "    unsigned char full_pad[56];\n"
    "    _Atomic uint64_t empty; /* instrument(counters): pop calls that found fewer values\n"
    "                             * than they asked for; stored only by the consumer */\n"
    "    unsigned char empty_pad[56];\n";

static const char ring_struct_slots[] =
    "    struct @n slots[@cu]; /* value i lives in slots[i % @c] */\n";

static const char ring_asserts[] =
    "_Static_assert(sizeof(_Atomic uint32_t) == 4, \"the ring's indices are 32-bit words\");\n"
    "_Static_assert(offsetof(struct @n_ring, tail) == 64,\n"
    "               \"the consumer's index starts a cache line of its own\");\n"
    "_Static_assert(offsetof(struct @n_ring, slots) % 64 == 0,\n"
    "               \"the slots start on a cache line after the index lines\");\n"
    "_Static_assert(sizeof(struct @n_ring) % 64 == 0, \"the ring fills whole cache lines\");\n";

static const char ring_counter_asserts[] =
    "_Static_assert(offsetof(struct @n_ring, full) == 128 &&\n"
    "                   offsetof(struct @n_ring, empty) == 192,\n"
    "               \"each side's counter has a cache line of its own\");\n";

static const char ring_declarations[] =
    "\n"
    "/* The number of slots: @c. */\n"
    "static inline uint32_t @n_ring_capacity(void)\n"
    "{\n"
    "    return @cu;\n"
    "}\n"
    "\n"
    "/* Empties ring. Call it before the producer and the consumer start; not thread-safe. */\n"
    "void @n_ring_init(struct @n_ring *ring);\n"
    "\n"
    "/* Copies *value into the ring. Returns 1, or 0 when the ring is full. Producer only;\n"
    " * wait-free. */\n"
    "int @n_ring_push(struct @n_ring *ring, const struct @n *value);\n"
    "\n"
    "/* Copies the first n values of values into the ring, in order, as many as there is room\n"
    " * for, and publishes them at once. Returns how many were queued (0 to n). Producer only;\n"
    " * wait-free. */\n"
    "uint32_t @n_ring_push_n(struct @n_ring *ring, const struct @n *values, uint32_t n);\n"
    "\n"
    "/* Copies the oldest value to *out and removes it. Returns 1, or 0 when the ring is empty\n"
    " * (*out untouched). Consumer only; wait-free. */\n"
    "int @n_ring_pop(struct @n *out, struct @n_ring *ring);\n"
    "\n"
    "/* Copies up to max of the oldest values to out[0..], oldest first, and removes them.\n"
    " * Returns how many were copied. Consumer only; wait-free. */\n"
    "uint32_t @n_ring_pop_n(struct @n *out, struct @n_ring *ring, uint32_t max);\n"
    "\n"
    "/* The oldest value, left in place, or NULL when the ring is empty. Borrowed: valid until\n"
    " * the consumer's next pop or drop. Consumer only. */\n"
    "const struct @n *@n_ring_peek(struct @n_ring *ring);\n"
    "\n"
    "/* Removes the oldest value without copying it (after @n_ring_peek). Returns 1, or 0 when\n"
    " * the ring is empty. Consumer only. */\n"
    "int @n_ring_drop(struct @n_ring *ring);\n"
    "\n"
    "/* The number of values in the ring, 0 to @c. Exact for the consumer's view of\n"
    " * emptiness and the producer's view of fullness; from any other thread a snapshot that\n"
    " * may be stale by the time it returns. */\n"
    "uint32_t @n_ring_size(const struct @n_ring *ring);\n"
    "\n"
    "/* @n_ring_size(ring) == 0. */\n"
    "int @n_ring_empty(const struct @n_ring *ring);\n"
    "\n"
    "/* @n_ring_size(ring) == @c. */\n"
    "int @n_ring_full(const struct @n_ring *ring);\n";

static const char ring_stats_declarations[] =
    "\n"
    "/* A snapshot of a @n_ring's statistics, filled by @n_ring_stats. */\n"
    "struct @n_ring_stats {\n"
    "    uint64_t full;         /* push calls that found less room than they needed */\n"
    "    uint64_t empty;        /* pop calls that found fewer values than they asked for */\n"
    "    uint32_t pushed;       /* values pushed since init, modulo 2^32 */\n"
    "    uint32_t popped;       /* values popped since init, modulo 2^32 */\n"
    "    uint32_t size;         /* values queued, as @n_ring_size */\n"
    "    uint32_t instrumented; /* 0 when built with -DECG_NO_INSTRUMENT: full and empty stay 0 "
    "*/\n"
    "};\n"
    "\n"
    "/* Fills out with ring's statistics. Any thread, any time; the figures are read one by one\n"
    " * while the producer and the consumer run, so together they are only approximately\n"
    " * consistent. */\n"
    "void @n_ring_stats(struct @n_ring_stats *out, const struct @n_ring *ring);\n";

/* The struct, its padding, its assertions and the declarations, into the header. */
static void ring_emit_header(struct gen_text *h, const struct ring_names *rn,
                             const struct gen_layout *layout)
{
    size_t slots_gap = ring_slots_gap(rn, layout);
    size_t end_gap = ring_end_gap(layout, rn->cap);

    ring_put(h, ring_struct_head, rn);
    if (rn->counters)
        ring_put(h, ring_struct_counters, rn);
    if (slots_gap != 0)
        gen_text_printf(h, "    unsigned char slots_pad[%zu]; /* aligns the slots */\n", slots_gap);
    ring_put(h, ring_struct_slots, rn);
    if (end_gap != 0)
        gen_text_printf(h, "    unsigned char end_pad[%zu]; /* to a whole cache line */\n",
                        end_gap);
    gen_text_puts(h, "};\n\n");
    ring_put(h, ring_asserts, rn);
    if (rn->counters)
        ring_put(h, ring_counter_asserts, rn);
    ring_put(h, ring_declarations, rn);
    if (rn->counters)
        ring_put(h, ring_stats_declarations, rn);
}

static const char ring_count[] =
    "\n"
    "/* Adds one to one of ring's statistics; nothing under -DECG_NO_INSTRUMENT. Only the\n"
    " * counter's own side calls it, in a slow path. */\n"
    "static void @n_ring_count(_Atomic uint64_t *counter)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)counter;\n"
    "#else\n"
    "    /* relaxed: a statistic that orders nothing; pairs with nothing */\n"
    "    atomic_fetch_add_explicit(counter, 1, memory_order_relaxed);\n"
    "#endif\n"
    "}\n";

static const char ring_init_push[] =
    "\n"
    "void @n_ring_init(struct @n_ring *ring)\n"
    "{\n"
    "    atomic_init(&ring->head, 0);\n"
    "    ring->tail_seen = 0;\n"
    "    atomic_init(&ring->tail, 0);\n"
    "    ring->head_seen = 0;\n"
    "@I"
    "}\n"
    "\n"
    "/* The free slots as the producer last saw them; reloads tail only when fewer than want\n"
    " * are left, so a ring with room never touches the consumer's line. */\n"
    "static uint32_t @n_ring_room(struct @n_ring *ring, uint32_t head, uint32_t want)\n"
    "{\n"
    "    uint32_t room = @cu - (head - ring->tail_seen);\n"
    "\n"
    "    if (room >= want)\n"
    "        return room;\n"
    "    /* acquire: pairs with the release in @n_ring_pop, @n_ring_pop_n and\n"
    "     * @n_ring_drop, so the consumer is done reading a slot before it is overwritten */\n"
    "    ring->tail_seen = atomic_load_explicit(&ring->tail, memory_order_acquire);\n"
    "    room = @cu - (head - ring->tail_seen);\n"
    "@F"
    "    return room;\n"
    "}\n"
    "\n"
    "int @n_ring_push(struct @n_ring *ring, const struct @n *value)\n"
    "{\n"
    "    /* relaxed: head is stored only by this thread, the producer; pairs with nothing */\n"
    "    uint32_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);\n"
    "\n"
    "    if (@n_ring_room(ring, head, 1) == 0)\n"
    "        return 0;\n"
    "    ring->slots[head & @mu] = *value;\n"
    "    /* release: pairs with the acquire in @n_ring_available, so the consumer that sees\n"
    "     * the new head sees the slot's contents */\n"
    "    atomic_store_explicit(&ring->head, head + 1u, memory_order_release);\n"
    "    return 1;\n"
    "}\n"
    "\n"
    "uint32_t @n_ring_push_n(struct @n_ring *ring, const struct @n *values, uint32_t n)\n"
    "{\n"
    "    /* relaxed: head is stored only by this thread, the producer; pairs with nothing */\n"
    "    uint32_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);\n"
    "    uint32_t room = @n_ring_room(ring, head, n);\n"
    "    uint32_t count = n < room ? n : room;\n"
    "\n"
    "    if (count == 0)\n"
    "        return 0;\n"
    "    for (uint32_t i = 0; i < count; i++)\n"
    "        ring->slots[(head + i) & @mu] = values[i];\n"
    "    /* release: pairs with the acquire in @n_ring_available, so the consumer that sees\n"
    "     * the new head sees every slot written above */\n"
    "    atomic_store_explicit(&ring->head, head + count, memory_order_release);\n"
    "    return count;\n"
    "}\n";

static const char ring_pop[] =
    "\n"
    "/* The values queued at tail as the consumer last saw them; reloads head only when fewer\n"
    " * than want are seen, so a ring with values never touches the producer's line. */\n"
    "static uint32_t @n_ring_available(struct @n_ring *ring, uint32_t tail, uint32_t want)\n"
    "{\n"
    "    uint32_t available = ring->head_seen - tail;\n"
    "\n"
    "    if (available >= want)\n"
    "        return available;\n"
    "    /* acquire: pairs with the release in @n_ring_push and @n_ring_push_n, so the\n"
    "     * slots below the loaded head hold what the producer wrote */\n"
    "    ring->head_seen = atomic_load_explicit(&ring->head, memory_order_acquire);\n"
    "    available = ring->head_seen - tail;\n"
    "@E"
    "    return available;\n"
    "}\n"
    "\n"
    "int @n_ring_pop(struct @n *out, struct @n_ring *ring)\n"
    "{\n"
    "    /* relaxed: tail is stored only by this thread, the consumer; pairs with nothing */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "\n"
    "    if (@n_ring_available(ring, tail, 1) == 0)\n"
    "        return 0;\n"
    "    *out = ring->slots[tail & @mu];\n"
    "    /* release: pairs with the acquire in @n_ring_room, so the copy above is complete\n"
    "     * before the producer may reuse the slot */\n"
    "    atomic_store_explicit(&ring->tail, tail + 1u, memory_order_release);\n"
    "    return 1;\n"
    "}\n"
    "\n"
    "uint32_t @n_ring_pop_n(struct @n *out, struct @n_ring *ring, uint32_t max)\n"
    "{\n"
    "    /* relaxed: tail is stored only by this thread, the consumer; pairs with nothing */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "    uint32_t available = @n_ring_available(ring, tail, max);\n"
    "    uint32_t count = max < available ? max : available;\n"
    "\n"
    "    if (count == 0)\n"
    "        return 0;\n"
    "    for (uint32_t i = 0; i < count; i++)\n"
    "        out[i] = ring->slots[(tail + i) & @mu];\n"
    "    /* release: pairs with the acquire in @n_ring_room, so the copies above are complete\n"
    "     * before the producer may reuse the slots */\n"
    "    atomic_store_explicit(&ring->tail, tail + count, memory_order_release);\n"
    "    return count;\n"
    "}\n";

static const char ring_peek_size[] =
    "\n"
    "const struct @n *@n_ring_peek(struct @n_ring *ring)\n"
    "{\n"
    "    /* relaxed: tail is stored only by this thread, the consumer; pairs with nothing */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "\n"
    "    if (@n_ring_available(ring, tail, 1) == 0)\n"
    "        return NULL;\n"
    "    return &ring->slots[tail & @mu];\n"
    "}\n"
    "\n"
    "int @n_ring_drop(struct @n_ring *ring)\n"
    "{\n"
    "    /* relaxed: tail is stored only by this thread, the consumer; pairs with nothing */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "\n"
    "    if (@n_ring_available(ring, tail, 1) == 0)\n"
    "        return 0;\n"
    "    /* release: pairs with the acquire in @n_ring_room, so the consumer's reads of the\n"
    "     * slot through @n_ring_peek are complete before the producer may reuse it */\n"
    "    atomic_store_explicit(&ring->tail, tail + 1u, memory_order_release);\n"
    "    return 1;\n"
    "}\n"
    "\n"
    "uint32_t @n_ring_size(const struct @n_ring *ring)\n"
    "{\n"
    "    /* acquire: pairs with the release in @n_ring_pop, @n_ring_pop_n and @n_ring_drop:\n"
    "     * the head loaded next is at least the head that consumer had seen, so head - tail\n"
    "     * cannot go negative */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_acquire);\n"
    "    /* relaxed: only counted, no slot is read through it; pairs with nothing */\n"
    "    uint32_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);\n"
    "    uint32_t used = head - tail;\n"
    "\n"
    "    return used < @cu ? used : @cu;\n"
    "}\n"
    "\n"
    "int @n_ring_empty(const struct @n_ring *ring)\n"
    "{\n"
    "    return @n_ring_size(ring) == 0;\n"
    "}\n"
    "\n"
    "int @n_ring_full(const struct @n_ring *ring)\n"
    "{\n"
    "    return @n_ring_size(ring) == @cu;\n"
    "}\n";

static const char ring_stats[] =
    "\n"
    "void @n_ring_stats(struct @n_ring_stats *out, const struct @n_ring *ring)\n"
    "{\n"
    "    struct @n_ring_stats st;\n"
    "\n"
    "    /* relaxed: a statistic; pairs with nothing */\n"
    "    st.full = atomic_load_explicit(&ring->full, memory_order_relaxed);\n"
    "    /* relaxed: a statistic; pairs with nothing */\n"
    "    st.empty = atomic_load_explicit(&ring->empty, memory_order_relaxed);\n"
    "    /* relaxed: a count, no slot is read through it; pairs with nothing */\n"
    "    st.pushed = atomic_load_explicit(&ring->head, memory_order_relaxed);\n"
    "    /* relaxed: a count, no slot is read through it; pairs with nothing */\n"
    "    st.popped = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "    st.size = @n_ring_size(ring);\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    st.instrumented = 0;\n"
    "#else\n"
    "    st.instrumented = 1;\n"
    "#endif\n"
    "    *out = st;\n"
    "}\n";

int gen_emit_ring(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                  const struct gen_layout *layout)
{
    struct ring_names rn = { s->name, s->options.ring_capacity, s->options.counters };

    if (rn.cap == 0)
        return 0;
    assert((rn.cap & (rn.cap - 1)) == 0 && rn.cap <= RING_MAX_CAPACITY);
    assert(layout->align != 0 && (layout->align & (layout->align - 1)) == 0);
    ring_emit_header(h, &rn, layout);
    if (rn.counters)
        ring_put(c, ring_count, &rn);
    ring_put(c, ring_init_push, &rn);
    ring_put(c, ring_pop, &rn);
    ring_put(c, ring_peek_size, &rn);
    if (rn.counters)
        ring_put(c, ring_stats, &rn);
    if (gen_text_status(h) != 0)
        return gen_text_status(h);
    return gen_text_status(c);
}
