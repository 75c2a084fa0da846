/* Pointer states across translation units: which reads and writes sit at the unit's edge,
 * the seeds other units gave for them, and the facts a rule hands on (see xvalue.h). */
#include "rules/support/xvalue.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/opcode.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"

/* Looks through parentheses, implicit conversions and casts as written. */
static CXCursor strip_casts(CXCursor expr)
{
    /* Bounded by the casts and parentheses written around one operand. */
    for (;;) {
        CXCursor inner = rule_expr_strip(expr);
        CXCursor operand = clang_getNullCursor();
        if (clang_getCursorKind(inner) != CXCursor_CStyleCastExpr)
            return inner;
        /* the operand is the cast's last child; a named type may come first */
        for (unsigned i = 0;; i++) {
            CXCursor c = ecg_cursor_child(inner, i);
            if (clang_Cursor_isNull(c))
                break;
            operand = c;
        }
        if (clang_Cursor_isNull(operand))
            return inner;
        expr = operand;
    }
}

int rule_xvalue_external(CXCursor decl)
{
    return clang_getCursorLinkage(decl) == CXLinkage_External;
}

static void copy_name(char *buf, size_t size, CXCursor cursor)
{
    CXString s = clang_getCursorSpelling(cursor);

    snprintf(buf, size, "%s", clang_getCString(s));
    clang_disposeString(s);
}

/* The index of the parameter decl among fn's, or -1. */
static int param_index(CXCursor fn, CXCursor decl)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < n; i++) {
        if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), decl))
            return i;
    }
    return -1;
}

/* Fills out for a read of decl (a parameter of fn or an external global). */
static int place_of_decl(struct rule_xplace *out, CXCursor fn, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    int index;

    if (kind == CXCursor_ParmDecl && rule_xvalue_external(fn)) {
        index = param_index(fn, decl);
        if (index < 0)
            return 0;
        out->what = ECG_XF_ARG;
        out->index = (uint32_t)index;
        copy_name(out->name, sizeof(out->name), fn);
        return 1;
    }
    if (kind == CXCursor_VarDecl && rule_xvalue_external(decl)) {
        out->what = ECG_XF_GLOBAL;
        copy_name(out->name, sizeof(out->name), decl);
        return 1;
    }
    return 0;
}

/* The parameter (or global) a pointer expression reads: directly, or through a local whose
 * initialiser is an explicit cast of one (char **p = (char **)voidPtr). */
static CXCursor pointer_root(CXCursor expr)
{
    /* two hops: a local copy of the parameter, as in char **p = (char **)voidPtr */
    for (int hop = 0; hop < 2; hop++) {
        CXCursor e = strip_casts(expr);
        CXCursor decl;
        if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
            return clang_getNullCursor();
        decl = clang_getCursorReferenced(e);
        if (clang_getCursorKind(decl) != CXCursor_VarDecl || rule_xvalue_external(decl))
            return decl;
        if (clang_getCursorLinkage(decl) != CXLinkage_NoLinkage)
            return clang_getNullCursor();
        expr = rule_expr_strip(clang_Cursor_getVarDeclInitializer(decl));
        if (clang_getCursorKind(expr) != CXCursor_CStyleCastExpr)
            return clang_getNullCursor();
    }
    return clang_getNullCursor();
}

static int is_pointer(CXCursor expr)
{
    return clang_getCanonicalType(clang_getCursorType(expr)).kind == CXType_Pointer;
}

/* s.f or p->f: the base's place, with the member. */
static int place_of_member(struct rule_xplace *out, CXCursor fn, CXCursor member)
{
    CXCursor base = strip_casts(ecg_cursor_child(member, 0));
    CXCursor decl;

    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return 0;
    decl = clang_getCursorReferenced(base);
    if (!place_of_decl(out, fn, decl))
        return 0;
    out->pointee = is_pointer(base) ? 1 : 0;
    copy_name(out->field, sizeof(out->field), member);
    return 1;
}

/* *p or p[k]: what the parameter (or global) p points to. */
static int place_of_pointee(struct rule_xplace *out, CXCursor fn, CXCursor base)
{
    CXCursor root = pointer_root(base);

    if (clang_Cursor_isNull(root) || !place_of_decl(out, fn, root))
        return 0;
    out->pointee = 1;
    return 1;
}

static int place_of_call(struct rule_xplace *out, CXCursor call)
{
    if (rule_xvalue_external_callee(call, out->name, sizeof(out->name)) == NULL)
        return 0;
    out->what = ECG_XF_RET;
    return 1;
}

int rule_xvalue_place_of(struct rule_xplace *out, CXCursor fn, CXCursor expr)
{
    CXCursor e = strip_casts(expr);
    struct rule_xplace place;
    int found = 0;

    memset(&place, 0, sizeof(place));
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr:
        found = place_of_decl(&place, fn, clang_getCursorReferenced(e));
        break;
    case CXCursor_UnaryOperator:
        found = ecg_opcode_of(e) == ECG_OP_DEREF &&
                place_of_pointee(&place, fn, ecg_cursor_child(e, 0));
        break;
    case CXCursor_ArraySubscriptExpr:
        found = place_of_pointee(&place, fn, ecg_cursor_child(e, 0));
        break;
    case CXCursor_MemberRefExpr:
        found = place_of_member(&place, fn, e);
        break;
    case CXCursor_CallExpr:
        found = place_of_call(&place, e);
        break;
    default:
        break;
    }
    if (found)
        *out = place;
    return found;
}

static int matches(const struct ecg_xfact *f, const struct rule_xplace *place, uint8_t value)
{
    return f->value == value && f->what == place->what && f->pointee == place->pointee &&
           (place->what != ECG_XF_ARG || f->index == place->index) &&
           strcmp(f->name, place->name) == 0 &&
           strcmp(f->field != NULL ? f->field : "", place->field) == 0;
}

/* The question about the state value of place, without a condition. */
static void question_of(struct ecg_xfact *out, const struct rule_xplace *place, uint8_t value)
{
    memset(out, 0, sizeof(*out));
    out->value = value;
    out->what = place->what;
    out->pointee = place->pointee;
    out->index = place->what == ECG_XF_ARG ? place->index : 0;
    out->name = (char *)place->name;
    out->field = (char *)place->field;
}

/* Records the question, so other units' facts for place reach this unit (rule_xvalue_want)
 * when they meet the condition. */
static void ask(const struct rule_ctx *rc, const struct rule_xplace *place, uint8_t value,
                const struct rule_xwhen *when)
{
    struct ecg_xfact question, target;
    char relay[ECG_XWANT_KEY_MAX];

    question_of(&question, place, value);
    if (when != NULL && when->relay != NULL) {
        question_of(&target, when->relay, value);
        ecg_taint_xunit_want_key(relay, sizeof(relay), &target);
        question.relay = relay;
    } else if (when != NULL && when->bound > 0) {
        question.size = when->bound;
    }
    rule_xvalue_want(rc, &question);
}

static int worse(const struct ecg_xfact *a, const struct ecg_xfact *b)
{
    return a->value == ECG_XV_STRING ? a->size > b->size : a->size < b->size;
}

const struct ecg_xfact *rule_xvalue_seed(const struct rule_ctx *rc, const struct rule_xplace *place,
                                         uint8_t value)
{
    return rule_xvalue_seed_when(rc, place, value, NULL);
}

const struct ecg_xfact *rule_xvalue_seed_when(const struct rule_ctx *rc,
                                              const struct rule_xplace *place, uint8_t value,
                                              const struct rule_xwhen *when)
{
    const struct ecg_xfacts *seeds = rule_xvalue_seeds(rc);
    const struct ecg_xfact *best = NULL;

    ask(rc, place, value, when);
    for (size_t i = 0; seeds != NULL && i < seeds->len; i++) {
        const struct ecg_xfact *f = &seeds->items[i];
        if (!matches(f, place, value))
            continue;
        /* the smallest buffer and the longest string are the ones a copy overflows first */
        if (best == NULL || (f->size >= 0 && (best->size < 0 || worse(f, best))))
            best = f;
    }
    return best;
}

const struct ecg_xfact *rule_xvalue_seed_of(const struct rule_ctx *rc, CXCursor fn, CXCursor expr,
                                            uint8_t value)
{
    struct rule_xplace place;

    if (!rule_xvalue_place_of(&place, fn, expr))
        return NULL;
    return rule_xvalue_seed(rc, &place, value);
}

void rule_xvalue_add_steps(struct rule_ctx *rc, struct ecg_finding *f, const struct ecg_xfact *seed)
{
    rule_add_xsteps(rc, f, &seed->origin);
}

const char *rule_xvalue_external_callee(CXCursor call, char *buf, size_t size)
{
    CXCursor target = rule_calltarget_of(call);

    if (clang_getCursorKind(target) != CXCursor_FunctionDecl || !rule_xvalue_external(target))
        return NULL;
    if (!clang_Cursor_isNull(clang_getCursorDefinition(target)) ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(target)))
        return NULL;
    copy_name(buf, size, target);
    return buf[0] != '\0' ? buf : NULL;
}

static enum rule_xarg_shape shape_of_decl(CXCursor *out_var, CXCursor decl, int address)
{
    enum CXTypeKind type;
    enum CXCursorKind kind = clang_getCursorKind(decl);

    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl)
        return RULE_XARG_OTHER;
    *out_var = decl;
    if (address)
        return RULE_XARG_ADDRESS;
    type = clang_getCanonicalType(clang_getCursorType(decl)).kind;
    if (type == CXType_ConstantArray || type == CXType_Record)
        return RULE_XARG_AGGREGATE;
    return type == CXType_Pointer ? RULE_XARG_VALUE : RULE_XARG_OTHER;
}

enum rule_xarg_shape rule_xvalue_arg_shape(CXCursor *out_var, CXCursor arg)
{
    CXCursor e = strip_casts(arg);
    int address = 0;

    if (clang_getCursorKind(e) == CXCursor_UnaryOperator && ecg_opcode_of(e) == ECG_OP_ADDROF) {
        address = 1;
        e = strip_casts(ecg_cursor_child(e, 0));
    }
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return RULE_XARG_OTHER;
    return shape_of_decl(out_var, clang_getCursorReferenced(e), address);
}

struct store_walk {
    CXCursor var;
    rule_xvalue_store_fn visit;
    void *arg;
};

/* The member a store's target names when it is var[k] or var.f, else NULL (field "" for an
 * element). */
static int store_target(char *field, size_t size, CXCursor lhs, CXCursor var)
{
    CXCursor target = strip_casts(lhs);
    enum CXCursorKind kind = clang_getCursorKind(target);
    CXCursor base;

    if (kind != CXCursor_ArraySubscriptExpr && kind != CXCursor_MemberRefExpr)
        return 0;
    base = strip_casts(ecg_cursor_child(target, 0));
    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr ||
        !clang_equalCursors(clang_getCursorReferenced(base), var))
        return 0;
    field[0] = '\0';
    if (kind == CXCursor_MemberRefExpr)
        copy_name(field, size, target);
    return 1;
}

static enum CXChildVisitResult visit_store(CXCursor c, CXCursor parent, CXClientData data)
{
    struct store_walk *sw = data;
    char field[128];

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator && ecg_opcode_of(c) == ECG_OP_ASSIGN &&
        store_target(field, sizeof(field), ecg_cursor_child(c, 0), sw->var))
        sw->visit(sw->arg, field, c, ecg_cursor_child(c, 1));
    return CXChildVisit_Recurse;
}

void rule_xvalue_stores_into(CXCursor fn, CXCursor var, rule_xvalue_store_fn visit, void *arg)
{
    struct store_walk sw = { var, visit, arg };

    clang_visitChildren(fn, visit_store, &sw);
}

/* One step of a fact: the place of range, with text. */
static int make_step(struct ecg_xstep *out, struct rule_ctx *rc, CXSourceRange range,
                     const char *text)
{
    CXSourceLocation begin = clang_getRangeStart(range);
    CXFile file, end_file;
    unsigned line, col, end_line, end_col;
    const char *path = rule_location_path(rc, begin);

    if (path == NULL)
        return 0;
    clang_getExpansionLocation(begin, &file, &line, &col, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(range), &end_file, &end_line, &end_col, NULL);
    if (!clang_File_isEqual(file, end_file) || end_line < line ||
        (end_line == line && end_col < col)) {
        end_line = line;
        end_col = col;
    }
    *out = (struct ecg_xstep){ (char *)path, line, col, end_line, end_col, (char *)text };
    return 1;
}

/* At most this many steps: a chain through many units keeps its first ones and the last two. */
#define XVALUE_MAX_STEPS 24

/* Builds fact's steps: out's prior steps, where the state arose, then the hand-over. */
static void export_fact(struct rule_ctx *rc, struct ecg_xfact *fact, const struct rule_xout *out,
                        CXSourceRange at, const char *handover)
{
    struct ecg_xstep steps[XVALUE_MAX_STEPS];
    size_t n = 0;
    size_t prior = out->prior != NULL ? out->prior->n_steps : 0;

    for (size_t i = 0; i < prior && n < XVALUE_MAX_STEPS - 2; i++)
        steps[n++] = out->prior->steps[i];
    if (!clang_Range_isNull(out->where) && out->what_happened != NULL &&
        make_step(&steps[n], rc, out->where, out->what_happened))
        n++;
    if (make_step(&steps[n], rc, at, handover))
        n++;
    fact->value = out->value;
    fact->size = out->size;
    fact->origin.kind = 0;
    fact->origin.steps = steps;
    fact->origin.n_steps = n;
    rule_xvalue_export(rc, fact);
}

int rule_xvalue_arg_place(struct rule_xplace *out, CXCursor call, unsigned arg, int pointee,
                          const char *field)
{
    struct rule_xplace place;

    memset(&place, 0, sizeof(place));
    if (rule_xvalue_external_callee(call, place.name, sizeof(place.name)) == NULL)
        return 0;
    place.what = ECG_XF_ARG;
    place.index = arg;
    place.pointee = pointee != 0;
    snprintf(place.field, sizeof(place.field), "%s", field != NULL ? field : "");
    *out = place;
    return 1;
}

/* The place of a name with external linkage that what says. */
static int named_place(struct rule_xplace *out, CXCursor decl, uint8_t what)
{
    if (!rule_xvalue_external(decl))
        return 0;
    memset(out, 0, sizeof(*out));
    out->what = what;
    copy_name(out->name, sizeof(out->name), decl);
    return 1;
}

int rule_xvalue_return_place(struct rule_xplace *out, CXCursor fn)
{
    return named_place(out, fn, ECG_XF_RET);
}

int rule_xvalue_global_place(struct rule_xplace *out, CXCursor var)
{
    return named_place(out, var, ECG_XF_GLOBAL);
}

void rule_xvalue_export_arg(struct rule_ctx *rc, CXCursor call, unsigned arg, int pointee,
                            const char *field, const struct rule_xout *out)
{
    struct ecg_xfact fact;
    char callee[128];
    char text[200];

    if (rule_xvalue_external_callee(call, callee, sizeof(callee)) == NULL)
        return;
    memset(&fact, 0, sizeof(fact));
    fact.what = ECG_XF_ARG;
    fact.pointee = pointee != 0;
    fact.index = arg;
    fact.name = callee;
    fact.field = (char *)(field != NULL ? field : "");
    snprintf(text, sizeof(text), "passed to %s() as argument %u", callee, arg + 1);
    export_fact(rc, &fact, out, clang_getCursorExtent(call), text);
}

void rule_xvalue_export_global(struct rule_ctx *rc, CXCursor var, CXCursor at,
                               const struct rule_xout *out)
{
    struct ecg_xfact fact;
    char name[128];
    char text[200];

    if (!rule_xvalue_external(var))
        return;
    copy_name(name, sizeof(name), var);
    memset(&fact, 0, sizeof(fact));
    fact.what = ECG_XF_GLOBAL;
    fact.name = name;
    fact.field = "";
    snprintf(text, sizeof(text), "stored in the global '%s'", name);
    export_fact(rc, &fact, out, clang_getCursorExtent(at), text);
}

void rule_xvalue_export_return(struct rule_ctx *rc, CXCursor fn, CXCursor ret,
                               const struct rule_xout *out)
{
    struct ecg_xfact fact;
    char name[128];
    char text[200];

    if (!rule_xvalue_external(fn))
        return;
    copy_name(name, sizeof(name), fn);
    memset(&fact, 0, sizeof(fact));
    fact.what = ECG_XF_RET;
    fact.name = name;
    fact.field = "";
    snprintf(text, sizeof(text), "returned by %s()", name);
    export_fact(rc, &fact, out, clang_getCursorExtent(ret), text);
}
