/* The C lexer of clex.h: identifiers, keywords, pp-numbers, character and string literals
 * with their prefixes, punctuators by longest match (digraphs included), comments and
 * directive lines skipped, backslash-newlines read as blanks between tokens. */
#include "analyzer/clex.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Sorted (strcmp order) for bsearch. */
static const char *const keywords[] = {
    "_Alignas",
    "_Alignof",
    "_Atomic",
    "_Bool",
    "_Complex",
    "_Float16",
    "_Generic",
    "_Imaginary",
    "_Noreturn",
    "_Nonnull",
    "_Null_unspecified",
    "_Nullable",
    "_Static_assert",
    "_Thread_local",
    "__FUNCTION__",
    "__PRETTY_FUNCTION__",
    "__alignof",
    "__alignof__",
    "__asm",
    "__asm__",
    "__attribute",
    "__attribute__",
    "__auto_type",
    "__builtin_choose_expr",
    "__builtin_offsetof",
    "__builtin_types_compatible_p",
    "__builtin_va_arg",
    "__complex",
    "__complex__",
    "__const",
    "__const__",
    "__extension__",
    "__float128",
    "__func__",
    "__imag",
    "__imag__",
    "__inline",
    "__inline__",
    "__int128",
    "__label__",
    "__real",
    "__real__",
    "__restrict",
    "__restrict__",
    "__signed",
    "__signed__",
    "__thread",
    "__typeof",
    "__typeof__",
    "__volatile",
    "__volatile__",
    "asm",
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "typeof",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
};

struct word {
    const char *text;
    size_t len;
};

static int compare_word(const void *key, const void *item)
{
    const struct word *w = key;
    const char *k = *(const char *const *)item;
    int c = strncmp(w->text, k, w->len);

    if (c != 0)
        return c;
    return k[w->len] == '\0' ? 0 : -1;
}

int ecg_clex_is_keyword(const char *text, size_t len)
{
    struct word w = { text, len };

    /* Most identifiers are ruled out without a search: keywords are 2 to 28 characters and
     * start with a lowercase letter or an underscore. */
    if (len < 2 || len > 28 || !((text[0] >= 'a' && text[0] <= 'w') || text[0] == '_'))
        return 0;
    return bsearch(&w, keywords, sizeof(keywords) / sizeof(keywords[0]), sizeof(keywords[0]),
                   compare_word) != NULL;
}

void ecg_clex_init(struct ecg_clex *lx, const char *text, size_t begin, size_t end, unsigned line)
{
    lx->text = text;
    lx->pos = begin;
    lx->end = end;
    lx->line = line;
    /* A directive may start the text only if nothing but blanks precede it on its line. */
    while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t'))
        begin--;
    lx->at_line_start = begin == 0 || text[begin - 1] == '\n';
}

static int peek(const struct ecg_clex *lx, size_t ahead)
{
    return lx->pos + ahead < lx->end ? (unsigned char)lx->text[lx->pos + ahead] : -1;
}

static int is_ident_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c >= 0x80;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Skips a comment starting at pos (after checking it is one). */
static void skip_comment(struct ecg_clex *lx)
{
    int block = peek(lx, 1) == '*';

    lx->pos += 2;
    while (lx->pos < lx->end) {
        int c = peek(lx, 0);
        if (block && c == '*' && peek(lx, 1) == '/') {
            lx->pos += 2;
            return;
        }
        if (!block && c == '\n' && lx->text[lx->pos - 1] != '\\')
            return;
        if (c == '\n')
            lx->line++;
        lx->pos++;
    }
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int at_comment(const struct ecg_clex *lx)
{
    return peek(lx, 0) == '/' && (peek(lx, 1) == '/' || peek(lx, 1) == '*');
}

static int at_splice(const struct ecg_clex *lx)
{
    return peek(lx, 0) == '\\' && (peek(lx, 1) == '\n' || peek(lx, 1) == '\r');
}

/* Skips a backslash-newline: the logical line goes on. */
static void skip_splice(struct ecg_clex *lx)
{
    lx->pos++;
    if (peek(lx, 0) == '\r')
        lx->pos++;
    if (peek(lx, 0) == '\n') {
        lx->line++;
        lx->pos++;
    }
}

/* Skips blanks, newlines, backslash-newlines and comments; 1 when a token follows. */
static int skip_blanks(struct ecg_clex *lx)
{
    while (lx->pos < lx->end) {
        if (peek(lx, 0) == '\n') {
            lx->line++;
            lx->at_line_start = 1;
            lx->pos++;
        } else if (is_space(peek(lx, 0))) {
            lx->pos++;
        } else if (at_splice(lx)) {
            skip_splice(lx);
        } else if (at_comment(lx)) {
            skip_comment(lx);
        } else {
            return 1;
        }
    }
    return 0;
}

/* Skips a directive from its `#` to the end of its logical line. */
static void skip_directive(struct ecg_clex *lx)
{
    while (lx->pos < lx->end && peek(lx, 0) != '\n') {
        if (at_comment(lx))
            skip_comment(lx);
        else if (at_splice(lx))
            skip_splice(lx);
        else
            lx->pos++;
    }
}

static void lex_identifier(struct ecg_clex *lx)
{
    while (is_ident_char(peek(lx, 0)))
        lx->pos++;
}

/* Nonzero while a pp-number goes on: digits, letters, dots, digit separators, and signs
 * after an exponent letter. */
static int number_continues(const struct ecg_clex *lx)
{
    int c = peek(lx, 0);
    int prev = lx->text[lx->pos - 1];

    if (c == '+' || c == '-')
        return prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P';
    return is_ident_char(c) || c == '.' || (c == '\'' && is_ident_char(peek(lx, 1)));
}

static void lex_number(struct ecg_clex *lx)
{
    lx->pos++;
    while (number_continues(lx))
        lx->pos++;
}

/* A quoted literal from its opening quote; ends at the closing quote or the line's end. */
static void lex_quoted(struct ecg_clex *lx)
{
    int quote = peek(lx, 0);

    lx->pos++;
    while (lx->pos < lx->end) {
        int c = peek(lx, 0);
        if (c == '\\' && peek(lx, 1) != -1) {
            if (peek(lx, 1) == '\n')
                lx->line++;
            lx->pos += 2;
            continue;
        }
        if (c == '\n')
            return;
        lx->pos++;
        if (c == quote)
            return;
    }
}

/* Length of the prefix (L, u, U, u8) of a character or string literal at pos, or 0. */
static size_t literal_prefix(const struct ecg_clex *lx)
{
    int c = peek(lx, 0);
    size_t n = 0;

    if (c == 'L' || c == 'U')
        n = 1;
    else if (c == 'u')
        n = peek(lx, 1) == '8' ? 2 : 1;
    if (n == 0)
        return 0;
    return peek(lx, n) == '"' || peek(lx, n) == '\'' ? n : 0;
}

/* For each character that can start a two-character punctuator, the characters that can
 * follow it (digraphs included). */
static const char *const second_chars[UCHAR_MAX + 1] = {
    ['-'] = ">-=", ['+'] = "+=", ['&'] = "&=", ['|'] = "|=", ['<'] = "<=:%",
    ['>'] = ">=",  ['='] = "=",  ['!'] = "=",  ['*'] = "=",  ['/'] = "=",
    ['%'] = "=>:", ['^'] = "=",  ['#'] = "#",  [':'] = ">",
};

static int can_pair(int c, int d)
{
    return d > 0 && second_chars[c] != NULL && strchr(second_chars[c], d) != NULL;
}

/* The punctuators longer than two characters. */
static const char *const long_punctuators[] = { "%:%:", "<<=", ">>=", "..." };

/* Length of the punctuator of three or four characters at pos, or 0. */
static size_t long_punctuator(const struct ecg_clex *lx)
{
    size_t left = lx->end - lx->pos;

    if (peek(lx, 0) != '%' && peek(lx, 0) != '<' && peek(lx, 0) != '>' && peek(lx, 0) != '.')
        return 0;
    for (size_t i = 0; i < sizeof(long_punctuators) / sizeof(long_punctuators[0]); i++) {
        size_t n = strlen(long_punctuators[i]);
        if (n <= left && memcmp(lx->text + lx->pos, long_punctuators[i], n) == 0)
            return n;
    }
    return 0;
}

/* Longest punctuator at pos (1 for any other character). */
static size_t punctuator_length(const struct ecg_clex *lx)
{
    size_t n = long_punctuator(lx);

    if (n > 0)
        return n;
    return can_pair(peek(lx, 0), peek(lx, 1)) ? 2 : 1;
}

static enum ecg_clex_kind lex_token(struct ecg_clex *lx)
{
    int c = peek(lx, 0);
    size_t prefix = literal_prefix(lx);

    if (prefix > 0) {
        lx->pos += prefix;
        lex_quoted(lx);
        return ECG_CLEX_LITERAL;
    }
    if (c == '"' || c == '\'') {
        lex_quoted(lx);
        return ECG_CLEX_LITERAL;
    }
    if (is_digit(c) || (c == '.' && is_digit(peek(lx, 1)))) {
        lex_number(lx);
        return ECG_CLEX_LITERAL;
    }
    if (is_ident_char(c)) {
        size_t start = lx->pos;
        lex_identifier(lx);
        return ecg_clex_is_keyword(lx->text + start, lx->pos - start) ? ECG_CLEX_KEYWORD
                                                                      : ECG_CLEX_IDENT;
    }
    lx->pos += punctuator_length(lx);
    return ECG_CLEX_PUNCT;
}

int ecg_clex_next(struct ecg_clex *lx, struct ecg_clex_token *out)
{
    while (skip_blanks(lx)) {
        size_t start = lx->pos;
        unsigned line = lx->line;
        int first_on_line = lx->at_line_start;

        lx->at_line_start = 0;
        if (first_on_line && (peek(lx, 0) == '#' || (peek(lx, 0) == '%' && peek(lx, 1) == ':'))) {
            skip_directive(lx);
            continue;
        }
        out->kind = lex_token(lx);
        out->offset = (unsigned)start;
        out->length = (unsigned)(lx->pos - start);
        out->line = line;
        return 1;
    }
    return 0;
}
