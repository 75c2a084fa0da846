/* Recognizes atomic operations; see atomics.h. Builtins reach libclang as unexposed
 * expressions whose children are, in order, the pointer, the order, the first value, the
 * failure order, the second value and the weak flag (as many as the builtin has). */
#include "rules/support/atomics.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/support/operator.h"
#include "rules/support/macro.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_kids.h"

#define MAX_SUB RULE_ATOMICS_MAX_CHILDREN
#define MAX_MACRO 256 /* tokens of a macro definition searched for a builtin name */

struct at_name {
    const char *name;
    enum rule_atomics_kind kind;
    enum rule_atomics_family family;
    unsigned n_sub; /* children of the atomic expression; 0: the builtin is a call */
    int implicit;   /* the order is not an argument: seq_cst by definition */
};

static const struct at_name at_names[] = {
    { "atomic_init", RULE_ATOMICS_INIT, RULE_ATOMICS_C11, 2, 0 },
    { "atomic_load", RULE_ATOMICS_LOAD, RULE_ATOMICS_C11, 2, 1 },
    { "atomic_load_explicit", RULE_ATOMICS_LOAD, RULE_ATOMICS_C11, 2, 0 },
    { "atomic_store", RULE_ATOMICS_STORE, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_store_explicit", RULE_ATOMICS_STORE, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_exchange", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_exchange_explicit", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_compare_exchange_strong", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_C11, 5, 1 },
    { "atomic_compare_exchange_strong_explicit", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_C11, 5, 0 },
    { "atomic_compare_exchange_weak", RULE_ATOMICS_CAS_WEAK, RULE_ATOMICS_C11, 5, 1 },
    { "atomic_compare_exchange_weak_explicit", RULE_ATOMICS_CAS_WEAK, RULE_ATOMICS_C11, 5, 0 },
    { "atomic_fetch_add", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_fetch_add_explicit", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_fetch_sub", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_fetch_sub_explicit", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_fetch_or", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_fetch_or_explicit", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_fetch_xor", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_fetch_xor_explicit", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_fetch_and", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_fetch_and_explicit", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_flag_test_and_set", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_flag_test_and_set_explicit", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_flag_clear", RULE_ATOMICS_STORE, RULE_ATOMICS_C11, 3, 1 },
    { "atomic_flag_clear_explicit", RULE_ATOMICS_STORE, RULE_ATOMICS_C11, 3, 0 },
    { "atomic_thread_fence", RULE_ATOMICS_FENCE, RULE_ATOMICS_C11, 0, 0 },
    { "atomic_signal_fence", RULE_ATOMICS_FENCE, RULE_ATOMICS_C11, 0, 0 },
    { "__c11_atomic_init", RULE_ATOMICS_INIT, RULE_ATOMICS_C11, 2, 0 },
    { "__c11_atomic_load", RULE_ATOMICS_LOAD, RULE_ATOMICS_C11, 2, 0 },
    { "__c11_atomic_store", RULE_ATOMICS_STORE, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_exchange", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_compare_exchange_strong", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_C11, 5, 0 },
    { "__c11_atomic_compare_exchange_weak", RULE_ATOMICS_CAS_WEAK, RULE_ATOMICS_C11, 5, 0 },
    { "__c11_atomic_fetch_add", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_sub", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_and", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_or", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_xor", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_nand", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_max", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_fetch_min", RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_C11, 3, 0 },
    { "__c11_atomic_thread_fence", RULE_ATOMICS_FENCE, RULE_ATOMICS_C11, 0, 0 },
    { "__c11_atomic_signal_fence", RULE_ATOMICS_FENCE, RULE_ATOMICS_C11, 0, 0 },
    { "__atomic_load_n", RULE_ATOMICS_LOAD, RULE_ATOMICS_GNU, 2, 0 },
    { "__atomic_load", RULE_ATOMICS_LOAD, RULE_ATOMICS_GNU, 3, 0 },
    { "__atomic_store_n", RULE_ATOMICS_STORE, RULE_ATOMICS_GNU, 3, 0 },
    { "__atomic_store", RULE_ATOMICS_STORE, RULE_ATOMICS_GNU, 3, 0 },
    { "__atomic_exchange_n", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_GNU, 3, 0 },
    { "__atomic_exchange", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_GNU, 4, 0 },
    { "__atomic_compare_exchange_n", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_GNU, 6, 0 },
    { "__atomic_compare_exchange", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_GNU, 6, 0 },
    { "__atomic_test_and_set", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_GNU, 0, 0 },
    { "__atomic_clear", RULE_ATOMICS_STORE, RULE_ATOMICS_GNU, 0, 0 },
    { "__atomic_thread_fence", RULE_ATOMICS_FENCE, RULE_ATOMICS_GNU, 0, 0 },
    { "__atomic_signal_fence", RULE_ATOMICS_FENCE, RULE_ATOMICS_GNU, 0, 0 },
    { "__sync_bool_compare_and_swap", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_SYNC, 0, 1 },
    { "__sync_val_compare_and_swap", RULE_ATOMICS_CAS_STRONG, RULE_ATOMICS_SYNC, 0, 1 },
    { "__sync_lock_test_and_set", RULE_ATOMICS_EXCHANGE, RULE_ATOMICS_SYNC, 0, 1 },
    { "__sync_lock_release", RULE_ATOMICS_STORE, RULE_ATOMICS_SYNC, 0, 1 },
    { "__sync_synchronize", RULE_ATOMICS_FENCE, RULE_ATOMICS_SYNC, 0, 1 },
};

/* The read-modify-write operations, as in __atomic_fetch_<op> and __atomic_<op>_fetch. */
static const char *const at_rmw_ops[] = { "add", "sub", "and", "or", "xor", "nand", "max", "min" };

/* Fetch-op names written as prefix + op + suffix: name-table rows built on the fly. */
struct at_rmw_form {
    const char *prefix;
    const char *suffix;
    enum rule_atomics_family family;
    unsigned n_sub;
};

static const struct at_rmw_form at_rmw_forms[] = {
    { "__atomic_fetch_", "", RULE_ATOMICS_GNU, 3 },
    { "__atomic_", "_fetch", RULE_ATOMICS_GNU, 3 },
    { "__sync_fetch_and_", "", RULE_ATOMICS_SYNC, 0 },
    { "__sync_", "_and_fetch", RULE_ATOMICS_SYNC, 0 },
};

/* Names of the fetch-op builtins, kept static so an op's name outlives the lookup. */
static const char *const at_rmw_names[][8] = {
    { "__atomic_fetch_add", "__atomic_fetch_sub", "__atomic_fetch_and", "__atomic_fetch_or",
      "__atomic_fetch_xor", "__atomic_fetch_nand", "__atomic_fetch_max", "__atomic_fetch_min" },
    { "__atomic_add_fetch", "__atomic_sub_fetch", "__atomic_and_fetch", "__atomic_or_fetch",
      "__atomic_xor_fetch", "__atomic_nand_fetch", "__atomic_max_fetch", "__atomic_min_fetch" },
    { "__sync_fetch_and_add", "__sync_fetch_and_sub", "__sync_fetch_and_and", "__sync_fetch_and_or",
      "__sync_fetch_and_xor", "__sync_fetch_and_nand", "__sync_fetch_and_max",
      "__sync_fetch_and_min" },
    { "__sync_add_and_fetch", "__sync_sub_and_fetch", "__sync_and_and_fetch", "__sync_or_and_fetch",
      "__sync_xor_and_fetch", "__sync_nand_and_fetch", "__sync_max_and_fetch",
      "__sync_min_and_fetch" },
};

/* Matches name against prefix + op + suffix of one form; the index of op, or -1. */
static int rmw_op_index(const struct at_rmw_form *form, const char *name)
{
    size_t plen = strlen(form->prefix);
    size_t slen = strlen(form->suffix);
    size_t len = strlen(name);

    if (len <= plen + slen || strncmp(name, form->prefix, plen) != 0 ||
        strcmp(name + len - slen, form->suffix) != 0)
        return -1;
    for (size_t i = 0; i < sizeof(at_rmw_ops) / sizeof(at_rmw_ops[0]); i++) {
        if (strlen(at_rmw_ops[i]) == len - plen - slen &&
            strncmp(name + plen, at_rmw_ops[i], len - plen - slen) == 0)
            return (int)i;
    }
    return -1;
}

static int lookup_rmw(struct at_name *out, const char *name)
{
    for (size_t f = 0; f < sizeof(at_rmw_forms) / sizeof(at_rmw_forms[0]); f++) {
        int op = rmw_op_index(&at_rmw_forms[f], name);
        if (op < 0)
            continue;
        out->name = at_rmw_names[f][op];
        out->kind = RULE_ATOMICS_FETCH_OP;
        out->family = at_rmw_forms[f].family;
        out->n_sub = at_rmw_forms[f].n_sub;
        out->implicit = at_rmw_forms[f].family == RULE_ATOMICS_SYNC;
        return 1;
    }
    return 0;
}

/* Drops the operand-size suffix clang gives __sync builtins ("__sync_fetch_and_add_4"). */
static void strip_size_suffix(char *base)
{
    size_t len = strlen(base);
    size_t end = len;

    while (end > 0 && base[end - 1] >= '0' && base[end - 1] <= '9')
        end--;
    if (end > 0 && end < len && base[end - 1] == '_')
        base[end - 1] = '\0';
}

/* Looks a builtin or <stdatomic.h> name up. */
static int lookup_name(struct at_name *out, const char *name)
{
    char base[64];
    size_t len = strlen(name);

    if (len >= sizeof(base) || (strncmp(name, "atomic_", 7) != 0 && strncmp(name, "__", 2) != 0))
        return 0;
    memcpy(base, name, len + 1);
    if (strncmp(base, "__sync_", 7) == 0)
        strip_size_suffix(base);
    for (size_t i = 0; i < sizeof(at_names) / sizeof(at_names[0]); i++) {
        if (strcmp(at_names[i].name, base) == 0) {
            *out = at_names[i];
            return 1;
        }
    }
    return lookup_rmw(out, base);
}

int rule_atomics_type_is_atomic(CXType type)
{
    return clang_getCanonicalType(type).kind == CXType_Atomic;
}

static int cursor_is_atomic(CXCursor c)
{
    return rule_atomics_type_is_atomic(clang_getCursorType(c));
}

/* The first children of c, from the unit's memo k when there is one (NULL: a visit). */
static void children_of(struct rule_atomics_children *out, struct rule_atomics_kids *k, CXCursor c)
{
    out->n = rule_atomics_kids_first(out->c, k, c);
}

_Static_assert(RULE_ATOMICS_KIDS_KEPT == RULE_ATOMICS_MAX_CHILDREN,
               "the memo keeps as many children as rule_atomics_children holds");

void rule_atomics_children_of(struct rule_atomics_children *out, CXCursor expr)
{
    children_of(out, NULL, expr);
}

void rule_atomics_children_memo(struct rule_atomics_children *out, struct rule_atomics_kids *kids,
                                CXCursor expr)
{
    children_of(out, kids, expr);
}

/* '(void)sizeof(*p = v), p': a comma expression, whose value is its right operand. */
static int is_comma(struct rule_atomics_kids *k, CXCursor e, enum CXCursorKind kind)
{
    struct rule_atomics_children ch;

    if (kind != CXCursor_BinaryOperator)
        return 0;
    if (ecg_opcode_of(e) == ECG_OP_COMMA)
        return 1;
    /* inside a macro the operator token may not be found: only a comma takes a void operand */
    children_of(&ch, k, e);
    return ch.n == 2 && clang_getCanonicalType(clang_getCursorType(ch.c[0])).kind == CXType_Void;
}

/* Steps into what e wraps (its operand, a cast's operand, a comma's right side): 1 and *out,
 * or 0 when e wraps nothing. */
static int strip_once(CXCursor *out, struct rule_atomics_kids *k, CXCursor e)
{
    struct rule_atomics_children ch;
    enum CXCursorKind kind = clang_getCursorKind(e);
    int several = kind == CXCursor_CStyleCastExpr || is_comma(k, e, kind);

    if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr && !several)
        return 0;
    children_of(&ch, k, e);
    if (ch.n == 0 || ch.n > MAX_SUB || (!several && ch.n != 1))
        return 0;
    *out = ch.c[ch.n - 1];
    return 1;
}

CXCursor rule_atomics_strip_memo(struct rule_atomics_kids *kids, CXCursor e)
{
    for (int i = 0; i < 32 && strip_once(&e, kids, e); i++)
        continue;
    return e;
}

CXCursor rule_atomics_strip(CXCursor e)
{
    return rule_atomics_strip_memo(NULL, e);
}

static CXCursor strip(struct rule_atomics_kids *k, CXCursor e)
{
    return rule_atomics_strip_memo(k, e);
}

/* '&x': a unary operator whose type points to its operand's type. */
static int is_address_of(struct rule_atomics_kids *k, CXCursor e, CXCursor *operand)
{
    struct rule_atomics_children ch;
    CXType t = clang_getCursorType(e);

    if (clang_getCursorKind(e) != CXCursor_UnaryOperator || t.kind != CXType_Pointer)
        return 0;
    children_of(&ch, k, e);
    if (ch.n != 1 || !clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(t)),
                                       clang_getCanonicalType(clang_getCursorType(ch.c[0]))))
        return 0;
    *operand = ch.c[0];
    return 1;
}

/* clang's atomic_flag is a struct around '_Value': the flag is the object. */
static CXCursor flag_base(struct rule_atomics_kids *k, CXCursor member)
{
    struct rule_atomics_children ch;
    CXString s;
    int is_value;

    if (clang_getCursorKind(member) != CXCursor_MemberRefExpr)
        return clang_getNullCursor();
    s = clang_getCursorSpelling(member);
    is_value = strcmp(clang_getCString(s), "_Value") == 0;
    clang_disposeString(s);
    children_of(&ch, k, member);
    if (!is_value || ch.n != 1)
        return clang_getNullCursor();
    return strip(k, ch.c[0]);
}

/* Sets op's object from the pointer argument ptr. */
static void set_object(struct rule_atomics_op *op, struct rule_atomics_kids *k, CXCursor ptr)
{
    CXCursor e = strip(k, ptr);
    CXCursor operand;
    CXCursor base;

    op->object = e;
    op->object_is_ptr = 1;
    if (!is_address_of(k, e, &operand))
        return;
    op->object = strip(k, operand);
    op->object_is_ptr = 0;
    base = flag_base(k, op->object);
    if (rule_atomics_null(base))
        return;
    op->object = base;
    op->object_is_ptr = 1;
    if (is_address_of(k, base, &operand)) {
        op->object = strip(k, operand);
        op->object_is_ptr = 0;
    }
}

/* '*p': a dereference whose operand is a pointer to its type. */
static int is_deref(struct rule_atomics_kids *k, CXCursor e, CXCursor *operand)
{
    struct rule_atomics_children ch;
    CXType t;

    if (clang_getCursorKind(e) != CXCursor_UnaryOperator)
        return 0;
    children_of(&ch, k, e);
    if (ch.n != 1)
        return 0;
    t = clang_getCursorType(ch.c[0]);
    if (t.kind != CXType_Pointer ||
        !clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(t)),
                          clang_getCanonicalType(clang_getCursorType(e))))
        return 0;
    *operand = ch.c[0];
    return 1;
}

void rule_atomics_set_object(struct rule_atomics_op *op, CXCursor arg, int pointer)
{
    rule_atomics_set_object_memo(op, NULL, arg, pointer);
}

void rule_atomics_set_object_memo(struct rule_atomics_op *op, struct rule_atomics_kids *kids,
                                  CXCursor arg, int pointer)
{
    CXCursor e = strip(kids, arg);
    CXCursor operand;

    if (pointer) {
        set_object(op, kids, arg);
        return;
    }
    op->object = e;
    op->object_is_ptr = 0;
    if (is_deref(kids, e, &operand)) {
        op->object = strip(kids, operand);
        op->object_is_ptr = 1;
    }
}

static enum rule_atomics_order order_of_value(long long v)
{
    if (v < RULE_ATOMICS_RELAXED || v > RULE_ATOMICS_SEQ_CST)
        return RULE_ATOMICS_ORDER_INVALID;
    return (enum rule_atomics_order)v;
}

/* Reads an order argument: its constant value, when it has one. */
static void set_order(struct rule_atomics_order_arg *out, const struct rule_atomics_op *op,
                      CXCursor expr, int implicit)
{
    CXEvalResult ev = clang_Cursor_Evaluate(expr);

    out->expr = expr;
    out->implicit = implicit;
    out->range = implicit ? op->range : clang_getCursorExtent(expr);
    out->order = RULE_ATOMICS_ORDER_UNKNOWN;
    out->value = 0;
    if (ev != NULL && clang_EvalResult_getKind(ev) == CXEval_Int) {
        out->value = clang_EvalResult_getAsLongLong(ev);
        if (op->family == RULE_ATOMICS_GNU)
            out->value &= 0xffff; /* __ATOMIC_HLE_ACQUIRE and _RELEASE are hint bits */
        out->order = order_of_value(out->value);
    }
    if (ev != NULL)
        clang_EvalResult_dispose(ev);
}

void rule_atomics_read_order(struct rule_atomics_order_arg *out, const struct rule_atomics_op *op,
                             CXCursor expr)
{
    set_order(out, op, expr, 0);
}

/* An order that no argument carries: seq_cst, or what a __sync builtin implies. */
static void set_fixed_order(struct rule_atomics_order_arg *out, const struct rule_atomics_op *op,
                            enum rule_atomics_order order)
{
    out->expr = clang_getNullCursor();
    out->implicit = 1;
    out->range = op->range;
    out->order = order;
    out->value = (long long)order;
}

static void op_begin(struct rule_atomics_op *op, const struct at_name *n, CXCursor expr)
{
    memset(op, 0, sizeof(*op));
    op->kind = n->kind;
    op->family = n->family;
    op->name = n->name;
    op->expr = expr;
    op->range = clang_getCursorExtent(expr);
    op->object = clang_getNullCursor();
    op->value = clang_getNullCursor();
    op->expected = clang_getNullCursor();
    set_fixed_order(&op->order, op, RULE_ATOMICS_SEQ_CST);
    set_fixed_order(&op->failure, op, RULE_ATOMICS_SEQ_CST);
}

/* A compare-exchange's weakness: __atomic_compare_exchange* take it as an argument. */
static void set_weakness(struct rule_atomics_op *op, CXCursor weak)
{
    CXEvalResult ev = clang_Cursor_Evaluate(weak);
    int is_weak = 1; /* not constant: it may be weak */

    if (ev != NULL && clang_EvalResult_getKind(ev) == CXEval_Int)
        is_weak = clang_EvalResult_getAsLongLong(ev) != 0;
    if (ev != NULL)
        clang_EvalResult_dispose(ev);
    op->kind = is_weak ? RULE_ATOMICS_CAS_WEAK : RULE_ATOMICS_CAS_STRONG;
}

/* Fills op from the children of an atomic expression: ptr, order, val1, fail, val2, weak. */
static void from_atomic_expr(struct rule_atomics_op *op, struct rule_atomics_kids *k,
                             const struct at_name *n, const struct rule_atomics_children *ch)
{
    set_object(op, k, ch->c[0]);
    if (n->kind == RULE_ATOMICS_INIT) {
        op->value = ch->c[1];
        return;
    }
    set_order(&op->order, op, ch->c[1], n->implicit);
    if (n->kind == RULE_ATOMICS_CAS_STRONG || n->kind == RULE_ATOMICS_CAS_WEAK) {
        op->expected = ch->c[2];
        set_order(&op->failure, op, ch->c[3], n->implicit);
        op->has_failure = 1;
        op->value = ch->c[4];
        if (ch->n == 6)
            set_weakness(op, ch->c[5]);
        return;
    }
    if (n->kind != RULE_ATOMICS_LOAD && ch->n >= 3)
        op->value = ch->c[2];
}

static int name_fits(const struct at_name *n, const struct rule_atomics_children *ch)
{
    return n->n_sub != 0 && n->n_sub == ch->n;
}

/* The first builtin name in the body of the macro expanded at loc that fits the shape. */
static int name_in_macro(struct at_name *out, CXTranslationUnit tu, CXSourceLocation loc,
                         const struct rule_atomics_children *ch)
{
    CXCursor exp = clang_getCursor(tu, loc);
    CXCursor def;
    CXToken *toks = NULL;
    unsigned n = 0;
    int found = 0;

    if (clang_getCursorKind(exp) != CXCursor_MacroExpansion)
        return 0;
    def = clang_getCursorReferenced(exp);
    if (clang_getCursorKind(def) != CXCursor_MacroDefinition)
        return 0;
    clang_tokenize(tu, clang_getCursorExtent(def), &toks, &n);
    for (unsigned i = 1; i < n && i < MAX_MACRO && !found; i++) {
        CXString s;
        if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
            continue;
        s = clang_getTokenSpelling(tu, toks[i]);
        found = lookup_name(out, clang_getCString(s)) && name_fits(out, ch);
        clang_disposeString(s);
    }
    if (toks != NULL)
        clang_disposeTokens(tu, toks, n);
    return found;
}

/* The expansion location of expr's start, as a location of the file. */
static CXSourceLocation start_of(CXTranslationUnit tu, CXCursor expr)
{
    CXFile file;
    unsigned offset;
    CXSourceLocation loc = clang_getRangeStart(clang_getCursorExtent(expr));

    clang_getExpansionLocation(loc, &file, NULL, NULL, &offset);
    if (file == NULL)
        return loc;
    return clang_getLocationForOffset(tu, file, offset);
}

static int match_atomic_expr(struct rule_atomics_op *out, CXTranslationUnit tu,
                             struct rule_atomics_kids *k, CXCursor expr,
                             const struct rule_atomics_children *ch)
{
    char word[128];
    struct at_name n;
    CXSourceLocation at = start_of(tu, expr);
    int named;

    if (!rule_macro_name_at(word, sizeof(word), tu, expr))
        return 0;
    named = lookup_name(&n, word) && name_fits(&n, ch);
    if (!named && !name_in_macro(&n, tu, at, ch))
        return 0;
    op_begin(out, &n, expr);
    from_atomic_expr(out, k, &n, ch);
    return 1;
}

/* Expressions that can name an object: x, s.f, p->f, a[i], *p, (x). */
static int is_lvalue_kind(enum CXCursorKind kind)
{
    return kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr ||
           kind == CXCursor_ArraySubscriptExpr || kind == CXCursor_UnaryOperator ||
           kind == CXCursor_ParenExpr;
}

/* A read of an _Atomic lvalue: the atomic-to-plain conversion of its lvalue-to-rvalue one. */
static int match_implicit_load(struct rule_atomics_op *out, struct rule_atomics_kids *k,
                               CXCursor expr, const struct rule_atomics_children *ch)
{
    static const struct at_name load = { "load", RULE_ATOMICS_LOAD, RULE_ATOMICS_IMPLICIT, 0, 1 };
    struct rule_atomics_children inner;

    /* the kind first: most one-child expressions are conversions of a plain lvalue */
    if (clang_getCursorKind(ch->c[0]) != CXCursor_UnexposedExpr || cursor_is_atomic(expr) ||
        !cursor_is_atomic(ch->c[0]))
        return 0;
    children_of(&inner, k, ch->c[0]);
    if (inner.n != 1)
        return 0;
    if (!is_lvalue_kind(clang_getCursorKind(inner.c[0])))
        return 0;
    op_begin(out, &load, expr);
    out->object = strip(k, inner.c[0]);
    return 1;
}

int rule_atomics_match_unexposed_memo(struct rule_atomics_op *out, CXTranslationUnit tu,
                                      struct rule_atomics_kids *kids, CXCursor expr,
                                      const struct rule_atomics_children *ch)
{
    if (ch->n == 1)
        return match_implicit_load(out, kids, expr, ch);
    if (ch->n < 2 || ch->n > MAX_SUB || clang_getCursorType(ch->c[0]).kind != CXType_Pointer)
        return 0;
    return match_atomic_expr(out, tu, kids, expr, ch);
}

int rule_atomics_match_unexposed(struct rule_atomics_op *out, CXTranslationUnit tu, CXCursor expr,
                                 const struct rule_atomics_children *ch)
{
    return rule_atomics_match_unexposed_memo(out, tu, NULL, expr, ch);
}

static int match_unexposed(struct rule_atomics_op *out, CXTranslationUnit tu,
                           struct rule_atomics_kids *k, CXCursor expr)
{
    struct rule_atomics_children ch;

    children_of(&ch, k, expr);
    return rule_atomics_match_unexposed_memo(out, tu, k, expr, &ch);
}

/* The __sync builtins: fixed orders, and their values as plain arguments. */
static void from_sync_call(struct rule_atomics_op *op, const struct at_name *n, CXCursor call)
{
    int argc = clang_Cursor_getNumArguments(call);

    if (n->kind == RULE_ATOMICS_EXCHANGE)
        set_fixed_order(&op->order, op, RULE_ATOMICS_ACQUIRE); /* GCC: an acquire barrier */
    if (n->kind == RULE_ATOMICS_STORE)
        set_fixed_order(&op->order, op, RULE_ATOMICS_RELEASE);
    if (n->kind == RULE_ATOMICS_CAS_STRONG && argc >= 3) {
        op->expected = clang_Cursor_getArgument(call, 1);
        op->value = clang_Cursor_getArgument(call, 2);
        op->has_failure = 1;
    } else if (argc >= 2) {
        op->value = clang_Cursor_getArgument(call, 1);
    }
}

/* Fills op from a builtin call: fences, __atomic_test_and_set/clear, __sync_*. */
static void from_call(struct rule_atomics_op *op, struct rule_atomics_kids *k,
                      const struct at_name *n, CXCursor call)
{
    int argc = clang_Cursor_getNumArguments(call);
    unsigned order_arg = n->kind == RULE_ATOMICS_FENCE ? 0 : 1;

    if (n->kind != RULE_ATOMICS_FENCE && argc >= 1)
        set_object(op, k, clang_Cursor_getArgument(call, 0));
    if (n->family == RULE_ATOMICS_SYNC)
        from_sync_call(op, n, call);
    else if ((unsigned)argc > order_arg)
        set_order(&op->order, op, clang_Cursor_getArgument(call, order_arg), 0);
}

static int match_call(struct rule_atomics_op *out, struct rule_atomics_kids *k, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    CXString s;
    struct at_name n;
    int found;

    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return 0;
    s = clang_getCursorSpelling(callee);
    found = lookup_name(&n, clang_getCString(s)) && n.n_sub == 0;
    clang_disposeString(s);
    if (!found)
        return 0;
    op_begin(out, &n, call);
    from_call(out, k, &n, call);
    return 1;
}

static const char *operator_name(CXTranslationUnit tu, CXCursor op, const char *fallback)
{
    static const char *const names[] = { "=",  "++", "--", "+=", "-=",  "*=", "/=",
                                         "%=", "&=", "|=", "^=", "<<=", ">>=" };
    char spelled[8];

    if (!rule_operator_spelling(spelled, sizeof(spelled), tu, op))
        return fallback;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(names[i], spelled) == 0)
            return names[i];
    }
    return fallback;
}

/* The kind of a plain access by an operator whose first operand is _Atomic; 0 when the
 * operator does not access it ('&x', or a comma). */
static int operator_kind(enum rule_atomics_kind *out, struct rule_atomics_kids *k, CXCursor expr,
                         const struct rule_atomics_children *ch)
{
    enum CXCursorKind kind = clang_getCursorKind(expr);
    CXCursor operand;

    if (ch->n == 0 || ch->n > 2 || !cursor_is_atomic(ch->c[0]) || is_address_of(k, expr, &operand))
        return 0;
    if (kind == CXCursor_UnaryOperator) {
        *out = RULE_ATOMICS_FETCH_OP;
        return ch->n == 1;
    }
    /* of the binary operators only '=' accesses an _Atomic left side (a comma does not; the
     * assignment's own type is _Atomic before libclang 16, plain after) */
    if (kind == CXCursor_BinaryOperator) {
        *out = RULE_ATOMICS_STORE;
        return ch->n == 2 && ecg_opcode_of(expr) == ECG_OP_ASSIGN;
    }
    *out = RULE_ATOMICS_FETCH_OP;
    return ch->n == 2;
}

/* x = v, x op= v, x++ and the like on an _Atomic lvalue x. */
static int match_operator(struct rule_atomics_op *out, CXTranslationUnit tu,
                          struct rule_atomics_kids *k, CXCursor expr)
{
    struct at_name n = { NULL, RULE_ATOMICS_FETCH_OP, RULE_ATOMICS_IMPLICIT, 0, 1 };
    struct rule_atomics_children ch;
    int unary = clang_getCursorKind(expr) == CXCursor_UnaryOperator;

    children_of(&ch, k, expr);
    if (!operator_kind(&n.kind, k, expr, &ch))
        return 0;
    n.name = operator_name(tu, expr, unary ? "++" : "op=");
    op_begin(out, &n, expr);
    out->object = strip(k, ch.c[0]);
    if (ch.n == 2)
        out->value = ch.c[1];
    return 1;
}

int rule_atomics_match(struct rule_atomics_op *out, CXTranslationUnit tu, CXCursor expr)
{
    return rule_atomics_match_memo(out, tu, NULL, expr);
}

int rule_atomics_match_memo(struct rule_atomics_op *out, CXTranslationUnit tu,
                            struct rule_atomics_kids *kids, CXCursor expr)
{
    switch (clang_getCursorKind(expr)) {
    case CXCursor_UnexposedExpr:
        return match_unexposed(out, tu, kids, expr);
    case CXCursor_CallExpr:
        return match_call(out, kids, expr);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator:
        return match_operator(out, tu, kids, expr);
    default:
        return 0;
    }
}

CXCursor rule_atomics_object_decl(const struct rule_atomics_op *op)
{
    enum CXCursorKind kind;
    CXCursor decl;

    if (rule_atomics_null(op->object) || op->object_is_ptr)
        return clang_getNullCursor();
    kind = clang_getCursorKind(op->object);
    if (kind != CXCursor_DeclRefExpr && kind != CXCursor_MemberRefExpr)
        return clang_getNullCursor();
    decl = clang_getCursorReferenced(op->object);
    kind = clang_getCursorKind(decl);
    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl && kind != CXCursor_FieldDecl)
        return clang_getNullCursor();
    return decl;
}

const char *rule_atomics_order_name(enum rule_atomics_order order)
{
    switch (order) {
    case RULE_ATOMICS_RELAXED:
        return "relaxed";
    case RULE_ATOMICS_CONSUME:
        return "consume";
    case RULE_ATOMICS_ACQUIRE:
        return "acquire";
    case RULE_ATOMICS_RELEASE:
        return "release";
    case RULE_ATOMICS_ACQ_REL:
        return "acq_rel";
    case RULE_ATOMICS_SEQ_CST:
        return "seq_cst";
    case RULE_ATOMICS_ORDER_UNKNOWN:
        return "unknown";
    case RULE_ATOMICS_ORDER_INVALID:
        return "invalid";
    }
    return "invalid";
}

const char *rule_atomics_kind_name(enum rule_atomics_kind kind)
{
    switch (kind) {
    case RULE_ATOMICS_LOAD:
        return "load";
    case RULE_ATOMICS_STORE:
        return "store";
    case RULE_ATOMICS_EXCHANGE:
        return "exchange";
    case RULE_ATOMICS_FETCH_OP:
        return "fetch-op";
    case RULE_ATOMICS_CAS_STRONG:
        return "compare-exchange";
    case RULE_ATOMICS_CAS_WEAK:
        return "weak compare-exchange";
    case RULE_ATOMICS_FENCE:
        return "fence";
    case RULE_ATOMICS_INIT:
        return "init";
    }
    return "unknown";
}
