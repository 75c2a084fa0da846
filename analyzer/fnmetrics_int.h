/* The tokens of the function being measured, shared by the metrics collector
 * (analyzer/fnmetrics.c) and its token helpers (analyzer/fnmetrics_tokens.c): Halstead
 * counts, lines, and finding operators and keywords that libclang gives no location for.
 * Private to those two files. */
#ifndef ECG_ANALYZER_FNMETRICS_INT_H
#define ECG_ANALYZER_FNMETRICS_INT_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/fnmetrics.h"

/* One token of the function's code as written: comments, directive lines and the branches
 * of #if the build compiles out are left out; file order. */
struct ecg_fnmetrics_token {
    unsigned offset; /* in the function's file, bytes */
    unsigned length; /* bytes, as spelled */
    unsigned line;
    enum CXTokenKind kind; /* punctuation, keyword, identifier or literal */
};

/* A slot of the set of distinct spellings: a spelling of at most 16 bytes is held whole in
 * words (zero-padded), a longer one by its first and last eight bytes and its token. */
struct ecg_fnmetrics_spelling {
    uint64_t words[2];
    uint32_t class_length; /* operator bit (31) | length */
    uint32_t token;        /* the first token spelled so */
    uint32_t stamp;        /* the slot is in use when this is the set's stamp */
};

/* Claims on a token, so a macro that repeats its argument counts a written token once. */
#define ECG_FNM_CLAIM_STATEMENT 1u /* the first token of a written statement */
#define ECG_FNM_CLAIM_CONSTRUCT 2u /* the keyword or operator of a written construct */

struct ecg_fnmetrics_tokens {
    CXTranslationUnit tu;
    struct ecg_fnmetrics_token *items; /* owned */
    size_t len;
    size_t cap;
    CXFile file;      /* the file the tokens come from; NULL when there are none */
    const char *text; /* borrowed from the unit: the file's contents */
    size_t text_len;
    unsigned decisions;  /* if, for, while, case, &&, ||, ? among the tokens */
    unsigned first_line; /* the function's first and last lines, from its extent */
    unsigned last_line;
    CXFile skipped_file; /* the file skipped[] describes (the last one loaded) */
    unsigned *skipped;   /* owned; [begin, end) offset pairs of skipped #if branches */
    size_t n_skipped;    /* pairs */
    size_t skipped_cap;  /* pairs allocated */
    struct ecg_fnmetrics_spelling *set; /* owned; distinct spellings for Halstead */
    size_t set_cap;                     /* slots allocated */
    size_t set_size;                    /* slots in use for this function: a power of two */
    uint32_t set_stamp;     /* this function's stamp: emptying the set is one increment */
    unsigned char *claimed; /* owned; per token: ECG_FNM_CLAIM_* bits */
    size_t claimed_cap;
};

/* Lexes fn's code from the file libclang read (see struct ecg_fnmetrics_token). Returns 0
 * or ECG_ENOMEM; a function whose text cannot be found has no tokens, and every lookup
 * fails. */
int ecg_fnmetrics_tokens_load(struct ecg_fnmetrics_tokens *t, CXTranslationUnit tu, CXCursor fn);

/* Forgets the function's tokens; lookups fail until the next load. */
void ecg_fnmetrics_tokens_release(struct ecg_fnmetrics_tokens *t);

void ecg_fnmetrics_tokens_fini(struct ecg_fnmetrics_tokens *t);

/* The offset of loc in the function's file, as written: a location in a macro's arguments
 * is where the argument is spelled, one in a macro's body is the macro's name. Zero when
 * loc is not in the function's file. */
int ecg_fnmetrics_tokens_offset(const struct ecg_fnmetrics_tokens *t, CXSourceLocation loc,
                                unsigned *offset);

/* Index of the token starting at offset, or -1. */
long ecg_fnmetrics_tokens_index(const struct ecg_fnmetrics_tokens *t, unsigned offset);

/* Index of the token at the cursor's location when it is spelled as text (a construct's
 * keyword, a called name), or -1: then the construct comes from a macro's body. */
long ecg_fnmetrics_tokens_keyword(const struct ecg_fnmetrics_tokens *t, CXCursor cursor,
                                  const char *text);

/* Index of the token where a statement is written: its first token, or for a statement a
 * macro invocation expands to (or holds in its arguments), the macro's name; -1 when there
 * is none. Claimed by the first statement there, it makes the invocation one statement. */
long ecg_fnmetrics_tokens_statement(const struct ecg_fnmetrics_tokens *t, CXCursor stmt);

/* The operator or keyword written just before operand, the operand of a construct that
 * begins at file offset parent: the token before the operand's first token, when that
 * token is written in the file after parent. -1 otherwise (the operand, or the operator,
 * comes from a macro's body). */
long ecg_fnmetrics_tokens_before(const struct ecg_fnmetrics_tokens *t, unsigned parent,
                                 CXCursor operand);

/* Sets the claim bit on token i; returns 1 the first time, 0 after (or for no token). */
int ecg_fnmetrics_tokens_claim(struct ecg_fnmetrics_tokens *t, long i, unsigned bit);

/* Nonzero when token i is spelled exactly as text. */
int ecg_fnmetrics_tokens_is(const struct ecg_fnmetrics_tokens *t, long i, const char *text);

/* The place of token i, for the construct cursor. */
struct ecg_fn_place ecg_fnmetrics_tokens_place(const struct ecg_fnmetrics_tokens *t, long i,
                                               CXCursor cursor);

/* '&' for &&, '|' for ||, else 0: the operator of a binary operator spelled in a macro
 * body, read from the macro's definition (libclang before 17 has no opcode API). */
int ecg_fnmetrics_tokens_spelled_logical(const struct ecg_fnmetrics_tokens *t, CXCursor lhs,
                                         CXCursor rhs);

/* Fills out's Halstead counts and volume, lines and code lines from the tokens and the
 * lines the load read from the function's extent. Returns 0 or ECG_ENOMEM. */
int ecg_fnmetrics_tokens_halstead(struct ecg_fnmetrics_tokens *t, struct ecg_fn_metrics *out);

#endif
