/* Unit tests for the C lexer the metrics read functions with (analyzer/clex.c): token kinds
 * and extents, comments and directive lines left out, literals with prefixes, pp-numbers,
 * longest-match punctuators and digraphs, and line numbers across continuations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/clex.h"

#define MAX_TOKENS 64

struct lexed {
    struct ecg_clex_token items[MAX_TOKENS];
    char text[MAX_TOKENS][32];
    size_t n;
};

static void lex_all(struct lexed *out, const char *text)
{
    struct ecg_clex lx;
    struct ecg_clex_token tok;

    memset(out, 0, sizeof(*out));
    ecg_clex_init(&lx, text, 0, strlen(text), 1);
    while (ecg_clex_next(&lx, &tok)) {
        assert_true(out->n < MAX_TOKENS);
        out->items[out->n] = tok;
        snprintf(out->text[out->n], sizeof(out->text[out->n]), "%.*s", (int)tok.length,
                 text + tok.offset);
        out->n++;
    }
}

static void test_clex_kinds_and_spellings(void **state)
{
    struct lexed l;

    (void)state;
    lex_all(&l, "static int f(int a) { return a+=0x1Fu; }");
    assert_int_equal(l.n, 14);
    assert_string_equal(l.text[0], "static");
    assert_int_equal(l.items[0].kind, ECG_CLEX_KEYWORD);
    assert_string_equal(l.text[2], "f");
    assert_int_equal(l.items[2].kind, ECG_CLEX_IDENT);
    assert_string_equal(l.text[10], "+=");
    assert_int_equal(l.items[10].kind, ECG_CLEX_PUNCT);
    assert_string_equal(l.text[11], "0x1Fu");
    assert_int_equal(l.items[11].kind, ECG_CLEX_LITERAL);
}

static void test_clex_comments_and_directives_are_not_tokens(void **state)
{
    struct lexed l;

    (void)state;
    lex_all(&l, "a /* b\n c */ d // e\n"
                "  #if X && \\\n Y\n"
                "f\n"
                "#define G(x) \\\n  ((x) || 1)\n"
                "g # h\n");
    assert_int_equal(l.n, 6);
    assert_string_equal(l.text[0], "a");
    assert_string_equal(l.text[1], "d");
    assert_string_equal(l.text[2], "f");
    assert_int_equal(l.items[2].line, 5);
    /* A # that does not start a line is a token (as in a macro body). */
    assert_string_equal(l.text[3], "g");
    assert_string_equal(l.text[4], "#");
    assert_string_equal(l.text[5], "h");
    assert_int_equal(l.items[5].line, 8);
}

static void test_clex_literals_with_prefixes_and_escapes(void **state)
{
    struct lexed l;

    (void)state;
    lex_all(&l, "L\"w\" u8\"x\\\"y\" U'z' '\\'' \"a//b\" u v 1e+5 .5f 1.e-3L 0x1p-2");
    assert_int_equal(l.n, 11);
    assert_string_equal(l.text[0], "L\"w\"");
    assert_string_equal(l.text[1], "u8\"x\\\"y\"");
    assert_string_equal(l.text[2], "U'z'");
    assert_string_equal(l.text[3], "'\\''");
    assert_string_equal(l.text[4], "\"a//b\"");
    assert_int_equal(l.items[5].kind, ECG_CLEX_IDENT);
    assert_string_equal(l.text[7], "1e+5");
    assert_string_equal(l.text[8], ".5f");
    assert_string_equal(l.text[9], "1.e-3L");
    assert_string_equal(l.text[10], "0x1p-2");
    for (size_t i = 7; i < 11; i++)
        assert_int_equal(l.items[i].kind, ECG_CLEX_LITERAL);
}

static void test_clex_longest_match_punctuators(void **state)
{
    struct lexed l;
    static const char *const want[] = { "a",  "<<=", "b",  ">>",   "c",  "...", "->", "&&",
                                        "||", "<:",  ":>", "%:%:", "++", "+",   "-=", "!=" };

    (void)state;
    lex_all(&l, "a<<=b>>c...->&&||<::>%:%:+++-=!=");
    assert_int_equal(l.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < l.n; i++)
        assert_string_equal(l.text[i], want[i]);
}

static void test_clex_keywords_include_gnu_spellings(void **state)
{
    (void)state;
    assert_true(ecg_clex_is_keyword("while", 5));
    assert_true(ecg_clex_is_keyword("_Static_assert", 14));
    assert_true(ecg_clex_is_keyword("__attribute__", 13));
    assert_true(ecg_clex_is_keyword("__typeof__", 10));
    assert_false(ecg_clex_is_keyword("whiles", 6));
    assert_false(ecg_clex_is_keyword("whi", 3));
    assert_false(ecg_clex_is_keyword("class", 5));
    assert_false(ecg_clex_is_keyword("Int", 3));
    /* Only the first len characters are read. */
    assert_true(ecg_clex_is_keyword("ifdef", 2));
}

/* Every keyword of clex.c, separated by one space, for the test below. */
static const char all_keywords[] =
    "do if asm for int auto case char else enum goto long void _Bool __asm break const "
    "float short union while __imag __real double extern inline return signed sizeof "
    "static struct switch typeof _Atomic __asm__ __const default typedef _Alignas "
    "_Alignof _Complex _Float16 _Generic _Nonnull __func__ __imag__ __inline __int128 "
    "__real__ __signed __thread __typeof continue register restrict unsigned volatile "
    "_Noreturn _Nullable __alignof __complex __const__ __label__ _Imaginary __float128 "
    "__inline__ __restrict __signed__ __typeof__ __volatile __alignof__ __attribute "
    "__auto_type __complex__ __FUNCTION__ __restrict__ __volatile__ _Thread_local "
    "__attribute__ __extension__ _Static_assert __builtin_va_arg _Null_unspecified "
    "__builtin_offsetof __PRETTY_FUNCTION__ __builtin_choose_expr "
    "__builtin_types_compatible_p";

/* Every keyword passes the filter on its length and first letter; words of a keyword's
 * length and letter that are not keywords do not. */
static void test_clex_every_keyword_is_found(void **state)
{
    (void)state;
    for (const char *k = all_keywords; *k != '\0';) {
        size_t len = strcspn(k, " ");
        assert_true(ecg_clex_is_keyword(k, len));
        k += k[len] == ' ' ? len + 1 : len;
    }
    assert_false(ecg_clex_is_keyword("dx", 2));
    assert_false(ecg_clex_is_keyword("pParse", 6));
    assert_false(ecg_clex_is_keyword("_Boo", 4));
    assert_false(ecg_clex_is_keyword("zzzz", 4));
    assert_false(ecg_clex_is_keyword("__builtin_types_compatible_q", 28));
}

/* Block comments: stars inside, a star just before the end, lines counted across them. */
static void test_clex_block_comments_count_lines(void **state)
{
    struct lexed l;

    (void)state;
    lex_all(&l, "a /* one * two\n** three\n*/ b /**/ c /***/ d\n/* x\n\n **/e");
    assert_int_equal(l.n, 5);
    assert_string_equal(l.text[1], "b");
    assert_int_equal(l.items[1].line, 3);
    assert_string_equal(l.text[3], "d");
    assert_int_equal(l.items[3].line, 3);
    assert_string_equal(l.text[4], "e");
    assert_int_equal(l.items[4].line, 6);
    lex_all(&l, "x /* ends with a star *");
    assert_int_equal(l.n, 1);
}

/* Unterminated constructs end at the text's end without reading past it. */
static void test_clex_unterminated_input(void **state)
{
    struct lexed l;

    (void)state;
    lex_all(&l, "x \"open\ny /* never closed");
    assert_int_equal(l.n, 3);
    assert_string_equal(l.text[1], "\"open");
    assert_string_equal(l.text[2], "y");
    lex_all(&l, "#define A \\");
    assert_int_equal(l.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clex_kinds_and_spellings),
        cmocka_unit_test(test_clex_comments_and_directives_are_not_tokens),
        cmocka_unit_test(test_clex_literals_with_prefixes_and_escapes),
        cmocka_unit_test(test_clex_longest_match_punctuators),
        cmocka_unit_test(test_clex_keywords_include_gnu_spellings),
        cmocka_unit_test(test_clex_every_keyword_is_found),
        cmocka_unit_test(test_clex_block_comments_count_lines),
        cmocka_unit_test(test_clex_unterminated_input),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
