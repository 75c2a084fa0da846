/* The buffer overflow rule's table of local variable facts and the small evaluator over it
 * (sizes, string lengths, integer values live in bo_eval.c). A fact is read only where the
 * write that set it can reach, as far as the enclosing if statements tell. */
#include "rules/support/bo_facts.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/exprkey.h"

static void var_unknown(struct rule_bo_var *v, CXCursor decl)
{
    memset(v, 0, sizeof(*v));
    v->decl = decl;
    v->bytes = -1;
    v->slen = -1;
    v->filled = -1;
    v->origin = clang_getNullCursor();
    v->strlen_of = clang_getNullCursor();
    v->target = clang_getNullCursor();
    v->entry = clang_getNullCursor();
    v->xread = clang_getNullCursor();
}

void rule_bo_facts_reset(struct rule_bo_facts *f)
{
    f->len = 0;
    f->lost = 0;
}

void rule_bo_facts_fini(struct rule_bo_facts *f)
{
    free(f->vars);
    f->vars = NULL;
    f->len = 0;
    f->cap = 0;
    f->lost = 0;
}

static struct rule_bo_var *facts_find(const struct rule_bo_facts *f, CXCursor decl)
{
    for (size_t i = f->len; i > 0; i--) {
        if (clang_equalCursors(f->vars[i - 1].decl, decl))
            return &f->vars[i - 1];
    }
    return NULL;
}

struct rule_bo_var *rule_bo_facts_get(struct rule_bo_facts *f, CXCursor decl)
{
    struct rule_bo_var *v = facts_find(f, decl);

    if (v != NULL || f->lost)
        return v;
    if (f->len == f->cap) {
        size_t cap = f->cap != 0 ? f->cap * 2 : 32;
        struct rule_bo_var *grown = realloc(f->vars, cap * sizeof(*grown));

        if (grown == NULL) {
            f->lost = 1;
            return NULL;
        }
        f->vars = grown;
        f->cap = cap;
    }
    v = &f->vars[f->len++];
    var_unknown(v, decl);
    return v;
}

int rule_bo_facts_same(CXCursor a, CXCursor b)
{
    return clang_getCursorKind(a) == clang_getCursorKind(b) &&
           clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

static int path_has(const struct rule_bo_path *at, CXCursor c)
{
    for (size_t i = 0; i < at->n; i++) {
        if (rule_bo_facts_same(at->up[i], c))
            return 1;
    }
    return 0;
}

/* The then (1) or else (2) branch child of an if, or 0 for its condition. */
struct child_find {
    CXCursor want;
    int index;
    int found;
};

static enum CXChildVisitResult find_child(CXCursor c, CXCursor parent, CXClientData data)
{
    struct child_find *cf = data;

    (void)parent;
    if (rule_bo_facts_same(c, cf->want)) {
        cf->found = cf->index;
        return CXChildVisit_Break;
    }
    cf->index++;
    return CXChildVisit_Continue;
}

static int child_index(CXCursor parent, CXCursor child)
{
    struct child_find cf = { child, 0, -1 };

    clang_visitChildren(parent, find_child, &cf);
    return cf.found;
}

static size_t arms_of(struct rule_bo_arm *out, const struct rule_bo_path *at)
{
    size_t n = 0;

    for (size_t i = 0; i + 1 < at->n && n < RULE_BO_ARMS; i++) {
        if (clang_getCursorKind(at->up[i + 1]) != CXCursor_IfStmt)
            continue;
        if (child_index(at->up[i + 1], at->up[i]) < 1)
            continue;
        out[n].stmt = at->up[i + 1];
        out[n].arm = at->up[i];
        n++;
    }
    return n;
}

/* Nonzero when a write under these arms cannot reach the use at: it sits in the other
 * branch of an if that encloses the use. */
static int arms_exclude(const struct rule_bo_arm *arms, size_t n, const struct rule_bo_path *at)
{
    for (size_t i = 0; i < n; i++) {
        if (path_has(at, arms[i].stmt) && !path_has(at, arms[i].arm))
            return 1;
    }
    return 0;
}

/* Nonzero when the old write's arms hold an if whose other branch the new write is in. */
static int arms_sibling(const struct rule_bo_var *old, const struct rule_bo_arm *arms, size_t n)
{
    for (size_t i = 0; i < old->n_arms; i++) {
        for (size_t j = 0; j < n; j++) {
            if (rule_bo_facts_same(old->arms[i].stmt, arms[j].stmt) &&
                !rule_bo_facts_same(old->arms[i].arm, arms[j].arm))
                return 1;
        }
    }
    return 0;
}

/* Sizes join to the smaller (the object on one path is that small), string lengths to the
 * longer (the string on one path is that long); unknown when either is. */
static long long join_min(long long a, long long b)
{
    if (a < 0 || b < 0)
        return -1;
    return a < b ? a : b;
}

static long long join_max(long long a, long long b)
{
    if (a < 0 || b < 0)
        return -1;
    return a > b ? a : b;
}

/* The seeds from other units stay with the size and length the join keeps. */
static void var_join_seeds(struct rule_bo_var *v, const struct rule_bo_var *old)
{
    if (v->bytes < 0)
        v->xbytes = NULL;
    else if (v->bytes == old->bytes)
        v->xbytes = old->xbytes;
    if (v->slen < 0)
        v->xslen = NULL;
    else if (v->slen == old->slen)
        v->xslen = old->xslen;
}

static void var_join(struct rule_bo_var *v, const struct rule_bo_var *old)
{
    v->bytes = join_min(v->bytes, old->bytes);
    v->slen = join_max(v->slen, old->slen);
    var_join_seeds(v, old);
    v->filled = -1;
    if (!old->has_value || !v->has_value || old->value != v->value)
        v->has_value = 0;
    if (!clang_equalCursors(v->target, old->target))
        v->target = clang_getNullCursor();
    if (!clang_equalCursors(v->entry, old->entry))
        v->entry = clang_getNullCursor();
    if (!clang_equalCursors(v->strlen_of, old->strlen_of))
        v->strlen_of = clang_getNullCursor();
    if (!clang_equalCursors(v->xread, old->xread))
        v->xread = clang_getNullCursor();
}

void rule_bo_facts_assign(struct rule_bo_facts *f, CXCursor decl, const struct rule_bo_path *at,
                          const struct rule_bo_var *val)
{
    struct rule_bo_var *v = rule_bo_facts_get(f, decl);
    struct rule_bo_var old;
    struct rule_bo_arm arms[RULE_BO_ARMS];
    size_t n = arms_of(arms, at);

    if (v == NULL)
        return;
    old = *v;
    *v = *val;
    v->decl = decl;
    memcpy(v->arms, arms, n * sizeof(arms[0]));
    v->n_arms = n;
    v->assigned = 1;
    if (arms_sibling(&old, arms, n))
        var_join(v, &old);
}

void rule_bo_facts_forget(struct rule_bo_facts *f, CXCursor decl)
{
    struct rule_bo_var *v = rule_bo_facts_get(f, decl);

    if (v == NULL)
        return;
    var_unknown(v, decl);
    v->assigned = 1;
}

const struct rule_bo_var *rule_bo_facts_read(const struct rule_bo_facts *f, CXCursor decl,
                                             const struct rule_bo_path *at)
{
    const struct rule_bo_var *v;

    if (f->lost || clang_Cursor_isNull(decl))
        return NULL;
    v = facts_find(f, decl);
    if (v == NULL || arms_exclude(v->arms, v->n_arms, at))
        return NULL;
    return v;
}

void rule_bo_facts_path(struct rule_bo_path *out, const struct rule_ctx *rc, CXCursor self)
{
    out->up[0] = self;
    out->n = 1;
    while (out->n < RULE_BO_PATH_MAX) {
        CXCursor c = rule_ancestor(rc, out->n - 1);
        enum CXCursorKind kind = clang_getCursorKind(c);

        if (clang_Cursor_isNull(c) || kind == CXCursor_TranslationUnit)
            break;
        out->up[out->n++] = c;
        if (kind == CXCursor_FunctionDecl)
            break;
    }
}

static enum CXChildVisitResult take_first(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

static CXCursor first_child(CXCursor c)
{
    CXCursor found = clang_getNullCursor();

    clang_visitChildren(c, take_first, &found);
    return found;
}

/* u.member of a union variable u: every member is the union's one object. */
static CXCursor union_of(CXCursor member)
{
    CXCursor base = rule_exprkey_strip(first_child(member));
    CXType t;

    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    t = clang_getCanonicalType(clang_getCursorType(base));
    if (clang_getCursorKind(clang_getTypeDeclaration(t)) != CXCursor_UnionDecl)
        return clang_getNullCursor();
    return base;
}

CXCursor rule_bo_facts_var(CXCursor expr)
{
    CXCursor e = rule_exprkey_strip(expr);
    CXCursor decl;

    if (clang_getCursorKind(e) == CXCursor_MemberRefExpr)
        e = union_of(e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    decl = clang_getCursorReferenced(e);
    if (clang_getCursorKind(decl) != CXCursor_VarDecl &&
        clang_getCursorKind(decl) != CXCursor_ParmDecl)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(decl);
}
