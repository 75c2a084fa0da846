/* Expression helpers for rules; see expr.h. */
#include "rules/support/expr.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static enum CXChildVisitResult take_first(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = cursor;
    return CXChildVisit_Break;
}

CXCursor rule_expr_first_child(CXCursor cursor)
{
    CXCursor child = clang_getNullCursor();

    clang_visitChildren(cursor, take_first, &child);
    return child;
}

CXCursor rule_expr_strip(CXCursor expr)
{
    /* Bounded by the nesting of casts and parentheses written around one operand. */
    for (;;) {
        enum CXCursorKind kind = clang_getCursorKind(expr);
        CXCursor child;
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr)
            return expr;
        child = rule_expr_first_child(expr);
        if (clang_Cursor_isNull(child))
            return expr;
        expr = child;
    }
}

CXCursor rule_expr_callee(CXCursor call)
{
    CXCursor callee = rule_expr_strip(rule_expr_first_child(call));

    if (clang_getCursorKind(callee) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    return callee;
}

long long rule_expr_array_size(CXCursor expr)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(rule_expr_strip(expr)));

    if (type.kind != CXType_ConstantArray)
        return -1;
    return clang_getArraySize(type);
}

/* The value of a hexadecimal escape, *p at its first digit; advances *p past the digits.
 * Only the low byte is kept, as a char holds no more. */
static int unescape_hex(const char **p)
{
    int value = 0;

    for (; isxdigit((unsigned char)**p); (*p)++) {
        int digit = isdigit((unsigned char)**p) ? **p - '0' : tolower(**p) - 'a' + 10;
        value = (value * 16 + digit) & 0xff;
    }
    return value;
}

/* The value of an octal escape of up to three digits at *p, or else of the character at *p
 * itself (an unknown escape); advances *p past what it read. */
static int unescape_octal_or_char(const char **p)
{
    int value = 0, digits = 0;

    for (; digits < 3 && **p >= '0' && **p <= '7'; digits++, (*p)++)
        value = value * 8 + (**p - '0');
    return digits > 0 ? value & 0xff : *(*p)++;
}

/* The value of one escape sequence at *p (just after the backslash); advances *p. */
static int unescape_one(const char **p)
{
    static const char simple_from[] = "abfnrtv\\'\"?";
    static const char simple_to[] = "\a\b\f\n\r\t\v\\'\"?";
    const char *hit = strchr(simple_from, **p);

    if (hit != NULL && **p != '\0') {
        (*p)++;
        return simple_to[hit - simple_from];
    }
    if (**p == 'x') {
        (*p)++;
        return unescape_hex(p);
    }
    return unescape_octal_or_char(p);
}

/* Decodes a literal as libclang spells it (the value, re-quoted and escaped) into buf;
 * stops at the first NUL of the value, as the string functions would. */
static int decode_literal(const char *spelling, char *buf, size_t size)
{
    const char *p = spelling;
    size_t n = 0;

    if (strncmp(p, "u8\"", 3) == 0)
        p += 2;
    if (*p != '"' || size == 0)
        return 0;
    for (p++; *p != '\0' && *p != '"' && n + 1 < size;) {
        int c;
        if (*p == '\\') {
            p++;
            c = unescape_one(&p);
        } else {
            c = *p++;
        }
        if (c == 0)
            break;
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    return 1;
}

int rule_expr_string_value(CXCursor expr, char *buf, size_t size)
{
    CXCursor lit = rule_expr_strip(expr);
    CXString spelling;
    int ok;

    if (clang_getCursorKind(lit) != CXCursor_StringLiteral)
        return 0;
    spelling = clang_getCursorSpelling(lit);
    ok = decode_literal(clang_getCString(spelling), buf, size);
    clang_disposeString(spelling);
    return ok;
}

int rule_expr_string_literal(CXCursor expr, size_t *out_len)
{
    char value[4096];

    if (!rule_expr_string_value(expr, value, sizeof(value)))
        return 0;
    *out_len = strlen(value);
    return *out_len + 1 < sizeof(value);
}
