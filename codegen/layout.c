/* The layout planner: members are split into blocks (the members no writer names, then one
 * block per writer and per _Atomic member no writer owns), each block is placed by the first
 * of a few candidate orders that reaches the block's minimum size, and the gaps become
 * explicit padding slots. */
#include "codegen/layout.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

#define UNPLACED ((size_t)-1)

/* What the planner needs of one member; rank 0 hot, 1 warm, 2 cold. */
struct key {
    size_t index;
    size_t size;
    size_t align;
    size_t offset; /* final offset, once every block is placed */
    int rank;
};

/* The planner's working state: relative offsets by member index, and scratch keys. */
struct planner {
    const struct gen_struct *s;
    size_t *at;         /* offset of each member from its block's start; UNPLACED before */
    size_t *block_base; /* offset of each member's block; by member index */
    int *starts_line;   /* by member index */
    size_t *group;      /* by member index: see group_of */
    struct key *keys;   /* one block's keys */
    struct key *scratch;
};

static size_t round_up(size_t value, size_t align)
{
    return align <= 1 ? value : (value + align - 1) / align * align;
}

static int heat_rank(enum gen_heat heat)
{
    switch (heat) {
    case GEN_HEAT_HOT:
        return 0;
    case GEN_HEAT_WARM:
        return 1;
    case GEN_HEAT_COLD:
        return 2;
    }
    return 1;
}

static int compare_size(size_t a, size_t b)
{
    return (a > b) - (a < b);
}

/* Hot, warm, cold; then decreasing alignment; then declaration order. */
static int by_heat(const void *pa, const void *pb)
{
    const struct key *a = pa;
    const struct key *b = pb;

    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->align != b->align)
        return compare_size(b->align, a->align);
    return compare_size(a->index, b->index);
}

/* Decreasing alignment; then hot, warm, cold; then declaration order. */
static int by_align(const void *pa, const void *pb)
{
    const struct key *a = pa;
    const struct key *b = pb;

    if (a->align != b->align)
        return compare_size(b->align, a->align);
    if (a->rank != b->rank)
        return a->rank - b->rank;
    return compare_size(a->index, b->index);
}

static void reset(struct planner *p, const struct key *k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p->at[k[i].index] = UNPLACED;
}

/* Moves later unplaced members into the gap [*cur, limit) while one fits. */
static void fill_gap(struct planner *p, const struct key *k, size_t from, size_t n, size_t *cur,
                     size_t limit)
{
    for (size_t j = from; j < n && *cur < limit; j++) {
        size_t o = round_up(*cur, k[j].align);
        if (p->at[k[j].index] != UNPLACED || o + k[j].size > limit)
            continue;
        p->at[k[j].index] = o;
        *cur = o + k[j].size;
    }
}

/* Places k[0..n) in order from offset 0, filling gaps with later members; returns the end. */
static size_t place_forward(struct planner *p, const struct key *k, size_t n)
{
    size_t cur = 0;

    for (size_t i = 0; i < n; i++) {
        size_t o = round_up(cur, k[i].align);
        if (p->at[k[i].index] != UNPLACED)
            continue;
        fill_gap(p, k, i + 1, n, &cur, o);
        o = round_up(cur, k[i].align);
        p->at[k[i].index] = o;
        cur = o + k[i].size;
    }
    return cur;
}

/* Places k[0..n) in order downwards from top, the first at the very end; returns 0, or -1
 * when one would start below floor. */
static int place_backward(struct planner *p, const struct key *k, size_t n, size_t floor,
                          size_t top)
{
    size_t cur = top;

    for (size_t i = 0; i < n; i++) {
        size_t o;
        if (k[i].size > cur)
            return -1;
        o = (cur - k[i].size) / k[i].align * k[i].align;
        if (o < floor)
            return -1;
        p->at[k[i].index] = o;
        cur = o;
    }
    return 0;
}

/* Hot members forward, then the rest backward from the block's minimum end: cold members
 * at the very end, warm before them. Returns 0, or -1 when that leaves a gap too many. */
static int place_split(struct planner *p, size_t n, size_t n_hot, size_t n_warm, size_t top)
{
    size_t n_cold = n - n_hot - n_warm;
    size_t hot_end = place_forward(p, p->keys, n_hot);

    memcpy(p->scratch, p->keys + n_hot + n_warm, n_cold * sizeof(struct key));
    memcpy(p->scratch + n_cold, p->keys + n_hot, n_warm * sizeof(struct key));
    return place_backward(p, p->scratch, n - n_hot, hot_end, top);
}

/* Hot members forward, then the rest by decreasing alignment: backward from the minimum end
 * when there are hot members, forward otherwise. Reaches the minimum size: backward, each
 * member's alignment divides everything placed after it. */
static void place_by_align(struct planner *p, size_t n, size_t n_hot, size_t top)
{
    size_t hot_end = place_forward(p, p->keys, n_hot);
    size_t n_rest = n - n_hot;

    memcpy(p->scratch, p->keys + n_hot, n_rest * sizeof(struct key));
    qsort(p->scratch, n_rest, sizeof(struct key), by_align);
    if (n_hot > 0 && place_backward(p, p->scratch, n_rest, hot_end, top) == 0)
        return;
    /* no hot members (or, which cannot happen, no room): everything by alignment */
    memcpy(p->scratch, p->keys, n * sizeof(struct key));
    qsort(p->scratch, n, sizeof(struct key), by_align);
    reset(p, p->scratch, n);
    place_forward(p, p->scratch, n);
}

static size_t block_end(const struct planner *p, const struct key *k, size_t n)
{
    size_t end = 0;

    for (size_t i = 0; i < n; i++) {
        if (p->at[k[i].index] + k[i].size > end)
            end = p->at[k[i].index] + k[i].size;
    }
    return end;
}

static size_t count_rank(const struct key *k, size_t n, int rank)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++)
        count += k[i].rank == rank;
    return count;
}

/* Places the n keys of one block (p->keys) relative to the block start; returns the
 * largest alignment among them. */
static size_t place_block(struct planner *p, size_t n)
{
    size_t sum = 0, align = 1, top;
    size_t n_hot = count_rank(p->keys, n, 0);
    size_t n_warm = count_rank(p->keys, n, 1);

    for (size_t i = 0; i < n; i++) {
        sum += p->keys[i].size;
        align = p->keys[i].align > align ? p->keys[i].align : align;
    }
    top = round_up(sum, align);
    qsort(p->keys, n, sizeof(struct key), by_heat);
    reset(p, p->keys, n);
    if (place_forward(p, p->keys, n) <= top)
        return align;
    reset(p, p->keys, n);
    if (n_hot > 0 && place_split(p, n, n_hot, n_warm, top) == 0)
        return align;
    reset(p, p->keys, n);
    place_by_align(p, n, n_hot, top);
    return align;
}

/* The group of member i: 0 for the first block (no writer, not _Atomic), else 1 + the index
 * of the group's first member: a writer's first member, or an _Atomic member without a
 * writer, which lockfree-false-sharing counts as a writer of its own. */
static size_t group_of(const struct gen_struct *s, size_t i)
{
    const struct gen_member *m = &s->members[i];

    if (m->writer == NULL)
        return m->is_atomic ? i + 1 : 0;
    for (size_t j = 0; j < i; j++) {
        if (s->members[j].writer != NULL && strcmp(s->members[j].writer, m->writer) == 0)
            return j + 1;
    }
    return i + 1;
}

/* The first block has no writer and no _Atomic member, so one unowned _Atomic member can join
 * it without sharing a line with another thread's member: the first hot one, else the first. */
static void share_one_atomic(struct planner *p)
{
    const struct gen_struct *s = p->s;
    size_t host = UNPLACED;

    for (size_t i = 0; i < s->n_members; i++) {
        const struct gen_member *m = &s->members[i];
        if (m->writer != NULL || !m->is_atomic)
            continue;
        if (host == UNPLACED || (m->heat == GEN_HEAT_HOT && s->members[host].heat != GEN_HEAT_HOT))
            host = i;
    }
    if (host != UNPLACED)
        p->group[host] = 0;
}

/* Gathers into p->keys the members of group (as p->group numbers them). */
static size_t gather(struct planner *p, size_t group)
{
    const struct gen_struct *s = p->s;
    size_t n = 0;

    for (size_t i = 0; i < s->n_members; i++) {
        const struct gen_member *m = &s->members[i];
        if (p->group[i] != group)
            continue;
        p->keys[n].index = i;
        p->keys[n].size = m->size;
        p->keys[n].align = m->align != 0 ? m->align : 1;
        p->keys[n].rank = heat_rank(m->heat);
        n++;
    }
    return n;
}

/* Lays out one block at the first offset from *cur it may start at; advances *cur. */
static void lay_block(struct planner *p, size_t n, size_t *cur, int own_line)
{
    size_t align = place_block(p, n);
    size_t base = round_up(*cur, own_line && align < GEN_CACHE_LINE ? GEN_CACHE_LINE : align);
    size_t first = UNPLACED;

    for (size_t i = 0; i < n; i++) {
        size_t m = p->keys[i].index;
        p->block_base[m] = base;
        if (first == UNPLACED || p->at[m] < p->at[first])
            first = m;
    }
    if (first != UNPLACED && own_line)
        p->starts_line[first] = 1;
    *cur = base + block_end(p, p->keys, n);
}

/* Places every block; returns the end offset and sets *out_lines when any block needs its
 * own cache line. */
static size_t lay_blocks(struct planner *p, int *out_lines)
{
    const struct gen_struct *s = p->s;
    size_t cur = 0;
    size_t n;
    int lines = s->options.cache_aligned;

    for (size_t i = 0; i < s->n_members; i++)
        p->group[i] = group_of(s, i);
    share_one_atomic(p);
    n = gather(p, 0);
    if (n > 0)
        lay_block(p, n, &cur, lines);
    for (size_t i = 0; i < s->n_members; i++) {
        if (p->group[i] != i + 1)
            continue;
        lay_block(p, gather(p, i + 1), &cur, 1);
        lines = 1;
    }
    *out_lines = lines;
    return cur;
}

static void add_slot(struct gen_layout *l, size_t member, size_t offset, size_t size)
{
    struct gen_slot *slot = &l->slots[l->n_slots++];

    slot->member = member;
    slot->offset = offset;
    slot->size = size;
    slot->starts_line = 0;
}

/* By final offset; members never share one (every size is at least 1). */
static int by_offset(const void *pa, const void *pb)
{
    const struct key *a = pa;
    const struct key *b = pb;

    if (a->offset != b->offset)
        return compare_size(a->offset, b->offset);
    return compare_size(a->index, b->index);
}

/* Turns the placed members into slots in offset order, padding the gaps and the tail. */
static int build_slots(struct gen_layout *out, struct planner *p, size_t end, size_t align)
{
    const struct gen_struct *s = p->s;
    struct gen_layout l = { NULL, 0, round_up(end, align), align };
    size_t cur = 0;

    l.slots = calloc(2 * s->n_members + 1, sizeof(struct gen_slot));
    if (l.slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < s->n_members; i++) {
        p->keys[i].index = i;
        p->keys[i].offset = p->block_base[i] + p->at[i];
    }
    qsort(p->keys, s->n_members, sizeof(struct key), by_offset);
    for (size_t i = 0; i < s->n_members; i++) {
        size_t m = p->keys[i].index;
        size_t offset = p->keys[i].offset;
        if (offset > cur)
            add_slot(&l, GEN_SLOT_PADDING, cur, offset - cur);
        add_slot(&l, m, offset, s->members[m].size);
        l.slots[l.n_slots - 1].starts_line = p->starts_line[m];
        cur = offset + s->members[m].size;
    }
    if (l.size > cur)
        add_slot(&l, GEN_SLOT_PADDING, cur, l.size - cur);
    *out = l;
    return 0;
}

static void planner_fini(struct planner *p)
{
    free(p->at);
    free(p->block_base);
    free(p->starts_line);
    free(p->keys);
    free(p->scratch);
    free(p->group);
}

/* Allocates the planner's arrays for s; returns 0 or ECG_ENOMEM (release with
 * planner_fini either way). */
static int planner_init(struct planner *p, const struct gen_struct *s)
{
    size_t n = s->n_members != 0 ? s->n_members : 1;

    p->s = s;
    p->at = calloc(n, sizeof(size_t));
    p->block_base = calloc(n, sizeof(size_t));
    p->starts_line = calloc(n, sizeof(int));
    p->keys = calloc(n, sizeof(struct key));
    p->scratch = calloc(n, sizeof(struct key));
    p->group = calloc(n, sizeof(size_t));
    if (p->at == NULL || p->block_base == NULL || p->starts_line == NULL || p->keys == NULL ||
        p->scratch == NULL || p->group == NULL)
        return ECG_ENOMEM;
    return 0;
}

int gen_layout_plan(struct gen_layout *out, const struct gen_struct *s)
{
    struct planner p;
    size_t end, align = 1;
    int lines = 0;
    int rc = planner_init(&p, s);

    if (rc == 0) {
        end = lay_blocks(&p, &lines);
        for (size_t i = 0; i < s->n_members; i++)
            align = s->members[i].align > align ? s->members[i].align : align;
        if (lines && align < GEN_CACHE_LINE)
            align = GEN_CACHE_LINE;
        rc = build_slots(out, &p, end, align);
    }
    planner_fini(&p);
    return rc;
}

size_t gen_layout_padding(const struct gen_layout *layout)
{
    size_t padding = 0;

    for (size_t i = 0; i < layout->n_slots; i++) {
        if (layout->slots[i].member == GEN_SLOT_PADDING)
            padding += layout->slots[i].size;
    }
    return padding;
}
