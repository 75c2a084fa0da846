/* Record layout from libclang; see layout.h. Anonymous members nest at most
 * LAYOUT_MAX_DEPTH deep; deeper ones are kept as one opaque field. */
#include "rules/support/layout.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/grow.h"

#define LAYOUT_MAX_DEPTH 8

struct layout_visit {
    struct rule_layout *layout;
    long long base; /* bits: offset of the record being visited in the outermost one */
    int depth;
    int failed; /* 0, or the ECG_E* code that stopped the visit */
};

void rule_layout_init(struct rule_layout *layout)
{
    memset(layout, 0, sizeof(*layout));
}

void rule_layout_fini(struct rule_layout *layout)
{
    free(layout->fields);
    memset(layout, 0, sizeof(*layout));
}

/* Nonzero when the field is an unnamed struct or union member whose fields belong to the
 * enclosing record (C11 anonymous members). */
static int is_anonymous_member(CXCursor field)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(field));
    CXCursor decl;

    if (type.kind != CXType_Record)
        return 0;
    decl = clang_getTypeDeclaration(type);
    return clang_Cursor_isAnonymousRecordDecl(decl) != 0 && clang_Cursor_isAnonymous(decl) != 0 &&
           clang_getFieldDeclBitWidth(field) < 0 && clang_Cursor_getOffsetOfField(field) >= 0;
}

static int layout_append(struct layout_visit *v, CXCursor field, long long offset)
{
    struct rule_layout *l = v->layout;
    struct rule_layout_field *f;
    int width = clang_getFieldDeclBitWidth(field);
    long long bytes = clang_Type_getSizeOf(clang_getCursorType(field));

    if (ecg_grow((void **)&l->fields, &l->cap, l->n + 1, sizeof(*l->fields)) != 0)
        return ECG_ENOMEM;
    f = &l->fields[l->n++];
    f->field = field;
    f->offset = offset;
    f->is_bitfield = clang_Cursor_isBitField(field) != 0;
    if (f->is_bitfield && width >= 0)
        f->size = width;
    else
        f->size = bytes > 0 ? bytes * 8 : 0;
    return 0;
}

static enum CXVisitorResult layout_visit_field(CXCursor field, CXClientData data)
{
    struct layout_visit *v = data;
    long long offset = clang_Cursor_getOffsetOfField(field);

    if (offset < 0)
        return CXVisit_Continue; /* invalid declaration: no place to give it */
    if (v->depth < LAYOUT_MAX_DEPTH && is_anonymous_member(field)) {
        struct layout_visit inner = *v;
        inner.base = v->base + offset;
        inner.depth = v->depth + 1;
        clang_Type_visitFields(clang_getCanonicalType(clang_getCursorType(field)),
                               layout_visit_field, &inner);
        v->failed = inner.failed;
        return v->failed != 0 ? CXVisit_Break : CXVisit_Continue;
    }
    v->failed = layout_append(v, field, v->base + offset);
    return v->failed != 0 ? CXVisit_Break : CXVisit_Continue;
}

int rule_layout_read(struct rule_layout *out, CXType record)
{
    struct layout_visit v = { out, 0, 0, 0 };
    CXType canon = clang_getCanonicalType(record);
    long long size = clang_Type_getSizeOf(canon);
    long long align = clang_Type_getAlignOf(canon);

    if (canon.kind != CXType_Record || size < 0 || align <= 0)
        return ECG_EPARSE;
    clang_Type_visitFields(canon, layout_visit_field, &v);
    out->size = size;
    out->align = align;
    return v.failed;
}

long long rule_layout_first_byte(const struct rule_layout_field *f)
{
    return f->offset / 8;
}

long long rule_layout_last_byte(const struct rule_layout_field *f)
{
    if (f->size <= 0)
        return f->offset / 8;
    return (f->offset + f->size - 1) / 8;
}
