/* The lattice of the use-after-free flow: per location, the kinds of paths (live, freed,
 * NULL) with the block's identity and the facts every freeing path satisfies; per state,
 * the facts every path satisfies. Joins only add bits and drop facts, so the flow ends. */
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/support/uaf_flow_int.h"

/* Whether 'value rel bound' holds. */
static int rel_holds(long long value, uint8_t rel, long long bound)
{
    switch (rel) {
    case ECG_OP_LT:
        return value < bound;
    case ECG_OP_LE:
        return value <= bound;
    case ECG_OP_GT:
        return value > bound;
    case ECG_OP_GE:
        return value >= bound;
    default:
        return 1;
    }
}

/* Nonzero when the fact 'loc == ...' allows value. */
static int set_has(const struct uaf_fact *f, long long value)
{
    if (f->value == value)
        return 1;
    for (unsigned i = 0; i < f->n_more; i++) {
        if (f->more[i] == value)
            return 1;
    }
    return 0;
}

/* Nonzero when some value the fact 'loc == ...' allows satisfies 'value rel bound'. */
static int set_satisfies(const struct uaf_fact *f, uint8_t rel, long long bound)
{
    if (rel_holds(f->value, rel, bound))
        return 1;
    for (unsigned i = 0; i < f->n_more; i++) {
        if (rel_holds(f->more[i], rel, bound))
            return 1;
    }
    return 0;
}

static int fact_same(const struct uaf_fact *a, const struct uaf_fact *b)
{
    if (a->loc != b->loc || a->ne != b->ne || a->rel != b->rel || a->n_more != b->n_more)
        return 0;
    if (a->ne)
        return a->value == b->value;
    for (unsigned i = 0; i < a->n_more; i++) {
        if (!set_has(b, a->more[i]))
            return 0;
    }
    return set_has(b, a->value);
}

/* Nonzero when g, a kept fact, and f, a fact just learnt (one value), cannot both hold. */
static int fact_conflict(const struct uaf_fact *g, const struct uaf_fact *f)
{
    if (g->loc != f->loc || (g->ne && f->ne))
        return 0;
    if (f->rel != 0)
        return !g->ne && !set_satisfies(g, f->rel, f->value);
    if (g->ne)
        return g->value == f->value;
    if (!f->ne)
        return !set_has(g, f->value);
    return g->n_more == 0 && g->value == f->value;
}

int uaf_facts_conflict(const struct uaf_facts *a, const struct uaf_fact *f)
{
    for (unsigned i = 0; i < a->n; i++) {
        if (fact_conflict(&a->f[i], f))
            return 1;
    }
    return 0;
}

void uaf_facts_add(struct uaf_facts *a, const struct uaf_fact *f)
{
    if (f->rel != 0)
        return;
    for (unsigned i = 0; i < a->n; i++) {
        if (fact_same(&a->f[i], f))
            return;
    }
    if (a->n < UAF_MAX_FACTS)
        a->f[a->n++] = *f;
}

void uaf_facts_forget(struct uaf_facts *a, uint16_t loc)
{
    unsigned kept = 0;

    for (unsigned i = 0; i < a->n; i++) {
        if (a->f[i].loc != loc)
            a->f[kept++] = a->f[i];
    }
    a->n = (uint8_t)kept;
}

/* Widens the equality a to also allow the values of b; 0 when the set would not fit. */
static int set_union(struct uaf_fact *a, const struct uaf_fact *b)
{
    struct uaf_fact u = *a;

    if (!set_has(&u, b->value)) {
        if (u.n_more == UAF_MAX_ALT)
            return 0;
        u.more[u.n_more++] = b->value;
    }
    for (unsigned i = 0; i < b->n_more; i++) {
        if (set_has(&u, b->more[i]))
            continue;
        if (u.n_more == UAF_MAX_ALT)
            return 0;
        u.more[u.n_more++] = b->more[i];
    }
    *a = u;
    return 1;
}

/* What both a and b tell of f's location: f itself, a wider equality, or nothing (0). */
static int fact_meet(struct uaf_fact *f, const struct uaf_facts *b)
{
    for (unsigned j = 0; j < b->n; j++) {
        if (fact_same(f, &b->f[j]))
            return 1;
    }
    for (unsigned j = 0; j < b->n; j++) {
        const struct uaf_fact *g = &b->f[j];
        if (g->loc == f->loc && !g->ne && !f->ne && g->rel == 0)
            return set_union(f, g);
    }
    return 0;
}

/* Keeps in a what b tells too; returns nonzero when a changed. */
static int facts_meet(struct uaf_facts *a, const struct uaf_facts *b)
{
    unsigned kept = 0;
    int changed = 0;

    for (unsigned i = 0; i < a->n; i++) {
        struct uaf_fact f = a->f[i];
        if (fact_meet(&f, b)) {
            changed |= !fact_same(&f, &a->f[i]);
            a->f[kept++] = f;
        }
    }
    changed |= kept != a->n;
    a->n = (uint8_t)kept;
    return changed;
}

void uaf_state_copy(struct uaf_state *dst, const struct uaf_state *src, size_t n_locs)
{
    memcpy(dst->slots, src->slots, n_locs * sizeof(*dst->slots));
    dst->path = src->path;
    dst->freed_params = src->freed_params;
    dst->reachable = src->reachable;
}

static int slot_join(struct uaf_slot *d, const struct uaf_slot *s)
{
    int changed = 0;

    if ((s->bits & UAF_FREED) != 0 && (d->bits & UAF_FREED) == 0) {
        d->guard = s->guard;
        d->free_node = s->free_node;
        changed = 1;
    } else if ((s->bits & UAF_FREED) != 0) {
        changed |= facts_meet(&d->guard, &s->guard);
    }
    if ((d->bits | s->bits) != d->bits) {
        d->bits |= s->bits;
        changed = 1;
    }
    if (d->obj != s->obj && d->obj != 0) {
        d->obj = 0;
        changed = 1;
    }
    return changed;
}

int uaf_state_join(struct uaf_state *dst, const struct uaf_state *src, size_t n_locs)
{
    int changed = 0;

    if (!src->reachable)
        return 0;
    if (!dst->reachable) {
        uaf_state_copy(dst, src, n_locs);
        return 1;
    }
    for (size_t i = 0; i < n_locs; i++)
        changed |= slot_join(&dst->slots[i], &src->slots[i]);
    changed |= facts_meet(&dst->path, &src->path);
    if ((dst->freed_params & src->freed_params) != dst->freed_params) {
        dst->freed_params &= src->freed_params;
        changed = 1;
    }
    return changed;
}

void uaf_state_entry(struct uaf_state *s, const struct rule_uaf *u)
{
    for (size_t i = 0; i < u->n_locs; i++) {
        struct uaf_slot *slot = &s->slots[i];
        memset(slot, 0, sizeof(*slot));
        slot->bits = UAF_LIVE;
        slot->free_node = ECG_FIR_NONE;
        if (u->locs[i].param >= 0 && u->locs[i].pointer)
            slot->obj = (uint32_t)u->locs[i].param + 1;
    }
    s->path.n = 0;
    s->freed_params = 0;
    s->reachable = 1;
}

/* What 'loc == 0' or 'loc != 0' tells about a pointer; 0 when no path agrees. */
static int assume_null(struct uaf_state *s, const struct rule_uaf *u, const struct uaf_fact *f)
{
    struct uaf_slot *slot = &s->slots[f->loc];

    if (!u->locs[f->loc].pointer || f->value != 0)
        return 1;
    if (f->ne) {
        slot->bits &= (uint8_t)~UAF_NULL;
    } else {
        slot->bits = (slot->bits & (UAF_NULL | UAF_LIVE)) != 0 ? UAF_NULL : 0;
        if (slot->obj >= 1 && slot->obj <= UAF_OBJ_PARAM_LAST)
            s->freed_params |= 1u << (slot->obj - 1);
    }
    return slot->bits != 0;
}

int uaf_state_assume(struct uaf_state *s, const struct rule_uaf *u, const struct uaf_fact *f)
{
    if (uaf_facts_conflict(&s->path, f) || !assume_null(s, u, f))
        return 0;
    for (size_t i = 0; i < u->n_locs; i++) {
        struct uaf_slot *slot = &s->slots[i];
        if ((slot->bits & UAF_FREED) == 0)
            continue;
        if (uaf_facts_conflict(&slot->guard, f)) {
            slot->bits &= (uint8_t)~UAF_FREED;
            if (slot->bits == 0)
                return 0;
        } else {
            uaf_facts_add(&slot->guard, f);
        }
    }
    uaf_facts_add(&s->path, f);
    return 1;
}

static void facts_shift(struct uaf_facts *a, uint16_t loc, long long delta)
{
    for (unsigned i = 0; i < a->n; i++) {
        if (a->f[i].loc != loc)
            continue;
        a->f[i].value += delta;
        for (unsigned j = 0; j < a->f[i].n_more; j++)
            a->f[i].more[j] += delta;
    }
}

void uaf_state_shift(struct uaf_state *s, size_t n_locs, uint16_t loc, long long delta)
{
    facts_shift(&s->path, loc, delta);
    for (size_t i = 0; i < n_locs; i++)
        facts_shift(&s->slots[i].guard, loc, delta);
}

void uaf_state_forget(struct uaf_state *s, size_t n_locs, uint16_t loc)
{
    uaf_facts_forget(&s->path, loc);
    for (size_t i = 0; i < n_locs; i++)
        uaf_facts_forget(&s->slots[i].guard, loc);
}
