/* lockfree-aba: a compare-exchange on a pointer whose expected value was loaded from the same
 * object and whose desired value is read through that expected pointer (the Treiber-stack
 * pop), when nothing in the function shows a tag (a non-pointer compare-exchange, a tag
 * field beside the pointer) or a hazard-pointer, epoch, RCU or lock call. Known gaps: values
 * carried through helpers or struct copies are not followed; a scheme used by the caller is
 * invisible (name it in the option); single-consumer stacks are reported. */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_names.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_defer.h"
#include "rules/support/atomics_kids.h"
#include "rules/support/atomics_opcode.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/names.h"
#include "rules/support/opkind.h"

#define ABA_MAX_VARS 32   /* local variables tracked per function */
#define ABA_MAX_CANDS 8   /* compare-exchanges awaiting the end of the function */
#define ABA_MAX_DOWN 32   /* parentheses and casts looked through */
#define ABA_MAX_FIELDS 64 /* members of a struct searched for a tag */

/* What a local variable was last assigned. */
struct aba_var {
    CXCursor var;
    CXCursor key;    /* loaded from this object (variable or field); null for a read */
    CXCursor base;   /* read through this pointer variable; null for a load */
    CXCursor origin; /* the load or the read */
};

struct aba_cand {
    CXCursor cas;
    CXCursor object;   /* the object compared */
    CXCursor expected; /* the expected pointer variable */
    CXCursor load;     /* where it was loaded */
    CXCursor read;     /* the read through it that gave the desired value */
};

struct aba_state {
    struct aba_var vars[ABA_MAX_VARS];
    unsigned n_vars;
    struct aba_cand cands[ABA_MAX_CANDS];
    unsigned n_cands;
    int protected; /* a call that names a reclamation scheme or a lock */
    struct rule_atomics_last last_op;
    /* calls not yet examined: they matter only when a candidate is left at the end */
    struct rule_atomics_defer calls;
    /* declarations and assignments not yet examined, in walk order: they matter only when a
     * compare-exchange comes, and most functions have none */
    struct rule_atomics_defer assigns;
    struct rule_atomics_kids *kids; /* borrowed: the unit's memo of children; NULL: none */
};

static void aba_state_fini(void *state)
{
    struct aba_state *st = state;

    rule_atomics_defer_fini(&st->calls);
    rule_atomics_defer_fini(&st->assigns);
}

/* What a cast converts: its last child (a 'typeof' in its type comes first). */
static CXCursor cast_operand(struct rule_atomics_kids *k, CXCursor cast)
{
    CXCursor kids[2];
    unsigned n = rule_atomics_kids_get(kids, 2, k, cast);

    return n == 0 ? clang_getNullCursor() : kids[n < 2 ? 0 : 1];
}

/* Looks through parentheses, implicit conversions and casts. */
static CXCursor bare(struct rule_atomics_kids *k, CXCursor e)
{
    for (unsigned i = 0; i < ABA_MAX_DOWN && !rule_atomics_null(e); i++) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr) {
            e = rule_atomics_kids_nth(k, e, 0);
            continue;
        }
        if (kind != CXCursor_CStyleCastExpr)
            return e;
        e = cast_operand(k, e);
    }
    return e;
}

static int is_pointer(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Pointer;
}

/* The local variable a DeclRefExpr (after bare) names, or a null cursor. */
static CXCursor local_var(struct rule_atomics_kids *k, CXCursor e)
{
    CXCursor d;

    e = bare(k, e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    d = clang_getCursorReferenced(e);
    if (clang_getCursorKind(d) != CXCursor_VarDecl && clang_getCursorKind(d) != CXCursor_ParmDecl)
        return clang_getNullCursor();
    return d;
}

/* The pointer variable e reads through: 'v' of v->next, (*v).next, *v or v[i]. */
static CXCursor read_through(struct rule_atomics_kids *k, CXTranslationUnit tu, CXCursor e)
{
    enum CXCursorKind kind;
    CXCursor base;

    e = bare(k, e);
    kind = clang_getCursorKind(e);
    if (kind == CXCursor_UnaryOperator && rule_opkind_unary(tu, e) == RULE_OPKIND_DEREF)
        return local_var(k, rule_atomics_kids_nth(k, e, 0));
    if (kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr)
        return clang_getNullCursor();
    base = rule_atomics_kids_nth(k, e, 0);
    if (is_pointer(clang_getCursorType(base)))
        return local_var(k, base);
    return read_through(k, tu, base);
}

/* The object an atomic operation acts on, as a declaration: the variable or field named,
 * or the pointer variable passed (atomic_load(p)). */
static CXCursor object_key(struct rule_atomics_kids *k, const struct rule_atomics_op *op)
{
    CXCursor decl = rule_atomics_object_decl(op);

    if (!rule_atomics_null(decl) || !op->object_is_ptr)
        return decl;
    return local_var(k, op->object);
}

static struct aba_var *find_var(struct aba_state *st, CXCursor var)
{
    for (unsigned i = 0; i < st->n_vars; i++) {
        if (clang_equalCursors(st->vars[i].var, var))
            return &st->vars[i];
    }
    return NULL;
}

/* The atomic operation e is, looking through parentheses, conversions and casts one level
 * at a time: the walk has read each level before, and the outermost that spans a wrapper
 * macro's expansion owns it. */
static int atomic_under(struct rule_atomics_op *out, struct rule_ctx *rc,
                        struct rule_atomics_kids *k, CXCursor e)
{
    for (unsigned i = 0; i < ABA_MAX_DOWN && !rule_atomics_null(e); i++) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (rule_atomics_read(out, rc, e))
            return 1;
        if (kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr &&
            kind != CXCursor_CStyleCastExpr)
            return 0;
        e = kind == CXCursor_CStyleCastExpr ? cast_operand(k, e) : rule_atomics_kids_nth(k, e, 0);
    }
    return 0;
}

/* What rhs gives: a load of an object (key) or a read through a pointer (base). */
static void classify(struct aba_var *v, struct rule_ctx *rc, struct rule_atomics_kids *k,
                     CXCursor rhs)
{
    struct rule_atomics_op op;

    if (!atomic_under(&op, rc, k, rhs) || op.kind != RULE_ATOMICS_LOAD) {
        v->base = read_through(k, rule_unit(rc), v->origin);
        return;
    }
    v->origin = op.expr;
    v->key = object_key(k, &op);
    if (rule_atomics_null(v->key))
        v->base = read_through(k, rule_unit(rc), op.object);
}

/* Records what 'var = rhs' assigns: a load of an object, a read through a pointer, or
 * anything else (forgets var). */
static void on_assign(struct rule_ctx *rc, struct aba_state *st, CXCursor var, CXCursor rhs)
{
    struct rule_atomics_kids *k = st->kids;
    struct aba_var v = { var, clang_getNullCursor(), clang_getNullCursor(), bare(k, rhs) };
    struct aba_var *slot = find_var(st, var);

    classify(&v, rc, k, rhs);
    if (rule_atomics_null(v.key) && rule_atomics_null(v.base)) {
        if (slot != NULL)
            *slot = st->vars[--st->n_vars];
        return;
    }
    if (slot == NULL && st->n_vars == ABA_MAX_VARS)
        return;
    if (slot == NULL)
        slot = &st->vars[st->n_vars++];
    *slot = v;
}

/* The initializer of a variable declaration: its last expression child. */
static CXCursor initializer(struct rule_atomics_kids *k, CXCursor decl)
{
    CXCursor kids[4];
    unsigned n = rule_atomics_kids_get(kids, 4, k, decl);

    if (n == 0 || n > 4 || !clang_isExpression(clang_getCursorKind(kids[n - 1])))
        return clang_getNullCursor();
    return kids[n - 1];
}

static void on_declaration_or_assignment(struct rule_ctx *rc, struct aba_state *st, CXCursor c)
{
    struct rule_atomics_kids *k = st->kids;
    CXCursor kids[2];
    CXCursor var;

    if (clang_getCursorKind(c) == CXCursor_VarDecl) {
        CXCursor init = initializer(k, c);
        if (!rule_atomics_null(init) && is_pointer(clang_getCursorType(c)))
            on_assign(rc, st, c, init);
        return;
    }
    /* the operands first: most operators have no local variable on the left, and reading
     * the operator costs more */
    if (rule_atomics_kids_get(kids, 2, k, c) != 2)
        return;
    var = local_var(k, kids[0]);
    if (!rule_atomics_null(var) && rule_atomics_is_assign(rc, c))
        on_assign(rc, st, var, kids[1]);
}

/* The variable whose value (or address) an argument passes: 'old' of &old or old. */
static CXCursor passed_var(struct rule_atomics_kids *k, CXTranslationUnit tu, CXCursor arg)
{
    CXCursor e = bare(k, arg);

    if (clang_getCursorKind(e) == CXCursor_UnaryOperator &&
        rule_opkind_unary(tu, e) == RULE_OPKIND_ADDR)
        e = rule_atomics_kids_nth(k, e, 0);
    return local_var(k, e);
}

static const char *const aba_tag_words[] = {
    "tag", "aba", "gen", "generation", "version", "stamp"
};

static int says_tag(const struct rule_names_words *w)
{
    for (size_t i = 0; i < w->n; i++) {
        for (size_t k = 0; k < sizeof(aba_tag_words) / sizeof(aba_tag_words[0]); k++) {
            if (strcmp(rule_names_word(w, i), aba_tag_words[k]) == 0)
                return 1;
        }
    }
    return 0;
}

/* A field of a struct that says it is a tag, version or generation beside the pointer. */
static enum CXChildVisitResult find_tag(CXCursor c, CXCursor parent, CXClientData data)
{
    struct rule_names_words w;
    char name[128];
    unsigned *left = data;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_FieldDecl)
        return CXChildVisit_Continue;
    if (--*left == 0)
        return CXChildVisit_Break;
    if (is_pointer(clang_getCursorType(c)))
        return CXChildVisit_Continue;
    rule_names_split(&w, rule_cursor_name(c, name, sizeof(name)));
    if (!says_tag(&w))
        return CXChildVisit_Continue;
    *left = 0;
    return CXChildVisit_Break;
}

/* Nonzero when the compared field sits in a struct with a tag, version or generation. */
static int in_tagged_struct(CXCursor key)
{
    unsigned left = ABA_MAX_FIELDS + 1;

    if (clang_getCursorKind(key) != CXCursor_FieldDecl)
        return 0;
    clang_visitChildren(clang_getCursorSemanticParent(key), find_tag, &left);
    return left == 0;
}

/* The read through the expected pointer that gave the desired value, or a null cursor. */
static CXCursor desired_read(struct rule_ctx *rc, struct aba_state *st,
                             const struct rule_atomics_op *op, CXCursor expected)
{
    struct rule_atomics_kids *k = st->kids;
    CXCursor d = bare(k, op->value);
    CXCursor var;
    struct aba_var *v;

    if (op->family == RULE_ATOMICS_GNU && strcmp(op->name, "__atomic_compare_exchange") == 0)
        d = bare(k, rule_atomics_kids_nth(k, d, 0)); /* the generic form passes &desired */
    if (rule_atomics_null(d) || !is_pointer(clang_getCursorType(d)))
        return clang_getNullCursor();
    if (clang_equalCursors(read_through(k, rule_unit(rc), d), expected))
        return d;
    var = local_var(k, d);
    v = rule_atomics_null(var) ? NULL : find_var(st, var);
    if (v == NULL || !clang_equalCursors(v->base, expected))
        return clang_getNullCursor();
    return v->origin;
}

/* The load of the object that gave the expected variable, or NULL. */
static const struct aba_var *expected_load(struct rule_ctx *rc, struct aba_state *st,
                                           const struct rule_atomics_op *op, CXCursor *expected)
{
    struct rule_atomics_kids *k = st->kids;
    CXCursor key = object_key(k, op);
    const struct aba_var *loaded;

    *expected = passed_var(k, rule_unit(rc), op->expected);
    if (rule_atomics_null(key) || rule_atomics_null(*expected))
        return NULL;
    loaded = find_var(st, *expected);
    if (loaded == NULL || !clang_equalCursors(loaded->key, key))
        return NULL;
    return loaded;
}

static void on_cas(struct rule_ctx *rc, struct aba_state *st, const struct rule_atomics_op *op)
{
    struct rule_atomics_kids *k = st->kids;
    CXCursor expected;
    CXCursor read;
    const struct aba_var *loaded;
    struct aba_cand *c;

    if (rule_atomics_null(op->value) || !is_pointer(clang_getCursorType(bare(k, op->value)))) {
        st->protected = 1; /* a double-width or integer compare-exchange: tagged */
        return;
    }
    loaded = expected_load(rc, st, op, &expected);
    if (loaded == NULL)
        return;
    read = desired_read(rc, st, op, expected);
    if (rule_atomics_null(read) || in_tagged_struct(object_key(k, op)) ||
        st->n_cands == ABA_MAX_CANDS)
        return;
    c = &st->cands[st->n_cands++];
    c->cas = op->expr;
    c->object = op->object;
    c->expected = expected;
    c->load = loaded->origin;
    c->read = read;
}

/* A call whose name says it protects or serializes: hazard pointers, epochs, RCU, locks. */
static void on_call(struct rule_ctx *rc, struct aba_state *st, CXCursor call)
{
    struct rule_names_words w;
    char name[128];

    rule_atomics_callee_name(rc, call, name, sizeof(name));
    if (name[0] == '\0')
        return;
    rule_names_split(&w, name);
    if (rule_names_any_from(rc, "protection_words", &w, 0))
        st->protected = 1;
}

/* Examines the declarations and assignments set aside, in the order the walk met them. */
static void examine_assigns(struct rule_ctx *rc, struct aba_state *st)
{
    for (size_t i = 0; i < st->assigns.len; i++)
        on_declaration_or_assignment(rc, st, st->assigns.items[i]);
    st->assigns.len = 0;
}

static void on_atomic_or_call(struct rule_ctx *rc, struct aba_state *st, CXCursor cursor)
{
    struct rule_atomics_op op;

    if (!rule_atomics_read(&op, rc, cursor)) {
        if (clang_getCursorKind(cursor) == CXCursor_CallExpr &&
            rule_atomics_defer_push(&st->calls, cursor) != 0)
            on_call(rc, st, cursor);
        return;
    }
    if (rule_atomics_last_repeats_at(&st->last_op, op.expr, op.range))
        return;
    if (op.kind != RULE_ATOMICS_CAS_STRONG && op.kind != RULE_ATOMICS_CAS_WEAK)
        return;
    examine_assigns(rc, st);
    on_cas(rc, st, &op);
}

static void aba_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct aba_state *st = rule_state(rc);
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    if (clang_getCursorKind(rule_function(rc)) == CXCursor_InvalidFile) /* null: file scope */
        return;
    if ((kind == CXCursor_VarDecl || kind == CXCursor_BinaryOperator) &&
        rule_atomics_defer_push(&st->assigns, cursor) != 0) {
        examine_assigns(rc, st); /* memory ran out: examine it now, after the others */
        on_declaration_or_assignment(rc, st, cursor);
    }
    if (kind != CXCursor_VarDecl)
        on_atomic_or_call(rc, st, cursor);
}

static void report(struct rule_ctx *rc, const struct aba_cand *c)
{
    struct rule_atomics_op op;
    char obj[128];
    char var[128];
    struct ecg_finding *f;
    CXCursor decl;

    if (!rule_atomics_read(&op, rc, c->cas))
        return;
    decl = rule_atomics_object_decl(&op);
    if (rule_atomics_null(decl))
        snprintf(obj, sizeof(obj), "%s", "the object");
    else
        rule_cursor_name(decl, obj, sizeof(obj));
    rule_cursor_name(c->expected, var, sizeof(var));
    f = rule_report(rc, c->cas,
                    "ABA: this compare-exchange on '%s' installs a value read through '%s', "
                    "which was loaded from '%s'; if that node is removed, freed and reused "
                    "between the load and the exchange, it succeeds with a stale value; pair the "
                    "pointer with a version tag (double-width CAS on {pointer, counter}) or "
                    "protect '%s' with hazard pointers or an epoch/RCU read section",
                    obj, var, obj, var);
    if (f == NULL)
        return;
    rule_add_related(rc, f, clang_getCursorExtent(c->load), "'%s' loaded from '%s'", var, obj);
    rule_add_related(rc, f, clang_getCursorExtent(c->read),
                     "read through '%s': stale if the node was reused", var);
    rule_add_related(rc, f, clang_getCursorExtent(c->object), "the object compared");
}

static void aba_on_function_leave(struct rule_ctx *rc, CXCursor cursor)
{
    struct aba_state *st = rule_state(rc);

    (void)cursor;
    for (size_t i = 0; i < st->calls.len && st->n_cands > 0 && !st->protected; i++)
        on_call(rc, st, st->calls.items[i]);
    for (unsigned i = 0; i < st->n_cands && !st->protected; i++)
        report(rc, &st->cands[i]);
    st->n_cands = 0;
    st->calls.len = 0;
    st->assigns.len = 0;
}

static void aba_on_function_enter(struct rule_ctx *rc, CXCursor cursor)
{
    struct aba_state *st = rule_state(rc);

    (void)cursor;
    st->n_vars = 0;
    st->n_cands = 0;
    st->protected = 0;
    rule_atomics_last_reset(&st->last_op);
    st->calls.len = 0;
    st->assigns.len = 0;
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void aba_on_unit_begin(struct rule_ctx *rc)
{
    struct aba_state *st = rule_state(rc);

    rule_atomics_join(rc);
    st->kids = rule_atomics_unit_kids(rc);
}

static const struct rule_option aba_options[] = {
    { "protection_words", RULE_OPT_STRING_LIST,
      "hazard,hp,hazptr,epoch,rcu,urcu,qsbr,smr,reclaim,lock,mutex,spinlock",
      "words that, in the name of a function called in the same function, show a reclamation "
      "scheme or a lock that rules out ABA (a call's name is split into words)",
      NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_aba = {
    .id = "lockfree-aba",
    .title = "Compare-exchange exposed to the ABA problem",
    .summary = "Flags pointer compare-exchanges that install a value read through the expected "
               "pointer with no tag, hazard pointer, epoch or lock in sight.",
    .description = "The Treiber-stack pop loads the top, reads top->next and swaps next in if "
                   "the top is unchanged. If meanwhile the node is popped, freed and reused "
                   "(pushed again), the top compares equal and the swap installs a stale next: "
                   "the ABA problem, which corrupts the structure or reads freed memory. Tag the "
                   "pointer with a version counter changed on every update (double-width "
                   "compare-exchange), or keep removed nodes alive while other threads may hold "
                   "them (hazard pointers, epochs, RCU).",
    .tags = "lockfree,concurrency",
    .precision = "medium",
    .level = ECG_LEVEL_WARNING,
    .cwe = { 362, 416, 0 },
    .options = aba_options,
    .n_options = sizeof(aba_options) / sizeof(aba_options[0]),
    .state_size = sizeof(struct aba_state),
    .kinds = { RULE_ATOMICS_CURSOR_KINDS, CXCursor_VarDecl },
    .on_cursor = aba_on_cursor,
    .on_unit_begin = aba_on_unit_begin,
    .on_function_enter = aba_on_function_enter,
    .on_function_leave = aba_on_function_leave,
    .state_fini = aba_state_fini,
};
