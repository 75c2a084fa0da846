/* The tokens of one function as written: Halstead counts, lines, and the operators and
 * keywords (&&, ||, ?, else) whose position libclang does not give; see fnmetrics_int.h.
 * Every lookup is a binary search over the tokens lexed once per function. */
#include "analyzer/fnmetrics_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* Nonzero when loc is a file location: the token lexed there has that very location (a
 * macro's token is lexed from its definition, and has a location there instead). */
static int is_file_location(CXTranslationUnit tu, CXSourceLocation loc)
{
    CXSourceLocation at;

    return spelled_token(tu, loc, &at) && clang_equalLocations(at, loc);
}

/* The tokens of fn's extent. When the extent starts inside a macro (`SQLITE_PRIVATE int f()`
 * or a function produced whole by one), libclang would lex from the macro's definition, so
 * the file range of the expansion is lexed instead. */
static void tokenize_extent(struct ecg_fnmetrics_tokens *t, CXCursor fn)
{
    CXSourceRange extent = clang_getCursorExtent(fn);
    CXFile file;
    unsigned off, end_off;

    if (!is_file_location(t->tu, clang_getRangeStart(extent))) {
        clang_getExpansionLocation(clang_getRangeStart(extent), &file, NULL, NULL, &off);
        clang_getExpansionLocation(clang_getRangeEnd(extent), NULL, NULL, NULL, &end_off);
        if (file == NULL || end_off < off)
            return;
        extent = clang_getRange(clang_getLocationForOffset(t->tu, file, off),
                                clang_getLocationForOffset(t->tu, file, end_off));
    }
    clang_tokenize(t->tu, extent, &t->raw, &t->n_raw);
}

static void decode_token(struct ecg_fnmetrics_tokens *t, unsigned raw, CXFile *file)
{
    CXSourceRange r = clang_getTokenExtent(t->tu, t->raw[raw]);
    struct ecg_fnmetrics_token *tok = &t->items[t->len];
    unsigned end;

    clang_getFileLocation(clang_getRangeStart(r), file, &tok->line, NULL, &tok->offset);
    clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &end);
    tok->length = end > tok->offset ? end - tok->offset : 0;
    tok->raw = raw;
    tok->kind = clang_getTokenKind(t->raw[raw]);
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

int ecg_fnmetrics_tokens_claim(struct ecg_fnmetrics_tokens *t, long i)
{
    if (i < 0 || (size_t)i >= t->len || t->claimed[i])
        return 0;
    t->claimed[i] = 1;
    return 1;
}

int ecg_fnmetrics_tokens_load(struct ecg_fnmetrics_tokens *t, CXTranslationUnit tu, CXCursor fn)
{
    CXFile file = NULL;

    ecg_fnmetrics_tokens_release(t);
    t->tu = tu;
    t->file = NULL;
    t->text = NULL;
    t->text_len = 0;
    tokenize_extent(t, fn);
    if (tokens_reserve(t, t->n_raw) != 0)
        return ECG_ENOMEM;
    for (unsigned i = 0; i < t->n_raw; i++) {
        if (clang_getTokenKind(t->raw[i]) == CXToken_Comment)
            continue;
        decode_token(t, i, &file);
        if (t->file == NULL)
            t->file = file;
        t->len++;
    }
    if (t->file != NULL)
        t->text = clang_getFileContents(tu, t->file, &t->text_len);
    return reset_claims(t);
}

void ecg_fnmetrics_tokens_release(struct ecg_fnmetrics_tokens *t)
{
    if (t->raw != NULL)
        clang_disposeTokens(t->tu, t->raw, t->n_raw);
    t->raw = NULL;
    t->n_raw = 0;
    t->len = 0;
    t->file = NULL;
}

void ecg_fnmetrics_tokens_fini(struct ecg_fnmetrics_tokens *t)
{
    ecg_fnmetrics_tokens_release(t);
    free(t->items);
    free(t->set);
    free(t->claimed);
    memset(t, 0, sizeof(*t));
}

/* Index of the last token starting before off, or -1. */
static long last_before(const struct ecg_fnmetrics_tokens *t, unsigned off)
{
    size_t lo = 0, hi = t->len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->items[mid].offset < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

long ecg_fnmetrics_tokens_at(const struct ecg_fnmetrics_tokens *t, CXSourceLocation loc)
{
    CXFile file;
    unsigned off;
    long i;

    if (t->len == 0)
        return -1;
    clang_getExpansionLocation(loc, &file, NULL, NULL, &off);
    if (!same_file(t, file))
        return -1;
    i = last_before(t, off + 1);
    if (i < 0 || t->items[i].offset != off)
        return -1;
    /* A macro's tokens expand at the macro's name: the name is written there, not them. */
    if (!clang_equalLocations(clang_getTokenLocation(t->tu, t->raw[t->items[i].raw]), loc))
        return -1;
    return i;
}

long ecg_fnmetrics_tokens_between(const struct ecg_fnmetrics_tokens *t, CXCursor lhs, CXCursor rhs,
                                  int *written)
{
    CXSourceLocation r = clang_getRangeStart(clang_getCursorExtent(rhs));
    CXSourceLocation l = clang_getRangeStart(clang_getCursorExtent(lhs));
    CXFile rf, lf;
    unsigned roff, loff;
    long i;

    *written = 0;
    if (t->len == 0)
        return -1;
    clang_getFileLocation(r, &rf, NULL, NULL, &roff);
    clang_getFileLocation(l, &lf, NULL, NULL, &loff);
    if (!same_file(t, rf) || !same_file(t, lf))
        return -1;
    i = last_before(t, roff);
    if (i < 0 || t->items[i].offset <= loff)
        return -1;
    *written = 1;
    return i;
}

int ecg_fnmetrics_tokens_is(const struct ecg_fnmetrics_tokens *t, long i, const char *text)
{
    const struct ecg_fnmetrics_token *tok;
    size_t n = strlen(text);

    if (i < 0 || (size_t)i >= t->len || t->text == NULL)
        return 0;
    tok = &t->items[i];
    if (tok->length != n || (size_t)tok->offset + n > t->text_len)
        return 0;
    return memcmp(t->text + tok->offset, text, n) == 0;
}

CXSourceRange ecg_fnmetrics_tokens_range(const struct ecg_fnmetrics_tokens *t, long i)
{
    return clang_getTokenExtent(t->tu, t->raw[t->items[i].raw]);
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
static int in_macro_body(const struct ecg_fnmetrics_tokens *t, CXSourceLocation loc, unsigned *out)
{
    CXFile ef, ff;
    unsigned eoff, foff;

    clang_getExpansionLocation(loc, &ef, NULL, NULL, &eoff);
    clang_getFileLocation(loc, &ff, NULL, NULL, &foff);
    *out = eoff;
    return ef != NULL && clang_File_isEqual(ef, ff) && eoff == foff &&
           ecg_fnmetrics_tokens_at(t, loc) < 0;
}

/* The spelled locations of the tokens at l and r when they lie a short way apart in one
 * macro body; zero otherwise. */
static int spelled_span(const struct ecg_fnmetrics_tokens *t, CXSourceLocation l,
                        CXSourceLocation r, CXSourceLocation out[2], unsigned *r_off)
{
    CXFile lf, rf;
    unsigned le, re, loff;

    if (!in_macro_body(t, l, &le) || !in_macro_body(t, r, &re) || le != re)
        return 0;
    if (!spelled_token(t->tu, l, &out[0]) || !spelled_token(t->tu, r, &out[1]))
        return 0;
    clang_getFileLocation(out[0], &lf, NULL, NULL, &loff);
    clang_getFileLocation(out[1], &rf, NULL, NULL, r_off);
    return lf != NULL && clang_File_isEqual(lf, rf) && loff < *r_off &&
           *r_off - loff <= SPELLED_SPAN_MAX;
}

int ecg_fnmetrics_tokens_spelled_logical(const struct ecg_fnmetrics_tokens *t, CXCursor lhs,
                                         CXCursor rhs)
{
    CXSourceLocation span[2];
    CXToken *toks = NULL;
    unsigned roff, n = 0;
    int op;

    if (!spelled_span(t, clang_getRangeStart(clang_getCursorExtent(lhs)),
                      clang_getRangeStart(clang_getCursorExtent(rhs)), span, &roff))
        return 0;
    clang_tokenize(t->tu, clang_getRange(span[0], span[1]), &toks, &n);
    op = last_logical(t->tu, toks, n, roff);
    if (toks != NULL)
        clang_disposeTokens(t->tu, toks, n);
    return op;
}

static int is_operator(enum CXTokenKind kind)
{
    return kind == CXToken_Punctuation || kind == CXToken_Keyword;
}

static uint64_t spelling_hash(const struct ecg_fnmetrics_tokens *t, size_t i)
{
    const struct ecg_fnmetrics_token *tok = &t->items[i];
    uint64_t h = 14695981039346656037u ^ (uint64_t)is_operator(tok->kind);

    for (unsigned k = 0; k < tok->length; k++) {
        h ^= (unsigned char)t->text[tok->offset + k];
        h *= 1099511628211u;
    }
    return h;
}

static int same_spelling(const struct ecg_fnmetrics_tokens *t, size_t a, size_t b)
{
    const struct ecg_fnmetrics_token *x = &t->items[a], *y = &t->items[b];

    return is_operator(x->kind) == is_operator(y->kind) && x->length == y->length &&
           memcmp(t->text + x->offset, t->text + y->offset, x->length) == 0;
}

/* Adds token i's spelling to the set; nonzero when it was not there yet. */
static int set_insert(struct ecg_fnmetrics_tokens *t, size_t i)
{
    size_t h = (size_t)spelling_hash(t, i) & (t->set_size - 1);

    while (t->set[h] != 0) {
        if (same_spelling(t, t->set[h] - 1, i))
            return 0;
        h = (h + 1) & (t->set_size - 1);
    }
    t->set[h] = i + 1;
    return 1;
}

/* Sizes the set for this function's tokens (at most half full) and empties it. */
static int set_reset(struct ecg_fnmetrics_tokens *t)
{
    size_t size = 16;

    while (size < t->len * 2)
        size *= 2;
    if (size > t->set_cap) {
        size_t *grown = realloc(t->set, size * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        t->set = grown;
        t->set_cap = size;
    }
    t->set_size = size;
    memset(t->set, 0, size * sizeof(*t->set));
    return 0;
}

static void count_lines(const struct ecg_fnmetrics_tokens *t, CXCursor fn,
                        struct ecg_fn_metrics *out)
{
    CXSourceRange extent = clang_getCursorExtent(fn);
    unsigned first, last;

    clang_getExpansionLocation(clang_getRangeStart(extent), NULL, &first, NULL, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(extent), NULL, &last, NULL, NULL);
    out->lines = last >= first ? last - first + 1 : 1;
    out->code_lines = 0;
    for (size_t i = 0; i < t->len; i++) {
        if (i == 0 || t->items[i].line != t->items[i - 1].line)
            out->code_lines++;
    }
}

int ecg_fnmetrics_tokens_halstead(struct ecg_fnmetrics_tokens *t, CXCursor fn,
                                  struct ecg_fn_metrics *out)
{
    unsigned distinct[2] = { 0, 0 }, total[2] = { 0, 0 };
    unsigned vocabulary;

    count_lines(t, fn, out);
    if (set_reset(t) != 0)
        return ECG_ENOMEM;
    for (size_t i = 0; i < t->len; i++) {
        int operand = !is_operator(t->items[i].kind);
        total[operand]++;
        /* Without the file's text every token counts as distinct. */
        if (t->text == NULL || set_insert(t, i))
            distinct[operand]++;
    }
    out->halstead_distinct_operators = distinct[0];
    out->halstead_distinct_operands = distinct[1];
    out->halstead_operators = total[0];
    out->halstead_operands = total[1];
    vocabulary = distinct[0] + distinct[1];
    out->halstead_volume =
        vocabulary < 2 ? 0.0 : (double)(total[0] + total[1]) * log2((double)vocabulary);
    return 0;
}
