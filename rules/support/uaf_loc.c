/* The use-after-free flow's view of one function: its nodes in the unit's IR, the pointer
 * and flag locations its expressions name (keyed by declaration, member path and constant
 * index, with the members of a union sharing one key), and what each call does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/opcode.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/uaf_flow_int.h"

/* The node of the function definition fn in fir, searched from the one found last: rules
 * analyse functions in the order the walk met them. */
static int find_function(uint32_t *out, struct rule_uaf *u, const struct ecg_fir *fir, CXCursor fn)
{
    size_t n = fir->n_functions;

    for (size_t k = 0; k < n; k++) {
        size_t i = (u->fn_hint + k) % n;
        if (clang_equalCursors(fir->nodes[fir->functions[i]].cursor, fn)) {
            u->fn_hint = i;
            *out = fir->functions[i];
            return 1;
        }
    }
    return 0;
}

int uaf_loc_find(struct rule_uaf *u, const struct ecg_fir *fir, CXCursor fn)
{
    uint32_t node;

    if (fir == NULL || !find_function(&node, u, fir, fn))
        return ECG_EPARSE;
    if (fir->nodes[node].end - node > UAF_MAX_NODES)
        return ECG_EPARSE;
    u->fir = fir;
    u->fn = node;
    return 0;
}

uint32_t uaf_strip(const struct ecg_fir *fir, uint32_t node)
{
    for (int i = 0; i < 32 && node != ECG_FIR_NONE; i++) {
        uint32_t next = ecg_fir_strip(fir, node);
        if (ecg_fir_kind(fir, next) != CXCursor_CStyleCastExpr)
            return next;
        node = ecg_fir_last_child(fir, next);
    }
    return node;
}

int uaf_constant(long long *out, const struct ecg_fir *fir, uint32_t node)
{
    CXEvalResult r;
    int ok = 0;

    node = uaf_strip(fir, node);
    if (node == ECG_FIR_NONE)
        return 0;
    if (ecg_fir_kind(fir, node) == CXCursor_GNUNullExpr) {
        *out = 0;
        return 1;
    }
    if (ecg_fir_kind(fir, node) == CXCursor_DeclRefExpr) {
        CXCursor decl = clang_getCursorReferenced(fir->nodes[node].cursor);
        if (clang_getCursorKind(decl) != CXCursor_EnumConstantDecl)
            return 0;
        *out = clang_getEnumConstantDeclValue(decl);
        return 1;
    }
    if (ecg_fir_kind(fir, node) != CXCursor_IntegerLiteral &&
        ecg_fir_kind(fir, node) != CXCursor_CharacterLiteral)
        return 0;
    r = clang_Cursor_Evaluate(fir->nodes[node].cursor);
    if (r == NULL)
        return 0;
    if (clang_EvalResult_getKind(r) == CXEval_Int) {
        *out = clang_EvalResult_getAsLongLong(r);
        ok = 1;
    }
    clang_EvalResult_dispose(r);
    return ok;
}

/* A key under construction, with its display name. */
struct key {
    char text[UAF_KEY_MAX];
    size_t len;
    char name[RULE_UAF_NAME_MAX];
    size_t name_len;
    uint32_t base; /* the node of the location this one is reached through */
    int param;
    int global;
};

static int put(struct key *k, const char *s, const char *shown)
{
    size_t n = strlen(s);
    size_t m = strlen(shown);

    if (k->len + n + 1 > sizeof(k->text))
        return 0;
    memcpy(k->text + k->len, s, n + 1);
    k->len += n;
    if (k->name_len + m + 1 < sizeof(k->name)) {
        memcpy(k->name + k->name_len, shown, m + 1);
        k->name_len += m;
    }
    return 1;
}

static int put_cx(struct key *k, CXString s, int shown)
{
    const char *text = clang_getCString(s);
    int ok = put(k, text != NULL ? text : "", shown && text != NULL ? text : "");

    clang_disposeString(s);
    return ok;
}

static int param_index(CXCursor fn, CXCursor decl)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < n && i < 32; i++) {
        if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), decl))
            return i;
    }
    return -1;
}

static int key_decl(struct key *k, const struct rule_uaf *u, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    CXString usr;

    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl)
        return 0;
    if (kind == CXCursor_ParmDecl)
        k->param = param_index(u->fir->nodes[u->fn].cursor, decl);
    else if (clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_TranslationUnit)
        k->global = 1;
    usr = clang_getCursorUSR(decl);
    if (!put(k, "v", "") || !put_cx(k, usr, 0))
        return 0;
    return put_cx(k, clang_getCursorSpelling(decl), 1);
}

static int key_node(struct key *k, const struct rule_uaf *u, uint32_t node, int depth);

/* A member of a union shares the key of its siblings: they are one object. */
static int member_of_union(CXCursor base, int arrow)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(base));

    if (arrow)
        t = clang_getCanonicalType(clang_getPointeeType(t));
    return clang_getCursorKind(clang_getTypeDeclaration(t)) == CXCursor_UnionDecl;
}

/* The members of a union are one object: the key has '|' where the name would be. */
static int put_union_member(struct key *k, CXString s)
{
    const char *text = clang_getCString(s);
    int ok = put(k, "|", text != NULL ? text : "");

    clang_disposeString(s);
    return ok;
}

static int key_member(struct key *k, const struct rule_uaf *u, uint32_t node, int depth)
{
    const struct ecg_fir *fir = u->fir;
    uint32_t base = ecg_fir_first_child(fir, node);
    CXCursor bc;
    int arrow;

    if (base == ECG_FIR_NONE)
        return 0;
    bc = fir->nodes[base].cursor;
    arrow = clang_getCanonicalType(clang_getCursorType(bc)).kind == CXType_Pointer;
    /* p->f and (*p).f are one key, under the key of *p. */
    if ((arrow && !put(k, "*(", "")) || !key_node(k, u, base, depth + 1) ||
        !put(k, arrow ? ")." : ".", arrow ? "->" : "."))
        return 0;
    k->base = uaf_strip(fir, base);
    if (member_of_union(bc, arrow))
        return put_union_member(k, clang_getCursorSpelling(fir->nodes[node].cursor));
    return put_cx(k, clang_getCursorSpelling(fir->nodes[node].cursor), 1);
}

static int key_subscript(struct key *k, const struct rule_uaf *u, uint32_t node, int depth)
{
    uint32_t base = ecg_fir_first_child(u->fir, node);
    uint32_t index = base != ECG_FIR_NONE ? ecg_fir_next_sibling(u->fir, base) : ECG_FIR_NONE;
    long long value;
    char text[32];

    if (index == ECG_FIR_NONE || !uaf_constant(&value, u->fir, index))
        return 0;
    snprintf(text, sizeof(text), "[%lld]", value);
    if (!key_node(k, u, base, depth + 1))
        return 0;
    k->base = uaf_strip(u->fir, base);
    return put(k, text, text);
}

static enum CXChildVisitResult take_last(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

/* Nonzero when the operator parent may change its operand ref. */
static int changes_operand(const struct ecg_fir *fir, uint32_t parent, uint32_t ref)
{
    enum CXCursorKind kind;

    if (parent == ECG_FIR_NONE)
        return 0;
    kind = ecg_fir_kind(fir, parent);
    if (kind == CXCursor_CompoundAssignOperator)
        return 1;
    if (kind == CXCursor_BinaryOperator)
        return ecg_fir_first_child(fir, parent) == ref &&
               ecg_opcode_of(fir->nodes[parent].cursor) == ECG_OP_ASSIGN;
    return kind == CXCursor_UnaryOperator &&
           ecg_opcode_of(fir->nodes[parent].cursor) != ECG_OP_DEREF;
}

/* Nonzero when some reference to decl in the function may change it: assigned, its address
 * taken, incremented. */
static int reassigned(const struct rule_uaf *u, CXCursor decl)
{
    const struct ecg_fir *fir = u->fir;

    for (uint32_t n = u->fn + 1; n < fir->nodes[u->fn].end; n++) {
        if (ecg_fir_kind(fir, n) == CXCursor_DeclRefExpr &&
            clang_equalCursors(clang_getCursorReferenced(fir->nodes[n].cursor), decl) &&
            changes_operand(fir, fir->nodes[n].parent, n))
            return 1;
    }
    return 0;
}

/* '*pp' where pp is a local initialised with '&x' and never changed: the key of x. */
static int key_fixed_target(struct key *k, const struct rule_uaf *u, uint32_t operand)
{
    uint32_t ref = uaf_strip(u->fir, operand);
    CXCursor decl, init = clang_getNullCursor(), target;

    if (ecg_fir_kind(u->fir, ref) != CXCursor_DeclRefExpr)
        return 0;
    decl = clang_getCursorReferenced(u->fir->nodes[ref].cursor);
    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return 0;
    clang_visitChildren(decl, take_last, &init);
    init = rule_exprkey_strip(init);
    if (clang_getCursorKind(init) != CXCursor_UnaryOperator || ecg_opcode_of(init) != ECG_OP_ADDROF)
        return 0;
    target = rule_exprkey_strip(rule_expr_first_child(init));
    if (clang_getCursorKind(target) != CXCursor_DeclRefExpr || reassigned(u, decl))
        return 0;
    return key_decl(k, u, clang_getCursorReferenced(target));
}

static int key_deref(struct key *k, const struct rule_uaf *u, uint32_t node, int depth)
{
    uint32_t operand = ecg_fir_first_child(u->fir, node);

    if (operand == ECG_FIR_NONE ||
        ecg_opcode_unary(u->fir->nodes[node].cursor, u->fir->nodes[operand].cursor) != ECG_OP_DEREF)
        return 0;
    if (key_fixed_target(k, u, operand))
        return 1;
    if (!put(k, "*(", "*") || !key_node(k, u, operand, depth + 1))
        return 0;
    k->base = uaf_strip(u->fir, operand);
    return put(k, ")", "");
}

int uaf_loc_decl_key(char *buf, size_t size, const struct rule_uaf *u, CXCursor decl)
{
    struct key k;

    memset(&k, 0, sizeof(k));
    k.base = ECG_FIR_NONE;
    k.param = -1;
    if (!key_decl(&k, u, decl) || k.len + 1 > size)
        return 0;
    memcpy(buf, k.text, k.len + 1);
    return 1;
}

static int key_node(struct key *k, const struct rule_uaf *u, uint32_t node, int depth)
{
    node = uaf_strip(u->fir, node);
    if (node == ECG_FIR_NONE || depth > 8)
        return 0;
    switch (ecg_fir_kind(u->fir, node)) {
    case CXCursor_DeclRefExpr:
        return key_decl(k, u, clang_getCursorReferenced(u->fir->nodes[node].cursor));
    case CXCursor_VarDecl:
        return key_decl(k, u, u->fir->nodes[node].cursor);
    case CXCursor_MemberRefExpr:
        return key_member(k, u, node, depth);
    case CXCursor_ArraySubscriptExpr:
        return key_subscript(k, u, node, depth);
    case CXCursor_UnaryOperator:
        return key_deref(k, u, node, depth);
    default:
        return 0;
    }
}

/* 1: a pointer, 2: an integer flag, 3: a struct or union (whose fields are followed). */
static int value_class(CXCursor c)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(c));

    if (t.kind == CXType_Pointer)
        return 1;
    if ((t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum)
        return 2;
    if (t.kind == CXType_Record)
        return 3;
    return 0;
}

static int keyable(enum CXCursorKind kind)
{
    return kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr ||
           kind == CXCursor_ArraySubscriptExpr || kind == CXCursor_UnaryOperator ||
           kind == CXCursor_VarDecl;
}

static uint16_t find_key(const struct rule_uaf *u, const char *text)
{
    for (size_t i = 0; i < u->n_locs; i++) {
        if (strcmp(u->keys + u->locs[i].key, text) == 0)
            return (uint16_t)i;
    }
    return UAF_NONE;
}

static int add_key(struct rule_uaf *u, const struct key *k, int pointer, uint16_t *out)
{
    struct uaf_loc *loc;

    if (u->keys_len + k->len + 1 > u->keys_cap) {
        size_t cap = (u->keys_cap + k->len + 1) * 2;
        char *grown = realloc(u->keys, cap);
        if (grown == NULL)
            return ECG_ENOMEM;
        u->keys = grown;
        u->keys_cap = cap;
    }
    loc = &u->locs[u->n_locs];
    memset(loc, 0, sizeof(*loc));
    memcpy(loc->name, k->name, sizeof(loc->name));
    loc->key = u->keys_len;
    loc->param = k->param;
    loc->pointer = pointer == 1;
    loc->flag = pointer == 2;
    loc->field = k->base != ECG_FIR_NONE;
    loc->global = k->global;
    loc->rep = ECG_FIR_NONE;
    loc->seed_node = ECG_FIR_NONE;
    memcpy(u->keys + u->keys_len, k->text, k->len + 1);
    u->keys_len += k->len + 1;
    *out = (uint16_t)u->n_locs++;
    return 0;
}

/* The location of the key k, added when new and there is room; UAF_NONE otherwise. */
static int find_or_add(struct rule_uaf *u, const struct key *k, int pass, uint16_t *out)
{
    uint16_t loc = find_key(u, k->text);

    if (loc == UAF_NONE && u->n_locs < UAF_MAX_LOCS && add_key(u, k, pass, &loc) != 0)
        return ECG_ENOMEM;
    if (loc == UAF_NONE)
        u->lossy |= pass == 3;
    *out = loc;
    return 0;
}

/* Gives node a location when it names a pointer (pass 1), a struct (3) or a flag (2). */
static int scan_key(struct rule_uaf *u, uint32_t node, int pass)
{
    struct key k;
    uint16_t loc;

    if (!keyable(ecg_fir_kind(u->fir, node)) || u->aux[node - u->fn] != UAF_AUX_NONE ||
        value_class(u->fir->nodes[node].cursor) != pass)
        return 0;
    memset(&k, 0, sizeof(k));
    k.base = ECG_FIR_NONE;
    k.param = -1;
    if (!key_node(&k, u, node, 0))
        return 0;
    if (k.base != ECG_FIR_NONE)
        k.param = -1; /* a field of a parameter is not the block it points to */
    if (find_or_add(u, &k, pass, &loc) != 0)
        return ECG_ENOMEM;
    if (loc == UAF_NONE)
        return 0;
    u->aux[node - u->fn] = loc;
    if (u->locs[loc].rep == ECG_FIR_NONE)
        u->locs[loc].rep = node;
    return 0;
}

static int scan_call(struct rule_uaf *u, uint32_t node)
{
    if (u->n_calls == u->calls_cap) {
        size_t cap = u->calls_cap != 0 ? u->calls_cap * 2 : 32;
        struct rule_uaf_call *grown = realloc(u->calls, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        u->calls = grown;
        u->calls_cap = cap;
    }
    memset(&u->calls[u->n_calls], 0, sizeof(u->calls[0]));
    u->resolve(u->resolve_arg, u->fir->nodes[node].cursor, &u->calls[u->n_calls]);
    u->aux[node - u->fn] = UAF_AUX_CALL | (uint32_t)u->n_calls++;
    return 0;
}

/* Nonzero when key m names something reached through key l: l followed by '.', '->',
 * '[' or '|', or '*(' l ')'. */
static int key_below(const char *m, const char *l)
{
    size_t n = strlen(l);

    if (strncmp(m, l, n) == 0)
        return m[n] == '.' || m[n] == '-' || m[n] == '[' || m[n] == '|' || m[n] == ')';
    return strncmp(m, "*(", 2) == 0 && key_below(m + 2, l);
}

static void link_bases(struct rule_uaf *u)
{
    memset(u->below, 0, sizeof(u->below));
    for (size_t l = 0; l < u->n_locs; l++) {
        for (size_t m = 0; m < u->n_locs; m++) {
            if (m != l && key_below(u->keys + u->locs[m].key, u->keys + u->locs[l].key))
                u->below[l][m / 64] |= (uint64_t)1 << (m % 64);
        }
    }
}

static int scan_pass(struct rule_uaf *u, int pass)
{
    uint32_t end = u->fir->nodes[u->fn].end;

    for (uint32_t node = u->fn + 1; node < end; node++) {
        int rc = 0;
        if (pass == 1 && ecg_fir_kind(u->fir, node) == CXCursor_CallExpr)
            rc = scan_call(u, node);
        else
            rc = scan_key(u, node, pass);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int uaf_loc_scan(struct rule_uaf *u)
{
    size_t n = u->fir->nodes[u->fn].end - u->fn;
    int rc = 0;

    if (n > u->aux_cap) {
        uint32_t *grown = realloc(u->aux, n * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        u->aux = grown;
        u->aux_cap = n;
    }
    for (size_t i = 0; i < n; i++)
        u->aux[i] = UAF_AUX_NONE;
    u->n_locs = 0;
    u->keys_len = 0;
    u->n_calls = 0;
    u->lossy = 0;
    /* Pointers first, then the structs that hold them, then integer flags. */
    rc = scan_pass(u, 1);
    if (rc == 0)
        rc = scan_pass(u, 3);
    if (rc == 0)
        rc = scan_pass(u, 2);
    if (rc == 0)
        link_bases(u);
    return rc;
}

uint16_t uaf_loc_of(const struct rule_uaf *u, uint32_t node)
{
    uint32_t aux;

    node = uaf_strip(u->fir, node);
    if (node == ECG_FIR_NONE || node <= u->fn || node >= u->fir->nodes[u->fn].end)
        return UAF_NONE;
    aux = u->aux[node - u->fn];
    return aux < UAF_MAX_LOCS ? (uint16_t)aux : UAF_NONE;
}

const struct rule_uaf_call *uaf_call_of(const struct rule_uaf *u, uint32_t node)
{
    uint32_t aux;

    node = uaf_strip(u->fir, node);
    if (node == ECG_FIR_NONE || node <= u->fn || node >= u->fir->nodes[u->fn].end)
        return NULL;
    aux = u->aux[node - u->fn];
    if (aux == UAF_AUX_NONE || (aux & UAF_AUX_CALL) == 0)
        return NULL;
    return &u->calls[aux & ~UAF_AUX_CALL];
}
