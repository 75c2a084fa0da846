/* String origins of a function's locals; see strorigin.h. Variables are numbered as they are
 * met; what an event stores is kept as direct flags on a variable, unions of variables and
 * edges between them, and rule_strorigin_finish folds these into classes. */
#include "analyzer/grow.h"
#include "rules/support/strorigin.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/nullflow.h"
#include "rules/support/opkind.h"
#include "rules/support/strorigin_int.h"

struct rule_strorigin *rule_strorigin_new(void)
{
    return calloc(1, sizeof(struct rule_strorigin));
}

void rule_strorigin_free(struct rule_strorigin *so)
{
    if (so == NULL)
        return;
    free(so->vars);
    free(so->edges);
    free(so->returns);
    free(so->sums);
    free(so);
}

int rule_strorigin_lost(const struct rule_strorigin *so)
{
    return so->lost;
}

/* ---- variables -------------------------------------------------------------------------- */

int rule_strorigin_is_local(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind == CXCursor_ParmDecl)
        return 1;
    return kind == CXCursor_VarDecl && clang_getCursorLinkage(decl) == CXLinkage_NoLinkage &&
           clang_Cursor_getStorageClass(decl) != CX_SC_Static;
}

static size_t so_find(const struct rule_strorigin *so, CXCursor decl)
{
    unsigned hash = clang_hashCursor(decl);

    for (size_t i = 0; i < so->n_vars; i++) {
        if (so->vars[i].hash == hash && clang_equalCursors(so->vars[i].decl, decl))
            return i;
    }
    return RULE_STRORIGIN_NONE;
}

/* The number of the local variable decl, added when new; RULE_STRORIGIN_NONE when memory ran out.
 */
size_t rule_strorigin_var_index(struct rule_strorigin *so, CXCursor decl)
{
    size_t i = so_find(so, decl);
    struct rule_strorigin_var *v;

    if (i != RULE_STRORIGIN_NONE)
        return i;
    if (so->n_vars == so->cap_vars) {
        size_t cap = so->cap_vars != 0 ? so->cap_vars * 2 : 32;
        struct rule_strorigin_var *grown = realloc(so->vars, cap * sizeof(*grown));
        if (grown == NULL) {
            so->lost = 1;
            return RULE_STRORIGIN_NONE;
        }
        so->vars = grown;
        so->cap_vars = cap;
    }
    v = &so->vars[so->n_vars];
    memset(v, 0, sizeof(*v));
    v->decl = decl;
    v->hash = clang_hashCursor(decl);
    v->parent = so->n_vars;
    v->param = -1;
    v->escape_offset = UINT_MAX;
    v->escape_at = clang_getNullCursor();
    for (int k = 0; k < RULE_STRORIGIN_NFLAGS; k++)
        v->where[k] = clang_getNullCursor();
    return so->n_vars++;
}

static size_t so_root(const struct rule_strorigin *so, size_t i)
{
    while (so->vars[i].parent != i)
        i = so->vars[i].parent;
    return i;
}

static void so_union(struct rule_strorigin *so, size_t a, size_t b)
{
    a = so_root(so, a);
    b = so_root(so, b);
    if (a != b)
        so->vars[b].parent = a;
}

/* Adds flags, with where they came from, to variable i. */
static void so_mark(struct rule_strorigin_var *v, unsigned flags, CXCursor where,
                    const char *source)
{
    for (int k = 0; k < RULE_STRORIGIN_NFLAGS; k++) {
        unsigned bit = 1u << k;
        if ((flags & bit) && !(v->flags & bit))
            v->where[k] = where;
    }
    if ((flags & RULE_STRORIGIN_TAINT) && v->source[0] == '\0' && source != NULL)
        snprintf(v->source, sizeof(v->source), "%.31s", source);
    v->flags |= flags;
}

static void so_edge(struct rule_strorigin *so, size_t dst, size_t src, enum rule_strorigin_how kind,
                    CXCursor at)
{
    struct rule_strorigin_edge *e;

    if (so->n_edges == so->cap_edges) {
        size_t cap = so->cap_edges != 0 ? so->cap_edges * 2 : 32;
        struct rule_strorigin_edge *grown = realloc(so->edges, cap * sizeof(*grown));
        if (grown == NULL) {
            so->lost = 1;
            return;
        }
        so->edges = grown;
        so->cap_edges = cap;
    }
    e = &so->edges[so->n_edges++];
    e->dst = dst;
    e->src = src;
    e->kind = kind;
    e->at = at;
}

void rule_strorigin_begin(struct rule_strorigin *so, CXTranslationUnit tu, CXCursor fn)
{
    char name[8];
    int n = clang_Cursor_getNumArguments(fn);

    so->tu = tu;
    so->fn = fn;
    so->n_vars = 0;
    so->n_edges = 0;
    so->n_returns = 0;
    so->lost = 0;
    so->is_main = strcmp(rule_cursor_name(fn, name, sizeof(name)), "main") == 0;
    for (int k = 0; k < n; k++) {
        CXCursor param = clang_Cursor_getArgument(fn, (unsigned)k);
        size_t i = rule_strorigin_var_index(so, param);
        if (i == RULE_STRORIGIN_NONE)
            return;
        so->vars[i].param = k;
        so->vars[i].params = k < 32 ? 1u << k : 0u;
        if (so->is_main && k == 1)
            so_mark(&so->vars[i], RULE_STRORIGIN_TAINT, param, "argv");
        else
            so_mark(&so->vars[i], RULE_STRORIGIN_PARAM, param, NULL);
    }
}

/* ---- recording ------------------------------------------------------------------------------ */

/* Gives variable var the text of v: a definition of the pointer (define set: a value that
 * points into another variable's buffer joins the two) or a store into its buffer. */
static void so_apply(struct rule_strorigin *so, size_t var, const struct rule_strorigin_value *v,
                     int define, CXCursor at)
{
    for (size_t i = 0; i < v->n_refs; i++) {
        if (v->how[i] == RULE_STRORIGIN_ALIAS && define)
            so_union(so, var, v->refs[i]);
        else
            so_edge(so, var, v->refs[i],
                    v->how[i] == RULE_STRORIGIN_ALIAS ? RULE_STRORIGIN_COPY : v->how[i], at);
    }
    so_mark(&so->vars[var], v->flags, clang_Cursor_isNull(v->where) ? at : v->where, v->source);
}

/* Stores v into the buffers dst designates (buf, p + n, &buf[i]). */
static void so_store(struct rule_strorigin *so, CXCursor dst, const struct rule_strorigin_value *v,
                     CXCursor at)
{
    struct rule_strorigin_value d;

    rule_strorigin_value_init(&d);
    rule_strorigin_eval(so, dst, 0, &d);
    for (size_t i = 0; i < d.n_refs; i++) {
        if (d.how[i] == RULE_STRORIGIN_ALIAS)
            so_apply(so, d.refs[i], v, 0, at);
    }
}

/* The local pointer variable p of an argument written &p, or RULE_STRORIGIN_NONE. */
static size_t so_address_of(struct rule_strorigin *so, CXCursor arg)
{
    CXCursor e = rule_nullflow_strip(arg), decl;

    if (clang_getCursorKind(e) != CXCursor_UnaryOperator ||
        rule_opkind_unary(so->tu, e) != RULE_OPKIND_ADDR)
        return RULE_STRORIGIN_NONE;
    e = rule_nullflow_strip(rule_expr_first_child(e));
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return RULE_STRORIGIN_NONE;
    decl = clang_getCursorReferenced(e);
    if (!rule_strorigin_is_local(decl) ||
        clang_getCanonicalType(clang_getCursorType(decl)).kind != CXType_Pointer)
        return RULE_STRORIGIN_NONE;
    return rule_strorigin_var_index(so, decl);
}

/* Argument k of call receives v: through &p it defines p, else it is stored into. */
static void so_receive(struct rule_strorigin *so, CXCursor call, int k,
                       const struct rule_strorigin_value *v)
{
    CXCursor arg;
    size_t var;

    if (k < 0 || k >= clang_Cursor_getNumArguments(call))
        return;
    arg = clang_Cursor_getArgument(call, (unsigned)k);
    var = so_address_of(so, arg);
    if (var != RULE_STRORIGIN_NONE)
        so_apply(so, var, v, 1, call);
    else
        so_store(so, arg, v, call);
}

static int so_is_string_holder(CXCursor decl)
{
    enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(decl)).kind;

    return kind == CXType_Pointer || kind == CXType_ConstantArray ||
           kind == CXType_IncompleteArray || kind == CXType_VariableArray;
}

void rule_strorigin_on_decl(struct rule_strorigin *so, CXCursor var)
{
    CXCursor init;
    struct rule_strorigin_value v;
    size_t i;

    if (so->lost || !rule_strorigin_is_local(var) || !so_is_string_holder(var))
        return;
    init = clang_Cursor_getVarDeclInitializer(var);
    if (clang_Cursor_isNull(init))
        return;
    i = rule_strorigin_var_index(so, var);
    if (i == RULE_STRORIGIN_NONE)
        return;
    rule_strorigin_value_init(&v);
    rule_strorigin_eval(so, init, 0, &v);
    so_apply(so, i, &v, 1, init);
}

/* buf[i] = c, *p = c: a character stored; only a constant one keeps the text constant. */
static void so_on_char_store(struct rule_strorigin *so, CXCursor op, CXCursor lhs, CXCursor rhs)
{
    struct rule_strorigin_value v;
    enum CXCursorKind kind = clang_getCursorKind(rule_nullflow_strip(rhs));

    if (kind == CXCursor_CharacterLiteral || kind == CXCursor_IntegerLiteral)
        return;
    rule_strorigin_value_init(&v);
    rule_strorigin_value_flag(&v, RULE_STRORIGIN_BUILT, op, NULL);
    so_store(so, rule_expr_first_child(lhs), &v, op);
}

/* p = value with p a local string variable: p takes value's text. */
static void so_on_define(struct rule_strorigin *so, CXCursor op, CXCursor lhs, CXCursor rhs)
{
    CXCursor decl = clang_getCursorReferenced(lhs);
    struct rule_strorigin_value v;
    size_t i;

    if (!rule_strorigin_is_local(decl) || !so_is_string_holder(decl) ||
        rule_opkind_binary(so->tu, op) != RULE_OPKIND_ASSIGN)
        return;
    i = rule_strorigin_var_index(so, decl);
    if (i == RULE_STRORIGIN_NONE)
        return;
    rule_strorigin_value_init(&v);
    rule_strorigin_eval(so, rhs, 0, &v);
    so_apply(so, i, &v, 1, op);
}

void rule_strorigin_on_assign(struct rule_strorigin *so, CXCursor op)
{
    CXCursor ops[2], lhs;
    enum CXCursorKind kind;

    if (so->lost || !rule_opkind_operands(op, ops))
        return;
    lhs = rule_nullflow_strip(ops[0]);
    kind = clang_getCursorKind(lhs);
    if (kind == CXCursor_DeclRefExpr) {
        so_on_define(so, op, lhs, ops[1]);
    } else if ((kind == CXCursor_ArraySubscriptExpr || kind == CXCursor_UnaryOperator) &&
               rule_strorigin_is_char_type(clang_getCursorType(lhs)) &&
               rule_opkind_binary(so->tu, op) == RULE_OPKIND_ASSIGN) {
        so_on_char_store(so, op, lhs, ops[1]);
    }
}

/* scanf family: every pointer argument after the format receives the text scanned. */
static void so_on_scan(struct rule_strorigin *so, CXCursor call, const struct rule_strorigin_fn *f,
                       const char *name)
{
    struct rule_strorigin_value v;
    int n = clang_Cursor_getNumArguments(call);

    rule_strorigin_value_init(&v);
    if (f->flags & 4) {
        struct rule_strorigin_value src;
        rule_strorigin_value_init(&src);
        rule_strorigin_eval_arg(so, call, 0, 0, &src);
        rule_strorigin_value_take(&v, &src, RULE_STRORIGIN_COPY, call);
    } else {
        rule_strorigin_value_flag(&v, RULE_STRORIGIN_TAINT, call, name);
    }
    for (int k = f->first; k < n; k++)
        so_receive(so, call, k, &v);
}

static void so_on_writer(struct rule_strorigin *so, CXCursor call,
                         const struct rule_strorigin_fn *f, const char *name)
{
    struct rule_strorigin_value v, src;

    rule_strorigin_value_init(&v);
    rule_strorigin_value_init(&src);
    if (f->kind == RULE_STRORIGIN_K_STORE || f->kind == RULE_STRORIGIN_K_APPEND) {
        rule_strorigin_eval_arg(so, call, f->arg, 0, &src);
        rule_strorigin_value_take(
            &v, &src,
            f->kind == RULE_STRORIGIN_K_STORE ? RULE_STRORIGIN_COPY : RULE_STRORIGIN_APPEND, call);
    } else if (f->kind == RULE_STRORIGIN_K_FORMAT) {
        rule_strorigin_eval_format(so, call, f, 0, &v);
    } else {
        rule_strorigin_value_flag(&v, RULE_STRORIGIN_TAINT, call, name);
    }
    so_receive(so, call, f->dst, &v);
}

/* The type of the function call calls: its declaration's, or the pointer's it calls through. */
static CXType so_callee_type(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    CXType t;

    if (clang_getCursorKind(callee) == CXCursor_FunctionDecl)
        return clang_getCursorType(callee);
    t = clang_getCanonicalType(clang_getCursorType(rule_expr_first_child(call)));
    return t.kind == CXType_Pointer ? clang_getCanonicalType(clang_getPointeeType(t)) : t;
}

/* Nonzero when argument k may be written through: a pointer to non-const parameter, or any
 * argument of a function without a prototype. Extra arguments of a variadic function are
 * taken as read (printf-like loggers). */
int rule_strorigin_param_writable(CXType fn, int k)
{
    int n = clang_getNumArgTypes(fn);
    CXType param;

    if (fn.kind == CXType_FunctionNoProto)
        return 1;
    if (k >= n)
        return 0;
    param = clang_getCanonicalType(clang_getArgType(fn, (unsigned)k));
    return param.kind == CXType_Pointer && !clang_isConstQualifiedType(clang_getPointeeType(param));
}

/* A function of the unit stores what its summary says through argument k. */
static void so_receive_summary(struct rule_strorigin *so, CXCursor call, int k,
                               const struct rule_strorigin_summary *s)
{
    struct rule_strorigin_value v;

    if (s->out_flags[k] == 0)
        return;
    rule_strorigin_value_init(&v);
    rule_strorigin_value_flag(&v, s->out_flags[k], call, s->source);
    so_receive(so, call, k, &v);
}

/* The offset in its file where cursor starts (the macro's use for expanded code). */
static unsigned so_offset(CXCursor cursor)
{
    unsigned offset = 0;

    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(cursor)), NULL, NULL, NULL,
                               &offset);
    return offset;
}

/* The function called at call may write into variable var from here on. */
static void so_escape(struct rule_strorigin *so, size_t var, CXCursor call)
{
    unsigned offset = so_offset(call);
    struct rule_strorigin_var *v = &so->vars[var];

    if (offset < v->escape_offset) {
        v->escape_offset = offset;
        v->escape_at = call;
    }
}

/* A call to a function not known: what it writes through its arguments is unknown, from the
 * call on. Kept apart from the flags, so that the text a variable has when it is passed to
 * that very call is still known. */
static void so_on_unknown_call(struct rule_strorigin *so, CXCursor call)
{
    CXType fn = so_callee_type(call);
    int n = clang_Cursor_getNumArguments(call);
    const struct rule_strorigin_summary *s =
        rule_strorigin_summary_find(so, clang_getCursorReferenced(call));

    for (int k = 0; k < n && !so->lost; k++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)k);
        struct rule_strorigin_value d;
        size_t var;
        if (!rule_strorigin_param_writable(fn, k))
            continue;
        if (s != NULL && k < RULE_STRORIGIN_OUT_PARAMS) {
            so_receive_summary(so, call, k, s);
            continue;
        }
        var = so_address_of(so, arg);
        if (var != RULE_STRORIGIN_NONE) {
            so_escape(so, var, call);
            continue;
        }
        rule_strorigin_value_init(&d);
        rule_strorigin_eval(so, arg, 0, &d);
        for (size_t i = 0; i < d.n_refs; i++) {
            if (d.how[i] == RULE_STRORIGIN_ALIAS)
                so_escape(so, d.refs[i], call);
        }
    }
}

void rule_strorigin_on_call(struct rule_strorigin *so, CXCursor call)
{
    char name[64];
    const struct rule_strorigin_fn *f;

    if (so->lost)
        return;
    f = rule_strorigin_fn_find(call, name, sizeof(name));
    if (f == NULL)
        so_on_unknown_call(so, call);
    else if (f->kind == RULE_STRORIGIN_K_SCAN)
        so_on_scan(so, call, f, name);
    else if (f->dst >= 0)
        so_on_writer(so, call, f, name);
}

/* ---- classes ------------------------------------------------------------------------------- */

/* Adds to dst the flags (already converted) that src's flags become, with src's evidence for
 * copied flags and at for new ones. Returns nonzero when dst changed. */
static int so_transfer(struct rule_strorigin_var *dst, const struct rule_strorigin_var *src,
                       unsigned flags, CXCursor at)
{
    unsigned before = dst->flags;

    for (int k = 0; k < RULE_STRORIGIN_NFLAGS; k++) {
        unsigned bit = 1u << k;
        CXCursor where = (src->flags & bit) ? src->where[k] : at;
        if ((flags & bit) && !(dst->flags & bit))
            so_mark(dst, bit, where, src->source);
    }
    if ((flags & RULE_STRORIGIN_PARAM) && dst->param < 0)
        dst->param = src->param;
    if (flags & RULE_STRORIGIN_PARAM)
        dst->params |= src->params;
    return dst->flags != before;
}

/* Makes room for one more cursor in *items (n used of *cap); nonzero when memory ran out. */
void rule_strorigin_on_return(struct rule_strorigin *so, CXCursor ret)
{
    if (so->lost)
        return;
    if (ecg_grow((void **)&so->returns, &so->cap_returns, so->n_returns + 1,
                 sizeof(*so->returns)) != 0) {
        so->lost = 1;
        return;
    }
    so->returns[so->n_returns++] = ret;
}

void rule_strorigin_on_cursor(struct rule_strorigin *so, CXCursor cursor)
{
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_VarDecl:
        rule_strorigin_on_decl(so, cursor);
        break;
    case CXCursor_BinaryOperator:
        rule_strorigin_on_assign(so, cursor);
        break;
    case CXCursor_ReturnStmt:
        rule_strorigin_on_return(so, cursor);
        break;
    case CXCursor_CallExpr:
        rule_strorigin_on_call(so, cursor);
        break;
    default:
        break;
    }
}

/* src's flags, with UNKNOWN when a function not known wrote into it before offset. */
static unsigned so_flags_before(const struct rule_strorigin_var *src, unsigned offset)
{
    return src->flags | (src->escape_offset < offset ? RULE_STRORIGIN_UNKNOWN : 0u);
}

static void so_fold_members(struct rule_strorigin *so)
{
    for (size_t i = 0; i < so->n_vars; i++) {
        size_t r = so_root(so, i);
        struct rule_strorigin_var *root = &so->vars[r];
        if (r == i)
            continue;
        so_transfer(root, &so->vars[i], so->vars[i].flags, so->vars[i].decl);
        if (so->vars[i].escape_offset < root->escape_offset) {
            root->escape_offset = so->vars[i].escape_offset;
            root->escape_at = so->vars[i].escape_at;
        }
    }
}

void rule_strorigin_finish(struct rule_strorigin *so)
{
    int changed = 1;

    if (so->lost)
        return;
    so_fold_members(so);
    for (size_t round = 0; changed && round <= so->n_vars; round++) {
        changed = 0;
        for (size_t e = 0; e < so->n_edges; e++) {
            const struct rule_strorigin_edge *edge = &so->edges[e];
            struct rule_strorigin_var *dst = &so->vars[so_root(so, edge->dst)];
            const struct rule_strorigin_var *src = &so->vars[so_root(so, edge->src)];
            unsigned flags = so_flags_before(src, so_offset(edge->at));
            changed |=
                so_transfer(dst, src, rule_strorigin_convert_flags(flags, edge->kind), edge->at);
        }
    }
    rule_strorigin_summarize(so);
}

void rule_strorigin_classify(struct rule_strorigin *so, CXCursor expr, CXCursor before,
                             struct rule_strorigin_result *out)
{
    struct rule_strorigin_value v;
    struct rule_strorigin_var acc;
    unsigned offset = so_offset(before);

    memset(&acc, 0, sizeof(acc));
    acc.param = -1;
    for (int k = 0; k < RULE_STRORIGIN_NFLAGS; k++)
        acc.where[k] = clang_getNullCursor();
    rule_strorigin_value_init(&v);
    rule_strorigin_eval(so, expr, 0, &v);
    so_mark(&acc, v.flags, v.where, v.source);
    for (size_t i = 0; i < v.n_refs && !so->lost; i++) {
        const struct rule_strorigin_var *src = &so->vars[so_root(so, v.refs[i])];
        unsigned flags = so_flags_before(src, offset);
        CXCursor at = (flags & ~src->flags) != 0 ? src->escape_at : expr;
        so_transfer(&acc, src, rule_strorigin_convert_flags(flags, v.how[i]), at);
    }
    out->flags = acc.flags;
    memcpy(out->where, acc.where, sizeof(out->where));
    memcpy(out->source, acc.source, sizeof(out->source));
    out->param = acc.param;
    out->params = acc.params;
}

int rule_strorigin_flow_spliced(const struct ecg_taint_flow *flow)
{
    static const char *const appenders[] = { "by strcat()", "by strncat()", "by strlcat()",
                                             "by wcscat()", "by wcsncat()" };

    for (size_t s = 0; s < flow->n_steps; s++) {
        const char *text = flow->steps[s].text != NULL ? flow->steps[s].text : "";
        if (strncmp(text, "formatted into", 14) == 0)
            return 1;
        for (size_t i = 0; i < sizeof(appenders) / sizeof(appenders[0]); i++) {
            if (strstr(text, appenders[i]) != NULL)
                return 1;
        }
    }
    return 0;
}
