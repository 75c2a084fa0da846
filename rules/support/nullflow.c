/* Null state along the walk; see nullflow.h. States are arrays indexed by variable number;
 * a variable first seen after a state was saved reads as 0 (not followed) in that state. */
#include "rules/support/nullflow.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/nullflow_int.h"
#include "rules/support/opkind.h"

struct rule_nullflow *rule_nullflow_new(void)
{
    struct rule_nullflow *nf = calloc(1, sizeof(*nf));

    if (nf != NULL)
        nf->cur.reachable = 1;
    return nf;
}

static void state_free(struct rule_nullflow_state *s)
{
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static void frames_clear(struct rule_nullflow *nf)
{
    for (size_t i = 0; i < nf->n_frames; i++) {
        state_free(&nf->frames[i].saved[0]);
        state_free(&nf->frames[i].saved[1]);
    }
    nf->n_frames = 0;
}

static void jumps_clear(struct rule_nullflow *nf)
{
    for (size_t i = 0; i < nf->n_jumps; i++)
        state_free(&nf->jumps[i].state);
    nf->n_jumps = 0;
}

void rule_nullflow_free(struct rule_nullflow *nf)
{
    if (nf == NULL)
        return;
    frames_clear(nf);
    jumps_clear(nf);
    free(nf->jumps);
    free(nf->frames);
    free(nf->vars);
    free(nf->aggs);
    state_free(&nf->cur);
    free(nf);
}

void rule_nullflow_begin(struct rule_nullflow *nf, CXTranslationUnit tu)
{
    frames_clear(nf);
    jumps_clear(nf);
    nf->tu = tu;
    nf->n_vars = 0;
    nf->n_aggs = 0;
    state_free(&nf->cur);
    nf->cur.reachable = 1;
    nf->lost = 0;
}

int rule_nullflow_lost(const struct rule_nullflow *nf)
{
    return nf->lost;
}

void rule_nullflow_lose(struct rule_nullflow *nf)
{
    nf->lost = 1;
}

/* Grows s to n slots, the new ones not followed. */
static int state_fit(struct rule_nullflow *nf, struct rule_nullflow_state *s, size_t n)
{
    struct rule_nullflow_slot *grown;

    if (s->n >= n)
        return 0;
    grown = realloc(s->v, n * sizeof(*grown));
    if (grown == NULL) {
        nf->lost = 1;
        return -1;
    }
    memset(grown + s->n, 0, (n - s->n) * sizeof(*grown));
    s->v = grown;
    s->n = n;
    return 0;
}

static int state_copy(struct rule_nullflow *nf, struct rule_nullflow_state *dst,
                      const struct rule_nullflow_state *src)
{
    dst->reachable = src->reachable;
    if (state_fit(nf, dst, src->n) != 0)
        return -1;
    if (src->n > 0)
        memcpy(dst->v, src->v, src->n * sizeof(*src->v));
    if (dst->n > src->n)
        memset(dst->v + src->n, 0, (dst->n - src->n) * sizeof(*dst->v));
    return 0;
}

/* dst becomes the join of dst and src: the paths of both. */
static void state_join(struct rule_nullflow *nf, struct rule_nullflow_state *dst,
                       const struct rule_nullflow_state *src)
{
    if (!src->reachable)
        return;
    if (!dst->reachable) {
        state_copy(nf, dst, src);
        return;
    }
    if (state_fit(nf, dst, src->n) != 0)
        return;
    for (size_t i = 0; i < src->n; i++) {
        if (dst->v[i].origin == 0 || dst->v[i].bits == 0)
            dst->v[i].origin = src->v[i].origin;
        dst->v[i].bits |= src->v[i].bits;
    }
}

size_t rule_nullflow_var_find(const struct rule_nullflow *nf, CXCursor decl)
{
    unsigned hash = clang_hashCursor(decl);

    for (size_t i = 0; i < nf->n_vars; i++) {
        if (nf->vars[i].hash == hash && clang_equalCursors(nf->vars[i].decl, decl))
            return i;
    }
    return nf->n_vars;
}

/* The number of decl, added when new; n_vars (not a valid number) when memory ran out. */
static size_t var_add(struct rule_nullflow *nf, CXCursor decl)
{
    size_t i = rule_nullflow_var_find(nf, decl);

    if (i < nf->n_vars)
        return i;
    if (nf->n_vars == nf->cap_vars) {
        size_t cap = nf->cap_vars != 0 ? nf->cap_vars * 2 : 16;
        struct rule_nullflow_var *grown = realloc(nf->vars, cap * sizeof(*grown));
        if (grown == NULL) {
            nf->lost = 1;
            return nf->n_vars;
        }
        nf->vars = grown;
        nf->cap_vars = cap;
    }
    nf->vars[i].decl = decl;
    nf->vars[i].hash = clang_hashCursor(decl);
    nf->n_vars++;
    return i;
}

/* Applies what a test tells about variable i to it and to the holders of its origin. */
static void slot_learn(struct rule_nullflow_state *s, size_t i, unsigned char bits)
{
    unsigned origin = s->v[i].origin;

    for (size_t j = 0; j < s->n; j++) {
        struct rule_nullflow_slot *v = &s->v[j];
        if (v->bits == 0 || (j != i && (origin == 0 || v->origin != origin)))
            continue;
        if (bits != RULE_NULLFLOW_TESTED)
            v->bits = bits;
        else if (v->bits & RULE_NULLFLOW_FRESH)
            v->bits = (unsigned char)((v->bits & ~RULE_NULLFLOW_FRESH) | RULE_NULLFLOW_TESTED);
    }
}

void rule_nullflow_state_learn(const struct rule_nullflow *nf, struct rule_nullflow_state *s,
                               CXCursor decl, unsigned char bits)
{
    size_t i = rule_nullflow_var_find(nf, decl);

    if (i < s->n && s->v[i].bits != 0)
        slot_learn(s, i, bits);
}

/* ---- frames ------------------------------------------------------------------------------ */

/* The child of frame f that holds cursor (cursor itself or one of its ancestors). */
static int nf_child_index(const struct rule_nullflow_frame *f, struct rule_ctx *rc, CXCursor cursor,
                          unsigned *out)
{
    CXCursor below = cursor;

    for (size_t up = 0; up < RULE_NULLFLOW_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        if (clang_Cursor_isNull(a))
            return 0;
        if (rule_nullflow_same(a, f->node)) {
            for (unsigned k = 0; k < f->n_child; k++) {
                if (rule_nullflow_same(f->child[k], below)) {
                    *out = k;
                    return 1;
                }
            }
            return 0;
        }
        below = a;
    }
    return 0;
}

static void nf_advance_if(struct rule_nullflow *nf, struct rule_nullflow_frame *f, unsigned next)
{
    if (next == 1) {
        state_copy(nf, &f->saved[0], &nf->cur);
        rule_nullflow_state_assume(nf, &nf->cur, f->child[0], 1);
    } else if (next == 2) {
        state_copy(nf, &f->saved[1], &nf->cur);
        state_copy(nf, &nf->cur, &f->saved[0]);
        rule_nullflow_state_assume(nf, &nf->cur, f->child[0], 0);
    }
}

/* Moves f from the child it runs to the next one. */
static void nf_advance(struct rule_nullflow *nf, struct rule_nullflow_frame *f)
{
    unsigned next = f->slot + 1;

    switch (f->kind) {
    case RULE_NULLFLOW_IF:
        nf_advance_if(nf, f, next);
        break;
    case RULE_NULLFLOW_WHILE:
        state_copy(nf, &f->saved[0], &nf->cur);
        rule_nullflow_state_assume(nf, &nf->cur, f->child[0], 1);
        break;
    case RULE_NULLFLOW_FOR:
        if (next + 1 == f->n_child)
            state_copy(nf, &f->saved[0], &nf->cur);
        break;
    case RULE_NULLFLOW_SWITCH:
        state_copy(nf, &f->saved[0], &nf->cur);
        break;
    }
    f->slot = next;
}

void rule_nullflow_at(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor cursor)
{
    struct rule_nullflow_frame *f;
    unsigned k;

    if (nf->lost || nf->n_frames == 0)
        return;
    f = &nf->frames[nf->n_frames - 1];
    if (!nf_child_index(f, rc, cursor, &k) || k < f->slot) {
        nf->lost = 1;
        return;
    }
    while (f->slot < k && !nf->lost)
        nf_advance(nf, f);
}

static int nf_frame_kind(CXCursor stmt, enum rule_nullflow_frame_kind *out)
{
    switch (clang_getCursorKind(stmt)) {
    case CXCursor_IfStmt:
        *out = RULE_NULLFLOW_IF;
        return 1;
    case CXCursor_WhileStmt:
        *out = RULE_NULLFLOW_WHILE;
        return 1;
    case CXCursor_ForStmt:
        *out = RULE_NULLFLOW_FOR;
        return 1;
    case CXCursor_SwitchStmt:
        *out = RULE_NULLFLOW_SWITCH;
        return 1;
    default:
        return 0;
    }
}

static struct rule_nullflow_frame *nf_frame_new(struct rule_nullflow *nf)
{
    if (nf->n_frames == nf->cap_frames) {
        size_t cap = nf->cap_frames != 0 ? nf->cap_frames * 2 : 16;
        struct rule_nullflow_frame *grown = realloc(nf->frames, cap * sizeof(*grown));
        if (grown == NULL) {
            nf->lost = 1;
            return NULL;
        }
        nf->frames = grown;
        nf->cap_frames = cap;
    }
    memset(&nf->frames[nf->n_frames], 0, sizeof(nf->frames[0]));
    return &nf->frames[nf->n_frames++];
}

/* A statement of kind with n children as the frames model it: an if with a condition and
 * one or two branches, a loop or switch with a condition and a body, a for with its body. */
static int nf_shape_known(enum rule_nullflow_frame_kind kind, unsigned n)
{
    unsigned least = kind == RULE_NULLFLOW_FOR ? 1 : 2;

    return n >= least && n <= RULE_NULLFLOW_MAX_CHILDREN;
}

void rule_nullflow_push(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor stmt)
{
    struct rule_nullflow_frame *f;
    enum rule_nullflow_frame_kind kind;
    unsigned n;

    rule_nullflow_at(nf, rc, stmt);
    if (nf->lost || !nf_frame_kind(stmt, &kind))
        return;
    f = nf_frame_new(nf);
    if (f == NULL)
        return;
    f->kind = kind;
    f->node = stmt;
    n = rule_nullflow_children(stmt, f->child, RULE_NULLFLOW_MAX_CHILDREN);
    f->n_child = n;
    if (!nf_shape_known(kind, n)) {
        nf->lost = 1;
        return;
    }
    if (kind == RULE_NULLFLOW_FOR && n == 1)
        state_copy(nf, &f->saved[0], &nf->cur);
}

/* The paths leaving f's statement, into the current state. */
static void nf_frame_join(struct rule_nullflow *nf, struct rule_nullflow_frame *f)
{
    struct rule_nullflow_state other = { NULL, 0, 0 };

    if (f->kind == RULE_NULLFLOW_SWITCH)
        state_join(nf, &nf->cur, &f->saved[1]);
    if (f->kind == RULE_NULLFLOW_IF && f->n_child >= 3) {
        state_join(nf, &nf->cur, &f->saved[1]);
        return;
    }
    if (f->kind == RULE_NULLFLOW_FOR || (f->kind == RULE_NULLFLOW_SWITCH && !f->has_default)) {
        state_join(nf, &nf->cur, &f->saved[0]);
        return;
    }
    if (f->kind == RULE_NULLFLOW_SWITCH)
        return;
    /* an if without else, a while: the condition was false */
    if (state_copy(nf, &other, &f->saved[0]) == 0) {
        rule_nullflow_state_assume(nf, &other, f->child[0], 0);
        state_join(nf, &nf->cur, &other);
    }
    state_free(&other);
}

void rule_nullflow_pop(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor stmt)
{
    struct rule_nullflow_frame *f;

    (void)rc;
    if (nf->lost || nf->n_frames == 0)
        return;
    f = &nf->frames[nf->n_frames - 1];
    if (!rule_nullflow_same(f->node, stmt)) {
        nf->lost = 1;
        return;
    }
    while (f->slot + 1 < f->n_child && !nf->lost)
        nf_advance(nf, f);
    nf_frame_join(nf, f);
    state_free(&f->saved[0]);
    state_free(&f->saved[1]);
    nf->n_frames--;
}

struct nf_sibling {
    CXCursor target; /* the child whose predecessor is wanted */
    CXCursor prev;   /* the child before it so far; ends as its predecessor */
    CXCursor last;   /* the last child seen */
    int found;
};

static enum CXChildVisitResult nf_sibling_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nf_sibling *s = data;

    (void)parent;
    if (!clang_Cursor_isNull(s->target) && rule_nullflow_same(c, s->target)) {
        s->found = 1;
        return CXChildVisit_Break;
    }
    s->prev = c;
    s->last = c;
    return CXChildVisit_Continue;
}

/* The statement that runs last in s: s itself, or the last statement under its labels and
 * braces. */
static CXCursor nf_last_statement(CXCursor s)
{
    for (int guard = 0; guard < 64; guard++) {
        enum CXCursorKind kind = clang_getCursorKind(s);
        struct nf_sibling q = { clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor(),
                                0 };
        if (kind != CXCursor_CaseStmt && kind != CXCursor_DefaultStmt &&
            kind != CXCursor_LabelStmt && kind != CXCursor_CompoundStmt)
            return s;
        clang_visitChildren(s, nf_sibling_visit, &q);
        if (clang_Cursor_isNull(q.last))
            return s;
        s = q.last;
    }
    return s;
}

/* Nonzero when the statement written just before label in the switch body is a break: the
 * path reaching it leaves the switch instead of falling into label. */
static int nf_break_before(struct rule_ctx *rc, CXCursor label)
{
    CXCursor parent = rule_ancestor(rc, 0);
    struct nf_sibling q = { label, clang_getNullCursor(), clang_getNullCursor(), 0 };

    if (clang_getCursorKind(parent) != CXCursor_CompoundStmt)
        return 0;
    clang_visitChildren(parent, nf_sibling_visit, &q);
    if (!q.found || clang_Cursor_isNull(q.prev))
        return 0;
    return clang_getCursorKind(nf_last_statement(q.prev)) == CXCursor_BreakStmt;
}

void rule_nullflow_case(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor label)
{
    struct rule_nullflow_frame *f;

    rule_nullflow_at(nf, rc, label);
    if (nf->lost || nf->n_frames == 0)
        return;
    f = &nf->frames[nf->n_frames - 1];
    if (f->kind != RULE_NULLFLOW_SWITCH || f->slot != 1) {
        nf->lost = 1; /* a label inside a nested statement (Duff's device) */
        return;
    }
    if (nf->cur.reachable && nf_break_before(rc, label)) {
        state_join(nf, &f->saved[1], &nf->cur); /* saved[1]: the paths that broke out */
        nf->cur.reachable = 0;
    }
    state_join(nf, &nf->cur, &f->saved[0]);
    if (clang_getCursorKind(label) == CXCursor_DefaultStmt)
        f->has_default = 1;
}

/* ---- values ------------------------------------------------------------------------------ */

void rule_nullflow_stop(struct rule_nullflow *nf)
{
    nf->cur.reachable = 0;
}

/* Keeps a copy of the current state for label. */
static void nf_save_jump(struct rule_nullflow *nf, CXCursor label)
{
    struct rule_nullflow_jump *j;

    if (nf->n_jumps == nf->cap_jumps) {
        size_t cap = nf->cap_jumps != 0 ? nf->cap_jumps * 2 : 8;
        struct rule_nullflow_jump *grown = realloc(nf->jumps, cap * sizeof(*grown));
        if (grown == NULL) {
            nf->lost = 1;
            return;
        }
        nf->jumps = grown;
        nf->cap_jumps = cap;
    }
    j = &nf->jumps[nf->n_jumps];
    memset(j, 0, sizeof(*j));
    j->label = label;
    if (state_copy(nf, &j->state, &nf->cur) == 0)
        nf->n_jumps++;
    else
        state_free(&j->state);
}

void rule_nullflow_goto(struct rule_nullflow *nf, CXCursor label)
{
    if (!nf->lost && nf->cur.reachable && !clang_Cursor_isNull(label))
        nf_save_jump(nf, label);
    nf->cur.reachable = 0;
}

void rule_nullflow_label(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor label)
{
    rule_nullflow_at(nf, rc, label);
    for (size_t i = 0; i < nf->n_jumps && !nf->lost; i++) {
        struct rule_nullflow_jump *j = &nf->jumps[i];
        if (!rule_nullflow_same(j->label, label))
            continue;
        state_join(nf, &nf->cur, &j->state);
        state_free(&j->state);
        *j = nf->jumps[--nf->n_jumps];
        i--;
    }
}

int rule_nullflow_reachable(const struct rule_nullflow *nf)
{
    return nf->cur.reachable;
}

struct rule_nullflow_value rule_nullflow_get(const struct rule_nullflow *nf, CXCursor decl)
{
    struct rule_nullflow_value v = { 0, 0 };
    size_t i = rule_nullflow_var_find(nf, decl);

    if (i < nf->cur.n) {
        v.origin = nf->cur.v[i].origin;
        v.bits = nf->cur.v[i].bits;
    }
    return v;
}

void rule_nullflow_set(struct rule_nullflow *nf, CXCursor decl, struct rule_nullflow_value v)
{
    size_t i;

    if (nf->lost || !nf->cur.reachable)
        return;
    if (v.bits == 0 && rule_nullflow_var_find(nf, decl) == nf->n_vars)
        return; /* nothing to forget */
    i = var_add(nf, decl);
    if (i == nf->n_vars || state_fit(nf, &nf->cur, nf->n_vars) != 0)
        return;
    nf->cur.v[i].origin = v.origin;
    nf->cur.v[i].bits = (unsigned char)v.bits;
}

/* Gives variable i the value v in s. */
static void state_put(struct rule_nullflow *nf, struct rule_nullflow_state *s, size_t i,
                      struct rule_nullflow_value v)
{
    if (state_fit(nf, s, nf->n_vars) != 0)
        return;
    s->v[i].origin = v.origin;
    s->v[i].bits = (unsigned char)v.bits;
}

void rule_nullflow_declare(struct rule_nullflow *nf, CXCursor decl, struct rule_nullflow_value v)
{
    size_t i;

    if (nf->lost || rule_nullflow_var_find(nf, decl) < nf->n_vars)
        return;
    i = var_add(nf, decl);
    if (i == nf->n_vars)
        return;
    state_put(nf, &nf->cur, i, v);
    for (size_t f = 0; f < nf->n_frames; f++) {
        state_put(nf, &nf->frames[f].saved[0], i, v);
        state_put(nf, &nf->frames[f].saved[1], i, v);
    }
    for (size_t j = 0; j < nf->n_jumps; j++)
        state_put(nf, &nf->jumps[j].state, i, v);
}

size_t rule_nullflow_depth(const struct rule_nullflow *nf)
{
    return nf->n_frames;
}

int rule_nullflow_knows(const struct rule_nullflow *nf, CXCursor decl)
{
    return !nf->lost && rule_nullflow_var_find(nf, decl) < nf->n_vars;
}

void rule_nullflow_tested(struct rule_nullflow *nf, CXCursor decl)
{
    if (!nf->lost)
        rule_nullflow_state_learn(nf, &nf->cur, decl, RULE_NULLFLOW_TESTED);
}

void rule_nullflow_nonnull(struct rule_nullflow *nf, CXCursor decl)
{
    if (!nf->lost && nf->cur.reachable)
        rule_nullflow_state_learn(nf, &nf->cur, decl, RULE_NULLFLOW_NONNULL);
}

/* Nonzero when facts say decl, or a variable holding the same origin, is not NULL or was
 * tested. */
