/* gen_emit_ring: the single-producer single-consumer ring of one annotated struct
 * (<name>_ring_*), emitted when ECG_GENERATE asks for ring(capacity=N), with counters of the
 * calls that found it full or empty when it also asks for instrument(counters). Invariant of
 * the emitted code: 0 <= head - tail <= N in free-running 32-bit indices, which needs N to be a
 * power of two no larger than 2^31 (the option parser guarantees it; asserted here). Each slot
 * carries a sequence word that says which value it holds, so the consumer learns that a value
 * is there from the slot itself and never reads the producer's index line. */
#include "codegen/emit.h"

#include <assert.h>
#include <string.h>

/* The largest capacity whose free-running 32-bit indices still tell full from empty. */
#define RING_MAX_CAPACITY 0x80000000UL

/* The values a template's @ placeholders stand for. */
struct ring_names {
    const char *name;  /* @n: the struct tag */
    unsigned long cap; /* @c: slots, in decimal; @m: cap - 1, the index mask */
    int counters;      /* @F, @E, @P, @I: the counting statements, or nothing without counters */
    size_t seq_offset; /* the slot's sequence word: after the value, 4-byte aligned */
    size_t slot_size;  /* sizeof the slot: value, sequence word, padding */
    size_t slot_align; /* _Alignof the slot */
    size_t value_size; /* @V: sizeof the value, which sets how push copies it */
};

/* push copies a value larger than this in two steps, the rest first and these first bytes
 * last (see ring_put_copy). */
#define RING_COPY_HEAD 16

/* instrument(counters): counted in the slow paths only, where the other side's index was
 * reloaded and still fell short; the fast paths are the same as without counters. */
static const char ring_count_full[] = "    if (room < want)\n"
                                      "        @n_ring_count(&ring->full);\n";
static const char ring_count_empty[] = "    if (available < max)\n"
                                       "        @n_ring_count(&ring->empty);\n";
static const char ring_count_init[] = "    atomic_init(&ring->full, 0);\n"
                                      "    atomic_init(&ring->empty, 0);\n";
static const char ring_count_pop[] = "        @n_ring_count(&ring->empty);\n";

static void ring_put(struct gen_text *t, const char *tmpl, const struct ring_names *rn);

/* The counting statements the placeholder @what (F, E, P or I) stands for. */
static const char *ring_counting(char what)
{
    assert(what == 'F' || what == 'E' || what == 'P' || what == 'I');
    if (what == 'F')
        return ring_count_full;
    if (what == 'E')
        return ring_count_empty;
    if (what == 'P')
        return ring_count_pop;
    return ring_count_init;
}

/* push's copy of *value into the slot. A value larger than RING_COPY_HEAD bytes is copied
 * from byte RING_COPY_HEAD on first and its first bytes last, with a compiler barrier between
 * so that the order stays: the first bytes hold the hot members, the ones a caller most likely
 * wrote just before pushing, and a load of bytes just stored in narrower pieces must wait
 * until those stores reach the cache, behind the previous value's stores into lines the
 * waiting consumer holds. Loaded last, it waits while the rest of the value is already on its
 * way (measured with bench/gen: 40 -> 23 ns per value one at a time, gcc 12). */
static void ring_put_copy(struct gen_text *t, const struct ring_names *rn)
{
    if (rn->value_size <= RING_COPY_HEAD) {
        gen_text_puts(t, "    *slot = *value;\n");
        return;
    }
    gen_text_printf(t,
                    "    memcpy((char *)slot + %d, (const char *)value + %d, %zu);\n"
                    "    /* acq_rel: a compiler barrier only, pairs with nothing; the first bytes "
                    "are\n"
                    "     * copied last, so that a load waiting for the caller's fresh stores "
                    "waits last */\n"
                    "    atomic_signal_fence(memory_order_acq_rel);\n"
                    "    memcpy(slot, value, %d);\n",
                    RING_COPY_HEAD, RING_COPY_HEAD, rn->value_size - RING_COPY_HEAD,
                    RING_COPY_HEAD);
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
    case 'V':
        ring_put_copy(t, rn);
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

/* The slot of a value of layout's size and alignment: the value, then its sequence word,
 * packed beside its neighbours (measured with bench/gen: giving each 72-byte value whole cache
 * lines of its own made one-at-a-time hand-over no faster and batches slower). */
static void ring_plan_slot(struct ring_names *rn, const struct gen_layout *layout)
{
    rn->seq_offset = round_up(layout->size, 4);
    rn->slot_align = layout->align > 4 ? layout->align : 4;
    rn->slot_size = round_up(rn->seq_offset + 4, rn->slot_align);
}

/* Bytes of the lines before the slots: the producer's and the consumer's index lines, then
 * with counters the producer's and the consumer's counter lines. */
static size_t ring_head_bytes(const struct ring_names *rn)
{
    return (rn->counters ? 4 : 2) * (size_t)GEN_CACHE_LINE;
}

/* Bytes between those lines and the slots: nonzero only for slots aligned to more than
 * them. */
static size_t ring_slots_gap(const struct ring_names *rn)
{
    size_t lines = ring_head_bytes(rn);

    return round_up(lines, rn->slot_align) - lines;
}

/* Bytes after the slots up to the ring's alignment (the larger of a line and the slot's),
 * computed modulo that alignment so that a huge ring cannot overflow. */
static size_t ring_end_gap(const struct ring_names *rn)
{
    size_t align = rn->slot_align > GEN_CACHE_LINE ? rn->slot_align : GEN_CACHE_LINE;
    size_t used = (size_t)(rn->cap % align) * (rn->slot_size % align) % align;

    return (align - used) % align;
}

static const char ring_slot_comment[] =
    "\n"
    "/* One slot of struct @n_ring: a value and the sequence word that says which value it\n"
    " * holds (value i once seq == i + 1). */\n"
    "struct @n_ring_slot {\n";

static const char ring_slot_seq[] =
    "    _Atomic uint32_t seq; /* i + 1 once value i is in the slot; stored only by the producer "
    "*/\n";

static const char ring_slot_assert_what[] =
    "               \"struct @n_ring_slot: the value, then its sequence word\");\n";

static const char ring_struct_head[] =
    "\n"
    "/* A single-producer single-consumer ring of @c struct @n values stored inline: one\n"
    " * thread pushes, one thread pops. The producer's index has a cache line of its own, shared\n"
    " * with its cached copy of the consumer's index, so push reads the consumer's line only when\n"
    " * the ring looks full. The consumer learns that a value is there from the slot's sequence\n"
    " * word, so pop never reads the producer's line; pop_n reads it at most once per batch. The "
    "caller provides the storage, aligned\n"
    " * to _Alignof(struct @n_ring), and calls @n_ring_init before the two threads start. */\n"
    "struct @n_ring {\n"
    "    _Alignas(64) _Atomic uint32_t head; /* values pushed, free-running; stored only by\n"
    "                                         * the producer */\n"
    "    uint32_t tail_seen;                 /* the producer's last load of tail */\n"
    "    unsigned char producer_pad[56];\n"
    "    _Atomic uint32_t tail; /* values popped, free-running; stored only by the consumer */\n"
    "    uint32_t head_seen;    /* the consumer's last load of head, for @n_ring_pop_n */\n"
    "    unsigned char consumer_pad[56];\n";

static const char ring_struct_counters[] =
    "    _Atomic uint64_t full; /* instrument(counters): push and claim calls that found less\n"
    "                            * they needed; stored only by the producer */\n"
    "    unsigned char full_pad[56];\n"
    "    _Atomic uint64_t empty; /* instrument(counters): pop calls that found fewer values\n"
    "                             * than they asked for; stored only by the consumer */\n"
    "    unsigned char empty_pad[56];\n";

static const char ring_struct_slots[] =
    "    struct @n_ring_slot slots[@cu]; /* value i lives in slots[i % @c] */\n";

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
    "/* Empties ring, writing every slot's sequence word. Call it before the producer and the\n"
    " * consumer start; not thread-safe. */\n"
    "void @n_ring_init(struct @n_ring *ring);\n"
    "\n"
    "/* Copies *value into the ring. Returns 1, or 0 when the ring is full. For a value built\n"
    " * just before it is queued, @n_ring_claim and @n_ring_publish are faster. Producer only;\n"
    " * wait-free. */\n"
    "int @n_ring_push(struct @n_ring *ring, const struct @n *value);\n"
    "\n"
    "/* Copies the first n values of values into the ring, in order, as many as there is room\n"
    " * for. Returns how many were queued (0 to n). Producer only; wait-free. */\n"
    "uint32_t @n_ring_push_n(struct @n_ring *ring, const struct @n *values, uint32_t n);\n"
    "\n"
    "/* Copies up to max of the oldest values to out[0..], oldest first, and removes them.\n"
    " * Returns how many were copied. Consumer only; wait-free. */\n"
    "uint32_t @n_ring_pop_n(struct @n *out, struct @n_ring *ring, uint32_t max);\n"
    "\n"
    "/* The number of values in the ring, 0 to @c, as a snapshot that may be stale by the\n"
    " * time it returns. It never counts fewer values than pop would find, nor, for the\n"
    " * producer, fewer than are queued; it may count a value the producer is still copying\n"
    " * in, or one the consumer is taking. */\n"
    "uint32_t @n_ring_size(const struct @n_ring *ring);\n"
    "\n"
    "/* 1 when pop would find no value. When it returns 0 to the consumer, the consumer's\n"
    " * next pop succeeds; from any other thread a snapshot. */\n"
    "int @n_ring_empty(const struct @n_ring *ring);\n"
    "\n"
    "/* @n_ring_size(ring) == @c. When it returns 0 to the producer, the producer's next push\n"
    " * succeeds. */\n"
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

/* The single-value paths but push go into the header as static inline functions (measured
 * with bench/gen: a producer that pays a call per value lets the consumer catch up with it and
 * wait at the slot being written, which doubles the cost of a hand-over). push stays out of
 * line: inlined, gcc scheduled its copy's stores across the slot's two lines out of order, so
 * the producer took the sequence word's line early and the waiting consumer pulled it back
 * before the word was written (+30% per value). It is claim, the copy and publish. */
static const char ring_count[] =
    "\n"
    "/* Adds one to one of ring's statistics; nothing under -DECG_NO_INSTRUMENT. Only the\n"
    " * counter's own side calls it, in a slow path. */\n"
    "static inline void @n_ring_count(_Atomic uint64_t *counter)\n"
    "{\n"
    "#ifdef ECG_NO_INSTRUMENT\n"
    "    (void)counter;\n"
    "#else\n"
    "    /* relaxed: a statistic that orders nothing; pairs with nothing */\n"
    "    atomic_fetch_add_explicit(counter, 1, memory_order_relaxed);\n"
    "#endif\n"
    "}\n";

static const char ring_producer_fast[] =
    "\n"
    "/* The free slots as the producer last saw them; reloads tail only when fewer than want\n"
    " * are left, so a ring with room never touches the consumer's line. */\n"
    "static inline uint32_t @n_ring_room(struct @n_ring *ring, uint32_t head, uint32_t want)\n"
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
    "/* The slot the next value goes to, for writing it in place: the caller fills it, then\n"
    " * calls @n_ring_publish. NULL when the ring is full. Calling it again before publishing\n"
    " * gives the same slot, which the consumer cannot see until then. Faster than push for a\n"
    " * value built just before it is queued: nothing is copied, so no load has to wait for the\n"
    " * caller's own fresh stores. Producer only; wait-free. */\n"
    "ECG_NONBLOCKING static inline struct @n *@n_ring_claim(struct @n_ring *ring)\n"
    "{\n"
    "    /* relaxed: head is stored only by this thread, the producer; pairs with nothing */\n"
    "    uint32_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);\n"
    "\n"
    "    if (@n_ring_room(ring, head, 1) == 0)\n"
    "        return NULL;\n"
    "    return &ring->slots[head & @mu].value;\n"
    "}\n"
    "\n"
    "/* Queues the value written into the slot @n_ring_claim gave. Returns 1, or 0 (queuing\n"
    " * nothing) when the ring is full, which a successful claim rules out. Producer only;\n"
    " * wait-free. */\n"
    "ECG_NONBLOCKING static inline int @n_ring_publish(struct @n_ring *ring)\n"
    "{\n"
    "    /* relaxed: head is stored only by this thread, the producer; pairs with nothing */\n"
    "    uint32_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);\n"
    "    struct @n_ring_slot *slot = &ring->slots[head & @mu];\n"
    "\n"
    "    /* after a claim that found room, the cached tail still shows that room */\n"
    "    if (head - ring->tail_seen >= @cu)\n"
    "        return 0;\n"
    "    /* release: pairs with the acquire in @n_ring_available and @n_ring_size; stored\n"
    "     * before the slot's seq so that a consumer that has taken the value sees it counted */\n"
    "    atomic_store_explicit(&ring->head, head + 1u, memory_order_release);\n"
    "    /* release: pairs with the acquire in @n_ring_ready, so the consumer that sees the new\n"
    "     * seq sees what the caller wrote into the slot */\n"
    "    atomic_store_explicit(&slot->seq, head + 1u, memory_order_release);\n"
    "    return 1;\n"
    "}\n";

static const char ring_consumer_fast[] =
    "\n"
    "/* The slot holding value i, or NULL while the producer has not put it there. Reads only\n"
    " * the slot, never the producer's index line. Counts an empty ring (pop, peek, drop). */\n"
    "static inline struct @n_ring_slot *@n_ring_ready(struct @n_ring *ring, uint32_t i)\n"
    "{\n"
    "    struct @n_ring_slot *slot = &ring->slots[i & @mu];\n"
    "\n"
    "    /* acquire: pairs with the release of seq in @n_ring_push, @n_ring_push_n and\n"
    "     * @n_ring_publish, so the slot holds the value the producer put there */\n"
    "    if (atomic_load_explicit(&slot->seq, memory_order_acquire) != i + 1u) {\n"
    "@P"
    "        return NULL;\n"
    "    }\n"
    "    return slot;\n"
    "}\n"
    "\n"
    "/* The slot at the consumer's index, which goes to *tail, or NULL while the producer has\n"
    " * not filled it. */\n"
    "static inline struct @n_ring_slot *@n_ring_front(struct @n_ring *ring, uint32_t *tail)\n"
    "{\n"
    "    /* relaxed: tail is stored only by this thread, the consumer; pairs with nothing */\n"
    "    *tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "    return @n_ring_ready(ring, *tail);\n"
    "}\n"
    "\n"
    "/* Copies the oldest value to *out and removes it. Returns 1, or 0 when the ring is empty\n"
    " * (*out untouched). Consumer only; wait-free. */\n"
    "ECG_NONBLOCKING static inline int @n_ring_pop(struct @n *out, struct @n_ring *ring)\n"
    "{\n"
    "    uint32_t tail;\n"
    "    const struct @n_ring_slot *slot = @n_ring_front(ring, &tail);\n"
    "\n"
    "    if (slot == NULL)\n"
    "        return 0;\n"
    "    *out = slot->value;\n"
    "    /* release: pairs with the acquire in @n_ring_room, so the copy above is complete\n"
    "     * before the producer may reuse the slot */\n"
    "    atomic_store_explicit(&ring->tail, tail + 1u, memory_order_release);\n"
    "    return 1;\n"
    "}\n"
    "\n"
    "/* The oldest value, left in place, or NULL when the ring is empty. Borrowed: valid until\n"
    " * the consumer's next pop or drop. Consumer only; wait-free. */\n"
    "ECG_NONBLOCKING static inline const struct @n *@n_ring_peek(struct @n_ring *ring)\n"
    "{\n"
    "    uint32_t tail;\n"
    "    const struct @n_ring_slot *slot = @n_ring_front(ring, &tail);\n"
    "\n"
    "    if (slot == NULL)\n"
    "        return NULL;\n"
    "    return &slot->value;\n"
    "}\n"
    "\n"
    "/* Removes the oldest value without copying it (after @n_ring_peek). Returns 1, or 0 when\n"
    " * the ring is empty. Consumer only; wait-free. */\n"
    "ECG_NONBLOCKING static inline int @n_ring_drop(struct @n_ring *ring)\n"
    "{\n"
    "    uint32_t tail;\n"
    "\n"
    "    if (@n_ring_front(ring, &tail) == NULL)\n"
    "        return 0;\n"
    "    /* release: pairs with the acquire in @n_ring_room, so the consumer's reads of the\n"
    "     * slot through @n_ring_peek are complete before the producer may reuse it */\n"
    "    atomic_store_explicit(&ring->tail, tail + 1u, memory_order_release);\n"
    "    return 1;\n"
    "}\n";

/* Appends an explicit padding member of bytes bytes, or nothing when bytes is 0. */
static void ring_put_pad(struct gen_text *h, const char *member, size_t bytes, const char *why)
{
    if (bytes != 0)
        gen_text_printf(h, "    unsigned char %s[%zu]; /* %s */\n", member, bytes, why);
}

/* The slot struct: the value, its sequence word, explicit padding (so -Wpadded stays quiet)
 * and one assertion on its shape. */
static void ring_emit_slot(struct gen_text *h, const struct ring_names *rn,
                           const struct gen_layout *layout)
{
    ring_put(h, ring_slot_comment, rn);
    gen_text_printf(h, "    struct %s value;\n", rn->name);
    ring_put_pad(h, "value_pad", rn->seq_offset - layout->size, "aligns seq");
    ring_put(h, ring_slot_seq, rn);
    ring_put_pad(h, "seq_pad", rn->slot_size - rn->seq_offset - 4, "to the slot's alignment");
    gen_text_puts(h, "};\n\n");
    gen_text_printf(h, "_Static_assert(sizeof(struct %s_ring_slot) == %zu &&\n", rn->name,
                    rn->slot_size);
    gen_text_printf(h, "                   offsetof(struct %s_ring_slot, seq) == %zu,\n", rn->name,
                    rn->seq_offset);
    ring_put(h, ring_slot_assert_what, rn);
}

/* The slot, the ring struct, its padding, its assertions and the declarations, into the
 * header. */
static void ring_emit_header(struct gen_text *h, const struct ring_names *rn,
                             const struct gen_layout *layout)
{
    size_t slots_gap = ring_slots_gap(rn);
    size_t end_gap = ring_end_gap(rn);

    ring_emit_slot(h, rn, layout);
    ring_put(h, ring_struct_head, rn);
    if (rn->counters)
        ring_put(h, ring_struct_counters, rn);
    ring_put_pad(h, "slots_pad", slots_gap, "aligns the slots");
    ring_put(h, ring_struct_slots, rn);
    ring_put_pad(h, "end_pad", end_gap, "to a whole cache line");
    gen_text_puts(h, "};\n\n");
    ring_put(h, ring_asserts, rn);
    if (rn->counters)
        ring_put(h, ring_counter_asserts, rn);
    ring_put(h, ring_declarations, rn);
    if (rn->counters) {
        ring_put(h, ring_stats_declarations, rn);
        ring_put(h, ring_count, rn);
    }
    ring_put(h, ring_producer_fast, rn);
    ring_put(h, ring_consumer_fast, rn);
}

static const char ring_init_push[] =
    "\n"
    "void @n_ring_init(struct @n_ring *ring)\n"
    "{\n"
    "    atomic_init(&ring->head, 0);\n"
    "    ring->tail_seen = 0;\n"
    "    atomic_init(&ring->tail, 0);\n"
    "    ring->head_seen = 0;\n"
    "@I"
    "    /* 0 is the sequence word of value 2^32 - 1: no slot holds value 0 before a push */\n"
    "    for (uint32_t i = 0; i < @cu; i++)\n"
    "        atomic_init(&ring->slots[i].seq, 0);\n"
    "}\n"
    "\n"
    "int @n_ring_push(struct @n_ring *ring, const struct @n *value)\n"
    "{\n"
    "    struct @n *slot = @n_ring_claim(ring);\n"
    "\n"
    "    if (slot == NULL)\n"
    "        return 0;\n"
    "@V"
    "    return @n_ring_publish(ring);\n"
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
    "        ring->slots[(head + i) & @mu].value = values[i];\n"
    "    /* release: pairs with the acquire in @n_ring_available and @n_ring_size; stored\n"
    "     * before the slots' seqs so that a consumer that has taken a value sees it counted */\n"
    "    atomic_store_explicit(&ring->head, head + count, memory_order_release);\n"
    "    for (uint32_t i = 0; i < count; i++) {\n"
    "        struct @n_ring_slot *slot = &ring->slots[(head + i) & @mu];\n"
    "        /* release: pairs with the acquire in @n_ring_ready, so the consumer that sees the\n"
    "         * new seq sees the slot's value */\n"
    "        atomic_store_explicit(&slot->seq, head + i + 1u, memory_order_release);\n"
    "    }\n"
    "    return count;\n"
    "}\n";

static const char ring_pop[] =
    "\n"
    "/* The values queued at tail as the consumer last saw them; reloads head only when fewer\n"
    " * than want are seen (or when single pops went past that view), so a batch reads the\n"
    " * producer's line at most once. */\n"
    "static uint32_t @n_ring_available(struct @n_ring *ring, uint32_t tail, uint32_t want)\n"
    "{\n"
    "    uint32_t available = ring->head_seen - tail;\n"
    "\n"
    "    if (available >= want && available <= @cu)\n"
    "        return available;\n"
    "    /* acquire: pairs with the release of head in @n_ring_push, @n_ring_push_n and\n"
    "     * @n_ring_publish, so the slots below the loaded head hold what the producer wrote */\n"
    "    ring->head_seen = atomic_load_explicit(&ring->head, memory_order_acquire);\n"
    "    return ring->head_seen - tail;\n"
    "}\n"
    "\n"
    "uint32_t @n_ring_pop_n(struct @n *out, struct @n_ring *ring, uint32_t max)\n"
    "{\n"
    "    /* relaxed: tail is stored only by this thread, the consumer; pairs with nothing */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);\n"
    "    uint32_t available = @n_ring_available(ring, tail, max);\n"
    "    uint32_t count = max < available ? max : available;\n"
    "\n"
    "    for (uint32_t i = 0; i < count; i++)\n"
    "        out[i] = ring->slots[(tail + i) & @mu].value;\n"
    "@E"
    "    if (count == 0)\n"
    "        return 0;\n"
    "    /* release: pairs with the acquire in @n_ring_room, so the copies above are complete\n"
    "     * before the producer may reuse the slots */\n"
    "    atomic_store_explicit(&ring->tail, tail + count, memory_order_release);\n"
    "    return count;\n"
    "}\n";

static const char ring_peek_size[] =
    "\n"
    "uint32_t @n_ring_size(const struct @n_ring *ring)\n"
    "{\n"
    "    /* acquire: pairs with the release in @n_ring_pop, @n_ring_pop_n and @n_ring_drop,\n"
    "     * whose thread had seen each popped value's head first: the head loaded next covers\n"
    "     * every popped value, so head - tail cannot go negative */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_acquire);\n"
    "    /* acquire: pairs with the release of head in @n_ring_push, @n_ring_push_n and\n"
    "     * @n_ring_publish; only counted, no slot is read through it */\n"
    "    uint32_t head = atomic_load_explicit(&ring->head, memory_order_acquire);\n"
    "    uint32_t used = head - tail;\n"
    "\n"
    "    return used < @cu ? used : @cu;\n"
    "}\n"
    "\n"
    "int @n_ring_empty(const struct @n_ring *ring)\n"
    "{\n"
    "    /* acquire: pairs with the release in @n_ring_pop, @n_ring_pop_n and @n_ring_drop, so\n"
    "     * the slot read next is the one the consumer will read */\n"
    "    uint32_t tail = atomic_load_explicit(&ring->tail, memory_order_acquire);\n"
    "    const struct @n_ring_slot *slot = &ring->slots[tail & @mu];\n"
    "\n"
    "    /* acquire: pairs with the release of seq in @n_ring_push, @n_ring_push_n and\n"
    "     * @n_ring_publish */\n"
    "    return atomic_load_explicit(&slot->seq, memory_order_acquire) != tail + 1u;\n"
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
    struct ring_names rn = { s->name,     s->options.ring_capacity, s->options.counters, 0, 0, 0,
                             layout->size };

    if (rn.cap == 0)
        return 0;
    assert((rn.cap & (rn.cap - 1)) == 0 && rn.cap <= RING_MAX_CAPACITY);
    assert(layout->align != 0 && (layout->align & (layout->align - 1)) == 0);
    ring_plan_slot(&rn, layout);
    ring_emit_header(h, &rn, layout);
    ring_put(c, ring_init_push, &rn);
    ring_put(c, ring_pop, &rn);
    ring_put(c, ring_peek_size, &rn);
    if (rn.counters)
        ring_put(c, ring_stats, &rn);
    if (gen_text_status(h) != 0)
        return gen_text_status(h);
    return gen_text_status(c);
}
