/* The transfer of a call: a library function by its table entry (sources, propagators,
 * sinks), a configured function by its .ecg.json entry (and sanitizers), a function of
 * the unit by its summary (parameters to the result, parameters into what others point
 * to, and where the caller's data goes next: the callee is seeded with it). */
#include "analyzer/taint_int.h"

#define ARGS_MAX 64

static const struct taint_cell clean_cell = { 0, 0, TAINT_BOUNDS_ALL };

struct call {
    uint32_t node;
    uint32_t arg[ARGS_MAX];
    uint32_t n;
    struct taint_cell result;
};

static struct taint_cell val(const struct taint_fa *fa, uint32_t node)
{
    return fa->val[node - fa->root];
}

static uint32_t lv(const struct taint_fa *fa, uint32_t node)
{
    return fa->lv[node - fa->root];
}

static uint32_t pt(const struct taint_fa *fa, uint32_t node)
{
    return fa->pt[node - fa->root];
}

static uint32_t bit(uint32_t i)
{
    return 1u << (i < TAINT_MAX_PARAMS ? i : TAINT_MAX_PARAMS - 1);
}

static void collect_args(const struct taint_fa *fa, struct call *c, uint32_t node)
{
    uint32_t a = ecg_fir_first_child(fa->t->fir, node);

    c->node = node;
    c->n = 0;
    c->result = clean_cell;
    for (a = a != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, a) : ECG_FIR_NONE;
         a != ECG_FIR_NONE && c->n < ARGS_MAX; a = ecg_fir_next_sibling(fa->t->fir, a))
        c->arg[c->n++] = a;
}

static int is_string_category(int category)
{
    return category == ECG_TAINT_COMMAND || category == ECG_TAINT_FORMAT ||
           category == ECG_TAINT_SQL || category == ECG_TAINT_PATH;
}

static int selected(uint32_t mask, uint8_t from, uint32_t i)
{
    return (i < 32 && (mask & (1u << i)) != 0) || (from != 0 && i + 1 >= from);
}

static void check_sinks(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                        const struct taint_sink_spec *sinks, size_t n)
{
    for (size_t s = 0; s < n; s++) {
        int category = sinks[s].category - 1;
        if (sinks[s].category == 0 || (fa->t->categories & ECG_TAINT_MASK(category)) == 0)
            continue;
        for (uint32_t i = 0; i < c->n; i++) {
            struct taint_cell v;
            if (!selected(sinks[s].args, sinks[s].from, i))
                continue;
            v = is_string_category(category) ? ecg_taint_eval_deep(fa, state, c->arg[i])
                                             : val(fa, c->arg[i]);
            ecg_taint_record(fa, &v, c->node, i, (enum ecg_taint_category)category, ECG_OP_UNKNOWN);
        }
    }
}

/* --- library functions ----------------------------------------------------------------- */

/* The data a propagator reads: its source arguments, and string arguments from srcs_from. */
static struct taint_cell read_srcs(struct taint_fa *fa, struct taint_cell *state,
                                   const struct call *c, const struct taint_spec *s)
{
    struct taint_cell v = clean_cell;

    for (uint32_t i = 0; i < c->n; i++) {
        struct taint_cell d;
        int wanted = i < 32 && (s->srcs & (1u << i)) != 0;
        if (!wanted && s->srcs_from != 0 && i + 1 >= s->srcs_from)
            wanted = ecg_taint_facts_tclass(fa->t, c->arg[i]) == TC_PTR;
        if (!wanted)
            continue;
        d = ecg_taint_eval_deep(fa, state, c->arg[i]);
        ecg_taint_cell_join(&v, &d, fa->mode);
    }
    if (cell_tainted(&v))
        v.bounds = 0;
    return v;
}

static void copy_into(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                      uint32_t i, struct taint_cell v, int strong)
{
    v = ecg_taint_derive(fa, v, TS_COPY, c->node, i);
    ecg_taint_flow_write(fa, state, pt(fa, c->arg[i]), v, strong);
}

/* The result of a function that returns a pointer into one of its arguments. */
static void alias_result(const struct taint_fa *fa, struct call *c, const struct taint_spec *s)
{
    if (s->ret_alias != 0 && (uint32_t)s->ret_alias <= c->n)
        c->result = val(fa, c->arg[s->ret_alias - 1]);
}

/* sscanf: every pointer argument from dst on receives what the source string holds. */
static void scan_into(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                      uint32_t dst, struct taint_cell v)
{
    for (uint32_t i = dst; i < c->n; i++) {
        if (tclass_is_pointer(ecg_taint_facts_tclass(fa->t, c->arg[i])))
            copy_into(fa, state, c, i, v, 0);
    }
}

static void propagate(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                      const struct taint_spec *s)
{
    uint32_t dst = s->dst != 0 ? (uint32_t)s->dst - 1 : 0;
    struct taint_cell v;

    if (s->prop == TPROP_NONE) {
        alias_result(fa, c, s);
        return;
    }
    v = read_srcs(fa, state, c, s);
    if (s->prop == TPROP_RET) {
        ecg_taint_cell_join(&c->result, &v, fa->mode);
        return;
    }
    if (s->prop == TPROP_SCAN)
        scan_into(fa, state, c, dst, v);
    else if (dst < c->n)
        copy_into(fa, state, c, dst, v,
                  s->prop == TPROP_OVERWRITE && ecg_taint_eval_whole(fa, c->arg[dst]));
    alias_result(fa, c, s);
}

/* The kind of a stream source: standard input when the stream is stdin. */
static int source_kind(const struct taint_fa *fa, const struct call *c, int kind, uint8_t stream)
{
    uint32_t arg;
    const struct taint_fact *f;

    if (stream == 0 || stream > c->n)
        return kind;
    arg = ecg_fir_strip(fa->t->fir, c->arg[stream - 1]);
    f = &fa->t->facts[arg];
    if (f->what == TF_VAR && f->ref != TNONE && fa->t->vars[f->ref].is_stdin)
        return ECG_TAINT_FROM_STDIN;
    return kind;
}

/* How a source call delivers its data. */
struct source_use {
    int kind;     /* enum ecg_taint_source_kind */
    int ret;      /* returns it */
    uint32_t out; /* writes it where these arguments point */
    uint8_t from; /* ... and where every pointer argument from this one (1-based) points */
};

static int receives(struct taint_fa *fa, const struct call *c, const struct source_use *u,
                    uint32_t i)
{
    if (i < 32 && (u->out & (1u << i)) != 0)
        return 1;
    return u->from != 0 && i + 1 >= u->from &&
           tclass_is_pointer(ecg_taint_facts_tclass(fa->t, c->arg[i]));
}

/* Source data returned, and written where the chosen arguments point. */
static void apply_source(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                         const struct source_use *u)
{
    if (fa->mode != TM_TAINT)
        return;
    if (u->ret) {
        c->result.s = ecg_taint_step(fa->t, TS_SOURCE, c->node, (uint32_t)u->kind, 0);
        c->result.bounds = 0;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        struct taint_cell v = { 0, 0, 0 };
        if (!receives(fa, c, u, i))
            continue;
        v.s = ecg_taint_step(fa->t, TS_SOURCE, c->node, (uint32_t)u->kind | (i + 1) << 8, 0);
        ecg_taint_flow_write(fa, state, pt(fa, c->arg[i]), v, 0);
    }
}

static void call_spec(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                      const struct taint_spec *s)
{
    struct source_use u = { source_kind(fa, c, s->source - 1, s->stream), s->source_ret,
                            s->source_out, s->source_from };

    check_sinks(fa, state, c, s->sinks, 2);
    propagate(fa, state, c, s);
    if (s->source != 0)
        apply_source(fa, state, c, &u);
}

static void call_conf(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                      const struct taint_conf *conf)
{
    struct source_use u = { conf->source, conf->source_ret, conf->source_out, 0 };

    check_sinks(fa, state, c, conf->sinks, conf->n_sinks);
    if (conf->source >= 0)
        apply_source(fa, state, c, &u);
}

/* A configured sanitizer: its result and the listed arguments are clean afterwards. */
static void sanitize(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                     const struct taint_conf *conf)
{
    if (conf->sanitize_ret)
        c->result = clean_cell;
    for (uint32_t i = 0; i < c->n && i < 32; i++) {
        if ((conf->sanitize_args & (1u << i)) == 0)
            continue;
        ecg_taint_flow_write(fa, state, lv(fa, ecg_fir_strip(fa->t->fir, c->arg[i])), clean_cell,
                             1);
        ecg_taint_flow_write(fa, state, pt(fa, c->arg[i]), clean_cell, 1);
    }
}

/* --- functions of the unit ------------------------------------------------------------- */

/* The join of the arguments whose parameter bits are in mask, each derived through a step. */
static struct taint_cell args_in(struct taint_fa *fa, const struct taint_cell *deep,
                                 const struct call *c, uint32_t mask, enum taint_step_kind kind,
                                 uint32_t aux)
{
    struct taint_cell v = clean_cell;

    for (uint32_t i = 0; i < c->n; i++) {
        struct taint_cell d;
        if ((mask & bit(i)) == 0 || !cell_tainted(&deep[i]))
            continue;
        d = ecg_taint_derive(fa, deep[i], kind, c->node, aux);
        ecg_taint_cell_join(&v, &d, fa->mode);
    }
    return v;
}

/* Source data the callee itself returns or writes, after its own witness. */
static void add_callee_source(struct taint_fa *fa, struct taint_cell *v, uint32_t witness,
                              enum taint_step_kind kind, uint32_t node, uint32_t aux)
{
    struct taint_cell s = { 0, 0, 0 };

    if (fa->mode != TM_TAINT || witness == 0)
        return;
    s.s = ecg_taint_step(fa->t, kind, node, aux, witness);
    ecg_taint_cell_join(v, &s, fa->mode);
}

#define PARTS_MAX 32 /* fields of one argument passed on separately */

/* What an argument points to, as parts: the object (with what its pointers point to, for
 * char **) and each of its fields; only the tainted ones. */
static size_t arg_parts(struct taint_fa *fa, struct taint_cell *state, uint32_t arg,
                        struct taint_part *out)
{
    uint32_t region = pt(fa, arg);
    uint8_t tc = ecg_taint_facts_tclass(fa->t, arg);
    size_t n = 0;

    if (region == TNONE || !tclass_is_pointer(tc))
        return 0;
    out[n].field = TNONE;
    out[n].cell = ecg_taint_flow_read(fa, state, region, arg);
    if ((tc == TC_PTR2 || tc == TC_ARRAYP) && fa->locs[region].pointee != TNONE) {
        struct taint_cell deeper = ecg_taint_flow_read(fa, state, fa->locs[region].pointee, arg);
        ecg_taint_cell_join(&out[n].cell, &deeper, fa->mode);
    }
    n += cell_tainted(&out[n].cell);
    for (uint32_t f = fa->locs[region].first_field; f != TNONE && n < PARTS_MAX;
         f = fa->locs[f].next_field) {
        out[n].field = fa->locs[f].field;
        out[n].cell = ecg_taint_flow_read(fa, state, f, arg);
        n += cell_tainted(&out[n].cell);
    }
    return n;
}

/* A caller's data entering parameter i of g through a step at the call. */
static struct taint_cell as_seed(struct taint_fa *fa, const struct call *c, uint32_t g, uint32_t i,
                                 struct taint_cell v)
{
    v.p = ecg_taint_step(fa->t, TS_PARAM, c->node, g << 8 | (i & 0xff), v.s != 0 ? v.s : v.p);
    v.s = 0;
    return v;
}

/* Passes the caller's data on to the parameters where the callee lets it reach a sink:
 * the value, and what a pointer points to field by field. */
static void seed_callee(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                        uint32_t g, const struct taint_fn *sum)
{
    struct taint_part parts[PARTS_MAX];

    for (uint32_t i = 0; i < c->n && i < sum->n_params; i++) {
        struct taint_cell v = val(fa, c->arg[i]);
        size_t n;
        if ((sum->sink_mask & bit(i)) == 0)
            continue;
        if (cell_tainted(&v)) {
            v = as_seed(fa, c, g, i, v);
            ecg_taint_seed_param(fa->t, g, i, &v);
        }
        n = arg_parts(fa, state, c->arg[i], parts);
        for (size_t k = 0; k < n; k++) {
            parts[k].param = i;
            parts[k].cell = as_seed(fa, c, g, i, parts[k].cell);
            ecg_taint_seed_part(fa->t, g, &parts[k]);
        }
    }
}

/* Source data the callee writes where its pointer parameters point, field by field. */
static void apply_callee_outs(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                              uint32_t g, const struct taint_fn *sum)
{
    for (size_t k = 0; fa->mode == TM_TAINT && k < sum->s_outs.len; k++) {
        const struct taint_part *part = &sum->s_outs.items[k];
        uint32_t region, loc;
        struct taint_cell v = { 0, 0, 0 };
        if (part->param >= c->n)
            continue;
        region = pt(fa, c->arg[part->param]);
        loc = part->field != TNONE ? ecg_taint_pts_field_loc(fa, region, part->field) : TNONE;
        v.s = ecg_taint_step(fa->t, TS_OUT, c->node, g << 8 | (part->param & 0xff), part->cell.s);
        ecg_taint_flow_write(fa, state, loc != TNONE ? loc : region, v, 0);
    }
}

static void call_user(struct taint_fa *fa, struct taint_cell *state, struct call *c, uint32_t g)
{
    const struct taint_fn *sum = ecg_taint_need_summary(fa->t, g, fa->fn, fa->mode);
    struct taint_cell deep[ARGS_MAX];

    if (sum == NULL)
        return;
    for (uint32_t i = 0; i < c->n; i++)
        deep[i] = ecg_taint_eval_deep(fa, state, c->arg[i]);
    c->result = args_in(fa, deep, c, sum->ret_mask, TS_RETURN, g);
    if (cell_tainted(&c->result))
        c->result.bounds &= sum->ret_bounds;
    add_callee_source(fa, &c->result, sum->s_ret, TS_RETURN, c->node, g);
    for (uint32_t j = 0; j < c->n && j < sum->n_params; j++) {
        /* what a parameter's own data does where it points is already there for the caller;
         * joined as a whole it would blur the fields of a struct passed by pointer */
        uint32_t from = sum->out_mask[j] & ~bit(j);
        struct taint_cell v = args_in(fa, deep, c, from, TS_OUT, g << 8 | (j & 0xff));
        ecg_taint_flow_write(fa, state, pt(fa, c->arg[j]), v, 0);
    }
    apply_callee_outs(fa, state, c, g, sum);
    if (fa->mode == TM_SUMMARY)
        fa->sink_acc |= args_in(fa, deep, c, sum->sink_mask, TS_PARAM, 0).s;
    else
        seed_callee(fa, state, c, g, sum);
}

/* --- functions of other units ---------------------------------------------------------- */

/* What an argument points to, and one level further (a char ** passed as void *). */
static struct taint_cell extern_pointee(struct taint_fa *fa, struct taint_cell *state, uint32_t arg)
{
    uint32_t region = pt(fa, arg);
    struct taint_cell v = clean_cell, d;

    if (region == TNONE)
        return v;
    v = ecg_taint_flow_read(fa, state, region, arg);
    if (fa->locs[region].pointee != TNONE) {
        d = ecg_taint_flow_read(fa, state, fa->locs[region].pointee, arg);
        ecg_taint_cell_join(&v, &d, TM_TAINT);
    }
    return v;
}

/* Notes each field of what argument i points to that holds source data, field by field, so
 * a struct passed by pointer keeps its fields apart in the other unit too. */
static void note_extern_fields(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                               const char *name, uint32_t i)
{
    uint32_t region = pt(fa, c->arg[i]);

    for (uint32_t f = region != TNONE ? fa->locs[region].first_field : TNONE; f != TNONE;
         f = fa->locs[f].next_field) {
        struct taint_cell d = ecg_taint_flow_read(fa, state, f, c->arg[i]);
        struct taint_xarg x = { name, c->node, i, 1, d.s != 0 ? d.s : d.p, fa->locs[f].field };
        if (x.witness != 0 && x.field != TNONE)
            ecg_taint_xunit_note_arg(fa->t, &x);
    }
}

/* A struct passed by value: the object, its fields and what they point to, joined. */
static struct taint_cell extern_record(struct taint_fa *fa, struct taint_cell *state, uint32_t arg)
{
    uint32_t loc = lv(fa, ecg_fir_strip(fa->t->fir, arg));
    struct taint_cell v = clean_cell, d;

    if (loc == TNONE || ecg_taint_facts_tclass(fa->t, arg) != TC_RECORD)
        return v;
    v = ecg_taint_flow_read(fa, state, loc, arg);
    for (uint32_t f = fa->locs[loc].first_field; f != TNONE; f = fa->locs[f].next_field) {
        d = ecg_taint_flow_read(fa, state, f, arg);
        ecg_taint_cell_join(&v, &d, TM_TAINT);
        if (fa->locs[f].pointee == TNONE)
            continue;
        d = ecg_taint_flow_read(fa, state, fa->locs[f].pointee, arg);
        ecg_taint_cell_join(&v, &d, TM_TAINT);
    }
    return v;
}

/* Notes source data passed to a function of another unit: each argument's value (a struct's
 * with its fields) and what it points to. */
/* What an argument points to, by its type. */
enum pointee_shape {
    POINTEE_PLAIN,  /* data, a buffer, a pointer (char *, char **, void *) */
    POINTEE_RECORD, /* a struct or union: it passes on field by field */
    POINTEE_OPAQUE, /* an incomplete type: a handle whose data the unit cannot see */
};

static enum pointee_shape pointee_shape(const struct taint_fa *fa, uint32_t arg)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(fa->t->fir->nodes[arg].cursor));
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(type));

    if (type.kind != CXType_Pointer || pointee.kind != CXType_Record)
        return POINTEE_PLAIN;
    return clang_Type_getSizeOf(pointee) < 0 ? POINTEE_OPAQUE : POINTEE_RECORD;
}

static void note_value(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                       const char *name, uint32_t i)
{
    struct taint_cell v = val(fa, c->arg[i]), deep = extern_record(fa, state, c->arg[i]);
    struct taint_xarg x;

    ecg_taint_cell_join(&v, &deep, TM_TAINT);
    x = (struct taint_xarg){ name, c->node, i, 0, v.s != 0 ? v.s : v.p, TNONE };
    if (x.witness != 0)
        ecg_taint_xunit_note_arg(fa->t, &x);
    deep = extern_pointee(fa, state, c->arg[i]);
    x.pointee = 1;
    x.witness = deep.s != 0 ? deep.s : deep.p;
    if (x.witness != 0)
        ecg_taint_xunit_note_arg(fa->t, &x);
}

/* A pointer to a struct passes on only the fields that hold source data: taint of the whole
 * object (or of the pointer) is mostly points-to merging within the caller, and would taint
 * every field of it in the other unit; a handle of an incomplete type passes on nothing. */
static void note_extern_args(struct taint_fa *fa, struct taint_cell *state, const struct call *c,
                             const char *name)
{
    for (uint32_t i = 0; i < c->n; i++) {
        enum pointee_shape shape = pointee_shape(fa, c->arg[i]);
        if (shape == POINTEE_PLAIN)
            note_value(fa, state, c, name, i);
        if (shape == POINTEE_RECORD)
            note_extern_fields(fa, state, c, name, i);
    }
}

/* Source data another unit's function returns, or writes where its arguments point. */
static void apply_extern_seeds(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                               const char *name)
{
    uint32_t at;

    if (ecg_taint_xunit_seed(fa->t, ECG_XF_RET, name, 0, &at) != NULL) {
        c->result.s = ecg_taint_step(fa->t, TS_EXTERN, c->node, at, 0);
        c->result.bounds = 0;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        struct taint_cell v = { 0, 0, 0 };
        if (ecg_taint_xunit_seed(fa->t, ECG_XF_OUT, name, i, &at) == NULL)
            continue;
        v.s = ecg_taint_step(fa->t, TS_EXTERN, c->node, at, 0);
        ecg_taint_flow_write(fa, state, pt(fa, c->arg[i]), v, 0);
    }
}

static void call_extern(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                        const char *name)
{
    if (fa->mode != TM_TAINT)
        return;
    note_extern_args(fa, state, c, name);
    apply_extern_seeds(fa, state, c, name);
}

/* The local variable a call goes through, when the callee is one: `f(x)` with `f` a
 * function pointer. TNONE otherwise. */
static uint32_t pointer_var(const struct taint_fa *fa, uint32_t call)
{
    uint32_t callee = ecg_fir_strip(fa->t->fir, ecg_fir_first_child(fa->t->fir, call));
    const struct taint_fact *f;

    if (callee == ECG_FIR_NONE || ecg_fir_kind(fa->t->fir, callee) != CXCursor_DeclRefExpr)
        return TNONE;
    f = &fa->t->facts[callee];
    if (f->what != TF_VAR || f->ref == TNONE || fa->t->vars[f->ref].function != fa->fn)
        return TNONE;
    return f->ref;
}

/* Nonzero when node changes var or takes its address. */
static int changes_var(const struct taint_fa *fa, uint32_t node, uint32_t var)
{
    enum CXCursorKind kind = ecg_fir_kind(fa->t->fir, node);
    uint8_t op = fa->t->facts[node].op;
    uint32_t target;

    if (!(kind == CXCursor_BinaryOperator && op == ECG_OP_ASSIGN) &&
        !(kind == CXCursor_UnaryOperator && op == ECG_OP_ADDROF))
        return 0;
    target = ecg_fir_strip(fa->t->fir, ecg_fir_first_child(fa->t->fir, node));
    return target != ECG_FIR_NONE && fa->t->facts[target].what == TF_VAR &&
           fa->t->facts[target].ref == var;
}

static int declares_var(const struct taint_fa *fa, uint32_t node, uint32_t var)
{
    return ecg_fir_kind(fa->t->fir, node) == CXCursor_VarDecl &&
           clang_equalCursors(clang_getCanonicalCursor(fa->t->fir->nodes[node].cursor),
                              fa->t->vars[var].decl);
}

/* The initializer of a local variable the function never changes afterwards, or
 * ECG_FIR_NONE. */
static uint32_t constant_init(const struct taint_fa *fa, uint32_t var)
{
    uint32_t init = ECG_FIR_NONE;

    for (uint32_t n = fa->root; var != TNONE && n < fa->root + fa->n_nodes; n++) {
        if (changes_var(fa, n, var))
            return ECG_FIR_NONE;
        if (declares_var(fa, n, var))
            init = ecg_taint_pts_init_of(fa->t, n);
    }
    return init != ECG_FIR_NONE ? ecg_fir_strip(fa->t->fir, init) : ECG_FIR_NONE;
}

/* The function of another unit a local pointer is initialised with and never changed
 * from: `void (*f)(char *) = sink; f(data);`. NULL when there is none. */
static const char *extern_through_pointer(const struct taint_fa *fa, uint32_t call)
{
    uint32_t init = constant_init(fa, pointer_var(fa, call));
    const struct taint_fact *f;
    const struct taint_callee *c;

    if (init == ECG_FIR_NONE || ecg_fir_kind(fa->t->fir, init) != CXCursor_DeclRefExpr)
        return NULL;
    f = &fa->t->facts[init];
    if (f->what != TF_FUNC || f->ref == TNONE)
        return NULL;
    c = &fa->t->callees[f->ref];
    return c->function == TNONE && c->spec == NULL && c->conf == NULL ? c->name : NULL;
}

static void call_through_pointer(struct taint_fa *fa, struct taint_cell *state, struct call *c)
{
    const char *name = extern_through_pointer(fa, c->node);

    if (name != NULL)
        call_extern(fa, state, c, name);
}

/* A library or configured function: its table entry, then its .ecg.json entry. Both live
 * as long as the engine; the callee table itself may move while the call is evaluated (a
 * write to a global resolves the rest of the unit), so they are taken first. */
static void call_known(struct taint_fa *fa, struct taint_cell *state, struct call *c,
                       const struct taint_spec *spec, const struct taint_conf *conf)
{
    if (spec != NULL)
        call_spec(fa, state, c, spec);
    if (conf != NULL) {
        call_conf(fa, state, c, conf);
        sanitize(fa, state, c, conf);
    }
}

void ecg_taint_call_eval(struct taint_fa *fa, struct taint_cell *state, uint32_t node)
{
    const struct taint_callee *callee = ecg_taint_facts_callee(fa->t, node);
    struct call c;
    uint32_t g;

    collect_args(fa, &c, node);
    if (callee != NULL && (callee->spec != NULL || callee->conf != NULL)) {
        call_known(fa, state, &c, callee->spec, callee->conf);
    } else {
        g = callee != NULL ? callee->function : ecg_taint_pts_indirect_callee(fa, node);
        if (g != TNONE)
            call_user(fa, state, &c, g);
        else if (callee != NULL)
            call_extern(fa, state, &c, callee->name);
        else if (fa->mode == TM_TAINT)
            call_through_pointer(fa, state, &c);
    }
    fa->val[node - fa->root] = cell_tainted(&c.result) ? c.result : clean_cell;
}
