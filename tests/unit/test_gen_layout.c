/* Tests of gen_layout_plan: hand-computed layouts (the issue's fill struct, gap filling,
 * writer groups, cache_aligned, tie-breaks), and properties over random structs from a seeded
 * PRNG: every member placed once, aligned, no overlap, explicit padding covering every gap,
 * never more padding than the declared order, hot members in the first cache line when they
 * fit, writer groups on distinct cache lines, deterministic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "codegen/layout.h"
#include "codegen/report.h"

#define MAX_MEMBERS 32

/* A hand-built struct: members with C's declared-order layout computed by build(). */
struct model {
    struct gen_struct s;
    struct gen_member m[MAX_MEMBERS];
    char names[MAX_MEMBERS][8];
};

static size_t round_up(size_t v, size_t a)
{
    return (v + a - 1) / a * a;
}

static struct gen_member *add(struct model *md, size_t size, size_t align, enum gen_heat heat,
                              const char *writer)
{
    size_t i = md->s.n_members++;
    struct gen_member *m = &md->m[i];

    assert_true(i < MAX_MEMBERS);
    snprintf(md->names[i], sizeof(md->names[i]), "m%zu", i);
    memset(m, 0, sizeof(*m));
    m->name = md->names[i];
    m->declaration = md->names[i];
    m->writer = (char *)writer;
    m->heat = heat;
    m->size = size;
    m->align = align;
    return m;
}

/* Computes the declared layout as a C compiler would. */
static void build(struct model *md)
{
    size_t off = 0, align = 1;

    md->s.name = (char *)"t";
    md->s.members = md->m;
    for (size_t i = 0; i < md->s.n_members; i++) {
        off = round_up(off, md->m[i].align);
        md->m[i].offset = off;
        off += md->m[i].size;
        align = md->m[i].align > align ? md->m[i].align : align;
    }
    md->s.size = round_up(off, align);
    md->s.align = align;
}

static size_t offset_of(const struct gen_layout *l, size_t member)
{
    for (size_t i = 0; i < l->n_slots; i++) {
        if (l->slots[i].member == member)
            return l->slots[i].offset;
    }
    fail_msg("member %zu has no slot", member);
    return 0;
}

static void test_gen_layout_issue_fill(void **state)
{
    struct model md;
    struct gen_layout l;

    (void)state;
    memset(&md, 0, sizeof(md));
    add(&md, 5, 1, GEN_HEAT_WARM, NULL);  /* char venue[5] */
    add(&md, 8, 8, GEN_HEAT_HOT, NULL);   /* uint64_t order_id */
    add(&md, 40, 1, GEN_HEAT_COLD, NULL); /* char note[40] */
    add(&md, 8, 8, GEN_HEAT_HOT, NULL);   /* int64_t price */
    add(&md, 4, 4, GEN_HEAT_HOT, NULL);   /* uint32_t qty */
    build(&md);
    assert_int_equal(md.s.size, 72);
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(l.size, 72);
    assert_int_equal(l.align, 8);
    assert_int_equal(offset_of(&l, 1), 0);
    assert_int_equal(offset_of(&l, 3), 8);
    assert_int_equal(offset_of(&l, 4), 16);
    assert_int_equal(offset_of(&l, 0), 20);
    assert_int_equal(offset_of(&l, 2), 25);
    assert_int_equal(l.n_slots, 6);
    assert_int_equal(l.slots[5].member, GEN_SLOT_PADDING);
    assert_int_equal(l.slots[5].offset, 65);
    assert_int_equal(l.slots[5].size, 7);
    assert_int_equal(gen_report_before(&md.s).hot_lines, 2);
    assert_int_equal(gen_report_after(&md.s, &l).hot_lines, 1);
    gen_model_layout_fini(&l);

    md.s.options.cache_aligned = 1;
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(l.size, 128);
    assert_int_equal(l.align, 64);
    assert_true(l.slots[0].starts_line);
    assert_int_equal(l.slots[0].member, 1);
    gen_model_layout_fini(&l);
}

/* A hot char followed by members the plain order would leave a hole for: the planner packs
 * them into 12 bytes as the declared order does. */
static void test_gen_layout_fills_the_gap_after_hot(void **state)
{
    struct model md;
    struct gen_layout l;

    (void)state;
    memset(&md, 0, sizeof(md));
    add(&md, 4, 4, GEN_HEAT_WARM, NULL); /* uint32_t b */
    add(&md, 2, 2, GEN_HEAT_WARM, NULL); /* uint16_t s */
    add(&md, 1, 1, GEN_HEAT_HOT, NULL);  /* char h */
    add(&md, 5, 1, GEN_HEAT_WARM, NULL); /* char c[5] */
    build(&md);
    assert_int_equal(md.s.size, 12);
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(l.size, 12);
    assert_int_equal(offset_of(&l, 2), 0);
    assert_int_equal(gen_layout_padding(&l), 0);
    gen_model_layout_fini(&l);
}

static void test_gen_layout_gap_filled_by_small_member(void **state)
{
    struct model md;
    struct gen_layout l;

    (void)state;
    memset(&md, 0, sizeof(md));
    add(&md, 8, 8, GEN_HEAT_WARM, NULL); /* uint64_t a */
    add(&md, 7, 1, GEN_HEAT_WARM, NULL); /* char p[7] */
    add(&md, 1, 1, GEN_HEAT_HOT, NULL);  /* char h */
    build(&md);
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(l.size, 16);
    assert_int_equal(offset_of(&l, 2), 0);
    assert_int_equal(offset_of(&l, 1), 1);
    assert_int_equal(offset_of(&l, 0), 8);
    gen_model_layout_fini(&l);
}

static void test_gen_layout_writer_groups(void **state)
{
    struct model md;
    struct gen_layout l;

    (void)state;
    memset(&md, 0, sizeof(md));
    add(&md, 4, 4, GEN_HEAT_WARM, NULL);      /* uint32_t book_id */
    add(&md, 8, 8, GEN_HEAT_WARM, "gateway"); /* orders_sent */
    add(&md, 8, 8, GEN_HEAT_WARM, "matcher"); /* fills */
    add(&md, 8, 8, GEN_HEAT_WARM, "gateway"); /* cancels_sent */
    add(&md, 8, 8, GEN_HEAT_WARM, "matcher"); /* last_fill_ns */
    add(&md, 12, 1, GEN_HEAT_COLD, NULL);     /* char symbol[12] */
    build(&md);
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(l.size, 192);
    assert_int_equal(l.align, 64);
    assert_int_equal(offset_of(&l, 0), 0);
    assert_int_equal(offset_of(&l, 5), 4);
    assert_int_equal(offset_of(&l, 1), 64);
    assert_int_equal(offset_of(&l, 3), 72);
    assert_int_equal(offset_of(&l, 2), 128);
    assert_int_equal(offset_of(&l, 4), 136);
    for (size_t i = 0; i < l.n_slots; i++) {
        size_t m = l.slots[i].member;
        assert_int_equal(l.slots[i].starts_line, m == 1 || m == 2);
    }
    gen_model_layout_fini(&l);
}

/* _Atomic members no writer owns get a line each but one, which joins the first line;
 * members one writer owns share theirs. */
static void test_gen_layout_unowned_atomics(void **state)
{
    struct model md;
    struct gen_layout l;

    (void)state;
    memset(&md, 0, sizeof(md));
    add(&md, 8, 8, GEN_HEAT_WARM, NULL)->is_atomic = 1;   /* _Atomic uint64_t head */
    add(&md, 8, 8, GEN_HEAT_WARM, NULL)->is_atomic = 1;   /* _Atomic uint64_t tail */
    add(&md, 4, 4, GEN_HEAT_HOT, NULL);                   /* uint32_t mask */
    add(&md, 8, 8, GEN_HEAT_WARM, "pump")->is_atomic = 1; /* _Atomic uint64_t a */
    add(&md, 8, 8, GEN_HEAT_WARM, "pump")->is_atomic = 1; /* _Atomic uint64_t b */
    build(&md);
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(offset_of(&l, 2), 0); /* hot first */
    assert_int_equal(offset_of(&l, 0), 8); /* one unowned atomic may share the first line */
    assert_int_equal(offset_of(&l, 1), 64);
    assert_int_equal(offset_of(&l, 3), 128);
    assert_int_equal(offset_of(&l, 4), 136);
    assert_int_equal(l.size, 192);
    gen_model_layout_fini(&l);
}

static void test_gen_layout_ties_keep_declaration_order(void **state)
{
    struct model md;
    struct gen_layout l;

    (void)state;
    memset(&md, 0, sizeof(md));
    add(&md, 8, 8, GEN_HEAT_WARM, NULL);
    add(&md, 1, 1, GEN_HEAT_WARM, NULL);
    add(&md, 8, 8, GEN_HEAT_WARM, NULL);
    add(&md, 8, 8, GEN_HEAT_COLD, NULL);
    add(&md, 8, 8, GEN_HEAT_HOT, NULL);
    build(&md);
    assert_int_equal(gen_layout_plan(&l, &md.s), 0);
    assert_int_equal(offset_of(&l, 4), 0);
    assert_int_equal(offset_of(&l, 0), 8);
    assert_int_equal(offset_of(&l, 2), 16);
    assert_int_equal(offset_of(&l, 1), 24);
    assert_int_equal(offset_of(&l, 3), 32);
    assert_int_equal(l.size, 40);
    gen_model_layout_fini(&l);
}

/* --- random structs ---------------------------------------------------------------------- */

static uint64_t next_random(uint64_t *seed)
{
    uint64_t x = *seed;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *seed = x;
    return x;
}

/* Member types of real structs: scalars, arrays of them, and nested records. */
static const struct {
    size_t size;
    size_t align;
} shapes[] = {
    { 1, 1 }, { 2, 2 },  { 4, 4 },  { 8, 8 },   { 16, 16 }, { 3, 1 }, { 5, 1 }, { 12, 4 },
    { 6, 2 }, { 24, 8 }, { 40, 8 }, { 64, 64 }, { 40, 1 },  { 4, 4 }, { 8, 8 }, { 1, 1 },
};

static const char *const writers[] = { NULL, "producer", "consumer", "timer" };

static void random_struct(struct model *md, uint64_t *seed, int with_writers)
{
    size_t n = 1 + next_random(seed) % 20;

    memset(md, 0, sizeof(*md));
    for (size_t i = 0; i < n; i++) {
        size_t shape = next_random(seed) % (sizeof(shapes) / sizeof(shapes[0]));
        uint64_t r = next_random(seed) % 10;
        enum gen_heat heat = r < 3 ? GEN_HEAT_HOT : r < 5 ? GEN_HEAT_COLD : GEN_HEAT_WARM;
        const char *writer = with_writers ? writers[next_random(seed) % 4] : NULL;
        struct gen_member *m = add(md, shapes[shape].size, shapes[shape].align, heat, writer);
        m->is_atomic = with_writers && shapes[shape].size <= 8 && next_random(seed) % 3 == 0;
    }
    md->s.options.cache_aligned = next_random(seed) % 4 == 0;
    build(md);
}

/* Slots tile [0, size) and each member has exactly one slot, aligned, with its size. */
static void check_slots(const struct model *md, const struct gen_layout *l)
{
    size_t cur = 0, seen = 0, max_align = 1;

    for (size_t i = 0; i < l->n_slots; i++) {
        const struct gen_slot *slot = &l->slots[i];
        assert_int_equal(slot->offset, cur);
        assert_true(slot->size > 0);
        cur += slot->size;
        if (slot->member == GEN_SLOT_PADDING)
            continue;
        assert_true(slot->member < md->s.n_members);
        assert_int_equal(slot->size, md->m[slot->member].size);
        assert_int_equal(slot->offset % md->m[slot->member].align, 0);
        if (slot->starts_line)
            assert_int_equal(slot->offset % GEN_CACHE_LINE, 0);
        max_align = md->m[slot->member].align > max_align ? md->m[slot->member].align : max_align;
        seen++;
    }
    assert_int_equal(cur, l->size);
    assert_int_equal(seen, md->s.n_members);
    assert_int_equal(l->size % l->align, 0);
    assert_true(l->align >= max_align);
    for (size_t m = 0; m < md->s.n_members; m++)
        (void)offset_of(l, m);
}

static int lines_overlap(size_t a_off, size_t a_size, size_t b_off, size_t b_size)
{
    size_t a_first = a_off / GEN_CACHE_LINE, a_last = (a_off + a_size - 1) / GEN_CACHE_LINE;
    size_t b_first = b_off / GEN_CACHE_LINE, b_last = (b_off + b_size - 1) / GEN_CACHE_LINE;

    return a_first <= b_last && b_first <= a_last;
}

/* Whether a and b may share a cache line: the same writer, or neither has one and not both
 * are _Atomic (an _Atomic member without a writer is a writer of its own). */
static int may_share(const struct gen_member *a, const struct gen_member *b)
{
    if (a->writer != NULL && b->writer != NULL)
        return strcmp(a->writer, b->writer) == 0;
    if (a->writer != NULL || b->writer != NULL)
        return 0;
    return !a->is_atomic || !b->is_atomic;
}

static void check_writers(const struct model *md, const struct gen_layout *l)
{
    for (size_t a = 0; a < md->s.n_members; a++) {
        for (size_t b = a + 1; b < md->s.n_members; b++) {
            if (may_share(&md->m[a], &md->m[b]))
                continue;
            assert_false(
                lines_overlap(offset_of(l, a), md->m[a].size, offset_of(l, b), md->m[b].size));
        }
    }
}

/* Without writers: no more padding than the declared order, and hot members that fit in a
 * cache line all lie in the first one. */
static void check_plain(const struct model *md, const struct gen_layout *l)
{
    size_t hot = 0;

    assert_true(l->size <= round_up(md->s.size, l->align));
    if (!md->s.options.cache_aligned)
        assert_true(l->size <= md->s.size);
    for (size_t m = 0; m < md->s.n_members; m++)
        hot += md->m[m].heat == GEN_HEAT_HOT ? md->m[m].size : 0;
    if (hot > GEN_CACHE_LINE)
        return;
    for (size_t m = 0; m < md->s.n_members; m++) {
        if (md->m[m].heat == GEN_HEAT_HOT)
            assert_true(offset_of(l, m) + md->m[m].size <= GEN_CACHE_LINE);
    }
}

static void check_random(uint64_t seed, int with_writers, size_t rounds)
{
    struct model md;
    struct gen_layout l, again;

    for (size_t i = 0; i < rounds; i++) {
        random_struct(&md, &seed, with_writers);
        assert_int_equal(gen_layout_plan(&l, &md.s), 0);
        check_slots(&md, &l);
        check_writers(&md, &l);
        if (!with_writers)
            check_plain(&md, &l);
        assert_int_equal(gen_layout_plan(&again, &md.s), 0);
        assert_int_equal(again.n_slots, l.n_slots);
        assert_memory_equal(again.slots, l.slots, l.n_slots * sizeof(struct gen_slot));
        gen_model_layout_fini(&again);
        gen_model_layout_fini(&l);
    }
}

static void test_gen_layout_random_plain_structs(void **state)
{
    (void)state;
    check_random(0x9e3779b97f4a7c15u, 0, 20000);
}

static void test_gen_layout_random_writer_structs(void **state)
{
    (void)state;
    check_random(0x2545f4914f6cdd1du, 1, 5000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_layout_issue_fill),
        cmocka_unit_test(test_gen_layout_fills_the_gap_after_hot),
        cmocka_unit_test(test_gen_layout_gap_filled_by_small_member),
        cmocka_unit_test(test_gen_layout_writer_groups),
        cmocka_unit_test(test_gen_layout_unowned_atomics),
        cmocka_unit_test(test_gen_layout_ties_keep_declaration_order),
        cmocka_unit_test(test_gen_layout_random_plain_structs),
        cmocka_unit_test(test_gen_layout_random_writer_structs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
