/* Integer facts around an arithmetic operator; see intrange.h. Every climb stops at the
 * enclosing function or after INTRANGE_CLIMB_MAX ancestors. */
#include "rules/support/intrange.h"

#include <stddef.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/opkind.h"

#define INTRANGE_CLIMB_MAX 64 /* ancestors looked at above one operator */
#define INTRANGE_COND_DEPTH 8 /* && || ! nesting followed in one condition */

static const enum CXTypeKind unsigned_kinds[] = {
    CXType_Bool,   CXType_Char_U, CXType_UChar, CXType_Char16,    CXType_Char32,
    CXType_UShort, CXType_UInt,   CXType_ULong, CXType_ULongLong,
};

static const enum CXTypeKind signed_kinds[] = {
    CXType_Char_S, CXType_SChar, CXType_WChar,    CXType_Short,
    CXType_Int,    CXType_Long,  CXType_LongLong,
};

static int kind_in(enum CXTypeKind kind, const enum CXTypeKind *kinds, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (kinds[i] == kind)
            return 1;
    }
    return 0;
}

static int type_signedness(int *out, enum CXTypeKind kind)
{
    if (kind_in(kind, unsigned_kinds, sizeof(unsigned_kinds) / sizeof(unsigned_kinds[0]))) {
        *out = 0;
        return 1;
    }
    if (kind_in(kind, signed_kinds, sizeof(signed_kinds) / sizeof(signed_kinds[0]))) {
        *out = 1;
        return 1;
    }
    return 0;
}

int rule_intrange_type(struct rule_intrange_type *out, CXType type)
{
    CXType t = clang_getCanonicalType(type);
    long long size;
    int is_signed;

    if (t.kind == CXType_Enum)
        t = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(t)));
    if (!type_signedness(&is_signed, t.kind))
        return 0;
    size = clang_Type_getSizeOf(t);
    if (size < 1 || size > 8)
        return 0;
    out->bytes = (unsigned)size;
    out->is_signed = is_signed;
    return 1;
}

/* Which limit of type the value v (already cut to the type's width) is. */
static unsigned limit_of_value(unsigned long long v, struct rule_intrange_type type)
{
    unsigned bits = type.bytes * 8;
    unsigned long long mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
    unsigned long long top = 1ull << (bits - 1);

    if (!type.is_signed)
        return v == mask ? RULE_INTRANGE_UPPER : v == 0 ? RULE_INTRANGE_LOWER : 0;
    if (v == top - 1)
        return RULE_INTRANGE_UPPER;
    return v == top ? RULE_INTRANGE_LOWER : 0;
}

unsigned rule_intrange_limit_of(CXCursor expr, struct rule_intrange_type type)
{
    CXEvalResult r = clang_Cursor_Evaluate(expr);
    unsigned bits = type.bytes * 8;
    unsigned long long mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
    unsigned long long v;
    unsigned limit = 0;

    if (r == NULL)
        return 0;
    if (clang_EvalResult_getKind(r) == CXEval_Int) {
        if (clang_EvalResult_isUnsignedInt(r))
            v = clang_EvalResult_getAsUnsigned(r);
        else
            v = (unsigned long long)clang_EvalResult_getAsLongLong(r);
        limit = limit_of_value(v & mask, type);
    }
    clang_EvalResult_dispose(r);
    return limit;
}

/* Looks through parentheses, implicit conversions and explicit casts. */
static CXCursor strip_casts(CXCursor expr)
{
    for (unsigned i = 0; i < INTRANGE_CLIMB_MAX; i++) {
        expr = rule_expr_strip(expr);
        if (clang_getCursorKind(expr) != CXCursor_CStyleCastExpr)
            return expr;
        {
            CXCursor ops[2];
            /* a cast to a named type has the TypeRef first, the operand last */
            if (rule_opkind_operands(expr, ops))
                expr = ops[1];
            else
                expr = rule_expr_first_child(expr);
        }
    }
    return expr;
}

CXCursor rule_intrange_var(CXCursor operand)
{
    CXCursor ref = strip_casts(operand);
    CXCursor decl;

    if (clang_getCursorKind(ref) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    decl = clang_getCursorReferenced(ref);
    if (clang_getCursorKind(decl) != CXCursor_VarDecl &&
        clang_getCursorKind(decl) != CXCursor_ParmDecl)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(decl);
}

/* The argument of abs(), labs(), llabs() or imaxabs() an operand is, through casts; or a null
 * cursor. */
static CXCursor abs_argument(CXCursor operand)
{
    CXCursor call = strip_casts(operand);
    char name[16];

    if (clang_getCursorKind(call) != CXCursor_CallExpr || clang_Cursor_getNumArguments(call) != 1)
        return clang_getNullCursor();
    rule_callee_name(call, name, sizeof(name));
    if (strcmp(name, "abs") != 0 && strcmp(name, "labs") != 0 && strcmp(name, "llabs") != 0 &&
        strcmp(name, "imaxabs") != 0)
        return clang_getNullCursor();
    return clang_Cursor_getArgument(call, 0);
}

static int same_var(CXCursor operand, CXCursor decl)
{
    CXCursor v = rule_intrange_var(operand);

    return !clang_Cursor_isNull(v) &&
           clang_equalLocations(clang_getCursorLocation(v), clang_getCursorLocation(decl));
}

/* What "side op other" holding (or not) says of side. */
static unsigned comparison_effect(enum ecg_op op, int holds)
{
    static const unsigned char when_true[] = {
        [ECG_OP_EQ] = RULE_INTRANGE_BOTH,  [ECG_OP_NE] = 0,
        [ECG_OP_LT] = RULE_INTRANGE_UPPER, [ECG_OP_LE] = RULE_INTRANGE_UPPER,
        [ECG_OP_GT] = RULE_INTRANGE_LOWER, [ECG_OP_GE] = RULE_INTRANGE_LOWER,
    };
    static const unsigned char when_false[] = {
        [ECG_OP_EQ] = 0,
        [ECG_OP_NE] = RULE_INTRANGE_BOTH,
        [ECG_OP_LT] = RULE_INTRANGE_LOWER,
        [ECG_OP_LE] = RULE_INTRANGE_LOWER,
        [ECG_OP_GT] = RULE_INTRANGE_UPPER,
        [ECG_OP_GE] = RULE_INTRANGE_UPPER,
    };

    if (!ecg_opcode_is_comparison(op))
        return 0;
    return holds ? when_true[op] : when_false[op];
}

static int is_zero(CXCursor expr)
{
    CXEvalResult r;
    int zero;

    expr = rule_expr_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_IntegerLiteral)
        return 0;
    r = clang_Cursor_Evaluate(expr);
    zero = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int &&
           clang_EvalResult_getAsLongLong(r) == 0;
    if (r != NULL)
        clang_EvalResult_dispose(r);
    return zero;
}

/* x != 0 (or x == 0 failing): a count or length that is at least 1. */
static unsigned nonzero_bits(CXCursor side, CXCursor other, enum ecg_op op, int holds,
                             CXCursor decl)
{
    int nonzero = (op == ECG_OP_NE && holds) || (op == ECG_OP_EQ && !holds);

    return nonzero && is_zero(other) && same_var(side, decl) ? RULE_INTRANGE_LOWER : 0;
}

static unsigned side_bits(CXCursor side, enum ecg_op op, int holds, CXCursor decl)
{
    unsigned effect = comparison_effect(op, holds);
    CXCursor arg;

    if (effect == 0)
        return 0;
    if (same_var(side, decl))
        return effect;
    /* |x| <= k bounds x both ways */
    arg = abs_argument(side);
    if (!clang_Cursor_isNull(arg) && (effect & RULE_INTRANGE_UPPER) != 0 && same_var(arg, decl))
        return RULE_INTRANGE_BOTH;
    return 0;
}

static unsigned cond_bits(CXCursor cond, CXCursor decl, int holds, unsigned depth);

/* A condition, a bare variable included: `while (len && ...)` makes len nonzero, so at
 * least 1. */
static unsigned test_bits(CXCursor cond, CXCursor decl, int holds, unsigned depth)
{
    if (holds && same_var(cond, decl))
        return RULE_INTRANGE_LOWER;
    return cond_bits(cond, decl, holds, depth);
}

/* && on the edge where it holds, || where it fails: both operands' bounds hold. */
static unsigned logic_bits(CXCursor cond, enum ecg_op op, CXCursor decl, int holds, unsigned depth)
{
    CXCursor ops[2];

    if (!((op == ECG_OP_LAND && holds) || (op == ECG_OP_LOR && !holds)) ||
        !rule_opkind_operands(cond, ops))
        return 0;
    return test_bits(ops[0], decl, holds, depth + 1) | test_bits(ops[1], decl, holds, depth + 1);
}

static unsigned cond_bits(CXCursor cond, CXCursor decl, int holds, unsigned depth)
{
    CXCursor ops[2];
    enum CXCursorKind kind;
    enum ecg_op op;

    cond = rule_expr_strip(cond);
    kind = clang_getCursorKind(cond);
    if (depth > INTRANGE_COND_DEPTH ||
        (kind != CXCursor_BinaryOperator && kind != CXCursor_UnaryOperator))
        return 0;
    op = ecg_opcode_of(cond);
    if (op == ECG_OP_NOT)
        return test_bits(rule_expr_first_child(cond), decl, !holds, depth + 1);
    if (op == ECG_OP_LAND || op == ECG_OP_LOR)
        return logic_bits(cond, op, decl, holds, depth);
    if (!ecg_opcode_is_comparison(op) || !rule_opkind_operands(cond, ops))
        return 0;
    return side_bits(ops[0], op, holds, decl) |
           side_bits(ops[1], ecg_opcode_mirror(op), holds, decl) |
           nonzero_bits(ops[0], ops[1], op, holds, decl) |
           nonzero_bits(ops[1], ops[0], op, holds, decl);
}

struct child_find {
    CXCursor target;
    int index; /* of the child found, or -1 */
    int seen;
};

static enum CXChildVisitResult find_child(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct child_find *cf = data;

    (void)parent;
    if (clang_equalRanges(clang_getCursorExtent(cursor), clang_getCursorExtent(cf->target))) {
        cf->index = cf->seen;
        return CXChildVisit_Break;
    }
    cf->seen++;
    return CXChildVisit_Continue;
}

/* The position of child among the children of stmt (an if or while statement), or -1. */
static int child_index(CXCursor stmt, CXCursor child)
{
    struct child_find cf = { child, -1, 0 };

    clang_visitChildren(stmt, find_child, &cf);
    return cf.index;
}

/* The right operand of `a && b` runs where a holds, of `a || b` where a fails. */
static unsigned logic_operand_bits(CXCursor op_cursor, CXCursor child, CXCursor decl)
{
    CXCursor ops[2];
    enum ecg_op op;

    if (!rule_opkind_operands(op_cursor, ops) ||
        !clang_equalRanges(clang_getCursorExtent(ops[1]), clang_getCursorExtent(child)))
        return 0;
    op = ecg_opcode_of(op_cursor);
    if (op != ECG_OP_LAND && op != ECG_OP_LOR)
        return 0;
    return test_bits(ops[0], decl, op == ECG_OP_LAND, 0);
}

/* The bounds the if or while statement, or the `?:`, stmt puts on decl in its branch holding
 * child. */
static unsigned stmt_bits(CXCursor stmt, CXCursor child, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(stmt);
    int index;

    if (kind == CXCursor_BinaryOperator)
        return logic_operand_bits(stmt, child, decl);
    if (kind != CXCursor_IfStmt && kind != CXCursor_WhileStmt &&
        kind != CXCursor_ConditionalOperator)
        return 0;
    index = child_index(stmt, child);
    if (index == 1)
        return test_bits(rule_expr_first_child(stmt), decl, 1, 0);
    if (index == 2 && kind != CXCursor_WhileStmt)
        return test_bits(rule_expr_first_child(stmt), decl, 0, 0);
    return 0;
}

unsigned rule_intrange_guards(const struct rule_ctx *rc, CXCursor at, CXCursor decl)
{
    unsigned bits = 0;

    for (size_t up = 0; up < INTRANGE_CLIMB_MAX && bits != RULE_INTRANGE_BOTH; up++) {
        CXCursor stmt = rule_ancestor(rc, up);
        if (clang_Cursor_isNull(stmt) || clang_getCursorKind(stmt) == CXCursor_FunctionDecl)
            break;
        bits |= stmt_bits(stmt, up == 0 ? at : rule_ancestor(rc, up - 1), decl);
    }
    return bits;
}

/* The type a value used directly by anc (a declaration, an assignment, a return, a cast)
 * is converted to: 1 and *out, 0 for another use. */
static int use_type(CXType *out, const struct rule_ctx *rc, CXCursor anc, CXCursor assign)
{
    enum CXCursorKind kind = clang_getCursorKind(anc);

    if (kind == CXCursor_VarDecl || kind == CXCursor_CStyleCastExpr ||
        (kind == CXCursor_BinaryOperator && !clang_Cursor_isNull(assign) &&
         clang_equalCursors(anc, assign))) {
        *out = clang_getCursorType(anc);
        return 1;
    }
    if (kind == CXCursor_ReturnStmt) {
        *out = clang_getResultType(clang_getCursorType(rule_function(rc)));
        return 1;
    }
    return 0;
}

int rule_intrange_stored_type(CXType *out, const struct rule_ctx *rc, CXCursor assign)
{
    for (size_t up = 0; up < INTRANGE_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(anc);

        if (kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr)
            return use_type(out, rc, anc, assign);
    }
    return 0;
}
