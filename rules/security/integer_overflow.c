/* security-integer-overflow: integer +, -, * and ++/-- that can overflow or wrap: on
 * untrusted data (taint flows of the arithmetic category) that no check bounds in the
 * direction the operator moves it, or on a variable that holds its type's largest
 * (smallest) value on the path to the operator. Known gaps: constants are followed within
 * one function in source order (loops that change them are searched); lengths read from
 * struct fields are not known as lengths; correlated conditions are not followed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "analyzer/cursors.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/intrange.h"
#include "rules/support/io_context.h"
#include "rules/support/io_flows.h"
#include "rules/support/io_links.h"
#include "rules/support/opkind.h"

#define IO_NAME_MAX 128
#define IO_ASSIGN_DEPTH 64 /* nested assignments remembered (a = b = c ...) */
#define IO_FEED_STEPS 12   /* steps of a flow whose result sizes an allocation or copy */
#define IO_DIRECT_STEPS 6  /* steps of a flow that reads as a number taken in directly */
#define IO_CLIMB_MAX 32    /* ancestors looked through to the assignment an operator feeds */

/* One arithmetic operator met in the walk, keyed by where it starts, with what the tree
 * around it says; the flows found after the walk look their sink up here. */
struct io_site {
    CXFile file;
    unsigned offset;         /* expansion offset of the operator's start */
    unsigned spell;          /* spelling offset: tells apart operators of one macro expansion */
    unsigned end;            /* expansion offset of its end: `a + 1 - i` starts two operators */
    unsigned char guards[2]; /* RULE_INTRANGE_* checks enclosing it on each operand variable */
    unsigned char stored;    /* bytes of the type its result is stored into; 0: not stored */
    unsigned char accum;     /* an unsigned hash or checksum update: wrapping is intended */
    unsigned char reported;
    unsigned char lengths; /* bit i: operand i of + or - is a length (RULE_IO_LENGTH) */
};

/* A local variable that holds a limit of its type on the paths walked so far. */
struct io_const {
    CXCursor decl;   /* canonical */
    unsigned limit;  /* RULE_INTRANGE_UPPER: the largest value; _LOWER: the smallest */
    CXCursor where;  /* the assignment or declaration that stored it */
    CXCursor branch; /* the innermost if statement enclosing where, or a null cursor */
    int branch_index;
    CXCursor origin; /* limit 0: the parameter or global copied here, whose facts apply */
};

struct io_state {
    struct rule_io_span *wide; /* owned: full expressions that widen random numbers */
    CXCursor last_callee;      /* of the last call without arguments, and its full expression */
    struct rule_io_span last_call;
    size_t n_wide;
    size_t cap_wide;
    struct io_site *sites; /* owned */
    size_t n_sites;
    size_t cap_sites;
    struct io_const *consts; /* owned; of the function being walked */
    size_t n_consts;
    size_t cap_consts;
    struct rule_io_links links;        /* limits across the unit's functions */
    CXCursor assigns[IO_ASSIGN_DEPTH]; /* the `=` operators the walk is inside, innermost last */
    size_t n_assigns;                  /* may exceed IO_ASSIGN_DEPTH; only those kept count */
    unsigned ret_limit;                /* the limit every return of this function returns so far */
    CXCursor ret_where;                /* its first such return */
    int ret_mixed;                     /* some return returns something else */
    int ret_other;                     /* some return returns no length (RULE_IO_LENGTH) */
    CXCursor ret_last;                 /* the last return walked, or a null cursor */
    int sorted;
};

static void io_state_fini(void *state)
{
    struct io_state *st = state;

    free(st->wide);
    free(st->sites);
    free(st->consts);
    rule_io_links_fini(&st->links);
}

static void io_key(struct io_site *s, CXCursor c)
{
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile spelled;

    clang_getExpansionLocation(start, &s->file, NULL, NULL, &s->offset);
    clang_getSpellingLocation(start, &spelled, NULL, NULL, &s->spell);
    clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, NULL, NULL,
                               &s->end);
}

static int io_site_cmp(const void *a, const void *b)
{
    const struct io_site *x = a, *y = b;

    if (x->file != y->file)
        return (uintptr_t)x->file < (uintptr_t)y->file ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    if (x->spell != y->spell)
        return x->spell < y->spell ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

static struct io_site *io_site_find(struct io_state *st, CXCursor sink)
{
    struct io_site key;

    if (!st->sorted) {
        if (st->n_sites > 1)
            qsort(st->sites, st->n_sites, sizeof(*st->sites), io_site_cmp);
        st->sorted = 1;
    }
    io_key(&key, sink);
    if (st->n_sites == 0)
        return NULL;
    return bsearch(&key, st->sites, st->n_sites, sizeof(*st->sites), io_site_cmp);
}

/* --- what the tree says around an operator -------------------------------------------- */

static int io_is_arith(enum ecg_op op)
{
    return op == ECG_OP_ADD || op == ECG_OP_SUB || op == ECG_OP_MUL || op == ECG_OP_PREINC ||
           op == ECG_OP_POSTINC || op == ECG_OP_PREDEC || op == ECG_OP_POSTDEC;
}

/* --- constants ------------------------------------------------------------------------- */

static struct io_const *io_const_find(struct io_state *st, CXCursor decl)
{
    if (clang_Cursor_isNull(decl))
        return NULL;
    for (size_t i = 0; i < st->n_consts; i++) {
        /* cursors reached from a reference and from the walk differ; their places do not */
        if (clang_equalLocations(clang_getCursorLocation(st->consts[i].decl),
                                 clang_getCursorLocation(decl)))
            return &st->consts[i];
    }
    return NULL;
}

/* The innermost if statement enclosing the current cursor and the branch it lies in. */
static CXCursor io_branch(const struct rule_ctx *rc, CXCursor at, int *index)
{
    CXCursor child = at;

    for (size_t up = 0; up < IO_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(anc);
        if (clang_Cursor_isNull(anc) || kind == CXCursor_FunctionDecl)
            break;
        if (kind == CXCursor_IfStmt) {
            CXCursor kids[3];
            unsigned n = ecg_cursor_children(kids, 3, anc);
            for (unsigned i = 0; i < n && i < 3; i++) {
                if (clang_equalRanges(clang_getCursorExtent(kids[i]), clang_getCursorExtent(child)))
                    *index = (int)i;
            }
            return anc;
        }
        child = anc;
    }
    return clang_getNullCursor();
}

/* Nonzero when at lies in another branch of the if statement that encloses c's store: the
 * limit stored there still reaches what follows the statement. */
static int io_other_branch(const struct rule_ctx *rc, CXCursor at, const struct io_const *c)
{
    CXCursor child = at;

    if (clang_Cursor_isNull(c->branch))
        return 0;
    for (size_t up = 0; up < IO_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        if (clang_Cursor_isNull(anc) || clang_getCursorKind(anc) == CXCursor_FunctionDecl)
            return 0;
        if (clang_equalRanges(clang_getCursorExtent(anc), clang_getCursorExtent(c->branch))) {
            CXCursor kids[3];
            unsigned n = ecg_cursor_children(kids, 3, anc);
            for (unsigned i = 0; i < n && i < 3; i++) {
                if (clang_equalRanges(clang_getCursorExtent(kids[i]), clang_getCursorExtent(child)))
                    return (int)i != c->branch_index;
            }
            return 0;
        }
        child = anc;
    }
    return 0;
}

/* Nonzero when decl has the integer type type: a limit copied across a conversion is no
 * longer a limit. */
static int io_same_type(CXCursor decl, struct rule_intrange_type type)
{
    struct rule_intrange_type t;

    return rule_intrange_type(&t, clang_getCursorType(decl)) && t.bytes == type.bytes &&
           t.is_signed == type.is_signed;
}

/* The limit value leaves in a variable of type: a limit of the type, or the limit the
 * variable it copies holds. */
static unsigned io_value_limit(struct io_state *st, CXCursor value, struct rule_intrange_type type,
                               const struct io_const *self)
{
    unsigned limit = rule_intrange_limit_of(value, type);
    const struct io_const *from = io_const_find(st, rule_intrange_var(value));
    CXCursor call = rule_expr_strip(value);
    const struct rule_io_fact *ret;

    if (limit == 0 && from != NULL && from != self && io_same_type(from->decl, type))
        limit = from->limit;
    if (limit != 0 || clang_getCursorKind(call) != CXCursor_CallExpr)
        return limit;
    ret = rule_io_links_find(&st->links, clang_getCursorDefinition(clang_getCursorReferenced(call)),
                             RULE_INTRANGE_BOTH);
    return ret != NULL ? ret->limit : 0;
}

/* Limits worth following into other functions: not an unsigned zero, which is every
 * counter's start and which callees check in ways this rule does not see. */
static unsigned io_shared_limit(unsigned limit, struct rule_intrange_type type)
{
    return limit == RULE_INTRANGE_LOWER && !type.is_signed ? 0 : limit;
}

/* A store of a limit into a parameter's caller-visible copy or a static global: a fact for
 * the operators of other functions waiting on it. */
static void io_note_shared(struct io_state *st, CXCursor at, CXCursor decl, unsigned limit,
                           struct rule_intrange_type type)
{
    if (io_shared_limit(limit, type) != 0 && rule_io_links_is_shared(decl))
        rule_io_links_fact(&st->links, decl, limit, at);
}

static int io_is_shared_var(CXCursor var)
{
    return !clang_Cursor_isNull(var) && rule_io_links_is_shared(var);
}

static void io_store(struct rule_ctx *rc, CXCursor at, CXCursor decl, CXCursor value)
{
    struct io_state *st = rule_state(rc);
    struct rule_intrange_type type;
    struct io_const *c = io_const_find(st, decl);
    CXCursor from = rule_intrange_var(value);
    int shared_from;
    unsigned limit;

    if (!rule_intrange_type(&type, clang_getCursorType(decl)))
        return;
    rule_io_links_store_length(&st->links, decl, value);
    limit = io_value_limit(st, value, type, c);
    io_note_shared(st, at, decl, limit, type);
    shared_from = io_is_shared_var(from);
    if (limit == 0 && !shared_from) {
        if (c != NULL && !io_other_branch(rc, at, c))
            *c = st->consts[--st->n_consts];
        return;
    }
    if (c == NULL) {
        if (ecg_grow((void **)&st->consts, &st->cap_consts, st->n_consts + 1, sizeof(*c)) != 0)
            return;
        c = &st->consts[st->n_consts++];
    }
    c->decl = decl;
    c->limit = limit;
    c->where = at;
    c->origin = limit == 0 ? from : clang_getNullCursor();
    c->branch_index = -1;
    c->branch = io_branch(rc, at, &c->branch_index);
}

static void io_forget(struct io_state *st, CXCursor decl)
{
    struct io_const *c = io_const_find(st, decl);

    if (c != NULL)
        *c = st->consts[--st->n_consts];
}

/* --- the walk --------------------------------------------------------------------------- */

/* "an" before "addition" and "increment", "a" before the other operator nouns. */
static const char *io_article(const char *noun)
{
    return noun[0] == 'a' || noun[0] == 'i' ? "an" : "a";
}

static void io_report_const(struct rule_ctx *rc, CXCursor at, enum ecg_op op,
                            const struct io_const *c, CXCursor operand)
{
    char name[IO_NAME_MAX];
    unsigned line;
    struct ecg_finding *f;
    int up = c->limit == RULE_INTRANGE_UPPER;

    rule_cursor_name(c->decl, name, sizeof(name));
    clang_getExpansionLocation(clang_getCursorLocation(c->where), NULL, &line, NULL, NULL);
    f = rule_report(rc, at,
                    "this %s %s: '%s' holds the %s value of its type here (set on line %u); "
                    "check it against the limit before the arithmetic",
                    rule_io_flows_op_noun(op), up ? "overflows" : "wraps below the minimum", name,
                    up ? "largest" : "smallest", line);
    rule_add_step(rc, f, clang_getCursorExtent(c->where), "'%s' gets the %s value of its type",
                  name, up ? "largest" : "smallest");
    rule_add_step(rc, f, clang_getCursorExtent(operand), "used in %s %s that %s",
                  io_article(rule_io_flows_op_noun(op)), rule_io_flows_op_noun(op),
                  up ? "overflows" : "wraps");
}

/* Nonzero when an unsigned zero moved down by op is a wrap worth reporting: a decrement or
 * the subtraction of a positive constant. `0u - x` is how code negates on purpose. */
static int io_zero_wraps(const struct io_const *c, enum ecg_op op, const CXCursor ops[2],
                         const struct rule_intrange_type *node)
{
    CXEvalResult r;
    int wraps;

    if (c->limit != RULE_INTRANGE_LOWER || node->is_signed || op == ECG_OP_PREDEC ||
        op == ECG_OP_POSTDEC)
        return 1;
    if (op != ECG_OP_SUB || clang_Cursor_isNull(ops[1]))
        return 0;
    r = clang_Cursor_Evaluate(ops[1]);
    wraps = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int;
    if (r != NULL)
        clang_EvalResult_dispose(r);
    return wraps;
}

/* Nonzero when c's limit, in operand i of op, leaves the type with no check on the way. */
static int io_const_overflows(const struct io_const *c, enum ecg_op op, const CXCursor ops[2],
                              unsigned i, const struct io_site *site,
                              const struct rule_intrange_type *node)
{
    unsigned need = rule_io_context_needed(op, i, node->is_signed);
    struct rule_intrange_type t;

    if ((need & c->limit) == 0 || (site->guards[i] & c->limit) != 0 || site->accum)
        return 0;
    if (rule_io_context_harmless_other(ops[1 - i], op) ||
        rule_io_context_promoted_safe(ops[i], node, site->stored))
        return 0;
    /* (u64)v: the limit of v's type is not one of the operator's */
    if (!clang_Cursor_isNull(c->decl) && rule_intrange_type(&t, clang_getCursorType(c->decl)) &&
        t.is_signed != node->is_signed)
        return 0;
    return io_zero_wraps(c, op, ops, node);
}

/* An operand naming a parameter or a global (or a local copy of one): the operator waits
 * for a limit some other function passes or stores there. */
static void io_wait_shared(struct io_state *st, CXCursor at, enum ecg_op op, const CXCursor ops[2],
                           unsigned i, const struct io_site *site)
{
    const struct io_const *c = io_const_find(st, rule_intrange_var(ops[i]));
    struct io_const probe = { .limit = 0 };
    struct rule_io_wait w = { rule_intrange_var(ops[i]), 0, at, ops[i], (int)op };
    struct rule_intrange_type node_type;
    const struct rule_intrange_type *node = &node_type;

    if (!rule_intrange_type(&node_type, clang_getCursorType(at)))
        return;
    if (c != NULL)
        w.decl = c->limit == 0 ? c->origin : clang_getNullCursor();
    if (clang_Cursor_isNull(w.decl) || !rule_io_links_is_shared(w.decl))
        return;
    for (unsigned limit = RULE_INTRANGE_UPPER; limit <= RULE_INTRANGE_LOWER; limit <<= 1) {
        probe.limit = limit;
        if (io_const_overflows(&probe, op, ops, i, site, node))
            w.limits |= limit;
    }
    if (w.limits != 0)
        rule_io_links_wait(&st->links, &w);
}

static int io_check_const(struct rule_ctx *rc, CXCursor at, enum ecg_op op, const CXCursor ops[2],
                          const struct io_site *site, const struct rule_intrange_type *node)
{
    struct io_state *st = rule_state(rc);

    for (unsigned i = 0; i < 2 && !clang_Cursor_isNull(ops[i]); i++) {
        const struct io_const *c = io_const_find(st, rule_intrange_var(ops[i]));
        if (c != NULL && io_const_overflows(c, op, ops, i, site, node) &&
            !rule_io_context_loop_changes(rc, at, c->decl, c->where)) {
            io_report_const(rc, at, op, c, ops[i]);
            return 1;
        }
        io_wait_shared(st, at, op, ops, i, site);
    }
    return 0;
}

/* The innermost `=` the walk is inside, or a null cursor. */
static CXCursor io_open_assign(const struct io_state *st)
{
    if (st->n_assigns == 0 || st->n_assigns > IO_ASSIGN_DEPTH)
        return clang_getNullCursor();
    return st->assigns[st->n_assigns - 1];
}

/* What the tree says around the operator at. */
static void io_describe(struct io_site *site, const struct rule_ctx *rc, CXCursor at,
                        const CXCursor ops[2], const struct rule_intrange_type *node,
                        CXCursor assign)
{
    struct rule_intrange_type stored;
    CXType to;

    memset(site, 0, sizeof(*site));
    io_key(site, at);
    for (size_t i = 0; i < 2 && !clang_Cursor_isNull(ops[i]); i++) {
        CXCursor var = rule_intrange_var(ops[i]);
        if (!clang_Cursor_isNull(var))
            site->guards[i] = (unsigned char)rule_intrange_guards(rc, at, var);
    }
    if (rule_intrange_stored_type(&to, rc, assign) && rule_intrange_type(&stored, to))
        site->stored = (unsigned char)stored.bytes;
    if (!node->is_signed && !clang_Cursor_isNull(ops[1]))
        site->accum = (unsigned char)rule_io_context_accumulator(rc, at);
}

/* A countdown that stops at zero (`while (n--)`), or lengths of objects in memory added. */
static int io_cannot_overflow(struct rule_ctx *rc, CXCursor at, enum ecg_op op,
                              const CXCursor ops[2])
{
    const struct io_state *st = rule_state(rc);

    if (op == ECG_OP_POSTDEC || op == ECG_OP_PREDEC)
        return rule_io_context_counts_down(rc, at);
    return (op == ECG_OP_ADD || op == ECG_OP_PREINC || op == ECG_OP_POSTINC) &&
           rule_io_links_length_sum(&st->links, ops);
}

static void io_on_arith(struct rule_ctx *rc, CXCursor at, enum ecg_op op)
{
    struct io_state *st = rule_state(rc);
    struct rule_intrange_type node;
    struct io_site site;
    CXCursor ops[2] = { clang_getNullCursor(), clang_getNullCursor() };

    if (rule_io_context_operands(ops, at) == 0 ||
        !rule_intrange_type(&node, clang_getCursorType(at)))
        return;
    io_describe(&site, rc, at, ops, &node, io_open_assign(st));
    if (io_cannot_overflow(rc, at, op, ops))
        site.accum = 1;
    for (unsigned i = 0; i < 2 && (op == ECG_OP_ADD || op == ECG_OP_SUB); i++)
        site.lengths |= (unsigned char)(rule_io_links_is_length(&st->links, ops[i]) << i);
    site.reported = (unsigned char)io_check_const(rc, at, op, ops, &site, &node);
    if (ecg_grow((void **)&st->sites, &st->cap_sites, st->n_sites + 1, sizeof(site)) != 0)
        return;
    st->sites[st->n_sites++] = site;
    st->sorted = 0;
}

/* A full expression that shifts left, or that combines the results of several calls of one
 * function without arguments (`(rand() << 15) ^ rand()`, also inside macros, whose
 * operators libclang 14 does not name): random numbers there exceed the generator's range. */
static void io_note_wide(struct rule_ctx *rc, CXCursor at)
{
    struct io_state *st = rule_state(rc);
    struct rule_io_span span = rule_io_context_full_span(rc, at);

    if (st->n_wide > 0 && rule_io_context_same_span(&st->wide[st->n_wide - 1], &span))
        return;
    if (ecg_grow((void **)&st->wide, &st->cap_wide, st->n_wide + 1, sizeof(span)) != 0)
        return;
    st->wide[st->n_wide++] = span;
}

static void io_note_call(struct rule_ctx *rc, CXCursor call)
{
    struct io_state *st = rule_state(rc);
    CXCursor callee = clang_getCursorReferenced(call);
    struct rule_io_span span = rule_io_context_full_span(rc, call);

    if (clang_equalCursors(callee, st->last_callee) &&
        rule_io_context_same_span(&span, &st->last_call))
        io_note_wide(rc, call);
    st->last_callee = callee;
    st->last_call = span;
}

/* Limits passed as arguments to functions the unit defines. */
static void io_on_call(struct rule_ctx *rc, CXCursor call)
{
    struct io_state *st = rule_state(rc);
    CXCursor def = clang_getCursorDefinition(clang_getCursorReferenced(call));
    int n = clang_Cursor_getNumArguments(call);

    if (n == 0)
        io_note_call(rc, call);
    if (clang_getCursorKind(def) != CXCursor_FunctionDecl || n > clang_Cursor_getNumArguments(def))
        return;
    for (int i = 0; i < n; i++) {
        CXCursor param = clang_Cursor_getArgument(def, (unsigned)i);
        struct rule_intrange_type type;
        unsigned limit;
        if (!rule_intrange_type(&type, clang_getCursorType(param)))
            continue;
        limit = io_value_limit(st, clang_Cursor_getArgument(call, (unsigned)i), type, NULL);
        if (io_shared_limit(limit, type) != 0)
            rule_io_links_fact(&st->links, param, limit, call);
    }
}

/* Returns of the function being walked: it returns a limit when every return does. */
static void io_on_return(struct rule_ctx *rc, CXCursor ret)
{
    struct io_state *st = rule_state(rc);
    CXCursor value = rule_expr_first_child(ret);
    struct rule_intrange_type type;
    unsigned limit = 0;

    if (clang_Cursor_isNull(value) || !rule_io_links_is_length(&st->links, value))
        st->ret_other = 1;
    st->ret_last = ret;
    if (!clang_Cursor_isNull(value) &&
        rule_intrange_type(&type, clang_getResultType(clang_getCursorType(rule_function(rc)))))
        limit = io_shared_limit(io_value_limit(st, value, type, NULL), type);
    if (limit == 0 || (st->ret_limit != 0 && st->ret_limit != limit)) {
        st->ret_mixed = 1;
        return;
    }
    if (st->ret_limit == 0)
        st->ret_where = ret;
    st->ret_limit = limit;
}

static void io_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    enum ecg_op op;

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    if (kind == CXCursor_CallExpr) {
        io_on_call(rc, cursor);
        return;
    }
    if (kind == CXCursor_ReturnStmt) {
        io_on_return(rc, cursor);
        return;
    }
    op = ecg_opcode_of(cursor);
    if (op == ECG_OP_ASSIGN) {
        struct io_state *st = rule_state(rc);
        if (st->n_assigns < IO_ASSIGN_DEPTH)
            st->assigns[st->n_assigns] = cursor;
        st->n_assigns++;
    } else if (io_is_arith(op))
        io_on_arith(rc, cursor, op);
    else if (op == ECG_OP_SHL)
        io_note_wide(rc, cursor);
    else if (op == ECG_OP_ADDROF)
        /* scanf("%d", &n) and the like may change n */
        io_forget(rule_state(rc), rule_intrange_var(rule_expr_first_child(cursor)));
}

/* Stores take effect once their right side is walked: `n = n + 1` reads the old n. */
static void io_leave_var(struct rule_ctx *rc, CXCursor decl)
{
    CXCursor kids[4];
    unsigned n = ecg_cursor_children(kids, 4, decl);

    n = n < 4 ? n : 4;
    if (n > 0 && clang_isExpression(clang_getCursorKind(kids[n - 1])))
        io_store(rc, decl, clang_getCanonicalCursor(decl), kids[n - 1]);
}

/* Leaving a binary operator: the store of the innermost open `=`, if this is it. Only
 * assignments were pushed, so other operators cost no operator lookup here. */
static void io_leave_binary(struct rule_ctx *rc, CXCursor cursor)
{
    struct io_state *st = rule_state(rc);
    CXCursor kids[2];
    CXCursor var;

    if (st->n_assigns == 0)
        return;
    if (st->n_assigns > IO_ASSIGN_DEPTH) {
        if (ecg_opcode_of(cursor) == ECG_OP_ASSIGN)
            st->n_assigns--;
        return;
    }
    if (!clang_equalCursors(st->assigns[st->n_assigns - 1], cursor))
        return;
    st->n_assigns--;
    if (!rule_opkind_operands(cursor, kids))
        return;
    var = rule_intrange_var(kids[0]);
    if (!clang_Cursor_isNull(var))
        io_store(rc, cursor, var, kids[1]);
}

static void io_on_cursor_leave(struct rule_ctx *rc, CXCursor cursor)
{
    CXCursor kids[2];
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    enum ecg_op op;

    if (clang_Cursor_isNull(rule_function(rc)))
        return;
    if (kind == CXCursor_VarDecl) {
        io_leave_var(rc, cursor);
        return;
    }
    if (kind == CXCursor_BinaryOperator) {
        io_leave_binary(rc, cursor);
        return;
    }
    op = ecg_opcode_of(cursor);
    /* x += k, x++: the limit stored in x is gone (reported already if it overflowed) */
    if (io_is_arith(op) && kind != CXCursor_BinaryOperator &&
        ecg_cursor_children(kids, 1, cursor) >= 1)
        io_forget(rule_state(rc), rule_intrange_var(kids[0]));
}

static void io_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct io_state *st = rule_state(rc);

    (void)fn;
    st->n_consts = 0;
    st->n_assigns = 0;
    st->ret_limit = 0;
    st->ret_mixed = 0;
    st->ret_other = 0;
    st->ret_last = clang_getNullCursor();
}

static void io_on_function_leave(struct rule_ctx *rc, CXCursor fn)
{
    struct io_state *st = rule_state(rc);

    if (st->ret_limit != 0 && !st->ret_mixed)
        rule_io_links_fact(&st->links, fn, st->ret_limit, st->ret_where);
    if (!st->ret_other && !clang_Cursor_isNull(st->ret_last))
        rule_io_links_fact(&st->links, fn, RULE_IO_LENGTH, st->ret_last);
}

/* --- taint flows ------------------------------------------------------------------------ */

/* Nonzero for a flow of this rule's category that the options and the filters keep. */
static int io_flow_wanted(struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    const struct io_state *st = rule_state(rc);

    if (flow->category != ECG_TAINT_ARITH || !io_is_arith(flow->op))
        return 0;
    if (flow->source == ECG_TAINT_FROM_RANDOM &&
        (!rule_option_bool(rc, "random_sources") ||
         !rule_io_flows_random_widened(flow, st->wide, st->n_wide)))
        return 0;
    return rule_location_analyzed(rc, clang_getCursorLocation(flow->sink));
}

/* Reports a flow unless its operator was reported, cannot overflow, or is a long flow
 * through objects whose result sizes nothing. */
/* Nonzero when the site was reported already, or the flow's operand is a length: a length
 * is never the extreme value, so the taint on it does not make the sum or difference wrap. */
static int io_site_skips(const struct io_site *site, const struct ecg_taint_flow *flow)
{
    return site->reported || (flow->arg < 2 && ((site->lengths >> flow->arg) & 1u) != 0);
}

static void io_judge_flow(struct rule_ctx *rc, const struct ecg_taint_flows *flows,
                          const struct ecg_taint_flow *flow)
{
    struct io_site *site = io_site_find(rule_state(rc), flow->sink);
    static const struct io_site unknown; /* an operator the walk did not see: nothing known */
    const struct io_site *known = site != NULL ? site : &unknown;
    const char *feeds;
    unsigned missing;

    if (io_site_skips(known, flow))
        return;
    missing = rule_io_flows_missing(flow, known->guards, known->stored, known->accum);
    if (missing == 0)
        return;
    feeds = rule_io_flows_feeds(flows, flow->sink);
    if (feeds == NULL && !rule_io_flows_runtime_source(flow->source))
        return;
    if (feeds != NULL ? !rule_io_flows_plain(flow, IO_FEED_STEPS)
                      : !rule_io_flows_direct(flow, IO_DIRECT_STEPS))
        return;
    if (site != NULL)
        site->reported = 1;
    rule_io_flows_report(rc, flow, missing, feeds);
}

/* Operators on a parameter or global that another function gives a limit. */
static void io_report_waits(struct rule_ctx *rc)
{
    struct io_state *st = rule_state(rc);

    for (size_t i = 0; i < st->links.n_waits; i++) {
        const struct rule_io_wait *w = &st->links.waits[i];
        const struct rule_io_fact *f = rule_io_links_find(&st->links, w->decl, w->limits);
        struct io_site *site;
        struct io_const c;
        if (f == NULL)
            continue;
        site = io_site_find(st, w->at);
        if (site != NULL && site->reported)
            continue;
        if (site != NULL)
            site->reported = 1;
        memset(&c, 0, sizeof(c));
        c.decl = rule_intrange_var(w->operand);
        c.limit = f->limit;
        c.where = f->where;
        io_report_const(rc, w->at, (enum ecg_op)w->op, &c, w->operand);
    }
}

static void io_on_unit_end(struct rule_ctx *rc)
{
    const struct ecg_taint_flows *flows = rule_taint_flows(rc);

    io_report_waits(rc);

    for (size_t i = 0; flows != NULL && i < flows->len; i++) {
        if (io_flow_wanted(rc, &flows->items[i]))
            io_judge_flow(rc, flows, &flows->items[i]);
    }
}

static const struct rule_option io_options[] = {
    { "random_sources", RULE_OPT_BOOL, "true",
      "treat rand() and random() results as unbounded data", NULL },
};

const struct rule_desc rule_security_integer_overflow = {
    .id = "security-integer-overflow",
    .title = "Integer overflow or wraparound",
    .summary = "Flags integer arithmetic on untrusted or extreme values that can overflow or "
               "wrap below the minimum.",
    .description = "An addition, subtraction, multiplication, increment or decrement whose "
                   "operand comes from untrusted input with no check that bounds it in the "
                   "direction the operator moves it can leave the range of its type (CWE-190, "
                   "CWE-191); when the result sizes an allocation or a copy, the buffer ends "
                   "up too small (CWE-680). Results only printed or kept count for standard "
                   "input, the network and widened random numbers; sizes count for every "
                   "source. So can arithmetic on a variable that holds its type's largest or "
                   "smallest value. Compare the operand with the limit first, or use "
                   "__builtin_add_overflow and its kin.",
    .tags = "security",
    .precision = "medium",
    .security_severity = "7.5",
    .cwe = { 190, 191, 680 },
    .level = ECG_LEVEL_WARNING,
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_ARITH) | ECG_TAINT_MASK(ECG_TAINT_ALLOC) |
                  ECG_TAINT_MASK(ECG_TAINT_SIZE),
    .options = io_options,
    .n_options = sizeof(io_options) / sizeof(io_options[0]),
    .state_size = sizeof(struct io_state),
    .state_fini = io_state_fini,
    .kinds = { CXCursor_VarDecl, CXCursor_BinaryOperator, CXCursor_CompoundAssignOperator,
               CXCursor_UnaryOperator, CXCursor_CallExpr, CXCursor_ReturnStmt },
    .on_cursor = io_on_cursor,
    .on_cursor_leave = io_on_cursor_leave,
    .on_function_enter = io_on_function_enter,
    .on_function_leave = io_on_function_leave,
    .on_unit_end = io_on_unit_end,
};
