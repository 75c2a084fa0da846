/* What conditions tell about pointer variables (p, !p, p == NULL, a && b ...) and which
 * uses their own expression guards (&&, ||, ?:, sizeof); see nullflow_int.h. */
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/nullflow_int.h"
#include "rules/support/opkind.h"

/* The direct children of cursor into out (at most cap); returns how many it has, or cap + 1
 * when it has more. */
unsigned rule_nullflow_children(CXCursor cursor, CXCursor *out, unsigned cap)
{
    unsigned n = ecg_cursor_children(out, cap, cursor);

    return n > cap ? cap + 1 : n;
}

static enum CXChildVisitResult nf_first_expr(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (!clang_isExpression(clang_getCursorKind(cursor)))
        return CXChildVisit_Continue;
    *(CXCursor *)data = cursor;
    return CXChildVisit_Break;
}

CXCursor rule_nullflow_strip(CXCursor e)
{
    for (int guard = 0; guard < 64; guard++) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        CXCursor child = clang_getNullCursor();
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
            kind != CXCursor_CStyleCastExpr)
            return e;
        clang_visitChildren(e, nf_first_expr, &child);
        if (clang_Cursor_isNull(child))
            return e;
        e = child;
    }
    return e;
}

int rule_nullflow_is_null_constant(CXCursor e)
{
    enum CXCursorKind kind;
    CXEvalResult value;
    int zero = 0;

    e = rule_nullflow_strip(e);
    kind = clang_getCursorKind(e);
    if (kind == CXCursor_GNUNullExpr || kind == CXCursor_CXXNullPtrLiteralExpr)
        return 1;
    if (kind != CXCursor_IntegerLiteral)
        return 0;
    value = clang_Cursor_Evaluate(e);
    if (value == NULL)
        return 0;
    zero =
        clang_EvalResult_getKind(value) == CXEval_Int && clang_EvalResult_getAsLongLong(value) == 0;
    clang_EvalResult_dispose(value);
    return zero;
}

int rule_nullflow_value_decl(const struct rule_nullflow *nf, CXCursor e, CXCursor *out)
{
    CXCursor ops[2], decl;
    enum CXCursorKind kind;

    e = rule_nullflow_strip(e);
    if (clang_getCursorKind(e) == CXCursor_BinaryOperator && rule_opkind_operands(e, ops) &&
        rule_opkind_binary(nf->tu, e) == RULE_OPKIND_ASSIGN)
        e = rule_nullflow_strip(ops[0]);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return 0;
    decl = clang_getCursorReferenced(e);
    kind = clang_getCursorKind(decl);
    if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl)
        return 0;
    *out = decl;
    return 1;
}

static void facts_add(struct rule_nullflow_facts *out, CXCursor decl, unsigned char bits)
{
    if (out->n == RULE_NULLFLOW_MAX_FACTS)
        return;
    out->items[out->n].decl = decl;
    out->items[out->n].bits = bits;
    out->n++;
}

struct nf_query {
    struct rule_nullflow_facts *out;
    int truth;       /* the value the condition is known to have */
    int tested_only; /* the outcome tells nothing: every variable is merely tested */
    int depth;
};

static void nf_facts(const struct rule_nullflow *nf, CXCursor e, struct nf_query q);

/* p == NULL, NULL != p ...: null when true for ==; anything else compared is only tested. */
static void nf_facts_compare(const struct rule_nullflow *nf, const CXCursor ops[2], int is_eq,
                             struct nf_query q)
{
    CXCursor decl;
    int null_side = rule_nullflow_is_null_constant(ops[1])   ? 1
                    : rule_nullflow_is_null_constant(ops[0]) ? 0
                                                             : -1;
    unsigned char known;

    if (null_side < 0) {
        for (int i = 0; i < 2; i++) {
            if (rule_nullflow_value_decl(nf, ops[i], &decl))
                facts_add(q.out, decl, RULE_NULLFLOW_TESTED);
        }
        return;
    }
    if (!rule_nullflow_value_decl(nf, ops[1 - null_side], &decl))
        return;
    known = (q.truth != 0) == is_eq ? RULE_NULLFLOW_NULL : RULE_NULLFLOW_NONNULL;
    facts_add(q.out, decl, q.tested_only ? RULE_NULLFLOW_TESTED : known);
}

/* a && b true means both; false means one of them, not which: merely tested (|| mirrors). */
static void nf_facts_logical(const struct rule_nullflow *nf, const CXCursor ops[2],
                             enum rule_opkind op, struct nf_query q)
{
    int merely = op == RULE_OPKIND_UNKNOWN || (op == RULE_OPKIND_LAND ? !q.truth : q.truth);

    q.tested_only = q.tested_only || merely;
    nf_facts(nf, ops[0], q);
    nf_facts(nf, ops[1], q);
}

static void nf_facts_binary(const struct rule_nullflow *nf, CXCursor e, struct nf_query q)
{
    CXCursor ops[2];
    enum rule_opkind op;

    if (!rule_opkind_operands(e, ops))
        return;
    op = rule_opkind_binary(nf->tu, e);
    switch (op) {
    case RULE_OPKIND_EQ:
    case RULE_OPKIND_NE:
        nf_facts_compare(nf, ops, op == RULE_OPKIND_EQ, q);
        return;
    case RULE_OPKIND_COMMA:
        nf_facts(nf, ops[1], q);
        return;
    case RULE_OPKIND_LAND:
    case RULE_OPKIND_LOR:
    case RULE_OPKIND_UNKNOWN:
        nf_facts_logical(nf, ops, op, q);
        return;
    default:
        return;
    }
}

static int nf_is_expect(CXCursor call)
{
    char name[32];

    return strcmp(rule_callee_name(call, name, sizeof(name)), "__builtin_expect") == 0 &&
           clang_Cursor_getNumArguments(call) == 2;
}

/* !x flips what x tells; an operator the tokens do not show (a macro's) only tests. */
static void nf_facts_unary(const struct rule_nullflow *nf, CXCursor e, struct nf_query q)
{
    CXCursor operand[1];
    enum rule_opkind op;

    if (rule_nullflow_children(e, operand, 1) != 1)
        return;
    op = rule_opkind_unary(nf->tu, e);
    if (op != RULE_OPKIND_NOT && op != RULE_OPKIND_UNKNOWN)
        return;
    q.truth = op == RULE_OPKIND_NOT ? !q.truth : q.truth;
    q.tested_only = q.tested_only || op == RULE_OPKIND_UNKNOWN;
    nf_facts(nf, operand[0], q);
}

static void nf_facts(const struct rule_nullflow *nf, CXCursor e, struct nf_query q)
{
    CXCursor decl;
    enum CXCursorKind kind;
    unsigned char known;

    if (++q.depth > RULE_NULLFLOW_MAX_DEPTH)
        return;
    e = rule_nullflow_strip(e);
    if (rule_nullflow_value_decl(nf, e, &decl)) {
        known = q.truth ? RULE_NULLFLOW_NONNULL : RULE_NULLFLOW_NULL;
        facts_add(q.out, decl, q.tested_only ? RULE_NULLFLOW_TESTED : known);
        return;
    }
    kind = clang_getCursorKind(e);
    if (kind == CXCursor_BinaryOperator)
        nf_facts_binary(nf, e, q);
    else if (kind == CXCursor_UnaryOperator)
        nf_facts_unary(nf, e, q);
    else if (kind == CXCursor_CallExpr && nf_is_expect(e))
        nf_facts(nf, clang_Cursor_getArgument(e, 0), q);
}

void rule_nullflow_facts_of(const struct rule_nullflow *nf, CXCursor cond, int truth,
                            struct rule_nullflow_facts *out)
{
    struct nf_query q = { out, truth, 0, 0 };

    out->n = 0;
    nf_facts(nf, cond, q);
}

/* What cond having the value truth tells, applied to s. */
void rule_nullflow_state_assume(const struct rule_nullflow *nf, struct rule_nullflow_state *s,
                                CXCursor cond, int truth)
{
    struct rule_nullflow_facts facts;

    if (!s->reachable)
        return;
    rule_nullflow_facts_of(nf, cond, truth, &facts);
    for (size_t i = 0; i < facts.n; i++)
        rule_nullflow_state_learn(nf, s, facts.items[i].decl, facts.items[i].bits);
}

int rule_nullflow_in_macro(CXTranslationUnit tu, CXCursor c, const char *name)
{
    CXFile file;
    unsigned line, column;
    CXToken *tok;
    CXString word, own;
    int in_macro = 0;

    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), &file, &line, &column,
                               NULL);
    if (file == NULL)
        return 0;
    tok = clang_getToken(tu, clang_getLocation(tu, file, line, column));
    if (tok == NULL)
        return 0;
    if (clang_getTokenKind(*tok) == CXToken_Identifier) {
        word = clang_getTokenSpelling(tu, *tok);
        own = clang_getCursorSpelling(c);
        in_macro = strcmp(clang_getCString(word), name != NULL ? name : clang_getCString(own)) != 0;
        clang_disposeString(own);
        clang_disposeString(word);
    }
    clang_disposeTokens(tu, tok, 1);
    return in_macro;
}

int rule_nullflow_same(CXCursor a, CXCursor b)
{
    if (clang_getCursorKind(a) != clang_getCursorKind(b))
        return 0;
    if (clang_equalCursors(a, b))
        return 1;
    return clang_hashCursor(a) == clang_hashCursor(b) &&
           clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

/* The number of decl among the variables; n_vars when it has none. */
static int nf_facts_protect(const struct rule_nullflow *nf, const struct rule_nullflow_facts *facts,
                            CXCursor decl)
{
    struct rule_nullflow_value mine = rule_nullflow_get(nf, decl);

    for (size_t i = 0; i < facts->n; i++) {
        struct rule_nullflow_value v = rule_nullflow_get(nf, facts->items[i].decl);
        int same = clang_equalCursors(facts->items[i].decl, decl) ||
                   (mine.origin != 0 && v.origin == mine.origin);
        if (same && facts->items[i].bits != RULE_NULLFLOW_NULL)
            return 1;
    }
    return 0;
}

/* Nonzero when a, an ancestor of the use whose child on the way is below, guards it. */
static int nf_guard_at(const struct rule_nullflow *nf, CXCursor a, CXCursor below, CXCursor decl)
{
    CXCursor kids[3];
    struct rule_nullflow_facts facts;
    int truth;
    enum rule_opkind op;

    if (clang_getCursorKind(a) == CXCursor_ConditionalOperator) {
        if (rule_nullflow_children(a, kids, 3) != 3 || rule_nullflow_same(kids[0], below))
            return 0;
        truth = rule_nullflow_same(kids[1], below);
    } else {
        if (clang_getCursorKind(a) != CXCursor_BinaryOperator || !rule_opkind_operands(a, kids) ||
            !rule_nullflow_same(kids[1], below))
            return 0;
        op = rule_opkind_binary(nf->tu, a);
        if (op != RULE_OPKIND_LAND && op != RULE_OPKIND_LOR)
            return 0;
        truth = op == RULE_OPKIND_LAND;
    }
    rule_nullflow_facts_of(nf, kids[0], truth, &facts);
    return nf_facts_protect(nf, &facts, decl);
}

int rule_nullflow_guarded(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor cursor,
                          CXCursor decl)
{
    CXCursor below = cursor;

    for (size_t up = 0; up < RULE_NULLFLOW_MAX_CLIMB; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_UnaryExpr)
            return 1; /* sizeof, _Alignof: not evaluated */
        if (!clang_isExpression(kind))
            return 0;
        if (nf_guard_at(nf, a, below, decl))
            return 1;
        below = a;
    }
    return 0;
}
