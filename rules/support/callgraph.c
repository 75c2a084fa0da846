/* The unit call graph; see callgraph.h. One traversal records definitions, calls and the
 * functions stored into slots; functions are interned by USR in an open-addressing table. */
#include "rules/support/callgraph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/grow.h"
#include "rules/support/expr.h"
#include "rules/support/nullflow.h"
#include "rules/support/opkind.h"

#define CG_MAX_FIELDS 128

struct cg_build {
    struct rule_callgraph *g;
    CXTranslationUnit tu;
    size_t caller; /* the definition being walked, or RULE_CALLGRAPH_NONE at file scope */
    int err;       /* 0 or ECG_ENOMEM */
};

/* Walking one initializer list: the fields of its record type, or the slot of its array. */
struct cg_list {
    struct cg_build *b;
    CXCursor fields[CG_MAX_FIELDS];
    size_t n_fields;
    size_t next; /* the field a positional initializer sets */
    CXCursor array_slot;
};

static uint64_t cg_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* The USR of cursor, copied; *out is NULL when the cursor has none. */
static int cg_usr(char **out, CXCursor cursor)
{
    CXString s = clang_getCursorUSR(cursor);
    const char *text = clang_getCString(s);
    size_t len = text != NULL ? strlen(text) : 0;
    char *copy = NULL;

    if (len > 0) {
        copy = malloc(len + 1);
        if (copy == NULL) {
            clang_disposeString(s);
            return ECG_ENOMEM;
        }
        memcpy(copy, text, len + 1);
    }
    clang_disposeString(s);
    *out = copy;
    return 0;
}

size_t rule_callgraph_find(const struct rule_callgraph *g, const char *usr)
{
    size_t mask = g->index_cap - 1;

    if (g->index_cap == 0)
        return RULE_CALLGRAPH_NONE;
    for (size_t i = (size_t)cg_hash(usr) & mask;; i = (i + 1) & mask) {
        size_t slot = g->index[i];
        if (slot == 0)
            return RULE_CALLGRAPH_NONE;
        if (strcmp(g->fns[slot - 1].usr, usr) == 0)
            return slot - 1;
    }
}

static void cg_index_put(size_t *index, size_t cap, const char *usr, size_t fn)
{
    size_t i = (size_t)cg_hash(usr) & (cap - 1);

    while (index[i] != 0)
        i = (i + 1) & (cap - 1);
    index[i] = fn + 1;
}

/* Keeps the table at most half full. */
static int cg_index_grow(struct rule_callgraph *g)
{
    size_t cap = g->index_cap == 0 ? 64 : g->index_cap * 2;
    size_t *index;

    if ((g->n_fns + 1) * 2 <= g->index_cap)
        return 0;
    index = calloc(cap, sizeof(*index));
    if (index == NULL)
        return ECG_ENOMEM;
    for (size_t f = 0; f < g->n_fns; f++)
        cg_index_put(index, cap, g->fns[f].usr, f);
    free(g->index);
    g->index = index;
    g->index_cap = cap;
    return 0;
}

/* The index of the function declared by decl, added when new; NONE when it has no USR. */
static int cg_intern(size_t *out, struct rule_callgraph *g, CXCursor decl)
{
    char *usr;
    size_t found;
    int rc = cg_usr(&usr, decl);

    if (rc != 0)
        return rc;
    if (usr == NULL) {
        *out = RULE_CALLGRAPH_NONE;
        return 0;
    }
    found = rule_callgraph_find(g, usr);
    if (found != RULE_CALLGRAPH_NONE) {
        free(usr);
        *out = found;
        return 0;
    }
    if (cg_index_grow(g) != 0 ||
        ecg_grow((void **)&g->fns, &g->fns_cap, g->n_fns + 1, sizeof(*g->fns)) != 0) {
        free(usr);
        return ECG_ENOMEM;
    }
    g->fns[g->n_fns] = (struct rule_callgraph_fn){ usr, decl, clang_getNullCursor(), 0, 0 };
    cg_index_put(g->index, g->index_cap, usr, g->n_fns);
    *out = g->n_fns++;
    return 0;
}

/* The function expr names ('f', '&f', '(fn_t)f'), or a null cursor. */
static CXCursor cg_function_ref(CXCursor expr)
{
    CXCursor e = rule_nullflow_strip(expr);
    CXCursor ref;

    if (clang_getCursorKind(e) == CXCursor_UnaryOperator)
        e = rule_nullflow_strip(rule_expr_first_child(e));
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    ref = clang_getCursorReferenced(e);
    return clang_getCursorKind(ref) == CXCursor_FunctionDecl ? ref : clang_getNullCursor();
}

/* The variable, parameter or field expr reads a function pointer from ('p', 's->cb',
 * 'table[i]', '*p'), or a null cursor. */
static CXCursor cg_slot_of(CXCursor expr)
{
    CXCursor e = expr;

    for (int guard = 0; guard < 16; guard++) {
        enum CXCursorKind kind;
        e = rule_nullflow_strip(e);
        kind = clang_getCursorKind(e);
        if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr) {
            CXCursor ref = clang_getCursorReferenced(e);
            kind = clang_getCursorKind(ref);
            if (kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl || kind == CXCursor_FieldDecl)
                return ref;
            return clang_getNullCursor();
        }
        if (kind != CXCursor_UnaryOperator && kind != CXCursor_ArraySubscriptExpr)
            return clang_getNullCursor();
        e = rule_expr_first_child(e);
    }
    return clang_getNullCursor();
}

/* Records that the function fn_decl is stored into slot. */
static void cg_bind(struct cg_build *b, CXCursor slot, CXCursor fn_decl)
{
    struct rule_callgraph *g = b->g;
    size_t fn;
    char *usr;

    if (b->err != 0 || clang_Cursor_isNull(slot) || clang_Cursor_isNull(fn_decl))
        return;
    if (cg_intern(&fn, g, fn_decl) != 0 || cg_usr(&usr, slot) != 0) {
        b->err = ECG_ENOMEM;
        return;
    }
    if (fn == RULE_CALLGRAPH_NONE || usr == NULL) {
        free(usr);
        return;
    }
    if (ecg_grow((void **)&g->binds, &g->binds_cap, g->n_binds + 1, sizeof(*g->binds)) != 0) {
        free(usr);
        b->err = ECG_ENOMEM;
        return;
    }
    g->binds[g->n_binds++] = (struct rule_callgraph_bind){ usr, fn };
}

static enum CXVisitorResult cg_field_visit(CXCursor field, CXClientData data)
{
    struct cg_list *l = data;

    if (l->n_fields == CG_MAX_FIELDS)
        return CXVisit_Break;
    l->fields[l->n_fields++] = field;
    return CXVisit_Continue;
}

/* One element of a list: '.field = value' moves the position to that field. */
static enum CXChildVisitResult cg_list_visit(CXCursor child, CXCursor parent, CXClientData data)
{
    struct cg_list *l = data;
    CXCursor first = rule_expr_first_child(child);
    CXCursor slot = l->array_slot;

    (void)parent;
    if (clang_getCursorKind(child) == CXCursor_UnexposedExpr &&
        clang_getCursorKind(first) == CXCursor_MemberRef) {
        CXCursor field = clang_getCursorReferenced(first);
        for (size_t i = 0; i < l->n_fields; i++) {
            if (clang_equalCursors(l->fields[i], field))
                l->next = i;
        }
    }
    if (clang_Cursor_isNull(slot) && l->next < l->n_fields)
        slot = l->fields[l->next];
    l->next++;
    cg_bind(l->b, slot, cg_function_ref(child));
    return l->b->err != 0 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* '{ .cb = f, g }' binds the fields of a struct; '{ f, g }' as the initializer of an array
 * slot binds that slot. Nested lists are met by the walk itself. */
static void cg_init_list(struct cg_build *b, CXCursor list, CXCursor array_slot)
{
    struct cg_list l;
    CXType type = clang_getCanonicalType(clang_getCursorType(list));

    l.b = b;
    l.n_fields = 0;
    l.next = 0;
    l.array_slot = array_slot;
    if (type.kind == CXType_Record)
        clang_Type_visitFields(type, cg_field_visit, &l);
    else if (clang_Cursor_isNull(array_slot))
        return;
    clang_visitChildren(list, cg_list_visit, &l);
}

static void cg_var(struct cg_build *b, CXCursor var)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(var);

    if (clang_Cursor_isNull(init))
        return;
    if (clang_getCursorKind(init) == CXCursor_InitListExpr &&
        clang_getCanonicalType(clang_getCursorType(init)).kind != CXType_Record) {
        cg_init_list(b, init, var);
        return;
    }
    cg_bind(b, var, cg_function_ref(init));
}

static void cg_assign(struct cg_build *b, CXCursor op)
{
    CXCursor sides[2];
    CXCursor fn;

    if (!rule_opkind_operands(op, sides))
        return;
    fn = cg_function_ref(sides[1]);
    if (clang_Cursor_isNull(fn) || rule_opkind_binary(b->tu, op) != RULE_OPKIND_ASSIGN)
        return;
    cg_bind(b, cg_slot_of(sides[0]), fn);
}

/* f(cb) with f defined here binds cb to f's parameter. */
static void cg_call_args(struct cg_build *b, CXCursor call, CXCursor callee)
{
    CXCursor def = clang_getCursorDefinition(callee);
    int n = clang_Cursor_getNumArguments(call);

    if (clang_Cursor_isNull(def) || n <= 0 || clang_Cursor_getNumArguments(def) < n)
        return;
    for (int i = 0; i < n && b->err == 0; i++) {
        CXCursor fn = cg_function_ref(clang_Cursor_getArgument(call, (unsigned)i));
        if (!clang_Cursor_isNull(fn))
            cg_bind(b, clang_Cursor_getArgument(def, (unsigned)i), fn);
    }
}

static int cg_add_call(struct cg_build *b, CXCursor call)
{
    struct rule_callgraph *g = b->g;
    CXCursor callee_expr = rule_expr_first_child(call);
    CXCursor fn = cg_function_ref(callee_expr);
    struct rule_callgraph_call c = { b->caller, call, RULE_CALLGRAPH_NONE, NULL };

    if (!clang_Cursor_isNull(fn)) {
        if (cg_intern(&c.callee, g, fn) != 0)
            return ECG_ENOMEM;
        cg_call_args(b, call, fn);
    } else if (cg_usr(&c.slot, cg_slot_of(callee_expr)) != 0) {
        return ECG_ENOMEM;
    }
    if (b->err != 0 ||
        ecg_grow((void **)&g->calls, &g->calls_cap, g->n_calls + 1, sizeof(*g->calls)) != 0) {
        free(c.slot);
        return ECG_ENOMEM;
    }
    g->calls[g->n_calls++] = c;
    return 0;
}

static enum CXChildVisitResult cg_body_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct cg_build *b = data;

    (void)parent;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_CallExpr:
        if (b->caller != RULE_CALLGRAPH_NONE && cg_add_call(b, cursor) != 0)
            b->err = ECG_ENOMEM;
        break;
    case CXCursor_VarDecl:
        cg_var(b, cursor);
        break;
    case CXCursor_BinaryOperator:
        cg_assign(b, cursor);
        break;
    case CXCursor_InitListExpr:
        cg_init_list(b, cursor, clang_getNullCursor());
        break;
    default:
        break;
    }
    return b->err != 0 ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static void cg_definition(struct cg_build *b, CXCursor def)
{
    struct rule_callgraph *g = b->g;
    size_t fn;

    if (cg_intern(&fn, g, def) != 0) {
        b->err = ECG_ENOMEM;
        return;
    }
    if (fn == RULE_CALLGRAPH_NONE || !clang_Cursor_isNull(g->fns[fn].def))
        return;
    g->fns[fn].def = def;
    g->fns[fn].first_call = g->n_calls;
    b->caller = fn;
    clang_visitChildren(def, cg_body_visit, b);
    b->caller = RULE_CALLGRAPH_NONE;
    g->fns[fn].n_calls = g->n_calls - g->fns[fn].first_call;
}

static enum CXChildVisitResult cg_top_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct cg_build *b = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);

    (void)parent;
    if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(cursor)) {
        cg_definition(b, cursor);
    } else if (kind == CXCursor_VarDecl) {
        cg_var(b, cursor);
        clang_visitChildren(cursor, cg_body_visit, b);
    }
    return b->err != 0 ? CXChildVisit_Break : CXChildVisit_Continue;
}

static int cg_bind_cmp(const void *a, const void *b)
{
    const struct rule_callgraph_bind *x = a;
    const struct rule_callgraph_bind *y = b;

    return strcmp(x->slot, y->slot);
}

int rule_callgraph_init(struct rule_callgraph *out, CXTranslationUnit tu)
{
    struct rule_callgraph g;
    struct cg_build b = { &g, tu, RULE_CALLGRAPH_NONE, 0 };

    memset(&g, 0, sizeof(g));
    clang_visitChildren(clang_getTranslationUnitCursor(tu), cg_top_visit, &b);
    if (b.err != 0) {
        rule_callgraph_fini(&g);
        return b.err;
    }
    if (g.n_binds > 1)
        qsort(g.binds, g.n_binds, sizeof(*g.binds), cg_bind_cmp);
    *out = g;
    return 0;
}

void rule_callgraph_fini(struct rule_callgraph *g)
{
    for (size_t i = 0; i < g->n_fns; i++)
        free(g->fns[i].usr);
    for (size_t i = 0; i < g->n_calls; i++)
        free(g->calls[i].slot);
    for (size_t i = 0; i < g->n_binds; i++)
        free(g->binds[i].slot);
    free(g->fns);
    free(g->calls);
    free(g->binds);
    free(g->index);
    memset(g, 0, sizeof(*g));
}

size_t rule_callgraph_slot_binds(size_t *out_first, const struct rule_callgraph *g,
                                 const char *slot)
{
    size_t lo = 0;
    size_t hi = g->n_binds;
    size_t end;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(g->binds[mid].slot, slot) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    end = lo;
    while (end < g->n_binds && strcmp(g->binds[end].slot, slot) == 0)
        end++;
    *out_first = lo;
    return end - lo;
}
