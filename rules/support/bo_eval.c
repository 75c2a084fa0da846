/* Evaluation for the buffer overflow rule over the facts of rules/support/bo_facts.h: the
 * integer value of a size expression, the bytes an address designates, the length of a
 * string. Depth-limited; unknown whenever a step is not understood. */
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/bo_facts.h"
#include "rules/support/exprkey.h"

#define BO_EVAL_DEPTH 8
#define BO_LIMIT (1LL << 40) /* values past this are not sizes: not known */

struct bo_ev {
    const struct rule_bo_facts *f;
    const struct rule_bo_path *at;
};

static int eval_int(long long *out, const struct bo_ev *ev, CXCursor expr, int depth);

/* The n-th child of c (0-based), or a null cursor. */
struct nth_child {
    unsigned want;
    unsigned index;
    CXCursor found;
};

static enum CXChildVisitResult visit_nth(CXCursor c, CXCursor parent, CXClientData data)
{
    struct nth_child *nc = data;

    (void)parent;
    if (nc->index++ == nc->want) {
        nc->found = c;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

static CXCursor nth_child(CXCursor c, unsigned n)
{
    struct nth_child nc = { n, 0, clang_getNullCursor() };

    clang_visitChildren(c, visit_nth, &nc);
    return nc.found;
}

static int eval_clang(long long *out, CXCursor e)
{
    CXEvalResult r = clang_Cursor_Evaluate(e);
    int ok = 0;

    if (r == NULL)
        return 0;
    if (clang_EvalResult_getKind(r) == CXEval_Int) {
        long long v = clang_EvalResult_getAsLongLong(r);

        if (clang_EvalResult_isUnsignedInt(r) &&
            clang_EvalResult_getAsUnsigned(r) > (unsigned long long)BO_LIMIT)
            v = BO_LIMIT;
        ok = v > -BO_LIMIT && v < BO_LIMIT;
        if (ok)
            *out = v;
    }
    clang_EvalResult_dispose(r);
    return ok;
}

static long long arith_value(enum ecg_op op, long long a, long long b)
{
    if (op == ECG_OP_ADD)
        return a + b;
    if (op == ECG_OP_SUB)
        return a - b;
    if (op == ECG_OP_MUL)
        return a * b;
    if (op == ECG_OP_DIV)
        return b != 0 ? a / b : BO_LIMIT;
    if (op == ECG_OP_SHL)
        return b >= 0 && b < 24 ? a * (1LL << b) : BO_LIMIT;
    return BO_LIMIT;
}

/* a op b for the operators sizes are computed with, when the operands are in range. */
static int arith(long long *out, enum ecg_op op, long long a, long long b)
{
    long long v = arith_value(op, a, b);

    if (v <= -BO_LIMIT || v >= BO_LIMIT)
        return 0;
    *out = v;
    return 1;
}

static int eval_binary(long long *out, const struct bo_ev *ev, CXCursor e, int depth)
{
    long long a, b;
    enum ecg_op op = ecg_opcode_of(e);

    if (op != ECG_OP_ADD && op != ECG_OP_SUB && op != ECG_OP_MUL && op != ECG_OP_DIV &&
        op != ECG_OP_SHL)
        return 0;
    if (!eval_int(&a, ev, nth_child(e, 0), depth + 1))
        return 0;
    if (!eval_int(&b, ev, nth_child(e, 1), depth + 1))
        return 0;
    return arith(out, op, a, b);
}

static int is_strlen(const char *name)
{
    return strcmp(name, "strlen") == 0 || strcmp(name, "wcslen") == 0 ||
           strcmp(name, "__builtin_strlen") == 0;
}

static int eval_call(long long *out, const struct bo_ev *ev, CXCursor call)
{
    char name[64];

    rule_callee_name(call, name, sizeof(name));
    if (!is_strlen(name) || clang_Cursor_getNumArguments(call) != 1)
        return 0;
    return rule_bo_eval_slen(out, ev->f, ev->at, clang_Cursor_getArgument(call, 0));
}

static int eval_ref(long long *out, const struct bo_ev *ev, CXCursor e)
{
    CXCursor decl = clang_getCursorReferenced(e);
    const struct rule_bo_var *v;

    if (clang_getCursorKind(decl) == CXCursor_EnumConstantDecl)
        return eval_clang(out, e);
    v = rule_bo_facts_read(ev->f, rule_bo_facts_var(e), ev->at);
    if (v == NULL || !v->has_value)
        return 0;
    *out = v->value;
    return 1;
}

static int eval_int(long long *out, const struct bo_ev *ev, CXCursor expr, int depth)
{
    CXCursor e = rule_exprkey_strip(expr);

    if (depth > BO_EVAL_DEPTH)
        return 0;
    switch (clang_getCursorKind(e)) {
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_UnaryExpr:
        return eval_clang(out, e);
    case CXCursor_DeclRefExpr:
        return eval_ref(out, ev, e);
    case CXCursor_BinaryOperator:
        return eval_binary(out, ev, e, depth);
    case CXCursor_CallExpr:
        return eval_call(out, ev, e);
    default:
        return 0;
    }
}

int rule_bo_eval_int(long long *out, const struct rule_bo_facts *f, const struct rule_bo_path *at,
                     CXCursor expr)
{
    struct bo_ev ev = { f, at };

    return eval_int(out, &ev, expr, 0);
}

long long rule_bo_eval_elem_size(CXCursor expr)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(expr));
    CXType elem;
    long long size;

    if (t.kind == CXType_Pointer)
        elem = clang_getPointeeType(t);
    else if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
        elem = clang_getArrayElementType(t);
    else
        return 0;
    size = clang_Type_getSizeOf(elem);
    return size > 0 ? size : 0;
}

/* The size of a declared array (one of more than one element: a trailing [1] or [0] is
 * often the header of a larger allocation). */
static int array_bytes(long long *out, CXType type)
{
    CXType t = clang_getCanonicalType(type);
    long long size;

    if (t.kind != CXType_ConstantArray || clang_getArraySize(t) < 2)
        return 0;
    size = clang_Type_getSizeOf(t);
    if (size <= 0)
        return 0;
    *out = size;
    return 1;
}

/* The argument of an allocation function that holds the size (calloc: the element size),
 * or -1. */
static int alloc_arg(const char *name)
{
    static const char *const one_size[] = { "malloc", "alloca", "__builtin_alloca", "valloc" };

    for (size_t i = 0; i < sizeof(one_size) / sizeof(one_size[0]); i++) {
        if (strcmp(name, one_size[i]) == 0)
            return 0;
    }
    if (strcmp(name, "realloc") == 0 || strcmp(name, "calloc") == 0)
        return 1;
    return -1;
}

int rule_bo_eval_alloc_size(long long *out, const struct rule_bo_facts *f,
                            const struct rule_bo_path *at, CXCursor call)
{
    char name[64];
    long long a, b = 1;
    int arg = alloc_arg(rule_callee_name(call, name, sizeof(name)));

    if (arg < 0 || clang_Cursor_getNumArguments(call) != arg + 1 ||
        !rule_bo_eval_int(&a, f, at, clang_Cursor_getArgument(call, (unsigned)arg)))
        return 0;
    if (strcmp(name, "calloc") == 0 &&
        !rule_bo_eval_int(&b, f, at, clang_Cursor_getArgument(call, 0)))
        return 0;
    return a >= 0 && b >= 0 && arith(out, ECG_OP_MUL, a, b);
}

static int bytes_of_ref(long long *out, CXCursor *origin, const struct bo_ev *ev, CXCursor e)
{
    CXCursor decl = clang_getCursorReferenced(e);
    const struct rule_bo_var *v;

    if (clang_getCursorKind(decl) != CXCursor_VarDecl &&
        clang_getCursorKind(decl) != CXCursor_ParmDecl)
        return 0;
    if (array_bytes(out, clang_getCursorType(decl))) {
        *origin = decl;
        return 1;
    }
    v = rule_bo_facts_read(ev->f, clang_getCanonicalCursor(decl), ev->at);
    if (v == NULL || v->bytes < 0)
        return 0;
    *out = v->bytes;
    *origin = v->origin;
    return 1;
}

static int eval_bytes(long long *out, CXCursor *origin, const struct bo_ev *ev, CXCursor expr,
                      int depth);

/* s.field of array type; u.member of a union variable: what was stored in the union. */
static int bytes_of_member(long long *out, CXCursor *origin, const struct bo_ev *ev, CXCursor e)
{
    const struct rule_bo_var *v;

    *origin = clang_getCursorReferenced(e);
    if (array_bytes(out, clang_getCursorType(e)))
        return 1;
    v = rule_bo_facts_read(ev->f, rule_bo_facts_var(e), ev->at);
    if (v == NULL || v->bytes < 0)
        return 0;
    *out = v->bytes;
    *origin = v->origin;
    return 1;
}

/* base + k, &base[k]: what is left of base's object past k elements of the type the
 * addition or the subscript is done in (a cast of base counts). */
static int bytes_offset(long long *out, CXCursor *origin, const struct bo_ev *ev, CXCursor pair,
                        int depth)
{
    CXCursor base = nth_child(pair, 0);
    long long total, k,
        esize = clang_getCursorKind(pair) == CXCursor_ArraySubscriptExpr
                    ? clang_Type_getSizeOf(clang_getCursorType(pair))
                    : rule_bo_eval_elem_size(pair);

    if (esize <= 0 || !eval_bytes(&total, origin, ev, base, depth + 1) ||
        !eval_int(&k, ev, nth_child(pair, 1), depth + 1) || k < 0)
        return 0;
    *out = total - k * esize;
    return 1;
}

/* &x: the size of the variable x. */
static int bytes_of_object(long long *out, CXCursor *origin, CXCursor operand)
{
    CXCursor decl = clang_getCursorReferenced(operand);
    long long size = clang_Type_getSizeOf(clang_getCursorType(operand));

    if (size <= 0 || clang_getCursorKind(decl) != CXCursor_VarDecl)
        return 0;
    *out = size;
    *origin = decl;
    return 1;
}

static int bytes_unary(long long *out, CXCursor *origin, const struct bo_ev *ev, CXCursor e,
                       int depth)
{
    enum ecg_op op = ecg_opcode_of(e);
    CXCursor operand = rule_exprkey_strip(nth_child(e, 0));
    enum CXCursorKind kind = clang_getCursorKind(operand);
    const struct rule_bo_var *v;

    if (op == ECG_OP_ADDROF && kind == CXCursor_ArraySubscriptExpr)
        return bytes_offset(out, origin, ev, operand, depth);
    if (op == ECG_OP_ADDROF && kind == CXCursor_DeclRefExpr)
        return bytes_of_object(out, origin, operand);
    if (op != ECG_OP_DEREF)
        return 0;
    v = rule_bo_facts_read(ev->f, rule_bo_facts_var(operand), ev->at);
    v = v != NULL ? rule_bo_facts_read(ev->f, v->target, ev->at) : NULL;
    if (v == NULL || v->bytes < 0)
        return 0;
    *out = v->bytes;
    *origin = v->origin;
    return 1;
}

static int eval_bytes(long long *out, CXCursor *origin, const struct bo_ev *ev, CXCursor expr,
                      int depth)
{
    CXCursor e = rule_exprkey_strip(expr);

    if (depth > BO_EVAL_DEPTH)
        return 0;
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr:
        return bytes_of_ref(out, origin, ev, e);
    case CXCursor_MemberRefExpr:
        return bytes_of_member(out, origin, ev, e);
    case CXCursor_UnaryOperator:
        return bytes_unary(out, origin, ev, e, depth);
    case CXCursor_BinaryOperator:
        if (ecg_opcode_of(e) != ECG_OP_ADD || rule_bo_eval_elem_size(e) <= 0)
            return 0;
        return bytes_offset(out, origin, ev, e, depth);
    case CXCursor_CallExpr:
        *origin = e;
        return rule_bo_eval_alloc_size(out, ev->f, ev->at, e);
    default:
        return 0;
    }
}

int rule_bo_eval_bytes(long long *out, CXCursor *origin, const struct rule_bo_facts *f,
                       const struct rule_bo_path *at, CXCursor expr)
{
    struct bo_ev ev = { f, at };
    CXCursor where = clang_getNullCursor();
    long long bytes;

    if (!eval_bytes(&bytes, &where, &ev, expr, 0))
        return 0;
    *out = bytes;
    if (origin != NULL)
        *origin = where;
    return 1;
}

/* Skips one escape sequence after its backslash: \n, \x41, \101 ... */
static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_octal(char c)
{
    return c >= '0' && c <= '7';
}

static const char *skip_escape(const char *p)
{
    int i = 0;

    if (*p == 'x') {
        for (p++; is_hex(*p); p++)
            ;
        return p;
    }
    for (; i < 3 && is_octal(*p); i++)
        p++;
    if (i > 0)
        return p;
    return *p != '\0' ? p + 1 : p;
}

/* The length in characters of a string literal as libclang spells it (L"..." included): its
 * type is the array it initialises, so the type cannot tell. Stops at an embedded "\0". */
/* Nonzero when the escape sequence after a backslash is a NUL: \0, \000, \x0. */
static int escape_is_nul(const char *p)
{
    const char *end = skip_escape(p);

    if (*p == 'x')
        p++;
    else if (!is_octal(*p))
        return 0;
    for (; p < end; p++) {
        if (*p != '0')
            return 0;
    }
    return 1;
}

/* Counts the characters of a literal's body, from after its opening quote; -1 when the
 * closing quote is missing. Stops at an embedded "\0". */
static long long body_length(const char *p)
{
    long long n = 0;

    while (*p != '"') {
        if (*p == '\0' || (p[0] == '\\' && escape_is_nul(p + 1)))
            return *p == '\0' ? -1 : n;
        p = *p == '\\' ? skip_escape(p + 1) : p + 1;
        while (((unsigned char)*p & 0xc0u) == 0x80u)
            p++;
        n++;
    }
    return n;
}

static int literal_length(long long *out, CXCursor lit)
{
    CXString spelling = clang_getCursorSpelling(lit);
    const char *p = clang_getCString(spelling);
    long long n = -1;

    p = p != NULL ? strchr(p, '"') : NULL;
    if (p != NULL)
        n = body_length(p + 1);
    clang_disposeString(spelling);
    if (n >= 0)
        *out = n;
    return n >= 0;
}

int rule_bo_eval_slen(long long *out, const struct rule_bo_facts *f, const struct rule_bo_path *at,
                      CXCursor expr)
{
    CXCursor e = rule_exprkey_strip(expr);
    const struct rule_bo_var *v;

    if (clang_getCursorKind(e) == CXCursor_StringLiteral)
        return literal_length(out, e);
    v = rule_bo_facts_read(f, rule_bo_facts_var(e), at);
    if (clang_getCursorKind(e) == CXCursor_UnaryOperator && ecg_opcode_of(e) == ECG_OP_DEREF) {
        v = rule_bo_facts_read(f, rule_bo_facts_var(nth_child(e, 0)), at);
        v = v != NULL ? rule_bo_facts_read(f, v->target, at) : NULL;
    }
    if (v == NULL || v->slen < 0)
        return 0;
    *out = v->slen;
    return 1;
}
