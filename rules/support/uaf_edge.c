/* The edges of the use-after-free flow: blocks that enter a function already freed (seeds: a
 * caller of the unit left one in a global, another unit passed or returned one) and freed
 * blocks that leave it (exits: arguments of another unit's functions, globals a call may
 * read, returns). Both count only where the block is freed on every path. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/support/uaf_flow_int.h"

void uaf_edge_scan(struct rule_uaf *u)
{
    for (size_t i = 0; i < u->n_locs; i++) {
        struct uaf_loc *l = &u->locs[i];
        struct rule_uaf_seed seed;
        l->seed_node = ECG_FIR_NONE;
        l->seed_origin = NULL;
        if (u->seed == NULL || !l->pointer || l->rep == ECG_FIR_NONE)
            continue;
        memset(&seed, 0, sizeof(seed));
        seed.free_node = ECG_FIR_NONE;
        if (!u->seed(u->resolve_arg, u->fir->nodes[l->rep].cursor, &seed))
            continue;
        l->seed_origin = seed.origin;
        l->seed_node = seed.origin != NULL ? l->rep : seed.free_node;
    }
}

static void seed_slot(struct uaf_slot *slot, const struct uaf_loc *l)
{
    slot->bits = UAF_FREED;
    slot->free_node = l->seed_node;
    slot->guard.n = 0;
}

void uaf_edge_entry(struct uaf_state *s, const struct rule_uaf *u)
{
    for (size_t i = 0; i < u->n_locs; i++) {
        if (u->locs[i].seed_node != ECG_FIR_NONE)
            seed_slot(&s->slots[i], &u->locs[i]);
    }
}

void uaf_edge_reseed(struct rule_uaf *u, uint16_t loc)
{
    for (size_t m = 0; m < u->n_locs; m++) {
        if (u->locs[m].seed_node != ECG_FIR_NONE && uaf_loc_below(u, (uint16_t)m, loc))
            seed_slot(&u->cur.slots[m], &u->locs[m]);
    }
}

const void *uaf_edge_origin(const struct rule_uaf *u, uint32_t free_node)
{
    const struct rule_uaf_call *call;

    if (free_node == ECG_FIR_NONE)
        return NULL;
    call = uaf_call_of(u, free_node);
    if (call != NULL)
        return call->ret_origin;
    for (size_t i = 0; i < u->n_locs; i++) {
        if (u->locs[i].seed_origin != NULL && u->locs[i].seed_node == free_node)
            return u->locs[i].seed_origin;
    }
    return NULL;
}

int uaf_edge_seeded(const struct rule_uaf *u, uint32_t free_node)
{
    if (free_node == ECG_FIR_NONE)
        return 0;
    if (free_node <= u->fn || free_node >= u->fir->nodes[u->fn].end)
        return 1; /* released in another function of the unit */
    return uaf_edge_origin(u, free_node) != NULL;
}

/* Nonzero when loc holds a freed block on every path to here. */
static int freed_always(const struct rule_uaf *u, uint16_t loc)
{
    uint8_t bits = u->cur.slots[loc].bits;

    return u->locs[loc].pointer && (bits & UAF_FREED) != 0 && (bits & UAF_LIVE) == 0;
}

static struct rule_uaf_exit *add_exit(struct rule_uaf *u, enum rule_uaf_exit_kind kind, uint32_t at,
                                      uint16_t loc)
{
    uint32_t free_node = u->cur.slots[loc].free_node;
    struct rule_uaf_exit *x;

    if (free_node == ECG_FIR_NONE)
        return NULL;
    if (u->n_exits == u->exits_cap) {
        size_t cap = u->exits_cap != 0 ? u->exits_cap * 2 : 8;
        struct rule_uaf_exit *grown = realloc(u->exits, cap * sizeof(*grown));
        if (grown == NULL) {
            u->failed = 1;
            return NULL;
        }
        u->exits = grown;
        u->exits_cap = cap;
    }
    x = &u->exits[u->n_exits++];
    memset(x, 0, sizeof(*x));
    x->kind = kind;
    x->at = u->fir->nodes[at].cursor;
    x->global = clang_getNullCursor();
    x->free_node = free_node;
    x->freed_at = u->fir->nodes[free_node].cursor;
    x->origin = uaf_edge_origin(u, free_node);
    memcpy(x->name, u->locs[loc].name, sizeof(x->name));
    return x;
}

static void add_arg_exit(struct rule_uaf *u, uint32_t call, uint16_t loc, unsigned arg, int pointee,
                         const char *field)
{
    struct rule_uaf_exit *x = add_exit(u, RULE_UAF_EXIT_ARG, call, loc);
    size_t n = strlen(field);

    if (x == NULL)
        return;
    x->arg = arg;
    x->pointee = pointee;
    if (n < sizeof(x->field))
        memcpy(x->field, field, n + 1);
}

/* The members and constant-index elements of the variable whose key is prefix ('s.f',
 * 'a[2]') that hold a freed block on every path: exits of argument arg. */
static void aggregate_exits(struct rule_uaf *u, uint32_t call, unsigned arg, const char *prefix,
                            int pointee)
{
    size_t n = strlen(prefix);

    for (size_t m = 0; m < u->n_locs; m++) {
        const char *key = u->keys + u->locs[m].key;
        const char *rest = key + n;
        if (strncmp(key, prefix, n) != 0 || !freed_always(u, (uint16_t)m))
            continue;
        if (rest[0] == '[' && strchr(rest, ']') == rest + strlen(rest) - 1)
            add_arg_exit(u, call, (uint16_t)m, arg, pointee, "");
        else if (rest[0] == '.' && strpbrk(rest + 1, ".[|-*()") == NULL)
            add_arg_exit(u, call, (uint16_t)m, arg, pointee, rest + 1);
    }
}

/* An argument naming an array (its elements) or a struct passed by value (its members). */
static void variable_exits(struct rule_uaf *u, uint32_t call, unsigned arg, uint32_t node)
{
    CXCursor decl = clang_getCursorReferenced(u->fir->nodes[node].cursor);
    CXType t = clang_getCanonicalType(clang_getCursorType(decl));
    char prefix[UAF_KEY_MAX];

    if (t.kind != CXType_ConstantArray && t.kind != CXType_Record)
        return;
    if (uaf_loc_decl_key(prefix, sizeof(prefix), u, decl))
        aggregate_exits(u, call, arg, prefix, t.kind == CXType_ConstantArray);
}

static void argument_exits(struct rule_uaf *u, uint32_t node, const struct rule_uaf_call *call)
{
    unsigned i = 0;

    for (uint32_t a = ecg_fir_next_sibling(u->fir, ecg_fir_first_child(u->fir, node));
         a != ECG_FIR_NONE && i < 32; a = ecg_fir_next_sibling(u->fir, a), i++) {
        uint32_t s = uaf_strip(u->fir, a);
        uint16_t loc = uaf_loc_of(u, s);
        /* an argument the caller's own report covers (a read of a freed block) is not
         * handed on */
        if ((call->keeps & (1u << i)) == 0)
            continue;
        if (loc != UAF_NONE && u->locs[loc].pointer) {
            if (freed_always(u, loc))
                add_arg_exit(u, node, loc, i, 0, "");
        } else if (s != ECG_FIR_NONE && ecg_fir_kind(u->fir, s) == CXCursor_DeclRefExpr) {
            variable_exits(u, node, i, s);
        }
    }
}

/* Nonzero when the function assigns loc somewhere. */
static int stored_in_function(const struct rule_uaf *u, uint16_t loc)
{
    const struct ecg_fir *fir = u->fir;

    for (uint32_t n = u->fn + 1; n < fir->nodes[u->fn].end; n++) {
        uint32_t lhs;
        if (ecg_fir_kind(fir, n) != CXCursor_BinaryOperator ||
            ecg_opcode_of(fir->nodes[n].cursor) != ECG_OP_ASSIGN)
            continue;
        lhs = ecg_fir_first_child(fir, n);
        if (lhs != ECG_FIR_NONE && uaf_loc_of(u, lhs) == loc)
            return 1;
    }
    return 0;
}

/* Globals (the variables themselves) this function stored a freed block in: the callee
 * may read them. */
static void global_exits(struct rule_uaf *u, uint32_t node)
{
    for (size_t m = 0; m < u->n_locs; m++) {
        const struct uaf_loc *l = &u->locs[m];
        struct rule_uaf_exit *x;
        if (!l->global || l->field || l->rep == ECG_FIR_NONE || !freed_always(u, (uint16_t)m) ||
            !stored_in_function(u, (uint16_t)m))
            continue;
        x = add_exit(u, RULE_UAF_EXIT_GLOBAL, node, (uint16_t)m);
        if (x != NULL)
            x->global = clang_getCursorReferenced(u->fir->nodes[l->rep].cursor);
    }
}

void uaf_edge_at_call(struct rule_uaf *u, uint32_t node, const struct rule_uaf_call *call)
{
    if (!u->reporting || (!call->external && !call->internal))
        return;
    if (call->external)
        argument_exits(u, node, call);
    global_exits(u, node);
}

static int is_wrapper(enum CXCursorKind kind)
{
    return kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_CStyleCastExpr;
}

/* The nearest ancestor of node that is not a parenthesis or cast; *child: the node just
 * below it. */
static uint32_t unwrapped_parent(const struct ecg_fir *fir, uint32_t node, uint32_t *child)
{
    uint32_t parent = fir->nodes[node].parent;

    *child = node;
    while (parent != ECG_FIR_NONE && is_wrapper(ecg_fir_kind(fir, parent))) {
        *child = parent;
        parent = fir->nodes[parent].parent;
    }
    return parent;
}

/* The argument position (from 0) of node in the call of another unit it is passed to, or
 * -1; *call_out: the call. */
static int external_argument(const struct rule_uaf *u, uint32_t node, uint32_t *call_out)
{
    const struct ecg_fir *fir = u->fir;
    uint32_t child;
    uint32_t parent = unwrapped_parent(fir, node, &child);
    const struct rule_uaf_call *call;
    int i = -1;

    if (parent == ECG_FIR_NONE || ecg_fir_kind(fir, parent) != CXCursor_CallExpr)
        return -1;
    call = uaf_call_of(u, parent);
    if (call == NULL || !call->external)
        return -1;
    for (uint32_t c = ecg_fir_first_child(fir, parent); c != ECG_FIR_NONE && c != child;
         c = ecg_fir_next_sibling(fir, c))
        i++;
    *call_out = parent;
    return i < 32 ? i : -1;
}

void uaf_edge_at_address(struct rule_uaf *u, uint32_t node, uint16_t loc)
{
    uint32_t call = ECG_FIR_NONE;
    int arg;

    if (!u->reporting)
        return;
    arg = external_argument(u, node, &call);
    if (arg < 0)
        return;
    if (u->locs[loc].pointer) {
        if (freed_always(u, loc))
            add_arg_exit(u, call, loc, (unsigned)arg, 1, "");
        return;
    }
    if (!u->locs[loc].flag)
        aggregate_exits(u, call, (unsigned)arg, u->keys + u->locs[loc].key, 1);
}

void uaf_edge_at_return(struct rule_uaf *u, uint32_t node, uint16_t loc)
{
    if (u->reporting && freed_always(u, loc))
        add_exit(u, RULE_UAF_EXIT_RETURN, node, loc);
}
