/* Pointer uses for rules; see ptruse.h. The walk keeps two facts about the value at each
 * level: whether it is a pointer into the block (derived: the variable, 'p + 1', '&p[2]',
 * a member array of '*p') and whether it is an lvalue inside the block ('p->n', 'p[2]'). A
 * value that is neither has nothing to do with the block any more. */
#include "analyzer/cursors.h"
#include "rules/support/ptruse.h"

#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/operator.h"

#define PU_MAX_UP 32

/* Calls that read or fill the block and keep nothing. */
static const char *const pu_readers[] = {
    "strlen",   "strnlen",        "strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp",
    "strspn",   "strcspn",        "printf", "fprintf", "sprintf",    "snprintf",    "vsnprintf",
    "vfprintf", "puts",           "fputs",  "fwrite",  "fread",      "write",       "read",
    "send",     "recv",           "sscanf", "fscanf",  "strtol",     "strtoul",     "strtoll",
    "strtoull", "strtod",         "strtof", "atoi",    "atol",       "atof",        "qsort",
    "bzero",    "explicit_bzero", "strdup", "strndup", "perror",     "wcslen",      "wcscmp",
};

/* Calls that return a pointer into their first argument (memcpy returns dst, strchr a
 * position in s): the result carries the block on. */
static const char *const pu_returns_first[] = {
    "memcpy",  "memmove", "memset",   "strcpy",  "strncpy", "strcat",  "strncat",
    "stpcpy",  "stpncpy", "strchr",   "strrchr", "strstr",  "strpbrk", "memchr",
    "memrchr", "strtok",  "strtok_r", "fgets",   "wcscpy",  "wcsncpy", "wcschr",
};

struct pu_walk {
    struct rule_ctx *rc;
    const struct rule_ptruse_options *opts;
    CXCursor var;
    CXCursor below;
    size_t up;       /* the ancestor being judged */
    int derived;     /* the value below is a pointer into the block */
    int inblock;     /* the value below is an lvalue inside the block */
    int is_variable; /* below is the variable itself, not yet changed */
};

enum pu_step {
    PU_UP, /* the value goes on to the next ancestor */
    PU_DONE,
};

static int in_list(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i], name) == 0)
            return 1;
    }
    return 0;
}

static int is_array(CXCursor expr)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(expr)).kind;

    return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray;
}

static int is_pointer(CXCursor expr)
{
    return clang_getCanonicalType(clang_getCursorType(expr)).kind == CXType_Pointer;
}

/* An escape when the value still carries the block, nothing otherwise. */
static enum rule_ptruse escape_if_derived(const struct pu_walk *w)
{
    return w->derived ? RULE_PTRUSE_ESCAPE : RULE_PTRUSE_NONE;
}

/* 'p->f', 'p[i]', '*p' (and 's.f' inside the block): an lvalue in the block when the base
 * points into it; a pointer into it again only when that lvalue is an array. */
static void enter_lvalue(struct pu_walk *w, CXCursor a, int through_pointer)
{
    w->inblock = through_pointer ? w->derived : w->inblock;
    w->derived = w->inblock && is_array(a);
    w->is_variable = 0;
}

static int is_first_child(CXCursor a, CXCursor below)
{
    return ecg_cursor_same_node(rule_expr_first_child(a), below);
}

static enum pu_step on_member(struct pu_walk *w, CXCursor a)
{
    CXCursor base = rule_expr_first_child(a);

    enter_lvalue(w, a, is_pointer(rule_expr_strip(base)));
    return PU_UP;
}

static enum pu_step on_subscript(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    if (!is_first_child(a, w->below)) {
        *out = RULE_PTRUSE_NONE; /* the variable is the index */
        return PU_DONE;
    }
    enter_lvalue(w, a, 1);
    return PU_UP;
}

static enum pu_step on_unary(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    char op[8];

    if (!rule_operator_spelling(op, sizeof(op), rule_unit(w->rc), a)) {
        *out = escape_if_derived(w);
        return PU_DONE;
    }
    if (strcmp(op, "*") == 0) {
        enter_lvalue(w, a, 1);
        return PU_UP;
    }
    if (strcmp(op, "&") == 0) {
        *out = RULE_PTRUSE_ESCAPE; /* &p: whoever gets it can change or free p */
        if (w->is_variable)
            return PU_DONE;
        w->derived = w->inblock;
        w->inblock = 0;
        return PU_UP;
    }
    *out = (strcmp(op, "++") == 0 || strcmp(op, "--") == 0) && w->is_variable ? RULE_PTRUSE_MODIFY
                                                                              : RULE_PTRUSE_NONE;
    return PU_DONE;
}

static enum pu_step on_assign(struct pu_walk *w, int left, enum rule_ptruse *out)
{
    if (left)
        *out = w->is_variable ? RULE_PTRUSE_DEFINE : RULE_PTRUSE_NONE;
    else
        *out = escape_if_derived(w);
    return PU_DONE;
}

static enum pu_step on_binary(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    char op[8];
    int left = is_first_child(a, w->below);
    int additive;

    *out = RULE_PTRUSE_NONE;
    if (!rule_operator_spelling(op, sizeof(op), rule_unit(w->rc), a)) {
        *out = escape_if_derived(w);
        return PU_DONE;
    }
    if (strcmp(op, "=") == 0)
        return on_assign(w, left, out);
    additive = strcmp(op, "+") == 0 || strcmp(op, "-") == 0;
    if (additive && w->derived && is_pointer(a)) {
        w->is_variable = 0;
        return PU_UP;
    }
    return strcmp(op, ",") == 0 && !left ? PU_UP : PU_DONE;
}

/* Whether the call at ancestor index up is assigned straight back to the variable. */
static int assigned_back(const struct pu_walk *w, size_t up)
{
    CXCursor below = rule_ancestor(w->rc, up);

    for (size_t i = up + 1; i < up + 8; i++) {
        CXCursor a = rule_ancestor(w->rc, i);
        enum CXCursorKind kind = clang_getCursorKind(a);
        CXCursor lhs;
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
            kind == CXCursor_CStyleCastExpr) {
            below = a;
            continue;
        }
        if (kind != CXCursor_BinaryOperator || is_first_child(a, below) ||
            !rule_operator_is(rule_unit(w->rc), a, "="))
            return 0;
        lhs = rule_exprkey_strip(rule_expr_first_child(a));
        return clang_getCursorKind(lhs) == CXCursor_DeclRefExpr &&
               clang_equalCursors(clang_getCursorReferenced(lhs), w->var);
    }
    return 0;
}

int rule_ptruse_param_is_const_pointer(CXCursor fn, unsigned i)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(fn));
    CXType param;

    if (type.kind != CXType_FunctionProto || (int)i >= clang_getNumArgTypes(type))
        return 0;
    param = clang_getCanonicalType(clang_getArgType(type, i));
    return param.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(param));
}

/* The library function behind a fortified or builtin name: __builtin___memcpy_chk and
 * __sprintf_chk are memcpy and sprintf. */
static const char *plain_name(const char *name, char *buf, size_t size)
{
    size_t n = strlen(name);
    size_t skip = 0;

    if (strncmp(name, "__builtin___", 12) == 0)
        skip = 12;
    else if (strncmp(name, "__builtin_", 10) == 0)
        skip = 10;
    else if (strncmp(name, "__", 2) == 0)
        skip = 2;
    if (n > skip + 4 && strcmp(name + n - 4, "_chk") == 0)
        n -= 4;
    else if (skip == 2)
        return name;
    if (n - skip >= size)
        return name;
    memcpy(buf, name + skip, n - skip);
    buf[n - skip] = '\0';
    return buf;
}

/* A function the tables do not know: reading through a pointer to const keeps nothing,
 * though a pointer it returns may point into the argument; anything else may keep it. */
static enum pu_step on_unknown_call(CXCursor call, unsigned i, enum rule_ptruse *out)
{
    if (!rule_ptruse_param_is_const_pointer(clang_getCursorReferenced(call), i)) {
        *out = RULE_PTRUSE_ESCAPE;
        return PU_DONE;
    }
    *out = RULE_PTRUSE_NONE;
    return is_pointer(call) ? PU_UP : PU_DONE;
}

/* Judges a call to a named function that received the value as argument i. */
static enum pu_step on_known_call(struct pu_walk *w, CXCursor call, const char *name, unsigned i,
                                  enum rule_ptruse *out)
{
    size_t n_first = sizeof(pu_returns_first) / sizeof(pu_returns_first[0]);
    size_t n_readers = sizeof(pu_readers) / sizeof(pu_readers[0]);

    *out = RULE_PTRUSE_NONE;
    if (rule_option_list_has(w->rc, w->opts->deallocators, name)) {
        *out = RULE_PTRUSE_RELEASE;
        return PU_DONE;
    }
    if (rule_option_list_has(w->rc, w->opts->realloc_functions, name) && i == 0) {
        *out = assigned_back(w, w->up) ? RULE_PTRUSE_NONE : RULE_PTRUSE_RELEASE;
        return PU_DONE;
    }
    if (in_list(pu_returns_first, n_first, name))
        return i == 0 ? PU_UP : PU_DONE;
    if (in_list(pu_readers, n_readers, name))
        return PU_DONE;
    return on_unknown_call(call, i, out);
}

static enum pu_step on_call(struct pu_walk *w, CXCursor call, enum rule_ptruse *out)
{
    CXCursor fn = clang_getCursorReferenced(call);
    char full[128], plain[128];
    unsigned i;

    *out = RULE_PTRUSE_NONE;
    if (!w->derived || !ecg_cursor_arg_index(&i, call, w->below))
        return PU_DONE; /* an element's value, or the variable is the callee */
    *out = RULE_PTRUSE_ESCAPE;
    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return PU_DONE;
    rule_cursor_name(fn, full, sizeof(full));
    return on_known_call(w, call, plain_name(full, plain, sizeof(plain)), i, out);
}

static enum pu_step on_cast(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(a)).kind;

    if (k == CXType_Pointer)
        return PU_UP;
    *out = k == CXType_Void ? RULE_PTRUSE_NONE : escape_if_derived(w);
    return PU_DONE;
}

static enum pu_step on_compound_assign(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    if (is_first_child(a, w->below))
        *out = w->is_variable ? RULE_PTRUSE_MODIFY : RULE_PTRUSE_NONE;
    else
        *out = escape_if_derived(w);
    return PU_DONE;
}

/* Statements, and expressions whose result is not the value: the use ends there. */
static int ends_use(enum CXCursorKind kind)
{
    static const enum CXCursorKind kinds[] = {
        CXCursor_IfStmt,     CXCursor_WhileStmt,    CXCursor_DoStmt,   CXCursor_ForStmt,
        CXCursor_SwitchStmt, CXCursor_CompoundStmt, CXCursor_CaseStmt, CXCursor_DefaultStmt,
        CXCursor_LabelStmt,  CXCursor_UnaryExpr,
    };

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (kinds[i] == kind)
            return 1;
    }
    return 0;
}

/* Operators and accesses whose result is still about the block. */
static enum pu_step step_expr(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    switch (clang_getCursorKind(a)) {
    case CXCursor_MemberRefExpr:
        return on_member(w, a);
    case CXCursor_ArraySubscriptExpr:
        return on_subscript(w, a, out);
    case CXCursor_UnaryOperator:
        return on_unary(w, a, out);
    case CXCursor_BinaryOperator:
        return on_binary(w, a, out);
    case CXCursor_CompoundAssignOperator:
        return on_compound_assign(w, a, out);
    default:
        return PU_DONE; /* return, initializers, anything else: escapes if derived */
    }
}

static enum pu_step step(struct pu_walk *w, CXCursor a, enum rule_ptruse *out)
{
    enum CXCursorKind kind = clang_getCursorKind(a);

    *out = escape_if_derived(w);
    if (ends_use(kind)) {
        *out = RULE_PTRUSE_NONE;
        return PU_DONE;
    }
    switch (kind) {
    case CXCursor_UnexposedExpr:
    case CXCursor_ParenExpr:
        return PU_UP;
    case CXCursor_CStyleCastExpr:
        return on_cast(w, a, out);
    case CXCursor_ConditionalOperator:
        *out = RULE_PTRUSE_NONE;
        return is_first_child(a, w->below) ? PU_DONE : PU_UP;
    case CXCursor_CallExpr:
        return on_call(w, a, out);
    default:
        return step_expr(w, a, out);
    }
}

enum rule_ptruse rule_ptruse_classify(struct rule_ctx *rc, const struct rule_ptruse_options *opts,
                                      size_t first_up, CXCursor below, CXCursor var)
{
    struct pu_walk w = { rc, opts, var, below, first_up, 1, 0, 1 };
    enum rule_ptruse out = RULE_PTRUSE_ESCAPE;

    for (; w.up < first_up + PU_MAX_UP; w.up++) {
        CXCursor a = rule_ancestor(rc, w.up);
        if (clang_Cursor_isNull(a))
            return escape_if_derived(&w);
        if (step(&w, a, &out) == PU_DONE)
            return out;
        if (!w.derived && !w.inblock)
            return RULE_PTRUSE_NONE;
        w.below = a;
    }
    return escape_if_derived(&w);
}
