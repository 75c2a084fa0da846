/* The buffer overflow rule's checks at calls of writing library functions and at indexed
 * writes, over the facts of bo_facts.h. A write is reported only when both its size and
 * its destination's size are known and the first exceeds the second. */
#include "rules/support/bo_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/bo_calls.h"
#include "rules/support/bo_cross.h"
#include "rules/support/exprkey.h"
#include "rules/support/intrange.h"

struct bo_nth {
    unsigned want;
    unsigned index;
    CXCursor found;
};

static enum CXChildVisitResult bo_visit_nth(CXCursor c, CXCursor parent, CXClientData data)
{
    struct bo_nth *nth = data;

    (void)parent;
    if (nth->index++ == nth->want) {
        nth->found = c;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

CXCursor rule_bo_check_child(CXCursor c, unsigned n)
{
    struct bo_nth nth = { n, 0, clang_getNullCursor() };

    clang_visitChildren(c, bo_visit_nth, &nth);
    return nth.found;
}

void rule_bo_check_use_init(struct rule_bo_use *u, struct rule_ctx *rc, CXCursor self)
{
    u->rc = rc;
    u->st = rule_state(rc);
    rule_bo_facts_path(&u->path, rc, self);
}

void rule_bo_check_unit_fini(struct rule_bo_unit *st)
{
    rule_bo_facts_fini(&st->facts);
    rule_bo_summary_fini(&st->sums);
    free(st->sites);
    st->sites = NULL;
    st->n_sites = 0;
    st->sites_cap = 0;
}

const char *rule_bo_check_name(CXCursor expr, char *buf, size_t size)
{
    CXCursor named = rule_exprkey_named(rule_exprkey_strip(expr));

    if (clang_Cursor_isNull(named) || rule_cursor_name(named, buf, size)[0] == '\0')
        snprintf(buf, size, "the destination");
    return buf;
}

/* Remembers a sized write; when memory runs out the write is only left out of the flows. */
static void bo_add_site(struct rule_bo_unit *st, CXCursor at, long long bytes, unsigned count,
                        int reported)
{
    struct rule_bo_site *site;

    if (st->n_sites == st->sites_cap) {
        size_t cap = st->sites_cap != 0 ? st->sites_cap * 2 : 64;
        struct rule_bo_site *grown = realloc(st->sites, cap * sizeof(*grown));

        if (grown == NULL)
            return;
        st->sites = grown;
        st->sites_cap = cap;
    }
    site = &st->sites[st->n_sites++];
    site->at = at;
    site->bytes = bytes;
    site->count = count;
    site->reported = reported;
}

static void bo_note_origin(struct rule_ctx *rc, struct ecg_finding *f, CXCursor origin,
                           long long bytes)
{
    if (f == NULL || clang_Cursor_isNull(origin))
        return;
    rule_add_related(rc, f, clang_getCursorExtent(origin), "the destination has %lld bytes", bytes);
}

/* Nonzero when a comparison of the enclosing if or while statements bounds the variable
 * expr names from above. */
static int bo_guarded(const struct rule_bo_use *u, CXCursor at, CXCursor expr)
{
    CXCursor var = rule_bo_facts_var(expr);

    if (clang_Cursor_isNull(var))
        return 0;
    return (rule_intrange_guards(u->rc, at, var) & RULE_INTRANGE_UPPER) != 0;
}

static CXCursor bo_arg(CXCursor call, unsigned i)
{
    return clang_Cursor_getArgument(call, i);
}

static long long bo_slen_or(const struct rule_bo_use *u, CXCursor expr, long long fallback)
{
    long long len;

    return rule_bo_eval_slen(&len, &u->st->facts, &u->path, expr) ? len : fallback;
}

/* The count argument's value (COUNT, NAPPEND, FREAD), or -1. */
static long long bo_count(const struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call)
{
    long long n;

    if (e->kind == RULE_BO_COPY || e->kind == RULE_BO_APPEND)
        return -1;
    if (!rule_bo_eval_int(&n, &u->st->facts, &u->path, bo_arg(call, e->count)) || n < 0)
        return -1;
    return n;
}

/* The bytes a counted write (COUNT, FREAD) writes, or -1. */
static long long bo_written_count(const struct rule_bo_use *u, const struct rule_bo_call *e,
                                  CXCursor call, long long esize)
{
    long long n = bo_count(u, e, call), m;

    if (n < 0)
        return -1;
    if (e->kind == RULE_BO_COUNT)
        return n * (e->unit != 0 ? e->unit : esize);
    if (!rule_bo_eval_int(&m, &u->st->facts, &u->path, bo_arg(call, 2)) || m < 0)
        return -1;
    return n * m;
}

/* The bytes a string copy or append (COPY, APPEND, NAPPEND) writes, or -1. */
static long long bo_written_string(const struct rule_bo_use *u, const struct rule_bo_call *e,
                                   CXCursor call, long long esize)
{
    long long src = bo_slen_or(u, bo_arg(call, e->src), -1);
    long long had = e->kind == RULE_BO_COPY ? 0 : bo_slen_or(u, bo_arg(call, e->dst), 0);
    long long n;

    if (e->kind == RULE_BO_NAPPEND) {
        n = bo_count(u, e, call);
        if (n < 0)
            return -1;
        src = src >= 0 && src < n ? src : n;
    }
    return src < 0 ? -1 : (had + src + 1) * esize;
}

/* The bytes a call writes, when its arguments tell: 1 and *out, else 0. */
static int bo_written(long long *out, const struct rule_bo_use *u, const struct rule_bo_call *e,
                      CXCursor call, long long esize)
{
    long long n;

    if (e->kind == RULE_BO_COUNT || e->kind == RULE_BO_FREAD)
        n = bo_written_count(u, e, call, esize);
    else
        n = bo_written_string(u, e, call, esize);
    if (n < 0)
        return 0;
    *out = n;
    return 1;
}

/* p = malloc(strlen(s)); strcpy(p, s): no room for the terminator (CWE-131, CWE-193). */
static int bo_check_strlen_alloc(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call)
{
    const struct rule_bo_var *v;
    CXCursor src;
    char name[64];

    if (e->kind != RULE_BO_COPY)
        return 0;
    v = rule_bo_facts_read(&u->st->facts, rule_bo_facts_var(bo_arg(call, e->dst)), &u->path);
    src = rule_bo_facts_var(bo_arg(call, e->src));
    if (v == NULL || clang_Cursor_isNull(src) || !clang_equalCursors(v->strlen_of, src))
        return 0;
    rule_cursor_name(src, name, sizeof(name));
    rule_report(u->rc, call,
                "'%s' copies '%s' and its terminator into a buffer of strlen(%s) bytes; "
                "allocate strlen(%s) + 1",
                e->name, name, name, name);
    return 1;
}

static int bo_args_ok(const struct rule_bo_call *e, CXCursor call)
{
    int n = clang_Cursor_getNumArguments(call);
    unsigned max = e->dst > e->src ? e->dst : e->src;

    if (e->count > max)
        max = e->count;
    return n > 0 && (unsigned)n > max;
}

/* The length of the string a copy or append leaves in its destination, or -1. */
static long long bo_copied_len(const struct rule_bo_use *u, const struct rule_bo_call *e,
                               CXCursor call)
{
    long long src = bo_slen_or(u, bo_arg(call, e->src), -1);
    long long had = bo_slen_or(u, bo_arg(call, e->dst), -1);

    if (e->kind == RULE_BO_COPY)
        return src;
    if (e->kind == RULE_BO_APPEND && src >= 0 && had >= 0)
        return had + src;
    return -1;
}

/* memset(x, c, n): the elements set (into *n) and the value c, or 0 when either is unknown. */
static int bo_fill(long long *n, long long *c, const struct rule_bo_use *u,
                   const struct rule_bo_call *e, CXCursor call, long long esize)
{
    if (!e->fills || !rule_bo_eval_int(c, &u->st->facts, &u->path, bo_arg(call, e->src)) ||
        !rule_bo_eval_int(n, &u->st->facts, &u->path, bo_arg(call, e->count)))
        return 0;
    if (e->unit != 0)
        *n /= esize;
    return 1;
}

/* What a call leaves in its destination variable: the string it copied, the bytes it set. */
static void bo_after_call(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                          long long esize)
{
    CXCursor var = rule_bo_facts_var(bo_arg(call, e->dst));
    long long fill = -1, n = -1, slen;
    struct rule_bo_var *v;
    int fills;

    if (clang_Cursor_isNull(var))
        return;
    slen = bo_copied_len(u, e, call);
    fills = bo_fill(&n, &fill, u, e, call, esize);
    v = rule_bo_facts_get(&u->st->facts, var);
    if (v == NULL)
        return;
    v->slen = slen;
    v->filled = -1;
    if (fills && fill == 0 && n > 0)
        v->slen = 0;
    else if (fills && fill != 0)
        v->filled = n;
}

/* The walk meets an assignment before the call whose value it stores, so the call must not
 * undo the store (see bo_check.h). */
CXCursor rule_bo_check_result_var(const struct rule_bo_use *u)
{
    for (size_t k = 1; k < u->path.n; k++) {
        CXCursor c = u->path.up[k];
        enum CXCursorKind kind = clang_getCursorKind(c);

        if (kind == CXCursor_VarDecl)
            return clang_getCanonicalCursor(c);
        if (kind == CXCursor_BinaryOperator && ecg_opcode_of(c) == ECG_OP_ASSIGN)
            return rule_bo_facts_var(rule_bo_check_child(c, 0));
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
            kind != CXCursor_CStyleCastExpr)
            break;
    }
    return clang_getNullCursor();
}

/* A call to a function not in the table may write into the strings it gets a pointer to
 * (unless the parameter points to const): what they held is no longer known. */
static void bo_call_clobbers(struct rule_bo_use *u, CXCursor call)
{
    int n = clang_Cursor_getNumArguments(call);
    CXCursor result = rule_bo_check_result_var(u);

    for (int i = 0; i < n; i++) {
        CXCursor arg = bo_arg(call, (unsigned)i);
        CXType t = clang_getCanonicalType(clang_getCursorType(arg));
        CXCursor var = rule_bo_facts_var(arg);
        struct rule_bo_var *v;

        if (clang_Cursor_isNull(var) || t.kind != CXType_Pointer ||
            clang_isConstQualifiedType(clang_getPointeeType(t)) || clang_equalCursors(var, result))
            continue;
        v = rule_bo_facts_get(&u->st->facts, var);
        if (v != NULL) {
            v->slen = -1;
            v->filled = -1;
        }
    }
}

/* A write of need bytes into a destination whose size is not known here: remembered for
 * the callers when it is what a parameter or a global pointed to on entry. */
static void bo_need_entry(struct rule_bo_use *u, CXCursor dst, long long need, CXCursor at)
{
    struct rule_bo_need n;

    n.entry = rule_bo_summary_entry(&u->st->facts, &u->path, dst);
    if (clang_Cursor_isNull(n.entry) || clang_Cursor_isNull(rule_function(u->rc)))
        return;
    n.fn = clang_getCanonicalCursor(rule_function(u->rc));
    n.need = need;
    n.slope = 0;
    n.room = 0;
    n.at = at;
    rule_bo_summary_need(&u->st->sums, &n);
}

/* The variable whose string length a write depends on: the source of a string copy, X in a
 * count of strlen(X) or strlen(X) * k. */
static CXCursor bo_length_var(const struct rule_bo_call *e, CXCursor call)
{
    CXCursor count = rule_exprkey_strip(bo_arg(call, e->count)), len = count;
    char name[32];

    if (e->kind == RULE_BO_COPY || e->kind == RULE_BO_APPEND)
        return rule_bo_facts_var(bo_arg(call, e->src));
    if (clang_getCursorKind(count) == CXCursor_BinaryOperator)
        len = rule_exprkey_strip(rule_bo_check_child(count, 0));
    if (clang_getCursorKind(len) != CXCursor_CallExpr ||
        strstr(rule_callee_name(len, name, sizeof(name)), "len") == NULL ||
        clang_Cursor_getNumArguments(len) != 1)
        return clang_getNullCursor();
    return rule_bo_facts_var(clang_Cursor_getArgument(len, 0));
}

/* The bytes written when var holds a string of len characters, or -1. */
static long long bo_written_if(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                               long long esize, CXCursor var, long long len)
{
    struct rule_bo_var *v = rule_bo_facts_get(&u->st->facts, var);
    struct rule_bo_var saved;
    long long need = -1;

    if (v == NULL)
        return -1;
    saved = *v;
    v->slen = len;
    if (!bo_written(&need, u, e, call, esize))
        need = -1;
    *v = saved;
    return need;
}

/* A write into a destination of bytes whose size depends on the length of a string a
 * parameter or global held on entry: remembered for the callers. */
static void bo_need_length(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                           long long esize, long long bytes)
{
    CXCursor var = bo_length_var(e, call);
    struct rule_bo_need n;
    long long at1000;

    if (clang_Cursor_isNull(var) || clang_Cursor_isNull(rule_function(u->rc)))
        return;
    n.entry = rule_bo_summary_entry_var(&u->st->facts, &u->path, var);
    n.need = bo_written_if(u, e, call, esize, var, 0);
    at1000 = bo_written_if(u, e, call, esize, var, 1000);
    if (clang_Cursor_isNull(n.entry) || n.need < 0 || at1000 <= n.need)
        return;
    n.fn = clang_getCanonicalCursor(rule_function(u->rc));
    n.slope = at1000 - n.need;
    n.room = bytes;
    n.at = call;
    rule_bo_summary_need(&u->st->sums, &n);
}

struct bo_mention {
    CXCursor var;
    int found;
};

/* Nonzero when call is strlen(var), wcslen(var) or another '...len' function of var. */
static int bo_is_length_of(CXCursor call, CXCursor var)
{
    char name[32];

    if (strstr(rule_callee_name(call, name, sizeof(name)), "len") == NULL ||
        clang_Cursor_getNumArguments(call) != 1)
        return 0;
    return clang_equalCursors(rule_bo_facts_var(clang_Cursor_getArgument(call, 0)), var);
}

static enum CXChildVisitResult bo_visit_mention(CXCursor c, CXCursor parent, CXClientData data)
{
    struct bo_mention *m = data;

    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_CallExpr && bo_is_length_of(c, m->var)) {
        m->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Nonzero when stmt is an if or while statement whose condition looks at the length of the
 * string in var (strlen(var) compared with something). */
static int bo_condition_names(CXCursor stmt, CXCursor var)
{
    enum CXCursorKind kind = clang_getCursorKind(stmt);
    struct bo_mention m = { var, 0 };

    if (kind != CXCursor_IfStmt && kind != CXCursor_WhileStmt)
        return 0;
    clang_visitChildren(rule_bo_check_child(stmt, 0), bo_visit_mention, &m);
    return m.found;
}

struct bo_before {
    CXCursor stop; /* the statement holding the write */
    CXCursor var;
    int found;
};

static enum CXChildVisitResult bo_visit_before(CXCursor c, CXCursor parent, CXClientData data)
{
    struct bo_before *b = data;

    (void)parent;
    if (rule_bo_facts_same(c, b->stop))
        return CXChildVisit_Break;
    if (bo_condition_names(c, b->var)) {
        b->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* Nonzero when the length of var's string, which the write depends on, is looked at by the
 * code around it: the condition of an if or while holding the write, or of an if statement
 * before it in an enclosing block ('if (strlen(s) >= sizeof(buf)) return;'). */
static int bo_length_checked(const struct rule_bo_use *u, CXCursor var)
{
    if (clang_Cursor_isNull(var))
        return 0;
    for (size_t k = 1; k < u->path.n; k++) {
        CXCursor stmt = u->path.up[k];
        struct bo_before b = { u->path.up[k - 1], var, 0 };

        if (bo_condition_names(stmt, var) &&
            !rule_bo_facts_same(rule_bo_check_child(stmt, 0), u->path.up[k - 1]))
            return 1;
        if (clang_getCursorKind(stmt) != CXCursor_CompoundStmt)
            continue;
        clang_visitChildren(stmt, bo_visit_before, &b);
        if (b.found)
            return 1;
    }
    return 0;
}

/* Nonzero when the code around a write looks at its count or at its source's length. */
static int bo_write_checked(const struct rule_bo_use *u, const struct rule_bo_call *e,
                            CXCursor call)
{
    return bo_guarded(u, call, bo_arg(call, e->count)) ||
           bo_length_checked(u, bo_length_var(e, call));
}

static void bo_report_call(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                           long long need, long long bytes)
{
    char dst[64];
    CXCursor origin = clang_getNullCursor();
    long long size;
    struct ecg_finding *f;

    rule_bo_check_name(bo_arg(call, e->dst), dst, sizeof(dst));
    rule_bo_eval_bytes(&size, &origin, &u->st->facts, &u->path, bo_arg(call, e->dst));
    f = rule_report(u->rc, call,
                    "'%s' writes %lld bytes into '%s', which has room for %lld; bound the "
                    "write by the destination's size",
                    e->name, need, dst, bytes);
    bo_note_origin(u->rc, f, origin, bytes);
    rule_bo_cross_notes(u, f, bo_arg(call, e->dst), bo_length_var(e, call));
}

/* Reports a write larger than its known destination; remembers the destination's size for
 * the taint flows. */
static void bo_check_size(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                          long long esize)
{
    long long bytes, need;
    int known;

    if (bo_check_strlen_alloc(u, e, call))
        return;
    known = bo_written(&need, u, e, call, esize);
    if (!rule_bo_eval_bytes(&bytes, NULL, &u->st->facts, &u->path, bo_arg(call, e->dst))) {
        if (known)
            bo_need_entry(u, bo_arg(call, e->dst), need, call);
        return;
    }
    if (!known)
        bo_need_length(u, e, call, esize, bytes);
    else if (need > bytes && !bo_write_checked(u, e, call))
        bo_report_call(u, e, call, need, bytes);
    /* a size known here is decided here: the flows only judge counts not known */
    if (e->kind == RULE_BO_COUNT || known)
        bo_add_site(u->st, call, bytes, e->count, known);
}

/* Nonzero when the amount the call writes is known here: its count, or its string
 * source's length. */
static int bo_amount_known(const struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                           int string_source)
{
    long long v;

    if (string_source && rule_bo_eval_slen(&v, &u->st->facts, &u->path, bo_arg(call, e->src)))
        return 1;
    return e->kind != RULE_BO_COPY && e->kind != RULE_BO_APPEND &&
           rule_bo_eval_int(&v, &u->st->facts, &u->path, bo_arg(call, e->count));
}

static int bo_string_source(const struct rule_bo_call *e)
{
    return e->kind == RULE_BO_COPY || e->kind == RULE_BO_APPEND || e->kind == RULE_BO_NAPPEND;
}

/* Asks about the destination, with the bytes written as the bound when they are known. */
static void bo_resolve_destination(struct rule_bo_use *u, const struct rule_bo_call *e,
                                   CXCursor call, long long esize)
{
    int fixed = e->kind == RULE_BO_COPY || e->kind == RULE_BO_COUNT || e->kind == RULE_BO_FREAD;
    long long need;

    if (fixed && esize > 0 && bo_written(&need, u, e, call, esize))
        rule_bo_cross_resolve_sink(u, bo_arg(call, e->dst), need, -1);
    else
        rule_bo_cross_resolve(u, bo_arg(call, e->dst));
}

/* Asks about the amount (a string source, the count) of a write into bytes bytes. */
static void bo_resolve_amount(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                              long long esize, long long bytes)
{
    if (e->kind == RULE_BO_COPY && esize > 0)
        rule_bo_cross_resolve_sink(u, bo_arg(call, e->src), 0, bytes / esize);
    else if (bo_string_source(e))
        rule_bo_cross_resolve(u, bo_arg(call, e->src));
    if (e->kind != RULE_BO_COPY && e->kind != RULE_BO_APPEND)
        rule_bo_cross_resolve(u, bo_arg(call, e->count));
}

/* Asks other units about what decides the write, one side at a time: the destination when
 * the amount is known here, the amount (a string source, the count) when the destination's
 * size is. A write neither side of which is known here asks nothing, so a unit is not
 * analysed again for facts the check could not use. */
static void bo_resolve_operands(struct rule_bo_use *u, const struct rule_bo_call *e, CXCursor call,
                                long long esize)
{
    CXCursor origin = clang_getNullCursor();
    long long bytes;

    if (bo_amount_known(u, e, call, bo_string_source(e)))
        bo_resolve_destination(u, e, call, esize);
    if (rule_bo_eval_bytes(&bytes, &origin, &u->st->facts, &u->path, bo_arg(call, e->dst)))
        bo_resolve_amount(u, e, call, esize, bytes);
}

void rule_bo_check_call(struct rule_bo_use *u, CXCursor call)
{
    char name[64];
    const struct rule_bo_call *e = rule_bo_calls_find(rule_callee_name(call, name, sizeof(name)));
    long long esize;

    if (e == NULL) {
        rule_bo_summary_check_call(u, call);
        bo_call_clobbers(u, call);
        return;
    }
    if (!bo_args_ok(e, call))
        return;
    esize =
        e->unit != 0 ? e->unit : rule_bo_eval_elem_size(rule_exprkey_strip(bo_arg(call, e->dst)));
    bo_resolve_operands(u, e, call, esize);
    if (esize <= 0)
        return;
    bo_check_size(u, e, call, esize);
    bo_after_call(u, e, call, esize);
}

int rule_bo_check_is_incdec(enum ecg_op op)
{
    return op == ECG_OP_PREINC || op == ECG_OP_PREDEC || op == ECG_OP_POSTINC ||
           op == ECG_OP_POSTDEC;
}

/* Nonzero when the subscript (the cursor the walk is at) is written: the left side of an
 * assignment, or the operand of ++ or --. */
static int bo_is_write(const struct rule_bo_use *u, CXCursor sub)
{
    CXCursor parent;
    enum CXCursorKind kind;

    if (u->path.n < 2)
        return 0;
    parent = u->path.up[1];
    kind = clang_getCursorKind(parent);
    if (kind == CXCursor_UnaryOperator)
        return rule_bo_check_is_incdec(ecg_opcode_of(parent));
    if (kind != CXCursor_CompoundAssignOperator &&
        (kind != CXCursor_BinaryOperator || ecg_opcode_of(parent) != ECG_OP_ASSIGN))
        return 0;
    return rule_bo_facts_same(rule_bo_check_child(parent, 0), sub);
}

/* Nonzero when part increments var: var++, ++var, var += k. */
static int bo_for_increments(CXCursor part, CXCursor var)
{
    enum CXCursorKind kind = clang_getCursorKind(part);
    enum ecg_op op = ecg_opcode_of(part);
    int up = kind == CXCursor_UnaryOperator && (op == ECG_OP_POSTINC || op == ECG_OP_PREINC);

    if (kind == CXCursor_CompoundAssignOperator && op == ECG_OP_ADD)
        up = 1;
    return up && clang_equalCursors(rule_bo_facts_var(rule_bo_check_child(part, 0)), var);
}

/* What one part of a for header says about var: 1 for 'var < B' or 'var <= B' (the largest
 * value in the body into *max), 2 for an increment of var, 0 for anything else. */
static int bo_for_part(long long *max, const struct rule_bo_use *u, CXCursor part, CXCursor var)
{
    enum ecg_op op = ecg_opcode_of(part);
    long long bound;

    if (bo_for_increments(part, var))
        return 2;
    if (clang_getCursorKind(part) != CXCursor_BinaryOperator ||
        (op != ECG_OP_LT && op != ECG_OP_LE))
        return 0;
    if (!clang_equalCursors(rule_bo_facts_var(rule_bo_check_child(part, 0)), var) ||
        !rule_bo_eval_int(&bound, &u->st->facts, &u->path, rule_bo_check_child(part, 1)))
        return 0;
    *max = op == ECG_OP_LT ? bound - 1 : bound;
    return 1;
}

struct bo_for_scan {
    const struct rule_bo_use *u;
    CXCursor var;
    CXCursor body;
    long long max;
    unsigned seen; /* bit 0: a bound, bit 1: an increment */
};

static enum CXChildVisitResult bo_visit_for(CXCursor c, CXCursor parent, CXClientData data)
{
    struct bo_for_scan *fs = data;
    int what;

    (void)parent;
    if (rule_bo_facts_same(c, fs->body))
        return CXChildVisit_Break;
    what = bo_for_part(&fs->max, fs->u, c, fs->var);
    if (what > 0)
        fs->seen |= (unsigned)what;
    return CXChildVisit_Continue;
}

/* The largest value var takes in the body of the for statements around the use, when one
 * of them counts var up to a known bound: 1 and *out, else 0. */
static int bo_loop_max(long long *out, const struct rule_bo_use *u, CXCursor var)
{
    for (size_t k = 1; k < u->path.n; k++) {
        struct bo_for_scan fs = { u, var, clang_getNullCursor(), 0, 0 };
        CXCursor stmt = u->path.up[k];

        if (clang_getCursorKind(stmt) != CXCursor_ForStmt)
            continue;
        fs.body = u->path.up[k - 1];
        clang_visitChildren(stmt, bo_visit_for, &fs);
        if (fs.seen == 3) {
            *out = fs.max;
            return 1;
        }
    }
    return 0;
}

static int bo_index_max(long long *out, const struct rule_bo_use *u, CXCursor sub, CXCursor idx)
{
    CXCursor var = rule_bo_facts_var(idx);

    if (!clang_Cursor_isNull(var) && bo_guarded(u, sub, idx))
        return 0;
    if (rule_bo_eval_int(out, &u->st->facts, &u->path, idx))
        return 1;
    return !clang_Cursor_isNull(var) && bo_loop_max(out, u, var);
}

struct bo_loop_resolve {
    struct rule_bo_use *u;
    CXCursor body;
};

static enum CXChildVisitResult bo_visit_loop_part(CXCursor c, CXCursor parent, CXClientData data)
{
    struct bo_loop_resolve *lr = data;

    (void)parent;
    if (!rule_bo_facts_same(c, lr->body))
        rule_bo_cross_resolve(lr->u, c);
    return CXChildVisit_Continue;
}

/* What an indexed write depends on: its base, its index and the headers of the for loops
 * around it, with what other units said of the variables they name. */
static void bo_resolve_subscript(struct rule_bo_use *u, CXCursor sub, long long esize)
{
    CXCursor origin = clang_getNullCursor();
    long long v;

    /* one side at a time, as for calls: the base when the index is known here, the index
     * and the loops when the base's size is */
    if (bo_index_max(&v, u, sub, rule_bo_check_child(sub, 1)) && v >= 0 && esize > 0)
        rule_bo_cross_resolve_sink(u, rule_bo_check_child(sub, 0), (v + 1) * esize, 0);
    else if (bo_index_max(&v, u, sub, rule_bo_check_child(sub, 1)))
        rule_bo_cross_resolve(u, rule_bo_check_child(sub, 0));
    if (!rule_bo_eval_bytes(&v, &origin, &u->st->facts, &u->path, rule_bo_check_child(sub, 0)))
        return;
    rule_bo_cross_resolve(u, rule_bo_check_child(sub, 1));
    for (size_t k = 1; k < u->path.n; k++) {
        struct bo_loop_resolve lr = { u, u->path.up[k - 1] };

        if (clang_getCursorKind(u->path.up[k]) == CXCursor_ForStmt)
            clang_visitChildren(u->path.up[k], bo_visit_loop_part, &lr);
    }
}

void rule_bo_check_subscript(struct rule_bo_use *u, CXCursor sub)
{
    CXCursor base = rule_bo_check_child(sub, 0), origin = clang_getNullCursor();
    long long bytes, max, esize = clang_Type_getSizeOf(clang_getCursorType(sub));
    char name[64];
    struct ecg_finding *f;
    int known;

    if (esize <= 0 || !bo_is_write(u, sub))
        return;
    bo_resolve_subscript(u, sub, esize);
    known = bo_index_max(&max, u, sub, rule_bo_check_child(sub, 1)) && max >= 0;
    if (!rule_bo_eval_bytes(&bytes, &origin, &u->st->facts, &u->path, base)) {
        if (known)
            bo_need_entry(u, base, (max + 1) * esize, sub);
        return;
    }
    if (!known || (max + 1) * esize <= bytes) {
        bo_add_site(u->st, sub, bytes, RULE_BO_SUBSCRIPT, 0);
        return;
    }
    bo_add_site(u->st, sub, bytes, RULE_BO_SUBSCRIPT, 1);
    f = rule_report(u->rc, sub,
                    "'%s' is written at index %lld, past its %lld elements; check the index "
                    "against the size",
                    rule_bo_check_name(base, name, sizeof(name)), max, bytes / esize);
    bo_note_origin(u->rc, f, origin, bytes);
    rule_bo_cross_notes(u, f, base, clang_getNullCursor());
}
