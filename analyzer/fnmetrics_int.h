/* The tokens of the function being measured, shared by the metrics collector
 * (analyzer/fnmetrics.c) and its token helpers (analyzer/fnmetrics_tokens.c): Halstead
 * counts, lines, and finding operators and keywords that libclang gives no location for.
 * Private to those two files. */
#ifndef ECG_ANALYZER_FNMETRICS_INT_H
#define ECG_ANALYZER_FNMETRICS_INT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/fnmetrics.h"

/* One token of the function as written, comments excluded; file order. */
struct ecg_fnmetrics_token {
    unsigned offset; /* in the function's file, bytes */
    unsigned length; /* bytes, as spelled */
    unsigned line;
    unsigned raw; /* index into the clang_tokenize array */
    enum CXTokenKind kind;
};

struct ecg_fnmetrics_tokens {
    CXTranslationUnit tu;
    CXToken *raw; /* owned; from clang_tokenize, disposed by _release */
    unsigned n_raw;
    struct ecg_fnmetrics_token *items; /* owned; comments left out */
    size_t len;
    size_t cap;
    CXFile file;      /* the file the tokens come from; NULL when there are none */
    const char *text; /* borrowed from the unit: the file's contents */
    size_t text_len;
    size_t *set;            /* owned; distinct spellings for Halstead: token index + 1, 0 empty */
    size_t set_cap;         /* slots allocated */
    size_t set_size;        /* slots in use for this function: a power of two */
    unsigned char *claimed; /* owned; per token: already counted as a written construct */
    size_t claimed_cap;
};

/* Tokenizes fn's extent (comments dropped). Returns 0 or ECG_ENOMEM; with no tokens (a
 * function produced whole by a macro) the list is empty and every lookup fails. */
int ecg_fnmetrics_tokens_load(struct ecg_fnmetrics_tokens *t, CXTranslationUnit tu, CXCursor fn);

/* Gives the clang_tokenize array back; lookups fail until the next load. */
void ecg_fnmetrics_tokens_release(struct ecg_fnmetrics_tokens *t);

void ecg_fnmetrics_tokens_fini(struct ecg_fnmetrics_tokens *t);

/* Index of the token written in the file exactly at loc, or -1 when loc is not a file
 * location of this function (it comes from a macro body or a macro argument). */
long ecg_fnmetrics_tokens_at(const struct ecg_fnmetrics_tokens *t, CXSourceLocation loc);

/* The operator or keyword between two operands, found as written in the file: the last
 * token before rhs begins, when it lies after lhs begins. -1 when there is none (it is
 * spelled in a macro body). *written is set when such a token was found: an operator
 * written inside a macro's arguments is written code too. */
long ecg_fnmetrics_tokens_between(const struct ecg_fnmetrics_tokens *t, CXCursor lhs, CXCursor rhs,
                                  int *written);

/* Marks token i as counted; returns 1 the first time, 0 after. A macro that repeats its
 * argument puts one written operator in the AST twice: it is counted once. */
int ecg_fnmetrics_tokens_claim(struct ecg_fnmetrics_tokens *t, long i);

/* Nonzero when token i is spelled exactly as text. */
int ecg_fnmetrics_tokens_is(const struct ecg_fnmetrics_tokens *t, long i, const char *text);

/* The source range of token i. */
CXSourceRange ecg_fnmetrics_tokens_range(const struct ecg_fnmetrics_tokens *t, long i);

/* '&' for &&, '|' for ||, else 0: the operator of a binary operator spelled in a macro
 * body, read from the macro's definition (libclang before 17 has no opcode API). */
int ecg_fnmetrics_tokens_spelled_logical(const struct ecg_fnmetrics_tokens *t, CXCursor lhs,
                                         CXCursor rhs);

/* Fills out's Halstead counts and volume, lines and code lines from the tokens and fn's
 * extent. Returns 0 or ECG_ENOMEM. */
int ecg_fnmetrics_tokens_halstead(struct ecg_fnmetrics_tokens *t, CXCursor fn,
                                  struct ecg_fn_metrics *out);

#endif
