/* The variable table of security-realloc-leak; see leak_vars.h. */
#include "rules/support/leak_vars.h"

#include <stdlib.h>
#include <string.h>

void rule_leak_vars_reset(struct rule_leak_state *st)
{
    st->n_vars = 0;
    st->incomplete = 0;
    st->other_return = 0;
    st->alloc_return = clang_getNullCursor();
}

void rule_leak_vars_fini(struct rule_leak_state *st)
{
    free(st->vars);
    free(st->fns);
    free(st->fn_slots);
    free(st->pedges);
    free(st->cands);
}

struct rule_leak_var *rule_leak_vars_find(struct rule_leak_state *st, CXCursor decl)
{
    unsigned hash = clang_hashCursor(decl);

    for (size_t i = 0; i < st->n_vars; i++) {
        if (st->vars[i].hash == hash && clang_equalCursors(st->vars[i].decl, decl))
            return &st->vars[i];
    }
    return NULL;
}

struct rule_leak_var *rule_leak_vars_of(struct rule_leak_state *st, CXCursor decl)
{
    struct rule_leak_var *v = rule_leak_vars_find(st, decl);

    if (v != NULL)
        return v;
    if (st->n_vars == st->cap_vars) {
        size_t cap = st->cap_vars != 0 ? st->cap_vars * 2 : 16;
        struct rule_leak_var *grown = realloc(st->vars, cap * sizeof(*grown));
        if (grown == NULL) {
            st->incomplete = 1;
            return NULL;
        }
        st->vars = grown;
        st->cap_vars = cap;
    }
    v = &st->vars[st->n_vars];
    memset(v, 0, sizeof(*v));
    v->decl = decl;
    v->hash = clang_hashCursor(decl);
    v->group = st->n_vars++;
    v->target = RULE_LEAK_NO_VAR;
    v->alloc = clang_getNullCursor();
    v->source = clang_getNullCursor();
    v->ret = clang_getNullCursor();
    return v;
}

void rule_leak_vars_mark(struct rule_leak_state *st, CXCursor decl, unsigned flags)
{
    struct rule_leak_var *v;

    if (flags == 0)
        return;
    v = rule_leak_vars_of(st, decl);
    if (v != NULL)
        v->flags |= flags;
}

size_t rule_leak_vars_root(const struct rule_leak_state *st, size_t i)
{
    for (size_t hops = 0; st->vars[i].group != i && hops < st->n_vars; hops++)
        i = st->vars[i].group;
    return i;
}

void rule_leak_vars_merge(struct rule_leak_state *st, CXCursor a, CXCursor b)
{
    size_t ia, ib;

    if (rule_leak_vars_of(st, a) == NULL || rule_leak_vars_of(st, b) == NULL)
        return;
    ia = rule_leak_vars_root(st, (size_t)(rule_leak_vars_find(st, a) - st->vars));
    ib = rule_leak_vars_root(st, (size_t)(rule_leak_vars_find(st, b) - st->vars));
    if (ia != ib)
        st->vars[ib].group = ia;
}

/* The flags a pointer to a local passes on to the local: any use of the pointer but a
 * dereference (which names the local itself) lets the local escape. */
static unsigned through_pointer(unsigned flags)
{
    return (flags & ~(unsigned)RULE_LEAK_ALLOCATED) != 0 ? RULE_LEAK_ESCAPED : 0u;
}

/* A call through a local function pointer that is assigned again or escapes may reach
 * another function: its callee is forgotten (such an edge counts as consuming). */
static void forget_changed_pointers(struct rule_leak_state *st, struct rule_leak_var *v)
{
    for (unsigned e = 0; e < v->n_edges; e++) {
        const struct rule_leak_var *fp;
        if (clang_Cursor_isNull(v->edges[e].via))
            continue;
        fp = rule_leak_vars_find(st, v->edges[e].via);
        if (fp != NULL && (fp->flags & ~(unsigned)RULE_LEAK_ALLOCATED) != 0)
            v->edges[e].callee = clang_getNullCursor();
    }
}

void rule_leak_vars_share(struct rule_leak_state *st)
{
    for (size_t i = 0; i < st->n_vars; i++)
        forget_changed_pointers(st, &st->vars[i]);
    for (size_t i = 0; i < st->n_vars; i++)
        st->vars[i].shared = 0;
    for (size_t i = 0; i < st->n_vars; i++) {
        const struct rule_leak_var *v = &st->vars[i];
        size_t root = rule_leak_vars_root(st, i);
        st->vars[root].shared |= v->flags;
        if (v->target != RULE_LEAK_NO_VAR && v->target < st->n_vars)
            st->vars[rule_leak_vars_root(st, v->target)].shared |= through_pointer(v->flags);
    }
}

static int automatic(CXCursor decl)
{
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);

    if (sc != CX_SC_None && sc != CX_SC_Auto && sc != CX_SC_Register)
        return 0;
    return clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_FunctionDecl;
}

int rule_leak_vars_is_pointer(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl)
        return 0;
    if (clang_getCanonicalType(clang_getCursorType(decl)).kind != CXType_Pointer)
        return 0;
    return automatic(decl);
}

int rule_leak_vars_is_aggregate(CXCursor decl)
{
    enum CXTypeKind type;

    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return 0;
    type = clang_getCanonicalType(clang_getCursorType(decl)).kind;
    if (type != CXType_Record && type != CXType_ConstantArray)
        return 0;
    return automatic(decl);
}
