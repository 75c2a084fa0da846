/* Operators of operator cursors; see opcode.h. The text scan reads the unit's copy of the
 * file (clang_getFileContents), skipping blanks, comments and line continuations. */
#include "analyzer/opcode.h"

#include "analyzer/cursors.h"

#include <stddef.h>
#include <string.h>

const char *ecg_opcode_file_text(struct ecg_opcode_texts *texts, CXTranslationUnit tu, CXFile file,
                                 size_t *size)
{
    const char *text;
    unsigned slot;

    if (texts == NULL)
        return clang_getFileContents(tu, file, size);
    for (unsigned i = 0; i < ECG_OPCODE_TEXTS; i++) {
        if (texts->file[i] == file) {
            *size = texts->size[i];
            return texts->text[i];
        }
    }
    text = clang_getFileContents(tu, file, size);
    if (text == NULL)
        return NULL;
    slot = texts->next;
    texts->next = (slot + 1) % ECG_OPCODE_TEXTS;
    texts->file[slot] = file;
    texts->text[slot] = text;
    texts->size[slot] = *size;
    return text;
}

#if CINDEX_VERSION_MINOR < 64
#define SCAN_MAX 512u /* bytes between two operands worth reading */

struct spelled_op {
    const char *text;
    enum ecg_op op;
};

/* Longest first, so that "<<=" is not read as "<". Compound assignments map to the
 * operator they apply; the cursor kind tells them from plain ones. */
static const struct spelled_op binary_ops[] = {
    { "<<=", ECG_OP_SHL }, { ">>=", ECG_OP_SHR }, { "==", ECG_OP_EQ },    { "!=", ECG_OP_NE },
    { "<=", ECG_OP_LE },   { ">=", ECG_OP_GE },   { "&&", ECG_OP_LAND },  { "||", ECG_OP_LOR },
    { "<<", ECG_OP_SHL },  { ">>", ECG_OP_SHR },  { "+=", ECG_OP_ADD },   { "-=", ECG_OP_SUB },
    { "*=", ECG_OP_MUL },  { "/=", ECG_OP_DIV },  { "%=", ECG_OP_REM },   { "&=", ECG_OP_AND },
    { "|=", ECG_OP_OR },   { "^=", ECG_OP_XOR },  { "=", ECG_OP_ASSIGN }, { "<", ECG_OP_LT },
    { ">", ECG_OP_GT },    { "+", ECG_OP_ADD },   { "-", ECG_OP_SUB },    { "*", ECG_OP_MUL },
    { "/", ECG_OP_DIV },   { "%", ECG_OP_REM },   { "&", ECG_OP_AND },    { "|", ECG_OP_OR },
    { "^", ECG_OP_XOR },   { ",", ECG_OP_COMMA },
};

static const struct spelled_op unary_ops[] = {
    { "++", ECG_OP_PREINC }, { "--", ECG_OP_PREDEC }, { "!", ECG_OP_NOT },
    { "~", ECG_OP_BITNOT },  { "-", ECG_OP_MINUS },   { "+", ECG_OP_PLUS },
    { "&", ECG_OP_ADDROF },  { "*", ECG_OP_DEREF },
};

/* A span of the unit's copy of one file. */
struct span {
    const char *text;
    size_t at;
    size_t end;
};

/* Skips a block comment opening at s->at. */
static void skip_comment(struct span *s)
{
    for (s->at += 2; s->at < s->end; s->at++) {
        if (s->text[s->at] == '*' && s->at + 1 < s->end && s->text[s->at + 1] == '/') {
            s->at += 2;
            return;
        }
    }
}

/* The length of the line comment opening at s->at (to the end of its line), or 0. */
static size_t line_comment(const struct span *s)
{
    size_t n = 2;

    if (s->at + 1 >= s->end || s->text[s->at] != '/' || s->text[s->at + 1] != '/')
        return 0;
    while (s->at + n < s->end && s->text[s->at + n] != '\n')
        n++;
    return n;
}

/* Skips blanks, comments and backslash-newlines from s->at. */
static void skip_blanks(struct span *s)
{
    while (s->at < s->end) {
        const char *p = s->text + s->at;
        size_t comment = line_comment(s);
        if (*p != '\0' && strchr(" \t\n\r\f\v\\", *p) != NULL)
            s->at++;
        else if (s->at + 1 < s->end && p[0] == '/' && p[1] == '*')
            skip_comment(s);
        else if (comment > 0)
            s->at += comment;
        else
            return;
    }
}

/* The operator spelled at s->at from table, advancing past it; ECG_OP_UNKNOWN when none. */
static enum ecg_op read_op(struct span *s, const struct spelled_op *table, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(table[i].text);
        if (s->at + len <= s->end && memcmp(s->text + s->at, table[i].text, len) == 0) {
            s->at += len;
            return table[i].op;
        }
    }
    return ECG_OP_UNKNOWN;
}

/* The file span from one location to another, when both are in the same file of cursor's
 * unit, in order and close together. */
static int file_span(struct span *out, struct ecg_opcode_texts *texts, CXCursor cursor,
                     CXSourceLocation from, CXSourceLocation to)
{
    CXFile f1, f2;
    unsigned o1, o2;
    size_t size = 0;
    const char *text;

    clang_getFileLocation(from, &f1, NULL, NULL, &o1);
    clang_getFileLocation(to, &f2, NULL, NULL, &o2);
    if (f1 == NULL || f2 == NULL || !clang_File_isEqual(f1, f2) || o1 > o2 || o2 - o1 > SCAN_MAX)
        return 0;
    text = ecg_opcode_file_text(texts, clang_Cursor_getTranslationUnit(cursor), f1, &size);
    if (text == NULL || o2 > size)
        return 0;
    out->text = text;
    out->at = o1;
    out->end = o2;
    return 1;
}

/* The operator written alone between from and to, from table. */
static enum ecg_op op_between(struct ecg_opcode_texts *texts, CXCursor cursor,
                              CXSourceLocation from, CXSourceLocation to,
                              const struct spelled_op *table, size_t n)
{
    struct span s;
    enum ecg_op op;

    if (!file_span(&s, texts, cursor, from, to))
        return ECG_OP_UNKNOWN;
    skip_blanks(&s);
    op = read_op(&s, table, n);
    skip_blanks(&s);
    return s.at == s.end ? op : ECG_OP_UNKNOWN;
}

static int same_type(CXType a, CXType b)
{
    return clang_equalTypes(clang_getCanonicalType(a), clang_getCanonicalType(b));
}

/* '&' and '*' from the types: &x points to x's type, *p has p's pointee type. An int
 * pointer's *p and !p are both int: the text tells those apart. */
static enum ecg_op op_from_types(CXCursor op, CXCursor operand)
{
    CXType result = clang_getCursorType(op);
    CXType arg = clang_getCursorType(operand);
    CXType arg_canon = clang_getCanonicalType(arg);

    if (clang_getCanonicalType(result).kind == CXType_Pointer &&
        same_type(clang_getPointeeType(clang_getCanonicalType(result)), arg))
        return ECG_OP_ADDROF;
    if (arg_canon.kind == CXType_Pointer && same_type(clang_getPointeeType(arg_canon), result) &&
        clang_getCanonicalType(result).kind != CXType_Int)
        return ECG_OP_DEREF;
    return ECG_OP_UNKNOWN;
}

/* Nonzero when loc is written in a macro argument (its file location is not where the
 * macro was expanded). */
static int in_macro_argument(CXSourceLocation loc)
{
    CXFile spelled_file, expanded_file;
    unsigned spelled, expanded;

    clang_getFileLocation(loc, &spelled_file, NULL, NULL, &spelled);
    clang_getExpansionLocation(loc, &expanded_file, NULL, NULL, &expanded);
    return spelled != expanded || !clang_File_isEqual(spelled_file, expanded_file);
}

static enum ecg_op binary_in(struct ecg_opcode_texts *texts, CXCursor op, CXCursor lhs,
                             CXCursor rhs)
{
    CXSourceLocation from = clang_getRangeEnd(clang_getCursorExtent(lhs));
    CXSourceLocation to = clang_getRangeStart(clang_getCursorExtent(rhs));
    enum ecg_op found =
        op_between(texts, op, from, to, binary_ops, sizeof(binary_ops) / sizeof(binary_ops[0]));

    /* a bare ',' between two macro arguments separates them: the operator is in the body */
    if (found == ECG_OP_COMMA && in_macro_argument(from))
        return ECG_OP_UNKNOWN;
    return found;
}

/* A postfix operator is written after its operand; a prefix one before it. */
static enum ecg_op unary_from_text(struct ecg_opcode_texts *texts, CXCursor op, CXCursor operand)
{
    CXSourceRange whole = clang_getCursorExtent(op);
    CXSourceRange inner = clang_getCursorExtent(operand);
    size_t n = sizeof(unary_ops) / sizeof(unary_ops[0]);
    enum ecg_op found;

    if (clang_equalLocations(clang_getRangeStart(whole), clang_getRangeStart(inner))) {
        found =
            op_between(texts, op, clang_getRangeEnd(inner), clang_getRangeEnd(whole), unary_ops, 2);
        if (found == ECG_OP_PREINC)
            return ECG_OP_POSTINC;
        return found == ECG_OP_PREDEC ? ECG_OP_POSTDEC : ECG_OP_UNKNOWN;
    }
    return op_between(texts, op, clang_getRangeStart(whole), clang_getRangeStart(inner), unary_ops,
                      n);
}

static enum ecg_op unary_in(struct ecg_opcode_texts *texts, CXCursor op, CXCursor operand)
{
    enum ecg_op by_type = op_from_types(op, operand);

    return by_type != ECG_OP_UNKNOWN ? by_type : unary_from_text(texts, op, operand);
}
#else
static const enum ecg_op binary_map[] = {
    [CXBinaryOperator_Mul] = ECG_OP_MUL,       [CXBinaryOperator_Div] = ECG_OP_DIV,
    [CXBinaryOperator_Rem] = ECG_OP_REM,       [CXBinaryOperator_Add] = ECG_OP_ADD,
    [CXBinaryOperator_Sub] = ECG_OP_SUB,       [CXBinaryOperator_Shl] = ECG_OP_SHL,
    [CXBinaryOperator_Shr] = ECG_OP_SHR,       [CXBinaryOperator_LT] = ECG_OP_LT,
    [CXBinaryOperator_GT] = ECG_OP_GT,         [CXBinaryOperator_LE] = ECG_OP_LE,
    [CXBinaryOperator_GE] = ECG_OP_GE,         [CXBinaryOperator_EQ] = ECG_OP_EQ,
    [CXBinaryOperator_NE] = ECG_OP_NE,         [CXBinaryOperator_And] = ECG_OP_AND,
    [CXBinaryOperator_Xor] = ECG_OP_XOR,       [CXBinaryOperator_Or] = ECG_OP_OR,
    [CXBinaryOperator_LAnd] = ECG_OP_LAND,     [CXBinaryOperator_LOr] = ECG_OP_LOR,
    [CXBinaryOperator_Assign] = ECG_OP_ASSIGN, [CXBinaryOperator_MulAssign] = ECG_OP_MUL,
    [CXBinaryOperator_DivAssign] = ECG_OP_DIV, [CXBinaryOperator_RemAssign] = ECG_OP_REM,
    [CXBinaryOperator_AddAssign] = ECG_OP_ADD, [CXBinaryOperator_SubAssign] = ECG_OP_SUB,
    [CXBinaryOperator_ShlAssign] = ECG_OP_SHL, [CXBinaryOperator_ShrAssign] = ECG_OP_SHR,
    [CXBinaryOperator_AndAssign] = ECG_OP_AND, [CXBinaryOperator_XorAssign] = ECG_OP_XOR,
    [CXBinaryOperator_OrAssign] = ECG_OP_OR,   [CXBinaryOperator_Comma] = ECG_OP_COMMA,
};

static const enum ecg_op unary_map[] = {
    [CXUnaryOperator_PostInc] = ECG_OP_POSTINC, [CXUnaryOperator_PostDec] = ECG_OP_POSTDEC,
    [CXUnaryOperator_PreInc] = ECG_OP_PREINC,   [CXUnaryOperator_PreDec] = ECG_OP_PREDEC,
    [CXUnaryOperator_AddrOf] = ECG_OP_ADDROF,   [CXUnaryOperator_Deref] = ECG_OP_DEREF,
    [CXUnaryOperator_Plus] = ECG_OP_PLUS,       [CXUnaryOperator_Minus] = ECG_OP_MINUS,
    [CXUnaryOperator_Not] = ECG_OP_BITNOT,      [CXUnaryOperator_LNot] = ECG_OP_NOT,
    [CXUnaryOperator_Real] = ECG_OP_OTHER,      [CXUnaryOperator_Imag] = ECG_OP_OTHER,
    [CXUnaryOperator_Extension] = ECG_OP_OTHER,
};

static enum ecg_op binary_in(struct ecg_opcode_texts *texts, CXCursor op, CXCursor lhs,
                             CXCursor rhs)
{
    enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(op);

    (void)texts;
    (void)lhs;
    (void)rhs;
    if ((size_t)k >= sizeof(binary_map) / sizeof(binary_map[0]))
        return ECG_OP_UNKNOWN;
    return binary_map[k];
}

static enum ecg_op unary_in(struct ecg_opcode_texts *texts, CXCursor op, CXCursor operand)
{
    enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(op);

    (void)texts;
    (void)operand;
    if ((size_t)k >= sizeof(unary_map) / sizeof(unary_map[0]))
        return ECG_OP_UNKNOWN;
    return unary_map[k];
}
#endif

enum ecg_op ecg_opcode_binary(CXCursor op, CXCursor lhs, CXCursor rhs)
{
    return binary_in(NULL, op, lhs, rhs);
}

enum ecg_op ecg_opcode_unary(CXCursor op, CXCursor operand)
{
    return unary_in(NULL, op, operand);
}

void ecg_opcode_texts_init(struct ecg_opcode_texts *texts)
{
    memset(texts, 0, sizeof(*texts));
}

enum ecg_op ecg_opcode_read(struct ecg_opcode_texts *texts, CXCursor op)
{
    enum CXCursorKind kind = clang_getCursorKind(op);
    CXCursor operands[2];
    unsigned n;

    if (kind != CXCursor_BinaryOperator && kind != CXCursor_CompoundAssignOperator &&
        kind != CXCursor_UnaryOperator)
        return ECG_OP_UNKNOWN;
    n = ecg_cursor_children(operands, 2, op);
    if (kind == CXCursor_UnaryOperator)
        return n == 1 ? unary_in(texts, op, operands[0]) : ECG_OP_UNKNOWN;
    return n == 2 ? binary_in(texts, op, operands[0], operands[1]) : ECG_OP_UNKNOWN;
}

enum ecg_op ecg_opcode_of(CXCursor op)
{
    return ecg_opcode_read(NULL, op);
}

static const char *const plain_spellings[] = {
    [ECG_OP_ASSIGN] = "=",  [ECG_OP_COMMA] = ",",    [ECG_OP_LAND] = "&&",
    [ECG_OP_LOR] = "||",    [ECG_OP_EQ] = "==",      [ECG_OP_NE] = "!=",
    [ECG_OP_LT] = "<",      [ECG_OP_LE] = "<=",      [ECG_OP_GT] = ">",
    [ECG_OP_GE] = ">=",     [ECG_OP_ADD] = "+",      [ECG_OP_SUB] = "-",
    [ECG_OP_MUL] = "*",     [ECG_OP_DIV] = "/",      [ECG_OP_REM] = "%",
    [ECG_OP_SHL] = "<<",    [ECG_OP_SHR] = ">>",     [ECG_OP_AND] = "&",
    [ECG_OP_OR] = "|",      [ECG_OP_XOR] = "^",      [ECG_OP_DEREF] = "*",
    [ECG_OP_ADDROF] = "&",  [ECG_OP_PLUS] = "+",     [ECG_OP_MINUS] = "-",
    [ECG_OP_NOT] = "!",     [ECG_OP_BITNOT] = "~",   [ECG_OP_PREINC] = "++",
    [ECG_OP_PREDEC] = "--", [ECG_OP_POSTINC] = "++", [ECG_OP_POSTDEC] = "--",
};

static const char *const compound_spellings[] = {
    [ECG_OP_ADD] = "+=", [ECG_OP_SUB] = "-=",  [ECG_OP_MUL] = "*=",  [ECG_OP_DIV] = "/=",
    [ECG_OP_REM] = "%=", [ECG_OP_SHL] = "<<=", [ECG_OP_SHR] = ">>=", [ECG_OP_AND] = "&=",
    [ECG_OP_OR] = "|=",  [ECG_OP_XOR] = "^=",
};

const char *ecg_opcode_spelling(enum ecg_op op, int compound)
{
    if (compound)
        return (size_t)op < sizeof(compound_spellings) / sizeof(compound_spellings[0])
                   ? compound_spellings[op]
                   : NULL;
    return (size_t)op < sizeof(plain_spellings) / sizeof(plain_spellings[0]) ? plain_spellings[op]
                                                                             : NULL;
}

enum ecg_op ecg_opcode_mirror(enum ecg_op op)
{
    switch (op) {
    case ECG_OP_LT:
        return ECG_OP_GT;
    case ECG_OP_LE:
        return ECG_OP_GE;
    case ECG_OP_GT:
        return ECG_OP_LT;
    case ECG_OP_GE:
        return ECG_OP_LE;
    default:
        return op;
    }
}
