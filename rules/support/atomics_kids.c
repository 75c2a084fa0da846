/* The memo of cursors' children; see atomics_kids.h. A slot holds the first children of one
 * cursor, counted up to one past those kept, so that a block's statements are never all
 * visited for its first child; the full count of a cursor with more is asked afresh. */
#include "rules/support/atomics_kids.h"

#include <stdint.h>
#include <stdlib.h>

#include "analyzer/cursors.h"
#include "analyzer/error.h"
#include "rules/support/atomics_cursor.h"

#define AK_SLOTS 4096 /* a power of two; a collision only costs a fresh visit */

struct rule_atomics_kids_slot {
    CXCursor key; /* valid when the memo's filled flag for the slot is set */
    CXCursor c[RULE_ATOMICS_KIDS_KEPT];
    unsigned n; /* children counted, at most RULE_ATOMICS_KIDS_KEPT + 1 */
};

static enum CXChildVisitResult take(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct rule_atomics_kids_slot *s = data;

    (void)parent;
    if (s->n < RULE_ATOMICS_KIDS_KEPT)
        s->c[s->n] = cursor;
    s->n++;
    return s->n > RULE_ATOMICS_KIDS_KEPT ? CXChildVisit_Break : CXChildVisit_Continue;
}

int rule_atomics_kids_init(struct rule_atomics_kids *m)
{
    /* left uninitialised: a unit touches few of the slots, and filled[] guards them */
    m->slots = malloc(AK_SLOTS * sizeof(*m->slots));
    m->filled = calloc(AK_SLOTS, 1);
    if (m->slots == NULL || m->filled == NULL) {
        rule_atomics_kids_fini(m);
        return ECG_ENOMEM;
    }
    return 0;
}

void rule_atomics_kids_fini(struct rule_atomics_kids *m)
{
    free(m->slots);
    free(m->filled);
    m->slots = NULL;
    m->filled = NULL;
}

static unsigned slot_of(CXCursor c)
{
    uint64_t h = ((uint64_t)(uintptr_t)c.data[1] ^ (uint64_t)c.kind) * 0x9e3779b97f4a7c15ull;

    return (unsigned)(h >> 40) & (AK_SLOTS - 1);
}

/* The slot holding c's children, filled by one visit when it held another cursor's. */
static const struct rule_atomics_kids_slot *slot_for(struct rule_atomics_kids *m, CXCursor c)
{
    unsigned i = slot_of(c);
    struct rule_atomics_kids_slot *s = &m->slots[i];

    if (m->filled[i] && rule_atomics_same_bits(s->key, c))
        return s;
    m->filled[i] = 1;
    s->n = 0;
    clang_visitChildren(c, take, s);
    s->key = c;
    return s;
}

unsigned rule_atomics_kids_get(CXCursor *out, unsigned max, struct rule_atomics_kids *m, CXCursor c)
{
    const struct rule_atomics_kids_slot *s;
    unsigned n;

    if (m == NULL || m->slots == NULL || max > RULE_ATOMICS_KIDS_KEPT)
        return ecg_cursor_children(out, max, c);
    s = slot_for(m, c);
    if (s->n > RULE_ATOMICS_KIDS_KEPT)
        return ecg_cursor_children(out, max, c);
    n = s->n < max ? s->n : max;
    for (unsigned i = 0; i < n; i++)
        out[i] = s->c[i];
    return s->n;
}

unsigned rule_atomics_kids_first(CXCursor *out, struct rule_atomics_kids *m, CXCursor c)
{
    struct rule_atomics_kids_slot fresh;
    const struct rule_atomics_kids_slot *s = &fresh;

    if (m == NULL || m->slots == NULL) {
        fresh.n = 0;
        clang_visitChildren(c, take, &fresh);
    } else {
        s = slot_for(m, c);
    }
    for (unsigned i = 0; i < s->n && i < RULE_ATOMICS_KIDS_KEPT; i++)
        out[i] = s->c[i];
    return s->n;
}

CXCursor rule_atomics_kids_nth(struct rule_atomics_kids *m, CXCursor c, unsigned index)
{
    const struct rule_atomics_kids_slot *s;

    if (m == NULL || m->slots == NULL || index >= RULE_ATOMICS_KIDS_KEPT)
        return ecg_cursor_child(c, index);
    s = slot_for(m, c);
    return index < s->n ? s->c[index] : clang_getNullCursor();
}

CXCursor rule_atomics_kids_strip(struct rule_atomics_kids *m, CXCursor e)
{
    /* bounded by the nesting of casts and parentheses written around one operand */
    for (;;) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        CXCursor child;
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr)
            return e;
        child = rule_atomics_kids_nth(m, e, 0);
        if (rule_atomics_null(child))
            return e;
        e = child;
    }
}
