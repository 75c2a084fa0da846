/* security-use-after-free: a block used, passed on or freed again after free() on some
 * feasible path of one function (CWE-416, CWE-415), with the unit's functions that free a
 * parameter or return a freed block summarised to a fixed point.
 * Known gaps: blocks freed through a global in another function, or in another unit. */
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
};

struct uaf_found {
    size_t fn;
    struct rule_uaf_report r;
};

struct uaf_state {
    struct uaf_fn *fns;
    size_t n_fns, cap_fns;
    char (*callees)[UAF_NAME]; /* names of the unit's functions each function calls */
    size_t n_callees, cap_callees;
    struct uaf_found *found;
    size_t n_found, cap_found;
    int in_fn;
    int oom;
};

static void uaf_state_fini(void *state)
{
    struct uaf_state *st = state;

    free(st->fns);
    free(st->callees);
    free(st->found);
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

static void uaf_on_cursor(struct rule_ctx *rc, CXCursor c)
{
    if (clang_getCursorKind(c) == CXCursor_CallExpr)
        uaf_on_call(rc, c);
    else
        uaf_on_ref(rc, c);
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
};

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
    if (f->direct)
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
    rc = rule_uaf_run(&res, flow, rule_unit_ir(r->rc), f->fn, uaf_resolve, r);
    if (rc == ECG_ENOMEM)
        return rc;
    if (rc != 0)
        memset(&res, 0, sizeof(res));
    uaf_keep_reports(st, i, &res);
    if (res.frees_params != f->frees || res.returns_freed != f->returns_freed) {
        f->frees = res.frees_params;
        f->returns_freed = res.returns_freed;
        uaf_dirty_callers(st, f->name);
    }
    return 0;
}

static int uaf_rounds(struct uaf_state *st, struct rule_uaf *flow, struct uaf_resolver *r)
{
    for (size_t i = 0; i < st->n_fns; i++)
        st->fns[i].dirty = st->fns[i].direct;
    for (int round = 0; round < UAF_ROUNDS; round++) {
        int ran = 0;
        for (size_t i = 0; i < st->n_fns; i++) {
            struct uaf_fn *f = &st->fns[i];
            int rc;
            if (!f->dirty || (!f->done && !uaf_needed(st, f)))
                continue;
            rc = uaf_run_one(st, flow, i, r);
            if (rc != 0)
                return rc;
            ran = 1;
        }
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

static void uaf_report_all(struct rule_ctx *rc, const struct uaf_state *st)
{
    char how[160];

    for (size_t i = 0; i < st->n_found; i++) {
        const struct rule_uaf_report *r = &st->found[i].r;
        struct ecg_finding *f;
        /* A returned freed block is reported where a caller of the unit uses it. */
        if (r->kind == RULE_UAF_RETURN)
            continue;
        uaf_freed_how(rc, how, sizeof(how), r->freed_at);
        f = uaf_report_one(rc, r, how);
        if (f == NULL)
            continue;
        rule_add_step(rc, f, clang_getCursorExtent(r->freed_at), "'%s' is freed here", r->name);
        rule_add_step(rc, f, clang_getCursorExtent(r->at), "'%s' is used here", r->name);
    }
}

static void uaf_on_unit_end(struct rule_ctx *rc)
{
    struct uaf_state *st = rule_state(rc);
    struct rule_uaf *flow;
    struct uaf_resolver r = { rc, st };

    if (st->oom || st->n_fns == 0)
        return;
    flow = rule_uaf_new();
    if (flow == NULL)
        return;
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
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr },
    .on_cursor = uaf_on_cursor,
    .on_function_enter = uaf_on_function_enter,
    .on_unit_end = uaf_on_unit_end,
    .needs_ir = 1,
};
