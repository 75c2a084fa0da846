/* The unit's tables for the taint engine: variables, fields, callees and functions, and
 * the per-node facts (what a name refers to, which operator, which callee, which type
 * class). Every libclang question about a node is asked once here and kept, so the
 * dataflow, which visits elements several times, asks libclang nothing. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "analyzer/error.h"
#include "analyzer/taint_int.h"

static char *cursor_name(CXCursor c)
{
    CXString s = clang_getCursorSpelling(c);
    const char *text = clang_getCString(s);
    char *copy = strdup(text != NULL ? text : "");

    clang_disposeString(s);
    return copy;
}

static int is_integer_kind(enum CXTypeKind k)
{
    return (k >= CXType_Bool && k <= CXType_Int128) || k == CXType_Enum;
}

static int is_array_kind(enum CXTypeKind k)
{
    return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray ||
           k == CXType_DependentSizedArray;
}

static int is_function_kind(enum CXTypeKind k)
{
    return k == CXType_FunctionProto || k == CXType_FunctionNoProto;
}

/* Signed kinds follow the unsigned ones in CXTypeKind, from CXType_Char_S on. */
static uint8_t integer_class(CXType t)
{
    long long size = clang_Type_getSizeOf(t);

    if (t.kind == CXType_Bool || (size > 0 && size <= 2))
        return TC_NARROW;
    return t.kind == CXType_Enum || t.kind >= CXType_Char_S ? TC_INT : TC_UINT;
}

static uint8_t pointer_class(CXType t)
{
    CXType inner = clang_getCanonicalType(clang_getPointeeType(t));

    if (is_function_kind(inner.kind))
        return TC_FUNC;
    return inner.kind == CXType_Pointer ? TC_PTR2 : TC_PTR;
}

static uint8_t array_class(CXType t)
{
    CXType inner = clang_getCanonicalType(clang_getArrayElementType(t));

    return inner.kind == CXType_Pointer ? TC_ARRAYP : TC_ARRAY;
}

uint8_t ecg_taint_facts_type_class(CXType type)
{
    CXType t = clang_getCanonicalType(type);

    if (is_integer_kind(t.kind))
        return integer_class(t);
    if (t.kind >= CXType_Float && t.kind <= CXType_LongDouble)
        return TC_FLOAT;
    if (t.kind == CXType_Pointer)
        return pointer_class(t);
    if (is_array_kind(t.kind))
        return array_class(t);
    if (t.kind == CXType_Record)
        return TC_RECORD;
    return is_function_kind(t.kind) ? TC_FUNC : TC_OTHER;
}

uint8_t ecg_taint_facts_tclass(struct ecg_taint *t, uint32_t node)
{
    struct taint_fact *f = &t->facts[node];

    if (f->tclass == TC_UNKNOWN)
        f->tclass = ecg_taint_facts_type_class(clang_getCursorType(t->fir->nodes[node].cursor));
    return f->tclass;
}

/* The function a local declaration belongs to, or TNONE for a global. */
static uint32_t owner_function(struct ecg_taint *t, CXCursor decl)
{
    CXCursor parent = clang_getCursorSemanticParent(decl);
    long at;

    if (clang_getCursorKind(parent) != CXCursor_FunctionDecl)
        return TNONE;
    at = ecg_cursormap_find(&t->fn_map, clang_getCanonicalCursor(parent));
    return at >= 0 ? (uint32_t)at : TNONE - 1; /* local to a function not in the unit */
}

static void var_describe(struct ecg_taint *t, struct taint_var *v, CXCursor decl)
{
    char *name;

    v->decl = decl;
    v->function = owner_function(t, decl);
    v->param = -1;
    v->tclass = ecg_taint_facts_type_class(clang_getCursorType(decl));
    v->source = -1;
    v->gcell = TNONE;
    if (v->function != TNONE)
        return;
    v->internal = clang_getCursorLinkage(decl) == CXLinkage_Internal;
    v->is_const = clang_isConstQualifiedType(clang_getCursorType(decl)) != 0;
    name = cursor_name(decl);
    if (name != NULL) {
        v->source = (int8_t)ecg_taint_tables_global_source(name);
        v->is_stdin = strcmp(name, "stdin") == 0;
    }
    free(name);
}

uint32_t ecg_taint_facts_var(struct ecg_taint *t, CXCursor decl)
{
    CXCursor canon = clang_getCanonicalCursor(decl);
    uint32_t index;
    int added;

    if (ecg_cursormap_intern(&index, &added, &t->var_map, canon) != 0 ||
        ecg_grow((void **)&t->vars, &t->vars_cap, t->var_map.len, sizeof(*t->vars)) != 0) {
        t->failed = 1;
        return TNONE;
    }
    if (added)
        var_describe(t, &t->vars[index], canon);
    return index;
}

static uint32_t intern_field(struct ecg_taint *t, CXCursor decl)
{
    uint32_t index;
    int added;

    if (ecg_cursormap_intern(&index, &added, &t->field_map, decl) != 0 ||
        ecg_grow((void **)&t->fields, &t->fields_cap, t->field_map.len, sizeof(*t->fields)) != 0) {
        t->failed = 1;
        return TNONE;
    }
    if (added) {
        t->fields[index].decl = decl;
        t->fields[index].in_union =
            clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_UnionDecl;
    }
    return index;
}

static int callee_describe(struct ecg_taint *t, struct taint_callee *c, CXCursor decl)
{
    long fn = ecg_cursormap_find(&t->fn_map, decl);

    c->name = cursor_name(decl);
    if (c->name == NULL)
        return ECG_ENOMEM;
    c->spec = ecg_taint_tables_find(c->name);
    c->conf = ecg_taint_config_find(&t->confs, c->name);
    c->function = fn >= 0 ? (uint32_t)fn : TNONE;
    c->noreturn = (uint8_t)ecg_cfg_function_noreturn(decl);
    return 0;
}

static uint32_t intern_callee(struct ecg_taint *t, CXCursor decl)
{
    CXCursor canon = clang_getCanonicalCursor(decl);
    uint32_t index;
    int added;

    if (ecg_cursormap_intern(&index, &added, &t->callee_map, canon) != 0 ||
        ecg_grow((void **)&t->callees, &t->callees_cap, t->callee_map.len, sizeof(*t->callees)) !=
            0 ||
        (added && callee_describe(t, &t->callees[index], canon) != 0)) {
        t->failed = 1;
        return TNONE;
    }
    return index;
}

const struct taint_callee *ecg_taint_facts_callee(const struct ecg_taint *t, uint32_t call)
{
    const struct taint_fact *f = &t->facts[call];

    return f->what == TF_CALL && f->ref != TNONE ? &t->callees[f->ref] : NULL;
}

static void resolve_call(struct ecg_taint *t, uint32_t node)
{
    CXCursor callee = clang_getCursorReferenced(t->fir->nodes[node].cursor);
    struct taint_fact *f = &t->facts[node];

    if (clang_getCursorKind(callee) == CXCursor_FunctionDecl) {
        f->what = TF_CALL;
        f->ref = intern_callee(t, callee);
    } else {
        f->what = TF_CALL_PTR;
        f->ref = TNONE;
    }
}

static void resolve_ref(struct ecg_taint *t, uint32_t node)
{
    CXCursor ref = clang_getCursorReferenced(t->fir->nodes[node].cursor);
    enum CXCursorKind kind = clang_getCursorKind(ref);
    struct taint_fact *f = &t->facts[node];

    if (kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl) {
        f->what = TF_VAR;
        f->ref = ecg_taint_facts_var(t, ref);
    } else if (kind == CXCursor_FunctionDecl) {
        f->what = TF_FUNC;
        f->ref = intern_callee(t, ref);
    } else if (kind == CXCursor_EnumConstantDecl) {
        f->what = TF_ENUM;
    }
}

static void resolve_member(struct ecg_taint *t, uint32_t node)
{
    CXCursor ref = clang_getCursorReferenced(t->fir->nodes[node].cursor);
    uint32_t base = ecg_fir_first_child(t->fir, node);
    struct taint_fact *f = &t->facts[node];

    if (clang_getCursorKind(ref) != CXCursor_FieldDecl)
        return;
    f->what = TF_FIELD;
    f->ref = intern_field(t, ref);
    if (base != ECG_FIR_NONE && ecg_taint_facts_tclass(t, base) == TC_PTR)
        f->flags |= TFF_ARROW;
}

static void resolve_op(struct ecg_taint *t, uint32_t node, enum CXCursorKind kind)
{
    const struct ecg_fir *fir = t->fir;
    uint32_t first = ecg_fir_first_child(fir, node);
    uint32_t second = first != ECG_FIR_NONE ? ecg_fir_next_sibling(fir, first) : ECG_FIR_NONE;

    if (kind == CXCursor_UnaryOperator && first != ECG_FIR_NONE)
        t->facts[node].op =
            (uint8_t)ecg_opcode_unary(fir->nodes[node].cursor, fir->nodes[first].cursor);
    else if (kind != CXCursor_UnaryOperator && second != ECG_FIR_NONE)
        t->facts[node].op = (uint8_t)ecg_opcode_binary(
            fir->nodes[node].cursor, fir->nodes[first].cursor, fir->nodes[second].cursor);
}

static void resolve_node(struct ecg_taint *t, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(t->fir, node);

    switch (kind) {
    case CXCursor_DeclRefExpr:
        resolve_ref(t, node);
        break;
    case CXCursor_MemberRefExpr:
        resolve_member(t, node);
        break;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator:
        resolve_op(t, node, kind);
        break;
    case CXCursor_VarDecl:
        t->facts[node].what = TF_VAR;
        t->facts[node].ref = ecg_taint_facts_var(t, t->fir->nodes[node].cursor);
        break;
    default:
        break;
    }
}

int ecg_taint_facts_function(struct ecg_taint *t, uint32_t fn)
{
    uint32_t root = t->fns[fn].node;
    uint32_t end = t->fir->nodes[root].end;
    int refs_done = (t->facts[root].flags & TFF_REFS) != 0;

    if (t->facts[root].flags & TFF_DONE)
        return t->failed ? ECG_ENOMEM : 0;
    for (uint32_t n = root + 1; n < end; n++) {
        if (!refs_done || ecg_fir_kind(t->fir, n) != CXCursor_DeclRefExpr)
            resolve_node(t, n);
    }
    t->facts[root].flags |= TFF_DONE | TFF_REFS;
    return t->failed ? ECG_ENOMEM : 0;
}

int ecg_taint_facts_refs(struct ecg_taint *t, uint32_t fn)
{
    uint32_t root = t->fns[fn].node;
    uint32_t end = t->fir->nodes[root].end;

    if (t->facts[root].flags & TFF_REFS)
        return t->failed ? ECG_ENOMEM : 0;
    for (uint32_t n = root + 1; n < end; n++) {
        if (ecg_fir_kind(t->fir, n) == CXCursor_DeclRefExpr)
            resolve_ref(t, n);
    }
    t->facts[root].flags |= TFF_REFS;
    return t->failed ? ECG_ENOMEM : 0;
}

/* Notes that fn calls callee (consecutive repeats are noted once). */
static void add_caller(struct ecg_taint *t, uint32_t callee, uint32_t fn)
{
    struct taint_fn *g = &t->fns[callee];

    if (g->n_callers > 0 && g->callers[g->n_callers - 1] == fn)
        return;
    if (ecg_grow((void **)&g->callers, &g->callers_cap, g->n_callers + 1, sizeof(*g->callers)) !=
        0) {
        t->failed = 1;
        return;
    }
    g->callers[g->n_callers++] = fn;
}

static int is_source_callee(const struct taint_callee *c)
{
    return (c->spec != NULL && c->spec->source != 0) || (c->conf != NULL && c->conf->source >= 0);
}

/* Resolves a call of fn: its callee, whether it is a source, who calls whom. */
static void note_call(struct ecg_taint *t, uint32_t fn, uint32_t node)
{
    const struct taint_callee *c;

    resolve_call(t, node);
    c = ecg_taint_facts_callee(t, node);
    if (c == NULL)
        return;
    if (is_source_callee(c))
        t->fns[fn].has_source = 1;
    if (c->function != TNONE)
        add_caller(t, c->function, fn);
}

int ecg_taint_facts_calls(struct ecg_taint *t)
{
    for (uint32_t fn = 0; fn < t->n_fns; fn++) {
        uint32_t root = t->fns[fn].node;
        uint32_t end = t->fir->nodes[root].end;

        for (uint32_t n = root + 1; n < end && !t->failed; n++) {
            if (ecg_fir_kind(t->fir, n) == CXCursor_CallExpr)
                note_call(t, fn, n);
        }
    }
    return t->failed ? ECG_ENOMEM : 0;
}

/* --- functions ------------------------------------------------------------------------ */

static int add_params(struct ecg_taint *t, uint32_t fn)
{
    struct taint_fn *f = &t->fns[fn];
    uint32_t n = 0;

    for (uint32_t c = ecg_fir_first_child(t->fir, f->node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(t->fir, c))
        n += ecg_fir_kind(t->fir, c) == CXCursor_ParmDecl;
    f->params = calloc(n + 1, sizeof(*f->params));
    f->out_mask = calloc(n + 1, sizeof(*f->out_mask));
    f->seeds = calloc(n + 1, sizeof(*f->seeds));
    if (f->params == NULL || f->out_mask == NULL || f->seeds == NULL)
        return ECG_ENOMEM;
    for (uint32_t c = ecg_fir_first_child(t->fir, f->node); c != ECG_FIR_NONE;
         c = ecg_fir_next_sibling(t->fir, c)) {
        uint32_t v;
        if (ecg_fir_kind(t->fir, c) != CXCursor_ParmDecl)
            continue;
        v = ecg_taint_facts_var(t, t->fir->nodes[c].cursor);
        if (v == TNONE)
            return ECG_ENOMEM;
        t->vars[v].function = fn;
        t->vars[v].param = (int32_t)f->n_params;
        t->facts[c].what = TF_VAR;
        t->facts[c].ref = v;
        f->params[f->n_params++] = v;
        f->seeds[f->n_params - 1].bounds = TAINT_BOUNDS_ALL;
    }
    return 0;
}

static int add_function(struct ecg_taint *t, uint32_t node)
{
    CXCursor canon = clang_getCanonicalCursor(t->fir->nodes[node].cursor);
    uint32_t index;
    int added;
    struct taint_fn *f;

    if (ecg_cursormap_intern(&index, &added, &t->fn_map, canon) != 0)
        return ECG_ENOMEM;
    if (!added)
        return 0; /* a second definition (error recovery): the first one stands */
    f = &t->fns[t->n_fns++];
    f->node = node;
    f->const_ret = -1;
    f->ret_bounds = TAINT_BOUNDS_ALL;
    f->name = cursor_name(canon);
    if (f->name == NULL)
        return ECG_ENOMEM;
    f->has_source = strcmp(f->name, "main") == 0;
    return 0;
}

int ecg_taint_facts_init(struct ecg_taint *t)
{
    const struct ecg_fir *fir = t->fir;

    t->facts = calloc(fir->len != 0 ? fir->len : 1, sizeof(*t->facts));
    t->fns = calloc(fir->n_functions != 0 ? fir->n_functions : 1, sizeof(*t->fns));
    if (t->facts == NULL || t->fns == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < fir->n_functions; i++) {
        if (add_function(t, fir->functions[i]) != 0)
            return ECG_ENOMEM;
    }
    for (uint32_t fn = 0; fn < t->n_fns; fn++) {
        if (add_params(t, fn) != 0)
            return ECG_ENOMEM;
    }
    return ecg_taint_facts_calls(t);
}

void ecg_taint_facts_fini(struct ecg_taint *t)
{
    for (size_t i = 0; i < t->var_map.len; i++)
        free(t->vars[i].readers);
    for (size_t i = 0; i < t->callee_map.len; i++)
        free(t->callees[i].name);
    for (size_t i = 0; i < t->n_fns; i++) {
        struct taint_fn *f = &t->fns[i];
        free(f->name);
        free(f->params);
        free(f->out_mask);
        free(f->seeds);
        free(f->seed_parts.items);
        free(f->out_parts.items);
        free(f->s_outs.items);
        free(f->users);
        free(f->callers);
    }
    free(t->fns);
    free(t->facts);
    free(t->vars);
    free(t->fields);
    free(t->callees);
    ecg_cursormap_fini(&t->var_map);
    ecg_cursormap_fini(&t->field_map);
    ecg_cursormap_fini(&t->callee_map);
    ecg_cursormap_fini(&t->fn_map);
}
