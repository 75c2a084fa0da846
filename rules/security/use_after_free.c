/* security-use-after-free: a block used, passed on or freed again after free() on some
 * feasible path of one function (CWE-416, CWE-415), with the unit's functions that free a
 * parameter or return a freed block summarised to a fixed point, freed globals handed to
 * the unit's callees, and freed blocks other units pass, store or return (xvalue.h).
 * Known gaps: a global freed in one function and read by one it does not call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "analyzer/error.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/calltarget.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/uaf_flow.h"
#include "rules/support/uaf_xunit.h"
#include "rules/support/xvalue.h"

#define UAF_NAME 96
#define UAF_ROUNDS 4 /* summary rounds: wrappers of wrappers of free */

struct uaf_fn {
    CXCursor fn;
    char name[UAF_NAME];
    size_t callee_first; /* into uaf_state.callees */
    size_t n_callees;
    uint32_t frees; /* summary: parameters freed on every path that returns */
    int returns_freed;
    uint32_t reads; /* parameters its body may read through: not only compares */
    int direct;     /* calls a deallocator or realloc itself */
    int dirty;      /* to be analysed (again) */
    int done;       /* analysed at least once */
    int seeded;     /* a block may enter it freed: from a caller's global or another unit */
};

struct uaf_found {
    size_t fn;
    struct rule_uaf_report r;
};

struct uaf_left {
    size_t fn;
    struct rule_uaf_exit x;
};

/* A caller of the unit calls fn while global holds a block it freed at free_node. */
struct uaf_gseed {
    size_t fn;
    CXCursor global; /* canonical declaration */
    uint32_t free_node;
};

struct uaf_state {
    struct uaf_fn *fns;
    size_t n_fns, cap_fns;
    char (*callees)[UAF_NAME]; /* names of the unit's functions each function calls */
    size_t n_callees, cap_callees;
    struct uaf_found *found;
    size_t n_found, cap_found;
    struct uaf_left *left; /* the exits of each function's latest run */
    size_t n_left, cap_left;
    struct uaf_gseed *gseeds;
    size_t n_gseeds, cap_gseeds;
    int in_fn;
    int oom;
};

static void uaf_state_fini(void *state)
{
    struct uaf_state *st = state;

    free(st->fns);
    free(st->callees);
    free(st->found);
    free(st->left);
    free(st->gseeds);
}

static void uaf_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct uaf_state *st = rule_state(rc);
    struct uaf_fn *f;

    st->in_fn = 0;
    if (ecg_grow((void **)&st->fns, &st->cap_fns, st->n_fns + 1, sizeof(*st->fns)) != 0) {
        st->oom = 1;
        return;
    }
    f = &st->fns[st->n_fns++];
    memset(f, 0, sizeof(*f));
    f->fn = fn;
    rule_cursor_name(fn, f->name, sizeof(f->name));
    f->callee_first = st->n_callees;
    st->in_fn = 1;
}

static int uaf_is_realloc(const char *name)
{
    return strcmp(name, "realloc") == 0 || strcmp(name, "reallocarray") == 0;
}

/* Records that the current function calls name, a function defined in the unit. */
static void uaf_add_callee(struct uaf_state *st, const char *name)
{
    struct uaf_fn *f = &st->fns[st->n_fns - 1];

    for (size_t i = 0; i < f->n_callees; i++) {
        if (strcmp(st->callees[f->callee_first + i], name) == 0)
            return;
    }
    if (ecg_grow((void **)&st->callees, &st->cap_callees, st->n_callees + 1,
                 sizeof(*st->callees)) != 0) {
        st->oom = 1;
        return;
    }
    memcpy(st->callees[st->n_callees++], name, UAF_NAME);
    f->n_callees++;
}

static void uaf_on_call(struct rule_ctx *rc, CXCursor call)
{
    struct uaf_state *st = rule_state(rc);
    CXCursor target = rule_calltarget_of(call);
    char name[UAF_NAME];

    if (!st->in_fn || st->oom || clang_Cursor_isNull(rule_function(rc)))
        return;
    memset(name, 0, sizeof(name));
    rule_cursor_name(target, name, sizeof(name));
    if (rule_option_list_has(rc, "deallocators", name) || uaf_is_realloc(name)) {
        st->fns[st->n_fns - 1].direct = 1;
        return;
    }
    if (clang_getCursorKind(target) != CXCursor_FunctionDecl)
        return;
    if (!clang_Cursor_isNull(clang_getCursorDefinition(target)))
        uaf_add_callee(st, name);
}

/* Nonzero when the expression or statement a, of kind kind, only tests its operand. */
static int uaf_tests_value(CXCursor a, enum CXCursorKind kind)
{
    enum ecg_op op;

    if (kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt)
        return 1;
    if (kind != CXCursor_BinaryOperator && kind != CXCursor_UnaryOperator)
        return 0;
    op = ecg_opcode_of(a);
    return op == ECG_OP_NOT || ecg_opcode_is_comparison(op);
}

/* Nonzero when the reference the walk is at only tests or compares its value. */
static int uaf_only_compared(struct rule_ctx *rc)
{
    for (size_t up = 0; up < 16; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
            kind == CXCursor_CStyleCastExpr)
            continue;
        return uaf_tests_value(a, kind);
    }
    return 0;
}

/* A reference to one of the current function's parameters. */
static void uaf_on_ref(struct rule_ctx *rc, CXCursor ref)
{
    struct uaf_state *st = rule_state(rc);
    CXCursor decl = clang_getCursorReferenced(ref);
    CXCursor fn = rule_function(rc);
    int n;

    if (!st->in_fn || clang_getCursorKind(decl) != CXCursor_ParmDecl || clang_Cursor_isNull(fn))
        return;
    n = clang_Cursor_getNumArguments(fn);
    for (int i = 0; i < n && i < 32; i++) {
        if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), decl) &&
            !uaf_only_compared(rc))
            st->fns[st->n_fns - 1].reads |= 1u << i;
    }
}

/* Asks what other units say of the pointer the expression c reads (a parameter, what it
 * points to, a global, another unit's result): their facts reach this unit only where it
 * asked. A function where a freed block may enter is analysed. */
static void uaf_ask(struct rule_ctx *rc, CXCursor c)
{
    struct uaf_state *st = rule_state(rc);
    CXCursor fn = rule_function(rc);

    if (!st->in_fn || st->oom || clang_Cursor_isNull(fn) ||
        clang_getCanonicalType(clang_getCursorType(c)).kind != CXType_Pointer)
        return;
    if (rule_uaf_xunit_seed(rc, fn, c) != NULL)
        st->fns[st->n_fns - 1].seeded = 1;
}

static void uaf_on_cursor(struct rule_ctx *rc, CXCursor c)
{
    enum CXCursorKind kind = clang_getCursorKind(c);

    if (kind == CXCursor_CallExpr)
        uaf_on_call(rc, c);
    else if (kind == CXCursor_DeclRefExpr)
        uaf_on_ref(rc, c);
    uaf_ask(rc, c);
}

static const struct uaf_fn *uaf_find(const struct uaf_state *st, const char *name)
{
    for (size_t i = 0; i < st->n_fns; i++) {
        if (strcmp(st->fns[i].name, name) == 0)
            return &st->fns[i];
    }
    return NULL;
}

/* The index of the format among a printf-family call's arguments, or -1. */
static int uaf_format_index(const char *name)
{
    static const struct {
        const char *name;
        int format;
    } table[] = { { "printf", 0 },   { "fprintf", 1 }, { "dprintf", 1 }, { "sprintf", 1 },
                  { "snprintf", 2 }, { "syslog", 1 },  { "wprintf", 0 }, { "fwprintf", 1 } };

    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (strcmp(table[i].name, name) == 0)
            return table[i].format;
    }
    return -1;
}

/* printf's %p arguments are printed as values, not read through. */
static uint32_t uaf_printf_keeps(CXCursor call, const char *name)
{
    int format = uaf_format_index(name);
    int n = clang_Cursor_getNumArguments(call);
    char text[512];
    uint32_t keeps = 0;

    if (format < 0 || format >= n ||
        !rule_expr_string_value(clang_Cursor_getArgument(call, (unsigned)format), text,
                                sizeof(text)))
        return 0;
    for (int j = format + 1; j < n && j < 32; j++) {
        if (rule_libc_printf_conversion(text, (unsigned)(j - format - 1), 0, NULL) == 'p')
            keeps |= 1u << j;
    }
    return keeps;
}

/* A function defined in another unit is taken to read the blocks it receives through a
 * pointer to const, which exists to be read; any other argument is not followed. */
static uint32_t uaf_pointer_params(CXCursor fn, int want_const);

static uint32_t uaf_unread_params(CXCursor fn)
{
    return ~uaf_pointer_params(fn, 1);
}

/* The parameters of fn that are pointers to const (with want_const) or to non-const. */
static uint32_t uaf_pointer_params(CXCursor fn, int want_const)
{
    CXType type = clang_getCursorType(fn);
    int n = clang_getNumArgTypes(type);
    uint32_t mask = 0;

    for (int i = 0; i < n && i < 32; i++) {
        CXType t = clang_getCanonicalType(clang_getArgType(type, (unsigned)i));
        if (t.kind == CXType_Pointer &&
            !clang_isConstQualifiedType(clang_getPointeeType(t)) == !want_const)
            mask |= 1u << i;
    }
    return mask;
}

struct uaf_resolver {
    struct rule_ctx *rc;
    const struct uaf_state *st;
    size_t fn; /* the function being run */
};

/* Whether call leaves the unit (or calls one of its functions), and what other units said
 * of its result. */
static void uaf_resolve_edge(const struct uaf_resolver *r, CXCursor call, struct rule_uaf_call *out)
{
    char name[UAF_NAME];

    if (rule_xvalue_external_callee(call, name, sizeof(name)) != NULL) {
        out->external = 1;
        out->ret_origin = rule_uaf_xunit_seed(r->rc, r->st->fns[r->fn].fn, call);
        return;
    }
    rule_cursor_name(rule_calltarget_of(call), name, sizeof(name));
    out->internal = uaf_find(r->st, name) != NULL;
}

/* A block that enters the function being run freed: a global a caller of the unit left
 * freed, or a place another unit's fact names. */
static int uaf_seed(void *arg, CXCursor read, struct rule_uaf_seed *out)
{
    const struct uaf_resolver *r = arg;
    const struct uaf_state *st = r->st;
    CXCursor decl = clang_getNullCursor();

    if (clang_getCursorKind(read) == CXCursor_DeclRefExpr)
        decl = clang_getCanonicalCursor(clang_getCursorReferenced(read));
    for (size_t i = 0; !clang_Cursor_isNull(decl) && i < st->n_gseeds; i++) {
        if (st->gseeds[i].fn == r->fn && clang_equalCursors(st->gseeds[i].global, decl)) {
            out->free_node = st->gseeds[i].free_node;
            return 1;
        }
    }
    out->origin = rule_uaf_xunit_seed(r->rc, st->fns[r->fn].fn, read);
    return out->origin != NULL;
}

static void uaf_resolve(void *arg, CXCursor call, struct rule_uaf_call *out)
{
    const struct uaf_resolver *r = arg;
    CXCursor target = rule_calltarget_of(call);
    char name[UAF_NAME];
    const struct uaf_fn *f;

    memset(name, 0, sizeof(name));
    rule_cursor_name(target, name, sizeof(name));
    if (rule_option_list_has(r->rc, "deallocators", name)) {
        out->releases = 1; /* a function, or a pointer to one (curl's Curl_cfree) */
        return;
    }
    if (clang_getCursorKind(target) != CXCursor_FunctionDecl) {
        out->opaque = 1;
        out->keeps = UINT32_MAX; /* not followed: silent */
        return;
    }
    out->opaque = !clang_Location_isInSystemHeader(clang_getCursorLocation(target));
    uaf_resolve_edge(r, call, out);
    out->reallocates = uaf_is_realloc(name);
    out->keeps = uaf_printf_keeps(call, name);
    out->writes = out->opaque ? 0 : uaf_pointer_params(target, 0);
    f = out->opaque ? uaf_find(r->st, name) : NULL;
    if (f != NULL) {
        out->releases = f->frees;
        out->wrapper = 1;
        out->returns_freed = f->returns_freed;
        out->keeps = ~f->reads;
    } else if (out->opaque) {
        out->keeps = uaf_unread_params(target);
    }
}

/* Nonzero when f is worth running: it frees, or calls a function that does. */
static int uaf_needed(const struct uaf_state *st, const struct uaf_fn *f)
{
    if (f->direct || f->seeded)
        return 1;
    for (size_t i = 0; i < f->n_callees; i++) {
        const struct uaf_fn *g = uaf_find(st, st->callees[f->callee_first + i]);
        if (g != NULL && (g->frees != 0 || g->returns_freed))
            return 1;
    }
    return 0;
}

/* Keeps the reports of fn's latest run only. */
static void uaf_keep_reports(struct uaf_state *st, size_t fn, const struct rule_uaf_result *res)
{
    size_t kept = 0;

    for (size_t i = 0; i < st->n_found; i++) {
        if (st->found[i].fn != fn)
            st->found[kept++] = st->found[i];
    }
    st->n_found = kept;
    for (size_t i = 0; i < res->n_reports; i++) {
        if (ecg_grow((void **)&st->found, &st->cap_found, st->n_found + 1, sizeof(*st->found)) !=
            0) {
            st->oom = 1;
            return;
        }
        st->found[st->n_found].fn = fn;
        st->found[st->n_found++].r = res->reports[i];
    }
}

/* Keeps the exits of fn's latest run only. */
static void uaf_keep_exits(struct uaf_state *st, size_t fn, const struct rule_uaf_result *res)
{
    size_t kept = 0;

    for (size_t i = 0; i < st->n_left; i++) {
        if (st->left[i].fn != fn)
            st->left[kept++] = st->left[i];
    }
    st->n_left = kept;
    for (size_t i = 0; i < res->n_exits; i++) {
        if (ecg_grow((void **)&st->left, &st->cap_left, st->n_left + 1, sizeof(*st->left)) != 0) {
            st->oom = 1;
            return;
        }
        st->left[st->n_left].fn = fn;
        st->left[st->n_left++].x = res->exits[i];
    }
}

static size_t uaf_find_index(const struct uaf_state *st, const char *name)
{
    const struct uaf_fn *f = uaf_find(st, name);

    return f != NULL ? (size_t)(f - st->fns) : SIZE_MAX;
}

/* The global of x holds a block freed in this unit when x's callee, a function of the unit,
 * is called: the callee starts with it freed. */
static void uaf_seed_callee(struct uaf_state *st, const struct rule_uaf_exit *x)
{
    char name[UAF_NAME];
    CXCursor global = clang_getCanonicalCursor(x->global);
    size_t callee;

    rule_cursor_name(rule_calltarget_of(x->at), name, sizeof(name));
    callee = uaf_find_index(st, name);
    if (callee == SIZE_MAX || x->origin != NULL)
        return;
    for (size_t i = 0; i < st->n_gseeds; i++) {
        if (st->gseeds[i].fn == callee && clang_equalCursors(st->gseeds[i].global, global))
            return;
    }
    if (ecg_grow((void **)&st->gseeds, &st->cap_gseeds, st->n_gseeds + 1, sizeof(*st->gseeds)) !=
        0) {
        st->oom = 1;
        return;
    }
    st->gseeds[st->n_gseeds++] = (struct uaf_gseed){ callee, global, x->free_node };
    st->fns[callee].seeded = 1;
    st->fns[callee].dirty = 1;
}

/* f's summary changed: its callers are run again. */
static void uaf_dirty_callers(struct uaf_state *st, const char *name)
{
    for (size_t i = 0; i < st->n_fns; i++) {
        struct uaf_fn *g = &st->fns[i];
        for (size_t j = 0; j < g->n_callees; j++) {
            if (strcmp(st->callees[g->callee_first + j], name) == 0)
                g->dirty = 1;
        }
    }
}

static int uaf_run_one(struct uaf_state *st, struct rule_uaf *flow, size_t i,
                       struct uaf_resolver *r)
{
    struct uaf_fn *f = &st->fns[i];
    struct rule_uaf_result res;
    int rc;

    f->dirty = 0;
    f->done = 1;
    r->fn = i;
    rc = rule_uaf_run(&res, flow, rule_unit_ir(r->rc), f->fn, uaf_resolve, r);
    if (rc == ECG_ENOMEM)
        return rc;
    if (rc != 0)
        memset(&res, 0, sizeof(res));
    uaf_keep_reports(st, i, &res);
    uaf_keep_exits(st, i, &res);
    for (size_t k = 0; k < res.n_exits; k++) {
        if (res.exits[k].kind == RULE_UAF_EXIT_GLOBAL)
            uaf_seed_callee(st, &res.exits[k]);
    }
    if (res.frees_params != f->frees || res.returns_freed != f->returns_freed) {
        f->frees = res.frees_params;
        f->returns_freed = res.returns_freed;
        uaf_dirty_callers(st, f->name);
    }
    return 0;
}

/* Runs every dirty function once; *ran: whether any ran. */
static int uaf_round(struct uaf_state *st, struct rule_uaf *flow, struct uaf_resolver *r, int *ran)
{
    for (size_t i = 0; i < st->n_fns; i++) {
        struct uaf_fn *f = &st->fns[i];
        int rc;
        if (!f->dirty || (!f->done && !uaf_needed(st, f)))
            continue;
        rc = uaf_run_one(st, flow, i, r);
        if (rc != 0)
            return rc;
        *ran = 1;
    }
    return 0;
}

static int uaf_rounds(struct uaf_state *st, struct rule_uaf *flow, struct uaf_resolver *r)
{
    for (size_t i = 0; i < st->n_fns; i++)
        st->fns[i].dirty = st->fns[i].direct || st->fns[i].seeded;
    for (int round = 0; round < UAF_ROUNDS; round++) {
        int ran = 0;
        int rc = uaf_round(st, flow, r, &ran);
        if (rc != 0)
            return rc;
        if (!ran)
            break;
    }
    return 0;
}

static unsigned uaf_line(CXCursor c)
{
    unsigned line = 0;

    clang_getSpellingLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    return line;
}

/* "freed at line 12" or "freed by 'release()' at line 12". */
static void uaf_freed_how(const struct rule_ctx *rc, char *buf, size_t size, CXCursor freed_at)
{
    char name[UAF_NAME];
    unsigned line = uaf_line(freed_at);

    rule_callee_name(freed_at, name, sizeof(name));
    if (name[0] != '\0' && !rule_option_list_has(rc, "deallocators", name))
        snprintf(buf, size, "freed by '%s()' at line %u", name, line);
    else
        snprintf(buf, size, "freed at line %u", line);
}

static struct ecg_finding *uaf_report_one(struct rule_ctx *rc, const struct rule_uaf_report *r,
                                          const char *how)
{
    char callee[UAF_NAME];

    switch (r->kind) {
    case RULE_UAF_DOUBLE_FREE:
        return rule_report(rc, r->at,
                           "'%s' is freed again after it was %s: a double free corrupts the "
                           "heap (CWE-415)",
                           r->name, how);
    case RULE_UAF_USE:
        return rule_report(rc, r->at, "'%s' is dereferenced after it was %s (CWE-416)", r->name,
                           how);
    case RULE_UAF_PASS:
        rule_callee_name(r->at, callee, sizeof(callee));
        return rule_report(rc, r->at, "'%s' is passed to '%s' after it was %s (CWE-416)", r->name,
                           callee[0] != '\0' ? callee : "a function", how);
    case RULE_UAF_RETURN:
        return rule_report(rc, r->at,
                           "'%s' is returned after it was %s: callers get a dangling "
                           "pointer (CWE-416)",
                           r->name, how);
    }
    return NULL;
}

/* Reports r; a block that came in freed from another unit gets that unit's steps first. */
/* Where the seed's block enters fn: the parameter it is the value of, else the read. */
static CXSourceRange uaf_entry_range(CXCursor fn, const struct rule_uaf_report *r)
{
    const struct ecg_xfact *seed = r->origin;
    int whole = seed->field == NULL || seed->field[0] == '\0';

    if (seed->what == ECG_XF_ARG && !seed->pointee && whole &&
        (int)seed->index < clang_Cursor_getNumArguments(fn))
        return clang_getCursorExtent(clang_Cursor_getArgument(fn, seed->index));
    return clang_getCursorExtent(r->freed_at);
}

static void uaf_report_found(struct rule_ctx *rc, CXCursor fn, const struct rule_uaf_report *r)
{
    const struct ecg_xfact *seed = r->origin;
    struct ecg_finding *f;
    char how[160];

    if (seed != NULL)
        rule_uaf_xunit_where(how, sizeof(how), seed);
    else
        uaf_freed_how(rc, how, sizeof(how), r->freed_at);
    f = uaf_report_one(rc, r, how);
    if (f == NULL)
        return;
    if (seed != NULL) {
        rule_add_xsteps(rc, f, &seed->origin);
        rule_add_step(rc, f, uaf_entry_range(fn, r), "'%s' comes in here, freed", r->name);
    } else {
        rule_add_step(rc, f, clang_getCursorExtent(r->freed_at), "'%s' is freed here", r->name);
    }
    rule_add_step(rc, f, clang_getCursorExtent(r->at), "'%s' is used here", r->name);
}

static void uaf_report_all(struct rule_ctx *rc, const struct uaf_state *st)
{
    for (size_t i = 0; i < st->n_found; i++) {
        /* A returned freed block is reported where a caller of the unit uses it. */
        if (st->found[i].r.kind != RULE_UAF_RETURN)
            uaf_report_found(rc, st->fns[st->found[i].fn].fn, &st->found[i].r);
    }
    for (size_t i = 0; i < st->n_left; i++) {
        const struct uaf_fn *fn = &st->fns[st->left[i].fn];
        rule_uaf_xunit_export(rc, fn->fn, &st->left[i].x, fn->returns_freed);
    }
}

static void uaf_on_unit_end(struct rule_ctx *rc)
{
    struct uaf_state *st = rule_state(rc);
    struct rule_uaf *flow;
    struct uaf_resolver r = { rc, st, 0 };

    if (st->oom || st->n_fns == 0)
        return;
    flow = rule_uaf_new();
    if (flow == NULL)
        return;
    rule_uaf_set_seeds(flow, uaf_seed);
    if (uaf_rounds(st, flow, &r) == 0)
        uaf_report_all(rc, st);
    rule_uaf_free(flow);
}

static const struct rule_option uaf_options[] = {
    { "deallocators", RULE_OPT_STRING_LIST, "free,cfree",
      "functions that release the block their first argument points to", NULL },
};

const struct rule_desc rule_security_use_after_free = {
    .id = "security-use-after-free",
    .title = "Use after free or double free",
    .summary = "Flags memory dereferenced, passed on, returned or freed again after it was "
               "freed.",
    .description = "After free(p) the block belongs to the allocator again: reading or writing "
                   "through p (CWE-416) or freeing it a second time (CWE-415) corrupts the heap "
                   "and is a classic route to code execution. The rule follows each pointer "
                   "of a function along its control-flow graph, with copies, fields, realloc "
                   "and the unit's own wrappers of free, and stays silent on paths that branch "
                   "conditions make impossible.",
    .tags = "security,reliability",
    .precision = "high",
    .security_severity = "8.1",
    .cwe = { 416, 415 },
    .level = ECG_LEVEL_ERROR,
    .options = uaf_options,
    .n_options = sizeof(uaf_options) / sizeof(uaf_options[0]),
    .state_size = sizeof(struct uaf_state),
    .state_fini = uaf_state_fini,
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr, CXCursor_UnaryOperator,
               CXCursor_ArraySubscriptExpr, CXCursor_MemberRefExpr },
    .on_cursor = uaf_on_cursor,
    .on_function_enter = uaf_on_function_enter,
    .on_unit_end = uaf_on_unit_end,
    .needs_ir = 1,
    .needs_xvalue = 1,
};
