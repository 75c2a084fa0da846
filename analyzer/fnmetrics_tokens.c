/* The tokens of one function's code, lexed once from the buffer libclang parsed
 * (analyzer/clex.c), and the lookups the collector makes in them: where a construct's
 * keyword or operator is written, and which statements are written; see fnmetrics_int.h.
 * Every lookup is a binary search over the tokens. */
#include "analyzer/fnmetrics_int.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/clex.h"
#include "analyzer/error.h"

/* An operator spelled in a macro body is looked up only when the macro's text between its
 * operands is this short, so a strange macro cannot cost a lex of a whole header. */
#define SPELLED_SPAN_MAX 4096u

static int same_file(const struct ecg_fnmetrics_tokens *t, CXFile file)
{
    return file != NULL && t->file != NULL && clang_File_isEqual(file, t->file);
}

static int tokens_reserve(struct ecg_fnmetrics_tokens *t, size_t n)
{
    struct ecg_fnmetrics_token *grown;
    size_t cap = t->cap != 0 ? t->cap : 256;

    if (n <= t->cap)
        return 0;
    while (cap < n)
        cap *= 2;
    grown = realloc(t->items, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    t->items = grown;
    t->cap = cap;
    return 0;
}

static int skipped_reserve(struct ecg_fnmetrics_tokens *t, size_t n)
{
    unsigned *grown;

    if (n <= t->skipped_cap)
        return 0;
    grown = realloc(t->skipped, n * 2 * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    t->skipped = grown;
    t->skipped_cap = n;
    return 0;
}

/* Keeps list's ranges as offset pairs. */
static int keep_skipped(struct ecg_fnmetrics_tokens *t, const CXSourceRangeList *list)
{
    if (skipped_reserve(t, list->count) != 0)
        return ECG_ENOMEM;
    for (unsigned i = 0; i < list->count; i++) {
        unsigned *pair = &t->skipped[t->n_skipped * 2];
        clang_getFileLocation(clang_getRangeStart(list->ranges[i]), NULL, NULL, NULL, &pair[0]);
        clang_getFileLocation(clang_getRangeEnd(list->ranges[i]), NULL, NULL, NULL, &pair[1]);
        if (pair[1] > pair[0])
            t->n_skipped++;
    }
    return 0;
}

/* The file's text and the branches of #if that the build compiled out there (libclang
 * records them when the unit is parsed with a detailed preprocessing record). Both are
 * kept for the next function, which is usually in the same file. */
static int load_file(struct ecg_fnmetrics_tokens *t, CXFile file)
{
    CXSourceRangeList *list;
    int rc = 0;

    if (t->skipped_file != NULL && clang_File_isEqual(file, t->skipped_file))
        return 0;
    t->skipped_file = NULL;
    t->n_skipped = 0;
    t->text = clang_getFileContents(t->tu, file, &t->text_len);
    list = clang_getSkippedRanges(t->tu, file);
    if (list != NULL) {
        rc = keep_skipped(t, list);
        clang_disposeSourceRangeList(list);
    }
    if (rc == 0)
        t->skipped_file = file;
    return rc;
}

/* The first skipped branch that ends after offset (the ranges are in file order), where
 * in_skipped starts for a function beginning at offset. */
static size_t first_skipped_after(const struct ecg_fnmetrics_tokens *t, unsigned offset)
{
    size_t lo = 0, hi = t->n_skipped;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->skipped[mid * 2 + 1] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Nonzero when offset lies in a skipped branch; *hint walks forward with the offsets. */
static int in_skipped(const struct ecg_fnmetrics_tokens *t, unsigned offset, size_t *hint)
{
    while (*hint < t->n_skipped && t->skipped[*hint * 2 + 1] <= offset)
        (*hint)++;
    return *hint < t->n_skipped && t->skipped[*hint * 2] <= offset;
}

/* The end of a macro invocation starting at begin (its name, then its parenthesized
 * arguments when it has some): a function made whole by a macro is measured on it. */
static unsigned invocation_end(const struct ecg_fnmetrics_tokens *t, unsigned begin)
{
    struct ecg_clex lx;
    struct ecg_clex_token tok;
    unsigned end = begin;
    int depth = 0;

    ecg_clex_init(&lx, t->text, begin, t->text_len, 1);
    while (ecg_clex_next(&lx, &tok)) {
        int open = tok.length == 1 && t->text[tok.offset] == '(';
        int close = tok.length == 1 && t->text[tok.offset] == ')';
        if (end != begin && depth == 0 && !open)
            break;
        end = tok.offset + tok.length;
        depth += open - close;
        if (depth == 0 && close)
            break;
    }
    return end;
}

/* fn's lines (t->first_line, t->last_line, from its extent) and, when its text is found,
 * its extent in its file as [span[0], span[1]) with *found set. ECG_ENOMEM or 0. */
static int function_span(struct ecg_fnmetrics_tokens *t, CXCursor fn, unsigned span[2], int *found)
{
    CXSourceRange extent = clang_getCursorExtent(fn);
    CXFile file, end_file;

    clang_getExpansionLocation(clang_getRangeStart(extent), &file, &t->first_line, NULL, &span[0]);
    clang_getExpansionLocation(clang_getRangeEnd(extent), &end_file, &t->last_line, NULL, &span[1]);
    *found = 0;
    if (file == NULL || !clang_File_isEqual(file, end_file) || span[1] < span[0])
        return 0;
    if (load_file(t, file) != 0)
        return ECG_ENOMEM;
    if (t->text == NULL || span[1] > t->text_len)
        return 0;
    t->file = file;
    if (span[1] == span[0])
        span[1] = invocation_end(t, span[0]);
    *found = 1;
    return 0;
}

static enum CXTokenKind token_kind(enum ecg_clex_kind kind)
{
    switch (kind) {
    case ECG_CLEX_KEYWORD:
        return CXToken_Keyword;
    case ECG_CLEX_IDENT:
        return CXToken_Identifier;
    case ECG_CLEX_LITERAL:
        return CXToken_Literal;
    case ECG_CLEX_PUNCT:
        break;
    }
    return CXToken_Punctuation;
}

/* Nonzero when a token of this kind and spelling can end an operand, so a && after it is
 * the logical operator and not GNU's address of a label. */
static int ends_operand(const struct ecg_fnmetrics_tokens *t, const struct ecg_fnmetrics_token *p)
{
    const char *s = t->text + p->offset;

    if (p->kind == CXToken_Identifier || p->kind == CXToken_Literal)
        return 1;
    if (p->kind != CXToken_Punctuation)
        return 0;
    return (p->length == 1 && (s[0] == ')' || s[0] == ']')) ||
           (p->length == 2 && (memcmp(s, "++", 2) == 0 || memcmp(s, "--", 2) == 0));
}

static int spelled(const struct ecg_fnmetrics_tokens *t, const struct ecg_fnmetrics_token *tok,
                   const char *text, size_t len)
{
    return tok->length == len && memcmp(t->text + tok->offset, text, len) == 0;
}

static unsigned keyword_decision(const char *s, unsigned length)
{
    switch (length) {
    case 2:
        return s[0] == 'i' && s[1] == 'f';
    case 3:
        return memcmp(s, "for", 3) == 0;
    case 4:
        return memcmp(s, "case", 4) == 0;
    case 5:
        return memcmp(s, "while", 5) == 0;
    default:
        return 0;
    }
}

/* Counts the decision token i: if, for, while, case, &&, ||, ?. */
static unsigned decision(const struct ecg_fnmetrics_tokens *t, size_t i)
{
    const struct ecg_fnmetrics_token *tok = &t->items[i];
    const char *s = t->text + tok->offset;

    if (tok->kind == CXToken_Keyword)
        return keyword_decision(s, tok->length);
    if (tok->kind != CXToken_Punctuation)
        return 0;
    if (tok->length == 1)
        return s[0] == '?';
    if (tok->length != 2 || s[0] != s[1])
        return 0;
    if (s[0] == '|')
        return 1;
    return s[0] == '&' && i > 0 && ends_operand(t, &t->items[i - 1]);
}

static int lex_function(struct ecg_fnmetrics_tokens *t, const unsigned span[2])
{
    struct ecg_clex lx;
    struct ecg_clex_token tok;
    size_t hint = first_skipped_after(t, span[0]);

    ecg_clex_init(&lx, t->text, span[0], span[1], t->first_line);
    while (ecg_clex_next(&lx, &tok)) {
        if (in_skipped(t, tok.offset, &hint))
            continue;
        if (t->len == t->cap && tokens_reserve(t, t->len + 1) != 0)
            return ECG_ENOMEM;
        t->items[t->len].offset = tok.offset;
        t->items[t->len].length = tok.length;
        t->items[t->len].line = tok.line;
        t->items[t->len].kind = token_kind(tok.kind);
        t->decisions += decision(t, t->len);
        t->len++;
    }
    return 0;
}

/* Clears the per-token claims for a new function. */
static int reset_claims(struct ecg_fnmetrics_tokens *t)
{
    if (t->claimed_cap < t->len) {
        unsigned char *grown = realloc(t->claimed, t->len);
        if (grown == NULL)
            return ECG_ENOMEM;
        t->claimed = grown;
        t->claimed_cap = t->len;
    }
    if (t->len > 0)
        memset(t->claimed, 0, t->len);
    return 0;
}

int ecg_fnmetrics_tokens_load(struct ecg_fnmetrics_tokens *t, CXTranslationUnit tu, CXCursor fn)
{
    unsigned span[2];
    int found;

    ecg_fnmetrics_tokens_release(t);
    if (t->tu != tu)
        t->skipped_file = NULL;
    t->tu = tu;
    if (function_span(t, fn, span, &found) != 0)
        return ECG_ENOMEM;
    if (found && lex_function(t, span) != 0)
        return ECG_ENOMEM;
    return reset_claims(t);
}

void ecg_fnmetrics_tokens_release(struct ecg_fnmetrics_tokens *t)
{
    t->len = 0;
    t->decisions = 0;
    t->file = NULL;
}

void ecg_fnmetrics_tokens_fini(struct ecg_fnmetrics_tokens *t)
{
    free(t->items);
    free(t->skipped);
    free(t->set);
    free(t->claimed);
    memset(t, 0, sizeof(*t));
}

int ecg_fnmetrics_tokens_claim(struct ecg_fnmetrics_tokens *t, long i, unsigned bit)
{
    if (i < 0 || (size_t)i >= t->len || (t->claimed[i] & bit) != 0)
        return 0;
    t->claimed[i] |= (unsigned char)bit;
    return 1;
}

long ecg_fnmetrics_tokens_index(const struct ecg_fnmetrics_tokens *t, unsigned offset)
{
    size_t lo = 0, hi = t->len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->items[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->len && t->items[lo].offset == offset ? (long)lo : -1;
}

int ecg_fnmetrics_tokens_offset(const struct ecg_fnmetrics_tokens *t, CXSourceLocation loc,
                                unsigned *offset)
{
    CXFile file;
    unsigned off;

    if (t->len == 0)
        return 0;
    clang_getFileLocation(loc, &file, NULL, NULL, &off);
    if (!same_file(t, file))
        return 0;
    *offset = off;
    return 1;
}

int ecg_fnmetrics_tokens_is(const struct ecg_fnmetrics_tokens *t, long i, const char *text)
{
    return i >= 0 && (size_t)i < t->len && spelled(t, &t->items[i], text, strlen(text));
}

long ecg_fnmetrics_tokens_keyword(const struct ecg_fnmetrics_tokens *t, CXCursor cursor,
                                  const char *text)
{
    unsigned off;
    long i;

    if (!ecg_fnmetrics_tokens_offset(t, clang_getCursorLocation(cursor), &off))
        return -1;
    i = ecg_fnmetrics_tokens_index(t, off);
    return ecg_fnmetrics_tokens_is(t, i, text) ? i : -1;
}

long ecg_fnmetrics_tokens_statement(const struct ecg_fnmetrics_tokens *t, CXCursor stmt)
{
    CXFile file;
    unsigned off;

    if (t->len == 0)
        return -1;
    /* The statements a macro invocation expands to, and those in its arguments, all sit at
     * the macro's name: the first to claim it is the written one. */
    clang_getExpansionLocation(clang_getCursorLocation(stmt), &file, NULL, NULL, &off);
    return same_file(t, file) ? ecg_fnmetrics_tokens_index(t, off) : -1;
}

/* The first token of operand when its location is not its beginning (a member access: the
 * member's name), from its extent; -1 when it is not written in the file. */
static long operand_start(const struct ecg_fnmetrics_tokens *t, CXCursor operand)
{
    unsigned off;

    if (!ecg_fnmetrics_tokens_offset(t, clang_getRangeStart(clang_getCursorExtent(operand)), &off))
        return -1;
    return ecg_fnmetrics_tokens_index(t, off);
}

long ecg_fnmetrics_tokens_before(const struct ecg_fnmetrics_tokens *t, unsigned parent,
                                 CXCursor operand)
{
    unsigned off;
    long i;

    if (!ecg_fnmetrics_tokens_offset(t, clang_getCursorLocation(operand), &off) || off <= parent)
        return -1;
    i = ecg_fnmetrics_tokens_index(t, off);
    /* libclang locates a member access at the member's name, past its base. */
    if (ecg_fnmetrics_tokens_is(t, i - 1, ".") || ecg_fnmetrics_tokens_is(t, i - 1, "->"))
        i = operand_start(t, operand);
    if (i <= 0 || t->items[i - 1].offset < parent)
        return -1;
    return i - 1;
}

struct ecg_fn_place ecg_fnmetrics_tokens_place(const struct ecg_fnmetrics_tokens *t, long i,
                                               CXCursor cursor)
{
    struct ecg_fn_place p = { cursor, 0, 0, 0 };

    if (i >= 0 && (size_t)i < t->len) {
        p.offset = t->items[i].offset;
        p.length = t->items[i].length;
        p.has_token = 1;
    }
    return p;
}

CXSourceRange ecg_fn_metrics_range(const struct ecg_fn_metrics *m, const struct ecg_fn_place *at)
{
    if (at->has_token && m->file != NULL) {
        return clang_getRange(clang_getLocationForOffset(m->tu, m->file, at->offset),
                              clang_getLocationForOffset(m->tu, m->file, at->offset + at->length));
    }
    if (clang_Cursor_isNull(at->cursor))
        return clang_getNullRange();
    return clang_getCursorExtent(at->cursor);
}

/* --- operators spelled in a macro body ------------------------------------------------ */

/* The token spelled at loc (in a macro's definition when loc is in a macro body), lexed
 * alone: its location goes to *out. Zero when there is none. clang_getToken is not used:
 * for a macro location it can lex from the definition up to an unrelated place. */
static int spelled_token(CXTranslationUnit tu, CXSourceLocation loc, CXSourceLocation *out)
{
    CXToken *toks = NULL;
    unsigned n = 0;

    clang_tokenize(tu, clang_getRange(loc, loc), &toks, &n);
    if (n > 0)
        *out = clang_getTokenLocation(tu, toks[0]);
    if (toks != NULL)
        clang_disposeTokens(tu, toks, n);
    return n > 0;
}

/* The spelling of the last token before `before` in toks, compared with && and ||. */
static int last_logical(CXTranslationUnit tu, CXToken *toks, unsigned n, unsigned before)
{
    int op = 0;

    for (unsigned i = 0; i < n; i++) {
        unsigned off;
        CXString s;
        const char *text;
        if (clang_getTokenKind(toks[i]) == CXToken_Comment)
            continue;
        clang_getFileLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL, &off);
        if (off >= before)
            break;
        s = clang_getTokenSpelling(tu, toks[i]);
        text = clang_getCString(s);
        op = text == NULL ? 0 : strcmp(text, "&&") == 0 ? '&' : strcmp(text, "||") == 0 ? '|' : 0;
        clang_disposeString(s);
    }
    return op;
}

/* Nonzero when loc comes from a macro body (not an argument) of the expansion at *out. */
static int in_macro_body(CXSourceLocation loc, unsigned *out)
{
    CXFile ef, ff;
    unsigned eoff, foff;

    clang_getExpansionLocation(loc, &ef, NULL, NULL, &eoff);
    clang_getFileLocation(loc, &ff, NULL, NULL, &foff);
    *out = eoff;
    return ef != NULL && clang_File_isEqual(ef, ff) && eoff == foff;
}

/* The spelled locations of the tokens at l and r when they lie a short way apart in one
 * macro body, their file and l's offset in it; zero otherwise. */
static int spelled_span(const struct ecg_fnmetrics_tokens *t, CXSourceLocation l,
                        CXSourceLocation r, CXSourceLocation out[2], CXFile *file, unsigned off[2])
{
    CXFile lf, rf;
    unsigned le, re;

    if (!in_macro_body(l, &le) || !in_macro_body(r, &re) || le != re)
        return 0;
    if (!spelled_token(t->tu, l, &out[0]) || !spelled_token(t->tu, r, &out[1]))
        return 0;
    clang_getFileLocation(out[0], &lf, NULL, NULL, &off[0]);
    clang_getFileLocation(out[1], &rf, NULL, NULL, &off[1]);
    *file = lf;
    return lf != NULL && clang_File_isEqual(lf, rf) && off[0] < off[1] &&
           off[1] - off[0] <= SPELLED_SPAN_MAX;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Nonzero when the backslash at text[i] ends a line with a blank before it or after the
 * newline: a splice between tokens, which ecg's lexer reads as a blank, as clang does. */
static int splice_between_tokens(const char *text, unsigned begin, unsigned i, unsigned end)
{
    unsigned next = i + 1;

    if (next < end && text[next] == '\r')
        next++;
    if (next >= end || text[next] != '\n')
        return 0;
    return (i > begin && is_blank(text[i - 1])) || (next + 1 < end && is_blank(text[next + 1]));
}

/* Nonzero when text[begin, end) holds nothing ecg's lexer reads otherwise than clang does
 * inside a macro body: no backslash but a splice between tokens, no trigraph (??), no `#`
 * that could look like a directive. */
static int plain_text(const char *text, unsigned begin, unsigned end)
{
    for (unsigned i = begin; i < end; i++) {
        if (text[i] == '#')
            return 0;
        if (text[i] == '?' && i + 1 < end && text[i + 1] == '?')
            return 0;
        if (text[i] == '\\' && !splice_between_tokens(text, begin, i, end))
            return 0;
    }
    return 1;
}

/* '&' for &&, '|' for ||, else 0. */
static int logical_token(const char *text, const struct ecg_clex_token *tok)
{
    const char *s = text + tok->offset;

    if (tok->length != 2 || s[0] != s[1])
        return 0;
    return s[0] == '&' ? '&' : s[0] == '|' ? '|' : 0;
}

/* The operator read with ecg's lexer from the macro's text between its operands: the last
 * token before `before`; -1 when the text is not plain (see plain_text). */
static int lexed_logical(const char *text, size_t text_len, unsigned begin, unsigned before)
{
    struct ecg_clex lx;
    struct ecg_clex_token tok;
    int op = 0;

    if (text == NULL || before > text_len || !plain_text(text, begin, before))
        return -1;
    ecg_clex_init(&lx, text, begin, before, 1);
    while (ecg_clex_next(&lx, &tok))
        op = logical_token(text, &tok);
    return op;
}

/* Where expr begins. For most expressions that is where libclang locates the cursor, which
 * costs far less than its extent (for a cursor in a macro, the extent measures the last token
 * of the expansion); a member access is located at its member's name, a cast libclang does
 * not expose at its operand, and a C++ name at the name past its qualifier. */
static CXSourceLocation expr_begin(CXCursor expr)
{
    static const enum CXCursorKind located_at_begin[] = {
        CXCursor_IntegerLiteral,     CXCursor_FloatingLiteral,
        CXCursor_StringLiteral,      CXCursor_CharacterLiteral,
        CXCursor_ParenExpr,          CXCursor_BinaryOperator,
        CXCursor_CallExpr,           CXCursor_CStyleCastExpr,
        CXCursor_ArraySubscriptExpr, CXCursor_ConditionalOperator,
    };

    for (size_t i = 0; i < sizeof(located_at_begin) / sizeof(located_at_begin[0]); i++) {
        if (expr.kind == located_at_begin[i])
            return clang_getCursorLocation(expr);
    }
    return clang_getRangeStart(clang_getCursorExtent(expr));
}

int ecg_fnmetrics_tokens_spelled_logical(const struct ecg_fnmetrics_tokens *t, CXCursor lhs,
                                         CXCursor rhs)
{
    CXSourceLocation span[2];
    CXToken *toks = NULL;
    CXFile file;
    unsigned off[2], n = 0;
    const char *text;
    size_t text_len = 0;
    int op;

    if (!spelled_span(t, expr_begin(lhs), expr_begin(rhs), span, &file, off))
        return 0;
    text = clang_getFileContents(t->tu, file, &text_len);
    op = lexed_logical(text, text_len, off[0], off[1]);
    if (op >= 0)
        return op;
    clang_tokenize(t->tu, clang_getRange(span[0], span[1]), &toks, &n);
    op = last_logical(t->tu, toks, n, off[1]);
    if (toks != NULL)
        clang_disposeTokens(t->tu, toks, n);
    return op;
}
