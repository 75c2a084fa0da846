/* Function summaries of the buffer overflow rule (see bo_summary.h): kept per unit, looked
 * up by the callee's canonical cursor; a call through a local function pointer set once is
 * followed to its function. */
#include "rules/support/bo_summary.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/bo_check.h"
#include "rules/support/calltarget.h"

void rule_bo_summary_fini(struct rule_bo_summaries *s)
{
    free(s->needs);
    free(s->rets);
    s->needs = NULL;
    s->rets = NULL;
    s->n_needs = 0;
    s->n_rets = 0;
    s->needs_cap = 0;
    s->rets_cap = 0;
}

static int is_global(CXCursor decl)
{
    CXCursor parent = clang_getCursorSemanticParent(decl);

    return clang_getCursorKind(decl) == CXCursor_VarDecl &&
           clang_getCursorKind(parent) == CXCursor_TranslationUnit;
}

CXCursor rule_bo_summary_entry(const struct rule_bo_facts *f, const struct rule_bo_path *at,
                               CXCursor expr)
{
    return rule_bo_summary_entry_var(f, at, rule_bo_facts_var(expr));
}

CXCursor rule_bo_summary_entry_var(const struct rule_bo_facts *f, const struct rule_bo_path *at,
                                   CXCursor var)
{
    const struct rule_bo_var *v;

    if (clang_Cursor_isNull(var))
        return var;
    v = rule_bo_facts_read(f, var, at);
    if (v != NULL)
        return v->entry;
    if (clang_getCursorKind(var) == CXCursor_ParmDecl || is_global(var))
        return var;
    return clang_getNullCursor();
}

void rule_bo_summary_need(struct rule_bo_summaries *s, const struct rule_bo_need *need)
{
    if (s->n_needs == s->needs_cap) {
        size_t cap = s->needs_cap != 0 ? s->needs_cap * 2 : 16;
        struct rule_bo_need *grown = realloc(s->needs, cap * sizeof(*grown));

        if (grown == NULL)
            return;
        s->needs = grown;
        s->needs_cap = cap;
    }
    s->needs[s->n_needs++] = *need;
}

void rule_bo_summary_begin(struct rule_bo_summaries *s)
{
    s->n_returns = 0;
}

/* The position of parameter param among fn's parameters, or -1. */
static int param_index(CXCursor fn, CXCursor param)
{
    int n = clang_Cursor_getNumArguments(fn);

    for (int i = 0; i < n; i++) {
        if (clang_equalCursors(clang_getCanonicalCursor(clang_Cursor_getArgument(fn, (unsigned)i)),
                               param))
            return i;
    }
    return -1;
}

/* What one returned expression is. */
static void ret_value(struct rule_bo_ret *r, const struct rule_bo_facts *f,
                      const struct rule_bo_path *at, CXCursor value)
{
    CXCursor entry = rule_bo_summary_entry(f, at, value);

    if (!rule_bo_eval_bytes(&r->bytes, NULL, f, at, value))
        r->bytes = -1;
    if (!rule_bo_eval_slen(&r->slen, f, at, value))
        r->slen = -1;
    if (!clang_Cursor_isNull(entry) && at->n > 0)
        r->param = param_index(at->up[at->n - 1], entry);
}

void rule_bo_summary_on_return(struct rule_bo_summaries *s, const struct rule_bo_facts *f,
                               const struct rule_bo_path *at, CXCursor value)
{
    struct rule_bo_ret r = { clang_getNullCursor(), -1, -1, -1 };

    if (!clang_Cursor_isNull(value))
        ret_value(&r, f, at, value);
    if (s->n_returns++ == 0) {
        s->cur = r;
        return;
    }
    if (s->cur.bytes != r.bytes)
        s->cur.bytes = -1;
    if (s->cur.slen != r.slen)
        s->cur.slen = -1;
    if (s->cur.param != r.param)
        s->cur.param = -1;
}

void rule_bo_summary_leave(struct rule_bo_summaries *s, CXCursor fn)
{
    if (s->n_returns == 0 || (s->cur.bytes < 0 && s->cur.slen < 0 && s->cur.param < 0))
        return;
    if (s->n_rets == s->rets_cap) {
        size_t cap = s->rets_cap != 0 ? s->rets_cap * 2 : 16;
        struct rule_bo_ret *grown = realloc(s->rets, cap * sizeof(*grown));

        if (grown == NULL)
            return;
        s->rets = grown;
        s->rets_cap = cap;
    }
    s->cur.fn = clang_getCanonicalCursor(fn);
    s->rets[s->n_rets++] = s->cur;
}

static CXCursor callee_of(CXCursor call)
{
    CXCursor fn = rule_calltarget_of(call);

    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(fn);
}

const struct rule_bo_ret *rule_bo_summary_ret(const struct rule_bo_summaries *s, CXCursor call)
{
    CXCursor fn = callee_of(call);

    for (size_t i = 0; i < s->n_rets && !clang_Cursor_isNull(fn); i++) {
        if (clang_equalCursors(s->rets[i].fn, fn))
            return &s->rets[i];
    }
    return NULL;
}

/* What need->entry holds at the call: the bytes it designates (slope 0) or the length of
 * its string, when known. */
static int entry_at_call(long long *out, const struct rule_bo_use *u, CXCursor call,
                         const struct rule_bo_need *need)
{
    CXCursor def = clang_getCursorDefinition(need->fn), arg;
    const struct rule_bo_var *v;
    int k;

    if (clang_getCursorKind(need->entry) != CXCursor_ParmDecl) {
        v = rule_bo_facts_read(&u->st->facts, need->entry, &u->path);
        *out = v == NULL ? -1 : need->slope != 0 ? v->slen : v->bytes;
        return *out >= 0;
    }
    k = param_index(clang_Cursor_isNull(def) ? need->fn : def, need->entry);
    if (k < 0 || k >= clang_Cursor_getNumArguments(call))
        return 0;
    arg = clang_Cursor_getArgument(call, (unsigned)k);
    if (need->slope != 0)
        return rule_bo_eval_slen(out, &u->st->facts, &u->path, arg);
    return rule_bo_eval_bytes(out, NULL, &u->st->facts, &u->path, arg);
}

/* The bytes the write needs at this call (*need) and the room it has (*room): 1, or 0 when
 * the call does not tell. */
static int need_at_call(long long *need, long long *room, const struct rule_bo_use *u,
                        CXCursor call, const struct rule_bo_need *n)
{
    long long held;

    if (!entry_at_call(&held, u, call, n))
        return 0;
    *need = n->slope != 0 ? n->need + n->slope * held / 1000 : n->need;
    *room = n->slope != 0 ? n->room : held;
    return 1;
}

void rule_bo_summary_check_call(struct rule_bo_use *u, CXCursor call)
{
    const struct rule_bo_summaries *s = &u->st->sums;
    CXCursor fn = callee_of(call);
    char callee[64], entry[64];
    long long need, room;
    struct ecg_finding *f;

    for (size_t i = 0; i < s->n_needs && !clang_Cursor_isNull(fn); i++) {
        const struct rule_bo_need *n = &s->needs[i];

        if (!clang_equalCursors(n->fn, fn) || !need_at_call(&need, &room, u, call, n) ||
            need <= room)
            continue;
        rule_cursor_name(fn, callee, sizeof(callee));
        rule_cursor_name(n->entry, entry, sizeof(entry));
        f = rule_report(u->rc, call,
                        "'%s' writes %lld bytes, from what '%s' holds here, into a buffer with "
                        "room for %lld; bound the write in '%s'",
                        callee, need, entry, room, callee);
        if (f != NULL)
            rule_add_related(u->rc, f, clang_getCursorExtent(n->at), "the write in '%s'", callee);
        return;
    }
}
