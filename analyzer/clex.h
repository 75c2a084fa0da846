/* A lexer for C source text as written, before preprocessing: the tokens a reader sees,
 * with comments and preprocessor directive lines left out. The metrics read a function's
 * tokens with it straight from the buffer libclang parsed, which costs far less than
 * asking libclang for every token's kind and extent. */
#ifndef ECG_ANALYZER_CLEX_H
#define ECG_ANALYZER_CLEX_H

#include <stddef.h>

enum ecg_clex_kind {
    ECG_CLEX_PUNCT,   /* operators and punctuators, and any stray character */
    ECG_CLEX_KEYWORD, /* C keywords as clang reads C, GNU spellings included */
    ECG_CLEX_IDENT,
    ECG_CLEX_LITERAL, /* numbers, character constants, string literals */
};

struct ecg_clex_token {
    unsigned offset; /* bytes from the start of the text */
    unsigned length;
    unsigned line; /* 1-based, counted from the line given to ecg_clex_init */
    enum ecg_clex_kind kind;
};

struct ecg_clex {
    const char *text;
    size_t pos;
    size_t end;
    unsigned line;
    int at_line_start; /* only blanks and comments since the last newline */
};

/* Lexes text[begin, end); line is the line number of text[begin]. begin must not lie inside
 * a comment, a literal or a directive. */
void ecg_clex_init(struct ecg_clex *lx, const char *text, size_t begin, size_t end, unsigned line);

/* The next token into *out; 0 when the text is exhausted. A `#` that starts a line starts a
 * directive: the whole logical line is skipped. */
int ecg_clex_next(struct ecg_clex *lx, struct ecg_clex_token *out);

/* Nonzero when text[0, len) is a keyword of C (C11 and the GNU spellings clang accepts). */
int ecg_clex_is_keyword(const char *text, size_t len);

#endif
