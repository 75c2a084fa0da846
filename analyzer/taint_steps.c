/* Witnesses and flows: a tainted value carries the last step of how it got its taint, and
 * each step points to the one before, back to the source. Steps are shared and memoised
 * by (kind, node, aux, previous step), so a loop revisiting an assignment makes no new
 * step. A flow is kept once per (sink, category, argument). At the end each flow's chain
 * is turned into ranges and sentences for the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/taint_int.h"

#define CHAIN_MAX 64 /* steps of a flow shown: the first ones and the last ones */
#define TEXT_MAX 512

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t step_hash(const struct taint_step *s)
{
    return mix(mix(mix(mix(0, s->kind), s->node), s->aux), s->prev);
}

static int same_step(const struct taint_step *a, const struct taint_step *b)
{
    return a->kind == b->kind && a->node == b->node && a->aux == b->aux && a->prev == b->prev;
}

static int rehash_steps(struct ecg_taint *t)
{
    size_t n = t->n_step_slots != 0 ? t->n_step_slots * 2 : 1024;
    uint32_t *slots = calloc(n, sizeof(*slots));

    if (slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 1; i < t->n_steps; i++) {
        size_t at = (size_t)step_hash(&t->steps[i]) & (n - 1);
        while (slots[at] != 0)
            at = (at + 1) & (n - 1);
        slots[at] = (uint32_t)i;
    }
    free(t->step_slots);
    t->step_slots = slots;
    t->n_step_slots = n;
    return 0;
}

static int grow_steps(struct ecg_taint *t)
{
    size_t cap = t->steps_cap != 0 ? t->steps_cap * 2 : 256;
    struct taint_step *grown;

    if (t->n_steps < t->steps_cap)
        return 0;
    if (t->n_steps >= UINT32_MAX - 1)
        return ECG_ENOMEM;
    grown = realloc(t->steps, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    t->steps = grown;
    t->steps_cap = cap;
    return 0;
}

uint32_t ecg_taint_step(struct ecg_taint *t, enum taint_step_kind kind, uint32_t node, uint32_t aux,
                        uint32_t prev)
{
    struct taint_step s = { prev, node, aux, (uint8_t)kind };
    size_t at;

    if (t->n_steps == 0)
        t->n_steps = 1; /* step 0 means "none" */
    if (((t->n_steps + 1) * 2 > t->n_step_slots && rehash_steps(t) != 0) || grow_steps(t) != 0) {
        t->failed = 1;
        return 0;
    }
    at = (size_t)step_hash(&s) & (t->n_step_slots - 1);
    while (t->step_slots[at] != 0) {
        if (same_step(&t->steps[t->step_slots[at]], &s))
            return t->step_slots[at];
        at = (at + 1) & (t->n_step_slots - 1);
    }
    t->steps[t->n_steps] = s;
    t->step_slots[at] = (uint32_t)t->n_steps;
    return (uint32_t)t->n_steps++;
}

struct taint_cell ecg_taint_derive(struct taint_fa *fa, struct taint_cell v,
                                   enum taint_step_kind kind, uint32_t node, uint32_t aux)
{
    if (fa->mode != TM_TAINT)
        return v;
    if (v.s != 0)
        v.s = ecg_taint_step(fa->t, kind, node, aux, v.s);
    if (v.p != 0)
        v.p = ecg_taint_step(fa->t, kind, node, aux, v.p);
    return v;
}

/* --- raw flows ------------------------------------------------------------------------- */

static uint64_t flow_hash(uint32_t sink, uint32_t arg, uint8_t category)
{
    return mix(mix(mix(0, sink), arg), category);
}

static int rehash_flows(struct ecg_taint *t)
{
    size_t n = t->n_raw_slots != 0 ? t->n_raw_slots * 2 : 64;
    uint32_t *slots = calloc(n, sizeof(*slots));

    if (slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < t->n_raw; i++) {
        const struct taint_raw_flow *r = &t->raw[i];
        size_t at = (size_t)flow_hash(r->sink, r->arg, r->category) & (n - 1);
        while (slots[at] != 0)
            at = (at + 1) & (n - 1);
        slots[at] = (uint32_t)i + 1;
    }
    free(t->raw_slots);
    t->raw_slots = slots;
    t->n_raw_slots = n;
    return 0;
}

static struct taint_raw_flow *find_flow(struct ecg_taint *t, uint32_t sink, uint32_t arg,
                                        uint8_t category, size_t *slot)
{
    size_t at = (size_t)flow_hash(sink, arg, category) & (t->n_raw_slots - 1);

    while (t->raw_slots[at] != 0) {
        struct taint_raw_flow *r = &t->raw[t->raw_slots[at] - 1];
        if (r->sink == sink && r->arg == arg && r->category == category)
            return r;
        at = (at + 1) & (t->n_raw_slots - 1);
    }
    *slot = at;
    return NULL;
}

static int grow_raw(struct ecg_taint *t)
{
    size_t cap = t->raw_cap != 0 ? t->raw_cap * 2 : 16;
    struct taint_raw_flow *grown;

    if (t->n_raw < t->raw_cap)
        return 0;
    grown = realloc(t->raw, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    t->raw = grown;
    t->raw_cap = cap;
    return 0;
}

void ecg_taint_record(struct taint_fa *fa, const struct taint_cell *v, uint32_t sink, uint32_t arg,
                      enum ecg_taint_category category, enum ecg_op op)
{
    struct ecg_taint *t = fa->t;
    struct taint_raw_flow *r;
    size_t slot = 0;

    if (!cell_tainted(v))
        return;
    if (fa->mode == TM_SUMMARY) {
        fa->sink_acc |= v->s;
        return;
    }
    if (((t->n_raw + 1) * 2 > t->n_raw_slots && rehash_flows(t) != 0) || grow_raw(t) != 0) {
        t->failed = 1;
        return;
    }
    r = find_flow(t, sink, arg, (uint8_t)category, &slot);
    if (r != NULL) {
        r->bounds &= v->bounds;
        return;
    }
    t->raw[t->n_raw] =
        (struct taint_raw_flow){ sink,        arg,      v->s != 0 ? v->s : v->p, (uint8_t)category,
                                 (uint8_t)op, v->bounds };
    t->raw_slots[slot] = (uint32_t)++t->n_raw;
}

/* --- sentences ------------------------------------------------------------------------- */

static const char *const kind_phrases[ECG_TAINT_SOURCE_KINDS] = {
    "the command line",
    "the environment",
    "standard input",
    "a file",
    "a file descriptor",
    "the network",
    "a random number generator",
    "a function configured as a taint source",
};

const char *ecg_taint_source_phrase(enum ecg_taint_source_kind kind)
{
    return (unsigned)kind < ECG_TAINT_SOURCE_KINDS ? kind_phrases[kind] : "input";
}

static void spelling(CXCursor c, char *buf, size_t size)
{
    CXString s = clang_getCursorSpelling(c);
    const char *text = clang_getCString(s);

    snprintf(buf, size, "%s", text != NULL ? text : "");
    clang_disposeString(s);
}

static uint32_t pointer_child(struct ecg_taint *t, uint32_t node)
{
    for (uint32_t c = ecg_fir_first_child(t->fir, node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(t->fir, c)) {
        if (tclass_is_pointer(ecg_taint_facts_tclass(t, c)))
            return c;
    }
    return ECG_FIR_NONE;
}

/* The operand of an lvalue-ish node worth naming: through casts, &, + offsets, [i]. */
static uint32_t render_inner(struct ecg_taint *t, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(t->fir, node);
    uint8_t op = t->facts[node].op;

    if (kind == CXCursor_CStyleCastExpr)
        return ecg_fir_last_child(t->fir, node);
    if (kind == CXCursor_UnaryOperator && op == ECG_OP_ADDROF)
        return ecg_fir_first_child(t->fir, node);
    if (kind == CXCursor_ArraySubscriptExpr ||
        (kind == CXCursor_BinaryOperator && (op == ECG_OP_ADD || op == ECG_OP_SUB)))
        return pointer_child(t, node);
    return ECG_FIR_NONE;
}

/* buf := a b c, cut to size. */
static void put(char *buf, size_t size, const char *a, const char *b, const char *c)
{
    if (snprintf(buf, size, "%s%s%s", a, b, c) < 0)
        buf[0] = '\0';
}

static void render(struct ecg_taint *t, uint32_t node, char *buf, size_t size, unsigned depth);

static int is_access(const struct ecg_taint *t, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(t->fir, node);

    return kind == CXCursor_MemberRefExpr ||
           (kind == CXCursor_UnaryOperator && t->facts[node].op == ECG_OP_DEREF);
}

/* s.f, p->f and *p: their operand's text with the access. */
static void render_access(struct ecg_taint *t, uint32_t node, char *buf, size_t size,
                          unsigned depth)
{
    char inner[TEXT_MAX / 2], name[128];

    render(t, ecg_fir_first_child(t->fir, node), inner, sizeof(inner), depth + 1);
    if (inner[0] == '\0')
        return;
    if (ecg_fir_kind(t->fir, node) == CXCursor_UnaryOperator) {
        put(buf, size, "*", inner, "");
        return;
    }
    spelling(t->fir->nodes[node].cursor, name, sizeof(name));
    put(buf, size, inner, (t->facts[node].flags & TFF_ARROW) ? "->" : ".", name);
}

/* Writes how node reads in the source (a, s->f, *p, f()) into buf; "" when unsure. */
static void render(struct ecg_taint *t, uint32_t node, char *buf, size_t size, unsigned depth)
{
    char name[128];
    uint32_t inner;
    enum CXCursorKind kind;

    buf[0] = '\0';
    if (node == ECG_FIR_NONE || depth > 6)
        return;
    node = ecg_fir_strip(t->fir, node);
    kind = ecg_fir_kind(t->fir, node);
    inner = render_inner(t, node);
    if (inner != ECG_FIR_NONE) {
        render(t, inner, buf, size, depth + 1);
    } else if (kind == CXCursor_DeclRefExpr || kind == CXCursor_CallExpr) {
        spelling(t->fir->nodes[node].cursor, name, sizeof(name));
        put(buf, size, name, kind == CXCursor_CallExpr ? "()" : "", "");
    } else if (is_access(t, node)) {
        render_access(t, node, buf, size, depth);
    }
}

static const char *callee_name(const struct ecg_taint *t, uint32_t call)
{
    const struct taint_callee *c = ecg_taint_facts_callee(t, call);

    return c != NULL ? c->name : "a function pointer";
}

static uint32_t call_arg(const struct ecg_taint *t, uint32_t call, uint32_t i)
{
    return ecg_fir_child(t->fir, call, i + 1);
}

static void param_name(const struct ecg_taint *t, uint32_t fn, uint32_t i, char *buf, size_t size)
{
    const struct taint_fn *f = &t->fns[fn];

    buf[0] = '\0';
    if (i < f->n_params && f->params[i] != TNONE)
        spelling(t->vars[f->params[i]].decl, buf, size);
    if (buf[0] == '\0')
        snprintf(buf, size, "#%u", i + 1);
}

static void text_source(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    unsigned kind = s->aux & 0xffu, arg = s->aux >> 8;
    const char *phrase = kind < ECG_TAINT_SOURCE_KINDS ? kind_phrases[kind] : "a source";
    char dst[TEXT_MAX / 2];

    if (arg == 0) {
        snprintf(buf, size, "%s() returns data from %s", callee_name(t, s->node), phrase);
        return;
    }
    render(t, call_arg(t, s->node, arg - 1), dst, sizeof(dst), 0);
    snprintf(buf, size, "%s() reads data from %s into '%s'", callee_name(t, s->node), phrase,
             dst[0] != '\0' ? dst : "its buffer");
}

static void text_copy(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    const struct taint_callee *c = ecg_taint_facts_callee(t, s->node);
    const char *verb = "copied";
    char dst[TEXT_MAX / 2];

    if (c != NULL && c->spec != NULL && c->spec->prop == TPROP_SCAN)
        verb = "parsed";
    else if (c != NULL && c->spec != NULL && c->spec->srcs_from != 0)
        verb = "formatted";
    render(t, call_arg(t, s->node, s->aux), dst, sizeof(dst), 0);
    snprintf(buf, size, "%s into '%s' by %s()", verb, dst[0] != '\0' ? dst : "a buffer",
             callee_name(t, s->node));
}

static void text_assign(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    char dst[TEXT_MAX / 2];

    if (ecg_fir_kind(t->fir, s->node) == CXCursor_VarDecl)
        spelling(t->fir->nodes[s->node].cursor, dst, sizeof(dst));
    else
        render(t, ecg_fir_first_child(t->fir, s->node), dst, sizeof(dst), 0);
    snprintf(buf, size, "assigned to '%s'", dst[0] != '\0' ? dst : "a variable");
}

static void text_call(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    uint32_t fn = s->kind == TS_RETURN ? s->aux : s->aux >> 8, i = s->aux & 0xffu;
    const char *name = fn < t->n_fns ? t->fns[fn].name : "?";
    char what[TEXT_MAX / 2];

    if (s->kind == TS_RETURN) {
        snprintf(buf, size, "returned by '%s'", name);
    } else if (s->kind == TS_PARAM) {
        param_name(t, fn, i, what, sizeof(what));
        snprintf(buf, size, "passed to '%s' as parameter '%s'", name, what);
    } else {
        render(t, call_arg(t, s->node, i), what, sizeof(what), 0);
        snprintf(buf, size, "written into '%s' by '%s'", what[0] != '\0' ? what : "a buffer", name);
    }
}

static void text_holder(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    char name[128];

    spelling(t->fir->nodes[s->node].cursor, name, sizeof(name));
    snprintf(buf, size, "'%s' holds %s", name,
             s->aux == ECG_TAINT_FROM_ENV ? "the environment" : "the command-line arguments");
}

static void text_global(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    char name[128];

    spelling(t->vars[s->aux].decl, name, sizeof(name));
    snprintf(buf, size, "read from global '%s'", name);
}

/* A seed's own step: a call whose result or out-argument another unit's data is. */
static void text_extern(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size)
{
    const struct ecg_xfact *seed = &t->xseeds->items[s->aux];
    char what[TEXT_MAX / 2];

    if (seed->what == ECG_XF_OUT) {
        render(t, call_arg(t, s->node, seed->index), what, sizeof(what), 0);
        snprintf(buf, size, "written into '%s' by '%s' in another file",
                 what[0] != '\0' ? what : "a buffer", seed->name);
    } else {
        snprintf(buf, size, "returned by '%s' in another file", seed->name);
    }
}

typedef void (*text_fn)(struct ecg_taint *t, const struct taint_step *s, char *buf, size_t size);

static const text_fn text_fns[] = {
    [TS_SOURCE] = text_source, [TS_ARGV] = text_holder, [TS_GLOBAL_SOURCE] = text_holder,
    [TS_ASSIGN] = text_assign, [TS_COPY] = text_copy,   [TS_PARAM] = text_call,
    [TS_RETURN] = text_call,   [TS_OUT] = text_call,    [TS_GLOBAL] = text_global,
    [TS_EXTERN] = text_extern,
};

/* The range a step points at: the argument passed, or the whole node. */
static CXSourceRange step_range(const struct ecg_taint *t, const struct taint_step *s)
{
    uint32_t node = s->node;

    if (node == TNONE)
        return clang_getNullRange();
    if (s->kind == TS_PARAM) {
        uint32_t arg = call_arg(t, s->node, s->aux & 0xffu);
        node = arg != ECG_FIR_NONE ? arg : node;
    }
    return clang_getCursorExtent(t->fir->nodes[node].cursor);
}

static const char *op_text(enum ecg_op op)
{
    switch (op) {
    case ECG_OP_ADD:
        return "an addition";
    case ECG_OP_SUB:
        return "a subtraction";
    case ECG_OP_MUL:
        return "a multiplication";
    case ECG_OP_PREINC:
    case ECG_OP_POSTINC:
        return "an increment";
    default:
        return "a decrement";
    }
}

static void text_sink(struct ecg_taint *t, const struct taint_raw_flow *r, char *buf, size_t size,
                      CXSourceRange *range)
{
    uint32_t at = r->sink;

    if (r->category == ECG_TAINT_INDEX) {
        at = ecg_fir_child(t->fir, r->sink, r->arg);
        snprintf(buf, size, "used as an array index");
    } else if (r->category == ECG_TAINT_ARITH) {
        snprintf(buf, size, "used in %s that can overflow", op_text((enum ecg_op)r->op));
    } else {
        at = call_arg(t, r->sink, r->arg);
        snprintf(buf, size, "reaches %s()", callee_name(t, r->sink));
    }
    *range = clang_getCursorExtent(t->fir->nodes[at != ECG_FIR_NONE ? at : r->sink].cursor);
}

/* --- public flows ---------------------------------------------------------------------- */

/* The shown form of witness step w, made the first time a flow needs it. NULL when memory
 * runs out. */
static const struct ecg_taint_step *shown_step(struct ecg_taint *t, uint32_t w)
{
    struct ecg_taint_step *shown = &t->shown[w];
    char text[TEXT_MAX];

    if (shown->text == NULL) {
        const struct taint_step *s = &t->steps[w];
        text_fns[s->kind](t, s, text, sizeof(text));
        shown->text = strdup(text);
        shown->range = step_range(t, s);
    }
    return shown->text != NULL ? shown : NULL;
}

/* The chain ending in witness, oldest first, into chain; returns its length (at most max:
 * the oldest ones are kept, and the newest). */
static size_t chain_of(const struct ecg_taint *t, uint32_t witness, uint32_t *chain, size_t max)
{
    size_t n = 0, total = 0;

    for (uint32_t w = witness; w != 0; w = t->steps[w].prev)
        total++;
    for (uint32_t w = witness; w != 0; w = t->steps[w].prev) {
        size_t from_end = n++;
        size_t at = total - 1 - from_end;
        if (total <= max)
            chain[at] = w;
        else if (at < max / 4)
            chain[at] = w;
        else if (from_end < max - max / 4)
            chain[max - 1 - from_end] = w;
    }
    return total < max ? total : max;
}

static enum ecg_taint_source_kind root_kind(const struct ecg_taint *t,
                                            const struct taint_step *root)
{
    unsigned kind = root->kind == TS_SOURCE ? (root->aux & 0xffu) : root->aux;

    if (root->kind == TS_EXTERN)
        kind = t->xseeds->items[root->aux].origin.kind;

    return kind < ECG_TAINT_SOURCE_KINDS ? (enum ecg_taint_source_kind)kind : ECG_TAINT_FROM_USER;
}

enum ecg_taint_source_kind ecg_taint_steps_kind(const struct ecg_taint *t, uint32_t witness)
{
    uint32_t w = witness;

    while (w != 0 && t->steps[w].prev != 0)
        w = t->steps[w].prev;
    return w != 0 ? root_kind(t, &t->steps[w]) : ECG_TAINT_FROM_USER;
}

/* The steps of a seed in other units, as shown, into out (at most max). */
static size_t seed_steps(const struct ecg_taint *t, const struct taint_step *root,
                         struct ecg_taint_step *out, size_t max)
{
    const struct ecg_xorigin *o;
    size_t n = 0;

    if (root->kind != TS_EXTERN)
        return 0;
    o = &t->xseeds->items[root->aux].origin;
    for (size_t i = 0; i < o->n_steps && n < max; i++) {
        out[n].range = clang_getNullRange();
        out[n].text = o->steps[i].text;
        out[n].path = o->steps[i].path;
        out[n].line = o->steps[i].line;
        out[n].col = o->steps[i].col;
        out[n].end_line = o->steps[i].end_line;
        out[n].end_col = o->steps[i].end_col;
        n++;
    }
    return n;
}

size_t ecg_taint_steps_chain(struct ecg_taint *t, uint32_t witness, struct ecg_taint_step *out,
                             size_t max)
{
    uint32_t chain[CHAIN_MAX];
    size_t n = chain_of(t, witness, chain, CHAIN_MAX);
    size_t k = n > 0 ? seed_steps(t, &t->steps[chain[0]], out, max / 2) : 0;

    for (size_t i = 0; i < n && k < max; i++) {
        const struct ecg_taint_step *shown;
        if (t->steps[chain[i]].node == TNONE)
            continue;
        shown = shown_step(t, chain[i]);
        if (shown == NULL) {
            t->failed = 1;
            return 0;
        }
        out[k++] = *shown;
    }
    return k;
}

static int build_flow(struct ecg_taint *t, const struct taint_raw_flow *r, struct ecg_taint_flow *f)
{
    struct ecg_taint_step chain[CHAIN_MAX * 2];
    size_t n = ecg_taint_steps_chain(t, r->witness, chain, CHAIN_MAX * 2);
    struct ecg_taint_step *steps = calloc(n + 1, sizeof(*steps));
    char text[TEXT_MAX];
    CXSourceRange range;

    /* the sink's own step is the flow's; the others are shared (taint->shown) or borrowed
     * from the seeds */

    if (steps == NULL || t->failed) {
        free(steps);
        return ECG_ENOMEM;
    }
    f->steps = steps;
    f->category = (enum ecg_taint_category)r->category;
    f->source = ecg_taint_steps_kind(t, r->witness);
    f->sink = t->fir->nodes[r->sink].cursor;
    f->sink_name =
        ecg_fir_kind(t->fir, r->sink) == CXCursor_CallExpr ? callee_name(t, r->sink) : "";
    f->arg = r->arg;
    f->op = (enum ecg_op)r->op;
    f->bounds = r->bounds;
    memcpy(steps, chain, n * sizeof(*steps));
    text_sink(t, r, text, sizeof(text), &range);
    steps[n].range = range;
    steps[n].text = strdup(text);
    if (steps[n].text == NULL)
        return ECG_ENOMEM;
    f->n_steps = n + 1; /* only now: a complete flow owns its last step's text */
    return 0;
}

int ecg_taint_steps_finish(struct ecg_taint *t)
{
    t->flows = calloc(t->n_raw != 0 ? t->n_raw : 1, sizeof(*t->flows));
    t->shown = calloc(t->n_steps != 0 ? t->n_steps : 1, sizeof(*t->shown));
    t->n_shown = t->n_steps;
    if (t->flows == NULL || t->shown == NULL)
        return ECG_ENOMEM;
    t->view.items = t->flows;
    for (size_t i = 0; i < t->n_raw; i++) {
        t->view.len = i + 1;
        if (build_flow(t, &t->raw[i], &t->flows[i]) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

void ecg_taint_steps_fini(struct ecg_taint *t)
{
    for (size_t i = 0; i < t->view.len; i++) {
        struct ecg_taint_flow *f = &t->flows[i];
        if (f->n_steps > 0)
            free((char *)f->steps[f->n_steps - 1].text);
        free((void *)f->steps);
    }
    for (size_t i = 0; t->shown != NULL && i < t->n_shown; i++)
        free((char *)t->shown[i].text);
    free(t->shown);
    free(t->flows);
    free(t->steps);
    free(t->step_slots);
    free(t->raw);
    free(t->raw_slots);
}
