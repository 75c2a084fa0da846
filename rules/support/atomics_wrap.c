/* Wrappers of atomic operations; see atomics_wrap.h. The profiles follow what the libraries
 * document: ck_pr operations are unordered (relaxed) and ordered by ck_pr_fence_*; uatomic_*
 * that return a value are full barriers, the others are not; rcu_dereference is a consume load
 * and rcu_assign_pointer a release store. */
#include "rules/support/atomics_wrap.h"

#include <stdio.h>
#include <string.h>

#include "rules/support/atomics_cursor.h"

#define W_NONE -1

/* Shorthands for the profile table: name, kind, object mode, object, value, expected, order. */
#define W_PROFILE(n, k, m, o, v, e, ord)                                                           \
    {                                                                                              \
        n, RULE_ATOMICS_##k, RULE_ATOMICS_C11, RULE_ATOMICS_WRAP_##m, o, v, e, W_NONE, W_NONE,     \
            RULE_ATOMICS_##ord, RULE_ATOMICS_##ord                                                 \
    }

static const struct rule_atomics_wrapper w_profiles[] = {
    /* ConcurrencyKit: ck_pr_load_ptr(p) expands to ck_pr_md_load_ptr(p) */
    W_PROFILE("ck_pr_md_load_*", LOAD, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("ck_pr_load_*", LOAD, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("ck_pr_md_store_*", STORE, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_store_*", STORE, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_cas_*", CAS_STRONG, POINTER, 0, 2, 1, RELAXED),
    W_PROFILE("ck_pr_fas_*", EXCHANGE, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_faa_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_add_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_sub_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_and_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_or_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_xor_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_btc_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_btr_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_bts_*", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("ck_pr_inc_*", FETCH_OP, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("ck_pr_dec_*", FETCH_OP, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("ck_pr_neg_*", FETCH_OP, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("ck_pr_not_*", FETCH_OP, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("ck_pr_fence_strict_store_load", FENCE, POINTER, W_NONE, W_NONE, W_NONE, SEQ_CST),
    W_PROFILE("ck_pr_fence_strict_atomic_load", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_strict_atomic_store", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_strict_load*", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_strict_store*", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_strict_acquire", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_strict_release", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_strict_acqrel", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQ_REL),
    W_PROFILE("ck_pr_fence_strict_lock", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_strict_unlock", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_strict_*", FENCE, POINTER, W_NONE, W_NONE, W_NONE, SEQ_CST),
    W_PROFILE("ck_pr_fence_store_load", FENCE, POINTER, W_NONE, W_NONE, W_NONE, SEQ_CST),
    W_PROFILE("ck_pr_fence_atomic_load", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_atomic_store", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_load*", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_store*", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_acquire", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_release", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_acqrel", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQ_REL),
    W_PROFILE("ck_pr_fence_lock", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("ck_pr_fence_unlock", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("ck_pr_fence_*", FENCE, POINTER, W_NONE, W_NONE, W_NONE, SEQ_CST),
    /* liburcu: uatomic_* take a pointer; CMM_*_SHARED and the rcu_* pointer macros the object */
    W_PROFILE("uatomic_read", LOAD, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("uatomic_set", STORE, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("uatomic_cmpxchg", CAS_STRONG, POINTER, 0, 2, 1, SEQ_CST),
    W_PROFILE("uatomic_xchg", EXCHANGE, POINTER, 0, 1, W_NONE, SEQ_CST),
    W_PROFILE("uatomic_add_return", FETCH_OP, POINTER, 0, 1, W_NONE, SEQ_CST),
    W_PROFILE("uatomic_sub_return", FETCH_OP, POINTER, 0, 1, W_NONE, SEQ_CST),
    W_PROFILE("uatomic_add", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("uatomic_sub", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("uatomic_and", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("uatomic_or", FETCH_OP, POINTER, 0, 1, W_NONE, RELAXED),
    W_PROFILE("uatomic_inc", FETCH_OP, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("uatomic_dec", FETCH_OP, POINTER, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("CMM_LOAD_SHARED", LOAD, LVALUE, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("_CMM_LOAD_SHARED", LOAD, LVALUE, 0, W_NONE, W_NONE, RELAXED),
    W_PROFILE("CMM_STORE_SHARED", STORE, LVALUE, 0, 1, W_NONE, RELAXED),
    W_PROFILE("_CMM_STORE_SHARED", STORE, LVALUE, 0, 1, W_NONE, RELAXED),
    W_PROFILE("rcu_dereference", LOAD, LVALUE, 0, W_NONE, W_NONE, CONSUME),
    W_PROFILE("rcu_assign_pointer", STORE, LVALUE, 0, 1, W_NONE, RELEASE),
    W_PROFILE("rcu_set_pointer", STORE, POINTER, 0, 1, W_NONE, RELEASE),
    W_PROFILE("rcu_xchg_pointer", EXCHANGE, POINTER, 0, 1, W_NONE, SEQ_CST),
    W_PROFILE("rcu_cmpxchg_pointer", CAS_STRONG, POINTER, 0, 2, 1, SEQ_CST),
    W_PROFILE("cmm_smp_mb", FENCE, POINTER, W_NONE, W_NONE, W_NONE, SEQ_CST),
    W_PROFILE("cmm_smp_rmb", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("cmm_smp_wmb", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
    W_PROFILE("cmm_mb", FENCE, POINTER, W_NONE, W_NONE, W_NONE, SEQ_CST),
    W_PROFILE("cmm_rmb", FENCE, POINTER, W_NONE, W_NONE, W_NONE, ACQUIRE),
    W_PROFILE("cmm_wmb", FENCE, POINTER, W_NONE, W_NONE, W_NONE, RELEASE),
};

/* The prefixes every profile name starts with: a name without one is no profile's. */
static const char *const w_profile_prefixes[] = { "ck_pr_", "uatomic_", "CMM_",
                                                  "_CMM_",  "rcu_",     "cmm_" };

int rule_atomics_wrap_maybe_profile(const char *name)
{
    if (name[0] == '\0' || strchr("cuC_r", name[0]) == NULL)
        return 0; /* no prefix starts so */
    for (size_t i = 0; i < sizeof(w_profile_prefixes) / sizeof(w_profile_prefixes[0]); i++) {
        const char *prefix = w_profile_prefixes[i];
        /* the first two letters first: the unit's every macro name comes here (prefixes are
         * longer than two letters, and name[1] is at worst its terminator) */
        if (name[0] != prefix[0] || name[1] != prefix[1])
            continue;
        if (strncmp(name, prefix, strlen(prefix)) == 0)
            return 1;
    }
    return 0;
}

const struct rule_atomics_wrapper *rule_atomics_wrap_profiles(size_t *out_n)
{
    *out_n = sizeof(w_profiles) / sizeof(w_profiles[0]);
    return w_profiles;
}

static int name_matches(const char *pattern, const char *name)
{
    size_t len = strlen(pattern);

    if (len > 0 && pattern[len - 1] == '*')
        return strncmp(pattern, name, len - 1) == 0;
    return strcmp(pattern, name) == 0;
}

const struct rule_atomics_wrapper *rule_atomics_wrap_find(const struct rule_atomics_wrapper *list,
                                                          size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (name_matches(list[i].name, name))
            return &list[i];
    }
    return NULL;
}

struct w_word {
    const char *word;
    int value;
};

static const struct w_word w_kinds[] = {
    { "load", RULE_ATOMICS_LOAD },         { "store", RULE_ATOMICS_STORE },
    { "exchange", RULE_ATOMICS_EXCHANGE }, { "rmw", RULE_ATOMICS_FETCH_OP },
    { "cas", RULE_ATOMICS_CAS_STRONG },    { "cas_weak", RULE_ATOMICS_CAS_WEAK },
    { "fence", RULE_ATOMICS_FENCE },
};

static const struct w_word w_orders[] = {
    { "relaxed", RULE_ATOMICS_RELAXED }, { "consume", RULE_ATOMICS_CONSUME },
    { "acquire", RULE_ATOMICS_ACQUIRE }, { "release", RULE_ATOMICS_RELEASE },
    { "acq_rel", RULE_ATOMICS_ACQ_REL }, { "seq_cst", RULE_ATOMICS_SEQ_CST },
};

/* The value of the word of table spelled by text[0..len); -1 when none. */
static int word_value(const struct w_word *table, size_t n, const char *text, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(table[i].word) == len && strncmp(table[i].word, text, len) == 0)
            return table[i].value;
    }
    return -1;
}

/* The failure order C11 allows with a success order: no release part. */
static enum rule_atomics_order failure_for(enum rule_atomics_order success)
{
    if (success == RULE_ATOMICS_ACQ_REL)
        return RULE_ATOMICS_ACQUIRE;
    if (success == RULE_ATOMICS_RELEASE)
        return RULE_ATOMICS_RELAXED;
    return success;
}

/* Gives argument index to the role spelled by text[0..len); 0 when the role is unknown. */
static int set_role(struct rule_atomics_wrapper *w, const char *text, size_t len, int index)
{
    static const char *const roles[] = { "obj", "lval", "val", "exp", "order", "fail", "_" };
    int *const slots[] = { &w->object_arg,   &w->object_arg, &w->value_arg,
                           &w->expected_arg, &w->order_arg,  &w->failure_arg };

    for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
        if (strlen(roles[i]) != len || strncmp(roles[i], text, len) != 0)
            continue;
        if (i < sizeof(slots) / sizeof(slots[0]))
            *slots[i] = index;
        if (i == 1)
            w->object_mode = RULE_ATOMICS_WRAP_LVALUE;
        return 1;
    }
    return 0;
}

/* Reads '(role,role,...)' at *p; returns 1 and advances *p past ')', or 0. */
static int parse_roles(struct rule_atomics_wrapper *w, const char **p)
{
    const char *s = *p;
    int index = 0;

    if (*s != '(')
        return 0;
    s++;
    while (*s != ')') {
        size_t len = strcspn(s, ",)");
        if (s[len] == '\0' || !set_role(w, s, len, index))
            return 0;
        index++;
        s += len;
        if (*s == ',')
            s++;
    }
    *p = s + 1;
    return 1;
}

static void wrapper_blank(struct rule_atomics_wrapper *w)
{
    memset(w, 0, sizeof(*w));
    w->family = RULE_ATOMICS_C11;
    w->object_mode = RULE_ATOMICS_WRAP_POINTER;
    w->object_arg = W_NONE;
    w->value_arg = W_NONE;
    w->expected_arg = W_NONE;
    w->order_arg = W_NONE;
    w->failure_arg = W_NONE;
    w->order = RULE_ATOMICS_SEQ_CST;
    w->failure = RULE_ATOMICS_SEQ_CST;
}

/* Reads 'kind(role,...)' and an optional '@order' at p into w. Returns 1, or 0. */
static int parse_body(struct rule_atomics_wrapper *w, const char *p)
{
    size_t kind_len = strcspn(p, "(");
    int kind = word_value(w_kinds, sizeof(w_kinds) / sizeof(w_kinds[0]), p, kind_len);
    int order = RULE_ATOMICS_SEQ_CST;

    p += kind_len;
    if (kind < 0 || !parse_roles(w, &p))
        return 0;
    if (*p == '@')
        order = word_value(w_orders, sizeof(w_orders) / sizeof(w_orders[0]), p + 1, strlen(p + 1));
    else if (*p != '\0')
        return 0;
    if (order < 0 || (kind != RULE_ATOMICS_FENCE && w->object_arg == W_NONE))
        return 0;
    w->kind = (enum rule_atomics_kind)kind;
    w->order = (enum rule_atomics_order)order;
    w->failure = failure_for(w->order);
    return 1;
}

int rule_atomics_wrap_parse(struct rule_atomics_wrapper *out, const char *entry)
{
    struct rule_atomics_wrapper w;
    size_t name_len = strcspn(entry, "=");

    wrapper_blank(&w);
    if (name_len == 0 || name_len >= sizeof(w.name) || entry[name_len] != '=')
        return 0;
    memcpy(w.name, entry, name_len);
    if (!parse_body(&w, entry + name_len + 1))
        return 0;
    *out = w;
    return 1;
}

/* What the body of a candidate wrapper holds. */
struct w_scan {
    CXTranslationUnit tu;
    struct rule_atomics_kids *kids; /* borrowed; NULL: plain visits */
    struct rule_atomics_op op;      /* the first atomic operation */
    unsigned n_ops;
};

static int is_atomic_kind(enum CXCursorKind kind)
{
    return kind == CXCursor_CallExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator ||
           kind == CXCursor_UnaryOperator;
}

static enum CXChildVisitResult scan_body(CXCursor c, CXCursor parent, CXClientData data)
{
    struct w_scan *s = data;
    struct rule_atomics_op op;

    (void)parent;
    if (!is_atomic_kind(clang_getCursorKind(c)) || !rule_atomics_match_memo(&op, s->tu, s->kids, c))
        return CXChildVisit_Recurse;
    if (s->n_ops == 0)
        s->op = op;
    s->n_ops++;
    return s->n_ops > 1 ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The index of fn's parameter e names (through casts and parentheses), or -1. */
static int param_index(struct rule_atomics_kids *kids, CXCursor fn, CXCursor e)
{
    CXCursor decl;
    int n = clang_Cursor_getNumArguments(fn);

    if (!rule_atomics_null(e))
        e = rule_atomics_strip_memo(kids, e);
    if (rule_atomics_null(e) || clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return W_NONE;
    decl = clang_getCursorReferenced(e);
    if (clang_getCursorKind(decl) != CXCursor_ParmDecl)
        return W_NONE;
    for (int i = 0; i < n; i++) {
        if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), decl))
            return i;
    }
    return W_NONE;
}

/* The argument an order comes through, or its constant into *fixed. */
static int order_source(enum rule_atomics_order *fixed, struct rule_atomics_kids *kids, CXCursor fn,
                        const struct rule_atomics_order_arg *arg)
{
    int index = arg->implicit ? W_NONE : param_index(kids, fn, arg->expr);

    *fixed = arg->order;
    return index;
}

int rule_atomics_wrap_infer_memo(struct rule_atomics_wrapper *out, CXTranslationUnit tu,
                                 struct rule_atomics_kids *kids, CXCursor fn)
{
    struct w_scan s;
    struct rule_atomics_wrapper w;

    memset(&s, 0, sizeof(s));
    s.tu = tu;
    s.kids = kids;
    clang_visitChildren(fn, scan_body, &s);
    if (s.n_ops != 1 || s.op.kind == RULE_ATOMICS_INIT || s.op.kind == RULE_ATOMICS_FENCE ||
        !s.op.object_is_ptr)
        return 0;
    wrapper_blank(&w);
    w.object_arg = param_index(kids, fn, s.op.object);
    if (w.object_arg == W_NONE)
        return 0;
    w.kind = s.op.kind;
    w.family = s.op.family;
    w.value_arg = param_index(kids, fn, s.op.value);
    w.expected_arg = param_index(kids, fn, s.op.expected);
    w.order_arg = order_source(&w.order, kids, fn, &s.op.order);
    w.failure_arg = order_source(&w.failure, kids, fn, &s.op.failure);
    if (!s.op.has_failure)
        w.failure = RULE_ATOMICS_SEQ_CST;
    *out = w;
    return 1;
}
