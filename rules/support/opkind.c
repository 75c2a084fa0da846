/* Operator kinds; see opkind.h. */
#include "rules/support/opkind.h"

#include <string.h>

struct ok_children {
    CXCursor items[2];
    unsigned n;
};

static enum CXChildVisitResult ok_collect(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct ok_children *c = data;

    (void)parent;
    if (c->n < 2)
        c->items[c->n] = cursor;
    c->n++;
    return c->n > 2 ? CXChildVisit_Break : CXChildVisit_Continue;
}

int rule_opkind_operands(CXCursor op, CXCursor out[2])
{
    struct ok_children c;

    c.n = 0;
    clang_visitChildren(op, ok_collect, &c);
    if (c.n != 2)
        return 0;
    out[0] = c.items[0];
    out[1] = c.items[1];
    return 1;
}

struct ok_spelling {
    const char *text;
    enum rule_opkind kind;
};

static const struct ok_spelling ok_spellings[] = {
    { "=", RULE_OPKIND_ASSIGN }, { "==", RULE_OPKIND_EQ },   { "!=", RULE_OPKIND_NE },
    { "&&", RULE_OPKIND_LAND },  { "||", RULE_OPKIND_LOR },  { ",", RULE_OPKIND_COMMA },
    { "!", RULE_OPKIND_NOT },    { "*", RULE_OPKIND_DEREF }, { "&", RULE_OPKIND_ADDR },
};

/* The kind of an operator written as text; other_kind for any other operator. */
static enum rule_opkind ok_from_text(const char *text, enum rule_opkind other_kind)
{
    for (size_t i = 0; i < sizeof(ok_spellings) / sizeof(ok_spellings[0]); i++) {
        if (strcmp(text, ok_spellings[i].text) == 0)
            return ok_spellings[i].kind;
    }
    return other_kind;
}

#if CINDEX_VERSION_MINOR >= 64
static enum rule_opkind ok_from_spelling(CXString s, enum rule_opkind other_kind)
{
    const char *text = clang_getCString(s);
    enum rule_opkind kind = text != NULL ? ok_from_text(text, other_kind) : RULE_OPKIND_UNKNOWN;

    clang_disposeString(s);
    return kind;
}

enum rule_opkind rule_opkind_binary(CXTranslationUnit tu, CXCursor op)
{
    enum CXBinaryOperatorKind kind;

    (void)tu;
    if (clang_getCursorKind(op) != CXCursor_BinaryOperator)
        return RULE_OPKIND_UNKNOWN;
    kind = clang_getCursorBinaryOperatorKind(op);
    if (kind == CXBinaryOperator_Invalid)
        return RULE_OPKIND_UNKNOWN;
    return ok_from_spelling(clang_getBinaryOperatorKindSpelling(kind), RULE_OPKIND_OTHER_BINARY);
}

enum rule_opkind rule_opkind_unary(CXTranslationUnit tu, CXCursor op)
{
    enum CXUnaryOperatorKind kind;

    (void)tu;
    if (clang_getCursorKind(op) != CXCursor_UnaryOperator)
        return RULE_OPKIND_UNKNOWN;
    kind = clang_getCursorUnaryOperatorKind(op);
    if (kind == CXUnaryOperator_Invalid)
        return RULE_OPKIND_UNKNOWN;
    return ok_from_spelling(clang_getUnaryOperatorKindSpelling(kind), RULE_OPKIND_OTHER_UNARY);
}
#else
/* The file offset of loc where it is written (a macro argument's own text), with its file. */
static unsigned ok_offset(CXSourceLocation loc, CXFile *file)
{
    unsigned offset = 0;

    clang_getFileLocation(loc, file, NULL, NULL, &offset);
    return offset;
}

/* The kind of the first token in [from, to) when it is punctuation written between them. */
static enum rule_opkind ok_first_token(CXTranslationUnit tu, CXSourceLocation from,
                                       CXSourceLocation to, enum rule_opkind other_kind)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    CXFile f_from, f_to, f_tok;
    unsigned o_from = ok_offset(from, &f_from), o_to = ok_offset(to, &f_to), o_tok;
    enum rule_opkind kind = RULE_OPKIND_UNKNOWN;

    if (f_from == NULL || !clang_File_isEqual(f_from, f_to) || o_from >= o_to)
        return RULE_OPKIND_UNKNOWN;
    /* plain file locations: a range ending inside a macro expansion yields no tokens */
    from = clang_getLocationForOffset(tu, f_from, o_from);
    to = clang_getLocationForOffset(tu, f_from, o_to);
    clang_tokenize(tu, clang_getRange(from, to), &toks, &n);
    if (n > 0 && clang_getTokenKind(toks[0]) == CXToken_Punctuation) {
        o_tok = ok_offset(clang_getTokenLocation(tu, toks[0]), &f_tok);
        if (clang_File_isEqual(f_tok, f_from) && o_tok >= o_from && o_tok < o_to) {
            CXString s = clang_getTokenSpelling(tu, toks[0]);
            kind = ok_from_text(clang_getCString(s), other_kind);
            clang_disposeString(s);
        }
    }
    clang_disposeTokens(tu, toks, n);
    return kind;
}

enum rule_opkind rule_opkind_binary(CXTranslationUnit tu, CXCursor op)
{
    CXCursor operands[2];

    if (clang_getCursorKind(op) != CXCursor_BinaryOperator || !rule_opkind_operands(op, operands))
        return RULE_OPKIND_UNKNOWN;
    return ok_first_token(tu, clang_getRangeEnd(clang_getCursorExtent(operands[0])),
                          clang_getRangeStart(clang_getCursorExtent(operands[1])),
                          RULE_OPKIND_OTHER_BINARY);
}

/* Pointer operands decide by type: *p has the pointee's type, &x a pointer to x's type,
 * !p is an int (so *p and !p of an int pointer need the token). */
static enum rule_opkind ok_unary_by_type(CXType result, CXType operand)
{
    CXType pointee = clang_getPointeeType(operand);
    CXType result_pointee = clang_getPointeeType(result);

    if (result_pointee.kind != CXType_Invalid &&
        clang_equalTypes(clang_getCanonicalType(result_pointee), operand))
        return RULE_OPKIND_ADDR;
    if (operand.kind != CXType_Pointer)
        return RULE_OPKIND_UNKNOWN;
    if (result.kind == CXType_Int)
        return pointee.kind == CXType_Int ? RULE_OPKIND_UNKNOWN : RULE_OPKIND_NOT; /* *p or !p */
    if (clang_equalTypes(clang_getCanonicalType(pointee), result))
        return RULE_OPKIND_DEREF;
    return RULE_OPKIND_OTHER_UNARY;
}

enum rule_opkind rule_opkind_unary(CXTranslationUnit tu, CXCursor op)
{
    CXCursor operands[2] = { clang_getNullCursor(), clang_getNullCursor() };
    struct ok_children c;
    CXType result, operand;
    enum rule_opkind kind;

    if (clang_getCursorKind(op) != CXCursor_UnaryOperator)
        return RULE_OPKIND_UNKNOWN;
    c.n = 0;
    clang_visitChildren(op, ok_collect, &c);
    if (c.n != 1)
        return RULE_OPKIND_UNKNOWN;
    operands[0] = c.items[0];
    result = clang_getCanonicalType(clang_getCursorType(op));
    operand = clang_getCanonicalType(clang_getCursorType(operands[0]));
    kind = ok_unary_by_type(result, operand);
    if (kind != RULE_OPKIND_UNKNOWN)
        return kind;
    return ok_first_token(tu, clang_getRangeStart(clang_getCursorExtent(op)),
                          clang_getRangeStart(clang_getCursorExtent(operands[0])),
                          RULE_OPKIND_OTHER_UNARY);
}
#endif
