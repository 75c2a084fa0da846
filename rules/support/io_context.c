/* What the tree around an arithmetic operator says about whether it can overflow, for the
 * overflow rule: its operands, the bounds each operand needs, hash and checksum updates
 * where wrapping is intended, promoted narrow operands, harmless constant operands, loops
 * that change a variable. The climbs are bounded; one assignment's right side (at most
 * IO_VISIT_MAX nodes) or, before a limit is reported, the enclosing loops are searched. */
#include "rules/support/io_context.h"

#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/opkind.h"

#define IO_NAME_MAX 128
#define IO_CLIMB_MAX 32        /* ancestors looked through to the assignment an operator feeds */
#define IO_VISIT_MAX 128       /* nodes of an assignment's right side searched for hash mixing */
#define IO_LOOP_VISIT_MAX 8192 /* nodes of a loop searched for a store; past it, assume one */

static int io_hash_name(CXCursor lhs)
{
    static const char *const words[] = { "hash",   "crc", "cksum", "csum",  "checksum",
                                         "digest", "fnv", "adler", "murmur" };
    CXCursor target = rule_expr_strip(lhs);
    char name[IO_NAME_MAX];

    if (clang_getCursorKind(target) != CXCursor_DeclRefExpr &&
        clang_getCursorKind(target) != CXCursor_MemberRefExpr)
        return 0;
    rule_cursor_name(target, name, sizeof(name));
    for (size_t i = 0; name[i] != '\0'; i++)
        name[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strstr(name, words[i]) != NULL)
            return 1;
    }
    return 0;
}

struct io_mix {
    unsigned visited;
    int mixing;
    CXCursor self; /* the variable updated, or a null cursor */
};

/* h * 33 where h is the variable being updated: the multiplicative step of a hash. */
static int io_mul_self_by_constant(CXCursor mul, CXCursor self)
{
    CXCursor ops[2];

    if (clang_Cursor_isNull(self) || !rule_opkind_operands(mul, ops))
        return 0;
    for (unsigned i = 0; i < 2; i++) {
        CXCursor v = rule_intrange_var(ops[i]);
        CXEvalResult r;
        int constant;
        if (clang_Cursor_isNull(v) ||
            !clang_equalLocations(clang_getCursorLocation(v), clang_getCursorLocation(self)))
            continue;
        r = clang_Cursor_Evaluate(ops[1 - i]);
        constant = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int;
        if (r != NULL)
            clang_EvalResult_dispose(r);
        return constant;
    }
    return 0;
}

/* Shifts and exclusive ors in an update are what hash and checksum code does; bounded to
 * IO_VISIT_MAX nodes of the one right side. */
static enum CXChildVisitResult io_find_mixing(CXCursor c, CXCursor parent, CXClientData data)
{
    struct io_mix *m = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    enum ecg_op op;

    (void)parent;
    if (++m->visited > IO_VISIT_MAX)
        return CXChildVisit_Break;
    if (kind != CXCursor_BinaryOperator && kind != CXCursor_CompoundAssignOperator)
        return CXChildVisit_Recurse;
    op = ecg_opcode_of(c);
    if (op == ECG_OP_SHL || op == ECG_OP_SHR || op == ECG_OP_XOR ||
        (op == ECG_OP_MUL && io_mul_self_by_constant(c, m->self))) {
        m->mixing = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Nonzero when an unsigned operator is part of an update of a hash or checksum: the value
 * it feeds is named so, or the update mixes with shifts or exclusive ors. */
/* Parentheses and casts: the value goes through unchanged. */
static int io_passes_value(enum CXCursorKind kind)
{
    return kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_CStyleCastExpr;
}

/* The assignment or compound assignment an operator's value feeds, through arithmetic,
 * parentheses and casts; a null cursor when it feeds something else. */
static CXCursor io_update_of(const struct rule_ctx *rc, CXCursor op_cursor)
{
    if (clang_getCursorKind(op_cursor) == CXCursor_CompoundAssignOperator)
        return op_cursor;
    for (size_t up = 0; up < IO_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(anc);
        enum ecg_op op = kind == CXCursor_BinaryOperator ? ecg_opcode_of(anc) : ECG_OP_UNKNOWN;
        if (kind == CXCursor_CompoundAssignOperator || op == ECG_OP_ASSIGN)
            return anc;
        if (kind != CXCursor_BinaryOperator && !io_passes_value(kind))
            break;
    }
    return clang_getNullCursor();
}

static int io_is_mixing_op(enum ecg_op op)
{
    return op == ECG_OP_XOR || op == ECG_OP_SHL || op == ECG_OP_SHR;
}

int rule_io_context_accumulator(const struct rule_ctx *rc, CXCursor op_cursor)
{
    CXCursor assign = io_update_of(rc, op_cursor), ops[2];
    struct io_mix mix = { 0, 0, clang_getNullCursor() };

    if (clang_Cursor_isNull(assign) || !rule_opkind_operands(assign, ops))
        return 0;
    if (io_hash_name(ops[0]))
        return 1;
    if (clang_getCursorKind(assign) == CXCursor_CompoundAssignOperator &&
        io_is_mixing_op(ecg_opcode_of(assign)))
        return 1;
    mix.self = rule_intrange_var(ops[0]);
    if (io_find_mixing(ops[1], assign, &mix) == CXChildVisit_Recurse)
        clang_visitChildren(ops[1], io_find_mixing, &mix);
    return mix.mixing;
}

/* The operands of an arithmetic operator: two, or one for ++ and --. */
size_t rule_io_context_operands(CXCursor out[2], CXCursor op_cursor)
{
    if (clang_getCursorKind(op_cursor) == CXCursor_UnaryOperator) {
        out[0] = rule_expr_first_child(op_cursor);
        out[1] = clang_getNullCursor();
        return clang_Cursor_isNull(out[0]) ? 0 : 1;
    }
    return rule_opkind_operands(op_cursor, out) ? 2 : 0;
}

/* The bounds operand arg needs so that op cannot leave the type's range. */
unsigned rule_io_context_needed(enum ecg_op op, unsigned arg, int is_signed)
{
    switch (op) {
    case ECG_OP_ADD:
    case ECG_OP_PREINC:
    case ECG_OP_POSTINC:
        return RULE_INTRANGE_UPPER;
    case ECG_OP_SUB:
        return arg == 0 ? RULE_INTRANGE_LOWER : RULE_INTRANGE_UPPER;
    case ECG_OP_MUL:
        return is_signed ? RULE_INTRANGE_BOTH : RULE_INTRANGE_UPPER;
    default:
        return RULE_INTRANGE_LOWER;
    }
}

/* Nonzero when the other operand cannot push a limit further: adding or subtracting a
 * constant of at most 0, multiplying by 0 or 1. */
int rule_io_context_harmless_other(CXCursor other, enum ecg_op op)
{
    CXEvalResult r;
    long long v;
    int harmless = 0;

    if (clang_Cursor_isNull(other))
        return 0;
    r = clang_Cursor_Evaluate(other);
    if (r == NULL)
        return 0;
    if (clang_EvalResult_getKind(r) == CXEval_Int && !clang_EvalResult_isUnsignedInt(r)) {
        v = clang_EvalResult_getAsLongLong(r);
        harmless = op == ECG_OP_MUL ? (v == 0 || v == 1) : v <= 0;
    }
    clang_EvalResult_dispose(r);
    return harmless;
}

/* Nonzero when operand, narrower than the operator's type, was promoted: the operation
 * itself cannot overflow, only storing its result back into a narrow type can. */
int rule_io_context_promoted_safe(CXCursor operand, const struct rule_intrange_type *node,
                                  unsigned stored)
{
    struct rule_intrange_type t;

    if (!rule_intrange_type(&t, clang_getCursorType(rule_expr_strip(operand))))
        return 0;
    return t.bytes < node->bytes && (stored == 0 || stored >= node->bytes);
}

struct io_change {
    CXCursor decl;
    CXCursor self; /* the operator asked about: its own store is not another change */
    unsigned visited;
    int changed; /* also set when the search gave up: assume the loop changes it */
};

static int io_names_var(CXCursor operand, CXCursor decl)
{
    CXCursor var = rule_intrange_var(operand);

    return !clang_Cursor_isNull(var) &&
           clang_equalLocations(clang_getCursorLocation(var), clang_getCursorLocation(decl));
}

/* ++, -- and &: operators that change (or may change) their operand. */
static int io_is_step_op(enum ecg_op op)
{
    return op == ECG_OP_PREINC || op == ECG_OP_POSTINC || op == ECG_OP_PREDEC ||
           op == ECG_OP_POSTDEC || op == ECG_OP_ADDROF;
}

/* Nonzero when c stores into decl: an assignment, a compound assignment, ++, -- or &decl. */
static int io_changes(CXCursor c, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    CXCursor kids[2];
    enum ecg_op op;

    if (kind != CXCursor_BinaryOperator && kind != CXCursor_CompoundAssignOperator &&
        kind != CXCursor_UnaryOperator)
        return 0;
    if (kind == CXCursor_CompoundAssignOperator)
        return rule_opkind_operands(c, kids) && io_names_var(kids[0], decl);
    op = ecg_opcode_of(c);
    if (op == ECG_OP_ASSIGN)
        return rule_opkind_operands(c, kids) && io_names_var(kids[0], decl);
    return io_is_step_op(op) && io_names_var(rule_expr_first_child(c), decl);
}

static enum CXChildVisitResult io_find_change(CXCursor c, CXCursor parent, CXClientData data)
{
    struct io_change *ch = data;

    (void)parent;
    ch->visited++;
    if (ch->visited > IO_LOOP_VISIT_MAX ||
        (io_changes(c, ch->decl) &&
         !clang_equalRanges(clang_getCursorExtent(c), clang_getCursorExtent(ch->self)))) {
        ch->changed = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Nonzero when the expansion of loc lies within the expansion of range. */
static int io_encloses(CXSourceRange range, CXSourceLocation loc)
{
    CXFile f, rf;
    unsigned off, start, end;

    clang_getExpansionLocation(loc, &f, NULL, NULL, &off);
    clang_getExpansionLocation(clang_getRangeStart(range), &rf, NULL, NULL, &start);
    clang_getExpansionLocation(clang_getRangeEnd(range), NULL, NULL, NULL, &end);
    return f == rf && off >= start && off <= end;
}

int rule_io_context_loop_changes(const struct rule_ctx *rc, CXCursor at, CXCursor decl,
                                 CXCursor where)
{
    for (size_t up = 0; up < IO_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(anc);
        struct io_change ch = { decl, at, 0, 0 };
        if (clang_Cursor_isNull(anc) || kind == CXCursor_FunctionDecl)
            return 0;
        if (kind != CXCursor_ForStmt && kind != CXCursor_WhileStmt && kind != CXCursor_DoStmt)
            continue;
        if (io_encloses(clang_getCursorExtent(anc), clang_getCursorLocation(where)))
            return 0;
        clang_visitChildren(anc, io_find_change, &ch);
        if (ch.changed)
            return 1;
    }
    return 0;
}

struct rule_io_span rule_io_context_full_span(const struct rule_ctx *rc, CXCursor at)
{
    CXCursor outer = at;
    CXSourceRange full;
    struct rule_io_span span;

    for (size_t up = 0; up < IO_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        if (clang_Cursor_isNull(anc) || !clang_isExpression(clang_getCursorKind(anc)))
            break;
        outer = anc;
    }
    full = clang_getCursorExtent(outer);
    clang_getExpansionLocation(clang_getRangeStart(full), &span.file, NULL, NULL, &span.start);
    clang_getExpansionLocation(clang_getRangeEnd(full), NULL, NULL, NULL, &span.end);
    return span;
}

int rule_io_context_same_span(const struct rule_io_span *a, const struct rule_io_span *b)
{
    return a->file == b->file && a->start == b->start && a->end == b->end;
}

/* The position of child among the first children of stmt, or -1. */
static int io_child_position(CXCursor stmt, CXCursor child)
{
    CXCursor kids[4];
    unsigned n = ecg_cursor_children(kids, 4, stmt);

    for (unsigned i = 0; i < n && i < 4; i++) {
        if (clang_equalRanges(clang_getCursorExtent(kids[i]), clang_getCursorExtent(child)))
            return (int)i;
    }
    return -1;
}

int rule_io_context_counts_down(const struct rule_ctx *rc, CXCursor at)
{
    CXCursor child = at;

    for (size_t up = 0; up < IO_CLIMB_MAX; up++) {
        CXCursor anc = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(anc);
        int pos;
        if (kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr) {
            child = anc;
            continue;
        }
        pos = io_child_position(anc, child);
        if (kind == CXCursor_WhileStmt || kind == CXCursor_IfStmt)
            return pos == 0;
        if (kind == CXCursor_DoStmt)
            return pos == 1;
        return kind == CXCursor_ForStmt && pos >= 0 &&
               pos + 1 < (int)ecg_cursor_children(NULL, 0, anc);
    }
    return 0;
}
