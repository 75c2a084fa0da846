/* Points-to for one function, unification-based (Steensgaard) with fields: an abstract
 * object per variable, field, call result and temporary; a pointer's targets are one
 * object, and assigning a pointer unifies its target with the assigned pointer's. The
 * classes that remain are the dataflow's locations. Flow-insensitive by design: aliases
 * are found once, before the flow-sensitive taint pass runs over the locations. Each
 * element's lvalue object and pointer target are computed from its operands', in the
 * CFG's element order (operands first), so no expression is walked twice. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "analyzer/error.h"
#include "analyzer/taint_int.h"

#define OBJ_NONE 0u /* a placeholder: whatever a pointer points to */
#define OBJ_ONE 1u  /* exactly one object: a variable, its field, a temporary */
#define OBJ_MANY 2u /* many objects: a call site's results, string literals */
#define FN_MANY (TNONE - 1)

static uint32_t pn_new(struct taint_fa *fa, uint8_t obj)
{
    struct taint_pnode *p;

    if (fa->failed || ecg_grow((void **)&fa->pn, &fa->pn_cap, fa->n_pn + 1, sizeof(*fa->pn)) != 0) {
        fa->failed = 1;
        return TNONE;
    }
    p = &fa->pn[fa->n_pn];
    p->parent = (uint32_t)fa->n_pn;
    p->pointee = p->fields = p->global = p->fn = TNONE;
    p->gpart = 0;
    p->depth = 0;
    p->single = obj;
    return (uint32_t)fa->n_pn++;
}

static uint32_t find(struct taint_fa *fa, uint32_t x)
{
    while (fa->pn[x].parent != x) {
        fa->pn[x].parent = fa->pn[fa->pn[x].parent].parent;
        x = fa->pn[x].parent;
    }
    return x;
}

static uint32_t pointee(struct taint_fa *fa, uint32_t x)
{
    uint32_t p;

    if (x == TNONE)
        return TNONE;
    x = find(fa, x);
    if (fa->pn[x].pointee != TNONE)
        return fa->pn[x].pointee;
    p = pn_new(fa, OBJ_NONE);
    if (p == TNONE)
        return TNONE;
    if (fa->pn[x].global != TNONE) {
        fa->pn[p].global = fa->pn[x].global;
        fa->pn[p].gpart = fa->pn[x].gpart | TAINT_PART_POINTEE;
    }
    fa->pn[x].pointee = p;
    return p;
}

static uint32_t link_find(struct taint_fa *fa, uint32_t root, uint32_t field)
{
    for (uint32_t l = fa->pn[root].fields; l != TNONE; l = fa->links[l].next) {
        if (fa->links[l].field == field)
            return l;
    }
    return TNONE;
}

static int link_add(struct taint_fa *fa, uint32_t root, uint32_t field, uint32_t node)
{
    if (ecg_grow((void **)&fa->links, &fa->links_cap, fa->n_links + 1, sizeof(*fa->links)) != 0)
        return ECG_ENOMEM;
    fa->links[fa->n_links] = (struct taint_plink){ field, node, fa->pn[root].fields };
    fa->pn[root].fields = (uint32_t)fa->n_links++;
    return 0;
}

/* A new field object f of the class root x, which inherits x's global. */
static uint32_t add_field(struct taint_fa *fa, uint32_t x, uint32_t f)
{
    uint32_t node = pn_new(fa, fa->pn[x].single);
    const struct taint_pnode *px;

    if (node == TNONE || link_add(fa, x, f, node) != 0) {
        fa->failed = 1;
        return TNONE;
    }
    px = &fa->pn[x];
    fa->pn[node].depth = (uint8_t)(px->depth + 1);
    fa->pn[node].global = px->global;
    fa->pn[node].gpart = px->global != TNONE ? (f + 1) << 1 : 0;
    return node;
}

/* The object of field f of x; x itself for a union member or past the depth limit. */
static uint32_t field_of(struct taint_fa *fa, uint32_t x, uint32_t f)
{
    uint32_t l;

    if (x == TNONE || f == TNONE)
        return x;
    x = find(fa, x);
    if (fa->t->fields[f].in_union || fa->pn[x].depth >= TAINT_FIELD_DEPTH)
        return x;
    l = link_find(fa, x, f);
    return l != TNONE ? fa->links[l].node : add_field(fa, x, f);
}

static void push_pair(struct taint_fa *fa, uint32_t a, uint32_t b)
{
    if (ecg_grow((void **)&fa->pairs, &fa->pairs_cap, fa->n_pairs + 2, sizeof(*fa->pairs)) != 0) {
        fa->failed = 1;
        return;
    }
    fa->pairs[fa->n_pairs++] = a;
    fa->pairs[fa->n_pairs++] = b;
}

/* Moves y's fields to x, unifying the fields both have. */
static void merge_fields(struct taint_fa *fa, uint32_t x, uint32_t y)
{
    uint32_t l = fa->pn[y].fields;

    fa->pn[y].fields = TNONE;
    while (l != TNONE) {
        uint32_t next = fa->links[l].next;
        uint32_t mine = link_find(fa, x, fa->links[l].field);
        if (mine != TNONE) {
            push_pair(fa, fa->links[mine].node, fa->links[l].node);
        } else {
            fa->links[l].next = fa->pn[x].fields;
            fa->pn[x].fields = l;
        }
        l = next;
    }
}

/* Makes y part of x's class. */
static void merge(struct taint_fa *fa, uint32_t x, uint32_t y)
{
    struct taint_pnode *px = &fa->pn[x], *py = &fa->pn[y];

    py->parent = x;
    if (px->global == TNONE) {
        px->global = py->global;
        px->gpart = py->gpart;
    }
    if (px->fn == TNONE)
        px->fn = py->fn;
    else if (py->fn != TNONE && py->fn != px->fn)
        px->fn = FN_MANY;
    if (px->pointee == TNONE)
        px->pointee = py->pointee;
    else if (py->pointee != TNONE)
        push_pair(fa, px->pointee, py->pointee);
    merge_fields(fa, x, y);
}

static uint32_t unify(struct taint_fa *fa, uint32_t a, uint32_t b)
{
    if (a == TNONE || b == TNONE)
        return a != TNONE ? a : b;
    push_pair(fa, a, b);
    while (fa->n_pairs >= 2 && !fa->failed) {
        uint32_t y = find(fa, fa->pairs[--fa->n_pairs]);
        uint32_t x = find(fa, fa->pairs[--fa->n_pairs]);
        if (x != y)
            merge(fa, x, y);
    }
    fa->n_pairs = 0;
    return find(fa, a);
}

/* --- objects of variables and nodes ---------------------------------------------------- */

static uint32_t storage(struct taint_fa *fa, uint32_t var)
{
    const struct taint_var *v;
    uint32_t node;

    if (var == TNONE)
        return TNONE;
    if (fa->var_stamp[var] == fa->stamp)
        return fa->var_node[var];
    v = &fa->t->vars[var];
    node = pn_new(fa, OBJ_ONE);
    if (node == TNONE)
        return TNONE;
    if (v->function == TNONE)
        fa->pn[node].global = var;
    fa->var_node[var] = node;
    fa->var_stamp[var] = fa->stamp;
    return node;
}

/* The temporary object of a node (a call's result, a literal), made once. */
static uint32_t temp_of(struct taint_fa *fa, uint32_t node, uint8_t obj)
{
    uint32_t off = node - fa->root;

    if (fa->temp[off] == TNONE)
        fa->temp[off] = pn_new(fa, obj);
    return fa->temp[off];
}

/* What a value of the node's type points to, given the object that holds it: an array is
 * its own contents, a pointer points elsewhere. */
static uint32_t target_of(struct taint_fa *fa, uint32_t node, uint32_t holder)
{
    uint8_t tc = ecg_taint_facts_tclass(fa->t, node);

    if (tc == TC_ARRAY || tc == TC_ARRAYP)
        return holder;
    if (tc == TC_PTR || tc == TC_PTR2 || tc == TC_FUNC)
        return pointee(fa, holder);
    return TNONE;
}

static uint32_t off(const struct taint_fa *fa, uint32_t node)
{
    return node - fa->root;
}

static uint32_t pt_of(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? fa->pt[off(fa, node)] : TNONE;
}

static uint32_t lv_of(const struct taint_fa *fa, uint32_t node)
{
    return node != ECG_FIR_NONE ? fa->lv[off(fa, node)] : TNONE;
}

static void set(struct taint_fa *fa, uint32_t node, uint32_t lv, uint32_t pt)
{
    fa->lv[off(fa, node)] = lv;
    fa->pt[off(fa, node)] = pt;
}

/* --- element rules -------------------------------------------------------------------- */

static void on_ref(struct taint_fa *fa, uint32_t node)
{
    const struct taint_fact *f = &fa->t->facts[node];
    uint32_t obj;

    if (f->what == TF_FUNC) {
        const struct taint_callee *c = f->ref != TNONE ? &fa->t->callees[f->ref] : NULL;
        obj = temp_of(fa, node, OBJ_MANY);
        if (obj != TNONE && c != NULL)
            fa->pn[obj].fn = c->function;
        set(fa, node, TNONE, obj);
        return;
    }
    if (f->what != TF_VAR)
        return;
    obj = storage(fa, f->ref);
    set(fa, node, obj, target_of(fa, node, obj));
}

static void on_member(struct taint_fa *fa, uint32_t node)
{
    const struct taint_fact *f = &fa->t->facts[node];
    uint32_t base = ecg_fir_first_child(fa->t->fir, node);
    uint32_t holder = (f->flags & TFF_ARROW) ? pt_of(fa, base) : lv_of(fa, base);
    uint32_t obj;

    if (holder == TNONE)
        holder = temp_of(fa, node, OBJ_MANY);
    obj = field_of(fa, holder, f->what == TF_FIELD ? f->ref : TNONE);
    set(fa, node, obj, target_of(fa, node, obj));
}

/* The pointer operand of a subscript or of pointer arithmetic, or ECG_FIR_NONE. */
static uint32_t pointer_operand(struct taint_fa *fa, uint32_t node)
{
    for (uint32_t c = ecg_fir_first_child(fa->t->fir, node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(fa->t->fir, c)) {
        if (tclass_is_pointer(ecg_taint_facts_tclass(fa->t, c)))
            return c;
    }
    return ECG_FIR_NONE;
}

static void on_subscript(struct taint_fa *fa, uint32_t node)
{
    uint32_t obj = pt_of(fa, pointer_operand(fa, node));

    if (obj == TNONE)
        obj = temp_of(fa, node, OBJ_MANY);
    set(fa, node, obj, target_of(fa, node, obj));
}

static void on_unary(struct taint_fa *fa, uint32_t node)
{
    uint32_t child = ecg_fir_first_child(fa->t->fir, node);
    uint32_t obj;

    switch (fa->t->facts[node].op) {
    case ECG_OP_DEREF:
        obj = pt_of(fa, child);
        if (obj == TNONE)
            obj = temp_of(fa, node, OBJ_MANY);
        if (ecg_taint_facts_tclass(fa->t, node) == TC_FUNC &&
            ecg_taint_facts_tclass(fa->t, child) == TC_FUNC)
            set(fa, node, obj, obj);
        else
            set(fa, node, obj, target_of(fa, node, obj));
        break;
    case ECG_OP_ADDROF:
        set(fa, node, TNONE, lv_of(fa, child));
        break;
    default:
        set(fa, node, TNONE, pt_of(fa, child));
        break;
    }
}

static void on_binary(struct taint_fa *fa, uint32_t node)
{
    uint32_t lhs = ecg_fir_first_child(fa->t->fir, node);
    uint32_t rhs = lhs != ECG_FIR_NONE ? ecg_fir_next_sibling(fa->t->fir, lhs) : ECG_FIR_NONE;

    switch (fa->t->facts[node].op) {
    case ECG_OP_ASSIGN:
        set(fa, node, TNONE, unify(fa, pt_of(fa, lhs), pt_of(fa, rhs)));
        break;
    case ECG_OP_COMMA:
        set(fa, node, TNONE, pt_of(fa, rhs));
        break;
    case ECG_OP_ADD:
    case ECG_OP_SUB:
        set(fa, node, TNONE, pt_of(fa, pointer_operand(fa, node)));
        break;
    default:
        break;
    }
}

/* pt of every operand, unified: ?: arms, initializer lists, GNU `a ?: b`. */
static void on_join(struct taint_fa *fa, uint32_t node, int skip_first)
{
    uint32_t obj = TNONE;

    for (uint32_t c = ecg_fir_first_child(fa->t->fir, node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(fa->t->fir, c)) {
        if (skip_first) {
            skip_first = 0;
            continue;
        }
        obj = unify(fa, obj, pt_of(fa, c));
    }
    set(fa, node, TNONE, obj);
}

/* The fields a callee writes source data into exist here too, so that the data lands in
 * them and not on the whole struct. */
static void add_fields_of(struct taint_fa *fa, uint32_t call, const struct taint_parts *outs)
{
    for (size_t k = 0; k < outs->len; k++) {
        uint32_t arg = ecg_fir_child(fa->t->fir, call, outs->items[k].param + 1);
        if (arg != ECG_FIR_NONE && outs->items[k].field != TNONE)
            field_of(fa, pt_of(fa, arg), outs->items[k].field);
    }
}

static void add_out_fields(struct taint_fa *fa, uint32_t call, uint32_t g)
{
    add_fields_of(fa, call, &fa->t->fns[g].out_parts);
    if (fa->mode == TM_TAINT)
        add_fields_of(fa, call, &fa->t->fns[g].s_outs);
}

static void on_call(struct taint_fa *fa, uint32_t node)
{
    const struct taint_callee *c = ecg_taint_facts_callee(fa->t, node);
    const struct taint_spec *s = c != NULL ? c->spec : NULL;
    uint32_t obj = temp_of(fa, node, OBJ_MANY);

    if (c != NULL && c->function != TNONE)
        add_out_fields(fa, node, c->function);

    if (s != NULL && s->ret_alias != 0) {
        uint32_t arg = ecg_fir_child(fa->t->fir, node, s->ret_alias);
        set(fa, node, obj, pt_of(fa, arg));
        return;
    }
    set(fa, node, obj, target_of(fa, node, obj));
}

/* The initializer of a variable: for an array, a list or a string (its other children
 * are sizes); otherwise the last expression child. */
uint32_t ecg_taint_pts_init_of(struct ecg_taint *t, uint32_t var_node)
{
    uint32_t last = ECG_FIR_NONE;
    uint8_t tc = ecg_taint_facts_tclass(t, var_node);
    enum CXCursorKind kind;

    for (uint32_t c = ecg_fir_first_child(t->fir, var_node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(t->fir, c)) {
        if (clang_isExpression(ecg_fir_kind(t->fir, c)))
            last = c;
    }
    if (last == ECG_FIR_NONE || (tc != TC_ARRAY && tc != TC_ARRAYP))
        return last;
    kind = ecg_fir_kind(t->fir, ecg_fir_strip(t->fir, last));
    return kind == CXCursor_InitListExpr || kind == CXCursor_StringLiteral ? last : ECG_FIR_NONE;
}

static void on_var(struct taint_fa *fa, uint32_t node)
{
    const struct taint_fact *f = &fa->t->facts[node];
    uint32_t init = ecg_taint_pts_init_of(fa->t, node);
    uint32_t obj = f->what == TF_VAR ? storage(fa, f->ref) : TNONE;

    set(fa, node, obj, TNONE);
    if (obj != TNONE && init != ECG_FIR_NONE)
        unify(fa, target_of(fa, node, obj), pt_of(fa, init));
}

static void on_pass(struct taint_fa *fa, uint32_t node)
{
    uint32_t child = ecg_fir_last_child(fa->t->fir, node);

    if (ecg_fir_kind(fa->t->fir, node) == CXCursor_UnexposedExpr &&
        ecg_fir_child_count(fa->t->fir, node) > 1) {
        on_join(fa, node, 0);
        return;
    }
    set(fa, node, lv_of(fa, child), pt_of(fa, child));
}

static void on_literal(struct taint_fa *fa, uint32_t node)
{
    uint32_t obj = temp_of(
        fa, node, ecg_fir_kind(fa->t->fir, node) == CXCursor_StringLiteral ? OBJ_MANY : OBJ_ONE);

    set(fa, node, obj, target_of(fa, node, obj));
}

/* `c ? x : y` gets a temporary its arms are written to (ECG_CFG_ARM elements). */
static void on_cond(struct taint_fa *fa, uint32_t node)
{
    on_join(fa, node, 1);
    fa->lv[off(fa, node)] = temp_of(fa, node, OBJ_ONE);
}

static void on_list(struct taint_fa *fa, uint32_t node)
{
    on_join(fa, node, 0);
}

typedef void (*pts_rule)(struct taint_fa *fa, uint32_t node);

static const pts_rule rules[CXCursor_LastExpr + 1] = {
    [CXCursor_VarDecl] = on_var,
    [CXCursor_DeclRefExpr] = on_ref,
    [CXCursor_MemberRefExpr] = on_member,
    [CXCursor_ArraySubscriptExpr] = on_subscript,
    [CXCursor_UnaryOperator] = on_unary,
    [CXCursor_BinaryOperator] = on_binary,
    [CXCursor_CompoundAssignOperator] = on_binary,
    [CXCursor_ConditionalOperator] = on_cond,
    [CXCursor_InitListExpr] = on_list,
    [CXCursor_CallExpr] = on_call,
    [CXCursor_ParenExpr] = on_pass,
    [CXCursor_UnexposedExpr] = on_pass,
    [CXCursor_CStyleCastExpr] = on_pass,
    [CXCursor_StmtExpr] = on_pass,
    [CXCursor_StringLiteral] = on_literal,
    [CXCursor_CompoundLiteralExpr] = on_literal,
};

static void on_elem(struct taint_fa *fa, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(fa->t->fir, node);

    if ((unsigned)kind <= CXCursor_LastExpr && rules[kind] != NULL)
        rules[kind](fa, node);
}

/* --- building and locations ----------------------------------------------------------- */

/* Grows the per-node arrays together to hold n nodes. */
static int reserve_nodes(struct taint_fa *fa, size_t n)
{
    size_t cap = fa->nodes_cap != 0 ? fa->nodes_cap : 256;
    uint32_t *grown;

    if (n <= fa->nodes_cap)
        return 0;
    while (cap < n)
        cap *= 2;
    grown = realloc(fa->lv, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    fa->lv = grown;
    grown = realloc(fa->pt, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    fa->pt = grown;
    grown = realloc(fa->temp, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    fa->temp = grown;
    fa->nodes_cap = cap;
    return 0;
}

/* Grows the per-variable arrays to hold n variables; new stamps are 0, never current. */
static int reserve_vars(struct taint_fa *fa, size_t n)
{
    size_t cap = fa->vars_cap != 0 ? fa->vars_cap : 256;
    uint32_t *grown;

    if (n <= fa->vars_cap)
        return 0;
    while (cap < n)
        cap *= 2;
    grown = realloc(fa->var_node, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    fa->var_node = grown;
    grown = realloc(fa->var_stamp, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    memset(grown + fa->vars_cap, 0, (cap - fa->vars_cap) * sizeof(*grown));
    fa->var_stamp = grown;
    fa->vars_cap = cap;
    return 0;
}

static int prepare(struct taint_fa *fa)
{
    if (reserve_nodes(fa, fa->n_nodes) != 0 || reserve_vars(fa, fa->t->var_map.len + 1) != 0)
        return ECG_ENOMEM;
    memset(fa->lv, 0xff, fa->n_nodes * sizeof(*fa->lv));
    memset(fa->pt, 0xff, fa->n_nodes * sizeof(*fa->pt));
    memset(fa->temp, 0xff, fa->n_nodes * sizeof(*fa->temp));
    fa->stamp++;
    fa->n_pn = fa->n_links = fa->n_pairs = 0;
    return 0;
}

static struct taint_loc *new_loc(struct taint_fa *fa, uint32_t root)
{
    struct taint_loc *l;

    if (ecg_grow((void **)&fa->locs, &fa->locs_cap, fa->n_locs + 1, sizeof(*fa->locs)) != 0)
        return NULL;
    l = &fa->locs[fa->n_locs];
    l->global = fa->pn[root].global;
    l->gpart = fa->pn[root].gpart;
    l->parent = l->first_field = l->next_field = TNONE;
    l->fn = fa->pn[root].fn;
    l->field = TNONE;
    l->pointee = TNONE;
    l->members = 0;
    l->single = 1;
    fa->loc_of[root] = (uint32_t)fa->n_locs++;
    return l;
}

/* Numbers the classes and notes which hold exactly one object. */
static int number_locs(struct taint_fa *fa)
{
    if (ecg_grow((void **)&fa->loc_of, &fa->loc_of_cap, fa->n_pn + 1, sizeof(*fa->loc_of)) != 0)
        return ECG_ENOMEM;
    memset(fa->loc_of, 0xff, fa->n_pn * sizeof(*fa->loc_of));
    fa->n_locs = 0;
    for (uint32_t i = 0; i < fa->n_pn; i++) {
        uint32_t r = find(fa, i);
        struct taint_loc *l = fa->loc_of[r] == TNONE ? new_loc(fa, r) : &fa->locs[fa->loc_of[r]];
        if (l == NULL)
            return ECG_ENOMEM;
        if (fa->pn[i].single != OBJ_NONE)
            l->members++;
        if (fa->pn[i].single == OBJ_MANY)
            l->single = 0;
    }
    for (size_t i = 0; i < fa->n_locs; i++)
        fa->locs[i].single = fa->locs[i].single && fa->locs[i].members == 1;
    return 0;
}

/* Links each field's location to its container's. */
static void link_fields(struct taint_fa *fa)
{
    for (uint32_t r = 0; r < fa->n_pn; r++) {
        uint32_t owner;
        if (fa->pn[r].parent != r)
            continue;
        owner = fa->loc_of[r];
        if (fa->pn[r].pointee != TNONE)
            fa->locs[owner].pointee = fa->loc_of[find(fa, fa->pn[r].pointee)];
        for (uint32_t l = fa->pn[r].fields; l != TNONE; l = fa->links[l].next) {
            uint32_t child = fa->loc_of[find(fa, fa->links[l].node)];
            if (child == owner || fa->locs[child].parent != TNONE)
                continue;
            fa->locs[child].parent = owner;
            fa->locs[child].field = fa->links[l].field;
            fa->locs[child].next_field = fa->locs[owner].first_field;
            fa->locs[owner].first_field = child;
        }
    }
}

static uint32_t loc_of_node(struct taint_fa *fa, uint32_t pnode)
{
    return pnode != TNONE ? fa->loc_of[find(fa, pnode)] : TNONE;
}

/* Parameters and their buffers exist even when the body does not name them: the seeds
 * and the summary are about them. */
static void add_params(struct taint_fa *fa)
{
    const struct taint_fn *f = &fa->t->fns[fa->fn];

    for (uint32_t i = 0; i < f->n_params; i++) {
        uint32_t obj = storage(fa, f->params[i]);
        if (obj != TNONE && tclass_is_pointer(fa->t->vars[f->params[i]].tclass))
            pointee(fa, obj);
    }
    /* a field a caller passes data in exists here, even if only passed further on */
    for (size_t k = 0; fa->mode == TM_TAINT && k < f->seed_parts.len; k++) {
        const struct taint_part *part = &f->seed_parts.items[k];
        if (part->field != TNONE)
            field_of(fa, pointee(fa, storage(fa, f->params[part->param])), part->field);
    }
}

int ecg_taint_pts_build(struct taint_fa *fa)
{
    const struct ecg_cfg *g = &fa->cfg;

    if (prepare(fa) != 0)
        return ECG_ENOMEM;
    add_params(fa);
    for (size_t i = 0; i < g->n_elems && !fa->failed; i++) {
        if (g->elems[i].kind == ECG_CFG_EVAL)
            on_elem(fa, g->elems[i].node);
    }
    if (fa->failed || number_locs(fa) != 0)
        return ECG_ENOMEM;
    link_fields(fa);
    for (uint32_t i = 0; i < fa->n_nodes; i++) {
        fa->lv[i] = loc_of_node(fa, fa->lv[i]);
        fa->pt[i] = loc_of_node(fa, fa->pt[i]);
    }
    return 0;
}

uint32_t ecg_taint_pts_var_loc(struct taint_fa *fa, uint32_t var)
{
    if (var == TNONE || var >= fa->vars_cap || fa->var_stamp[var] != fa->stamp)
        return TNONE;
    return loc_of_node(fa, fa->var_node[var]);
}

uint32_t ecg_taint_pts_param_region(struct taint_fa *fa, uint32_t var)
{
    uint32_t root;

    if (var == TNONE || var >= fa->vars_cap || fa->var_stamp[var] != fa->stamp)
        return TNONE;
    root = find(fa, fa->var_node[var]);
    return loc_of_node(fa, fa->pn[root].pointee);
}

uint32_t ecg_taint_pts_field_loc(const struct taint_fa *fa, uint32_t loc, uint32_t field)
{
    if (loc == TNONE)
        return TNONE;
    for (uint32_t f = fa->locs[loc].first_field; f != TNONE; f = fa->locs[f].next_field) {
        if (fa->locs[f].field == field)
            return f;
    }
    return TNONE;
}

uint32_t ecg_taint_pts_indirect_callee(const struct taint_fa *fa, uint32_t call)
{
    uint32_t callee = ecg_fir_first_child(fa->t->fir, call);
    uint32_t loc = pt_of(fa, callee);

    if (loc == TNONE || fa->locs[loc].fn == FN_MANY)
        return TNONE;
    return fa->locs[loc].fn;
}
