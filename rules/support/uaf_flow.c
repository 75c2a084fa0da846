/* The use-after-free flow over one function's CFG: a fixed point of the states at block
 * entries, then one pass that records double frees, dereferences, calls and returns of
 * a location that some feasible path has freed. See uaf_flow.h. */
#include "rules/support/uaf_flow.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/opcode.h"
#include "rules/support/uaf_flow_int.h"

#define UAF_VISITS_PER_BLOCK 40 /* a function needing more block visits is given up */

struct rule_uaf *rule_uaf_new(void)
{
    struct rule_uaf *u = calloc(1, sizeof(*u));

    if (u != NULL)
        ecg_cfg_init(&u->cfg);
    return u;
}

void rule_uaf_free(struct rule_uaf *u)
{
    if (u == NULL)
        return;
    ecg_cfg_fini(&u->cfg);
    free(u->aux);
    free(u->keys);
    free(u->calls);
    free(u->in);
    free(u->slot_pool);
    free(u->reports);
    free(u->queue);
    free(u->queued);
    free(u->exits);
    free(u);
}

/* Nonzero when a use of loc, freed at free_node, is reported. A block that came in freed
 * is reported only where it is freed on every path. */
static int reportable(const struct rule_uaf *u, uint16_t loc, uint32_t free_node)
{
    if (!u->reporting || free_node == ECG_FIR_NONE || (u->lossy && u->locs[loc].field))
        return 0;
    return !uaf_edge_seeded(u, free_node) || (u->cur.slots[loc].bits & UAF_LIVE) == 0;
}

static void add_report(struct rule_uaf *u, enum rule_uaf_kind kind, uint32_t at, uint16_t loc,
                       uint32_t free_node)
{
    struct rule_uaf_report *r;

    if (!reportable(u, loc, free_node))
        return;
    if (u->n_reports == u->reports_cap) {
        size_t cap = u->reports_cap != 0 ? u->reports_cap * 2 : 8;
        struct rule_uaf_report *grown = realloc(u->reports, cap * sizeof(*grown));
        if (grown == NULL) {
            u->failed = 1;
            return;
        }
        u->reports = grown;
        u->reports_cap = cap;
    }
    r = &u->reports[u->n_reports++];
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    r->at = u->fir->nodes[at].cursor;
    r->freed_at = u->fir->nodes[free_node].cursor;
    memcpy(r->name, u->locs[loc].name, sizeof(r->name));
    r->origin = uaf_edge_origin(u, free_node);
}

static int is_wrapper(enum CXCursorKind kind)
{
    return kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_CStyleCastExpr;
}

/* The position of child among parent's children. */
static unsigned child_index(const struct ecg_fir *fir, uint32_t parent, uint32_t child)
{
    unsigned i = 0;

    for (uint32_t c = ecg_fir_first_child(fir, parent); c != ECG_FIR_NONE && c != child;
         c = ecg_fir_next_sibling(fir, c))
        i++;
    return i;
}

static int derefs(const struct rule_uaf *u, uint32_t parent, uint32_t child)
{
    const struct ecg_fir *fir = u->fir;
    enum CXCursorKind kind = ecg_fir_kind(fir, parent);
    CXCursor c = fir->nodes[child].cursor;

    if (ecg_fir_first_child(fir, parent) != child)
        return 0;
    if (kind == CXCursor_ArraySubscriptExpr)
        return 1;
    if (kind == CXCursor_MemberRefExpr)
        return clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Pointer;
    if (kind == CXCursor_UnaryOperator)
        return ecg_opcode_unary(fir->nodes[parent].cursor, c) == ECG_OP_DEREF;
    return 0;
}

/* The nearest ancestor of node that is not a parenthesis or cast, into *parent; the node
 * just below it into *child. */
static void use_site(const struct rule_uaf *u, uint32_t node, uint32_t *parent, uint32_t *child)
{
    const struct ecg_fir *fir = u->fir;

    *child = node;
    *parent = fir->nodes[node].parent;
    while (*parent != ECG_FIR_NONE && is_wrapper(ecg_fir_kind(fir, *parent))) {
        *child = *parent;
        *parent = fir->nodes[*parent].parent;
    }
}

/* The argument position (from 1) of child in the call parent when the call may read it. */
static unsigned read_argument(const struct rule_uaf *u, uint32_t parent, uint32_t child)
{
    const struct rule_uaf_call *call;
    unsigned arg;

    if (ecg_fir_kind(u->fir, parent) != CXCursor_CallExpr)
        return 0;
    call = uaf_call_of(u, parent);
    arg = call != NULL ? child_index(u->fir, parent, child) : 0;
    if (arg == 0 || arg > 32 || ((call->releases | call->keeps) & (1u << (arg - 1))) != 0)
        return 0;
    return arg;
}

/* A reference to a freed location: reported when it is dereferenced or passed on. */
static void check_use(struct rule_uaf *u, uint32_t node, uint16_t loc)
{
    const struct uaf_slot *slot = &u->cur.slots[loc];
    uint32_t parent, child;
    unsigned arg;

    if ((slot->bits & UAF_FREED) == 0)
        return;
    use_site(u, node, &parent, &child);
    if (parent == ECG_FIR_NONE)
        return;
    if (derefs(u, parent, child)) {
        add_report(u, RULE_UAF_USE, node, loc, slot->free_node);
        return;
    }
    arg = read_argument(u, parent, child);
    if (arg == 0)
        return;
    add_report(u, RULE_UAF_PASS, parent, loc, slot->free_node);
    if (u->reporting && u->n_reports > 0)
        u->reports[u->n_reports - 1].arg = arg - 1;
}

/* The location loc no longer holds what it held: its fields and the facts about it go. */
static void redefine(struct rule_uaf *u, uint16_t loc)
{
    uaf_state_forget(&u->cur, u->n_locs, loc);
    for (size_t m = 0; m < u->n_locs; m++) {
        if (uaf_loc_below(u, (uint16_t)m, loc)) {
            u->cur.slots[m].bits = UAF_LIVE;
            u->cur.slots[m].obj = 0;
        }
    }
}

static void mark_freed(struct rule_uaf *u, uint16_t loc, uint32_t call)
{
    uint32_t obj = u->cur.slots[loc].obj;

    for (size_t m = 0; m < u->n_locs; m++) {
        struct uaf_slot *s = &u->cur.slots[m];
        if (m != loc && (obj == 0 || s->obj != obj))
            continue;
        s->bits = (uint8_t)(UAF_FREED | (s->bits & UAF_NULL));
        s->guard = u->cur.path;
        s->free_node = call;
    }
    if (obj >= 1 && obj <= UAF_OBJ_PARAM_LAST)
        u->cur.freed_params |= 1u << (obj - 1);
}

static void call_releases(struct rule_uaf *u, uint32_t node, const struct rule_uaf_call *call)
{
    unsigned i = 0;

    for (uint32_t a = ecg_fir_next_sibling(u->fir, ecg_fir_first_child(u->fir, node));
         a != ECG_FIR_NONE && i < 32; a = ecg_fir_next_sibling(u->fir, a), i++) {
        uint16_t loc = (call->releases & (1u << i)) ? uaf_loc_of(u, a) : UAF_NONE;
        if (loc == UAF_NONE || !u->locs[loc].pointer)
            continue;
        /* A function that frees node->link may also clear node->link through the block's
         * back pointer: only free() itself is trusted with fields. */
        if (call->wrapper && u->locs[loc].field) {
            redefine(u, loc);
            continue;
        }
        if ((u->cur.slots[loc].bits & UAF_FREED) != 0)
            add_report(u, RULE_UAF_DOUBLE_FREE, node, loc, u->cur.slots[loc].free_node);
        mark_freed(u, loc, node);
    }
}

/* The outermost location an argument is computed from: p for '&p->a.b', 'p + 4', 'p[2]'. */
static uint16_t root_loc(const struct rule_uaf *u, uint32_t node)
{
    uint16_t found = UAF_NONE;

    for (int i = 0; i < 12; i++) {
        uint16_t loc;
        enum CXCursorKind kind;
        node = uaf_strip(u->fir, node);
        if (node == ECG_FIR_NONE)
            break;
        loc = uaf_loc_of(u, node);
        if (loc != UAF_NONE)
            found = loc;
        kind = ecg_fir_kind(u->fir, node);
        if (kind != CXCursor_UnaryOperator && kind != CXCursor_MemberRefExpr &&
            kind != CXCursor_ArraySubscriptExpr && kind != CXCursor_BinaryOperator)
            break;
        node = ecg_fir_first_child(u->fir, node);
    }
    return found;
}

/* An opaque call may rewrite the fields its pointer arguments reach, and globals. */
static void call_clobbers(struct rule_uaf *u, uint32_t node)
{
    uint32_t first = ecg_fir_first_child(u->fir, node);

    for (uint32_t a = first != ECG_FIR_NONE ? ecg_fir_next_sibling(u->fir, first) : ECG_FIR_NONE;
         a != ECG_FIR_NONE; a = ecg_fir_next_sibling(u->fir, a)) {
        uint16_t loc = root_loc(u, a);
        if (loc != UAF_NONE)
            redefine(u, loc);
    }
    for (size_t m = 0; m < u->n_locs; m++) {
        if (u->locs[m].global) {
            u->cur.slots[m].bits = UAF_LIVE;
            u->cur.slots[m].obj = 0;
        }
    }
}

/* A library call writes through the arguments it takes as pointers to non-const. */
static void call_writes(struct rule_uaf *u, uint32_t node, uint32_t writes)
{
    uint32_t first = ecg_fir_first_child(u->fir, node);
    unsigned i = 0;

    for (uint32_t a = first != ECG_FIR_NONE ? ecg_fir_next_sibling(u->fir, first) : ECG_FIR_NONE;
         a != ECG_FIR_NONE && i < 32; a = ecg_fir_next_sibling(u->fir, a), i++) {
        uint16_t loc = (writes & (1u << i)) ? root_loc(u, a) : UAF_NONE;
        if (loc != UAF_NONE)
            redefine(u, loc);
    }
}

static void do_call(struct rule_uaf *u, uint32_t node)
{
    const struct rule_uaf_call *call = uaf_call_of(u, node);

    if (call == NULL)
        return;
    uaf_edge_at_call(u, node, call);
    if (call->releases != 0)
        call_releases(u, node, call);
    else if (call->opaque)
        call_clobbers(u, node);
    else
        call_writes(u, node, call->writes);
}

/* realloc's old block is freed unless the result, now in loc, is NULL. */
static void after_realloc(struct rule_uaf *u, uint16_t loc, uint32_t call_node)
{
    uint32_t first = ecg_fir_first_child(u->fir, call_node);
    uint32_t arg = first != ECG_FIR_NONE ? ecg_fir_next_sibling(u->fir, first) : ECG_FIR_NONE;
    uint16_t old = arg != ECG_FIR_NONE ? uaf_loc_of(u, arg) : UAF_NONE;
    struct uaf_fact nonnull = { .value = 0, .loc = loc, .ne = 1 };
    struct uaf_slot *s;

    if (old == UAF_NONE || old == loc || !u->locs[old].pointer)
        return;
    s = &u->cur.slots[old];
    s->bits |= UAF_FREED;
    s->guard = u->cur.path;
    uaf_facts_add(&s->guard, &nonnull);
    s->free_node = call_node;
}

/* The value rhs gives a location: a copy of another location, NULL, a freed block. */
static void value_of(struct rule_uaf *u, uint32_t rhs, uint32_t at, struct uaf_slot *out)
{
    const struct rule_uaf_call *call = uaf_call_of(u, rhs);
    uint16_t from = uaf_loc_of(u, rhs);
    long long k;

    memset(out, 0, sizeof(*out));
    out->bits = UAF_LIVE;
    out->free_node = ECG_FIR_NONE;
    if (from != UAF_NONE) {
        if (u->cur.slots[from].obj == 0)
            u->cur.slots[from].obj = 0x100u + at;
        *out = u->cur.slots[from];
    } else if (uaf_constant(&k, u->fir, rhs) && k == 0) {
        out->bits = UAF_NULL;
    } else if (call != NULL && call->returns_freed) {
        out->bits = UAF_FREED | UAF_NULL;
        out->guard = u->cur.path;
        out->free_node = uaf_strip(u->fir, rhs);
    } else if (call != NULL && call->ret_origin != NULL) {
        out->bits = UAF_FREED;
        out->free_node = uaf_strip(u->fir, rhs);
    }
}

static void assign(struct rule_uaf *u, uint32_t lhs_node, uint32_t rhs, uint32_t at)
{
    uint16_t loc = uaf_loc_of(u, lhs_node);
    const struct rule_uaf_call *call;
    struct uaf_slot value;
    long long k;

    if (loc == UAF_NONE)
        return;
    if (rhs == ECG_FIR_NONE) {
        redefine(u, loc);
        u->cur.slots[loc].bits = UAF_LIVE;
        u->cur.slots[loc].obj = 0;
        return;
    }
    value_of(u, rhs, at, &value);
    redefine(u, loc);
    u->cur.slots[loc] = value;
    if (ecg_fir_kind(u->fir, lhs_node) == CXCursor_VarDecl)
        uaf_edge_reseed(u, loc);
    if (uaf_constant(&k, u->fir, rhs)) {
        struct uaf_fact f = { .value = k, .loc = loc };
        for (size_t m = 0; m < u->n_locs; m++) {
            if ((u->cur.slots[m].bits & UAF_FREED) != 0)
                uaf_facts_add(&u->cur.slots[m].guard, &f);
        }
        uaf_facts_add(&u->cur.path, &f);
    }
    call = uaf_call_of(u, rhs);
    if (call != NULL && call->reallocates)
        after_realloc(u, loc, uaf_strip(u->fir, rhs));
}

/* Nonzero when node is an expression statement. An operator spelled in a macro body is not
 * known before libclang 17; one whose value is thrown away is taken for an assignment. */
static int is_statement(const struct rule_uaf *u, uint32_t node)
{
    uint32_t parent = u->fir->nodes[node].parent;

    return parent != ECG_FIR_NONE && ecg_fir_kind(u->fir, parent) == CXCursor_CompoundStmt;
}

static void do_binary(struct rule_uaf *u, uint32_t node)
{
    uint32_t lhs = ecg_fir_first_child(u->fir, node);
    uint32_t rhs = lhs != ECG_FIR_NONE ? ecg_fir_next_sibling(u->fir, lhs) : ECG_FIR_NONE;
    enum ecg_op op;

    if (rhs == ECG_FIR_NONE)
        return;
    op = ecg_opcode_binary(u->fir->nodes[node].cursor, u->fir->nodes[lhs].cursor,
                           u->fir->nodes[rhs].cursor);
    if (op == ECG_OP_ASSIGN || (op == ECG_OP_UNKNOWN && is_statement(u, node)))
        assign(u, lhs, rhs, node);
}

/* The change a unary operator makes to an integer: +1, -1, or 0 for none it follows. */
static long long step_of(enum ecg_op op)
{
    if (op == ECG_OP_PREINC || op == ECG_OP_POSTINC)
        return 1;
    if (op == ECG_OP_PREDEC || op == ECG_OP_POSTDEC)
        return -1;
    return 0;
}

/* Nonzero for the unary operators that only read their operand. */
static int reads_only(enum ecg_op op)
{
    return op == ECG_OP_DEREF || op == ECG_OP_NOT || op == ECG_OP_MINUS || op == ECG_OP_PLUS ||
           op == ECG_OP_BITNOT;
}

static void reset(struct rule_uaf *u, uint16_t loc)
{
    redefine(u, loc);
    u->cur.slots[loc].bits = UAF_LIVE;
    u->cur.slots[loc].obj = 0;
}

/* &x, x++, x += n: x may now hold anything; a counter's known value moves along. */
static void do_modify(struct rule_uaf *u, uint32_t node)
{
    uint32_t operand = ecg_fir_first_child(u->fir, node);
    uint16_t loc = operand != ECG_FIR_NONE ? uaf_loc_of(u, operand) : UAF_NONE;
    enum ecg_op op;

    if (loc == UAF_NONE)
        return;
    if (ecg_fir_kind(u->fir, node) != CXCursor_UnaryOperator) {
        reset(u, loc);
        return;
    }
    op = ecg_opcode_unary(u->fir->nodes[node].cursor, u->fir->nodes[operand].cursor);
    if (reads_only(op))
        return;
    if (op == ECG_OP_ADDROF)
        uaf_edge_at_address(u, node, loc);
    if (u->locs[loc].flag && step_of(op) != 0)
        uaf_state_shift(&u->cur, u->n_locs, loc, step_of(op));
    else
        reset(u, loc);
}

static void do_return(struct rule_uaf *u, uint32_t node)
{
    uint32_t value = ecg_fir_first_child(u->fir, node);
    uint16_t loc = value != ECG_FIR_NONE ? uaf_loc_of(u, value) : UAF_NONE;
    long long k;
    uint8_t bits;

    if (value == ECG_FIR_NONE || (uaf_constant(&k, u->fir, value) && k == 0))
        return;
    if (loc == UAF_NONE || !u->locs[loc].pointer) {
        u->ret_live = 1;
        return;
    }
    bits = u->cur.slots[loc].bits;
    uaf_edge_at_return(u, node, loc);
    if ((bits & UAF_LIVE) != 0)
        u->ret_live = 1;
    if ((bits & UAF_FREED) == 0)
        return;
    u->ret_freed = 1;
    add_report(u, RULE_UAF_RETURN, node, loc, u->cur.slots[loc].free_node);
}

/* The initializer of a variable declaration node, or ECG_FIR_NONE. */
static uint32_t var_init(const struct rule_uaf *u, uint32_t var)
{
    uint32_t last = ecg_fir_last_child(u->fir, var);
    CXType t = clang_getCursorType(u->fir->nodes[var].cursor);

    if (last == ECG_FIR_NONE || !clang_isExpression(ecg_fir_kind(u->fir, last)))
        return ECG_FIR_NONE;
    if (t.kind == CXType_ConstantArray || t.kind == CXType_VariableArray)
        return ECG_FIR_NONE;
    return last;
}

/* A local array declared again (a loop's next iteration): its elements hold nothing known,
 * whatever the previous iteration left in them. A static one keeps them. */
static void declare_array(struct rule_uaf *u, uint32_t var)
{
    CXCursor c = u->fir->nodes[var].cursor;
    char prefix[UAF_KEY_MAX];
    size_t n;

    if (clang_Cursor_getStorageClass(c) == CX_SC_Static ||
        !uaf_loc_decl_key(prefix, sizeof(prefix), u, c))
        return;
    n = strlen(prefix);
    for (size_t m = 0; m < u->n_locs; m++) {
        const char *key = u->keys + u->locs[m].key;
        if (strncmp(key, prefix, n) == 0 && key[n] == '[')
            reset(u, (uint16_t)m);
    }
}

/* An evaluated reference: a use when the location holds a freed pointer. */
static void do_reference(struct rule_uaf *u, uint32_t node)
{
    uint16_t loc = uaf_loc_of(u, node);

    if (loc != UAF_NONE && uaf_strip(u->fir, node) == node && u->locs[loc].pointer)
        check_use(u, node, loc);
    if (ecg_fir_kind(u->fir, node) == CXCursor_UnaryOperator)
        do_modify(u, node);
}

static void transfer(struct rule_uaf *u, const struct ecg_cfg_elem *e)
{
    uint32_t node = e->node;

    if (e->kind == ECG_CFG_RETURN) {
        do_return(u, node);
        return;
    }
    if (e->kind != ECG_CFG_EVAL)
        return;
    switch (ecg_fir_kind(u->fir, node)) {
    case CXCursor_CallExpr:
        do_call(u, node);
        break;
    case CXCursor_BinaryOperator:
        do_binary(u, node);
        break;
    case CXCursor_CompoundAssignOperator:
        do_modify(u, node);
        break;
    case CXCursor_VarDecl:
        if (uaf_loc_of(u, node) != UAF_NONE)
            assign(u, node, var_init(u, node), node);
        else
            declare_array(u, node);
        break;
    default:
        do_reference(u, node);
        break;
    }
}

/* Copies cur into edge and applies what the edge tells; 0 when the edge cannot be taken. */
static int take_edge(struct rule_uaf *u, const struct ecg_cfg_block *blk,
                     const struct ecg_cfg_edge *e)
{
    struct uaf_fact f;
    int said;

    uaf_state_copy(&u->edge, &u->cur, u->n_locs);
    if (blk->terminator != ECG_CFG_BRANCH || e->kind == ECG_CFG_ALWAYS)
        return 1;
    said = uaf_cond_fact(u, blk->cond, e->kind == ECG_CFG_TRUE, &f);
    if (said == 2)
        return 0;
    if (said == 1)
        return uaf_state_assume(&u->edge, u, &f);
    return 1;
}

static void push_block(struct rule_uaf *u, uint32_t b, size_t *n)
{
    if (u->queued[b])
        return;
    u->queued[b] = 1;
    u->queue[(*n)++] = b;
}

/* Nonzero for the nodes a pure test may evaluate: integer variables, constants, operators. */
static int pure_node(const struct rule_uaf *u, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(u->fir, node);
    uint16_t loc;

    if (kind == CXCursor_DeclRefExpr) {
        loc = uaf_loc_of(u, node);
        return loc != UAF_NONE && u->locs[loc].flag;
    }
    return kind == CXCursor_IntegerLiteral || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_ParenExpr || kind == CXCursor_BinaryOperator;
}

/* Nonzero when block t only tests integer locations against constants: a state that
 * knows the answer may go straight to the successor the test picks. */
static int pure_test(const struct rule_uaf *u, uint32_t t)
{
    const struct ecg_cfg_block *blk = &u->cfg.blocks[t];

    if (blk->terminator != ECG_CFG_BRANCH || blk->n_edges != 2)
        return 0;
    for (uint32_t i = 0; i < blk->n_elems; i++) {
        if (!pure_node(u, u->cfg.elems[blk->first_elem + i].node))
            return 0;
    }
    return 1;
}

/* Follows, in u->edge, the edges of pure tests whose outcome the state's facts decide: a
 * loop that runs once keeps its counter's value instead of losing it where the paths meet.
 * Returns 0 when the state can take no edge. */
static int thread_edge(struct rule_uaf *u, uint32_t *to)
{
    for (int hop = 0; hop < 4 && pure_test(u, *to); hop++) {
        const struct ecg_cfg_block *blk = &u->cfg.blocks[*to];
        const struct ecg_cfg_edge *pick = NULL;
        int open = 0;
        for (uint32_t i = 0; i < blk->n_edges; i++) {
            const struct ecg_cfg_edge *e = &u->cfg.edges[blk->first_edge + i];
            struct uaf_fact f;
            int said = uaf_cond_fact(u, blk->cond, e->kind == ECG_CFG_TRUE, &f);
            if (said == 2 || (said == 1 && uaf_facts_conflict(&u->edge.path, &f)))
                continue;
            pick = e;
            open++;
        }
        if (open == 0)
            return 0;
        if (open > 1)
            return 1;
        *to = pick->to;
    }
    return 1;
}

/* Runs block b from its entry state and pushes the successors whose entry changed. */
static void visit_block(struct rule_uaf *u, uint32_t b, size_t *n)
{
    const struct ecg_cfg_block *blk = &u->cfg.blocks[b];

    uaf_state_copy(&u->cur, &u->in[b], u->n_locs);
    for (uint32_t i = 0; i < blk->n_elems; i++)
        transfer(u, &u->cfg.elems[blk->first_elem + i]);
    for (uint32_t i = 0; i < blk->n_edges; i++) {
        const struct ecg_cfg_edge *e = &u->cfg.edges[blk->first_edge + i];
        uint32_t to = e->to;
        if (!take_edge(u, blk, e) || !thread_edge(u, &to))
            continue;
        if (uaf_state_join(&u->in[to], &u->edge, u->n_locs) && n != NULL)
            push_block(u, to, n);
    }
}

static int solve(struct rule_uaf *u)
{
    size_t n = 0;
    size_t budget = u->cfg.n_blocks * UAF_VISITS_PER_BLOCK + 64;

    memset(u->queued, 0, u->cfg.n_blocks);
    push_block(u, ECG_CFG_ENTRY, &n);
    while (n > 0) {
        uint32_t b = u->queue[--n];
        u->queued[b] = 0;
        if (budget-- == 0)
            return ECG_EPARSE;
        visit_block(u, b, &n);
    }
    return 0;
}

/* Makes room for the per-block arrays of nb blocks. */
static int reserve_blocks(struct rule_uaf *u, size_t nb)
{
    struct uaf_state *in;
    uint32_t *q;
    unsigned char *qd;

    if (nb <= u->in_cap)
        return 0;
    in = realloc(u->in, nb * sizeof(*in));
    if (in == NULL)
        return ECG_ENOMEM;
    u->in = in;
    q = realloc(u->queue, nb * sizeof(*q));
    if (q == NULL)
        return ECG_ENOMEM;
    u->queue = q;
    qd = realloc(u->queued, nb);
    if (qd == NULL)
        return ECG_ENOMEM;
    u->queued = qd;
    u->in_cap = nb;
    return 0;
}

static int prepare_states(struct rule_uaf *u)
{
    size_t nb = u->cfg.n_blocks;
    size_t need = (nb + 2) * (u->n_locs > 0 ? u->n_locs : 1);

    if (reserve_blocks(u, nb) != 0)
        return ECG_ENOMEM;
    if (need > u->pool_cap) {
        struct uaf_slot *pool = realloc(u->slot_pool, need * sizeof(*pool));
        if (pool == NULL)
            return ECG_ENOMEM;
        u->slot_pool = pool;
        u->pool_cap = need;
    }
    for (size_t b = 0; b < nb; b++) {
        memset(&u->in[b], 0, sizeof(u->in[b]));
        u->in[b].slots = u->slot_pool + b * u->n_locs;
    }
    u->cur.slots = u->slot_pool + nb * u->n_locs;
    u->edge.slots = u->slot_pool + (nb + 1) * u->n_locs;
    return 0;
}

static int analyse(struct rule_uaf *u)
{
    int rc;

    if (ecg_cfg_build(&u->cfg, u->fir, u->fn, NULL) != 0)
        return ECG_ENOMEM;
    if (u->cfg.n_blocks > UAF_MAX_NODES)
        return ECG_EPARSE;
    rc = prepare_states(u);
    if (rc != 0)
        return rc;
    uaf_state_entry(&u->in[ECG_CFG_ENTRY], u);
    uaf_edge_entry(&u->in[ECG_CFG_ENTRY], u);
    rc = solve(u);
    if (rc != 0)
        return rc;
    u->reporting = 1;
    for (uint32_t b = 0; b < u->cfg.n_blocks; b++) {
        if (u->in[b].reachable)
            visit_block(u, b, NULL);
    }
    u->reporting = 0;
    return u->failed ? ECG_ENOMEM : 0;
}

int rule_uaf_run(struct rule_uaf_result *out, struct rule_uaf *u, const struct ecg_fir *fir,
                 CXCursor fn, rule_uaf_resolve_fn resolve, void *arg)
{
    int rc;

    u->resolve = resolve;
    u->resolve_arg = arg;
    u->n_reports = 0;
    u->n_exits = 0;
    u->ret_freed = 0;
    u->ret_live = 0;
    u->failed = 0;
    rc = uaf_loc_find(u, fir, fn);
    if (rc == 0)
        rc = uaf_loc_scan(u);
    if (rc == 0) {
        uaf_edge_scan(u);
        rc = analyse(u);
    }
    if (rc != 0)
        return rc;
    memset(out, 0, sizeof(*out));
    if (u->in[ECG_CFG_EXIT].reachable)
        out->frees_params = u->in[ECG_CFG_EXIT].freed_params;
    out->returns_freed = u->ret_freed && !u->ret_live;
    out->reports = u->reports;
    out->n_reports = u->n_reports;
    out->exits = u->exits;
    out->n_exits = u->n_exits;
    return 0;
}

void rule_uaf_set_seeds(struct rule_uaf *u, rule_uaf_seed_fn seed)
{
    u->seed = seed;
}
