/* The operator of a unary, binary or compound assignment operator cursor. libclang 17+
 * answers directly; before that the operator is read from the file between the operands,
 * so an operator spelled inside a macro body (MIN(a, b)) is ECG_OP_UNKNOWN there. Unary
 * '&' and '*' are told apart by their types, which works inside macros too. */
#ifndef ECG_ANALYZER_OPCODE_H
#define ECG_ANALYZER_OPCODE_H

#include <clang-c/Index.h>

enum ecg_op {
    ECG_OP_UNKNOWN,
    /* binary; a compound assignment (+=) has the operator it applies (ECG_OP_ADD) */
    ECG_OP_ASSIGN,
    ECG_OP_COMMA,
    ECG_OP_LAND,
    ECG_OP_LOR,
    ECG_OP_EQ,
    ECG_OP_NE,
    ECG_OP_LT,
    ECG_OP_LE,
    ECG_OP_GT,
    ECG_OP_GE,
    ECG_OP_ADD,
    ECG_OP_SUB,
    ECG_OP_MUL,
    ECG_OP_DIV,
    ECG_OP_REM,
    ECG_OP_SHL,
    ECG_OP_SHR,
    ECG_OP_AND,
    ECG_OP_OR,
    ECG_OP_XOR,
    /* unary */
    ECG_OP_DEREF,
    ECG_OP_ADDROF,
    ECG_OP_PLUS,
    ECG_OP_MINUS,
    ECG_OP_NOT,
    ECG_OP_BITNOT,
    ECG_OP_PREINC,
    ECG_OP_PREDEC,
    ECG_OP_POSTINC,
    ECG_OP_POSTDEC,
    ECG_OP_OTHER, /* __extension__, __real, __imag */
};

/* The texts of a unit's files that operators were read from, kept in the caller's storage:
 * before libclang 17 each clang_getFileContents searches the unit's files (about 19,000
 * instructions in libclang 14), and a run of operators comes from few files. Valid for one
 * translation unit; zero it (or call ecg_opcode_texts_init) before the first use. */
#define ECG_OPCODE_TEXTS 32 /* a unit's functions and operators come from a dozen files */
struct ecg_opcode_texts {
    CXFile file[ECG_OPCODE_TEXTS];      /* NULL: slot empty */
    const char *text[ECG_OPCODE_TEXTS]; /* borrowed from the unit */
    size_t size[ECG_OPCODE_TEXTS];
    unsigned next; /* the slot replaced next, round robin */
};

/* Empties texts. */
void ecg_opcode_texts_init(struct ecg_opcode_texts *texts);

/* clang_getFileContents(tu, file, size) through texts (NULL: no cache), which keeps the
 * last ECG_OPCODE_TEXTS files asked; the text is the unit's, valid while tu lives. */
const char *ecg_opcode_file_text(struct ecg_opcode_texts *texts, CXTranslationUnit tu, CXFile file,
                                 size_t *size);

/* ecg_opcode_of, reading the file texts through texts (NULL: no cache). */
enum ecg_op ecg_opcode_read(struct ecg_opcode_texts *texts, CXCursor op);

/* The operator of a BinaryOperator or CompoundAssignOperator cursor with operands lhs and
 * rhs (its two children). */
enum ecg_op ecg_opcode_binary(CXCursor op, CXCursor lhs, CXCursor rhs);

/* The operator of a UnaryOperator cursor with its operand. */
enum ecg_op ecg_opcode_unary(CXCursor op, CXCursor operand);

/* The operator of any operator cursor (binary, compound assignment or unary), its operands
 * read with clang_visitChildren; ECG_OP_UNKNOWN for other cursors or a malformed one. For
 * callers without the function IR (analyzer/fir.h), which already has the operands. */
enum ecg_op ecg_opcode_of(CXCursor op);

/* How op is written: "==", "*", "++" ...; with compound, the assignment form ("+=", "<<=").
 * NULL for ECG_OP_UNKNOWN and ECG_OP_OTHER. */
const char *ecg_opcode_spelling(enum ecg_op op, int compound);

/* The comparison that holds with the operands swapped: < for >, >= for <= ...; any other
 * operator is returned as it is. */
enum ecg_op ecg_opcode_mirror(enum ecg_op op);

/* Nonzero for <, <=, >, >=, == and !=. */
static inline int ecg_opcode_is_comparison(enum ecg_op op)
{
    return op >= ECG_OP_EQ && op <= ECG_OP_GE;
}

#endif
