/* Integer limits across the functions of one unit; see io_links.h. */
#include "analyzer/grow.h"
#include "rules/support/io_links.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "analyzer/opcode.h"
#include "rules/support/expr.h"
#include "rules/support/intrange.h"
#include "rules/support/opkind.h"

#define LENGTH_TERMS_MAX 4 /* nesting of a sum of lengths still read as a length */

static int same_decl(CXCursor a, CXCursor b)
{
    return clang_equalLocations(clang_getCursorLocation(a), clang_getCursorLocation(b));
}

void rule_io_links_fini(struct rule_io_links *l)
{
    free(l->facts);
    free(l->waits);
    l->facts = NULL;
    l->waits = NULL;
    l->n_facts = l->cap_facts = 0;
    l->n_waits = l->cap_waits = 0;
}

int rule_io_links_fact(struct rule_io_links *l, CXCursor decl, unsigned limit, CXCursor where)
{
    if (rule_io_links_find(l, decl, limit) != NULL)
        return 0;
    if (ecg_grow((void **)&l->facts, &l->cap_facts, l->n_facts + 1, sizeof(*l->facts)) != 0)
        return -1;
    l->facts[l->n_facts++] = (struct rule_io_fact){ decl, limit, where };
    return 0;
}

int rule_io_links_wait(struct rule_io_links *l, const struct rule_io_wait *w)
{
    if (ecg_grow((void **)&l->waits, &l->cap_waits, l->n_waits + 1, sizeof(*l->waits)) != 0)
        return -1;
    l->waits[l->n_waits++] = *w;
    return 0;
}

const struct rule_io_fact *rule_io_links_find(const struct rule_io_links *l, CXCursor decl,
                                              unsigned limits)
{
    if (clang_Cursor_isNull(decl))
        return NULL;
    for (size_t i = 0; i < l->n_facts; i++) {
        if ((l->facts[i].limit & limits) != 0 && same_decl(l->facts[i].decl, decl))
            return &l->facts[i];
    }
    return NULL;
}

int rule_io_links_is_shared(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    CXCursor parent = clang_getCursorSemanticParent(decl);

    if (kind == CXCursor_ParmDecl)
        return clang_getCursorLinkage(parent) == CXLinkage_Internal;
    return kind == CXCursor_VarDecl && clang_getCursorKind(parent) == CXCursor_TranslationUnit &&
           clang_getCursorLinkage(decl) == CXLinkage_Internal;
}

void rule_io_links_forget(struct rule_io_links *l, CXCursor decl, unsigned limits)
{
    size_t kept = 0;

    for (size_t i = 0; i < l->n_facts; i++) {
        if (!same_decl(l->facts[i].decl, decl) || (l->facts[i].limit & limits) == 0)
            l->facts[kept++] = l->facts[i];
    }
    l->n_facts = kept;
}

/* expr without parentheses, implicit conversions and explicit casts. */
static CXCursor strip_all(CXCursor expr)
{
    CXCursor e = rule_expr_strip(expr);

    for (unsigned i = 0; i < 16 && clang_getCursorKind(e) == CXCursor_CStyleCastExpr; i++) {
        CXCursor kids[2];
        unsigned n = ecg_cursor_children(kids, 2, e);
        if (n == 0 || n > 2)
            break;
        e = rule_expr_strip(kids[n - 1]);
    }
    return e;
}

static int is_constant(CXCursor expr)
{
    CXEvalResult r = clang_Cursor_Evaluate(expr);
    int is_int = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int;

    if (r != NULL)
        clang_EvalResult_dispose(r);
    return is_int;
}

static int is_length_call(const struct rule_io_links *l, CXCursor call)
{
    static const char *const names[] = { "strlen", "strnlen", "wcslen" };
    CXCursor callee = clang_getCursorReferenced(call);
    CXCursor def = clang_getCursorDefinition(callee);
    CXString s;
    const char *name;
    int hit = 0;

    if (!clang_Cursor_isNull(def) && rule_io_links_find(l, def, RULE_IO_LENGTH) != NULL)
        return 1;
    s = clang_getCursorSpelling(callee);
    name = clang_getCString(s);
    for (size_t i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]); i++)
        hit |= strcmp(name, names[i]) == 0;
    clang_disposeString(s);
    return hit;
}

static int length_term(const struct rule_io_links *l, CXCursor expr, unsigned depth);

/* `x & constant`, or a sum of lengths and constants (not all constants). */
static int length_binary(const struct rule_io_links *l, CXCursor e, unsigned depth)
{
    CXCursor ops[2];
    enum ecg_op op;

    if (depth >= LENGTH_TERMS_MAX || !rule_opkind_operands(e, ops))
        return 0;
    op = ecg_opcode_of(e);
    if (op == ECG_OP_AND)
        return is_constant(ops[0]) || is_constant(ops[1]);
    return op == ECG_OP_ADD && length_term(l, ops[0], depth + 1) &&
           length_term(l, ops[1], depth + 1) && !is_constant(e);
}

static int length_of(const struct rule_io_links *l, CXCursor expr, unsigned depth)
{
    CXCursor e = strip_all(expr);
    enum CXCursorKind kind = clang_getCursorKind(e);

    if (kind == CXCursor_UnaryExpr) /* sizeof, _Alignof */
        return 1;
    if (kind == CXCursor_CallExpr)
        return is_length_call(l, e);
    if (kind == CXCursor_DeclRefExpr)
        return rule_io_links_find(l, rule_intrange_var(e), RULE_IO_LENGTH) != NULL;
    return kind == CXCursor_BinaryOperator && length_binary(l, e, depth);
}

static int length_term(const struct rule_io_links *l, CXCursor expr, unsigned depth)
{
    return is_constant(expr) || length_of(l, expr, depth);
}

int rule_io_links_is_length(const struct rule_io_links *l, CXCursor expr)
{
    return length_of(l, expr, 0);
}

int rule_io_links_store_length(struct rule_io_links *l, CXCursor decl, CXCursor value)
{
    rule_io_links_forget(l, decl, RULE_IO_LENGTH);
    if (!rule_io_links_is_length(l, value))
        return 0;
    return rule_io_links_fact(l, decl, RULE_IO_LENGTH, value);
}

int rule_io_links_length_sum(const struct rule_io_links *l, const CXCursor ops[2])
{
    int any = 0;

    for (unsigned i = 0; i < 2 && !clang_Cursor_isNull(ops[i]); i++) {
        if (rule_io_links_is_length(l, ops[i]))
            any = 1;
        else if (!is_constant(ops[i]))
            return 0;
    }
    return any;
}
