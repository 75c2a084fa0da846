/* Per-function metrics from the walk's enter/leave events; see fnmetrics.h. One frame per
 * open cursor carries its nesting level and what it is to the metrics, so every count is
 * made once, as the cursor is entered, without re-walking. docs/metrics.md has the
 * definitions with worked examples; in short:
 *
 * Cyclomatic (McCabe, "traditional" as pmccabe counts it): 1 + if (else if included) + for
 *   + while + do + each case label (a GNU range `case 1 ... 3:` is one; `default` is none:
 *   the cases already count the branches) + && + || + ?: (the GNU `a ?: b` too). goto,
 *   break, continue and return add nothing.
 * Cognitive (SonarSource white paper, G. Ann Campbell, 2018): +1 plus the nesting level for
 *   if, ?:, switch, for, while, do; +1 for else if and else (no nesting part); +1 for goto;
 *   +1 for each direct recursive call; +1 for each run of like operators in a chain of &&
 *   and || read in source order through parentheses (`a && b || c` = 2, `a && (b && c)` = 1,
 *   `a && !(b || c)` = 2: `!` starts a new chain). Levels rise in the bodies of if, else,
 *   loops, switch and the branches of ?: (not in their conditions), and in nested functions
 *   and blocks; else if stays at its if's level. GNU `a ?: b` is a shorthand the paper
 *   exempts, like ?? in C#: cyclomatic only.
 * Statements: every statement cursor in the body but { } and ;, plus expressions standing as
 *   statements (`x = 1;`); case, default and labels count as statements.
 * Written: a construct counts as written when its own token (keyword, operator) is spelled
 *   in the file at that place, not in a macro body; an operator written inside a macro's
 *   arguments is written code and counts once, however often the macro repeats it. A written
 *   construct's nesting counts every enclosing structure, macro-made ones included, so the
 *   written cognitive total is exactly the sum of the written steps. A statement made by a
 *   macro invocation that stands as a statement counts as one written statement. */
#include "analyzer/fnmetrics.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/fnmetrics_int.h"

/* What a cursor is to the metrics. */
enum fm_role {
    FM_PLAIN,
    FM_IF,
    FM_FOR,
    FM_WHILE,
    FM_DO,
    FM_SWITCH,
    FM_CONDOP,
    FM_CASE,
    FM_DEFAULT,
    FM_LABEL,
    FM_COMPOUND,
    FM_BINOP,
    FM_PAREN,
    FM_UNEXPOSED, /* may turn out to be a GNU ?: when its second child repeats its first */
    FM_GNU_CONDOP,
    FM_BLOCK,
    FM_FUNCTION, /* a function declaration inside the function: nests when it has a body */
    FM_GOTO,
    FM_CALL,
    FM_ROLES
};

/* Which children of a role are nested one level deeper, and which stand as statements:
 * indices first..last (inclusive); first > last for none. */
struct fm_span {
    unsigned char first, last;
};

struct fm_role_info {
    struct fm_span nested;
    struct fm_span statement;
};

static const struct fm_role_info role_info[FM_ROLES] = {
    [FM_PLAIN] = { { 1, 0 }, { 1, 0 } },
    [FM_IF] = { { 1, 2 }, { 1, 2 } },
    [FM_FOR] = { { 1, 0 }, { 1, 0 } },
    [FM_WHILE] = { { 1, UCHAR_MAX }, { 1, 1 } },
    [FM_DO] = { { 0, 0 }, { 0, 0 } },
    [FM_SWITCH] = { { 1, UCHAR_MAX }, { 1, 1 } },
    [FM_CONDOP] = { { 1, UCHAR_MAX }, { 1, 0 } },
    [FM_CASE] = { { 1, 0 }, { 1, 0 } },
    [FM_DEFAULT] = { { 1, 0 }, { 0, 0 } },
    [FM_LABEL] = { { 1, 0 }, { 0, 0 } },
    [FM_COMPOUND] = { { 1, 0 }, { 0, UCHAR_MAX } },
    [FM_BINOP] = { { 1, 0 }, { 1, 0 } },
    [FM_PAREN] = { { 1, 0 }, { 1, 0 } },
    [FM_UNEXPOSED] = { { 1, 0 }, { 1, 0 } },
    [FM_GNU_CONDOP] = { { 1, 0 }, { 1, 0 } },
    [FM_BLOCK] = { { 0, UCHAR_MAX }, { 1, 0 } },
    [FM_FUNCTION] = { { 1, 0 }, { 1, 0 } },
    [FM_GOTO] = { { 1, 0 }, { 1, 0 } },
    [FM_CALL] = { { 1, 0 }, { 1, 0 } },
};

static const struct {
    enum CXCursorKind kind;
    enum fm_role role;
} role_of_kind[] = {
    { CXCursor_IfStmt, FM_IF },
    { CXCursor_ForStmt, FM_FOR },
    { CXCursor_WhileStmt, FM_WHILE },
    { CXCursor_DoStmt, FM_DO },
    { CXCursor_SwitchStmt, FM_SWITCH },
    { CXCursor_ConditionalOperator, FM_CONDOP },
    { CXCursor_CaseStmt, FM_CASE },
    { CXCursor_DefaultStmt, FM_DEFAULT },
    { CXCursor_LabelStmt, FM_LABEL },
    { CXCursor_CompoundStmt, FM_COMPOUND },
    { CXCursor_BinaryOperator, FM_BINOP },
    { CXCursor_ParenExpr, FM_PAREN },
    { CXCursor_UnexposedExpr, FM_UNEXPOSED },
    { CXCursor_BlockExpr, FM_BLOCK },
    { CXCursor_FunctionDecl, FM_FUNCTION },
    { CXCursor_GotoStmt, FM_GOTO },
    { CXCursor_IndirectGotoStmt, FM_GOTO },
    { CXCursor_CallExpr, FM_CALL },
};

/* One open cursor. */
struct fm_frame {
    CXCursor cursor;
    CXCursor last_child;  /* the child entered last: the left operand when the right comes */
    CXSourceLocation end; /* for and case: the extent's end, which only the body shares */
    unsigned level;       /* the nesting level this cursor sits at */
    enum fm_role role;
    enum CXCursorKind kind;
    char op;                /* with op_known: '&' or '|' for && and ||, else 0 */
    char last_op;           /* at a chain's root: the operator of the run counted last */
    unsigned char op_known; /* op was looked up (binary operators only) */
    size_t chain_root;      /* logical operators and parentheses in a chain: its root's frame
                               index + 1, once looked up; 0 before */
    unsigned begin;         /* with FM_LOCATED: the file offset the cursor begins at */
    unsigned char located;  /* FM_UNLOCATED until frame_located looks */
    unsigned char shadow;   /* a repeated operand of GNU ?: (and all inside): nothing counts */
};

struct ecg_fnmetrics {
    CXTranslationUnit tu;
    unsigned char *roles; /* role by cursor kind, below n_roles */
    size_t n_roles;
    struct ecg_fn_metrics result;
    CXCursor canonical; /* the function's canonical declaration, for recursion */
    char *name;         /* owned; the function's name */
    size_t name_cap;
    struct fm_frame *frames; /* owned; frames[0] is the function */
    size_t depth;
    size_t cap;
    struct ecg_cognitive_step *steps; /* owned */
    size_t n_steps;
    size_t steps_cap;
    struct ecg_fnmetrics_tokens tokens;
    int active; /* between begin and end */
    int failed; /* memory ran out during this function */
};

struct ecg_fnmetrics *ecg_fnmetrics_new(CXTranslationUnit tu)
{
    struct ecg_fnmetrics *m = calloc(1, sizeof(*m));
    size_t n = 0;

    if (m == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(role_of_kind) / sizeof(role_of_kind[0]); i++) {
        if ((size_t)role_of_kind[i].kind + 1 > n)
            n = (size_t)role_of_kind[i].kind + 1;
    }
    m->roles = calloc(n, 1);
    if (m->roles == NULL) {
        free(m);
        return NULL;
    }
    for (size_t i = 0; i < sizeof(role_of_kind) / sizeof(role_of_kind[0]); i++)
        m->roles[role_of_kind[i].kind] = (unsigned char)role_of_kind[i].role;
    m->n_roles = n;
    m->tu = tu;
    return m;
}

void ecg_fnmetrics_free(struct ecg_fnmetrics *m)
{
    if (m == NULL)
        return;
    ecg_fnmetrics_tokens_fini(&m->tokens);
    free(m->roles);
    free(m->name);
    free(m->frames);
    free(m->steps);
    free(m);
}

static int frames_push(struct ecg_fnmetrics *m)
{
    struct fm_frame *f;

    if (m->depth == m->cap) {
        size_t cap = m->cap != 0 ? m->cap * 2 : 64;
        struct fm_frame *grown = realloc(m->frames, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        m->frames = grown;
        m->cap = cap;
    }
    /* What ecg_fnmetrics_enter does not set itself; the rest is set before it is read. */
    f = &m->frames[m->depth];
    memset(&f->last_child, 0, sizeof(f->last_child));
    f->level = 0;
    f->op = 0;
    f->last_op = 0;
    f->op_known = 0;
    f->chain_root = 0;
    f->located = 0;
    f->shadow = 0;
    m->depth++;
    return 0;
}

static int copy_name(struct ecg_fnmetrics *m, CXCursor fn)
{
    CXString s = clang_getCursorSpelling(fn);
    const char *text = clang_getCString(s);
    size_t len = text != NULL ? strlen(text) : 0;
    int rc = 0;

    if (len + 1 > m->name_cap) {
        char *grown = realloc(m->name, len + 1);
        if (grown == NULL)
            rc = ECG_ENOMEM;
        else {
            m->name = grown;
            m->name_cap = len + 1;
        }
    }
    if (rc == 0) {
        memcpy(m->name, text != NULL ? text : "", len);
        m->name[len] = '\0';
    }
    clang_disposeString(s);
    return rc;
}

static void result_reset(struct ecg_fn_metrics *r, CXCursor fn, const char *name)
{
    int params = clang_Cursor_getNumArguments(fn);

    memset(r, 0, sizeof(*r));
    r->function = fn;
    r->name = name;
    clang_getExpansionLocation(clang_getCursorLocation(fn), NULL, &r->line, NULL, NULL);
    r->written.cyclomatic = 1;
    r->expanded.cyclomatic = 1;
    r->parameters = params > 0 ? (unsigned)params : 0;
    r->deepest_written.cursor = clang_getNullCursor();
    r->deepest_expanded.cursor = clang_getNullCursor();
}

void ecg_fnmetrics_begin(struct ecg_fnmetrics *m, CXCursor fn)
{
    m->active = 1;
    m->failed = 0;
    m->depth = 0;
    m->n_steps = 0;
    m->canonical = clang_getCanonicalCursor(fn);
    if (copy_name(m, fn) != 0 || frames_push(m) != 0 ||
        ecg_fnmetrics_tokens_load(&m->tokens, m->tu, fn) != 0) {
        m->failed = 1;
        return;
    }
    result_reset(&m->result, fn, m->name);
    memset(&m->frames[0], 0, sizeof(m->frames[0]));
    m->frames[0].cursor = fn;
}

/* --- counting ------------------------------------------------------------------------- */

static void add_step(struct ecg_fnmetrics *m, const char *construct, unsigned nesting, int written,
                     struct ecg_fn_place at)
{
    struct ecg_cognitive_step *s;

    if (m->n_steps == m->steps_cap) {
        size_t cap = m->steps_cap != 0 ? m->steps_cap * 2 : 32;
        struct ecg_cognitive_step *grown = realloc(m->steps, cap * sizeof(*grown));
        if (grown == NULL) {
            m->failed = 1;
            return;
        }
        m->steps = grown;
        m->steps_cap = cap;
    }
    s = &m->steps[m->n_steps++];
    s->at = at;
    s->points = 1 + nesting;
    s->nesting = nesting;
    s->construct = construct;
    s->written = written;
    m->result.expanded.cognitive += s->points;
    if (written)
        m->result.written.cognitive += s->points;
}

/* A decision in the syntax tree. The written count is lexical (see ecg_fnmetrics_end). */
static void add_decision(struct ecg_fnmetrics *m)
{
    m->result.expanded.cyclomatic++;
}

/* A nesting structure at level: its depth is level + 1. */
static void add_depth(struct ecg_fnmetrics *m, unsigned level, int written, struct ecg_fn_place at)
{
    struct ecg_fn_metrics *r = &m->result;

    if (level + 1 > r->expanded.max_nesting) {
        r->expanded.max_nesting = level + 1;
        r->deepest_expanded = at;
    }
    if (written && level + 1 > r->written.max_nesting) {
        r->written.max_nesting = level + 1;
        r->deepest_written = at;
    }
}

/* Where a construct whose first token is text (its keyword, a called name) is written, and
 * what to point at. A macro that repeats its argument makes one written token twice: it is
 * written once. */
static int keyword_at(struct ecg_fnmetrics *m, CXCursor cursor, const char *text,
                      struct ecg_fn_place *at)
{
    long tok = ecg_fnmetrics_tokens_keyword(&m->tokens, cursor, text);

    *at = ecg_fnmetrics_tokens_place(&m->tokens, tok, cursor);
    return ecg_fnmetrics_tokens_claim(&m->tokens, tok, ECG_FNM_CLAIM_CONSTRUCT);
}

enum { FM_UNLOCATED, FM_LOCATED, FM_NOT_IN_FILE };

/* Nonzero when f begins in the function's file, at f->begin (looked up once, when needed). */
static int frame_located(struct ecg_fnmetrics *m, struct fm_frame *f)
{
    if (f->located == FM_UNLOCATED) {
        int in_file =
            ecg_fnmetrics_tokens_offset(&m->tokens, clang_getCursorLocation(f->cursor), &f->begin);
        f->located = in_file ? FM_LOCATED : FM_NOT_IN_FILE;
    }
    return f->located == FM_LOCATED;
}

/* Where the operator or keyword text written before operand, in construct p, is. */
static int before_at(struct ecg_fnmetrics *m, struct fm_frame *p, CXCursor operand,
                     const char *text, struct ecg_fn_place *at)
{
    long tok =
        frame_located(m, p) ? ecg_fnmetrics_tokens_before(&m->tokens, p->begin, operand) : -1;

    if (!ecg_fnmetrics_tokens_is(&m->tokens, tok, text))
        tok = -1;
    *at = ecg_fnmetrics_tokens_place(&m->tokens, tok, p->cursor);
    return ecg_fnmetrics_tokens_claim(&m->tokens, tok, ECG_FNM_CLAIM_CONSTRUCT);
}

/* if, for, while, do, switch entered at f->level. */
static void count_structure(struct ecg_fnmetrics *m, const struct fm_frame *f, const char *what)
{
    struct ecg_fn_place at;
    int written = keyword_at(m, f->cursor, what, &at);

    add_step(m, what, f->level, written, at);
    add_depth(m, f->level, written, at);
    if (f->role != FM_SWITCH)
        add_decision(m);
}

static void count_else_if(struct ecg_fnmetrics *m, const struct fm_frame *f)
{
    struct ecg_fn_place at;
    int written = keyword_at(m, f->cursor, "if", &at);

    add_step(m, "else if", 0, written, at);
    add_depth(m, f->level, written, at);
    add_decision(m);
}

static void count_keyword(struct ecg_fnmetrics *m, const struct fm_frame *f)
{
    struct ecg_fn_place at;
    int written;

    if (f->role == FM_CASE) {
        add_decision(m);
        return;
    }
    written = keyword_at(m, f->cursor, "goto", &at);
    add_step(m, "goto", 0, written, at);
}

static void count_call(struct ecg_fnmetrics *m, const struct fm_frame *f)
{
    CXCursor callee = clang_getCursorReferenced(f->cursor);
    struct ecg_fn_place at;
    int written;

    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl ||
        !clang_equalCursors(clang_getCanonicalCursor(callee), m->canonical))
        return;
    written = keyword_at(m, f->cursor, m->name, &at);
    add_step(m, "recursion", 0, written, at);
}

#if CINDEX_VERSION_MINOR < 64
struct fm_operands {
    CXCursor items[2];
    unsigned n;
};

static enum CXChildVisitResult collect_operand(CXCursor c, CXCursor parent, CXClientData data)
{
    struct fm_operands *o = data;

    (void)parent;
    o->items[o->n++] = c;
    return o->n == 2 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The two operands of a binary operator; zero when it does not have two. */
static int binop_operands(CXCursor op, CXCursor out[2])
{
    struct fm_operands o;

    o.n = 0;
    clang_visitChildren(op, collect_operand, &o);
    if (o.n != 2)
        return 0;
    out[0] = o.items[0];
    out[1] = o.items[1];
    return 1;
}
#endif

/* '&' or '|' when the binary operator of frame f is && or ||, else 0. rhs is its right
 * operand when the walk has reached it (the left one is then f->last_child), else a null
 * cursor. */
static char logical_kind(struct ecg_fnmetrics *m, struct fm_frame *f, CXCursor rhs)
{
#if CINDEX_VERSION_MINOR >= 64
    enum CXBinaryOperatorKind kind = clang_getCursorBinaryOperatorKind(f->cursor);

    (void)m;
    (void)rhs;
    return kind == CXBinaryOperator_LAnd ? '&' : kind == CXBinaryOperator_LOr ? '|' : 0;
#else
    /* libclang before 17 has no opcode API: read the operator's token, written just before
     * the right operand. In C, && and || yield int, which rules out most other operators
     * without any lexing. */
    enum CXTypeKind type = clang_getCursorType(f->cursor).kind;
    CXCursor operands[2] = { f->last_child, rhs };
    long tok;

    if (type != CXType_Int && type != CXType_Bool)
        return 0;
    if (clang_Cursor_isNull(rhs) && !binop_operands(f->cursor, operands))
        return 0;
    tok = frame_located(m, f) ? ecg_fnmetrics_tokens_before(&m->tokens, f->begin, operands[1]) : -1;
    if (tok < 0)
        return (char)ecg_fnmetrics_tokens_spelled_logical(&m->tokens, operands[0], operands[1]);
    if (ecg_fnmetrics_tokens_is(&m->tokens, tok, "&&"))
        return '&';
    return ecg_fnmetrics_tokens_is(&m->tokens, tok, "||") ? '|' : 0;
#endif
}

/* The operator of the binary operator frame f (see logical_kind), looked up once: when the
 * walk enters its right operand, or earlier when a chain inside its left operand asks. */
static char frame_op(struct ecg_fnmetrics *m, struct fm_frame *f, CXCursor rhs)
{
    if (!f->op_known) {
        f->op = logical_kind(m, f, rhs);
        f->op_known = 1;
    }
    return f->op;
}

/* The index of the root of the chain of && and || that the logical operator at frame index
 * i belongs to: the outermost logical operator reached from it through logical operators
 * and parentheses (or a frame on that path whose root is known). Only the operators of that
 * path are looked up. */
static size_t root_above(struct ecg_fnmetrics *m, size_t i)
{
    size_t root = i;

    while (i > 1) {
        struct fm_frame *up = &m->frames[--i];
        if (up->chain_root != 0)
            return up->chain_root - 1;
        if (up->role == FM_PAREN)
            continue;
        if (up->role != FM_BINOP || frame_op(m, up, clang_getNullCursor()) == 0)
            break;
        root = i;
    }
    return root;
}

/* The root of the chain of the logical operator at frame index i, remembered on every frame
 * from it up to the root, so a chain 10,000 operators long is climbed once. */
static struct fm_frame *chain_root(struct ecg_fnmetrics *m, size_t i)
{
    size_t root = m->frames[i].chain_root != 0 ? m->frames[i].chain_root - 1 : root_above(m, i);

    for (size_t j = i; m->frames[j].chain_root == 0; j--) {
        m->frames[j].chain_root = root + 1;
        if (j == root)
            break;
    }
    return &m->frames[root];
}

/* Entering the right operand of the logical operator p, at frame index i: the operator, in
 * source order. A run of like operators in one chain counts once. */
static void count_logical(struct ecg_fnmetrics *m, struct fm_frame *p, size_t i, CXCursor rhs)
{
    struct fm_frame *root = chain_root(m, i);
    const char *text = p->op == '&' ? "&&" : "||";
    struct ecg_fn_place at;
    int written = before_at(m, p, rhs, text, &at);

    add_decision(m);
    if (root->last_op != p->op)
        add_step(m, text, 0, written, at);
    root->last_op = p->op;
}

/* Entering the second operand of ?: p, just past its `?`. */
static void count_condop(struct ecg_fnmetrics *m, struct fm_frame *p, CXCursor rhs)
{
    struct ecg_fn_place at;
    int written = before_at(m, p, rhs, "?", &at);

    add_step(m, "?:", p->level, written, at);
    add_depth(m, p->level, written, at);
    add_decision(m);
}

static void count_else(struct ecg_fnmetrics *m, struct fm_frame *p, CXCursor branch)
{
    struct ecg_fn_place at;
    int written = before_at(m, p, branch, "else", &at);

    add_step(m, "else", 0, written, at);
}

/* The child of each role that comes just after a counted operator or keyword (0: none). */
static const unsigned char operator_child[FM_ROLES] = {
    [FM_IF] = 2,
    [FM_CONDOP] = 1,
    [FM_GNU_CONDOP] = 3,
    [FM_BINOP] = 1,
};

/* Counts what lies between f and its previous sibling: else, ?, GNU ?:, && and ||. */
static void count_in_parent(struct ecg_fnmetrics *m, const struct fm_frame *f, struct fm_frame *p,
                            size_t idx)
{
    if (operator_child[p->role] == 0 || idx != operator_child[p->role])
        return;
    switch (p->role) {
    case FM_IF:
        if (f->role != FM_IF)
            count_else(m, p, f->cursor);
        break;
    case FM_CONDOP:
        count_condop(m, p, f->cursor);
        break;
    case FM_GNU_CONDOP:
        /* GNU `a ?: b`: a decision, with no cognitive increment (see the top). */
        add_decision(m);
        break;
    case FM_BINOP:
        if (frame_op(m, p, f->cursor) != 0)
            count_logical(m, p, m->depth - 2, f->cursor);
        break;
    default:
        break;
    }
}

static const char *const structure_name[FM_ROLES] = {
    [FM_IF] = "if", [FM_FOR] = "for", [FM_WHILE] = "while", [FM_DO] = "do", [FM_SWITCH] = "switch",
};

static int is_else_if(const struct fm_frame *f, const struct fm_frame *p, size_t idx)
{
    return f->role == FM_IF && p->role == FM_IF && idx == 2;
}

/* Counts what f itself is. */
static void count_own(struct ecg_fnmetrics *m, struct fm_frame *f, const struct fm_frame *p,
                      size_t idx)
{
    if (is_else_if(f, p, idx))
        count_else_if(m, f);
    else if (structure_name[f->role] != NULL)
        count_structure(m, f, structure_name[f->role]);
    else if (f->role == FM_CASE || f->role == FM_GOTO)
        count_keyword(m, f);
    else if (f->role == FM_CALL)
        count_call(m, f);
}

static int in_span(struct fm_span span, size_t idx)
{
    return idx >= span.first && idx <= span.last;
}

/* Nonzero when child is the body of for or case p: the body alone ends where p ends. */
static int is_body(const struct fm_frame *p, CXCursor child)
{
    if (p->role != FM_FOR && p->role != FM_CASE)
        return 0;
    return clang_equalLocations(clang_getRangeEnd(clang_getCursorExtent(child)), p->end);
}

static unsigned child_nesting(const struct fm_frame *p, size_t idx, enum CXCursorKind kind,
                              int body)
{
    if (p->role == FM_FOR)
        return (unsigned)body;
    if (p->role == FM_IF && idx == 2 && kind == CXCursor_IfStmt)
        return 0;
    return (unsigned)in_span(role_info[p->role].nested, idx);
}

/* Nonzero when an expression at child idx of p stands as a statement (`x = 1;`). */
static int expression_statement(const struct fm_frame *p, size_t idx, int body)
{
    if (p->role == FM_FOR || p->role == FM_CASE)
        return body;
    return in_span(role_info[p->role].statement, idx);
}

enum fm_statement {
    FM_NOT_STATEMENT,
    FM_UNCOUNTED, /* { } and ; */
    FM_COUNTED,
};

static enum fm_statement statement_class(const struct fm_frame *p, size_t idx, int body,
                                         enum CXCursorKind kind)
{
    /* clang_isStatement and clang_isExpression, without a call per cursor */
    if (kind >= CXCursor_FirstStmt && kind <= CXCursor_LastStmt)
        return kind == CXCursor_CompoundStmt || kind == CXCursor_NullStmt ? FM_UNCOUNTED
                                                                          : FM_COUNTED;
    if (kind >= CXCursor_FirstExpr && kind <= CXCursor_LastExpr &&
        expression_statement(p, idx, body))
        return FM_COUNTED;
    return FM_NOT_STATEMENT;
}

static void count_statement(struct ecg_fnmetrics *m, struct fm_frame *f, const struct fm_frame *p,
                            size_t idx, int body)
{
    enum fm_statement what = statement_class(p, idx, body, f->kind);

    if (what == FM_NOT_STATEMENT)
        return;
    if (what == FM_UNCOUNTED)
        return;
    m->result.expanded.statements++;
    /* A macro invocation standing as a statement is one written statement. */
    if (ecg_fnmetrics_tokens_claim(&m->tokens,
                                   ecg_fnmetrics_tokens_statement(&m->tokens, f->cursor),
                                   ECG_FNM_CLAIM_STATEMENT))
        m->result.written.statements++;
}

static void count_entered(struct ecg_fnmetrics *m, struct fm_frame *f, struct fm_frame *p,
                          size_t idx)
{
    int body = is_body(p, f->cursor);

    f->level = p->level + child_nesting(p, idx, f->kind, body);
    if (f->role == FM_FOR || f->role == FM_CASE)
        f->end = clang_getRangeEnd(clang_getCursorExtent(f->cursor));
    count_statement(m, f, p, idx, body);
    count_in_parent(m, f, p, idx);
    count_own(m, f, p, idx);
}

static enum fm_role role_for(const struct ecg_fnmetrics *m, CXCursor cursor, enum CXCursorKind kind)
{
    enum fm_role role = (size_t)kind < m->n_roles ? (enum fm_role)m->roles[kind] : FM_PLAIN;

    /* A nested function nests what it holds; a mere declaration holds nothing. */
    if (role == FM_FUNCTION && !clang_isCursorDefinition(cursor))
        role = FM_PLAIN;
    return role;
}

/* GNU `a ?: b` shows as an unexposed expression whose children are a, a again (twice: the
 * condition and the value) and b. The repeats are skipped so a counts once. */
static int repeats_operand(struct fm_frame *p, CXCursor cursor, size_t idx)
{
    if (p->role == FM_UNEXPOSED && idx == 1 && clang_equalCursors(cursor, p->last_child))
        p->role = FM_GNU_CONDOP;
    return p->role == FM_GNU_CONDOP && (idx == 1 || idx == 2);
}

/* Parents whose children are all plain to them: none nested, none a statement, no operator
 * or keyword before any of them, no repeated operand. */
static const unsigned char plain_parent[FM_ROLES] = {
    [FM_PLAIN] = 1,
    [FM_PAREN] = 1,
    [FM_CALL] = 1,
};

/* Nonzero when entering f under p counts nothing and f sits at p's level: most expressions
 * inside expressions, which skip count_entered. */
static int counts_nothing(const struct fm_frame *f, const struct fm_frame *p)
{
    return plain_parent[p->role] && f->role != FM_CALL && f->kind >= CXCursor_FirstExpr &&
           f->kind <= CXCursor_LastExpr;
}

void ecg_fnmetrics_enter(struct ecg_fnmetrics *m, CXCursor cursor, size_t child_index)
{
    struct fm_frame *p, *f;

    if (!m->active || m->failed)
        return;
    if (frames_push(m) != 0) {
        m->failed = 1;
        return;
    }
    p = &m->frames[m->depth - 2];
    f = &m->frames[m->depth - 1];
    f->cursor = cursor;
    f->kind = cursor.kind; /* clang_getCursorKind, without a call */
    f->role = role_for(m, cursor, f->kind);
    if (counts_nothing(f, p)) {
        f->shadow = p->shadow;
        f->level = p->level;
    } else {
        f->shadow = p->shadow || repeats_operand(p, cursor, child_index);
        if (!f->shadow)
            count_entered(m, f, p, child_index);
    }
    p->last_child = cursor;
}

void ecg_fnmetrics_leave(struct ecg_fnmetrics *m)
{
    if (!m->active || m->failed || m->depth <= 1)
        return;
    m->depth--;
}

/* The maintainability index; a volume or a line count below 1 contributes nothing. */
static void maintainability(struct ecg_fn_metrics *r)
{
    double volume = r->halstead_volume >= 1.0 ? r->halstead_volume : 1.0;
    double loc = r->code_lines >= 1 ? (double)r->code_lines : 1.0;

    r->mi_original =
        171.0 - 5.2 * log(volume) - 0.23 * (double)r->written.cyclomatic - 16.2 * log(loc);
    r->mi_normalized = (r->mi_original > 0.0 ? r->mi_original : 0.0) * 100.0 / 171.0;
}

const struct ecg_fn_metrics *ecg_fnmetrics_end(struct ecg_fnmetrics *m)
{
    if (!m->active)
        return NULL;
    m->active = 0;
    if (!m->failed && ecg_fnmetrics_tokens_halstead(&m->tokens, &m->result) != 0)
        m->failed = 1;
    /* Written cyclomatic complexity counts the decision tokens of the function's code. */
    m->result.written.cyclomatic = 1 + m->tokens.decisions;
    m->result.tu = m->tu;
    m->result.file = m->tokens.file;
    ecg_fnmetrics_tokens_release(&m->tokens);
    if (m->failed)
        return NULL;
    m->result.steps = m->steps;
    m->result.n_steps = m->n_steps;
    maintainability(&m->result);
    return &m->result;
}
