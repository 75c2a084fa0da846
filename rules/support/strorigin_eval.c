/* What the text of an expression is made of, and what C library functions do with text;
 * see strorigin_int.h. */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/libc.h"
#include "rules/support/nullflow.h"
#include "rules/support/opkind.h"
#include "rules/support/strorigin_int.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- what functions do with text ---------------------------------------------------------- */

static const struct rule_strorigin_fn so_fns[] = {
    { "strdup", RULE_STRORIGIN_K_COPY, -1, 0, 0, 0 },
    { "strndup", RULE_STRORIGIN_K_COPY, -1, 0, 0, 0 },
    { "wcsdup", RULE_STRORIGIN_K_COPY, -1, 0, 0, 0 },
    { "realloc", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strchr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strrchr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strstr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strpbrk", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strchrnul", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strcasestr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "strtok", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "memchr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "wcschr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "wcsstr", RULE_STRORIGIN_K_ALIAS, -1, 0, 0, 0 },
    { "getenv", RULE_STRORIGIN_K_INPUT, -1, 0, 0, 0 },
    { "secure_getenv", RULE_STRORIGIN_K_INPUT, -1, 0, 0, 0 },
    { "sqlite3_mprintf", RULE_STRORIGIN_K_FORMAT, -1, 0, 1, 2 },
    { "sqlite3_vmprintf", RULE_STRORIGIN_K_FORMAT, -1, 0, -1, 2 },
    { "malloc", RULE_STRORIGIN_K_FRESH, -1, 0, 0, 0 },
    { "calloc", RULE_STRORIGIN_K_FRESH, -1, 0, 0, 0 },
    { "alloca", RULE_STRORIGIN_K_FRESH, -1, 0, 0, 0 },
    { "gettext", RULE_STRORIGIN_K_GETTEXT, -1, 0, 0, 0 },
    { "libintl_gettext", RULE_STRORIGIN_K_GETTEXT, -1, 0, 0, 0 },
    { "_", RULE_STRORIGIN_K_GETTEXT, -1, 0, 0, 0 },
    { "dgettext", RULE_STRORIGIN_K_GETTEXT, -1, 1, 0, 0 },
    { "dcgettext", RULE_STRORIGIN_K_GETTEXT, -1, 1, 0, 0 },
    { "ngettext", RULE_STRORIGIN_K_GETTEXT, -1, 0, 0, 0 },
    { "dngettext", RULE_STRORIGIN_K_GETTEXT, -1, 1, 0, 0 },
    { "dcngettext", RULE_STRORIGIN_K_GETTEXT, -1, 1, 0, 0 },
    { "strcpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "strncpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "stpcpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "stpncpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "strlcpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "memcpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "memmove", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "wcscpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "wcsncpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "wmemcpy", RULE_STRORIGIN_K_STORE, 0, 1, 0, 0 },
    { "strcat", RULE_STRORIGIN_K_APPEND, 0, 1, 0, 0 },
    { "strncat", RULE_STRORIGIN_K_APPEND, 0, 1, 0, 0 },
    { "strlcat", RULE_STRORIGIN_K_APPEND, 0, 1, 0, 0 },
    { "wcscat", RULE_STRORIGIN_K_APPEND, 0, 1, 0, 0 },
    { "wcsncat", RULE_STRORIGIN_K_APPEND, 0, 1, 0, 0 },
    { "sprintf", RULE_STRORIGIN_K_FORMAT, 0, 1, 2, 0 },
    { "snprintf", RULE_STRORIGIN_K_FORMAT, 0, 2, 3, 0 },
    { "vsprintf", RULE_STRORIGIN_K_FORMAT, 0, 1, -1, 0 },
    { "vsnprintf", RULE_STRORIGIN_K_FORMAT, 0, 2, -1, 0 },
    { "swprintf", RULE_STRORIGIN_K_FORMAT, 0, 2, 3, 0 },
    { "vswprintf", RULE_STRORIGIN_K_FORMAT, 0, 2, -1, 0 },
    { "asprintf", RULE_STRORIGIN_K_FORMAT, 0, 1, 2, 1 },
    { "vasprintf", RULE_STRORIGIN_K_FORMAT, 0, 1, -1, 1 },
    { "sqlite3_snprintf", RULE_STRORIGIN_K_FORMAT, 1, 2, 3, 2 },
    { "sqlite3_vsnprintf", RULE_STRORIGIN_K_FORMAT, 1, 2, -1, 2 },
    { "fgets", RULE_STRORIGIN_K_INPUT, 0, 0, 0, 0 },
    { "fgetws", RULE_STRORIGIN_K_INPUT, 0, 0, 0, 0 },
    { "gets", RULE_STRORIGIN_K_INPUT, 0, 0, 0, 0 },
    { "fread", RULE_STRORIGIN_K_INPUT, 0, 0, 0, 0 },
    { "read", RULE_STRORIGIN_K_INPUT, 1, 0, 0, 0 },
    { "pread", RULE_STRORIGIN_K_INPUT, 1, 0, 0, 0 },
    { "recv", RULE_STRORIGIN_K_INPUT, 1, 0, 0, 0 },
    { "recvfrom", RULE_STRORIGIN_K_INPUT, 1, 0, 0, 0 },
    { "readlink", RULE_STRORIGIN_K_INPUT, 1, 0, 0, 0 },
    { "getline", RULE_STRORIGIN_K_INPUT, 0, 0, 0, 1 },
    { "getdelim", RULE_STRORIGIN_K_INPUT, 0, 0, 0, 1 },
    { "scanf", RULE_STRORIGIN_K_SCAN, -1, 0, 1, 0 },
    { "fscanf", RULE_STRORIGIN_K_SCAN, -1, 1, 2, 0 },
    { "wscanf", RULE_STRORIGIN_K_SCAN, -1, 0, 1, 0 },
    { "fwscanf", RULE_STRORIGIN_K_SCAN, -1, 1, 2, 0 },
    { "sscanf", RULE_STRORIGIN_K_SCAN, -1, 1, 2, 4 },
    { "swscanf", RULE_STRORIGIN_K_SCAN, -1, 1, 2, 4 },
    { "memset", RULE_STRORIGIN_K_NEUTRAL, -1, 0, 0, 0 },
    { "wmemset", RULE_STRORIGIN_K_NEUTRAL, -1, 0, 0, 0 },
    { "bzero", RULE_STRORIGIN_K_NEUTRAL, -1, 0, 0, 0 },
    { "explicit_bzero", RULE_STRORIGIN_K_NEUTRAL, -1, 0, 0, 0 },
    { "free", RULE_STRORIGIN_K_NEUTRAL, -1, 0, 0, 0 },
    { "sqlite3_free", RULE_STRORIGIN_K_NEUTRAL, -1, 0, 0, 0 },
};

const struct rule_strorigin_fn *rule_strorigin_fn_find(CXCursor call, char *name, size_t size)
{
    rule_callee_name(call, name, size);
    for (size_t i = 0; i < ARRAY_LEN(so_fns); i++) {
        if (strcmp(so_fns[i].name, name) == 0)
            return &so_fns[i];
    }
    return NULL;
}

/* ---- values of expressions ---------------------------------------------------------------- */

void rule_strorigin_value_init(struct rule_strorigin_value *v)
{
    memset(v, 0, sizeof(*v));
    v->where = clang_getNullCursor();
}

void rule_strorigin_value_flag(struct rule_strorigin_value *v, unsigned flags, CXCursor where,
                               const char *source)
{
    if (flags == 0)
        return;
    if (v->flags == 0)
        v->where = where;
    if ((flags & RULE_STRORIGIN_TAINT) && v->source[0] == '\0' && source != NULL)
        snprintf(v->source, sizeof(v->source), "%.31s", source);
    v->flags |= flags;
}

static void so_value_ref(struct rule_strorigin_value *v, size_t var, enum rule_strorigin_how how,
                         CXCursor where)
{
    for (size_t i = 0; i < v->n_refs; i++) {
        if (v->refs[i] == var && v->how[i] == how)
            return;
    }
    if (v->n_refs == RULE_STRORIGIN_MAX_REFS) {
        rule_strorigin_value_flag(v, RULE_STRORIGIN_UNKNOWN, where, NULL); /* too many to follow */
        return;
    }
    v->refs[v->n_refs] = var;
    v->how[v->n_refs++] = how;
}

int rule_strorigin_is_char_type(CXType t)
{
    switch (clang_getCanonicalType(t).kind) {
    case CXType_Char_S:
    case CXType_Char_U:
    case CXType_SChar:
    case CXType_UChar:
    case CXType_WChar:
    case CXType_Char16:
    case CXType_Char32:
        return 1;
    default:
        return 0;
    }
}

/* An initialiser made only of literals (a string, {0}, a table of strings). */
static int so_literal_init(CXCursor init, int depth);

struct so_init_walk {
    int depth;
    int literal;
};

static enum CXChildVisitResult so_init_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct so_init_walk *w = data;

    (void)parent;
    w->literal = so_literal_init(c, w->depth + 1);
    return w->literal ? CXChildVisit_Continue : CXChildVisit_Break;
}

static int so_literal_init(CXCursor init, int depth)
{
    struct so_init_walk w = { depth, 1 };

    init = rule_nullflow_strip(init);
    switch (clang_getCursorKind(init)) {
    case CXCursor_StringLiteral:
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_GNUNullExpr:
        return 1;
    case CXCursor_InitListExpr:
        if (depth > RULE_STRORIGIN_MAX_DEPTH)
            return 0;
        clang_visitChildren(init, so_init_visit, &w);
        return w.literal;
    default:
        return 0;
    }
}

/* A type whose text cannot change through it: elem is the element type under any arrays,
 * array_const whether the arrays are const (canonical arrays carry the element's const). A
 * pointer must itself be const or static (fixed) and point to const characters. */
static int so_type_is_fixed_text(CXType elem, int array_const, int is_static)
{
    if (elem.kind == CXType_Pointer)
        return (array_const || clang_isConstQualifiedType(elem) || is_static) &&
               clang_isConstQualifiedType(clang_getPointeeType(elem));
    return rule_strorigin_is_char_type(elem) && (array_const || clang_isConstQualifiedType(elem));
}

/* A global whose text cannot change and holds only literals: a const char array, or a
 * pointer (or table of pointers) to const char that is itself const or static. */
static int so_global_is_constant(CXCursor decl)
{
    CXCursor def = clang_getCursorDefinition(decl);
    CXType elem = clang_getCanonicalType(clang_getCursorType(decl));
    int array_const = 0;

    if (clang_Cursor_isNull(def))
        return 0;
    while (elem.kind == CXType_ConstantArray || elem.kind == CXType_IncompleteArray) {
        array_const |= clang_isConstQualifiedType(elem) != 0;
        elem = clang_getCanonicalType(clang_getArrayElementType(elem));
    }
    if (!so_type_is_fixed_text(elem, array_const,
                               clang_Cursor_getStorageClass(def) == CX_SC_Static))
        return 0;
    return so_literal_init(clang_Cursor_getVarDeclInitializer(def), 0);
}

static void so_eval_ref(struct rule_strorigin *so, CXCursor e, struct rule_strorigin_value *out)
{
    CXCursor decl = clang_getCursorReferenced(e);
    enum CXCursorKind kind = clang_getCursorKind(decl);
    size_t var;

    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl) {
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
        return;
    }
    if (!rule_strorigin_is_local(decl)) {
        if (!so_global_is_constant(decl))
            rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
        return;
    }
    var = rule_strorigin_var_index(so, decl);
    if (var != RULE_STRORIGIN_NONE)
        so_value_ref(out, var, RULE_STRORIGIN_ALIAS, e);
}

/* What text of a value becomes when it is copied, formatted with %s (between quotes or not)
 * or quoted with %q. */
unsigned rule_strorigin_convert_flags(unsigned flags, enum rule_strorigin_how how)
{
    const unsigned own = RULE_STRORIGIN_PARAM | RULE_STRORIGIN_TAINT | RULE_STRORIGIN_BUILT;
    const unsigned carried = RULE_STRORIGIN_TAINT | RULE_STRORIGIN_QUOTED;
    unsigned built;

    if (how == RULE_STRORIGIN_COPY || how == RULE_STRORIGIN_ALIAS)
        return flags;
    if (how == RULE_STRORIGIN_QUOTE)
        return flags != 0 ? RULE_STRORIGIN_QUOTED : 0;
    if (how == RULE_STRORIGIN_SPLICE) {
        built = (flags & (own | RULE_STRORIGIN_UNKNOWN | RULE_STRORIGIN_ADDED)) != 0;
        return (built ? RULE_STRORIGIN_BUILT : 0u) | (flags & carried);
    }
    if (flags & own)
        return RULE_STRORIGIN_BUILT | (flags & carried);
    return ((flags & RULE_STRORIGIN_UNKNOWN) ? RULE_STRORIGIN_ADDED : 0u) |
           (flags & (carried | RULE_STRORIGIN_ADDED));
}

/* Text taken in the way had, then in the way how. */
static enum rule_strorigin_how so_convert_how(enum rule_strorigin_how had,
                                              enum rule_strorigin_how how)
{
    static const enum rule_strorigin_how strongest[] = { RULE_STRORIGIN_QUOTE,
                                                         RULE_STRORIGIN_SPLICE,
                                                         RULE_STRORIGIN_APPEND };

    for (size_t i = 0; i < ARRAY_LEN(strongest); i++) {
        if (how == strongest[i] || had == strongest[i])
            return strongest[i];
    }
    return RULE_STRORIGIN_COPY;
}

/* Adds v, taken in the way how, to out. */
void rule_strorigin_value_take(struct rule_strorigin_value *out,
                               const struct rule_strorigin_value *v, enum rule_strorigin_how how,
                               CXCursor where)
{
    unsigned flags = rule_strorigin_convert_flags(v->flags, how);

    rule_strorigin_value_flag(out, flags, how == RULE_STRORIGIN_COPY ? v->where : where, v->source);
    for (size_t i = 0; i < v->n_refs; i++)
        so_value_ref(out, v->refs[i], so_convert_how(v->how[i], how), where);
}

static void so_format_arg(struct rule_strorigin *so, CXCursor arg, enum rule_strorigin_how how,
                          int depth, struct rule_strorigin_value *out)
{
    struct rule_strorigin_value v;

    rule_strorigin_value_init(&v);
    rule_strorigin_eval(so, arg, depth + 1, &v);
    rule_strorigin_value_take(out, &v, how, arg);
}

static int so_is_text_conversion(char conv, int sql)
{
    return conv == 's' || conv == 'S' || (sql && conv == 'z');
}

static int so_is_quoting_conversion(char conv, int sql)
{
    return sql && (conv == 'q' || conv == 'Q' || conv == 'w');
}

/* How conversion nth of format adds its argument's text: %s appends, or splices when written
 * between quotes ('%s'); SQLite's %q quotes. Returns 0 for no text (or no such conversion),
 * else the conversion character. */
static char so_conversion_how(const char *format, unsigned nth, int sql,
                              enum rule_strorigin_how *out)
{
    size_t span[2];
    char conv = rule_libc_printf_conversion(format, nth, sql, span);
    char quote = span[0] > 0 ? format[span[0] - 1] : '\0';
    int quoted = (quote == '\'' || quote == '"') && format[span[1]] == quote;

    *out = RULE_STRORIGIN_COPY;
    if (so_is_text_conversion(conv, sql))
        *out = quoted ? RULE_STRORIGIN_SPLICE : RULE_STRORIGIN_APPEND;
    else if (so_is_quoting_conversion(conv, sql))
        *out = RULE_STRORIGIN_QUOTE;
    return conv;
}

/* A format over a va_list: the arguments are not seen, so each text conversion adds text of
 * unknown origin. */
static void so_format_va(const char *format, int sql, CXCursor call,
                         struct rule_strorigin_value *out)
{
    struct rule_strorigin_value unknown;
    enum rule_strorigin_how how;

    rule_strorigin_value_init(&unknown);
    rule_strorigin_value_flag(&unknown, RULE_STRORIGIN_UNKNOWN, call, NULL);
    for (unsigned nth = 0; so_conversion_how(format, nth, sql, &how) != 0; nth++) {
        if (how != RULE_STRORIGIN_COPY)
            rule_strorigin_value_take(out, &unknown, how, call);
    }
}

void rule_strorigin_eval_format(struct rule_strorigin *so, CXCursor call,
                                const struct rule_strorigin_fn *f, int depth,
                                struct rule_strorigin_value *out)
{
    char format[1024];
    int sql = (f->flags & 2) != 0;
    int n = clang_Cursor_getNumArguments(call);
    enum rule_strorigin_how how;

    if (n <= f->arg || !rule_expr_string_value(clang_Cursor_getArgument(call, (unsigned)f->arg),
                                               format, sizeof(format))) {
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, call, NULL);
        return;
    }
    if (f->first < 0) {
        so_format_va(format, sql, call, out);
        return;
    }
    for (int k = f->first; k < n; k++) {
        if (so_conversion_how(format, (unsigned)(k - f->first), sql, &how) == 0 ||
            how == RULE_STRORIGIN_COPY)
            continue;
        if (strcmp(format, "%s") == 0)
            how = RULE_STRORIGIN_COPY; /* the whole text is the argument's */
        so_format_arg(so, clang_Cursor_getArgument(call, (unsigned)k), how, depth, out);
    }
}

void rule_strorigin_eval_arg(struct rule_strorigin *so, CXCursor call, int k, int depth,
                             struct rule_strorigin_value *out)
{
    if (k >= 0 && k < clang_Cursor_getNumArguments(call))
        rule_strorigin_eval(so, clang_Cursor_getArgument(call, (unsigned)k), depth + 1, out);
    else
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, call, NULL);
}

/* A call to a function of the unit: what its summary says it returns; unknown otherwise. */
static void so_eval_summarized(struct rule_strorigin *so, CXCursor call, int depth,
                               struct rule_strorigin_value *out)
{
    const struct rule_strorigin_summary *s =
        rule_strorigin_summary_find(so, clang_getCursorReferenced(call));

    if (s == NULL) {
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, call, NULL);
        return;
    }
    if (s->ret_param >= 0)
        rule_strorigin_eval_arg(so, call, s->ret_param, depth, out);
    rule_strorigin_value_flag(out, s->ret_flags, call, s->source);
}

/* gettext(msg), dgettext(domain, msg), ngettext(one, many, n): the message texts. */
/* Formats return their text (sprintf's int is no text), fresh memory holds none, the rest
 * is not text known. */
static void so_eval_other(struct rule_strorigin *so, CXCursor call,
                          const struct rule_strorigin_fn *f, int depth,
                          struct rule_strorigin_value *out)
{
    if (f->kind == RULE_STRORIGIN_K_FORMAT) {
        if (f->dst < 0)
            rule_strorigin_eval_format(so, call, f, depth, out);
    } else if (f->kind != RULE_STRORIGIN_K_FRESH) {
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, call, NULL);
    }
}

static void so_eval_gettext(struct rule_strorigin *so, CXCursor call,
                            const struct rule_strorigin_fn *f, const char *name, int depth,
                            struct rule_strorigin_value *out)
{
    rule_strorigin_eval_arg(so, call, f->arg, depth, out);
    if (strstr(name, "ngettext") != NULL)
        rule_strorigin_eval_arg(so, call, f->arg + 1, depth, out);
}

/* A function that reads input: getenv's result, or fgets's buffer that it returns. */
static void so_eval_input(struct rule_strorigin *so, CXCursor call,
                          const struct rule_strorigin_fn *f, const char *name, int depth,
                          struct rule_strorigin_value *out)
{
    if (f->dst < 0)
        rule_strorigin_value_flag(out, RULE_STRORIGIN_TAINT, call, name);
    else if (!(f->flags & 1))
        rule_strorigin_eval_arg(so, call, f->dst, depth, out);
}

static void so_eval_call(struct rule_strorigin *so, CXCursor call, int depth,
                         struct rule_strorigin_value *out)
{
    char name[64];
    const struct rule_strorigin_fn *f = rule_strorigin_fn_find(call, name, sizeof(name));
    struct rule_strorigin_value v;

    if (f == NULL) {
        so_eval_summarized(so, call, depth, out);
        return;
    }
    rule_strorigin_value_init(&v);
    switch (f->kind) {
    case RULE_STRORIGIN_K_COPY:
        rule_strorigin_eval_arg(so, call, f->arg, depth, &v);
        rule_strorigin_value_take(out, &v, RULE_STRORIGIN_COPY, call);
        return;
    case RULE_STRORIGIN_K_ALIAS:
        rule_strorigin_eval_arg(so, call, f->arg, depth, out);
        return;
    case RULE_STRORIGIN_K_GETTEXT:
        so_eval_gettext(so, call, f, name, depth, out);
        return;
    case RULE_STRORIGIN_K_STORE:
    case RULE_STRORIGIN_K_APPEND:
        rule_strorigin_eval_arg(so, call, f->dst, depth, out); /* returns its destination */
        return;
    case RULE_STRORIGIN_K_INPUT:
        so_eval_input(so, call, f, name, depth, out);
        return;
    default:
        so_eval_other(so, call, f, depth, out);
        return;
    }
}

/* p + n, n + p, p - n: the pointer operand; (p = e): p; (a, b): b. */
static void so_eval_binary(struct rule_strorigin *so, CXCursor e, int depth,
                           struct rule_strorigin_value *out)
{
    CXCursor ops[2];
    enum rule_opkind op;

    if (!rule_opkind_operands(e, ops)) {
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
        return;
    }
    op = rule_opkind_binary(so->tu, e);
    if (op == RULE_OPKIND_ASSIGN || op == RULE_OPKIND_COMMA) {
        rule_strorigin_eval(so, ops[op == RULE_OPKIND_ASSIGN ? 0 : 1], depth + 1, out);
        return;
    }
    for (int i = 0; i < 2; i++) {
        enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(ops[i])).kind;
        if (kind == CXType_Pointer || kind == CXType_ConstantArray) {
            rule_strorigin_eval(so, ops[i], depth + 1, out);
            return;
        }
    }
    rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
}

/* &buf[i], &x: the buffer; *pp of a pointer to strings: what pp points to; p++: p. */
static void so_eval_unary(struct rule_strorigin *so, CXCursor e, int depth,
                          struct rule_strorigin_value *out)
{
    CXCursor operand = rule_expr_first_child(e);
    enum rule_opkind op = rule_opkind_unary(so->tu, e);
    enum CXTypeKind result = clang_getCanonicalType(clang_getCursorType(e)).kind;
    CXCursor inner = rule_nullflow_strip(operand);

    if (op == RULE_OPKIND_ADDR && clang_getCursorKind(inner) == CXCursor_ArraySubscriptExpr)
        operand = rule_expr_first_child(inner);
    if (op == RULE_OPKIND_NOT || result != CXType_Pointer || clang_Cursor_isNull(operand))
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
    else
        rule_strorigin_eval(so, operand, depth + 1, out);
}

struct so_arms {
    struct rule_strorigin *so;
    int depth;
    struct rule_strorigin_value *out;
    unsigned index;
};

static enum CXChildVisitResult so_arm_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct so_arms *a = data;

    (void)parent;
    if (a->index++ > 0) /* child 0 is the condition */
        rule_strorigin_eval(a->so, c, a->depth + 1, a->out);
    return CXChildVisit_Continue;
}

/* c ? x : y: the text of either arm. */
static void so_eval_arms(struct rule_strorigin *so, CXCursor e, int depth,
                         struct rule_strorigin_value *out)
{
    struct so_arms a = { so, depth, out, 0 };

    clang_visitChildren(e, so_arm_visit, &a);
}

/* Expressions that are not a name, a call or an operator: table[i] of strings (argv[1]),
 * literals and initialisers made of them; anything else is not known. */
static void so_eval_rest(struct rule_strorigin *so, CXCursor e, int depth,
                         struct rule_strorigin_value *out)
{
    if (clang_getCursorKind(e) == CXCursor_ArraySubscriptExpr &&
        clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer)
        rule_strorigin_eval(so, rule_expr_first_child(e), depth + 1, out);
    else if (!so_literal_init(e, 0))
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
}

void rule_strorigin_eval(struct rule_strorigin *so, CXCursor e, int depth,
                         struct rule_strorigin_value *out)
{
    e = rule_nullflow_strip(e);
    if (depth > RULE_STRORIGIN_MAX_DEPTH) {
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
        return;
    }
    switch (clang_getCursorKind(e)) {
    case CXCursor_MemberRefExpr:
        rule_strorigin_value_flag(out, RULE_STRORIGIN_UNKNOWN, e, NULL);
        return;
    case CXCursor_DeclRefExpr:
        so_eval_ref(so, e, out);
        return;
    case CXCursor_CallExpr:
        so_eval_call(so, e, depth, out);
        return;
    case CXCursor_ConditionalOperator:
        so_eval_arms(so, e, depth, out);
        return;
    case CXCursor_BinaryOperator:
        so_eval_binary(so, e, depth, out);
        return;
    case CXCursor_UnaryOperator:
        so_eval_unary(so, e, depth, out);
        return;
    default:
        so_eval_rest(so, e, depth, out);
        return;
    }
}
