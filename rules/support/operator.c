/* Operator spellings; see operator.h. */
#include "rules/support/operator.h"

#include <stdio.h>
#include <string.h>

struct op_operands {
    CXCursor items[2];
    unsigned n;
};

static enum CXChildVisitResult collect(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct op_operands *o = data;

    (void)parent;
    if (o->n < 2)
        o->items[o->n] = cursor;
    o->n++;
    return CXChildVisit_Continue;
}

#if CINDEX_VERSION_MINOR >= 64
static int copy_spelling(char *out, size_t size, CXString s)
{
    const char *text = clang_getCString(s);
    int ok = text != NULL && text[0] != '\0';

    if (ok)
        snprintf(out, size, "%s", text);
    clang_disposeString(s);
    return ok;
}

static int read_operator(char *out, size_t size, CXTranslationUnit tu, CXCursor op,
                         const struct op_operands *o)
{
    (void)tu;
    (void)o;
    if (clang_getCursorKind(op) == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind kind = clang_getCursorUnaryOperatorKind(op);
        if (kind == CXUnaryOperator_Invalid)
            return 0;
        return copy_spelling(out, size, clang_getUnaryOperatorKindSpelling(kind));
    }
    enum CXBinaryOperatorKind kind = clang_getCursorBinaryOperatorKind(op);
    if (kind == CXBinaryOperator_Invalid)
        return 0;
    return copy_spelling(out, size, clang_getBinaryOperatorKindSpelling(kind));
}
#else
static unsigned offset_of(CXSourceLocation loc)
{
    unsigned offset;

    clang_getExpansionLocation(loc, NULL, NULL, NULL, &offset);
    return offset;
}

/* The single punctuation token that starts in [from, to), when there is exactly one. Both
 * ends are taken at their expansion locations, so an operand from a macro ('p == NULL')
 * counts as the macro name written in the file. clang_tokenize may also return the token
 * that starts at to, so offsets decide. */
static int single_token(char *out, size_t size, CXTranslationUnit tu, CXSourceLocation from,
                        CXSourceLocation to)
{
    CXFile file, to_file;
    unsigned begin, end;
    CXToken *toks = NULL;
    unsigned n = 0, inside = 0, hit = 0;
    int ok = 0;

    clang_getExpansionLocation(from, &file, NULL, NULL, &begin);
    clang_getExpansionLocation(to, &to_file, NULL, NULL, &end);
    if (file == NULL || !clang_File_isEqual(file, to_file) || begin >= end)
        return 0;
    clang_tokenize(tu,
                   clang_getRange(clang_getLocationForOffset(tu, file, begin),
                                  clang_getLocationForOffset(tu, file, end)),
                   &toks, &n);
    for (unsigned i = 0; i < n; i++) {
        unsigned at = offset_of(clang_getTokenLocation(tu, toks[i]));
        if (at >= begin && at < end) {
            inside++;
            hit = i;
        }
    }
    if (inside == 1 && clang_getTokenKind(toks[hit]) == CXToken_Punctuation) {
        CXString s = clang_getTokenSpelling(tu, toks[hit]);
        snprintf(out, size, "%s", clang_getCString(s));
        clang_disposeString(s);
        ok = 1;
    }
    clang_disposeTokens(tu, toks, n);
    return ok;
}

/* Before libclang 17: the token between the operands, or before or after the one operand. */
static int read_operator(char *out, size_t size, CXTranslationUnit tu, CXCursor op,
                         const struct op_operands *o)
{
    CXSourceRange whole = clang_getCursorExtent(op);
    CXSourceRange first = clang_getCursorExtent(o->items[0]);

    if (o->n == 2)
        return single_token(out, size, tu, clang_getRangeEnd(first),
                            clang_getRangeStart(clang_getCursorExtent(o->items[1])));
    if (offset_of(clang_getRangeStart(whole)) < offset_of(clang_getRangeStart(first)))
        return single_token(out, size, tu, clang_getRangeStart(whole), clang_getRangeStart(first));
    return single_token(out, size, tu, clang_getRangeEnd(first), clang_getRangeEnd(whole));
}
#endif

int rule_operator_spelling(char *out, size_t size, CXTranslationUnit tu, CXCursor op)
{
    enum CXCursorKind kind = clang_getCursorKind(op);
    struct op_operands o;
    unsigned want = kind == CXCursor_UnaryOperator ? 1 : 2;

    if (size == 0 || (kind != CXCursor_BinaryOperator && kind != CXCursor_CompoundAssignOperator &&
                      kind != CXCursor_UnaryOperator))
        return 0;
    o.n = 0;
    clang_visitChildren(op, collect, &o);
    if (o.n != want)
        return 0;
    return read_operator(out, size, tu, op, &o);
}

int rule_operator_is(CXTranslationUnit tu, CXCursor op, const char *text)
{
    char spelled[8];

    return rule_operator_spelling(spelled, sizeof(spelled), tu, op) && strcmp(spelled, text) == 0;
}
