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

/* For each length, the first characters of its keywords: bit c - 'a' for a lowercase
 * letter, bit 26 for '_'. Most identifiers are turned away by this alone. */
static const unsigned long keyword_starts[] = {
    0x0000000, 0x0000000, 0x0000108, 0x0000121, 0x0200855, 0x4540026, 0x40e0118, 0x4080008,
    0x4320004, 0x4000000, 0x4000000, 0x4000000, 0x4000000, 0x4000000, 0x4000000, 0x0000000,
    0x4000000, 0x4000000, 0x4000000, 0x4000000, 0x0000000, 0x4000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x4000000,
};

#define KEYWORD_MAX_LENGTH (sizeof(keywords_by_length) / sizeof(keywords_by_length[0]) - 1)

/* Nonzero when a word of this length and first character could be a keyword. */
static int may_be_keyword(const char *text, size_t len)
{
    unsigned bit;

    if (len < 2 || len > KEYWORD_MAX_LENGTH)
        return 0;
    if (text[0] == '_')
        bit = 26;
    else if (text[0] >= 'a' && text[0] <= 'z')
        bit = (unsigned)(text[0] - 'a');
    else
        return 0;
    return (keyword_starts[len] >> bit & 1u) != 0;
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

/* Character classes, one table lookup per character on the hot paths. */
#define CC_SPACE 1u /* blanks other than newline: space, \t, \v, \f, \r */
#define CC_IDENT 2u /* may continue an identifier: letters, digits, _, $ and bytes >= 0x80 */
#define CC_DIGIT 4u

static const unsigned char char_class[UCHAR_MAX + 1] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, /* 0x00: \t \v \f \r */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: space, $ */
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0, 0, 0, /* 0x30: digits */
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x40: A-O */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2, /* 0x50: P-Z, _ */
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x60: a-o */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, /* 0x70: p-z */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x80-0xff: UTF-8 bytes */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* c is a character or -1 (past the end). */
static int is_ident_char(int c)
{
    return c >= 0 && (char_class[c] & CC_IDENT) != 0;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* The newlines in text[begin, end). */
static unsigned count_newlines(const char *text, size_t begin, size_t end)
{
    unsigned n = 0;
    const char *p = text + begin;
    const char *stop = text + end;

    while (p < stop) {
        p = memchr(p, '\n', (size_t)(stop - p));
        if (p == NULL)
            break;
        n++;
        p++;
    }
    return n;
}

/* Skips a block comment from its opening, counting the lines it spans. The closing is looked
 * for with memchr, which reads a long comment many bytes at a time. */
static void skip_block_comment(struct ecg_clex *lx)
{
    const char *s = lx->text;
    size_t pos = lx->pos + 2;
    size_t end = lx->end;

    while (pos < end) {
        const char *star = memchr(s + pos, '*', end - pos);
        if (star == NULL) {
            pos = end;
            break;
        }
        pos = (size_t)(star - s);
        if (pos + 1 < end && s[pos + 1] == '/')
            break;
        pos++;
    }
    lx->line += count_newlines(s, lx->pos + 2, pos < end ? pos : end);
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

/* Skips a backslash-newline or a comment at lx->pos; zero when there is none there. */
static int skip_splice_or_comment(struct ecg_clex *lx)
{
    if (at_splice(lx)) {
        skip_splice(lx);
        return 1;
    }
    if (at_comment(lx)) {
        skip_comment(lx);
        return 1;
    }
    return 0;
}

/* Skips blanks, newlines, backslash-newlines and comments; 1 when a token follows. */
static int skip_blanks(struct ecg_clex *lx)
{
    const unsigned char *s = (const unsigned char *)lx->text;
    size_t pos = lx->pos;
    size_t end = lx->end;

    /* pos is kept in a local: the text is read through a char pointer, which may alias lx */
    while (pos < end) {
        unsigned c = s[pos];
        if ((char_class[c] & CC_SPACE) != 0) {
            pos++;
            continue;
        }
        if (c == '\n') {
            lx->line++;
            lx->at_line_start = 1;
            pos++;
            continue;
        }
        lx->pos = pos;
        if ((c != '\\' && c != '/') || !skip_splice_or_comment(lx))
            return 1;
        pos = lx->pos;
    }
    lx->pos = pos;
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

    while (pos < lx->end && (char_class[(unsigned char)s[pos]] & CC_IDENT) != 0)
        pos++;
    lx->pos = pos;
}

/* Nonzero while a pp-number goes on at s[pos] (pos < end): digits, letters, dots, digit
 * separators, and signs after an exponent letter. */
static int is_exponent_letter(unsigned c)
{
    return c == 'e' || c == 'E' || c == 'p' || c == 'P';
}

static int number_continues(const unsigned char *s, size_t pos, size_t end)
{
    unsigned c = s[pos];

    if ((char_class[c] & CC_IDENT) != 0 || c == '.')
        return 1;
    if (c == '+' || c == '-')
        return is_exponent_letter(s[pos - 1]);
    return c == '\'' && pos + 1 < end && (char_class[s[pos + 1]] & CC_IDENT) != 0;
}

static void lex_number(struct ecg_clex *lx)
{
    const unsigned char *s = (const unsigned char *)lx->text;
    size_t pos = lx->pos + 1;

    while (pos < lx->end && number_continues(s, pos, lx->end))
        pos++;
    lx->pos = pos;
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
    const char *next = second_chars[c];

    if (d <= 0 || next == NULL)
        return 0;
    while (*next != '\0' && *next != d)
        next++;
    return *next != '\0';
}

/* The punctuators longer than two characters. */
static const char *const long_punctuators[] = { "%:%:", "<<=", ">>=", "..." };

/* Length of the punctuator of three or four characters at pos, or 0. */
static size_t long_punctuator(const struct ecg_clex *lx)
{
    size_t left = lx->end - lx->pos;
    int c = peek(lx, 0);

    if (c != '%' && c != '<' && c != '>' && c != '.')
        return 0;
    for (size_t i = 0; i < sizeof(long_punctuators) / sizeof(long_punctuators[0]); i++) {
        size_t n = strlen(long_punctuators[i]);
        if (long_punctuators[i][0] == c && n <= left &&
            memcmp(lx->text + lx->pos, long_punctuators[i], n) == 0)
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

/* A token that starts with an identifier character: a number, a prefixed literal, a
 * keyword or an identifier. */
static enum ecg_clex_kind lex_word(struct ecg_clex *lx, int c)
{
    size_t start = lx->pos;
    size_t prefix;

    if ((char_class[c] & CC_DIGIT) != 0) {
        lex_number(lx);
        return ECG_CLEX_LITERAL;
    }
    prefix = c == 'L' || c == 'U' || c == 'u' ? literal_prefix(lx) : 0;
    if (prefix > 0) {
        lx->pos += prefix;
        lex_quoted(lx);
        return ECG_CLEX_LITERAL;
    }
    lex_identifier(lx);
    return ecg_clex_is_keyword(lx->text + start, lx->pos - start) ? ECG_CLEX_KEYWORD
                                                                  : ECG_CLEX_IDENT;
}

static enum ecg_clex_kind lex_token(struct ecg_clex *lx)
{
    int c = peek(lx, 0);

    if (is_ident_char(c))
        return lex_word(lx, c);
    if (c == '"' || c == '\'') {
        lex_quoted(lx);
        return ECG_CLEX_LITERAL;
    }
    if (c == '.' && is_digit(peek(lx, 1))) {
        lex_number(lx);
        return ECG_CLEX_LITERAL;
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
