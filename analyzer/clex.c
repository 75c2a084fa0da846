/* The C lexer of clex.h: identifiers, keywords, pp-numbers, character and string literals
 * with their prefixes, punctuators by longest match (digraphs included), comments and
 * directive lines skipped, backslash-newlines read as blanks between tokens. */
#include "analyzer/clex.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The keywords of each length, separated by one space; a lookup compares a word only with
 * the keywords of its own length. */
static const char *const keywords_by_length[] = {
    [2] = "do if",
    [3] = "asm for int",
    [4] = "auto case char else enum goto long void",
    [5] = "_Bool __asm break const float short union while",
    [6] = "__imag __real double extern inline return signed sizeof static struct switch typeof",
    [7] = "_Atomic __asm__ __const default typedef",
    [8] = "_Alignas _Alignof _Complex _Float16 _Generic _Nonnull __func__ __imag__ __inline "
          "__int128 __real__ __signed __thread __typeof continue register restrict unsigned "
          "volatile",
    [9] = "_Noreturn _Nullable __alignof __complex __const__ __label__",
    [10] = "_Imaginary __float128 __inline__ __restrict __signed__ __typeof__ __volatile",
    [11] = "__alignof__ __attribute __auto_type __complex__",
    [12] = "__FUNCTION__ __restrict__ __volatile__",
    [13] = "_Thread_local __attribute__ __extension__",
    [14] = "_Static_assert",
    [16] = "__builtin_va_arg",
    [17] = "_Null_unspecified",
    [18] = "__builtin_offsetof",
    [19] = "__PRETTY_FUNCTION__",
    [21] = "__builtin_choose_expr",
    [28] = "__builtin_types_compatible_p",
};

#define KEYWORD_MAX_LENGTH (sizeof(keywords_by_length) / sizeof(keywords_by_length[0]) - 1)

/* Nonzero when a word of this length and first character could be a keyword: keywords
 * start with a lowercase letter or an underscore. */
static int may_be_keyword(const char *text, size_t len)
{
    if (len < 2 || len > KEYWORD_MAX_LENGTH)
        return 0;
    return (text[0] >= 'a' && text[0] <= 'w') || text[0] == '_';
}

int ecg_clex_is_keyword(const char *text, size_t len)
{
    const char *k;

    if (!may_be_keyword(text, len))
        return 0;
    k = keywords_by_length[len];
    if (k == NULL)
        return 0;
    for (;; k += len + 1) {
        if (k[0] == text[0] && memcmp(k, text, len) == 0)
            return 1;
        if (k[len] == '\0')
            return 0;
    }
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
    return ((unsigned)c | 32u) - 'a' < 26u || (unsigned)c - '0' < 10u || c == '_' || c == '$' ||
           c >= 0x80;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Skips a block comment from its opening, counting the lines it spans. */
static void skip_block_comment(struct ecg_clex *lx)
{
    const char *s = lx->text;
    size_t pos = lx->pos + 2;
    size_t end = lx->end;
    unsigned lines = 0;

    while (pos < end && !(s[pos] == '*' && pos + 1 < end && s[pos + 1] == '/')) {
        lines += s[pos] == '\n';
        pos++;
    }
    lx->line += lines;
    lx->pos = pos < end ? pos + 2 : end;
}

/* Skips a line comment up to the newline that ends it (one after a backslash goes on). */
static void skip_line_comment(struct ecg_clex *lx)
{
    const char *s = lx->text;
    size_t pos = lx->pos + 2;
    size_t end = lx->end;
    unsigned lines = 0;

    while (pos < end && !(s[pos] == '\n' && s[pos - 1] != '\\')) {
        lines += s[pos] == '\n';
        pos++;
    }
    lx->line += lines;
    lx->pos = pos;
}

/* Skips a comment starting at pos (after checking it is one). */
static void skip_comment(struct ecg_clex *lx)
{
    if (lx->text[lx->pos + 1] == '*')
        skip_block_comment(lx);
    else
        skip_line_comment(lx);
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
        int c = (unsigned char)lx->text[lx->pos];
        if (c == '\n') {
            lx->line++;
            lx->at_line_start = 1;
            lx->pos++;
        } else if (is_space(c)) {
            lx->pos++;
        } else if (c == '\\' && at_splice(lx)) {
            skip_splice(lx);
        } else if (c == '/' && at_comment(lx)) {
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
    const char *s = lx->text;
    size_t pos = lx->pos;

    while (pos < lx->end && is_ident_char((unsigned char)s[pos]))
        pos++;
    lx->pos = pos;
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
