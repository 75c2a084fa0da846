/* The buffer overflow rule's facts across units (see bo_cross.h): what a value leaving the
 * unit is known to point to or hold, and what the values entering it were given elsewhere.
 * A seed says some caller passes that buffer or string: it is taken where nothing here says
 * otherwise, and the walk's last-write-wins facts drop it as soon as the value is replaced. */
#include "rules/support/bo_cross.h"
#include "rules/support/exprkey.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/taint_xunit.h"
#include "rules/rule.h"
#include "rules/support/xvalue.h"

/* What the rule knows of a value as it leaves the unit. */
struct bo_xval {
    long long bytes; /* -1 unknown */
    long long slen;  /* -1 unknown */
    CXCursor origin; /* where the size comes from, or a null cursor */
    const struct ecg_xfact *xbytes;
    const struct ecg_xfact *xslen;
};

/* Nonzero unless the rule's cross_unit option turns facts across units off. */
static int cross_on(const struct rule_bo_use *u)
{
    return rule_option_bool(u->rc, "cross_unit");
}

/* When the answers about a variable matter: its buffer size, its string length. */
struct bo_ask {
    struct rule_xwhen bytes;
    struct rule_xwhen slen;
    int slen_off; /* the string length does not matter: not asked */
};

static void resolve_when(struct rule_bo_use *u, CXCursor expr, const struct bo_ask *when);

/* Asks about what expr reads at the unit's edge only for its value handed on to place to:
 * a fact matters here only where a unit receiving to asks about it (rule_xvalue_seed_when). */
static void resolve_relayed(struct rule_bo_use *u, CXCursor expr, const struct rule_xplace *to)
{
    struct bo_ask when = { { 0, to }, { 0, to }, 0 };

    resolve_when(u, expr, &when);
}

static void xval_unknown(struct bo_xval *x)
{
    x->bytes = -1;
    x->slen = -1;
    x->origin = clang_getNullCursor();
    x->xbytes = NULL;
    x->xslen = NULL;
}

static void xval_of_var(struct bo_xval *out, const struct rule_bo_use *u, CXCursor var)
{
    const struct rule_bo_var *v = rule_bo_facts_read(&u->st->facts, var, &u->path);

    xval_unknown(out);
    if (v == NULL)
        return;
    out->bytes = v->bytes;
    out->slen = v->slen;
    out->origin = v->origin;
    out->xbytes = v->xbytes;
    out->xslen = v->xslen;
}

/* A string literal does not cross units: real code hands messages, keys and formats to
 * other units' functions everywhere, and each would make them run again for nothing. */
static int is_literal(CXCursor expr)
{
    return clang_getCursorKind(rule_exprkey_strip(expr)) == CXCursor_StringLiteral;
}

/* The seeds v's size and length came from, where out has the same ones. */
static void keep_seeds(struct bo_xval *out, const struct rule_bo_var *v)
{
    if (v->bytes >= 0 && v->bytes == out->bytes)
        out->xbytes = v->xbytes;
    if (v->slen >= 0 && v->slen == out->slen)
        out->xslen = v->xslen;
}

static void xval_of_expr(struct bo_xval *out, const struct rule_bo_use *u, CXCursor expr)
{
    const struct rule_bo_facts *f = &u->st->facts;
    const struct rule_bo_var *v = rule_bo_facts_read(f, rule_bo_facts_var(expr), &u->path);

    xval_unknown(out);
    if (is_literal(expr))
        return;
    if (!rule_bo_eval_bytes(&out->bytes, &out->origin, f, &u->path, expr))
        out->bytes = -1;
    if (!rule_bo_eval_slen(&out->slen, f, &u->path, expr))
        out->slen = -1;
    if (v != NULL)
        keep_seeds(out, v);
}

/* The step text of where a size arose: the array or the allocation. */
static const char *origin_text(char *buf, size_t size, const struct bo_xval *x)
{
    char name[64];

    if (clang_getCursorKind(x->origin) == CXCursor_CallExpr)
        snprintf(buf, size, "'%s' allocates %lld bytes",
                 rule_callee_name(x->origin, name, sizeof(name)), x->bytes);
    else
        snprintf(buf, size, "'%s' has %lld bytes", rule_cursor_name(x->origin, name, sizeof(name)),
                 x->bytes);
    return buf;
}

/* The size fact of x: from the seed it came with, else from where it arose here. */
static void xout_bytes(struct rule_xout *out, char *text, size_t size, const struct bo_xval *x)
{
    memset(out, 0, sizeof(*out));
    out->value = ECG_XV_BUFFER;
    out->size = x->bytes;
    out->where = clang_getNullRange();
    if (x->xbytes != NULL) {
        out->prior = &x->xbytes->origin;
        return;
    }
    if (clang_Cursor_isNull(x->origin))
        return;
    out->where = clang_getCursorExtent(x->origin);
    out->what_happened = origin_text(text, size, x);
}

static void xout_len(struct rule_xout *out, const struct bo_xval *x)
{
    memset(out, 0, sizeof(*out));
    out->value = ECG_XV_STRING;
    out->size = x->slen;
    out->where = clang_getNullRange();
    out->prior = x->xslen != NULL ? &x->xslen->origin : NULL;
}

static void export_arg(struct rule_bo_use *u, CXCursor call, unsigned i, int pointee,
                       const char *field, const struct bo_xval *x)
{
    char text[160];
    struct rule_xout out;

    if (x->bytes > 0) {
        xout_bytes(&out, text, sizeof(text), x);
        rule_xvalue_export_arg(u->rc, call, i, pointee, field, &out);
    }
    if (x->slen >= 0) {
        xout_len(&out, x);
        rule_xvalue_export_arg(u->rc, call, i, pointee, field, &out);
    }
}

struct bo_store_export {
    struct rule_bo_use *u;
    CXCursor call;
    unsigned arg;
    int address; /* the aggregate was passed as &v: its members are what the argument points to */
};

static void export_store(void *arg, const char *field, CXCursor assignment, CXCursor rhs)
{
    struct bo_store_export *se = arg;
    int pointee = field[0] == '\0' || se->address;
    struct rule_xplace to;
    struct bo_xval x;

    (void)assignment;
    if (rule_xvalue_arg_place(&to, se->call, se->arg, pointee, field))
        resolve_relayed(se->u, rhs, &to);
    xval_of_expr(&x, se->u, rhs);
    export_arg(se->u, se->call, se->arg, pointee, field, &x);
}

static int is_record(CXCursor var)
{
    return clang_getCanonicalType(clang_getCursorType(var)).kind == CXType_Record;
}

static void export_argument(struct rule_bo_use *u, CXCursor call, unsigned i)
{
    CXCursor arg = clang_Cursor_getArgument(call, i), var = clang_getNullCursor();
    enum rule_xarg_shape shape = rule_xvalue_arg_shape(&var, arg);
    struct bo_store_export se = { u, call, i, shape == RULE_XARG_ADDRESS };
    struct rule_xplace to;
    struct bo_xval x;

    /* &v hands on what v points to; anything else its value */
    if (rule_xvalue_arg_place(&to, call, i, shape == RULE_XARG_ADDRESS, ""))
        resolve_relayed(u, arg, &to);
    xval_of_expr(&x, u, arg);
    export_arg(u, call, i, 0, "", &x);
    if (shape == RULE_XARG_ADDRESS && !is_record(var)) {
        xval_of_var(&x, u, clang_getCanonicalCursor(var));
        export_arg(u, call, i, 1, "", &x);
    }
    if (shape == RULE_XARG_AGGREGATE || (shape == RULE_XARG_ADDRESS && is_record(var)))
        rule_xvalue_stores_into(rule_function(u->rc), var, export_store, &se);
}

void rule_bo_cross_export_call(struct rule_bo_use *u, CXCursor call)
{
    char callee[128];
    int n = clang_Cursor_getNumArguments(call);

    if (!cross_on(u) || rule_xvalue_external_callee(call, callee, sizeof(callee)) == NULL)
        return;
    for (int i = 0; i < n; i++)
        export_argument(u, call, (unsigned)i);
}

void rule_bo_cross_export_global(struct rule_bo_use *u, CXCursor var, CXCursor at, CXCursor rhs)
{
    struct bo_xval x;
    struct rule_xout out;
    struct rule_xplace to;
    char text[160];

    if (!cross_on(u))
        return;
    if (clang_getCursorKind(var) != CXCursor_VarDecl || clang_Cursor_isNull(rhs) ||
        !rule_xvalue_global_place(&to, var))
        return;
    resolve_relayed(u, rhs, &to);
    xval_of_expr(&x, u, rhs);
    if (x.bytes > 0) {
        xout_bytes(&out, text, sizeof(text), &x);
        rule_xvalue_export_global(u->rc, var, at, &out);
    }
    if (x.slen < 0)
        return;
    xout_len(&out, &x);
    rule_xvalue_export_global(u->rc, var, at, &out);
}

void rule_bo_cross_export_return(struct rule_bo_use *u, CXCursor ret, CXCursor value)
{
    CXCursor fn = rule_function(u->rc);
    struct bo_xval x;
    struct rule_xout out;
    struct rule_xplace to;
    char text[160];

    if (!cross_on(u))
        return;
    if (clang_Cursor_isNull(value) || !rule_xvalue_return_place(&to, fn))
        return;
    resolve_relayed(u, value, &to);
    xval_of_expr(&x, u, value);
    if (x.bytes > 0) {
        xout_bytes(&out, text, sizeof(text), &x);
        rule_xvalue_export_return(u->rc, fn, ret, &out);
    }
    if (x.slen < 0)
        return;
    xout_len(&out, &x);
    rule_xvalue_export_return(u->rc, fn, ret, &out);
}

/* The longest string other units gave for place, or NULL; asks for it under when. */
static const struct ecg_xfact *seed_len(const struct rule_ctx *rc, const struct rule_xplace *place,
                                        const struct rule_xwhen *when)
{
    const struct ecg_xfact *f = rule_xvalue_seed_when(rc, place, ECG_XV_STRING, when);

    return f != NULL && f->size >= 0 ? f : NULL;
}

/* The smallest buffer other units gave for place, or NULL; asks for it under when. */
static const struct ecg_xfact *seed_bytes(const struct rule_ctx *rc,
                                          const struct rule_xplace *place,
                                          const struct rule_xwhen *when)
{
    const struct ecg_xfact *b = rule_xvalue_seed_when(rc, place, ECG_XV_BUFFER, when);

    return b != NULL && b->size > 0 ? b : NULL;
}

void rule_bo_cross_import(struct rule_bo_var *val, struct rule_bo_use *u, CXCursor rhs)
{
    const struct rule_bo_var *v =
        rule_bo_facts_read(&u->st->facts, rule_bo_facts_var(rhs), &u->path);
    struct rule_xplace place;

    if (v != NULL) {
        val->xbytes = val->bytes >= 0 && val->bytes == v->bytes ? v->xbytes : NULL;
        val->xslen = val->slen >= 0 && val->slen == v->slen ? v->xslen : NULL;
        val->xread = v->xread;
        return;
    }
    if (rule_xvalue_place_of(&place, rule_function(u->rc), rhs))
        val->xread = rhs;
}

static void resolve_bytes(struct rule_bo_use *u, struct rule_bo_var *v,
                          const struct rule_xplace *place, const struct bo_ask *when)
{
    const struct ecg_xfact *seed = seed_bytes(u->rc, place, when != NULL ? &when->bytes : NULL);

    v->bytes = seed != NULL ? seed->size : -1;
    v->xbytes = seed;
}

static void resolve_slen(struct rule_bo_use *u, struct rule_bo_var *v,
                         const struct rule_xplace *place, const struct bo_ask *when)
{
    const struct ecg_xfact *seed = seed_len(u->rc, place, when != NULL ? &when->slen : NULL);

    v->slen = seed != NULL ? seed->size : -1;
    v->xslen = seed;
}

/* Asks other units what the read at the unit's edge that v holds is (under when), and
 * records the answer in v where v does not know it. */
static void resolve_var(struct rule_bo_use *u, struct rule_bo_var *v, CXCursor read,
                        const struct bo_ask *when)
{
    struct rule_xplace place;

    if (!rule_xvalue_place_of(&place, rule_function(u->rc), read))
        return;
    if (v->bytes < 0)
        resolve_bytes(u, v, &place, when);
    if (v->slen < 0 && (when == NULL || !when->slen_off))
        resolve_slen(u, v, &place, when);
}

/* The read at the unit's edge whose value var (named by ref) holds: ref itself for a
 * parameter or global not written here yet, else what the variable was set from. */
static CXCursor edge_read(CXCursor ref, CXCursor var, const struct rule_bo_var *known)
{
    int on_entry = clang_getCursorKind(var) == CXCursor_ParmDecl || rule_xvalue_external(var);

    if (known == NULL)
        return on_entry ? ref : clang_getNullCursor();
    if (!known->assigned && on_entry)
        return ref;
    return known->xread;
}

static void resolve_ref(struct rule_bo_use *u, CXCursor ref, const struct bo_ask *when)
{
    CXCursor var = rule_bo_facts_var(ref);
    const struct rule_bo_var *known = rule_bo_facts_read(&u->st->facts, var, &u->path);
    CXCursor read = clang_Cursor_isNull(var) ? var : edge_read(ref, var, known);
    struct rule_bo_var *v;

    if (clang_Cursor_isNull(read) || (known != NULL && known->bytes >= 0 && known->slen >= 0))
        return;
    v = rule_bo_facts_get(&u->st->facts, var);
    if (v == NULL)
        return;
    if (known == NULL) {
        v->entry = var;
        v->origin = clang_getCursorReferenced(ref);
    }
    resolve_var(u, v, read, when);
}

#define BO_X_DEPTH 8 /* levels of an expression looked into, as far as the evaluator looks */

struct bo_resolve {
    struct rule_bo_use *u;
    const struct bo_ask *when;
    int depth;
};

static void resolve_at(const struct bo_resolve *r, CXCursor expr);

static enum CXChildVisitResult visit_resolve(CXCursor c, CXCursor parent, CXClientData data)
{
    const struct bo_resolve *r = data;
    struct bo_resolve below = { r->u, r->when, r->depth + 1 };

    (void)parent;
    resolve_at(&below, c);
    return CXChildVisit_Continue;
}

static void resolve_at(const struct bo_resolve *r, CXCursor expr)
{
    if (clang_getCursorKind(expr) == CXCursor_DeclRefExpr)
        resolve_ref(r->u, expr, r->when);
    else if (r->depth < BO_X_DEPTH)
        clang_visitChildren(expr, visit_resolve, (CXClientData)r);
}

static void resolve_when(struct rule_bo_use *u, CXCursor expr, const struct bo_ask *when)
{
    struct bo_resolve r = { u, when, 0 };

    if (!cross_on(u))
        return;
    if (!clang_Cursor_isNull(expr))
        resolve_at(&r, expr);
}

void rule_bo_cross_resolve(struct rule_bo_use *u, CXCursor expr)
{
    resolve_when(u, expr, NULL);
}

void rule_bo_cross_resolve_sink(struct rule_bo_use *u, CXCursor expr, long long bytes,
                                long long chars)
{
    struct bo_ask when = { { bytes > 0 ? bytes : 0, NULL },
                           { chars > 0 ? chars : 0, NULL },
                           chars < 0 };

    resolve_when(u, expr, &when);
}

void rule_bo_cross_notes(struct rule_bo_use *u, struct ecg_finding *f, CXCursor dst,
                         CXCursor src_var)
{
    const struct rule_bo_facts *facts = &u->st->facts;
    const struct rule_bo_var *d = rule_bo_facts_read(facts, rule_bo_facts_var(dst), &u->path);
    const struct rule_bo_var *s = rule_bo_facts_read(facts, src_var, &u->path);

    if (f == NULL)
        return;
    if (d != NULL && d->xbytes != NULL)
        rule_xvalue_add_steps(u->rc, f, d->xbytes);
    if (s != NULL && s->xslen != NULL && (d == NULL || s->xslen != d->xbytes))
        rule_xvalue_add_steps(u->rc, f, s->xslen);
}
