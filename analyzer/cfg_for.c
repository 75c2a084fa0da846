/* Which child of a for statement is its init, condition, increment and body. libclang
 * leaves absent parts out of the children, so `for (; c;)` and `for (;; i++)` both have
 * one child before the body. The semicolons of the header tell them apart; when the
 * header is not written in the file (a macro made it), the shape of the parts does. */
#include <string.h>

#include "analyzer/cfg.h"

struct header_scan {
    const char *text;
    size_t size;
    CXFile file;
    unsigned pos; /* scanning position in text */
};

/* The file offset of loc when it lies in the scan's file. */
static int offset_in(const struct header_scan *s, CXSourceLocation loc, unsigned *out)
{
    CXFile file;
    unsigned off;

    clang_getFileLocation(loc, &file, NULL, NULL, &off);
    if (file == NULL || !clang_File_isEqual(file, s->file) || off > s->size)
        return 0;
    *out = off;
    return 1;
}

/* The index past the block comment opening at text[i] (its slash-star is known). */
static unsigned past_block_comment(const char *text, unsigned i, unsigned end)
{
    for (i += 2; i + 1 < end; i++) {
        if (text[i] == '*' && text[i + 1] == '/')
            return i + 2;
    }
    return end;
}

/* The index past the comment opening at text[i], or i when none opens there. */
static unsigned past_comment(const char *text, unsigned i, unsigned end)
{
    if (i + 1 >= end || text[i] != '/')
        return i;
    if (text[i + 1] == '*')
        return past_block_comment(text, i, end);
    if (text[i + 1] != '/')
        return i;
    while (i < end && text[i] != '\n')
        i++;
    return i;
}

/* Counts the semicolons from s->pos to end, outside comments. */
static unsigned count_semicolons(const struct header_scan *s, unsigned end)
{
    unsigned n = 0;
    unsigned i = s->pos;

    while (i < end) {
        unsigned next = past_comment(s->text, i, end);
        if (next != i) {
            i = next;
            continue;
        }
        n += s->text[i] == ';';
        i++;
    }
    return n;
}

static unsigned skip_spaces(const struct header_scan *s, unsigned off)
{
    while (off < s->size && (s->text[off] == ' ' || s->text[off] == '\t'))
        off++;
    return off;
}

/* Opens the scan at the '(' after the for keyword. */
static int open_header(struct header_scan *s, CXCursor for_stmt)
{
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(for_stmt));
    unsigned off;

    clang_getFileLocation(start, &s->file, NULL, NULL, &off);
    if (s->file == NULL)
        return 0;
    s->text = clang_getFileContents(clang_Cursor_getTranslationUnit(for_stmt), s->file, &s->size);
    if (s->text == NULL || off + 3 > s->size || memcmp(s->text + off, "for", 3) != 0)
        return 0;
    off = skip_spaces(s, off + 3);
    if (off >= s->size || s->text[off] != '(')
        return 0;
    s->pos = off + 1;
    return 1;
}

/* The file span of a header part, when it lies ahead of the scan. */
static int part_span(const struct header_scan *s, CXCursor part, unsigned *begin, unsigned *end)
{
    CXSourceRange r = clang_getCursorExtent(part);

    return offset_in(s, clang_getRangeStart(r), begin) && offset_in(s, clang_getRangeEnd(r), end) &&
           *begin >= s->pos && *end >= *begin;
}

/* Roles from the header text: a part preceded by no semicolon is the init, by one the
 * condition, by two the increment. */
static int parts_from_text(uint32_t out[4], const struct ecg_fir *fir, uint32_t for_node,
                           const uint32_t *kids, size_t k)
{
    struct header_scan s;
    unsigned semis = 0;
    int last = -1;

    if (!open_header(&s, fir->nodes[for_node].cursor))
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned begin, end;

        if (!part_span(&s, fir->nodes[kids[i]].cursor, &begin, &end))
            return 0;
        semis += count_semicolons(&s, begin);
        if ((int)semis <= last || semis > 2)
            return 0;
        out[semis] = kids[i];
        last = (int)semis;
        s.pos = end;
        if (ecg_fir_kind(fir, kids[i]) == CXCursor_DeclStmt)
            semis++; /* a declaration's extent holds its semicolon */
    }
    return 1;
}

static enum ecg_op op_of(const struct ecg_fir *fir, uint32_t node, const struct ecg_cfg_hooks *h)
{
    uint32_t first = ecg_fir_first_child(fir, node);
    uint32_t second = first != ECG_FIR_NONE ? ecg_fir_next_sibling(fir, first) : ECG_FIR_NONE;
    enum CXCursorKind kind = ecg_fir_kind(fir, node);

    if (h != NULL)
        return h->op(h->arg, node);
    if (kind == CXCursor_UnaryOperator && first != ECG_FIR_NONE)
        return ecg_opcode_unary(fir->nodes[node].cursor, fir->nodes[first].cursor);
    if ((kind != CXCursor_BinaryOperator && kind != CXCursor_CompoundAssignOperator) ||
        second == ECG_FIR_NONE)
        return ECG_OP_UNKNOWN;
    return ecg_opcode_binary(fir->nodes[node].cursor, fir->nodes[first].cursor,
                             fir->nodes[second].cursor);
}

/* What a header part looks like: 0 init, 1 condition, 2 increment. */
static int shape_role(const struct ecg_fir *fir, uint32_t node, const struct ecg_cfg_hooks *h)
{
    enum CXCursorKind kind = ecg_fir_kind(fir, node);
    enum ecg_op op;

    if (kind == CXCursor_DeclStmt)
        return 0;
    if (kind == CXCursor_CompoundAssignOperator)
        return 2;
    op = op_of(fir, node, h);
    if (op >= ECG_OP_PREINC && op <= ECG_OP_POSTDEC)
        return 2;
    return op == ECG_OP_ASSIGN || op == ECG_OP_COMMA ? 0 : 1;
}

/* Roles from the parts' shapes, for headers made by macros. */
static void parts_from_shape(uint32_t out[4], const struct ecg_fir *fir, const uint32_t *kids,
                             size_t k, const struct ecg_cfg_hooks *h)
{
    int first = shape_role(fir, kids[0], h);

    if (k == 1) {
        out[first] = kids[0];
        return;
    }
    if (first == 1) {
        out[1] = kids[0];
        out[2] = kids[1];
    } else if (shape_role(fir, kids[1], h) == 1) {
        out[0] = kids[0];
        out[1] = kids[1];
    } else {
        out[0] = kids[0];
        out[2] = kids[1];
    }
}

void ecg_cfg_for_parts(uint32_t out[4], const struct ecg_fir *fir, uint32_t for_node,
                       const struct ecg_cfg_hooks *hooks)
{
    uint32_t kids[4];
    size_t n = 0;

    for (int i = 0; i < 4; i++)
        out[i] = ECG_FIR_NONE;
    for (uint32_t c = ecg_fir_first_child(fir, for_node); c != ECG_FIR_NONE && n < 4;
         c = ecg_fir_next_sibling(fir, c))
        kids[n++] = c;
    if (n == 0)
        return;
    out[3] = kids[n - 1];
    if (n == 4) {
        memcpy(out, kids, 3 * sizeof(*kids));
        return;
    }
    if (n > 1 && !parts_from_text(out, fir, for_node, kids, n - 1)) {
        for (int i = 0; i < 3; i++)
            out[i] = ECG_FIR_NONE;
        parts_from_shape(out, fir, kids, n - 1, hooks);
    }
}
